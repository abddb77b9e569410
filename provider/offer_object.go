package provider

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
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
	Standing             types.String `tfsdk:"standing"`
	SecNumCloudQualified types.Bool   `tfsdk:"secnumcloud_qualified"`
	Version              types.String `tfsdk:"version"`
	QualifiedOn          types.String `tfsdk:"qualified_on"`
	ExpiresOn            types.String `tfsdk:"expires_on"`
	Decision             types.String `tfsdk:"decision"`
	AnssiEdition         types.String `tfsdk:"anssi_edition"`
	Perimeter            types.String `tfsdk:"perimeter"`
	Milestones           types.Map    `tfsdk:"milestones"`
	Regions              []string     `tfsdk:"regions"`
	HybridTechnology     types.String `tfsdk:"hybrid_technology"`
	SourceIDs            []string     `tfsdk:"source_ids"`
	Unverified           types.Bool   `tfsdk:"unverified"`
}

// evaluatedOnDesc describes evaluated_on wherever offers are listed: the
// data sources judge on today's date, the functions on the catalog's as_of
// (see functionCatalog).
const evaluatedOnDesc = "The date (YYYY-MM-DD, UTC) on which standing and secnumcloud_qualified were judged: " +
	"today's date for the data sources, so that a qualification stops counting the day after it expires; the " +
	"catalog's as_of date for the provider functions, which must give the same answer every time Terraform calls " +
	"them with the same arguments."

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
			Description: "The SecNumCloud status of the offer as the catalog records it: qualified, J0, J1 or J2 (ANSSI milestones before the qualification decision), in_progress (under way at an unpublished milestone), unknown (the catalog does not know the status: neither a claim of progress nor of its absence), or none (not in the process). Read standing for what it means on the evaluation date.",
			Computed:    true,
		},
		"standing": schema.StringAttribute{
			Description: "What the status means on the evaluation date (evaluated_on next to the offers): qualified (qualified on a confirmed source and not expired), unconfirmed (recorded as qualified, but only on an unverified or secondary source: confirm it in ANSSI's catalogue of qualified services before relying on it), expired (expires_on has passed and no renewal is recorded), pending (J0 to J2 or in progress), unknown (the catalog does not know) or none. Only qualified satisfies a SecNumCloud requirement.",
			Computed:    true,
		},
		"secnumcloud_qualified": schema.BoolAttribute{
			Description: "Whether the offer counts as SecNumCloud-qualified on the evaluation date, that is whether standing is qualified. An unconfirmed qualification (recorded on an unverified source only) and an expired one (past expires_on, no renewal recorded) are false.",
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
		"decision": schema.StringAttribute{
			Description: "The number of ANSSI's qualification decision (its certificate), as ANSSI's catalogue of qualified services gives it; null when the catalog does not record one.",
			Computed:    true,
		},
		"anssi_edition": schema.StringAttribute{
			Description: "The date (YYYY-MM-DD) of the edition of ANSSI's catalogue of qualified services that the status, dates and decision were read from; null when they do not come from an edition the catalog records.",
			Computed:    true,
		},
		"perimeter": schema.StringAttribute{
			Description: "The service perimeter ANSSI's qualification names, such as the services and sites it covers; null when ANSSI names none or the catalog does not record it.",
			Computed:    true,
		},
		"milestones": schema.MapAttribute{
			Description: "The date (YYYY-MM-DD, or YYYY-MM or YYYY) each ANSSI milestone before the qualification decision was reached, keyed by milestone (J0, J1, J2); empty when none is recorded.",
			ElementType: types.StringType,
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
		Standing:             types.StringValue(string(c.Standing(o))),
		SecNumCloudQualified: types.BoolValue(c.Qualified(o)),
		Version:              optString(o.Version),
		QualifiedOn:          optString(o.QualifiedOn),
		ExpiresOn:            optString(o.ExpiresOn),
		Decision:             optString(o.Decision),
		AnssiEdition:         optString(o.Edition),
		Perimeter:            optString(o.Perimeter),
		Milestones:           stringMap(o.Milestones),
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

// stringMap converts a map of strings; nil gives an empty map, not null.
func stringMap(m map[string]string) types.Map {
	elems := make(map[string]attr.Value, len(m))
	for k, v := range m {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

// evaluatedOn is the date (UTC) of the catalog's clock: the day on which
// standing and secnumcloud_qualified are judged.
func evaluatedOn(c *catalog.Catalog) types.String {
	return types.StringValue(c.Now().UTC().Format(time.DateOnly))
}

// nonNil returns an empty slice for nil, so that lists are empty, not null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
