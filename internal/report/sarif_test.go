package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/trustcloud/trustcloud/internal/ruledef"
	"github.com/trustcloud/trustcloud/internal/rules"
)

// sarifSchema compiles the official SARIF 2.1.0 schema (see
// testdata/README.md), with format assertions on.
func compileSchema(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(path)
	if err != nil {
		t.Fatalf("compiling %s: %v", path, err)
	}
	return sch
}

func validateJSON(t *testing.T, sch *jsonschema.Schema, doc []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	return sch.Validate(inst)
}

// sarifOut is the part of a SARIF log the tests read back.
type sarifOut struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name, Version, InformationURI string
				Rules                         []struct {
					ID                   string `json:"id"`
					Name                 string `json:"name"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					Help struct{ Text, Markdown string } `json:"help"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ExecutionSuccessful bool `json:"executionSuccessful"`
		} `json:"invocations"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI string } `json:"artifactLocation"`
					Region           struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
				LogicalLocations []struct {
					FullyQualifiedName string `json:"fullyQualifiedName"`
					Kind               string `json:"kind"`
				} `json:"logicalLocations"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			BaselineState       string            `json:"baselineState"`
			Suppressions        []struct {
				Kind, Status, Justification string
			} `json:"suppressions"`
			Properties map[string]any `json:"properties"`
		} `json:"results"`
	} `json:"runs"`
}

// The SARIF schemas (see testdata/README.md). The OASIS Standard
// (errata01) is what the output's $schema names and follows; the earlier
// Committee Specification differs for what the output uses in one point
// only: it calls a suppression's status "state".
const (
	sarifStandardSchema = "testdata/sarif-schema-2.1.0-errata01.json"
	sarifCSSchema       = "testdata/sarif-schema-2.1.0.json"
)

// validateSARIF validates a log against the OASIS Standard schema, and
// against the Committee Specification schema once suppressions' status is
// renamed to the state that version called it.
func validateSARIF(t *testing.T, std, cs *jsonschema.Schema, out []byte) error {
	t.Helper()
	if err := validateJSON(t, std, out); err != nil {
		return fmt.Errorf("OASIS Standard schema: %w", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		return err
	}
	for _, run := range doc["runs"].([]any) {
		results, _ := run.(map[string]any)["results"].([]any)
		for _, res := range results {
			sups, _ := res.(map[string]any)["suppressions"].([]any)
			for _, s := range sups {
				m := s.(map[string]any)
				m["state"] = m["status"]
				delete(m, "status")
			}
		}
	}
	old, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	if err := validateJSON(t, cs, old); err != nil {
		return fmt.Errorf("Committee Specification schema: %w", err)
	}
	return nil
}

// sarifDoctrine lists the references each rule's help must cite.
var sarifDoctrine = map[string][]string{
	"TC001": {"Cloud au centre", "SREN", "SecNumCloud 3.2 §19.2"},
	"TC002": {"Cloud au centre", "SREN", "SecNumCloud 3.2"},
	"TC003": {"Cloud au centre", "SecNumCloud 3.2 §19.2"},
	"TC004": {"Cloud au centre", "SecNumCloud 3.2 §19.2"},
	"TC005": {"Cloud au centre", "SREN", "SecNumCloud 3.2 §19.6"},
	"TC006": {"Cloud au centre", "SecNumCloud 3.2 §19.2"},
	"TC007": {"Cloud au centre", "SREN", "temporary"},
	"TC008": {"Cloud au centre", "SREN", "SecNumCloud 3.2", "J0"},
	"TC009": {"Cloud au centre", "SREN", "SecNumCloud 3.2", "in force"},
	"TC010": {"Cloud au centre", "SecNumCloud 3.2", "in force"},
	"TC011": {"Cloud au centre", "SREN", "SecNumCloud 3.2", "established"},
	"TC012": {"Cloud au centre", "SREN", "must be stated"},
	"TC013": {"Cloud au centre", "SREN", "explicit, temporary"},
}

func TestSARIF(t *testing.T) {
	std, cs := compileSchema(t, sarifStandardSchema), compileSchema(t, sarifCSSchema)
	eachScenario(t, "sarif", func(t *testing.T, r *Report, out []byte) {
		if err := validateSARIF(t, std, cs, out); err != nil {
			t.Fatalf("not valid SARIF 2.1.0: %v", err)
		}
		var log sarifOut
		if err := json.Unmarshal(out, &log); err != nil {
			t.Fatal(err)
		}
		if log.Version != "2.1.0" || len(log.Runs) != 1 {
			t.Fatalf("version %q, %d runs: want 2.1.0 and one run", log.Version, len(log.Runs))
		}
		run := log.Runs[0]
		d := run.Tool.Driver
		if d.Name != "trustcloud" || d.Version != r.Tool.Version || d.InformationURI == "" {
			t.Errorf("driver %q %q %q", d.Name, d.Version, d.InformationURI)
		}
		all := ruledef.All()
		if len(d.Rules) != len(all) {
			t.Errorf("%d rules, want every rule (%d)", len(d.Rules), len(all))
		}
		for i, rule := range d.Rules {
			if i < len(all) && (rule.ID != string(all[i].ID) || rule.Name != all[i].Name) {
				t.Errorf("rule %d: %s %s, want %s %s", i, rule.ID, rule.Name, all[i].ID, all[i].Name)
			}
			refs, ok := sarifDoctrine[rule.ID]
			if !ok {
				t.Errorf("rule %s: no doctrine expectation in this test", rule.ID)
			}
			for _, ref := range refs {
				if !strings.Contains(rule.Help.Text, ref) || !strings.Contains(rule.Help.Markdown, ref) {
					t.Errorf("rule %s: help does not cite %q", rule.ID, ref)
				}
			}
		}
		if len(run.Invocations) != 1 || !run.Invocations[0].ExecutionSuccessful {
			t.Errorf("invocations %+v: want one, successful", run.Invocations)
		}
		if len(run.Results) != len(r.Findings) {
			t.Fatalf("%d results for %d findings", len(run.Results), len(r.Findings))
		}
		levels := map[string]string{"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
		for i, res := range run.Results {
			f := r.Findings[i]
			if res.RuleID != f.Rule || d.Rules[res.RuleIndex].ID != f.Rule {
				t.Errorf("result %d: ruleId %s, ruleIndex %d → %s; want %s", i, res.RuleID, res.RuleIndex, d.Rules[res.RuleIndex].ID, f.Rule)
			}
			if res.Level != levels[string(f.Severity)] {
				t.Errorf("result %d: level %s for severity %s", i, res.Level, f.Severity)
			}
			if want := f.Message.String() + ". What to do: " + f.Remediation; res.Message.Text != want {
				t.Errorf("result %d: message %q, want %q", i, res.Message.Text, want)
			}
			loc := res.Locations[0]
			file, line := r.location(f)
			if uri := loc.PhysicalLocation.ArtifactLocation.URI; uri != file || strings.Contains(uri, `\`) || strings.HasPrefix(uri, "/") {
				t.Errorf("result %d: uri %q, want %q, relative with forward slashes", i, uri, file)
			}
			if loc.PhysicalLocation.Region.StartLine != line {
				t.Errorf("result %d: startLine %d, want %d", i, loc.PhysicalLocation.Region.StartLine, line)
			}
			if ll := loc.LogicalLocations; len(ll) != 1 || ll[0].FullyQualifiedName != f.Address || ll[0].Kind != "resource" {
				t.Errorf("result %d: logical locations %+v", i, ll)
			}
			if res.PartialFingerprints["trustcloudFingerprint/v1"] != f.Fingerprint {
				t.Errorf("result %d: fingerprints %v, want %s", i, res.PartialFingerprints, f.Fingerprint)
			}
			wantState := map[string]string{StatusNew: "new", StatusExisting: "unchanged"}[f.Status]
			if res.BaselineState != wantState {
				t.Errorf("result %d: baselineState %s for status %s", i, res.BaselineState, f.Status)
			}
			if res.Properties["status"] != f.Status || res.Properties["severity"] != string(f.Severity) ||
				res.Properties["sensitivityLevel"] != f.Sensitivity.Level || (f.Location.Region != "" && res.Properties["region"] != f.Location.Region) {
				t.Errorf("result %d: properties %v", i, res.Properties)
			}
			switch {
			case f.Waived:
				s := res.Suppressions
				// A waiver written next to the code is SARIF's in-source
				// suppression; the policy's, external.
				kind := "external"
				if f.Waiver.Source == rules.WaiverInline {
					kind = "inSource"
				}
				if len(s) != 1 || s[0].Kind != kind || s[0].Status != "accepted" ||
					!strings.Contains(s[0].Justification, f.Waiver.Reason) || !strings.Contains(s[0].Justification, f.Waiver.ApprovedBy) ||
					!strings.Contains(s[0].Justification, f.Waiver.Expires) {
					t.Errorf("result %d (waived): suppressions %+v", i, s)
				}
			case len(res.Suppressions) > 0:
				t.Errorf("result %d (not waived): suppressions %+v", i, res.Suppressions)
			}
		}
	})
}

// TestSARIFSchemaRejects makes sure the validation above can fail: the
// schema rejects what SARIF forbids.
func TestSARIFSchemaRejects(t *testing.T) {
	std, cs := compileSchema(t, sarifStandardSchema), compileSchema(t, sarifCSSchema)
	good := renderFormat(t, "sarif", syntheticReport(5, "high"))
	if err := validateSARIF(t, std, cs, good); err != nil {
		t.Fatalf("synthetic report: %v", err)
	}
	for name, edit := range map[string][2]string{
		"wrong version":   {`"version": "2.1.0"`, `"version": "2.0.0"`},
		"bad level":       {`"level": "error"`, `"level": "fatal"`},
		"bad baseline":    {`"baselineState": "new"`, `"baselineState": "fresh"`},
		"negative index":  {`"ruleIndex": 0`, `"ruleIndex": -2`},
		"bad suppression": {`"status": "accepted"`, `"status": "approved"`},
		"no message":      {`"message": {`, `"note": {`},
	} {
		bad := strings.Replace(string(good), edit[0], edit[1], 1)
		if bad == string(good) {
			t.Fatalf("%s: %s not in the output", name, edit[0])
		}
		if validateSARIF(t, std, cs, []byte(bad)) == nil {
			t.Errorf("%s: the schema accepted it", name)
		}
	}
}

func TestSARIFURI(t *testing.T) {
	for in, want := range map[string]string{
		"main.tf":                "main.tf",
		"./modules/db/main.tf":   "modules/db/main.tf",
		"modules//db/../x.tf":    "modules/x.tf",
		"<stdin>":                "%3Cstdin%3E",
		"my dir/main.tf":         "my%20dir/main.tf",
		"c:odd/main.tf":          "./c:odd/main.tf",
		"/elsewhere/plan.json":   "file:///elsewhere/plan.json",
		"../shared/main.tf":      "../shared/main.tf",
		"50%/main.tf":            "50%25/main.tf",
		"modules/db#1/main.tf":   "modules/db%231/main.tf",
		"modules/db?x=1/main.tf": "modules/db%3Fx=1/main.tf",
	} {
		if got := (&Report{}).sarifURI(in); got != want {
			t.Errorf("sarifURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSARIFUnknownRule: a finding of a rule the report's list lacks still
// gets a descriptor that its ruleIndex points at.
func TestSARIFUnknownRule(t *testing.T) {
	r := syntheticReport(1, "high")
	r.Findings[0].Rule = "TC999"
	var log sarifOut
	if err := json.Unmarshal(renderFormat(t, "sarif", r), &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results[0]
	if rules := log.Runs[0].Tool.Driver.Rules; res.RuleIndex != len(rules)-1 || rules[res.RuleIndex].ID != "TC999" {
		t.Errorf("ruleIndex %d of %d rules", res.RuleIndex, len(rules))
	}
}
