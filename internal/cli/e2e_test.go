package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/cli"
)

// These tests run the built trustcloud binary: exit codes as the shell
// sees them, the version set at link time, real pipes.

func TestBinaryExitCodes(t *testing.T) {
	plan, err := os.ReadFile(builtinPlan)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string // substring
		stderr string // substring
	}{
		{"version", "", []string{"version"}, cli.ExitOK, "trustcloud " + binaryVersion + "\n", ""},
		{"unknown command", "", []string{"bogus"}, cli.ExitError, "", `unknown command "bogus"`},
		{"no arguments", "", nil, cli.ExitError, "", "Usage:"},
		{"passing check", "", []string{"check", builtinPlan}, cli.ExitOK, "PASSED: 5 resources analysed", ""},
		{"failing check", "", []string{"check", "--catalog", builtinAsAWS, builtinPlan}, cli.ExitFindings, "FAILED: 5 resources analysed", ""},
		{"failing check, higher threshold", "", []string{"check", "--catalog", builtinAsAWS, builtinPlan, "--fail-on", "critical"}, cli.ExitOK, "PASSED", ""},
		{"failing check, lower threshold", "", []string{"check", "--catalog", builtinAsAWS, builtinPlan, "--fail-on", "low"}, cli.ExitFindings, "threshold low", ""},
		{"fail-on none", "", []string{"check", "--catalog", builtinAsAWS, builtinPlan, "--fail-on", "none"}, cli.ExitOK, "PASSED", "3 finding(s) reported, ignored"},
		{"stdin", string(plan), []string{"check", "--catalog", builtinAsAWS, "-"}, cli.ExitFindings, "trustcloud check <stdin>:", ""},
		{"missing plan", "", []string{"check", "testdata/missing.json"}, cli.ExitError, "", "testdata/missing.json: cannot read the plan"},
		{"bad policy", "", []string{"check", "--policy", "testdata/policies/bad-severity.hcl", builtinPlan}, cli.ExitError, "", "bad-severity.hcl:4,14"},
		{"inventory", "", []string{"inventory", builtinPlan}, cli.ExitOK, "module.app.terraform_data.app", ""},
		{"catalog", "", []string{"catalog", "regions", "--country", "FR", "--secnumcloud-only"}, cli.ExitOK, "s3ns", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := runBinary(t, "", nil, tc.stdin, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stdout, tc.stdout) || !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("want exit %d, stdout with %q, stderr with %q; got %s", tc.code, tc.stdout, tc.stderr, r)
			}
		})
	}
}

// TestBinaryNoColourInPipes: a colour terminal type, but stdout is a pipe.
func TestBinaryNoColourInPipes(t *testing.T) {
	env := []string{"TERM=xterm-256color", "NO_COLOR="}
	for _, args := range [][]string{
		{"check", "--catalog", builtinAsAWS, "--policy", "testdata/policies/waivers.hcl", builtinPlan},
		{"check", builtinPlan},
		{"inventory", "--catalog", builtinAsAWS, builtinPlan},
	} {
		r := runBinary(t, "", env, "", args...)
		if r.code == cli.ExitError || r.stdout == "" {
			t.Fatalf("%v: %s", args, r)
		}
		if strings.Contains(r.stdout, ansi) {
			t.Errorf("%v: colour escapes in a pipe:\n%q", args, r.stdout)
		}
	}
}

// TestNoColourInFiles runs in-process with stdout an *os.File that is not
// a terminal.
func TestNoColourInFiles(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	var errOut strings.Builder
	code := cli.RunWith([]string{"trustcloud", "check", "--catalog", builtinAsAWS, builtinPlan}, strings.NewReader(""), f, &errOut, cli.Options{Now: testNow})
	if code != cli.ExitFindings {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	data, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	if len(data) == 0 || strings.Contains(string(data), ansi) {
		t.Errorf("output to a file:\n%q", data)
	}
}

// TestBinaryPlanFile makes a binary plan with Terraform from
// testdata/builtin (builtin provider only: no registry needed) and checks
// it: trustcloud runs `terraform show -json` on it.
func TestBinaryPlanFile(t *testing.T) {
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatal("terraform is not on PATH: this test makes a binary plan file with it (install Terraform >= 1.8)")
	}
	dir := t.TempDir()
	copyTree(t, "testdata/builtin", dir)
	if err := os.Remove(filepath.Join(dir, "plan.json")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"init", "-input=false", "-no-color"},
		{"plan", "-input=false", "-no-color", "-out=tfplan"},
	} {
		cmd := exec.Command(tf, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("terraform %s: %v\n%s", args[0], err, out)
		}
	}
	catalogFile, err := filepath.Abs(builtinAsAWS)
	if err != nil {
		t.Fatal(err)
	}
	jsonPlan, err := filepath.Abs(builtinPlan)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("terraform from --terraform", func(t *testing.T) {
		r := runBinary(t, dir, nil, "", "check", "--terraform", tf, "--catalog", catalogFile, "--format", "json", "tfplan")
		if r.code != cli.ExitFindings {
			t.Fatalf("got %s", r)
		}
		fromJSON := runBinary(t, dir, nil, "", "check", "--catalog", catalogFile, "--format", "json", jsonPlan)
		got, want := decodeReport(t, r.stdout), decodeReport(t, fromJSON.stdout)
		if diff := cmp.Diff(ruleAddr(want), ruleAddr(got)); diff != "" {
			t.Errorf("findings of the binary plan differ from those of its JSON (-json +binary):\n%s", diff)
		}
		if got.Plan.File != "tfplan" {
			t.Errorf("plan file = %q", got.Plan.File)
		}
	})
	t.Run("terraform from PATH", func(t *testing.T) {
		r := runBinary(t, dir, []string{"PATH=" + filepath.Dir(tf)}, "", "inventory", "tfplan")
		if r.code != cli.ExitOK || !strings.Contains(r.stdout, "module.app.terraform_data.app") {
			t.Errorf("got %s", r)
		}
	})
	t.Run("no terraform", func(t *testing.T) {
		r := runBinary(t, dir, []string{"PATH=" + t.TempDir()}, "", "check", "tfplan")
		if r.code != cli.ExitError || !strings.Contains(r.stderr, "tfplan: this is a binary plan file and no terraform was found on PATH") {
			t.Errorf("got %s", r)
		}
	})
	t.Run("--terraform that does not exist", func(t *testing.T) {
		r := runBinary(t, dir, nil, "", "check", "--terraform", filepath.Join(dir, "no-terraform"), "tfplan")
		if r.code != cli.ExitError || !strings.Contains(r.stderr, "tfplan: ") {
			t.Errorf("got %s", r)
		}
	})
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
