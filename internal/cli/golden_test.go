package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/cli"
	"github.com/trustcloud/trustcloud/internal/report"
)

// goldenNow is the clock of the golden outputs: the catalog's age and
// the qualifications' expiries are judged on this day, not today.
var goldenNow = testNow()

// runAt runs the command line as run does, with the clock pinned.
func runAt(t *testing.T, now time.Time, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.RunWith(append([]string{"trustcloud"}, args...), strings.NewReader(""), &out, &errOut, cli.Options{Now: func() time.Time { return now }})
	return result{code, out.String(), errOut.String()}
}

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
				r := runAt(t, goldenNow, args...)
				if r.code != o.exit || r.stderr != "" {
					t.Errorf("%v: exit %d, want %d; stderr %q", args, r.code, o.exit, r.stderr)
				}
				compareGolden(t, filepath.Join(goldenDir, o.file), r.stdout)
			}
		})
	}
}

// TestGoldenStaleCatalog: a check run more than report.StaleAfterDays
// after the catalog's date says once, in every language, that the
// catalog is stale and how to refresh it; the day before, it does not.
func TestGoldenStaleCatalog(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	asOf, err := time.Parse(time.DateOnly, cat.AsOf)
	if err != nil {
		t.Fatalf("the embedded catalog's as_of: %v", err)
	}
	fresh, stale := asOf.AddDate(0, 0, report.StaleAfterDays), asOf.AddDate(0, 0, report.StaleAfterDays+1)
	wants := map[string]string{
		"en": "warning: the catalog is 46 days old (facts as of " + cat.AsOf + ", ANSSI catalogue of " + cat.AnssiEdition + "): " +
			"qualifications may have changed since; use a newer trustcloud or give a newer catalog file with --catalog\n",
		"fr": "attention : le catalogue a 46 jours (état au " + cat.AsOf + ", catalogue de l'ANSSI du " + cat.AnssiEdition + ") : " +
			"les qualifications ont pu changer depuis ; utilisez une version plus récente de trustcloud ou donnez un fichier de catalogue plus récent avec --catalog\n",
	}
	for lang, want := range wants {
		r := runAt(t, stale, "check", "--lang", lang, builtinPlan)
		if n := strings.Count(r.stdout, want); n != 1 {
			t.Errorf("%s, %s: the warning %q %d times, want once:\n%s", lang, stale.Format(time.DateOnly), want, n, r.stdout)
		}
		r = runAt(t, fresh, "check", "--lang", lang, builtinPlan)
		if strings.Contains(r.stdout, want[:20]) {
			t.Errorf("%s, %s: a warning for a catalog %d days old:\n%s", lang, fresh.Format(time.DateOnly), report.StaleAfterDays, r.stdout)
		}
	}
	var doc struct {
		Freshness *report.Freshness `json:"catalog_freshness"`
	}
	r := runAt(t, stale, "check", "--format", "json", builtinPlan)
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	want := report.Freshness{AsOf: cat.AsOf, AnssiEdition: cat.AnssiEdition, AgeDays: report.StaleAfterDays + 1, Stale: true}
	if doc.Freshness == nil || *doc.Freshness != want {
		t.Errorf("catalog_freshness %+v, want %+v", doc.Freshness, want)
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
