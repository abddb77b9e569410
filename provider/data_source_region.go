package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

var _ datasource.DataSourceWithConfigure = (*regionDataSource)(nil)

// regionDataSource is trustcloud_region: everything the catalog says about
// one region of one Terraform provider.
type regionDataSource struct {
	catalog *catalog.Catalog
}

type regionDataSourceModel struct {
	TerraformProvider types.String `tfsdk:"terraform_provider"`
	Region            types.String `tfsdk:"region"`
	regionInfoModel
}

// NewRegionDataSource returns the trustcloud_region data source.
func NewRegionDataSource() datasource.DataSource {
	return &regionDataSource{}
}

func (d *regionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_region"
}

const (
	terraformProviderArgDesc = "The Terraform provider source that manages the resource, written short " +
		"(`hashicorp/aws`) or in full (`registry.terraform.io/hashicorp/aws`). A source the catalog does not " +
		"know is an error that lists the known ones, closest first."
	regionArgDesc = "The region as the provider writes it: a region code (`eu-west-3`), a display name " +
		"(`West Europe`) or a zone (`eu-west-3a`), which is normalised to its region. A value the catalog does " +
		"not know for that provider is an error that lists its known regions, closest first; it is never " +
		"silently treated as non-compliant or compliant."
)

func (d *regionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	const desc = "Looks up one region (or zone) of a Terraform provider in the catalog: its operator, country, " +
		"EU and EEA membership, whether a SecNumCloud-qualified offer covers it, whether the operator is exposed " +
		"to extraterritorial laws, and the offers that cover it. Use it in a `precondition` or `check` block to " +
		"refuse a region that the data of a module may not live in. Unlike the provider functions, it reads the " +
		"provider's `catalog_file` and judges whether a qualification has expired on today's date, not on the " +
		"catalog's `as_of` date."
	attrs := regionInfoAttributes()
	attrs["terraform_provider"] = schema.StringAttribute{
		Description:         plain(terraformProviderArgDesc),
		MarkdownDescription: terraformProviderArgDesc,
		Required:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["region"] = schema.StringAttribute{
		Description:         plain(regionArgDesc),
		MarkdownDescription: regionArgDesc,
		Required:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = schema.Schema{
		Description:         plain(desc),
		MarkdownDescription: desc,
		Attributes:          attrs,
	}
}

func (d *regionDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.catalog = configureCatalog(req.ProviderData, &resp.Diagnostics)
}

func (d *regionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	c := d.catalog
	if !requireCatalog(c, &resp.Diagnostics) {
		return
	}
	var state regionDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	info, arg, err := lookupRegion(c, state.TerraformProvider.ValueString(), state.Region.ValueString())
	if err != nil {
		at := path.Root("region")
		if arg == argTerraformProvider {
			at = path.Root("terraform_provider")
		}
		resp.Diagnostics.AddAttributeError(at, lookupSummary(arg, err), err.Error())
		return
	}
	state.regionInfoModel = newRegionInfoModel(c, info)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
