// Package provider is the trustcloud Terraform provider: data sources and
// provider-defined functions that answer, from the trust-cloud catalog,
// where a region is, whether it is in the EU, and whether a
// SecNumCloud-qualified offer covers it.
package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

// Address is the provider's source address. Scripts and the plan analyzer
// rely on it: keep it.
const Address = "registry.terraform.io/trustcloud/trustcloud"

var (
	_ provider.Provider              = (*trustcloudProvider)(nil)
	_ provider.ProviderWithFunctions = (*trustcloudProvider)(nil)
)

// trustcloudProvider is the provider; version is the build's version.
type trustcloudProvider struct {
	version string
}

// providerModel is the provider block.
type providerModel struct {
	CatalogFile types.String `tfsdk:"catalog_file"`
}

// New returns a constructor of the provider for providerserver.Serve.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &trustcloudProvider{version: version}
	}
}

// Metadata names the provider: data sources are trustcloud_*, functions
// provider::trustcloud::*.
func (p *trustcloudProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "trustcloud"
	resp.Version = p.version
}

// Schema describes the provider block.
func (p *trustcloudProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	const (
		providerDesc = "The trustcloud provider answers, at `terraform plan`, where a cloud region is, " +
			"whether it is in the EU, and whether a SecNumCloud-qualified offer covers it, from trustcloud's " +
			"catalog of cloud operators, offers and regions. Use its data sources and functions in " +
			"`precondition` and `check` blocks so that a module refuses a region its data may not live in. " +
			"Functions need Terraform 1.8 or later and always read the embedded default catalog."
		catalogFileDesc = "Path to a catalog JSON file merged over the embedded default catalog: " +
			"its operators, offers, regions and Terraform provider mappings are added, or replace " +
			"the default entries with the same key. Data sources read the merged catalog; provider " +
			"functions cannot see provider configuration and always read the embedded default."
	)
	resp.Schema = schema.Schema{
		Description:         plain(providerDesc),
		MarkdownDescription: providerDesc,
		Attributes: map[string]schema.Attribute{
			"catalog_file": schema.StringAttribute{
				Description:         plain(catalogFileDesc),
				MarkdownDescription: catalogFileDesc,
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
	}
}

// Configure loads the catalog once and hands it to the data sources.
func (p *trustcloudProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if cfg.CatalogFile.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root("catalog_file"), "Unknown catalog file",
			"The catalog file path is not known until apply, but the catalog is needed to plan. "+
				"Set catalog_file to a literal path or to a variable known at plan time.")
		return
	}
	c, err := catalog.Load(cfg.CatalogFile.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("catalog_file"), "Invalid catalog", err.Error())
		return
	}
	resp.DataSourceData = c
}

// Resources returns none: the provider only reads the catalog.
func (p *trustcloudProvider) Resources(context.Context) []func() resource.Resource {
	return nil
}

// DataSources lists the data sources.
func (p *trustcloudProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewCatalogDataSource,
		NewOperatorsDataSource,
		NewOffersDataSource,
		NewRegionsDataSource,
		NewRegionDataSource,
	}
}

// Functions lists the provider-defined functions.
func (p *trustcloudProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{
		NewRegionInfoFunction,
		NewIsEUFunction,
		NewIsSecNumCloudFunction,
	}
}

// configureCatalog is the Configure step every data source shares: it
// takes the catalog the provider loaded. ProviderData is nil until the
// provider is configured (e.g. during validation).
func configureCatalog(providerData any, diags *diag.Diagnostics) *catalog.Catalog {
	if providerData == nil {
		return nil
	}
	c, ok := providerData.(*catalog.Catalog)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *catalog.Catalog, got %T. This is a bug in the trustcloud provider: please report it.", providerData))
		return nil
	}
	return c
}

// functionCatalog is the catalog functions read. The framework gives
// functions no access to provider configuration, so it is always the
// embedded default.
//
// Its clock is fixed at the catalog's as_of date. Terraform calls a
// function several times (validate, plan, apply) and expects the same
// result each time; a plan made before an expiry date and applied after it
// must not change its mind, and the same configuration must give the same
// answer on every machine. So a function judges whether a qualification
// has expired on the date the catalog's facts were checked, never on the
// wall clock: the same catalog (the same provider version) gives the same
// answer. The data sources, which Terraform reads once per run, judge on
// today's date.
func functionCatalog() (*catalog.Catalog, *function.FuncError) {
	c, err := functionCatalogSource()
	if err != nil {
		return nil, function.NewFuncError("the embedded trustcloud catalog is invalid: " + err.Error() +
			"; this is a bug in the trustcloud provider: please report it")
	}
	return c, nil
}

// functionCatalogSource gives the functions their catalog: pureCatalog.
// Tests replace it with a catalog whose as_of they choose, to show that
// the answer follows that date and not the wall clock.
var functionCatalogSource = pureCatalog

// pureCatalog is the embedded catalog on its as_of clock, built once.
var pureCatalog = sync.OnceValues(func() (*catalog.Catalog, error) {
	c, err := catalog.Default()
	if err != nil {
		return nil, err
	}
	return onAsOf(c)
})

// onAsOf returns the catalog with its clock stopped at the start (UTC) of
// its as_of date.
func onAsOf(c *catalog.Catalog) (*catalog.Catalog, error) {
	asOf, err := time.Parse(time.DateOnly, c.AsOf)
	if err != nil {
		return nil, fmt.Errorf("as_of %q is not a date (YYYY-MM-DD)", c.AsOf)
	}
	return c.WithClock(func() time.Time { return asOf }), nil
}

// functionCatalogNote ends every function description: users must know
// that catalog_file does not apply to functions.
const functionCatalogNote = " Functions cannot read provider configuration, so this function always uses the " +
	"catalog embedded in the provider, not the provider's `catalog_file`: use the `trustcloud_region` data " +
	"source to look a region up in a custom catalog. Requires Terraform 1.8 or later."

// functionClockNote ends the description of every function whose answer
// depends on SecNumCloud standing: why the catalog's date, not today.
const functionClockNote = " Whether a qualification has expired is judged on the catalog's `as_of` date, " +
	"not on today's: a provider function must give the same answer every time Terraform calls it with the same " +
	"arguments (at validate, plan and apply, on every machine), so the same catalog, that is the same provider " +
	"version, always gives the same answer. A qualification that expires after the catalog's date therefore " +
	"still counts here until the provider is upgraded; the `trustcloud_region` data source judges on today's " +
	"date, and its `offers` give each expiry date."

// plain turns a Markdown description into the plain-text one: tooling
// such as the language server shows Description verbatim.
func plain(markdown string) string {
	return strings.ReplaceAll(markdown, "`", "")
}

// requireCatalog guards Read against a provider that was never configured,
// which Terraform prevents but a test harness might not.
func requireCatalog(c *catalog.Catalog, diags *diag.Diagnostics) bool {
	if c == nil {
		diags.AddError("Provider not configured",
			"The trustcloud provider has not loaded its catalog. Configure the provider (a provider \"trustcloud\" block, even empty) and try again.")
		return false
	}
	return true
}

// addQueryError reports a failed catalog query. A filter that names an
// unknown operator or Terraform provider is an error on the attribute
// that set it (attrs maps the query's filters to the data source's
// attributes), with the catalog's message, which lists the known values.
func addQueryError(diags *diag.Diagnostics, err error, attrs map[catalog.Filter]string) {
	var fe *catalog.FilterError
	if !errors.As(err, &fe) || attrs[fe.Filter] == "" {
		diags.AddError("Catalog query failed", err.Error()+". This is a bug in the trustcloud provider: please report it.")
		return
	}
	at := path.Root(attrs[fe.Filter])
	switch fe.Filter {
	case catalog.FilterOperator:
		diags.AddAttributeError(at, "Unknown operator",
			err.Error()+". Use one of the known operator ids (the trustcloud_operators data source lists them), "+
				"or add the operator with a catalog file in the provider's catalog_file.")
	case catalog.FilterProvider:
		diags.AddAttributeError(at, "Unknown Terraform provider", err.Error())
	default:
		diags.AddAttributeError(at, "Invalid filter", err.Error())
	}
}
