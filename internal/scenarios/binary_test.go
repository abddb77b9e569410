package scenarios_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/testtf"
)

// TestBinaryPlan plans a scenario with real Terraform into a binary plan
// file, then checks that trustcloud reads it (through `terraform show
// -json`) exactly as it reads the committed plan.json. Terraform is
// required: the binary-plan path must be tested for real.
func TestBinaryPlan(t *testing.T) {
	tf := testtf.Terraform(t)
	res := testtf.Plan(t, tf, filepath.Join(root, "ministry"), testtf.Options{})
	// planfile.Load runs `terraform show -json` itself: it needs the same CLI
	// configuration (the test provider's dev_overrides) to read the plan.
	res.Setenv(t)

	cat := defaultCatalog(t)
	binary, _, err := planfile.Load(res.PlanFile, planfile.LoadOptions{Terraform: tf.Path})
	if err != nil {
		t.Fatalf("loading the binary plan: %v", err)
	}
	committed, _, err := planfile.Load(filepath.Join(root, "ministry", "plan.json"), planfile.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := inventory.Build(binary, "plan.tfplan", cat, policy.Default())
	want, _ := inventory.Build(committed, "plan.json", cat, policy.Default())
	if len(got.Resources) != len(want.Resources) || len(got.Resources) == 0 {
		t.Fatalf("binary plan: %d resources, plan.json: %d", len(got.Resources), len(want.Resources))
	}
	for i, r := range got.Resources {
		w := want.Resources[i]
		if r.Address != w.Address || r.Location.Status != w.Location.Status || r.Location.Region != w.Location.Region || r.Sensitivity.Level != w.Sensitivity.Level {
			t.Errorf("binary plan %s %s %s %s; plan.json %s %s %s %s", r.Address, r.Location.Status, r.Location.Region, r.Sensitivity.Level,
				w.Address, w.Location.Status, w.Location.Region, w.Sensitivity.Level)
		}
	}

	// Without terraform, a binary plan is an error that says what to do.
	t.Setenv("PATH", t.TempDir())
	_, _, err = planfile.Load(res.PlanFile, planfile.LoadOptions{})
	if err == nil || !strings.Contains(err.Error(), "no terraform was found on PATH") || !strings.Contains(err.Error(), "plan.tfplan") {
		t.Errorf("binary plan without terraform: %v", err)
	}
}
