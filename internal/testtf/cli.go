// Package testtf runs real Terraform and OpenTofu for tests: it builds the
// test provider (internal/testprovider) once per test binary, installs it
// through dev_overrides under the real providers' source addresses, and
// plans and applies a copy of a configuration directory in a temporary
// directory, returning the plan JSON, the binary plan, the state and,
// joined to resource addresses, where each resource landed (the landing
// records the test provider writes on apply). Nothing is written into the
// configuration directory, nothing is fetched from a registry, and only
// what the test passes reaches the CLI and the providers: inherited TF_*
// variables and the clouds' own (AWS_REGION, GOOGLE_REGION …) are removed.
//
// It is a non-test package so that the tests of several packages share it;
// it is imported by _test.go files only.
package testtf

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// CLI is a Terraform-compatible command line: Terraform or OpenTofu.
type CLI struct {
	// Name is "terraform" or "tofu".
	Name string
	// Path is the executable.
	Path string
	// Registry is the host of the CLI's default registry, which prefixes
	// the provider addresses of its plans: registry.terraform.io or
	// registry.opentofu.org.
	Registry string
}

// Terraform returns the Terraform CLI: TF_ACC_TERRAFORM_PATH (set by
// `make test`), else terraform on PATH. It is always required: without it
// the test fails and says what to do.
func Terraform(tb testing.TB) *CLI {
	tb.Helper()
	path := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if path == "" {
		found, err := exec.LookPath("terraform")
		if err != nil {
			tb.Fatalf("terraform is needed to plan the test configurations: install Terraform >= 1.8 or set TF_ACC_TERRAFORM_PATH (%v)", err)
		}
		path = found
	}
	if err := executable(path); err != nil {
		tb.Fatalf("terraform: %v", err)
	}
	return &CLI{Name: "terraform", Path: path, Registry: "registry.terraform.io"}
}

// OpenTofu returns the OpenTofu CLI: TRUSTCLOUD_TOFU (set by `make test`),
// else .cache/tofu/<version>/tofu as `make tofu` builds it. Without it the
// test is skipped with a message saying how to get it, except under CI (CI
// set), where it fails: CI must never lose OpenTofu silently.
func OpenTofu(tb testing.TB) *CLI {
	tb.Helper()
	if path := os.Getenv("TRUSTCLOUD_TOFU"); path != "" {
		if err := executable(path); err != nil {
			tb.Fatalf("TRUSTCLOUD_TOFU: %v", err)
		}
		return &CLI{Name: "tofu", Path: path, Registry: "registry.opentofu.org"}
	}
	root := moduleRoot(tb)
	version, err := TofuVersion(root)
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(root, ".cache", "tofu", version, "tofu")
	if err := executable(path); err != nil {
		msg := "OpenTofu " + version + " is not built: run `make tofu` (scripts/tofu.sh builds it from its Go module into .cache/tofu/" +
			version + "/tofu) or set TRUSTCLOUD_TOFU to a tofu binary"
		if os.Getenv("CI") != "" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	return &CLI{Name: "tofu", Path: path, Registry: "registry.opentofu.org"}
}

// ForEachCLI runs f in one subtest per CLI, "terraform" and "tofu" (which
// skips or fails as OpenTofu says).
func ForEachCLI(t *testing.T, f func(t *testing.T, cli *CLI)) {
	t.Helper()
	t.Run("terraform", func(t *testing.T) { f(t, Terraform(t)) })
	t.Run("tofu", func(t *testing.T) { f(t, OpenTofu(t)) })
}

// tofuVersionLine is the pin in scripts/tofu.sh, the one place the
// OpenTofu version is written.
var tofuVersionLine = regexp.MustCompile(`(?m)^version=(v[0-9][0-9A-Za-z.+-]*)$`)

// TofuVersion is the OpenTofu version scripts/tofu.sh pins (v1.10.10), read
// from the script under the module root so that it is written once.
func TofuVersion(root string) (string, error) {
	script := filepath.Join(root, "scripts", "tofu.sh")
	data, err := os.ReadFile(script)
	if err != nil {
		return "", err
	}
	m := tofuVersionLine.FindSubmatch(data)
	if m == nil {
		return "", errors.New(script + ": no version=v… line")
	}
	return string(m[1]), nil
}

func executable(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if st.IsDir() || st.Mode()&0o111 == 0 {
		return errors.New(path + " is not an executable file")
	}
	return nil
}

// moduleRoot is the directory of the repository's go.mod, found upwards
// from the working directory (a test runs in its package's directory).
func moduleRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("testtf: no go.mod above the working directory")
		}
		dir = parent
	}
}
