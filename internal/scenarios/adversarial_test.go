package scenarios_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/testtf"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

const adversarialRoot = "../../testdata/adversarial"

// adversarialCase is a case.json of testdata/adversarial: a configuration
// written as an author who wants sensitive data past the gate would write
// it (attack), or its honest twin.
type adversarialCase struct {
	Description string `json:"description"`
	// Attack is true when a naive reading of plan JSON passes the
	// configuration while its data really lands outside what the level
	// allows: trustcloud must fail it whatever it is given.
	Attack    bool              `json:"attack"`
	Workspace string            `json:"workspace"`
	Env       map[string]string `json:"env"`
	Vars      map[string]string `json:"vars"`
	ApplyVars map[string]string `json:"apply_vars"`
	// Tools restricts the case to some CLIs ("terraform", "tofu").
	Tools []string `json:"tools"`
	// Sources serve test provider types under other source addresses
	// (testtf.Options.Sources).
	Sources map[string]string `json:"sources"`
	// Policy is a policy file of the case (default: the default profile).
	Policy string `json:"policy"`
	// Resources are trustcloud's answers with the configuration's
	// sources (the binary plan): status "unknown" means it must fail
	// closed; a known region must be where the resource lands.
	Resources map[string]struct {
		Status   string `json:"status"`
		Region   string `json:"region"`
		Operator string `json:"operator"`
		Level    string `json:"level"`
	} `json:"resources"`
}

// TestAdversarial plans and applies every adversarial configuration with
// real Terraform (and OpenTofu) against the test provider, which puts each
// resource where the real provider would, then asks trustcloud: from the
// binary plan (the sources evaluated), its answer must be where the
// resource lands, or unknown; an attack never passes, from the binary
// plan, from plan JSON with its directory, or from plan JSON alone; an
// honest twin passes from the binary plan.
func TestAdversarial(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(adversarialRoot, "*", "case.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 20 {
		t.Fatalf("%d adversarial cases under %s; expected at least 20", len(dirs), adversarialRoot)
	}
	testtf.ForEachCLI(t, func(t *testing.T, tool *testtf.CLI) {
		attacks, honest := 0, 0
		var jsonOnlyPass []string
		for _, file := range dirs {
			dir := filepath.Dir(file)
			name := filepath.Base(dir)
			var c adversarialCase
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &c); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			if len(c.Tools) > 0 && !slices.Contains(c.Tools, tool.Name) {
				continue
			}
			if c.Attack {
				attacks++
			} else {
				honest++
			}
			t.Run(name, func(t *testing.T) {
				r := testtf.Apply(t, tool, dir, testtf.Options{Vars: c.Vars, ApplyVars: c.ApplyVars, Env: c.Env, Workspace: c.Workspace, Sources: c.Sources})
				r.Setenv(t)
				var pol *policy.Policy
				if c.Policy != "" {
					pol = loadPolicy(t, filepath.Join(r.Dir, c.Policy))
				}
				jsonFile := filepath.Join(r.Dir, "plan.json")
				if err := os.WriteFile(jsonFile, r.PlanJSON, 0o644); err != nil {
					t.Fatal(err)
				}
				// From the binary plan: the sources evaluated.
				binary := caseOptions(r.PlanFile, pol)
				binary.Terraform = tool.Path
				inv := inventoryOf(t, binary)
				if inv.Evaluation == nil || inv.Evaluation.Mode != "sources" {
					t.Errorf("binary plan: evaluation %+v, want sources", inv.Evaluation)
				}
				resources := byAddress(inv)
				for addr, want := range c.Resources {
					got, ok := resources[addr]
					if !ok {
						t.Errorf("%s: not in the inventory", addr)
						continue
					}
					landing, landed := r.Landings[addr]
					if got.Location.Status != want.Status || (want.Region != "" && !strings.EqualFold(got.Location.Region, want.Region)) ||
						(want.Operator != "" && operatorOf(got) != want.Operator) || (want.Level != "" && got.Sensitivity.Level != want.Level) {
						t.Errorf("%s: trustcloud says %s %q operator %q level %s, want %s %q operator %q level %s\n  evidence: %s %s",
							addr, got.Location.Status, got.Location.Region, operatorOf(got), got.Sensitivity.Level,
							want.Status, want.Region, want.Operator, want.Level, strings.Join(inventory.English(got.Location.Evidence), " | "), got.Location.Reason)
					}
					switch {
					case got.Location.Status == "unknown":
						if got.Location.Reason.IsZero() {
							t.Errorf("%s: unknown without a reason", addr)
						}
					case !landed:
						t.Errorf("%s: the test provider recorded no landing", addr)
					case !strings.EqualFold(landing.Region, got.Location.Region):
						t.Errorf("%s: trustcloud says %s, the resource landed in %q (%+v)", addr, got.Location.Region, landing.Region, landing)
					}
					if landed && operatorOf(got) == "s3ns" && landing.Universe != "s3nsapis.fr" {
						t.Errorf("%s: trustcloud says S3NS, the calls went to universe %q", addr, landing.Universe)
					}
				}
				code := verdict(t, binary)
				switch {
				case c.Attack && code != check.ExitFindings:
					t.Errorf("binary plan: an attack passed (exit %d)", code)
				case !c.Attack && code != check.ExitOK:
					t.Errorf("binary plan: the honest twin failed (exit %d)", code)
				}
				// Plan JSON next to its .tf files: the directory evaluated;
				// the workspace, which JSON does not record, given by the
				// caller.
				withDir := caseOptions(jsonFile, pol)
				if code := verdict(t, withDir); c.Attack && code != check.ExitFindings {
					t.Errorf("plan JSON with its directory: an attack passed (exit %d)", code)
				}
				if c.Workspace != "" {
					withDir.Workspace, withDir.WorkspaceFrom = c.Workspace, "--workspace"
					dirInv, binaryInv := byAddress(inventoryOf(t, withDir)), byAddress(inv)
					for addr := range c.Resources {
						got, want := dirInv[addr], binaryInv[addr]
						if got == nil || want == nil || got.Location.Status != want.Location.Status || got.Location.Region != want.Location.Region {
							t.Errorf("%s: plan JSON with its directory and workspace %s differs from the binary plan", addr, c.Workspace)
						}
					}
				}
				// Plan JSON alone: values through references are inferred.
				alone := caseOptions(jsonFile, pol)
				alone.Sources = nil
				code = verdict(t, alone)
				if c.Attack && code != check.ExitFindings {
					t.Errorf("plan JSON alone: an attack passed (exit %d)", code)
				}
				if !c.Attack && code == check.ExitOK {
					jsonOnlyPass = append(jsonOnlyPass, name)
				}
			})
		}
		t.Logf("%s: %d attacks and %d honest twins; from plan JSON alone, %d honest twins still pass (%s), the others are reported as inferred",
			tool.Name, attacks, honest, len(jsonOnlyPass), strings.Join(jsonOnlyPass, ", "))
	})
}

// adversarialNow pins the date: the suite tests how configurations are
// evaluated, and the qualifications its honest twins rely on (Outscale's
// ended on 2026-11-30) must not expire under it.
func adversarialNow() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }

// caseOptions checks a plan of a case as `trustcloud check` does: the
// sources found next to the plan (a binary plan's snapshot, else the plan
// file's directory), the policy given or the default profile.
func caseOptions(plan string, pol *policy.Policy) check.Options {
	return check.Options{Plan: plan, Policy: pol, Now: adversarialNow,
		Sources: func(tool tfconfig.Tool) (*tfconfig.Config, error) { return check.LoadSources(plan, "", tool) }}
}

func loadPolicy(t *testing.T, file string) *policy.Policy {
	t.Helper()
	pol, diags := policy.Load(file)
	if diags.HasErrors() {
		t.Fatal(policy.FormatDiagnostics(diags))
	}
	pol.Source = policy.SourceFlag
	return pol
}

func inventoryOf(t *testing.T, opts check.Options) *inventory.Inventory {
	t.Helper()
	inv, _, err := check.Inventory(opts)
	if err != nil {
		t.Fatalf("inventory of %s: %v", opts.Plan, err)
	}
	return inv
}

func byAddress(inv *inventory.Inventory) map[string]*inventory.Resource {
	out := map[string]*inventory.Resource{}
	for _, r := range inv.Resources {
		out[r.Address] = r
	}
	return out
}

func operatorOf(r *inventory.Resource) string {
	if r.Operator == nil {
		return ""
	}
	return *r.Operator
}

// verdict is the exit code of a check of opts, -1 (and the test fails)
// when the check cannot run.
func verdict(t *testing.T, opts check.Options) int {
	t.Helper()
	res, err := check.Run(opts)
	if err != nil {
		t.Errorf("check %s: %v", opts.Plan, err)
		return -1
	}
	return res.ExitCode()
}
