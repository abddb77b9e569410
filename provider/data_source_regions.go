package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

var _ datasource.DataSourceWithConfigure = (*regionsDataSource)(nil)

// regionsDataSource is trustcloud_regions: the regions of the catalog,
// where they are and whether a qualified offer covers them.
type regionsDataSource struct {
	catalog *catalog.Catalog
}

type regionsDataSourceModel struct {
	Operator          types.String  `tfsdk:"operator"`
	TerraformProvider types.String  `tfsdk:"terraform_provider"`
	EUOnly            types.Bool    `tfsdk:"eu_only"`
	SecNumCloudOnly   types.Bool    `tfsdk:"secnumcloud_only"`
	Country           types.String  `tfsdk:"country"`
	Regions           []regionModel `tfsdk:"regions"`
}

type regionModel struct {
	Operator             types.String `tfsdk:"operator"`
	Code                 types.String `tfsdk:"code"`
	Kind                 types.String `tfsdk:"kind"`
	DisplayName          types.String `tfsdk:"display_name"`
	City                 types.String `tfsdk:"city"`
	Country              types.String `tfsdk:"country"`
	Countries            []string     `tfsdk:"countries"`
	Zones                []string     `tfsdk:"zones"`
	EU                   types.Bool   `tfsdk:"eu"`
	EEA                  types.Bool   `tfsdk:"eea"`
	SecNumCloudQualified types.Bool   `tfsdk:"secnumcloud_qualified"`
	Unverified           types.Bool   `tfsdk:"unverified"`
}

// NewRegionsDataSource returns the trustcloud_regions data source.
func NewRegionsDataSource() datasource.DataSource {
	return &regionsDataSource{}
}

func (d *regionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_regions"
}

func (d *regionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	const desc = "Lists the regions of the catalog, sorted by operator then code: where each is, whether it " +
		"is in the EU and the EEA, and whether a SecNumCloud-qualified offer covers it. Filters combine: a " +
		"region is listed only if it matches all of them. Use it to build the list of regions a sensitive " +
		"module may use, or to validate a variable."
	const providerDesc = "When set, list only the regions of the operators this Terraform provider source " +
		"can reach, written short (`hashicorp/aws`) or in full (`registry.terraform.io/hashicorp/aws`). For " +
		"`hashicorp/google` that is both Google Cloud and S3NS. A source the catalog does not know is an " +
		"error that lists the known ones."
	resp.Schema = schema.Schema{
		Description:         plain(desc),
		MarkdownDescription: desc,
		Attributes: map[string]schema.Attribute{
			"operator": schema.StringAttribute{
				Description: "When set, list only the regions of this operator, by catalog id (such as outscale). An id the catalog does not know is an error that lists the known ones.",
				Optional:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"terraform_provider": schema.StringAttribute{
				Description:         plain(providerDesc),
				MarkdownDescription: providerDesc,
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"eu_only": schema.BoolAttribute{
				Description: "When true, list only regions whose every country is an EU member state.",
				Optional:    true,
			},
			"secnumcloud_only": schema.BoolAttribute{
				Description: "When true, list only regions covered by an offer whose standing is qualified today: SecNumCloud-qualified on a confirmed source and not expired (an unconfirmed or expired qualification does not count).",
				Optional:    true,
			},
			"country": schema.StringAttribute{
				Description: "When set, list only regions located entirely in this country, an ISO 3166-1 alpha-2 code in any case (FR, fr). A multi-region matches only if all its countries are this one.",
				Optional:    true,
				Validators:  []validator.String{countryCode},
			},
			"regions": schema.ListNestedAttribute{
				Description: "The regions that match the filters, sorted by operator then code.",
				Computed:    true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"operator": schema.StringAttribute{
							Description: "The id of the operator that runs the region.",
							Computed:    true,
						},
						"code": schema.StringAttribute{
							Description: "The region's code, as the Terraform provider writes it, such as eu-west-3.",
							Computed:    true,
						},
						"kind": schema.StringAttribute{
							Description: "The kind of location: region, or multi_region for a location spanning several countries.",
							Computed:    true,
						},
						"display_name": schema.StringAttribute{
							Description: "The region's display name, such as West Europe; null when the provider has none.",
							Computed:    true,
						},
						"city": schema.StringAttribute{
							Description: "The city or area where the region's data centres are; null when not known.",
							Computed:    true,
						},
						"country": schema.StringAttribute{
							Description: "The ISO 3166-1 alpha-2 code of the region's country; null for a multi-region.",
							Computed:    true,
						},
						"countries": schema.ListAttribute{
							Description: "The ISO 3166-1 alpha-2 codes of every country the region spans: one for a region, several for a multi-region.",
							ElementType: types.StringType,
							Computed:    true,
						},
						"zones": schema.ListAttribute{
							Description: "The region's zones known to the catalog; the region data source and functions accept them in place of the region.",
							ElementType: types.StringType,
							Computed:    true,
						},
						"eu": schema.BoolAttribute{
							Description: "Whether every country of the region is a member state of the European Union.",
							Computed:    true,
						},
						"eea": schema.BoolAttribute{
							Description: "Whether every country of the region is in the European Economic Area.",
							Computed:    true,
						},
						"secnumcloud_qualified": schema.BoolAttribute{
							Description: "Whether an offer whose standing is qualified today (SecNumCloud-qualified on a confirmed source, not expired) covers the region; an unconfirmed or expired qualification does not count.",
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

func (d *regionsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.catalog = configureCatalog(req.ProviderData, &resp.Diagnostics)
}

func (d *regionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	c := d.catalog
	if !requireCatalog(c, &resp.Diagnostics) {
		return
	}
	var state regionsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	regions, err := c.FindRegions(catalog.RegionQuery{
		Operator:  state.Operator.ValueString(),
		Provider:  state.TerraformProvider.ValueString(),
		Country:   state.Country.ValueString(),
		EU:        state.EUOnly.ValueBool(),
		Qualified: state.SecNumCloudOnly.ValueBool(),
	})
	if err != nil {
		addQueryError(&resp.Diagnostics, err, map[catalog.Filter]string{
			catalog.FilterOperator: "operator",
			catalog.FilterProvider: "terraform_provider",
		})
		return
	}
	state.Regions = make([]regionModel, 0, len(regions))
	for _, r := range regions {
		state.Regions = append(state.Regions, regionModel{
			Operator:             types.StringValue(r.Operator),
			Code:                 types.StringValue(r.Code),
			Kind:                 types.StringValue(regionKind(r)),
			DisplayName:          optString(r.DisplayName),
			City:                 optString(r.City),
			Country:              optString(r.Country),
			Countries:            nonNil(r.CountryList()),
			Zones:                nonNil(r.Zones),
			EU:                   types.BoolValue(c.RegionInEU(r)),
			EEA:                  types.BoolValue(c.RegionInEEA(r)),
			SecNumCloudQualified: types.BoolValue(c.RegionQualified(r)),
			Unverified:           types.BoolValue(r.Unverified),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
