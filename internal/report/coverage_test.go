package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// coverageReport is a real report (a plan whose provider sets no region)
// whose summary counts are made distinct, so that each can be found in
// the output.
func coverageReport(t *testing.T) *Report {
	t.Helper()
	r := scenarioCase{name: "coverage", scenario: "aws-no-region", failOn: "high"}.build(t)
	if r.Summary.UnknownLocation == 0 {
		t.Fatal("aws-no-region has no resource with an unknown location: has the scenario changed?")
	}
	r.Summary.Resources, r.Summary.Analysed, r.Summary.UnknownLocation, r.Summary.UnknownOperator, r.Summary.Waived = 43, 41, 17, 13, 7
	return r
}

// coverageCheckers say, for each output format, where it reports how many
// resources were analysed, how many had an unknown location or operator,
// and how many findings were waived (41, 17, 13 and 7 in coverageReport).
var coverageCheckers = map[string]func(out []byte) error{
	"text":     containsAll("41 resources analysed", "17 unknown location", "13 no catalog operator", "7 waived"),
	"markdown": containsAll("41 resources analysed", "17 with unknown location", "13 with no catalog operator", "7 waived"),
	"github":   containsAll("41 resources analysed", "17 unknown location", "13 no catalog operator", "7 waived"),
	"html": matchAll(`<div class="n">41</div><div class="label">resources analysed`, `<div class="n">17</div><div class="label">unknown location`,
		`<div class="n">13</div><div class="label">unknown operator`, `<div class="n">7</div><div class="label">waived`),
	"json": func(out []byte) error {
		var doc struct{ Summary map[string]any }
		if err := json.Unmarshal(out, &doc); err != nil {
			return err
		}
		return summaryCounts(doc.Summary, "analysed", "unknown_location", "unknown_operator", "waived")
	},
	"sarif": func(out []byte) error {
		var doc struct {
			Runs []struct {
				Properties struct{ Summary map[string]any }
			}
		}
		if err := json.Unmarshal(out, &doc); err != nil || len(doc.Runs) != 1 {
			return fmt.Errorf("%d runs, %w", len(doc.Runs), err)
		}
		return summaryCounts(doc.Runs[0].Properties.Summary, "analysed", "unknown_location", "unknown_operator", "waived")
	},
	"junit": func(out []byte) error {
		props, systemOut, err := readJUnitSummary(out)
		if err != nil {
			return err
		}
		got := map[string]any{}
		for k, v := range props {
			got[k] = v
		}
		if err := summaryCounts(got, "analysed", "unknown_location", "unknown_operator", "waived"); err != nil {
			return err
		}
		return containsAll("41 resources analysed", "17 with unknown location", "13 with no catalog operator", "7 findings waived")([]byte(systemOut))
	},
	"gitlab": func(out []byte) error {
		var issues []struct {
			CheckName   string `json:"check_name"`
			Description string `json:"description"`
			Severity    string `json:"severity"`
		}
		if err := json.Unmarshal(out, &issues); err != nil {
			return err
		}
		for _, is := range issues {
			if is.CheckName == "trustcloud-coverage" {
				if is.Severity != "info" {
					return fmt.Errorf("coverage issue at severity %q", is.Severity)
				}
				return containsAll("41 analysed resources", "17 with an unknown location", "13 with no catalog operator", "7 findings waived")([]byte(is.Description))
			}
		}
		return fmt.Errorf("no trustcloud-coverage issue")
	},
	"oscal": func(out []byte) error {
		var doc any
		if err := json.Unmarshal(out, &doc); err != nil {
			return err
		}
		// Every value each prop name has anywhere (findings have a
		// "waived" prop too).
		props := map[string]bool{}
		var walk func(v any)
		walk = func(v any) {
			switch v := v.(type) {
			case map[string]any:
				if name, ok := v["name"].(string); ok && v["value"] != nil {
					props[name+"="+fmt.Sprint(v["value"])] = true
				}
				for _, e := range v {
					walk(e)
				}
			case []any:
				for _, e := range v {
					walk(e)
				}
			}
		}
		walk(doc)
		for _, p := range []string{"analysed=41", "unknown-location=17", "unknown-operator=13", "waived=7"} {
			if !props[p] {
				return fmt.Errorf("no prop %s", p)
			}
		}
		return nil
	},
}

// TestCoverageInEveryFormat: every output format says how many resources
// were analysed, how many had an unknown location or operator, and how
// many findings were waived — a run that could not look at something says
// so wherever it is read. A new format must say it too.
func TestCoverageInEveryFormat(t *testing.T) {
	r := coverageReport(t)
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			check, ok := coverageCheckers[name]
			if !ok {
				t.Fatalf("format %s has no coverage check: say where it reports the analysed, unknown-location, unknown-operator and waived counts", name)
			}
			if err := check(renderFormat(t, name, r)); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		})
	}
}

// TestGitLabCoverageOnlyWhenBlind: the Code Quality report gets its
// coverage entry only when something could not be looked at, so that a
// clean run adds no issue to the merge-request widget; its fingerprint
// changes when the counts do.
func TestGitLabCoverageOnlyWhenBlind(t *testing.T) {
	r := coverageReport(t)
	fingerprint := func(r *Report) string {
		var issues []struct {
			CheckName   string `json:"check_name"`
			Fingerprint string `json:"fingerprint"`
		}
		if err := json.Unmarshal(renderFormat(t, "gitlab", r), &issues); err != nil {
			t.Fatal(err)
		}
		for _, is := range issues {
			if is.CheckName == "trustcloud-coverage" {
				return is.Fingerprint
			}
		}
		return ""
	}
	first := fingerprint(r)
	r.Summary.UnknownOperator = 12
	if second := fingerprint(r); second == "" || second == first {
		t.Errorf("fingerprints %q then %q: want a new one when the counts change", first, second)
	}
	r.Summary.UnknownLocation, r.Summary.UnknownOperator = 0, 0
	if got := fingerprint(r); got != "" {
		t.Errorf("a coverage issue when every resource was located and attributed")
	}
}

func containsAll(subs ...string) func([]byte) error {
	return func(out []byte) error {
		for _, s := range subs {
			if !strings.Contains(string(out), s) {
				return fmt.Errorf("no %q in:\n%s", s, out)
			}
		}
		return nil
	}
}

func matchAll(patterns ...string) func([]byte) error {
	return func(out []byte) error {
		for _, p := range patterns {
			if !regexp.MustCompile(p).Match(out) {
				return fmt.Errorf("no match for %s", p)
			}
		}
		return nil
	}
}

// summaryCounts checks the four counts of coverageReport in a decoded
// summary (numbers or strings), under the given keys.
func summaryCounts(got map[string]any, keys ...string) error {
	want := []string{"41", "17", "13", "7"}
	for i, k := range keys {
		if v := fmt.Sprint(got[k]); v != want[i] {
			return fmt.Errorf("%s = %s, want %s (summary %v)", k, v, want[i], got)
		}
	}
	return nil
}

// Evaluations of the tests: from the sources of a binary plan, and from
// plan JSON alone.
var (
	evalSources = &inventory.Evaluation{Mode: inventory.EvaluatedFromSources, Origin: "the configuration snapshot of plan.tfplan",
		Sources: tfconfig.FromPlanFile, Path: "plan.tfplan", Note: "configuration values evaluated from the sources with Terraform's semantics"}
	evalPlanJSON = &inventory.Evaluation{Mode: inventory.EvaluatedFromJSON,
		Note: "plan JSON alone: a value read through references is inferred, which can reveal a breach but never show compliance; give the binary plan file or --config-dir"}
)

// evaluationWants is how each evaluation's statement begins, by language.
var evaluationWants = map[*inventory.Evaluation]map[i18n.Lang]string{
	evalSources: {
		i18n.English: "configuration evaluated from the configuration snapshot of plan.tfplan",
		i18n.French:  "configuration évaluée depuis l'instantané de configuration de plan.tfplan",
	},
	evalPlanJSON: {
		i18n.English: "plan JSON alone: values read through references are inferred, which can reveal a breach but never show compliance",
		i18n.French:  "JSON du plan seul : les valeurs lues à travers des références sont déduites, ce qui peut révéler une infraction mais jamais démontrer la conformité",
	},
}

// capitalized is s with its first letter in upper case, as sentences
// of the markdown, JUnit and OSCAL outputs start.
func capitalized(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// evaluationCheckers say, for each output format, where it says how the
// configuration was evaluated: want is how the statement begins in the
// report's language (the machine formats' in English).
var evaluationCheckers = map[string]func(out []byte, ev *inventory.Evaluation, want string) error{
	"text": func(out []byte, _ *inventory.Evaluation, want string) error {
		lines := strings.Split(string(out), "\n")
		if len(lines) < 2 || !strings.HasPrefix(lines[1], want) {
			return fmt.Errorf("the line after the header does not start %q:\n%s", want, out)
		}
		return nil
	},
	"markdown": func(out []byte, _ *inventory.Evaluation, want string) error {
		md := string(out)
		i, j := strings.Index(md, "\n\n"+capitalized(want)), strings.Index(md, "\n### ")
		if i < 0 || j < i {
			return fmt.Errorf("no paragraph %q under the summary:\n%s", capitalized(want), md)
		}
		return nil
	},
	"github": func(out []byte, _ *inventory.Evaluation, want string) error {
		first, _, _ := strings.Cut(string(out), "\n")
		cmd, props, data, ok := parseWorkflowCommand(first)
		if !ok || cmd != "notice" || props["file"] != "" || props["title"] == "" || !strings.HasPrefix(data, want) {
			return fmt.Errorf("first line %q: want a titled notice on the run starting %q", first, want)
		}
		return nil
	},
	"html": func(out []byte, _ *inventory.Evaluation, want string) error {
		doc, err := html.Parse(bytes.NewReader(out))
		if err != nil {
			return err
		}
		dds := findNodes(doc, func(n *html.Node) bool { id, _ := nodeAttr(n, "id"); return n.Data == "dd" && id == "evaluation" })
		if len(dds) != 1 || !strings.HasPrefix(nodeText(dds[0]), want) {
			return fmt.Errorf("no <dd id=evaluation> starting %q in the header", want)
		}
		if p := dds[0].PrevSibling; p == nil || p.Data != "dt" {
			return fmt.Errorf("<dd id=evaluation> has no <dt>")
		}
		return nil
	},
	"json": func(out []byte, ev *inventory.Evaluation, _ string) error {
		var doc struct {
			FormatVersion string                `json:"format_version"`
			Evaluation    *inventory.Evaluation `json:"evaluation"`
		}
		if err := json.Unmarshal(out, &doc); err != nil {
			return err
		}
		if doc.FormatVersion != "1" || doc.Evaluation == nil || *doc.Evaluation != *ev {
			return fmt.Errorf("format_version %q, evaluation %+v; want 1, %+v", doc.FormatVersion, doc.Evaluation, ev)
		}
		p, e, f := bytes.Index(out, []byte(`"plan":`)), bytes.Index(out, []byte(`"evaluation":`)), bytes.Index(out, []byte(`"findings":`))
		if p >= e || e >= f {
			return fmt.Errorf("evaluation is not between plan and findings")
		}
		return nil
	},
	"sarif": func(out []byte, ev *inventory.Evaluation, want string) error {
		var doc struct {
			Runs []struct {
				Invocations []struct {
					Notifications []struct {
						Level   string
						Message struct{ Text string }
					} `json:"toolExecutionNotifications"`
				}
				Properties struct{ Evaluation *inventory.Evaluation }
			}
		}
		if err := json.Unmarshal(out, &doc); err != nil || len(doc.Runs) != 1 || len(doc.Runs[0].Invocations) != 1 {
			return fmt.Errorf("want one run and one invocation: %w", err)
		}
		run := doc.Runs[0]
		if run.Properties.Evaluation == nil || *run.Properties.Evaluation != *ev {
			return fmt.Errorf("run properties evaluation %+v, want %+v", run.Properties.Evaluation, ev)
		}
		level := map[string]string{inventory.EvaluatedFromSources: "note", inventory.EvaluatedFromJSON: "warning"}[ev.Mode]
		ns := run.Invocations[0].Notifications
		if len(ns) != 1 || ns[0].Level != level || !strings.HasPrefix(ns[0].Message.Text, want) {
			return fmt.Errorf("notifications %+v: want one %s starting %q", ns, level, want)
		}
		return nil
	},
	"junit": func(out []byte, ev *inventory.Evaluation, want string) error {
		props, systemOut, err := readJUnitSummary(out)
		if err != nil {
			return err
		}
		got := props
		if got["evaluation"] != ev.Mode || got["evaluation_origin"] != ev.Origin {
			return fmt.Errorf("properties %v: want evaluation %q, evaluation_origin %q", got, ev.Mode, ev.Origin)
		}
		return containsAll("\n" + capitalized(want))([]byte(systemOut))
	},
	"gitlab": func(out []byte, ev *inventory.Evaluation, want string) error {
		var issues []codeQualityIn
		if err := json.Unmarshal(out, &issues); err != nil {
			return err
		}
		if len(issues) == 0 {
			return fmt.Errorf("no issue to look at")
		}
		for i, is := range issues {
			marked := strings.HasSuffix(is.Description, " [plan JSON alone: referenced values are inferred]")
			if marked != (ev.Mode == inventory.EvaluatedFromJSON) {
				return fmt.Errorf("issue %d (%s): description %q, mode %s", i, is.CheckName, is.Description, ev.Mode)
			}
			if is.Content == nil || !strings.Contains(is.Content.Body, "\n\nEvaluation: "+want) {
				return fmt.Errorf("issue %d (%s): body %+v lacks the evaluation", i, is.CheckName, is.Content)
			}
		}
		return nil
	},
	"oscal": func(out []byte, ev *inventory.Evaluation, want string) error {
		var res struct {
			AR struct {
				Results []struct {
					Props   []oscalProp `json:"props"`
					Remarks string      `json:"remarks"`
				} `json:"results"`
			} `json:"assessment-results"`
		}
		if err := json.Unmarshal(out, &res); err != nil || len(res.AR.Results) != 1 {
			return fmt.Errorf("want one result: %w", err)
		}
		props := res.AR.Results[0].Props
		wantOrigin := []string(nil)
		if ev.Origin != "" {
			wantOrigin = []string{ev.Origin}
		}
		if got := prop(props, "evaluation"); len(got) != 1 || got[0] != ev.Mode {
			return fmt.Errorf("evaluation props %q, want %q", got, ev.Mode)
		}
		if got := prop(props, "evaluation-origin"); !slices.Equal(got, wantOrigin) {
			return fmt.Errorf("evaluation-origin props %q, want %q", got, wantOrigin)
		}
		if !strings.HasPrefix(res.AR.Results[0].Remarks, capitalized(want)) {
			return fmt.Errorf("result remarks %q, want them to start %q", res.AR.Results[0].Remarks, capitalized(want))
		}
		return nil
	},
}

// TestEvaluationInEveryFormat: every format says whether the configuration
// was evaluated from its sources (and which) or read from plan JSON alone,
// in the reader's language where the format is for people; the machine
// formats still pass their schemas. A new format must say it too.
func TestEvaluationInEveryFormat(t *testing.T) {
	validate := schemaValidators(t)
	r := coverageReport(t)
	for _, ev := range []*inventory.Evaluation{evalSources, evalPlanJSON} {
		r.Inventory.Evaluation = ev
		for _, lang := range i18n.Supported {
			r.Options.Lang = lang
			for _, name := range Names() {
				t.Run(ev.Mode+"/"+string(lang)+"/"+name, func(t *testing.T) {
					check, ok := evaluationCheckers[name]
					if !ok {
						t.Fatalf("format %s has no evaluation check: say where it reports how the configuration was evaluated", name)
					}
					want := evaluationWants[ev][lang]
					if machineFormats[name] {
						want = evaluationWants[ev][i18n.English]
					}
					out := renderFormat(t, name, r)
					if err := check(out, ev, want); err != nil {
						t.Errorf("%s: %v", name, err)
					}
					if v := validate[name]; v != nil {
						if err := v(t, out); err != nil {
							t.Errorf("%s no longer validates: %v", name, err)
						}
					}
				})
			}
		}
	}
}

// schemaValidators check the machine formats against the schemas their
// readers use: SARIF 2.1.0 (both versions), GitLab's Code Quality issue,
// OSCAL 1.1.2 assessment results, and the JUnit structure of GitLab's
// parser and the xUnit XSD.
func schemaValidators(t *testing.T) map[string]func(t *testing.T, out []byte) error {
	t.Helper()
	sarifStd, sarifCS := compileSchema(t, sarifStandardSchema), compileSchema(t, sarifCSSchema)
	gitlab, oscal := compileSchema(t, "testdata/gitlab-codeclimate-degradation.schema.json"), compileOSCALSchema(t)
	return map[string]func(t *testing.T, out []byte) error{
		"sarif": func(t *testing.T, out []byte) error { return validateSARIF(t, sarifStd, sarifCS, out) },
		"oscal": func(t *testing.T, out []byte) error { return validateJSON(t, oscal, out) },
		"gitlab": func(t *testing.T, out []byte) error {
			var issues []json.RawMessage
			if err := json.Unmarshal(out, &issues); err != nil {
				return err
			}
			for _, is := range issues {
				if err := validateJSON(t, gitlab, is); err != nil {
					return err
				}
			}
			return nil
		},
		"junit": func(t *testing.T, out []byte) error {
			checkJUnitStructure(t, parseJUnit(t, out))
			return nil
		},
	}
}

// TestEvaluationNotStated: a report whose inventory does not say how it
// was evaluated, or that has no inventory, states nothing about it and
// renders in every format.
func TestEvaluationNotStated(t *testing.T) {
	r := coverageReport(t)
	r.Inventory.Evaluation = nil
	statement := regexp.MustCompile(`(?i)plan JSON alone|configuration evaluated|"evaluation|name="evaluation|title=trustcloud evaluation|id="evaluation"`)
	for _, inv := range []*inventory.Inventory{r.Inventory, nil} {
		r.Inventory = inv
		for _, name := range Names() {
			if out := renderFormat(t, name, r); statement.Match(out) {
				t.Errorf("%s (inventory %v) states an evaluation: %q", name, inv != nil, statement.Find(out))
			}
		}
	}
	inv := coverageReport(t).Inventory
	inv.Evaluation = nil
	var b bytes.Buffer
	WriteInventoryText(&b, inv, false, i18n.English)
	if statement.Match(b.Bytes()) {
		t.Errorf("inventory text states an evaluation:\n%s", b.String())
	}
}

// TestEvaluationOrigins: sources named by kind and path are translated;
// an origin without them is quoted as it is.
func TestEvaluationOrigins(t *testing.T) {
	for _, tc := range []struct {
		ev   inventory.Evaluation
		lang i18n.Lang
		want string
	}{
		{inventory.Evaluation{Origin: "the directory infra/", Sources: tfconfig.FromDirectory, Path: "infra/"}, i18n.English, "configuration evaluated from the directory infra/"},
		{inventory.Evaluation{Origin: "the directory infra/", Sources: tfconfig.FromDirectory, Path: "infra/"}, i18n.French, "configuration évaluée depuis le répertoire infra/"},
		{inventory.Evaluation{Origin: "the configuration snapshot of plan.tfplan", Sources: tfconfig.FromPlanFile, Path: "ci/plan.tfplan"}, i18n.French, "configuration évaluée depuis l'instantané de configuration de plan.tfplan"},
		{inventory.Evaluation{Origin: "a checkout"}, i18n.French, "configuration évaluée depuis a checkout"},
		{inventory.Evaluation{}, i18n.French, "configuration évaluée depuis ses sources"},
	} {
		ev := tc.ev
		ev.Mode = inventory.EvaluatedFromSources
		if got := evaluationText(tc.lang, &ev); got != tc.want {
			t.Errorf("%+v in %s: %q, want %q", tc.ev, tc.lang, got, tc.want)
		}
	}
	if got := evaluationText(i18n.English, &inventory.Evaluation{Mode: "future", Note: "a new mode"}); got != `configuration evaluation "future": a new mode` {
		t.Errorf("unknown mode: %q", got)
	}
}

// TestInventoryTextEvaluation: the inventory text ends with how the
// configuration was evaluated, in the reader's language, on the line
// after its summary (the module groups end at the first blank line).
func TestInventoryTextEvaluation(t *testing.T) {
	for _, ev := range []*inventory.Evaluation{evalSources, evalPlanJSON} {
		for _, lang := range i18n.Supported {
			inv := coverageReport(t).Inventory
			inv.Evaluation = ev
			var b bytes.Buffer
			WriteInventoryText(&b, inv, false, lang)
			lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			n := len(lines)
			summary := map[i18n.Lang]string{i18n.English: " resources: ", i18n.French: " ressources — "}[lang]
			if n < 3 || lines[n-3] != "" || !strings.Contains(lines[n-2], summary) || !strings.HasPrefix(lines[n-1], evaluationWants[ev][lang]) {
				t.Errorf("%s, %s: the inventory does not end with a blank line, the summary and the evaluation:\n%s", ev.Mode, lang, b.String())
			}
		}
	}
}

// TestInferredLocationShown: where a location is only inferred, the
// formats that show its evidence say why: the text inventory, the html
// page (finding details and inventory table) and the markdown tables,
// which do not repeat a reason the message already gives (TC003 does).
func TestInferredLocationShown(t *testing.T) {
	const why = "provider aws (root) region = var.region, not evaluated (plan JSON records only its references)"
	r := syntheticReport(2, "high")
	for _, res := range r.Inventory.Resources {
		res.Location.Unverified = text(why)
	}
	for _, f := range r.Findings {
		f.Location.Unverified = text(why)
		f.Waived, f.Waiver = false, nil
	}
	r.Findings[1].Message = i18n.Plain("the location of x (us-east-1) is only inferred: " + why)
	r.Summary = Summarize(r.Inventory, r.Findings, "high")
	label := map[i18n.Lang]string{i18n.English: "inferred", i18n.French: "déduite"}
	for _, lang := range i18n.Supported {
		r.Options.Lang = lang
		var inv bytes.Buffer
		WriteInventoryText(&inv, r.Inventory, false, lang)
		if want := "\n      " + label[lang] + map[i18n.Lang]string{i18n.English: ": ", i18n.French: " : "}[lang] + why + "\n"; strings.Count(inv.String(), want) != 2 {
			t.Errorf("%s: the inventory text does not give %q for each resource:\n%s", lang, want, inv.String())
		}

		note := label[lang] + map[i18n.Lang]string{i18n.English: ": ", i18n.French: " : "}[lang] + why
		open, _ := markdownSections(string(renderFormat(t, "markdown", r)))
		if row := findRow(open, "`"+r.Findings[0].Address+"`"); !strings.Contains(row, "("+mdText(note)+")") {
			t.Errorf("%s: markdown row %q lacks %q", lang, row, note)
		}
		if row := findRow(open, "`"+r.Findings[1].Address+"`"); strings.Count(row, mdText(why)) != 1 {
			t.Errorf("%s: markdown row %q repeats the reason its message gives", lang, row)
		}

		doc := parseHTML(t, renderFormat(t, "html", r))
		details := findNodes(doc, func(n *html.Node) bool { return n.Data == "tr" && nodeHasClass(n, "detail") })
		for i, d := range details {
			if text := words(d); !strings.Contains(text, label[lang]+" "+why) {
				t.Errorf("%s: finding %d details lack %q: %s", lang, i, label[lang]+" "+why, text)
			}
		}
		if subs := findNodes(doc, func(n *html.Node) bool { return nodeHasClass(n, "inferred") && nodeHasClass(n, "sub") }); len(subs) != 2 || nodeText(subs[0]) != note {
			t.Errorf("%s: the inventory table does not say %q for each resource", lang, note)
		}
	}
}

// The catalog of the freshness tests, read 12 days after its date (fresh)
// and 80 days after (stale).
var (
	testCatalog   = inventory.CatalogRef{AsOf: "2026-12-03", Version: "2026.12.03", AnssiEdition: "2026-09-15"}
	freshCatalog  = NewFreshness(testCatalog, time.Date(2026, 12, 15, 9, 0, 0, 0, time.UTC))
	staleCatalog  = NewFreshness(testCatalog, time.Date(2027, 2, 21, 9, 0, 0, 0, time.UTC))
	catalogWants  = map[i18n.Lang]string{i18n.English: "2026-12-03 (ANSSI catalogue of 2026-09-15)", i18n.French: "2026-12-03 (catalogue de l'ANSSI du 2026-09-15)"}
	staleWants    = map[i18n.Lang]string{i18n.English: "the catalog is 80 days old (facts as of 2026-12-03, ANSSI catalogue of 2026-09-15): qualifications may have changed since; use a newer trustcloud or give a newer catalog file with --catalog", i18n.French: "le catalogue a 80 jours (état au 2026-12-03, catalogue de l'ANSSI du 2026-09-15) : les qualifications ont pu changer depuis ; utilisez une version plus récente de trustcloud ou donnez un fichier de catalogue plus récent avec --catalog"}
	gitlabStaleTo = " [stale catalog: 80 days old, use a newer trustcloud or --catalog]"
)

// freshnessWant is what a format must say of testCatalog: date is its
// date and ANSSI edition, stale the warning ("" when fresh), in the
// report's language (the machine formats' in English).
type freshnessWant struct {
	lang        i18n.Lang
	f           *Freshness
	date, stale string
}

// once says that text occurs exactly once in out when want is true, and
// not at all when it is false.
func once(out, text string, want bool) error {
	n := strings.Count(out, text)
	switch {
	case want && n != 1:
		return fmt.Errorf("%q %d times, want once", text, n)
	case !want && n != 0:
		return fmt.Errorf("%q %d times, want none (fresh catalog)", text, n)
	}
	return nil
}

// freshnessCheckers say, for each output format, where it states the
// catalog's date and ANSSI edition, and where (once) it warns that the
// catalog is stale.
var freshnessCheckers = map[string]func(out []byte, w freshnessWant) error{
	"text": func(out []byte, w freshnessWant) error {
		lines := strings.Split(string(out), "\n")
		if !strings.HasSuffix(lines[0], map[i18n.Lang]string{i18n.English: ", catalog ", i18n.French: ", catalogue du "}[w.lang]+w.date) {
			return fmt.Errorf("header %q does not end with the catalog %q", lines[0], w.date)
		}
		return once(string(out), "\n"+i18n.T(w.lang, "text.stale", staleWants[w.lang])+"\n", w.stale != "")
	},
	"markdown": func(out []byte, w freshnessWant) error {
		md := string(out)
		if !strings.Contains(md, i18n.T(w.lang, "md.catalog", mdText(w.date))+", trustcloud ") {
			return fmt.Errorf("no catalog %q in the plan line:\n%s", w.date, md)
		}
		if err := once(md, "\n> ", w.stale != ""); err != nil {
			return err
		}
		return once(md, "\n\n> "+i18n.T(w.lang, "md.stale", mdText(staleWants[w.lang]+"."))+"\n\n", w.stale != "")
	},
	"github": func(out []byte, w freshnessWant) error {
		lines := strings.Split(string(out), "\n")
		if err := once(string(out), "\n"+i18n.T(w.lang, "github.catalog_line", i18n.T(w.lang, "report.catalog", w.date))+"\n", true); err != nil {
			return err
		}
		var warnings []string
		for _, l := range lines {
			if cmd, props, data, ok := parseWorkflowCommand(l); ok && props["title"] == i18n.T(w.lang, "github.catalog") {
				if cmd != "warning" || props["file"] != "" || data != staleWants[w.lang] {
					return fmt.Errorf("%q: want a warning on the run saying %q", l, staleWants[w.lang])
				}
				warnings = append(warnings, l)
			}
		}
		if want := map[bool]int{true: 1}[w.stale != ""]; len(warnings) != want {
			return fmt.Errorf("%d catalog warnings, want %d", len(warnings), want)
		}
		return nil
	},
	"html": func(out []byte, w freshnessWant) error {
		doc, err := html.Parse(bytes.NewReader(out))
		if err != nil {
			return err
		}
		dds := findNodes(doc, func(n *html.Node) bool { id, _ := nodeAttr(n, "id"); return n.Data == "dd" && id == "catalog" })
		if want := i18n.T(w.lang, "html.as_of", w.date) + " · version 2026.12.03"; len(dds) != 1 || nodeText(dds[0]) != want {
			return fmt.Errorf("no <dd id=catalog> saying %q", want)
		}
		if nodeHasClass(dds[0], "stale") != (w.stale != "") {
			return fmt.Errorf("<dd id=catalog> class stale: %v, want %v", nodeHasClass(dds[0], "stale"), w.stale != "")
		}
		banners := findNodes(doc, func(n *html.Node) bool { return nodeHasClass(n, "banner") })
		if w.stale == "" {
			if len(banners) != 0 {
				return fmt.Errorf("%d banners for a fresh catalog", len(banners))
			}
			return nil
		}
		want := i18n.T(w.lang, "html.stale") + " " + staleWants[w.lang] + "."
		if len(banners) != 1 || words(banners[0]) != want {
			return fmt.Errorf("banners %d, want one saying %q", len(banners), want)
		}
		return nil
	},
	"json": func(out []byte, w freshnessWant) error {
		var doc struct {
			Catalog   inventory.CatalogRef `json:"catalog"`
			Freshness *Freshness           `json:"catalog_freshness"`
		}
		if err := json.Unmarshal(out, &doc); err != nil {
			return err
		}
		if !reflect.DeepEqual(doc.Catalog, testCatalog) || doc.Freshness == nil || *doc.Freshness != *w.f {
			return fmt.Errorf("catalog %+v, catalog_freshness %+v; want %+v, %+v", doc.Catalog, doc.Freshness, testCatalog, w.f)
		}
		return nil
	},
	"sarif": func(out []byte, w freshnessWant) error {
		var doc struct {
			Runs []struct {
				Invocations []struct {
					Notifications []struct {
						Level      string
						Message    struct{ Text string }
						Descriptor struct{ ID string }
					} `json:"toolExecutionNotifications"`
				}
				Properties struct {
					Catalog          inventory.CatalogRef
					CatalogFreshness *Freshness
				}
			}
		}
		if err := json.Unmarshal(out, &doc); err != nil || len(doc.Runs) != 1 || len(doc.Runs[0].Invocations) != 1 {
			return fmt.Errorf("want one run and one invocation: %w", err)
		}
		run := doc.Runs[0]
		if !reflect.DeepEqual(run.Properties.Catalog, testCatalog) || run.Properties.CatalogFreshness == nil || *run.Properties.CatalogFreshness != *w.f {
			return fmt.Errorf("run properties catalog %+v, catalogFreshness %+v", run.Properties.Catalog, run.Properties.CatalogFreshness)
		}
		var stale []string
		for _, n := range run.Invocations[0].Notifications {
			if n.Descriptor.ID == sarifStaleCatalogID {
				if n.Level != "warning" || n.Message.Text != w.stale {
					return fmt.Errorf("notification %+v: want a warning saying %q", n, w.stale)
				}
				stale = append(stale, n.Message.Text)
			}
		}
		if want := map[bool]int{true: 1}[w.stale != ""]; len(stale) != want {
			return fmt.Errorf("%d stale-catalog notifications, want %d", len(stale), want)
		}
		return nil
	},
	"junit": func(out []byte, w freshnessWant) error {
		props, systemOut, err := readJUnitSummary(out)
		if err != nil {
			return err
		}
		got := props
		want := map[string]string{"catalog_as_of": "2026-12-03", "catalog_anssi_edition": "2026-09-15", "catalog_version": "2026.12.03",
			"catalog_age_days": fmt.Sprint(w.f.AgeDays), "catalog_stale": fmt.Sprint(w.f.Stale)}
		for k, v := range want {
			if got[k] != v {
				return fmt.Errorf("property %s = %q, want %q", k, got[k], v)
			}
		}
		if err := once(systemOut, "\n"+capitalized(i18n.T(w.lang, "report.catalog", w.date))+".", true); err != nil {
			return err
		}
		return once(systemOut, "\n"+capitalized(staleWants[w.lang])+".", w.stale != "")
	},
	"gitlab": func(out []byte, w freshnessWant) error {
		var issues []codeQualityIn
		if err := json.Unmarshal(out, &issues); err != nil {
			return err
		}
		if len(issues) == 0 {
			return fmt.Errorf("no issue to look at")
		}
		for i, is := range issues {
			if marked := strings.Contains(is.Description, gitlabStaleTo); marked != (w.stale != "") {
				return fmt.Errorf("issue %d (%s): description %q, stale %v", i, is.CheckName, is.Description, w.stale != "")
			}
			if is.Content == nil || !strings.Contains(is.Content.Body, "\n\nCatalog as of "+w.date+".") {
				return fmt.Errorf("issue %d (%s): body %+v does not name the catalog", i, is.CheckName, is.Content)
			}
			if err := once(is.Content.Body, capitalized(staleWants[i18n.English])+".", w.stale != ""); err != nil {
				return fmt.Errorf("issue %d (%s): %w", i, is.CheckName, err)
			}
		}
		return nil
	},
	"oscal": func(out []byte, w freshnessWant) error {
		var res struct {
			AR struct {
				Metadata struct {
					Props []oscalProp `json:"props"`
				} `json:"metadata"`
				Results []struct {
					Props   []oscalProp `json:"props"`
					Remarks string      `json:"remarks"`
				} `json:"results"`
			} `json:"assessment-results"`
		}
		if err := json.Unmarshal(out, &res); err != nil || len(res.AR.Results) != 1 {
			return fmt.Errorf("want one result: %w", err)
		}
		meta, props := res.AR.Metadata.Props, res.AR.Results[0].Props
		for name, want := range map[string]string{"catalog-as-of": "2026-12-03", "catalog-anssi-edition": "2026-09-15", "catalog-version": "2026.12.03"} {
			if got := prop(meta, name); len(got) != 1 || got[0] != want {
				return fmt.Errorf("metadata prop %s = %q, want %q", name, got, want)
			}
		}
		for name, want := range map[string]string{"catalog-age-days": fmt.Sprint(w.f.AgeDays), "catalog-stale": fmt.Sprint(w.f.Stale)} {
			if got := prop(props, name); len(got) != 1 || got[0] != want {
				return fmt.Errorf("result prop %s = %q, want %q", name, got, want)
			}
		}
		return once(res.AR.Results[0].Remarks, capitalized(staleWants[i18n.English])+".", w.stale != "")
	},
}

// TestFreshnessInEveryFormat: every format states the catalog's date and
// the ANSSI edition it reflects, and, when the catalog is stale, says so
// once with how to refresh it, in the reader's language where the format
// is for people; the machine formats still pass their schemas, and the
// warning leaves GitLab fingerprints as they are. A new format must say
// it too.
func TestFreshnessInEveryFormat(t *testing.T) {
	validate := schemaValidators(t)
	r := coverageReport(t)
	r.Catalog = testCatalog
	fingerprints := map[*Freshness]string{}
	for _, f := range []*Freshness{freshCatalog, staleCatalog} {
		r.Freshness = f
		for _, lang := range i18n.Supported {
			r.Options.Lang = lang
			for _, name := range Names() {
				t.Run(fmt.Sprintf("stale=%v/%s/%s", f.Stale, lang, name), func(t *testing.T) {
					check, ok := freshnessCheckers[name]
					if !ok {
						t.Fatalf("format %s has no freshness check: say where it reports the catalog's date and edition, and that it is stale", name)
					}
					w := freshnessWant{lang: lang, f: f, date: catalogWants[lang], stale: staleText(lang, f)}
					if machineFormats[name] {
						w.lang, w.date, w.stale = i18n.English, catalogWants[i18n.English], staleText(i18n.English, f)
					}
					out := renderFormat(t, name, r)
					if err := check(out, w); err != nil {
						t.Errorf("%s: %v", name, err)
					}
					if v := validate[name]; v != nil {
						if err := v(t, out); err != nil {
							t.Errorf("%s no longer validates: %v", name, err)
						}
					}
					if name == "gitlab" {
						var issues []codeQualityIn
						if err := json.Unmarshal(out, &issues); err != nil {
							t.Fatal(err)
						}
						var fps []string
						for _, is := range issues {
							fps = append(fps, is.Fingerprint)
						}
						fingerprints[f] = strings.Join(fps, ",")
					}
				})
			}
		}
	}
	if fingerprints[freshCatalog] == "" || fingerprints[freshCatalog] != fingerprints[staleCatalog] {
		t.Errorf("GitLab fingerprints change when the catalog goes stale:\n%s\n%s", fingerprints[freshCatalog], fingerprints[staleCatalog])
	}
}

// TestFreshnessNotStated: a report whose freshness is not known states
// the catalog's date but no age and no warning, and renders in every
// format; one whose catalog has no date at all renders too.
func TestFreshnessNotStated(t *testing.T) {
	statement := regexp.MustCompile(`(?i)days old|jours \(état|catalog_freshness|catalogFreshness|catalog[-_](stale|age)|stale-catalog|périmé|out of date|id="catalog-stale"`)
	r := coverageReport(t)
	r.Catalog, r.Freshness = testCatalog, nil
	for _, lang := range i18n.Supported {
		r.Options.Lang = lang
		for _, name := range Names() {
			out := renderFormat(t, name, r)
			if statement.Match(out) {
				t.Errorf("%s (%s) states a freshness: %q", name, lang, statement.Find(out))
			}
			if !bytes.Contains(out, []byte("2026-09-15")) {
				t.Errorf("%s (%s) does not name the ANSSI edition", name, lang)
			}
		}
	}
	r.Catalog, r.Freshness = inventory.CatalogRef{}, NewFreshness(inventory.CatalogRef{}, time.Date(2027, 2, 21, 9, 0, 0, 0, time.UTC))
	for _, name := range Names() {
		if out := renderFormat(t, name, r); len(out) == 0 {
			t.Errorf("%s: nothing written for an undated catalog", name)
		}
	}
}

// TestStaleText: the warning gives the age and both dates, or says the
// catalog cannot be dated; a fresh or unknown freshness says nothing.
func TestStaleText(t *testing.T) {
	at := func(days int) time.Time { return time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days) }
	for _, tc := range []struct {
		f    *Freshness
		lang i18n.Lang
		want string
	}{
		{nil, i18n.English, ""},
		{NewFreshness(testCatalog, at(StaleAfterDays)), i18n.English, ""},
		{NewFreshness(testCatalog, at(-2)), i18n.English, ""},
		{NewFreshness(testCatalog, at(StaleAfterDays+1)), i18n.English, "the catalog is 46 days old (facts as of 2026-12-03, ANSSI catalogue of 2026-09-15): qualifications may have changed since; use a newer trustcloud or give a newer catalog file with --catalog"},
		{NewFreshness(testCatalog, at(80)), i18n.French, staleWants[i18n.French]},
		{NewFreshness(inventory.CatalogRef{AsOf: "2026-12-03"}, at(80)), i18n.English, "the catalog is 80 days old (facts as of 2026-12-03): qualifications may have changed since; use a newer trustcloud or give a newer catalog file with --catalog"},
		{NewFreshness(inventory.CatalogRef{AsOf: "soon"}, at(80)), i18n.English, `the catalog's date "soon" cannot be read, so nothing dates its facts: qualifications may have changed since; use a newer trustcloud or give a newer catalog file with --catalog`},
		{NewFreshness(inventory.CatalogRef{AsOf: "soon"}, at(80)), i18n.French, `la date du catalogue, "soon", est illisible : rien ne date ses faits, et les qualifications ont pu changer depuis ; utilisez une version plus récente de trustcloud ou donnez un fichier de catalogue plus récent avec --catalog`},
	} {
		if got := staleText(tc.lang, tc.f); got != tc.want {
			t.Errorf("%+v in %s: %q, want %q", tc.f, tc.lang, got, tc.want)
		}
	}
	if got := catalogDate(i18n.English, inventory.CatalogRef{AsOf: "2026-12-03"}); got != "2026-12-03" {
		t.Errorf("a catalog without an ANSSI edition: %q", got)
	}
	// A report's catalog takes the dates its freshness gives where it
	// lacks them.
	r := &Report{Freshness: freshCatalog}
	if got := r.catalogRef(); got.AsOf != "2026-12-03" || got.AnssiEdition != "2026-09-15" {
		t.Errorf("catalogRef from the freshness: %+v", got)
	}
}

// readJUnitSummary reads the properties and standard output of a JUnit
// report's "trustcloud summary" test suite.
func readJUnitSummary(out []byte) (map[string]string, string, error) {
	var doc struct {
		Suites []struct {
			Name       string `xml:"name,attr"`
			Properties []struct {
				Name  string `xml:"name,attr"`
				Value string `xml:"value,attr"`
			} `xml:"properties>property"`
			SystemOut string `xml:"system-out"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		return nil, "", err
	}
	for _, s := range doc.Suites {
		if s.Name != "trustcloud summary" {
			continue
		}
		props := map[string]string{}
		for _, p := range s.Properties {
			props[p.Name] = p.Value
		}
		return props, s.SystemOut, nil
	}
	return nil, "", fmt.Errorf("no testsuite \"trustcloud summary\"")
}
