package cli_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trustcloud/trustcloud/internal/testcorpus"

	"github.com/trustcloud/trustcloud/internal/cli"
)

// binary is the trustcloud command, built once for the package by
// TestMain: the end-to-end tests run it, the CI examples' tests put its
// directory first on PATH. binaryErr says why it could not be built.
var (
	binary    string
	binaryErr error
)

// binaryVersion is the version the test binary is built with.
const binaryVersion = "v0.0.0-e2e"

// testClock is the instant every run of these tests evaluates expiries and
// the catalog's age at, in-process (run) and in the built command (linked
// in as main.clock): the embedded catalog's date, so that a qualification
// expiring does not change their verdicts from one day to the next.
const testClock = "2026-12-03T12:00:00Z"

// testNow is testClock as a time.
func testNow() time.Time {
	at, err := time.Parse(time.RFC3339, testClock)
	if err != nil {
		panic(err)
	}
	return at
}

// buildFlags are the -ldflags of every build of the command in these
// tests: the pinned clock, and the version unless it is "".
func buildFlags(version string) string {
	flags := "-X main.clock=" + testClock
	if version != "" {
		flags += " -X github.com/trustcloud/trustcloud/internal/cli.Version=" + version
	}
	return flags
}

func TestMain(m *testing.M) {
	// The golden outputs are in English: run with an English locale
	// whatever the developer's (a French one would select French); the
	// language tests set their own.
	for _, v := range []string{"LC_ALL", "LC_MESSAGES"} {
		_ = os.Unsetenv(v)
	}
	_ = os.Setenv("LANG", "C.UTF-8")
	dir, err := os.MkdirTemp("", "trustcloud-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	binary, binaryErr = build(dir)
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// build compiles cmd/trustcloud as a release would, with the version set
// through -ldflags.
func build(dir string) (string, error) {
	goBin := filepath.Join(os.Getenv("GOROOT"), "bin", "go")
	if _, err := os.Stat(goBin); err != nil || os.Getenv("GOROOT") == "" {
		if goBin, err = exec.LookPath("go"); err != nil {
			return "", fmt.Errorf("no go command to build the CLI: %w", err)
		}
	}
	out := filepath.Join(dir, "trustcloud")
	cmd := exec.Command(goBin, "build", "-o", out,
		"-ldflags", buildFlags(binaryVersion),
		"github.com/trustcloud/trustcloud/cmd/trustcloud")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/trustcloud: %w\n%s", err, msg)
	}
	return out, nil
}

// result is what one run of the command line gave.
type result struct {
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\n--- stdout\n%s--- stderr\n%s", r.code, r.stdout, r.stderr)
}

// run runs the command line in-process, with stdin as standard input.
func run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.RunWith(append([]string{"trustcloud"}, args...), strings.NewReader(stdin), &out, &errOut, cli.Options{Now: testNow})
	return result{code, out.String(), errOut.String()}
}

// runBinary runs the built command, in dir when it is not empty, with
// extra environment variables.
func runBinary(t *testing.T, dir string, env []string, stdin string, args ...string) result {
	t.Helper()
	if binaryErr != nil {
		t.Fatalf("the CLI could not be built: %v", binaryErr)
	}
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("running %s: %v", binary, err)
		}
		code = ee.ExitCode()
	}
	return result{code, out.String(), errOut.String()}
}

// corpusDir returns the shared corpus of real plans (see testcorpus.Dir:
// skipped with a reason outside CI when absent, a failure in CI).
func corpusDir(t *testing.T) string {
	t.Helper()
	return testcorpus.Dir(t)
}

// corpusPlan returns the absolute path of one plan of the corpus.
func corpusPlan(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(corpusDir(t), name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("corpus plan %s: %v", name, err)
	}
	return p
}

// Corpus plans the tests rely on.
const (
	// AWS in us-east-1/us-west-2 and a Google US multi-region bucket: five
	// TC001 at internal, all medium.
	planAWSGoogle = "fugue-regula__resource_view_07_aws_google.json"
	// One S3 bucket in a module, in eu-west-1: no finding.
	planModuleCall = "aquasecurity-trivy__module_call.json"
	// A module with a global IAM role and a random_id.
	planRandomModule = "terraform-compliance-cli__issue_227_aws_random_module.json"
)

// Plans and inputs of this package's testdata.
const (
	// builtinPlan is a real plan of testdata/builtin (terraform_data only).
	builtinPlan = "testdata/builtin/plan.json"
	// builtinAsAWS maps the builtin provider to the aws operator, with the
	// location in terraform_data's input.
	builtinAsAWS = "testdata/catalog/builtin-as-aws.json"
)

// scenarioPlans returns the plans of testdata/scenarios at the repository
// root, with the policy file of each scenario when it has one.
func scenarioPlans(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("../../testdata/scenarios/*/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata/scenarios/*/plan.json at the repository root: run `make testdata`")
	}
	out := map[string]string{}
	for _, f := range files {
		pol := filepath.Join(filepath.Dir(f), "policy.hcl")
		if _, err := os.Stat(pol); err != nil {
			pol = ""
		}
		out[f] = pol
	}
	return out
}
