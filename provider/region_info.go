package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

// regionInfoModel is what the catalog says about one region of one
// Terraform provider: the computed attributes of trustcloud_region and the
// object region_info returns.
type regionInfoModel struct {
	Operator                 types.String `tfsdk:"operator"`
	OperatorName             types.String `tfsdk:"operator_name"`
	Code                     types.String `tfsdk:"code"`
	Zone                     types.String `tfsdk:"zone"`
	Kind                     types.String `tfsdk:"kind"`
	DisplayName              types.String `tfsdk:"display_name"`
	City                     types.String `tfsdk:"city"`
	Country                  types.String `tfsdk:"country"`
	Countries                []string     `tfsdk:"countries"`
	EU                       types.Bool   `tfsdk:"eu"`
	EEA                      types.Bool   `tfsdk:"eea"`
	SecNumCloudQualified     types.Bool   `tfsdk:"secnumcloud_qualified"`
	EvaluatedOn              types.String `tfsdk:"evaluated_on"`
	ExtraterritorialExposure types.Bool   `tfsdk:"extraterritorial_exposure"`
	Offers                   []offerModel `tfsdk:"offers"`
}

// regionInfoAttributes is the schema of regionInfoModel.
func regionInfoAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"operator": schema.StringAttribute{
			Description: "The id of the operator that runs the region, such as aws, outscale or s3ns.",
			Computed:    true,
		},
		"operator_name": schema.StringAttribute{
			Description: "The operator's name, such as Amazon Web Services.",
			Computed:    true,
		},
		"code": schema.StringAttribute{
			Description: "The region's code, as the Terraform provider writes it (eu-west-3, westeurope); a zone or display name given as input is normalised to it.",
			Computed:    true,
		},
		"zone": schema.StringAttribute{
			Description: "The zone given as input when it named a zone of the region (for example eu-west-3a); null when the input named the region itself.",
			Computed:    true,
		},
		"kind": schema.StringAttribute{
			Description: "The kind of location: region, or multi_region for a location spanning several countries (such as Google's EU).",
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
			Description: "The ISO 3166-1 alpha-2 code of the region's country, such as FR; null for a multi-region, whose countries are in countries.",
			Computed:    true,
		},
		"countries": schema.ListAttribute{
			Description: "The ISO 3166-1 alpha-2 codes of every country the region spans: one for a region, several for a multi-region.",
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
			Description: "Whether an offer whose standing is qualified covers the region on the date in evaluated_on: SecNumCloud-qualified on a confirmed source and not expired. An offer that is only in progress (J0 to J2), whose qualification is unconfirmed, or whose qualification has expired does not count; the offers attribute says which applies.",
			Computed:    true,
		},
		"evaluated_on": schema.StringAttribute{
			Description: evaluatedOnDesc,
			Computed:    true,
		},
		"extraterritorial_exposure": schema.BoolAttribute{
			Description: "Whether the operator is subject to non-EU laws with extraterritorial reach, such as the US CLOUD Act or FISA section 702; null when the catalog does not know its ownership chain.",
			Computed:    true,
		},
		"offers": schema.ListNestedAttribute{
			Description: "The operator's offers that cover the region, with their SecNumCloud status.",
			Computed:    true,
			NestedObject: schema.NestedAttributeObject{
				Attributes: offerAttributes(),
			},
		},
	}
}

// regionInfoAttrTypes is the object type of regionInfoModel, derived from
// the data source schema so that region_info and trustcloud_region cannot
// drift apart.
func regionInfoAttrTypes() map[string]attr.Type {
	attrs := regionInfoAttributes()
	out := make(map[string]attr.Type, len(attrs))
	for name, a := range attrs {
		out[name] = a.GetType()
	}
	return out
}

// newRegionInfoModel converts a catalog lookup.
func newRegionInfoModel(c *catalog.Catalog, info *catalog.RegionInfo) regionInfoModel {
	r := info.Region
	m := regionInfoModel{
		Code:                     types.StringValue(r.Code),
		Zone:                     optString(info.Zone),
		Kind:                     types.StringValue(regionKind(r)),
		DisplayName:              optString(r.DisplayName),
		City:                     optString(r.City),
		Country:                  optString(r.Country),
		Countries:                nonNil(r.CountryList()),
		EU:                       types.BoolValue(info.EU),
		EEA:                      types.BoolValue(info.EEA),
		SecNumCloudQualified:     types.BoolValue(info.Qualified),
		EvaluatedOn:              evaluatedOn(c),
		Operator:                 types.StringValue(r.Operator),
		OperatorName:             types.StringNull(),
		ExtraterritorialExposure: types.BoolNull(),
		Offers:                   newOfferModels(c, info.Offers),
	}
	if op := info.Operator; op != nil {
		m.OperatorName = types.StringValue(op.Name)
		m.ExtraterritorialExposure = types.BoolPointerValue(op.ExtraterritorialExposure)
	}
	return m
}

// regionKind is the region's kind, "region" when the catalog leaves it
// implicit.
func regionKind(r *catalog.Region) string {
	if r.Kind == "" {
		return catalog.KindRegion
	}
	return r.Kind
}

// Positions of the arguments of the functions that look a region up, for
// function.NewArgumentFuncError.
const (
	argTerraformProvider int64 = 0
	argRegion            int64 = 1
)

// lookupRegion looks up a region (or zone) of a Terraform provider source.
// On failure it returns which argument was wrong and the catalog's error,
// whose message names the input and lists known values, closest first.
func lookupRegion(c *catalog.Catalog, source, region string) (*catalog.RegionInfo, int64, error) {
	p, err := c.Provider(source)
	if err != nil {
		return nil, argTerraformProvider, err
	}
	if p.NotLocated {
		// RegionOf reports it; the provider, not the region, is at fault.
		_, err := c.RegionOf(source, region)
		return nil, argTerraformProvider, err
	}
	info, err := c.RegionOf(source, region)
	if err != nil {
		return nil, argRegion, err
	}
	return info, 0, nil
}

// lookupSummary is the diagnostic summary of a failed lookupRegion.
func lookupSummary(arg int64, err error) string {
	switch {
	case !catalog.IsNotFound(err):
		return "Not a regional location"
	case arg == argTerraformProvider:
		return "Unknown Terraform provider"
	}
	return "Unknown region"
}
