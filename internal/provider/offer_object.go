package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

// offerModel is one offer, as trustcloud_offers, trustcloud_region and
// region_info return it.
type offerModel struct {
	ID                   types.String `tfsdk:"id"`
	Operator             types.String `tfsdk:"operator"`
	Name                 types.String `tfsdk:"name"`
	Model                types.String `tfsdk:"model"`
	Status               types.String `tfsdk:"status"`
	SecNumCloudQualified types.Bool   `tfsdk:"secnumcloud_qualified"`
	Version              types.String `tfsdk:"version"`
	QualifiedOn          types.String `tfsdk:"qualified_on"`
	ExpiresOn            types.String `tfsdk:"expires_on"`
	Regions              []string     `tfsdk:"regions"`
	HybridTechnology     types.String `tfsdk:"hybrid_technology"`
	SourceIDs            []string     `tfsdk:"source_ids"`
	Unverified           types.Bool   `tfsdk:"unverified"`
}

// offerAttributes is the schema of one offer object.
func offerAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Description: "The offer's catalog id, stable across catalog versions.",
			Computed:    true,
		},
		"operator": schema.StringAttribute{
			Description: "The id of the operator that sells the offer, such as outscale or bleu.",
			Computed:    true,
		},
		"name": schema.StringAttribute{
			Description: "The offer's commercial name.",
			Computed:    true,
		},
		"model": schema.StringAttribute{
			Description: "The service models of the offer, IaaS, CaaS, PaaS or SaaS joined by a slash (for example IaaS/CaaS/PaaS); null when the catalog does not say.",
			Computed:    true,
		},
		"status": schema.StringAttribute{
			Description: "The SecNumCloud status of the offer: qualified, J0, J1 or J2 (ANSSI milestones before the qualification decision), in_progress (under way at an unpublished milestone), or none.",
			Computed:    true,
		},
		"secnumcloud_qualified": schema.BoolAttribute{
			Description: "Whether the offer is SecNumCloud-qualified today: its status is qualified and its qualification has not expired.",
			Computed:    true,
		},
		"version": schema.StringAttribute{
			Description: "The version of the SecNumCloud framework the status refers to, such as 3.2; null when not known.",
			Computed:    true,
		},
		"qualified_on": schema.StringAttribute{
			Description: "The date the offer was qualified (YYYY-MM-DD, or YYYY-MM or YYYY when only that is known); null when it is not qualified or the date is not known.",
			Computed:    true,
		},
		"expires_on": schema.StringAttribute{
			Description: "The date the qualification expires (YYYY-MM-DD, or YYYY-MM or YYYY when only that is known); null when not known.",
			Computed:    true,
		},
		"regions": schema.ListAttribute{
			Description: "The codes of the regions the offer covers; empty when the catalog does not know them.",
			ElementType: types.StringType,
			Computed:    true,
		},
		"hybrid_technology": schema.StringAttribute{
			Description: "The foreign technology a hybrid offer runs under local control, such as Microsoft Azure for Bleu or Google Cloud for S3NS; null for other offers.",
			Computed:    true,
		},
		"source_ids": schema.ListAttribute{
			Description: "The ids of the catalog sources these facts were taken from; the trustcloud_catalog data source lists the sources.",
			ElementType: types.StringType,
			Computed:    true,
		},
		"unverified": schema.BoolAttribute{
			Description: "Whether the catalog marks these facts as not verified against an authoritative source.",
			Computed:    true,
		},
	}
}

// newOfferModel converts a catalog offer.
func newOfferModel(c *catalog.Catalog, o *catalog.Offer) offerModel {
	return offerModel{
		ID:                   types.StringValue(o.ID),
		Operator:             types.StringValue(o.Operator),
		Name:                 types.StringValue(o.Name),
		Model:                optString(o.Model),
		Status:               types.StringValue(string(o.Status)),
		SecNumCloudQualified: types.BoolValue(c.Qualified(o)),
		Version:              optString(o.Version),
		QualifiedOn:          optString(o.QualifiedOn),
		ExpiresOn:            optString(o.ExpiresOn),
		Regions:              offerRegions(c, o),
		HybridTechnology:     optString(o.HybridTechnology),
		SourceIDs:            nonNil(o.SourceIDs),
		Unverified:           types.BoolValue(o.Unverified),
	}
}

// newOfferModels converts offers; the result is never nil, so that
// Terraform sees an empty list rather than null.
func newOfferModels(c *catalog.Catalog, offers []*catalog.Offer) []offerModel {
	out := make([]offerModel, 0, len(offers))
	for _, o := range offers {
		out = append(out, newOfferModel(c, o))
	}
	return out
}

// offerRegions lists the region codes an offer covers, with the catalog's
// "*" (every region of the operator) spelled out: users compare codes.
func offerRegions(c *catalog.Catalog, o *catalog.Offer) []string {
	out := []string{}
	seen := map[string]bool{}
	add := func(code string) {
		if !seen[code] {
			seen[code] = true
			out = append(out, code)
		}
	}
	for _, code := range o.Regions {
		if code != "*" {
			add(code)
			continue
		}
		for _, r := range c.Regions() {
			if r.Operator == o.RegionOperator() {
				add(r.Code)
			}
		}
	}
	return out
}

// optString maps the catalog's "not set" (empty) to null.
func optString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// nonNil returns an empty slice for nil, so that lists are empty, not null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
