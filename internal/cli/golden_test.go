package cli_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/cli"
	"github.com/trustcloud/trustcloud/internal/golden"
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
// compares the outputs with testdata/golden/NAME/, the wording of the
// findings left out (see withoutWording). `make golden` rewrites them;
// review the diff.
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
	// Reports name the configuration's files from the repository root
	// (internal/cli/testdata/builtin/main.tf): the goldens hold those.
	if check.RepositoryRoot(".") == "" {
		t.Fatal("no .git above internal/cli: the golden files name files from the repository root; run the tests in a checkout")
	}
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
			got := map[string]string{}
			for _, o := range outputs {
				args := append(append(append([]string{}, o.args...), flags...), plan)
				r := runAt(t, goldenNow, args...)
				if r.code != o.exit || withoutSummary(r.stderr) != "" {
					t.Errorf("%v: exit %d, want %d; stderr %q", args, r.code, o.exit, r.stderr)
				}
				got[o.file] = r.stdout
			}
			words := findingWording(t, got["check.json"])
			for _, o := range outputs {
				out := got[o.file]
				if strings.HasPrefix(o.file, "check.") {
					out = withoutWording(t, o.file, out, words)
				}
				golden.Assert(t, filepath.Join(goldenDir, o.file), []byte(out))
			}
		})
	}
}

// wording is a text of a finding (its message or remediation) and what
// the CLI's golden files hold instead.
type wording struct{ text, placeholder string }

// findingWording lists the messages and remediations of the findings of a
// check JSON report, each text once, longest first (so that no text is replaced inside a
// longer one), each with its placeholder: <RULE message>, <RULE
// remediation>.
func findingWording(t *testing.T, checkJSON string) []wording {
	t.Helper()
	var doc struct {
		Findings []struct {
			Rule        string `json:"rule"`
			Message     string `json:"message"`
			Remediation string `json:"remediation"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(checkJSON), &doc); err != nil {
		t.Fatalf("check --format json: %v", err)
	}
	var out []wording
	seen := map[string]bool{}
	for _, f := range doc.Findings {
		if f.Message == "" || f.Remediation == "" {
			t.Fatalf("%s: a finding without a message or a remediation: %q, %q", f.Rule, f.Message, f.Remediation)
		}
		for _, w := range []wording{{f.Message, "<" + f.Rule + " message>"}, {f.Remediation, "<" + f.Rule + " remediation>"}} {
			if !seen[w.text] {
				seen[w.text] = true
				out = append(out, w)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b wording) int { return len(b.text) - len(a.text) })
	return out
}

// withoutWording replaces the messages and remediations of the findings in
// a check output (text or JSON) with their placeholders. The CLI's golden
// files pin what the command line decides (which findings, at which
// severity, the header, the summary, the exit code); the wording of a
// finding is the rules' and the report's, pinned by the report package's
// goldens, so rewording a message does not rewrite these files. Every
// message must be found: an output that no longer shows one fails.
func withoutWording(t *testing.T, file, out string, words []wording) string {
	t.Helper()
	inJSON := strings.HasSuffix(file, ".json")
	for _, w := range words {
		from, to := w.text, w.placeholder
		if inJSON {
			from, to = jsonString(t, from), jsonString(t, to)
		}
		if !strings.Contains(out, from) {
			// A waived finding's remediation is not in the text output:
			// its waiver is.
			if inJSON || strings.HasSuffix(w.placeholder, " message>") {
				t.Errorf("%s does not show %s %q", file, w.placeholder, w.text)
			}
			continue
		}
		out = strings.ReplaceAll(out, from, to)
	}
	return out
}

// jsonString is s as the check JSON report writes it: quoted, HTML
// characters not escaped.
func jsonString(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
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
