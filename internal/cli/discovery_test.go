package cli_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/cli"
)

// Policies of the discovery tests.
const (
	// relaxingPolicy drops SecNumCloud at sensitive and waives everything.
	relaxingPolicy = `level "sensitive" {
  require_secnumcloud = false
}
waiver "DER-ALL" {
  addresses   = ["**"]
  reason      = "everything"
  expires     = "2099-12-31"
  approved_by = "nobody"
  approved_on = "2099-09-22"
}
`
	// stricterPolicy relaxes nothing.
	stricterPolicy = "level \"internal\" {\n  unknown_location = \"deny\"\n}\n"
	// brokenPolicy has an error on line 2.
	brokenPolicy = "level \"internal\" {\n  allowed_area = \"moon\"\n}\n"
)

// checkedPolicy is what the check JSON says of the policy and of TC013.
type checkedPolicy struct {
	Profile     string `json:"profile"`
	File        string `json:"file"`
	Source      string `json:"source"`
	SHA256      string `json:"sha256"`
	Relaxations []struct {
		What, Detail, At string
	} `json:"relaxations"`
	tc013 []struct {
		Address, Severity, Type string
		Waived                  bool
	}
}

func readCheck(t *testing.T, r result) checkedPolicy {
	t.Helper()
	var out struct {
		Policy   checkedPolicy `json:"policy"`
		Findings []struct {
			Rule, Address, Severity, Type string
			Waived                        bool
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, r)
	}
	for _, f := range out.Findings {
		if f.Rule == "TC013" {
			out.Policy.tc013 = append(out.Policy.tc013, struct {
				Address, Severity, Type string
				Waived                  bool
			}{f.Address, f.Severity, f.Type, f.Waived})
		}
	}
	return out.Policy
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyBuiltin copies the configuration and plan of testdata/builtin to
// dst (relative to the working directory), from src (absolute).
func copyBuiltin(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

func sha(content string) string {
	sum := sha256.Sum256([]byte(content))
	return hex.EncodeToString(sum[:])
}

// TestPolicyDiscovery: --policy, then TRUSTCLOUD_POLICY, then
// trustcloud.hcl or .trustcloud.hcl in the configuration directory, then
// the built-in profile; each step, and what reports say of it.
func TestPolicyDiscovery(t *testing.T) {
	builtin, err := filepath.Abs(filepath.Dir(builtinPlan))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		files map[string]string // relative to the working directory
		env   string
		args  []string
		// wantSource "" expects an error whose message holds wantErr.
		wantSource, wantFile, wantSHA string
		wantRelaxations               int
		wantTC013                     bool
		wantErr                       []string
		// config copies the configuration the plan was made from there.
		config string
	}{
		{name: "nothing: the built-in profile", wantSource: "builtin"},
		{
			name: "trustcloud.hcl discovered", files: map[string]string{"trustcloud.hcl": relaxingPolicy},
			wantSource: "discovered", wantFile: "trustcloud.hcl", wantSHA: sha(relaxingPolicy), wantRelaxations: 2, wantTC013: true,
		},
		{
			name: ".trustcloud.hcl discovered", files: map[string]string{".trustcloud.hcl": stricterPolicy},
			wantSource: "discovered", wantFile: ".trustcloud.hcl", wantSHA: sha(stricterPolicy),
		},
		{
			name: "both files: an error naming both", files: map[string]string{"trustcloud.hcl": stricterPolicy, ".trustcloud.hcl": stricterPolicy},
			wantErr: []string{"trustcloud.hcl and .trustcloud.hcl: two policy files in ."},
		},
		{
			name: "an invalid discovered file is an error", files: map[string]string{"trustcloud.hcl": brokenPolicy},
			wantErr: []string{"trustcloud.hcl:2,18: Invalid allowed area"},
		},
		{
			name: "--no-policy-discovery", files: map[string]string{"trustcloud.hcl": brokenPolicy}, args: []string{"--no-policy-discovery"},
			wantSource: "builtin",
		},
		{
			name: "TRUSTCLOUD_POLICY over the discovered file", files: map[string]string{"trustcloud.hcl": brokenPolicy, "ci/policy.hcl": relaxingPolicy},
			env: "ci/policy.hcl", wantSource: "env", wantFile: "ci/policy.hcl", wantSHA: sha(relaxingPolicy), wantRelaxations: 2,
		},
		{
			name: "TRUSTCLOUD_POLICY with --no-policy-discovery", files: map[string]string{"ci/policy.hcl": stricterPolicy},
			env: "ci/policy.hcl", args: []string{"--no-policy-discovery"}, wantSource: "env", wantFile: "ci/policy.hcl", wantSHA: sha(stricterPolicy),
		},
		{
			name: "--policy over TRUSTCLOUD_POLICY", files: map[string]string{"ci/policy.hcl": brokenPolicy, "mine.hcl": relaxingPolicy},
			env: "ci/policy.hcl", args: []string{"--policy", "mine.hcl"}, wantSource: "flag", wantFile: "mine.hcl", wantSHA: sha(relaxingPolicy), wantRelaxations: 2,
		},
		{
			name: "--config-dir is where the file is looked for", files: map[string]string{"trustcloud.hcl": brokenPolicy, "infra/trustcloud.hcl": relaxingPolicy},
			config: "infra", args: []string{"--config-dir", "infra"}, wantSource: "discovered", wantFile: "infra/trustcloud.hcl", wantSHA: sha(relaxingPolicy), wantRelaxations: 2, wantTC013: true,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			// The plan alone in the working directory: no configuration
			// directory, the current directory is searched.
			copyBuiltin(t, builtin, "plan")
			if err := os.Rename("plan/plan.json", "plan.json"); err != nil {
				t.Fatal(err)
			}
			if tc.config != "" {
				if err := os.Rename("plan", tc.config); err != nil {
					t.Fatal(err)
				}
			}
			for name, content := range tc.files {
				write(t, name, content)
			}
			t.Setenv("TRUSTCLOUD_POLICY", tc.env)
			args := append([]string{"check", "--format", "json", "--fail-on", "none"}, tc.args...)
			r := run(t, "", append(args, "plan.json")...)
			if tc.wantSource == "" {
				if r.code != cli.ExitError {
					t.Fatalf("want exit 2: %s", r)
				}
				for _, w := range tc.wantErr {
					if !strings.Contains(r.stderr, w) {
						t.Errorf("stderr lacks %q: %s", w, r)
					}
				}
				return
			}
			if r.code != cli.ExitOK {
				t.Fatalf("%s", r)
			}
			got := readCheck(t, r)
			if got.Source != tc.wantSource || got.File != tc.wantFile || got.SHA256 != tc.wantSHA || got.Profile != "fr-cloud-au-centre" {
				t.Errorf("policy = %+v, want source %q, file %q, sha256 %q", got, tc.wantSource, tc.wantFile, tc.wantSHA)
			}
			if len(got.Relaxations) != tc.wantRelaxations {
				t.Errorf("relaxations = %+v, want %d", got.Relaxations, tc.wantRelaxations)
			}
			if (len(got.tc013) == 1) != tc.wantTC013 || len(got.tc013) > 1 {
				t.Fatalf("TC013 findings = %+v, want one: %v", got.tc013, tc.wantTC013)
			}
			if tc.wantTC013 {
				f := got.tc013[0]
				// The waiver of every rule on every address does not cover it.
				if f.Address != tc.wantFile || f.Severity != "high" || f.Type != "policy" || f.Waived {
					t.Errorf("TC013 = %+v", f)
				}
			}
		})
	}
}

// TestPolicyDiscoveryDirectory: the plan file's directory is the
// configuration directory only when it holds configuration files;
// otherwise the current directory is.
func TestPolicyDiscoveryDirectory(t *testing.T) {
	builtin, err := filepath.Abs(filepath.Dir(builtinPlan))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	t.Setenv("TRUSTCLOUD_POLICY", "")
	copyBuiltin(t, builtin, "config")
	write(t, "config/trustcloud.hcl", relaxingPolicy)
	write(t, "plans/plan.json", "")
	if err := os.Rename("config/plan.json", "plans/plan.json"); err != nil {
		t.Fatal(err)
	}
	write(t, "plans/trustcloud.hcl", brokenPolicy)
	write(t, "trustcloud.hcl", stricterPolicy)
	for _, tc := range []struct{ plan, want string }{
		{"plans/plan.json", "trustcloud.hcl"},
		{"config/plan.json", "config/trustcloud.hcl"},
	} {
		if tc.plan == "config/plan.json" {
			if err := os.Rename("plans/plan.json", tc.plan); err != nil {
				t.Fatal(err)
			}
		}
		r := run(t, "", "inventory", "--format", "json", tc.plan)
		var inv struct {
			Policy checkedPolicy `json:"policy"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &inv); err != nil || r.code != cli.ExitOK {
			t.Fatalf("%s: %v: %s", tc.plan, err, r)
		}
		if inv.Policy.Source != "discovered" || inv.Policy.File != tc.want {
			t.Errorf("%s: inventory policy = %+v, want %s", tc.plan, inv.Policy, tc.want)
		}
	}
}

// TestPolicyDiscoveryReports: the text report names the discovered file,
// where it was found, its hash and its profile, lists its relaxations,
// and fails on TC013.
func TestPolicyDiscoveryReports(t *testing.T) {
	data, err := os.ReadFile(builtinPlan)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	planFile := "plan.json"
	write(t, planFile, string(data))
	t.Setenv("TRUSTCLOUD_POLICY", "")
	write(t, "trustcloud.hcl", relaxingPolicy)
	r := run(t, "", "check", planFile)
	if r.code != cli.ExitFindings {
		t.Fatalf("want exit 1 for TC013: %s", r)
	}
	for _, want := range []string{
		"policy trustcloud.hcl (discovered in ., sha256 " + sha(relaxingPolicy)[:12] + "…) over profile fr-cloud-au-centre",
		"The policy relaxes profile fr-cloud-au-centre:",
		"  - level sensitive does not require SecNumCloud, which fr-cloud-au-centre requires  trustcloud.hcl:1:1",
		"  - waiver DER-ALL exempts every rule on ** until 2099-12-31 (approved by nobody)  trustcloud.hcl:4:1",
		"\n  trustcloud.hcl  [policy file]  trustcloud.hcl:1\n    HIGH TC013 policy-relaxed: trustcloud.hcl, discovered in .",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text lacks %q:\n%s", want, r.stdout)
		}
	}
	// The same policy given explicitly is the CI's choice: listed, no TC013.
	r = run(t, "", "check", "--policy", "trustcloud.hcl", planFile)
	if r.code != cli.ExitOK || strings.Contains(r.stdout, "TC013") || !strings.Contains(r.stdout, "(--policy, sha256 ") ||
		!strings.Contains(r.stdout, "The policy relaxes profile fr-cloud-au-centre:") {
		t.Errorf("--policy: %s", r)
	}
	// A baseline does not accept TC013 either.
	r = run(t, "", "check", "--format", "json=base.json", planFile)
	if r.code != cli.ExitFindings {
		t.Fatalf("%s", r)
	}
	if r = run(t, "", "check", "--baseline", "base.json", planFile); r.code != cli.ExitFindings {
		t.Errorf("a baseline accepted TC013: %s", r)
	}
	for _, format := range []string{"markdown", "sarif", "junit", "gitlab", "github", "html", "oscal"} {
		r := run(t, "", "check", "--format", format, planFile)
		if r.code != cli.ExitFindings || !strings.Contains(r.stdout, "TC013") {
			t.Errorf("%s: no TC013: %s", format, r)
		}
	}
}

// TestPolicyNamingTC013 : a policy that waives TC013 or sets its severity
// is an error, with its place.
func TestPolicyNamingTC013(t *testing.T) {
	t.Chdir(t.TempDir())
	write(t, "p.hcl", "rule_severity = { TC013 = \"info\" }\n")
	r := run(t, "", "policy", "validate", "p.hcl")
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "p.hcl:1,19: TC013 cannot be given a severity") {
		t.Errorf("%s", r)
	}
}

// TestPolicyChangedSinceBaseline: the CI names its policy (--policy), and
// the change under review edits that file to relax it: with a baseline
// made with the file as it was, the change is a TC013 that lists the
// relaxations; with the same file, or a baseline of the built-in profile,
// nothing.
func TestPolicyChangedSinceBaseline(t *testing.T) {
	dir := t.TempDir()
	before, after := filepath.Join(dir, "before.hcl"), filepath.Join(dir, "after.hcl")
	write(t, before, stricterPolicy)
	write(t, after, relaxingPolicy)
	base := filepath.Join(dir, "baseline.json")
	r := run(t, "", "check", "--policy", before, "--fail-on", "none", "--format", "json="+base, builtinPlan)
	if r.code != cli.ExitOK {
		t.Fatalf("baseline: %s", r)
	}
	same := readCheck(t, run(t, "", "check", "--policy", before, "--baseline", base, "--format", "json", builtinPlan))
	if len(same.tc013) != 0 {
		t.Errorf("same policy as the baseline: TC013 %+v", same.tc013)
	}
	r = run(t, "", "check", "--policy", after, "--baseline", base, "--format", "json", builtinPlan)
	changed := readCheck(t, r)
	if len(changed.tc013) != 1 || changed.tc013[0].Severity != "high" || changed.tc013[0].Waived || r.code != cli.ExitFindings {
		t.Fatalf("relaxed since the baseline: TC013 %+v (exit %d)", changed.tc013, r.code)
	}
	if !strings.Contains(r.stdout, "changed since the baseline") || !strings.Contains(r.stdout, "require_secnumcloud") && !strings.Contains(r.stdout, "SecNumCloud") {
		t.Errorf("the TC013 message does not say what changed:\n%s", r.stdout)
	}
}
