package ruledef_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/inventory"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/report"
	"github.com/trustcloud/trustcloud/internal/ruledef"
	"github.com/trustcloud/trustcloud/internal/rules"
)

// TestEveryConsumerKnowsEveryRule enumerates the registry and checks that
// each place that reads it knows every rule: policy validation, the
// built-in profiles and the starter file, the rules that raise findings,
// the SARIF rules, the OSCAL controls, the JUnit tests, the rules guide,
// the rules' pages and the README's rule tables. Adding a rule to the registry without the
// rest fails here, and says where.
func TestEveryConsumerKnowsEveryRule(t *testing.T) {
	sarif := sarifRules(t)
	oscal := oscalOf(t)
	junit := junitTests(t)
	raised := rulesSource(t)
	guide := readFile(t, "../../docs/guides/rules.md")
	readmes := map[i18n.Lang][]tableRow{
		i18n.English: readmeRules(t, "../../README.md", regexp.MustCompile(`^\| (TC[0-9]+) \| ([a-z-]+) \|`)),
		i18n.French:  readmeRules(t, "../../README.fr.md", regexp.MustCompile(`^\| (TC[0-9]+) \| (.+) \(`+"`"+`([a-z-]+)`+"`"+`\) \|`)),
	}
	profiles := builtinProfiles(t)
	starter := string(policy.StarterFile(""))

	for i, r := range ruledef.All() {
		t.Run(string(r.ID), func(t *testing.T) {
			id := string(r.ID)

			// Policy: rule_severity and waivers name it, in any case;
			// a rule about the policy itself is refused in both.
			sev := policyDiags(`rule_severity = { ` + strings.ToLower(id) + ` = "high" }` + "\n")
			waiver := policyDiags(`waiver "W-1" {
  addresses   = ["terraform_data.x"]
  rules       = ["` + id + `"]
  reason      = "r"
  expires     = "2027-01-01"
  approved_by = "me"
  approved_on = "2026-09-23"
}
`)
			if r.JudgesPolicy {
				if !strings.Contains(sev, id+" cannot be given a severity") || !strings.Contains(waiver, id+" cannot be waived") {
					t.Errorf("policy: a policy may set or waive %s: %q, %q", id, sev, waiver)
				}
			} else if sev != "" || waiver != "" {
				t.Errorf("policy: rule_severity or a waiver naming %s: %s %s", id, sev, waiver)
			}
			if policy.Severity(r.Default).Rank() == 0 || (r.Severity != "" && policy.Severity(r.Severity).Rank() == 0) {
				t.Errorf("policy: severities %q, %q are not policy severities", r.Default, r.Severity)
			}
			// The built-in profiles give the rule the registry's
			// severity, and the starter file lists what a policy sets.
			want := string(r.Severity)
			if r.JudgesPolicy {
				// No policy, built-in or not, sets it.
				want = ""
			}
			for name, p := range profiles {
				if got := string(p.RuleSeverity[id]); got != want {
					t.Errorf("profile %s: rule_severity[%s] = %q, want %q", name, id, got, want)
				}
			}
			if listed := strings.Contains(starter, "#   "+id+" "+r.Name+"\n"); listed == r.JudgesPolicy {
				t.Errorf("starter file: %s listed %v", id, listed)
			}

			// Rules: the evaluator raises its findings.
			if !raised[r.ID] {
				t.Errorf("rules: internal/rules never names ruledef.%s", id)
			}

			// SARIF: a descriptor with the rule's name, texts, doctrine,
			// default level, page, and the security severity and
			// precision GitHub ranks alerts by.
			d, ok := sarif[id]
			switch {
			case !ok:
				t.Errorf("sarif: no rule %s", id)
			case d.Name != r.Name || d.Short.Text != r.Short(i18n.English) || d.Full.Text != r.Summary(i18n.English) ||
				d.Default.Level != map[ruledef.Severity]string{"low": "note", "medium": "warning", "high": "error"}[r.Default]:
				t.Errorf("sarif: %+v", d)
			case d.HelpURI != r.Link() || !strings.HasSuffix(d.HelpURI, "/"+r.Page()):
				t.Errorf("sarif: helpUri %q, want the rule's page %s", d.HelpURI, r.Link())
			case d.Properties.SecuritySeverity != map[ruledef.Severity]string{"low": "3.0", "medium": "5.5", "high": "8.0"}[r.Default] ||
				d.Properties.Precision != string(r.Precision):
				t.Errorf("sarif: properties %+v, want the security severity of %s and precision %s", d.Properties, r.Default, r.Precision)
			default:
				for _, c := range r.Citations() {
					if !strings.Contains(d.Help.Text, c.String()) {
						t.Errorf("sarif: the help does not cite %q", c.String())
					}
				}
				if !strings.Contains(d.Help.Text, r.Help(i18n.English)) {
					t.Errorf("sarif: the help does not say what to do")
				}
			}

			// OSCAL: a reviewed control; its finding cites the rule's
			// doctrine, which the back matter holds.
			if !slices.Contains(oscal.controls, id) {
				t.Errorf("oscal: %s is not a reviewed control", id)
			}
			var cites []string
			for _, dd := range r.Doctrine {
				cites = append(cites, string(dd))
				if !slices.Contains(oscal.backMatter, string(dd)) {
					t.Errorf("oscal: doctrine %s is not in the back matter", dd)
				}
			}
			if got := oscal.cites[id]; !slices.Equal(got, cites) {
				t.Errorf("oscal: the finding cites %v, want %v", got, cites)
			}

			// JUnit: its findings fail the test of its group.
			if name := junit[id]; !strings.HasPrefix(name, string(r.Group)+" (") || !strings.Contains(name, id) {
				t.Errorf("junit: a finding of %s fails test %q, want the test of group %q", id, name, r.Group)
			}

			// The rules guide: a section where the rule's section link
			// points, which links to the rule's page.
			if !strings.Contains(guide, "\n## "+id+" "+r.Name+"\n") || !strings.Contains(guide, "(#"+r.Anchor()+")") ||
				!strings.Contains(guide, "]("+r.Link()+")") {
				t.Errorf("docs/guides/rules.md: no section for %s, or no link to its page: run make docs", id)
			}

			// The rule's page, where its link (SARIF's helpUri) points:
			// what it checks, why, its examples, how to fix and waive.
			if !strings.HasSuffix(r.Link(), "/"+r.Page()) {
				t.Errorf("link %s is not the page %s", r.Link(), r.Page())
			}
			page := readFile(t, "../../"+r.Page())
			for _, want := range []string{"# " + id + " " + r.Name + "\n", r.Summary(i18n.English), r.Help(i18n.English),
				"## An example that fires", "## An example that passes", "## How to waive"} {
				if !strings.Contains(page, want) {
					t.Errorf("%s: the page lacks %q: run make docs", r.Page(), want)
				}
			}
			for _, c := range r.Citations() {
				if !strings.Contains(page, c.String()) {
					t.Errorf("%s: the page does not cite %q", r.Page(), c.String())
				}
			}

			// The README tables: the rule's row, in order.
			for lang, rows := range readmes {
				if i >= len(rows) || rows[i].id != id || rows[i].name != r.Name || rows[i].title != r.Title(lang) {
					t.Errorf("README (%s): row %d of the rule table is %+v, want %s %s (%s)", lang, i+1, rowAt(rows, i), id, r.Name, r.Title(lang))
				}
			}
		})
	}
	for lang, rows := range readmes {
		if len(rows) != len(ruledef.All()) {
			t.Errorf("README (%s): %d rows in the rule table, the registry has %d rules", lang, len(rows), len(ruledef.All()))
		}
	}
}

// policyDiags is what parsing a policy says, "" when it loads.
func policyDiags(src string) string {
	_, diags := policy.Parse("p.hcl", []byte(src))
	if !diags.HasErrors() {
		return ""
	}
	return policy.FormatDiagnostics(diags)
}

func builtinProfiles(t *testing.T) map[string]*policy.Policy {
	t.Helper()
	out := map[string]*policy.Policy{}
	for _, name := range policy.Profiles() {
		p, err := policy.Profile(name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = p
	}
	return out
}

// rulesSource lists the ruledef ids internal/rules names outside its
// tests.
func rulesSource(t *testing.T) map[ruledef.ID]bool {
	t.Helper()
	files, err := filepath.Glob("../rules/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("internal/rules: %v", err)
	}
	out := map[ruledef.ID]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		for _, m := range regexp.MustCompile(`ruledef\.(TC[0-9]+)\b`).FindAllStringSubmatch(readFile(t, f), -1) {
			out[ruledef.ID(m[1])] = true
		}
	}
	return out
}

// findings is a report with one finding of each rule: on a resource, or
// on the policy file for a rule that judges it.
func findings() *report.Report {
	r := &report.Report{FormatVersion: report.FormatVersion, Tool: report.Tool{Name: "trustcloud", Version: "test"},
		Options: report.Options{PlanFile: "plan.json"}}
	for _, rule := range ruledef.All() {
		f := &rules.Finding{Rule: string(rule.ID), Name: rule.Name, Severity: policy.SeverityHigh,
			Address: "terraform_data." + strings.ToLower(string(rule.ID)), Type: "terraform_data",
			Message: i18n.Plain("a finding of " + string(rule.ID)), Remediation: "fix it",
			Location: &inventory.Location{}, Sensitivity: &inventory.Sensitivity{}}
		if rule.JudgesPolicy {
			f.Address, f.Type = "trustcloud.hcl", rules.PolicyType
		}
		r.Findings = append(r.Findings, &report.Finding{Finding: f, Fingerprint: report.Fingerprint(f), Status: report.StatusNew})
	}
	return r
}

func render(t *testing.T, format string) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := report.Formats[format].Write(&out, findings()); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return out.Bytes()
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Short   sarifText `json:"shortDescription"`
	Full    sarifText `json:"fullDescription"`
	HelpURI string    `json:"helpUri"`
	Help    sarifText `json:"help"`
	Default struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	Properties struct {
		SecuritySeverity string `json:"security-severity"`
		Precision        string `json:"precision"`
	} `json:"properties"`
}

// sarifRules returns the SARIF rule descriptors, by id.
func sarifRules(t *testing.T) map[string]sarifRule {
	t.Helper()
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []sarifRule `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, "sarif"), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("sarif: %v, %d runs", err, len(log.Runs))
	}
	out := map[string]sarifRule{}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		out[r.ID] = r
	}
	return out
}

type oscalFacts struct {
	controls, backMatter []string
	// cites lists, by rule, the doctrine ids its finding cites.
	cites map[string][]string
}

func oscalOf(t *testing.T) oscalFacts {
	t.Helper()
	type prop struct{ Name, Class, Value string }
	var doc struct {
		AR struct {
			Results []struct {
				Reviewed struct {
					Selections []struct {
						Include []struct {
							ID string `json:"control-id"`
						} `json:"include-controls"`
					} `json:"control-selections"`
				} `json:"reviewed-controls"`
				Findings []struct {
					Target struct {
						ID string `json:"target-id"`
					} `json:"target"`
					Props []prop `json:"props"`
				} `json:"findings"`
			} `json:"results"`
			BackMatter struct {
				Resources []struct {
					Props []prop `json:"props"`
				} `json:"resources"`
			} `json:"back-matter"`
		} `json:"assessment-results"`
	}
	if err := json.Unmarshal(render(t, "oscal"), &doc); err != nil || len(doc.AR.Results) != 1 || len(doc.AR.Results[0].Reviewed.Selections) != 1 {
		t.Fatalf("oscal: %v", err)
	}
	res := doc.AR.Results[0]
	out := oscalFacts{cites: map[string][]string{}}
	for _, c := range res.Reviewed.Selections[0].Include {
		out.controls = append(out.controls, c.ID)
	}
	for _, f := range res.Findings {
		for _, p := range f.Props {
			if p.Name == "doctrine-reference" {
				out.cites[f.Target.ID] = append(out.cites[f.Target.ID], p.Class)
			}
		}
	}
	for _, r := range doc.AR.BackMatter.Resources {
		for _, p := range r.Props {
			if p.Name == "doctrine-id" {
				out.backMatter = append(out.backMatter, p.Value)
			}
		}
	}
	return out
}

// junitTests returns, by rule, the name of the test its finding fails.
func junitTests(t *testing.T) map[string]string {
	t.Helper()
	var doc struct {
		Suites []struct {
			Cases []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Type string `xml:"type,attr"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(render(t, "junit"), &doc); err != nil {
		t.Fatalf("junit: %v", err)
	}
	out := map[string]string{}
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			if c.Failure != nil {
				for _, id := range strings.Split(c.Failure.Type, ",") {
					out[id] = c.Name
				}
			}
		}
	}
	return out
}

// tableRow is a row of a README's rule table.
type tableRow struct{ id, title, name string }

func rowAt(rows []tableRow, i int) tableRow {
	if i < len(rows) {
		return rows[i]
	}
	return tableRow{}
}

// readmeRules reads the rows of a README's rule table: the lines that
// start with a rule id in a table cell. The English table gives the name;
// the French one the French title and the name.
func readmeRules(t *testing.T, path string, row *regexp.Regexp) []tableRow {
	t.Helper()
	var out []tableRow
	for _, line := range strings.Split(readFile(t, path), "\n") {
		m := row.FindStringSubmatch(line)
		switch len(m) {
		case 3:
			out = append(out, tableRow{id: m[1], title: m[2], name: m[2]})
		case 4:
			out = append(out, tableRow{id: m[1], title: m[2], name: m[3]})
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s: no rule table", path)
	}
	return out
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
