package check_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/report"
	"github.com/trustcloud/trustcloud/internal/testtf"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// TestNewOnlyWorkspace: with NewOnly, the inventory before the plan is
// evaluated in the workspace the caller names, as the one after it is. A
// resource applied in workspace prod, whose region comes from
// terraform.workspace, and planned again unchanged, stays where it was:
// its findings are existing. Evaluated in the default workspace, the
// resource before would seem to have moved, and every finding would be
// new for a change that is not in the plan.
func TestNewOnlyWorkspace(t *testing.T) {
	r := testtf.Apply(t, testtf.Terraform(t), "../../testdata/adversarial/workspace-map", testtf.Options{Workspace: "prod"})
	r.Run(t, "plan", "-lock=false", "-out=again.tfplan")
	planJSON := r.Run(t, "show", "-json", "again.tfplan")
	plan := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(plan, planJSON, 0o600); err != nil {
		t.Fatal(err)
	}
	// The workspace comes from the caller (--workspace), not from a
	// record of it next to the configuration.
	if err := os.Remove(filepath.Join(r.Dir, ".terraform", "environment")); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	opts := check.Options{
		Plan: plan, Now: func() time.Time { return testNow }, ToolVersion: "v0.0.0-test",
		Workspace: "prod", WorkspaceFrom: "--workspace", NewOnly: true,
		Sources: func(tool tfconfig.Tool) (*tfconfig.Config, error) { return check.LoadSources(plan, r.Dir, tool) },
	}
	res := run(t, opts)
	if len(res.Report.Findings) == 0 {
		t.Fatal("no finding: outscale_net.data in us-east-2 should break the policy")
	}
	for _, f := range res.Report.Findings {
		if f.Address == "outscale_net.data" && f.Status != report.StatusExisting {
			t.Errorf("%s %s: status %q %v, want existing", f.Rule, f.Address, f.Status, f.NewBecause)
		}
	}
	for _, r := range res.Inventory.Resources {
		if r.Address == "outscale_net.data" && r.Location.Region != "us-east-2" {
			t.Errorf("outscale_net.data in %q, want us-east-2", r.Location.Region)
		}
	}
}
