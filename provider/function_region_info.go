package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

var _ function.Function = (*regionInfoFunction)(nil)

// regionInfoFunction is provider::trustcloud::region_info.
type regionInfoFunction struct{}

// NewRegionInfoFunction returns the region_info function.
func NewRegionInfoFunction() function.Function {
	return &regionInfoFunction{}
}

func (f *regionInfoFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "region_info"
}

func (f *regionInfoFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	const desc = "Returns what the catalog says about a region (or zone) of a Terraform provider: an object " +
		"with the same attributes as the `trustcloud_region` data source (`operator`, `operator_name`, `code`, " +
		"`zone`, `kind`, `display_name`, `city`, `country`, `countries`, `eu`, `eea`, `secnumcloud_qualified`, " +
		"`evaluated_on`, `extraterritorial_exposure`, `offers`), each offer with its status, `standing`, dates and " +
		"ANSSI decision. Here `evaluated_on` is the catalog's `as_of` date. An unknown provider or region is an " +
		"error that names it and lists the known values, closest first." + functionClockNote + functionCatalogNote
	resp.Definition = function.Definition{
		Summary:             "Look up a region of a Terraform provider in the trustcloud catalog",
		Description:         plain(desc),
		MarkdownDescription: desc,
		Parameters:          regionParameters(),
		Return:              function.ObjectReturn{AttributeTypes: regionInfoAttrTypes()},
	}
}

func (f *regionInfoFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	c, info := runRegionLookup(ctx, req, resp)
	if info == nil {
		return
	}
	obj, diags := types.ObjectValueFrom(ctx, regionInfoAttrTypes(), newRegionInfoModel(c, info))
	resp.Error = function.FuncErrorFromDiags(ctx, diags)
	if resp.Error != nil {
		return
	}
	resp.Error = resp.Result.Set(ctx, obj)
}

// regionParameters are the parameters of every function that looks a
// region up: (terraform_provider, region).
func regionParameters() []function.Parameter {
	return []function.Parameter{
		function.StringParameter{
			Name:                "terraform_provider",
			Description:         plain(terraformProviderArgDesc),
			MarkdownDescription: terraformProviderArgDesc,
			Validators:          []function.StringParameterValidator{stringvalidator.LengthAtLeast(1)},
		},
		function.StringParameter{
			Name:                "region",
			Description:         plain(regionArgDesc),
			MarkdownDescription: regionArgDesc,
			Validators:          []function.StringParameterValidator{stringvalidator.LengthAtLeast(1)},
		},
	}
}

// runRegionLookup reads (terraform_provider, region) and looks the region
// up in the embedded catalog. It returns a nil RegionInfo after setting
// resp.Error when the arguments or the lookup fail.
func runRegionLookup(ctx context.Context, req function.RunRequest, resp *function.RunResponse) (*catalog.Catalog, *catalog.RegionInfo) {
	var source, region string
	resp.Error = req.Arguments.Get(ctx, &source, &region)
	if resp.Error != nil {
		return nil, nil
	}
	c, ferr := functionCatalog()
	if ferr != nil {
		resp.Error = ferr
		return nil, nil
	}
	info, arg, err := lookupRegion(c, source, region)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(arg, err.Error())
		return nil, nil
	}
	return c, info
}
