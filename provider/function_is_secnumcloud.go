package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
)

var _ function.Function = (*isSecNumCloudFunction)(nil)

// isSecNumCloudFunction is provider::trustcloud::is_secnumcloud.
type isSecNumCloudFunction struct{}

// NewIsSecNumCloudFunction returns the is_secnumcloud function.
func NewIsSecNumCloudFunction() function.Function {
	return &isSecNumCloudFunction{}
}

func (f *isSecNumCloudFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "is_secnumcloud"
}

func (f *isSecNumCloudFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	const desc = "Returns true when an offer whose standing is qualified (SecNumCloud-qualified on a confirmed " +
		"source, and not expired) covers a region (or zone) of a Terraform provider; false otherwise, including " +
		"for offers still in the qualification process (J0 to J2), for a qualification that rests on an " +
		"unconfirmed source only, and for one whose `expires_on` has passed with no renewal recorded. An unknown " +
		"provider or region is an error that names it and lists the known values, closest first: never a silent " +
		"`false`." + functionClockNote + functionCatalogNote
	resp.Definition = function.Definition{
		Summary:             "Whether a SecNumCloud-qualified offer covers a region of a Terraform provider",
		Description:         plain(desc),
		MarkdownDescription: desc,
		Parameters:          regionParameters(),
		Return:              function.BoolReturn{},
	}
}

// Run answers from the embedded catalog on its as_of clock (functionCatalog):
// the answer depends on the arguments and the provider version only.
func (f *isSecNumCloudFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	_, info := runRegionLookup(ctx, req, resp)
	if info == nil {
		return
	}
	resp.Error = resp.Result.Set(ctx, info.Qualified)
}
