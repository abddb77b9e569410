package scenarios_test

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/plan"
	"github.com/trustcloud/trustcloud/internal/policy"
)

// terraformPath is the Terraform CLI the suite runs: TF_ACC_TERRAFORM_PATH
// (set by `make test`) or terraform on PATH. Its absence fails the test:
// the binary-plan path must be tested for real.
func terraformPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatalf("terraform is needed to test binary plan files (install Terraform >= 1.8 or set TF_ACC_TERRAFORM_PATH): %v", err)
	}
	return p
}

// TestBinaryPlan plans a scenario with real Terraform into a binary plan
// file, then checks that trustcloud reads it (through `terraform show
// -json`) exactly as it reads the committed plan.json.
func TestBinaryPlan(t *testing.T) {
	tf := terraformPath(t)
	tmp := t.TempDir()
	provider := filepath.Join(tmp, "testprovider")
	run(t, "", nil, "go", "build", "-o", provider, "../testprovider")

	var rc strings.Builder
	rc.WriteString("provider_installation {\n  dev_overrides {\n")
	out := run(t, "", nil, provider, "-sources")
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		typ, source, ok := strings.Cut(strings.TrimSpace(sc.Text()), " ")
		if !ok {
			continue
		}
		dir := filepath.Join(tmp, "providers", typ)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(provider, filepath.Join(dir, "terraform-provider-"+typ)); err != nil {
			t.Fatal(err)
		}
		rc.WriteString("    \"" + strings.TrimSpace(source) + "\" = \"" + dir + "\"\n")
	}
	rc.WriteString("  }\n  direct {}\n}\n")
	rcFile := filepath.Join(tmp, "terraformrc")
	if err := os.WriteFile(rcFile, []byte(rc.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TF_CLI_CONFIG_FILE", rcFile)
	t.Setenv("TF_DATA_DIR", filepath.Join(tmp, "data"))
	t.Setenv("CHECKPOINT_DISABLE", "1")
	t.Setenv("TF_IN_AUTOMATION", "1")

	work := filepath.Join(tmp, "ministry")
	copyTF(t, filepath.Join(root, "ministry"), work)
	run(t, work, nil, tf, "get", "-no-color")
	run(t, work, nil, tf, "plan", "-input=false", "-lock=false", "-no-color", "-out=plan.tfplan")

	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	binary, _, err := plan.Load(filepath.Join(work, "plan.tfplan"), plan.LoadOptions{Terraform: tf})
	if err != nil {
		t.Fatalf("loading the binary plan: %v", err)
	}
	committed, _, err := plan.Load(filepath.Join(root, "ministry", "plan.json"), plan.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := plan.Build(binary, "plan.tfplan", cat, policy.Default())
	want, _ := plan.Build(committed, "plan.json", cat, policy.Default())
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
	t.Setenv("PATH", tmp)
	_, _, err = plan.Load(filepath.Join(work, "plan.tfplan"), plan.LoadOptions{})
	if err == nil || !strings.Contains(err.Error(), "no terraform was found on PATH") || !strings.Contains(err.Error(), "plan.tfplan") {
		t.Errorf("binary plan without terraform: %v", err)
	}
}

func run(t *testing.T, dir string, env []string, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out, stderr.String())
	}
	return out
}

// copyTF copies a scenario's configuration (.tf and .tfvars files, local
// modules) without its outputs.
func copyTF(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !strings.HasSuffix(path, ".tf") && !strings.HasSuffix(path, ".tfvars") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
