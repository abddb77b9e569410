package scenarios_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/testtf"
)

// TestBinaryPlan plans a scenario with real Terraform into a binary plan
// file, then checks that trustcloud reads it (through `terraform show
// -json`) exactly as it reads the committed plan.json. Terraform is
// required: the binary-plan path must be tested for real.
func TestBinaryPlan(t *testing.T) {
	tf := testtf.Terraform(t)
	res := testtf.Plan(t, tf, filepath.Join(root, "ministry"), testtf.Options{})
	// The runner runs `terraform show -json` itself: it needs the same CLI
	// configuration (the test provider's dev_overrides) to read the plan.
	res.Setenv(t)

	opts := check.Options{Plan: res.PlanFile, PlanName: "plan.tfplan", Terraform: tf.Path, Now: func() time.Time { return now }}
	got, _, err := check.Inventory(opts)
	if err != nil {
		t.Fatalf("loading the binary plan: %v", err)
	}
	committed := opts
	committed.Plan, committed.PlanName, committed.Terraform = filepath.Join(root, "ministry", "plan.json"), "plan.json", ""
	want, _, err := check.Inventory(committed)
	if err != nil {
		t.Fatal(err)
	}
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
	opts.Terraform = ""
	_, _, err = check.Inventory(opts)
	if err == nil || !strings.Contains(err.Error(), "no terraform was found on PATH") || !strings.Contains(err.Error(), "plan.tfplan") {
		t.Errorf("binary plan without terraform: %v", err)
	}
}
