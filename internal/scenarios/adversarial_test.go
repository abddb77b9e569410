package scenarios_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trustcloud/trustcloud/internal/cli"
	"github.com/trustcloud/trustcloud/internal/testtf"
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
				var pol []string
				if c.Policy != "" {
					pol = []string{"--policy", filepath.Join(r.Dir, c.Policy)}
				}
				jsonFile := filepath.Join(r.Dir, "plan.json")
				if err := os.WriteFile(jsonFile, r.PlanJSON, 0o644); err != nil {
					t.Fatal(err)
				}
				// From the binary plan: the sources evaluated.
				inv := inventoryDocOf(t, append(pol, "--terraform", tool.Path, r.PlanFile)...)
				if inv.Evaluation.Mode != "sources" {
					t.Errorf("binary plan: evaluation %+v, want sources", inv.Evaluation)
				}
				for addr, want := range c.Resources {
					got, ok := inv.byAddress[addr]
					if !ok {
						t.Errorf("%s: not in the inventory", addr)
						continue
					}
					landing, landed := r.Landings[addr]
					if got.Location.Status != want.Status || (want.Region != "" && !strings.EqualFold(got.Location.Region, want.Region)) ||
						(want.Operator != "" && got.operator() != want.Operator) || (want.Level != "" && got.Sensitivity.Level != want.Level) {
						t.Errorf("%s: trustcloud says %s %q operator %q level %s, want %s %q operator %q level %s\n  evidence: %s %s",
							addr, got.Location.Status, got.Location.Region, got.operator(), got.Sensitivity.Level,
							want.Status, want.Region, want.Operator, want.Level, strings.Join(got.Location.Evidence, " | "), got.Location.Reason)
					}
					switch {
					case got.Location.Status == "unknown":
						if got.Location.Reason == "" {
							t.Errorf("%s: unknown without a reason", addr)
						}
					case !landed:
						t.Errorf("%s: the test provider recorded no landing", addr)
					case !strings.EqualFold(landing.Region, got.Location.Region):
						t.Errorf("%s: trustcloud says %s, the resource landed in %q (%+v)", addr, got.Location.Region, landing.Region, landing)
					}
					if landed && got.operator() == "s3ns" && landing.Universe != "s3nsapis.fr" {
						t.Errorf("%s: trustcloud says S3NS, the calls went to universe %q", addr, landing.Universe)
					}
				}
				code := check(t, append(pol, "--terraform", tool.Path, r.PlanFile)...)
				switch {
				case c.Attack && code != cli.ExitFindings:
					t.Errorf("binary plan: an attack passed (exit %d)", code)
				case !c.Attack && code != cli.ExitOK:
					t.Errorf("binary plan: the honest twin failed (exit %d)", code)
				}
				// Plan JSON next to its .tf files: the directory evaluated;
				// the workspace, which JSON does not record, given by flag.
				if code := check(t, append(pol, jsonFile)...); c.Attack && code != cli.ExitFindings {
					t.Errorf("plan JSON with its directory: an attack passed (exit %d)", code)
				}
				if c.Workspace != "" {
					dirInv := inventoryDocOf(t, append(pol, "--workspace", c.Workspace, jsonFile)...)
					for addr := range c.Resources {
						got, want := dirInv.byAddress[addr], inv.byAddress[addr]
						if got == nil || want == nil || got.Location.Status != want.Location.Status || got.Location.Region != want.Location.Region {
							t.Errorf("%s: plan JSON with its directory and --workspace %s differs from the binary plan", addr, c.Workspace)
						}
					}
				}
				// Plan JSON alone: values through references are inferred.
				code = check(t, append(pol, "--no-config", jsonFile)...)
				if c.Attack && code != cli.ExitFindings {
					t.Errorf("plan JSON alone: an attack passed (exit %d)", code)
				}
				if !c.Attack && code == cli.ExitOK {
					jsonOnlyPass = append(jsonOnlyPass, name)
				}
			})
		}
		t.Logf("%s: %d attacks and %d honest twins; from plan JSON alone, %d honest twins still pass (%s), the others are reported as inferred",
			tool.Name, attacks, honest, len(jsonOnlyPass), strings.Join(jsonOnlyPass, ", "))
	})
}

// adversarialClock pins the date: the suite tests how configurations are
// evaluated, and the qualifications its honest twins rely on (Outscale's
// ended on 2026-11-30) must not expire under it.
var adversarialClock = cli.Options{Now: func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }}

type inventoryDoc struct {
	Evaluation struct {
		Mode, Origin string
	} `json:"evaluation"`
	Resources []*invResource `json:"resources"`
	byAddress map[string]*invResource
}

type invResource struct {
	Address  string  `json:"address"`
	Operator *string `json:"operator"`
	Location struct {
		Status     string   `json:"status"`
		Region     string   `json:"region"`
		Evidence   []string `json:"evidence"`
		Reason     string   `json:"reason"`
		Unverified string   `json:"unverified"`
	} `json:"location"`
	Sensitivity struct {
		Level string `json:"level"`
	} `json:"sensitivity"`
}

func (r *invResource) operator() string {
	if r.Operator == nil {
		return ""
	}
	return *r.Operator
}

func inventoryDocOf(t *testing.T, args ...string) *inventoryDoc {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.RunWith(append([]string{"trustcloud", "inventory", "--format", "json"}, args...), nil, &stdout, &stderr, adversarialClock)
	if code != cli.ExitOK {
		t.Fatalf("inventory %v: exit %d\n%s", args, code, stderr.String())
	}
	var doc inventoryDoc
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	doc.byAddress = map[string]*invResource{}
	for _, r := range doc.Resources {
		doc.byAddress[r.Address] = r
	}
	return &doc
}

func check(t *testing.T, args ...string) int {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.RunWith(append([]string{"trustcloud", "check", "--format", "json"}, args...), nil, &stdout, &stderr, adversarialClock)
	if code == cli.ExitError {
		t.Errorf("check %v: exit 2: %s", args, stderr.String())
	}
	return code
}
