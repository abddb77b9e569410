package report

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestTextGolden: the text report of each scenario case is its golden
// file (the report package pins the wording of findings; the CLI's and
// the scenario suite's goldens do not), and it gives every finding with
// its rule, address and message, and what to do (the waiver instead when
// one covers it).
func TestTextGolden(t *testing.T) {
	eachScenario(t, "text", func(t *testing.T, r *Report, out []byte) {
		text := string(out)
		for _, f := range r.Findings {
			wants := []string{f.Rule + " " + f.Name, f.Address, f.Message, "what to do: " + f.Remediation}
			if f.Waived {
				wants[3] = "waiver " + f.Waiver.ID + " until " + f.Waiver.Expires
			}
			for _, want := range wants {
				if !strings.Contains(text, want) {
					t.Errorf("%s %s: the text report lacks %q", f.Rule, f.Address, want)
				}
			}
		}
	})
}

// TestJSONGolden: the JSON report of each scenario case is its golden
// file, and holds the report's findings in order, with their wording.
func TestJSONGolden(t *testing.T) {
	eachScenario(t, "json", func(t *testing.T, r *Report, out []byte) {
		var doc struct {
			FormatVersion string `json:"format_version"`
			Findings      []struct {
				Rule        string `json:"rule"`
				Address     string `json:"address"`
				Message     string `json:"message"`
				Remediation string `json:"remediation"`
			} `json:"findings"`
		}
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatal(err)
		}
		if doc.FormatVersion != FormatVersion || len(doc.Findings) != len(r.Findings) {
			t.Fatalf("format_version %q with %d findings, want %q with %d", doc.FormatVersion, len(doc.Findings), FormatVersion, len(r.Findings))
		}
		for i, f := range r.Findings {
			got := doc.Findings[i]
			if got.Rule != f.Rule || got.Address != f.Address || got.Message != f.Message || got.Remediation != f.Remediation {
				t.Errorf("finding %d: %+v, want %s %s %q %q", i, got, f.Rule, f.Address, f.Message, f.Remediation)
			}
		}
	})
}
