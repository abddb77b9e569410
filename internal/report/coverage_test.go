package report

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"testing"
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
		var doc struct {
			Suites []struct {
				Name       string `xml:"name,attr"`
				Tests      int    `xml:"tests,attr"`
				Properties []struct {
					Name  string `xml:"name,attr"`
					Value string `xml:"value,attr"`
				} `xml:"properties>property"`
				SystemOut string `xml:"system-out"`
			} `xml:"testsuite"`
		}
		if err := xml.Unmarshal(out, &doc); err != nil {
			return err
		}
		for _, s := range doc.Suites {
			if s.Name != "trustcloud summary" {
				continue
			}
			got := map[string]any{}
			for _, p := range s.Properties {
				got[p.Name] = p.Value
			}
			if err := summaryCounts(got, "analysed", "unknown_location", "unknown_operator", "waived"); err != nil {
				return err
			}
			return containsAll("41 resources analysed", "17 with unknown location", "13 with no catalog operator", "7 findings waived")([]byte(s.SystemOut))
		}
		return fmt.Errorf("no testsuite \"trustcloud summary\"")
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
