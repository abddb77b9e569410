package cli_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/cli"
)

// goldenCase runs check and inventory, in text and JSON, on one plan and
// compares the outputs with testdata/golden/NAME/. Run
// `go test ./internal/cli -update` to rewrite them, and review the diff.
type goldenCase struct {
	name string
	// corpus names a plan of the shared corpus, run from the corpus
	// directory so that outputs name it by its base name; otherwise plan
	// is a path relative to this package.
	corpus, plan string
	flags        []string
	checkExit    int
}

func TestGolden(t *testing.T) {
	cases := []goldenCase{
		{name: "builtin", plan: builtinPlan, checkExit: cli.ExitOK},
		{name: "builtin-as-aws", plan: builtinPlan, flags: []string{"--catalog", builtinAsAWS}, checkExit: cli.ExitFindings},
		{name: "builtin-waivers", plan: builtinPlan, flags: []string{"--catalog", builtinAsAWS, "--policy", "testdata/policies/waivers.hcl"}, checkExit: cli.ExitFindings},
		{name: "aws-google", corpus: planAWSGoogle, checkExit: cli.ExitOK},
		{name: "module-call", corpus: planModuleCall, checkExit: cli.ExitOK},
		{name: "random-module", corpus: planRandomModule, checkExit: cli.ExitOK},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			goldenDir, err := filepath.Abs(filepath.Join("testdata", "golden", tc.name))
			if err != nil {
				t.Fatal(err)
			}
			plan := tc.plan
			flags := tc.flags
			if tc.corpus != "" {
				corpusPlan(t, tc.corpus)
				// Flags name files of this package: make them absolute
				// before leaving its directory.
				flags = absFiles(t, flags)
				t.Chdir(corpusDir(t))
				plan = tc.corpus
			}
			outputs := []struct {
				file string
				args []string
				exit int
			}{
				{"check.txt", []string{"check"}, tc.checkExit},
				{"check.json", []string{"check", "--format", "json"}, tc.checkExit},
				{"inventory.txt", []string{"inventory"}, cli.ExitOK},
				{"inventory.json", []string{"inventory", "--format", "json"}, cli.ExitOK},
			}
			for _, o := range outputs {
				args := append(append(append([]string{}, o.args...), flags...), plan)
				r := run(t, "", args...)
				if r.code != o.exit || r.stderr != "" {
					t.Errorf("%v: exit %d, want %d; stderr %q", args, r.code, o.exit, r.stderr)
				}
				compareGolden(t, filepath.Join(goldenDir, o.file), r.stdout)
			}
		})
	}
}

func absFiles(t *testing.T, flags []string) []string {
	t.Helper()
	out := append([]string{}, flags...)
	for i := 1; i < len(out); i++ {
		if out[i-1] == "--catalog" || out[i-1] == "--policy" {
			abs, err := filepath.Abs(out[i])
			if err != nil {
				t.Fatal(err)
			}
			out[i] = abs
		}
	}
	return out
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run `go test ./internal/cli -update` and review the diff)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s\n(if the change is intended, run `go test ./internal/cli -update` and review the diff)", path, diff)
	}
}
