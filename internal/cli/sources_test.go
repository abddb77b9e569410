package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/cli"
)

// TestSourcesMustMatchThePlan: a checkout edited after planning (or
// another configuration) cannot vouch for a plan: the run stops with exit
// 2 and says what differs, whether the directory was found next to the
// plan or given with --config-dir.
func TestSourcesMustMatchThePlan(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "app")
	copyTree(t, "../../testdata/scenarios/aws-web-app-paris", dir)
	planFile := filepath.Join(dir, "plan.json")

	// The same files: evaluated.
	r := run(t, "", "inventory", "--format", "json", planFile)
	if r.code != cli.ExitOK {
		t.Fatalf("untouched checkout: %s", r)
	}
	var inv struct {
		Evaluation struct{ Mode, Sources, Path string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &inv); err != nil {
		t.Fatal(err)
	}
	if inv.Evaluation.Mode != "sources" || inv.Evaluation.Sources != "directory" || inv.Evaluation.Path != filepath.ToSlash(dir) {
		t.Errorf("evaluation = %+v, want the plan's directory", inv.Evaluation)
	}

	main := filepath.Join(dir, "main.tf")
	data, err := os.ReadFile(main)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), `region = "eu-west-3"`, `region = "us-east-1"`, 1)
	if edited == string(data) {
		t.Fatal("the scenario no longer sets region = \"eu-west-3\"")
	}
	if err := os.WriteFile(main, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"check", planFile},
		{"inventory", planFile},
		{"check", "--config-dir", dir, planFile},
	} {
		r := run(t, "", args...)
		if r.code != cli.ExitError || !strings.Contains(r.stderr, "is not the configuration this plan was made from") ||
			!strings.Contains(r.stderr, `region is "eu-west-3" in the plan, "us-east-1" in the sources`) {
			t.Errorf("%v on an edited checkout: %s", args, r)
		}
		if r.stdout != "" {
			t.Errorf("%v: a report was written: %q", args, r.stdout)
		}
	}
	// Plan JSON alone is still possible, and says so.
	r = run(t, "", "check", "--no-config", planFile)
	if r.code == cli.ExitError || !strings.Contains(r.stdout, "plan JSON alone") {
		t.Errorf("--no-config: %s", r)
	}
	r = run(t, "", "check", "--no-config", "--config-dir", dir, planFile)
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "--no-config and --config-dir") {
		t.Errorf("--no-config with --config-dir: %s", r)
	}
}
