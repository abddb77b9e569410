package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

var _ datasource.DataSourceWithConfigure = (*offersDataSource)(nil)

// serviceModels are the values of an offer's "/"-separated model.
var serviceModels = []string{"IaaS", "CaaS", "PaaS", "SaaS"}

// offersDataSource is trustcloud_offers: the commercial offers of the
// catalog and their SecNumCloud status.
type offersDataSource struct {
	catalog *catalog.Catalog
}

type offersDataSourceModel struct {
	Operator           types.String `tfsdk:"operator"`
	Status             types.String `tfsdk:"status"`
	Standing           types.String `tfsdk:"standing"`
	Model              types.String `tfsdk:"model"`
	ExpiringWithinDays types.Int64  `tfsdk:"expiring_within_days"`
	EvaluatedOn        types.String `tfsdk:"evaluated_on"`
	Offers             []offerModel `tfsdk:"offers"`
}

// NewOffersDataSource returns the trustcloud_offers data source.
func NewOffersDataSource() datasource.DataSource {
	return &offersDataSource{}
}

func (d *offersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_offers"
}

// values are the names of statuses or standings, for a OneOf validator.
func values[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

func (d *offersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	const desc = "Lists the cloud offers of the catalog with their SecNumCloud status (qualified, the ANSSI " +
		"milestones J0, J1 and J2, in progress, unknown, or none), their standing today (a qualification that " +
		"has expired, or that rests on an unconfirmed source, does not count), qualification and expiry dates, " +
		"ANSSI decision and covered regions, sorted by operator then id. Filters combine: an offer is listed " +
		"only if it matches all of them."
	const statusDesc = "When set, list only offers with this SecNumCloud status as the catalog records it: " +
		"`qualified`, `J0`, `J1`, `J2`, `in_progress`, `unknown` or `none`. `qualified` lists offers whose " +
		"status is qualified, including any whose qualification has expired or is unconfirmed; check `standing` " +
		"or `secnumcloud_qualified` for today's answer."
	const standingDesc = "When set, list only offers with this standing today: `qualified`, `unconfirmed`, " +
		"`expired`, `pending`, `unknown` or `none` (see `standing` in `offers`). `expired` lists the " +
		"qualifications whose `expires_on` has passed with no renewal recorded."
	const expiringDesc = "When set, list only offers recorded as qualified, and not yet expired, whose " +
		"qualification expires within this many days of today (UTC): an offer expiring on the last of those " +
		"days is listed. Unconfirmed qualifications are included, their `standing` says so; expired ones are " +
		"not (filter `standing = \"expired\"` for them), nor offers without an `expires_on`."
	const modelDesc = "When set, list only offers that include this service model: `IaaS`, `CaaS`, `PaaS` or " +
		"`SaaS`, in any case. An offer whose model is `IaaS/CaaS/PaaS` matches `IaaS`, `CaaS` and `PaaS`."
	resp.Schema = schema.Schema{
		Description:         plain(desc),
		MarkdownDescription: desc,
		Attributes: map[string]schema.Attribute{
			"operator": schema.StringAttribute{
				Description: "When set, list only the offers of this operator, by catalog id (such as outscale or bleu). An id the catalog does not know is an error that lists the known ones.",
				Optional:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"status": schema.StringAttribute{
				Description:         plain(statusDesc),
				MarkdownDescription: statusDesc,
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(values(catalog.Statuses)...)},
			},
			"standing": schema.StringAttribute{
				Description:         plain(standingDesc),
				MarkdownDescription: standingDesc,
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(values(catalog.Standings)...)},
			},
			"model": schema.StringAttribute{
				Description:         plain(modelDesc),
				MarkdownDescription: modelDesc,
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOfCaseInsensitive(serviceModels...)},
			},
			"expiring_within_days": schema.Int64Attribute{
				Description:         plain(expiringDesc),
				MarkdownDescription: expiringDesc,
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(1, catalog.MaxHorizonDays)},
			},
			"evaluated_on": schema.StringAttribute{
				Description: evaluatedOnDesc,
				Computed:    true,
			},
			"offers": schema.ListNestedAttribute{
				Description: "The offers that match the filters, sorted by operator then id.",
				Computed:    true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: offerAttributes(),
				},
			},
		},
	}
}

func (d *offersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.catalog = configureCatalog(req.ProviderData, &resp.Diagnostics)
}

func (d *offersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	c := d.catalog
	if !requireCatalog(c, &resp.Diagnostics) {
		return
	}
	var state offersDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	offers, err := c.FindOffers(catalog.OfferQuery{
		Operator: state.Operator.ValueString(),
		Status:   catalog.Status(state.Status.ValueString()),
		Standing: catalog.Standing(state.Standing.ValueString()),
		Model:    state.Model.ValueString(),
		Expiring: catalog.Horizon{Days: int(state.ExpiringWithinDays.ValueInt64())},
	})
	if err != nil {
		addQueryError(&resp.Diagnostics, err, map[catalog.Filter]string{catalog.FilterOperator: "operator"})
		return
	}
	state.EvaluatedOn = evaluatedOn(c)
	state.Offers = newOfferModels(c, offers)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
