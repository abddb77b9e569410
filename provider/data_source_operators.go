package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

var _ datasource.DataSourceWithConfigure = (*operatorsDataSource)(nil)

// countryCode accepts an ISO 3166-1 alpha-2 code in any case; the catalog
// says whether it knows the country.
var countryCode = stringvalidator.RegexMatches(regexp.MustCompile(`^[A-Za-z]{2}$`),
	"must be an ISO 3166-1 alpha-2 country code such as FR")

// operatorsDataSource is trustcloud_operators: the cloud operators of the
// catalog and their jurisdiction.
type operatorsDataSource struct {
	catalog *catalog.Catalog
}

type operatorsDataSourceModel struct {
	SecNumCloudOnly types.Bool      `tfsdk:"secnumcloud_only"`
	Country         types.String    `tfsdk:"country"`
	Operators       []operatorModel `tfsdk:"operators"`
}

type operatorModel struct {
	ID                       types.String `tfsdk:"id"`
	Name                     types.String `tfsdk:"name"`
	LegalName                types.String `tfsdk:"legal_name"`
	Country                  types.String `tfsdk:"country"`
	ParentJurisdiction       types.String `tfsdk:"parent_jurisdiction"`
	ExtraterritorialExposure types.Bool   `tfsdk:"extraterritorial_exposure"`
	ExtraterritorialLaws     []string     `tfsdk:"extraterritorial_laws"`
	HybridTechnology         types.String `tfsdk:"hybrid_technology"`
	SecNumCloudQualified     types.Bool   `tfsdk:"secnumcloud_qualified"`
	TerraformProviders       []string     `tfsdk:"terraform_providers"`
	Unverified               types.Bool   `tfsdk:"unverified"`
}

// NewOperatorsDataSource returns the trustcloud_operators data source.
func NewOperatorsDataSource() datasource.DataSource {
	return &operatorsDataSource{}
}

func (d *operatorsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_operators"
}

func (d *operatorsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	const desc = "Lists the cloud operators of the catalog, sorted by id, with the country they are " +
		"incorporated in, the jurisdiction of their parent company, whether non-EU extraterritorial laws " +
		"(US CLOUD Act, FISA 702) reach them, and the Terraform providers that manage their resources. " +
		"Filters combine: an operator is listed only if it matches all of them."
	resp.Schema = schema.Schema{
		Description:         plain(desc),
		MarkdownDescription: desc,
		Attributes: map[string]schema.Attribute{
			"secnumcloud_only": schema.BoolAttribute{
				Description: "When true, list only operators with at least one offer whose standing is qualified today: SecNumCloud-qualified on a confirmed source and not expired (an unconfirmed or expired qualification does not count).",
				Optional:    true,
			},
			"country": schema.StringAttribute{
				Description: "When set, list only operators incorporated in this country, an ISO 3166-1 alpha-2 code in any case (FR, fr).",
				Optional:    true,
				Validators:  []validator.String{countryCode},
			},
			"operators": schema.ListNestedAttribute{
				Description: "The operators that match the filters, sorted by id.",
				Computed:    true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id": schema.StringAttribute{
							Description: "The operator's catalog id, such as outscale; the other data sources filter on it.",
							Computed:    true,
						},
						"name": schema.StringAttribute{
							Description: "The operator's name.",
							Computed:    true,
						},
						"legal_name": schema.StringAttribute{
							Description: "The legal name of the entity that runs the cloud; null when not recorded.",
							Computed:    true,
						},
						"country": schema.StringAttribute{
							Description: "The ISO 3166-1 alpha-2 code of the country the operating entity is incorporated in.",
							Computed:    true,
						},
						"parent_jurisdiction": schema.StringAttribute{
							Description: "The ISO 3166-1 alpha-2 code of the jurisdiction of the ultimate parent company; null when not recorded.",
							Computed:    true,
						},
						"extraterritorial_exposure": schema.BoolAttribute{
							Description: "Whether the operator is subject to non-EU laws with extraterritorial reach; null when the catalog does not know its ownership chain.",
							Computed:    true,
						},
						"extraterritorial_laws": schema.ListAttribute{
							Description: "The extraterritorial laws the operator is subject to, such as US CLOUD Act; empty when none is recorded.",
							ElementType: types.StringType,
							Computed:    true,
						},
						"hybrid_technology": schema.StringAttribute{
							Description: "The foreign technology the operator runs under local control, for hybrid operators such as Bleu or S3NS; null otherwise.",
							Computed:    true,
						},
						"secnumcloud_qualified": schema.BoolAttribute{
							Description: "Whether at least one of the operator's offers is SecNumCloud-qualified today, on a confirmed source and not expired.",
							Computed:    true,
						},
						"terraform_providers": schema.ListAttribute{
							Description: "The Terraform provider sources (such as hashicorp/aws) whose resources can run at this operator.",
							ElementType: types.StringType,
							Computed:    true,
						},
						"unverified": schema.BoolAttribute{
							Description: "Whether the catalog marks these facts as not verified against an authoritative source.",
							Computed:    true,
						},
					},
				},
			},
		},
	}
}

func (d *operatorsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.catalog = configureCatalog(req.ProviderData, &resp.Diagnostics)
}

func (d *operatorsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	c := d.catalog
	if !requireCatalog(c, &resp.Diagnostics) {
		return
	}
	var state operatorsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	operators := c.FindOperators(catalog.OperatorQuery{
		Country:   state.Country.ValueString(),
		Qualified: state.SecNumCloudOnly.ValueBool(),
	})
	state.Operators = make([]operatorModel, 0, len(operators))
	for _, o := range operators {
		state.Operators = append(state.Operators, operatorModel{
			ID:                       types.StringValue(o.ID),
			Name:                     types.StringValue(o.Name),
			LegalName:                optString(o.LegalName),
			Country:                  types.StringValue(o.Country),
			ParentJurisdiction:       optString(o.ParentJurisdiction),
			ExtraterritorialExposure: types.BoolPointerValue(o.ExtraterritorialExposure),
			ExtraterritorialLaws:     nonNil(o.ExtraterritorialLaws),
			HybridTechnology:         optString(o.HybridTechnology),
			SecNumCloudQualified:     types.BoolValue(c.OperatorQualified(o.ID)),
			TerraformProviders:       nonNil(c.ProvidersOf(o.ID)),
			Unverified:               types.BoolValue(o.Unverified),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
