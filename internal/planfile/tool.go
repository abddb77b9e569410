package planfile

import (
	"io"
	"os"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// IsBinaryPlanFile reports whether the file at path is a binary plan file
// (a zip archive, as `terraform plan -out` writes).
func IsBinaryPlanFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer func() { _ = f.Close() }()
	head := make([]byte, 4)
	n, _ := io.ReadFull(f, head)
	return isBinaryPlan(head[:n])
}

// Tool tells which program made a plan: OpenTofu names its providers on
// its own registry (registry.opentofu.org); Terraform otherwise.
func Tool(p *tfjson.Plan) tfconfig.Tool {
	for _, rc := range p.ResourceChanges {
		if rc != nil && strings.HasPrefix(rc.ProviderName, "registry.opentofu.org/") {
			return tfconfig.OpenTofu
		}
	}
	if p.Config != nil {
		for _, pc := range p.Config.ProviderConfigs {
			if pc != nil && strings.HasPrefix(pc.FullName, "registry.opentofu.org/") {
				return tfconfig.OpenTofu
			}
		}
	}
	return tfconfig.Terraform
}
