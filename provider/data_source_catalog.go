package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

var _ datasource.DataSourceWithConfigure = (*catalogDataSource)(nil)

// catalogDataSource is trustcloud_catalog: which catalog the provider
// reads, and the sources its facts come from.
type catalogDataSource struct {
	catalog *catalog.Catalog
}

type catalogDataSourceModel struct {
	AsOf         types.String  `tfsdk:"as_of"`
	AnssiEdition types.String  `tfsdk:"anssi_edition"`
	Version      types.String  `tfsdk:"version"`
	Sources      []sourceModel `tfsdk:"sources"`
}

type sourceModel struct {
	ID    types.String `tfsdk:"id"`
	Title types.String `tfsdk:"title"`
	URL   types.String `tfsdk:"url"`
	Date  types.String `tfsdk:"date"`
}

// NewCatalogDataSource returns the trustcloud_catalog data source.
func NewCatalogDataSource() datasource.DataSource {
	return &catalogDataSource{}
}

func (d *catalogDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_catalog"
}

func (d *catalogDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	const desc = "Describes the catalog the provider reads: the date its facts were checked, the edition of " +
		"ANSSI's catalogue of qualified services its SecNumCloud statuses reflect, its version, and the sources " +
		"(ANSSI's list of qualified offers, operators' region pages …) every fact points at. Cite `as_of` and " +
		"`anssi_edition` next to any compliance decision taken from the catalog."
	resp.Schema = schema.Schema{
		Description:         plain(desc),
		MarkdownDescription: desc,
		Attributes: map[string]schema.Attribute{
			"as_of": schema.StringAttribute{
				Description: "The date (YYYY-MM-DD) the catalog's facts were last checked; a catalog_file that sets as_of overrides it.",
				Computed:    true,
			},
			"anssi_edition": schema.StringAttribute{
				Description: "The date (YYYY-MM-DD) of the edition of ANSSI's catalogue of qualified services that the catalog's SecNumCloud statuses reflect; a catalog_file that sets anssi_edition overrides it; null when no catalog document sets it. Each offer gives the edition its own status was read from.",
				Computed:    true,
			},
			"version": schema.StringAttribute{
				Description: "The catalog's version; a catalog_file that sets version overrides it.",
				Computed:    true,
			},
			"sources": schema.ListNestedAttribute{
				Description: "The documents the catalog's facts were taken from, sorted by id; offers, regions and operators point at them by id.",
				Computed:    true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id": schema.StringAttribute{
							Description: "The source's id, as listed in the source_ids of offers.",
							Computed:    true,
						},
						"title": schema.StringAttribute{
							Description: "The source's title.",
							Computed:    true,
						},
						"url": schema.StringAttribute{
							Description: "Where the source can be read; null when it has no URL.",
							Computed:    true,
						},
						"date": schema.StringAttribute{
							Description: "The source's publication or consultation date (YYYY-MM-DD, YYYY-MM or YYYY); null when it carries none.",
							Computed:    true,
						},
					},
				},
			},
		},
	}
}

func (d *catalogDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.catalog = configureCatalog(req.ProviderData, &resp.Diagnostics)
}

func (d *catalogDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	c := d.catalog
	if !requireCatalog(c, &resp.Diagnostics) {
		return
	}
	state := catalogDataSourceModel{
		AsOf:         types.StringValue(c.AsOf),
		AnssiEdition: optString(c.AnssiEdition),
		Version:      types.StringValue(c.Version),
		Sources:      make([]sourceModel, 0, len(c.Sources())),
	}
	for _, s := range c.Sources() {
		state.Sources = append(state.Sources, sourceModel{
			ID:    types.StringValue(s.ID),
			Title: types.StringValue(s.Title),
			URL:   optString(s.URL),
			Date:  optString(s.Date),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
