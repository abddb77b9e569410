package scenarios_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/testtf"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// stateScenarios are the scenarios applied for TestStateInput, with the
// findings the state checks differ by from the plan check of the same
// scenario, each explained: "+" a finding only the state gives, "-" one
// only the plan gives.
var stateScenarios = map[string]map[string]string{
	"aws-web-app-paris":      {},
	"aws-provider-alias":     {},
	"google-compute-paris":   {},
	"azure-hub-network":      {},
	"aws-provider-in-module": {},
}

// TestStateInput applies scenarios with the test provider, then checks
// what they deployed, as `terraform show -json` prints the state and as
// the state file terraform.tfstate: every resource is where the test
// provider says it landed, and the verdicts are the plan check's.
func TestStateInput(t *testing.T) {
	tf := testtf.Terraform(t)
	cat := defaultCatalog(t)
	for _, name := range sortedKeys(stateScenarios) {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(root, name)
			_, pol := loadExpectation(t, dir)
			r := testtf.Apply(t, tf, dir, testtf.Options{})
			planFile := filepath.Join(r.Dir, "plan.json")
			showFile := filepath.Join(r.Dir, "state.json")
			for file, data := range map[string][]byte{planFile: r.PlanJSON, showFile: r.StateJSON} {
				if err := os.WriteFile(file, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			nowFn := func() time.Time { return now }
			planRes, err := check.Run(check.Options{Plan: planFile, Catalog: cat, Policy: pol, Now: nowFn,
				Sources: func(tool tfconfig.Tool) (*tfconfig.Config, error) { return tfconfig.LoadDir(r.Dir, tool) }})
			if err != nil {
				t.Fatal(err)
			}
			planFindings := findingSet(planRes)
			for _, input := range []struct{ file, kind string }{
				{showFile, "show_json"},
				{filepath.Join(r.Dir, "terraform.tfstate"), "tfstate"},
			} {
				t.Run(input.kind, func(t *testing.T) {
					// The sources beside the state are not read: a state
					// is judged on what it recorded.
					opts := check.Options{Plan: input.file, Catalog: cat, Policy: pol, Now: nowFn,
						Sources: func(tool tfconfig.Tool) (*tfconfig.Config, error) { return tfconfig.LoadDir(r.Dir, tool) }}
					res, err := check.Run(opts)
					if err != nil {
						t.Fatal(err)
					}
					ev := res.Inventory.Evaluation
					if ev == nil || ev.Mode != inventory.EvaluatedFromState || ev.State == nil || ev.State.Kind != input.kind {
						t.Fatalf("evaluation %+v, want mode state of kind %s", ev, input.kind)
					}
					if input.kind == "tfstate" && (ev.State.Serial == nil || ev.State.Lineage == "") {
						t.Errorf("state file: serial %v lineage %q, want both", ev.State.Serial, ev.State.Lineage)
					}
					checkLandings(t, res.Inventory, r.Landings)
					// Each resource where the plan check puts it; a state
					// file names the provider configuration as the plan
					// does (`terraform show -json` names only the
					// provider: the root's configuration).
					planned := byAddress(planRes.Inventory)
					for _, got := range res.Inventory.Resources {
						want := planned[got.Address]
						switch {
						case want == nil:
							t.Errorf("%s: in the state, not in the plan", got.Address)
						case got.Location.Status != want.Location.Status || got.Location.Region != want.Location.Region:
							t.Errorf("%s: %s %q, the plan check says %s %q", got.Address, got.Location.Status, got.Location.Region, want.Location.Status, want.Location.Region)
						case operatorOf(got) != operatorOf(want) || got.Sensitivity.Level != want.Sensitivity.Level:
							t.Errorf("%s: operator %q level %s, the plan check says %q %s", got.Address, operatorOf(got), got.Sensitivity.Level, operatorOf(want), want.Sensitivity.Level)
						case input.kind == "tfstate" && got.ProviderConfig != want.ProviderConfig:
							t.Errorf("%s: provider configuration %q, the plan check says %q", got.Address, got.ProviderConfig, want.ProviderConfig)
						}
					}
					got := findingSet(res)
					var diff []string
					for f := range got {
						if !planFindings[f] {
							diff = append(diff, "+"+f)
						}
					}
					for f := range planFindings {
						if !got[f] {
							diff = append(diff, "-"+f)
						}
					}
					slices.Sort(diff)
					var unexplained []string
					for _, d := range diff {
						if why, ok := stateScenarios[name][d]; ok {
							t.Logf("differs from the plan check: %s (%s)", d, why)
							continue
						}
						unexplained = append(unexplained, d)
					}
					for _, d := range unexplained {
						addr := d[strings.Index(d, " ")+1:]
						for _, res := range res.Inventory.Resources {
							if res.Address == addr {
								t.Logf("%s: %s %q: %s (%s)", addr, res.Location.Status, res.Location.Region, strings.Join(res.Location.Evidence, " | "), res.Location.Reason)
							}
						}
					}
					if len(unexplained) > 0 {
						t.Errorf("findings differ from the plan check's, unexplained: %s", strings.Join(unexplained, ", "))
					}
					if got, want := res.ExitCode(), planRes.ExitCode(); got != want && len(diff) == 0 {
						t.Errorf("exit code %d, the plan check's %d", got, want)
					}
					// Nothing compares a state with what was before it.
					opts.NewOnly = true
					if _, err := check.Run(opts); err == nil || !strings.Contains(err.Error(), "--new-only does not apply to a deployed state") {
						t.Errorf("--new-only on a state: %v, want refused", err)
					}
				})
			}
		})
	}
}

// checkLandings asserts that every managed resource of a state's
// inventory is where the test provider says it landed.
func checkLandings(t *testing.T, inv *inventory.Inventory, landings map[string]testtf.Landing) {
	t.Helper()
	located := 0
	for _, res := range inv.Resources {
		if !res.Managed() || res.Location.Status == inventory.StatusNotApplicable {
			continue
		}
		l, ok := landings[res.Address]
		// The test provider derives a region from a zone given as a
		// path (projects/p/zones/us-central1-a) by dropping the zone's
		// letter: the region is the path's last segment.
		l.Region = l.Region[strings.LastIndex(l.Region, "/")+1:]
		switch {
		case !ok:
			t.Errorf("%s: %s %q, and the test provider recorded no landing", res.Address, res.Location.Status, res.Location.Region)
		case l.Region == "global":
			if res.Location.Status != inventory.StatusGlobal {
				t.Errorf("%s: %s %q, landed global (evidence: %s)", res.Address, res.Location.Status, res.Location.Region, strings.Join(res.Location.Evidence, " | "))
			}
		case l.Region == "":
			// The test provider cannot tell (a part of another resource,
			// which is where that one is): nothing to compare with.
			if res.Location.Status == inventory.StatusUnknown && res.Location.Reason == "" {
				t.Errorf("%s: unknown without a reason", res.Address)
			}
		case !strings.EqualFold(res.Location.Region, l.Region):
			t.Errorf("%s: %s %q, landed in %q (evidence: %s %s)", res.Address, res.Location.Status, res.Location.Region, l.Region, strings.Join(res.Location.Evidence, " | "), res.Location.Reason)
		default:
			located++
		}
	}
	if located == 0 {
		t.Error("no resource located where it landed")
	}
}

// findingSet is the rule and address of every finding of a check.
func findingSet(res *check.Result) map[string]bool {
	out := map[string]bool{}
	for _, f := range findingsOf(res) {
		out[f.Rule+" "+f.Address] = true
	}
	return out
}
