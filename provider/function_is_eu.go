package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
)

var _ function.Function = (*isEUFunction)(nil)

// isEUFunction is provider::trustcloud::is_eu.
type isEUFunction struct{}

// NewIsEUFunction returns the is_eu function.
func NewIsEUFunction() function.Function {
	return &isEUFunction{}
}

func (f *isEUFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "is_eu"
}

func (f *isEUFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	const desc = "Returns true when every country of a region (or zone) of a Terraform provider is a member " +
		"state of the European Union, false when one is not. An unknown provider or region is an error that " +
		"names it and lists the known values, closest first: never a silent `false`." + functionCatalogNote
	resp.Definition = function.Definition{
		Summary:             "Whether a region of a Terraform provider is in the European Union",
		Description:         plain(desc),
		MarkdownDescription: desc,
		Parameters:          regionParameters(),
		Return:              function.BoolReturn{},
	}
}

func (f *isEUFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	_, info := runRegionLookup(ctx, req, resp)
	if info == nil {
		return
	}
	resp.Error = resp.Result.Set(ctx, info.EU)
}
