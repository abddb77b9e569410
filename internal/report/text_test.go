package report

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/rules"
)

// TestTextGolden: the text report of each scenario case is its golden
// file (the report package pins the wording of findings; the CLI's and
// the scenario suite's goldens do not), and it gives every finding with
// its rule, address and message, the waiver of a waived one, and what to
// do once for each rule and text, never per finding.
func TestTextGolden(t *testing.T) {
	eachScenario(t, "text", func(t *testing.T, r *Report, out []byte) {
		text := string(out)
		for _, f := range r.Findings {
			wants := []string{f.Rule + " " + f.Name + ": " + f.Message.String(), f.Address}
			if f.Waived {
				wants = append(wants, "waiver "+f.Waiver.ID+" until "+f.Waiver.Expires)
			} else {
				wants = append(wants, "\n    "+f.Remediation+"\n")
				if n := strings.Count(text, f.Remediation); n != 1 {
					t.Errorf("%s %s: what to do is written %d times, want once: %q", f.Rule, f.Address, n, f.Remediation)
				}
			}
			for _, want := range wants {
				if !strings.Contains(text, want) {
					t.Errorf("%s %s: the text report lacks %q", f.Rule, f.Address, want)
				}
			}
		}
	})
}

// TestTextGroupedByResource: each resource with findings has one line,
// its why line under it, then all of its findings, before the next
// resource; "What to do" comes once, after the resources.
func TestTextGroupedByResource(t *testing.T) {
	r := scenarioCase{name: "ministry", scenario: "ministry", policy: "testdata/policies/ministry-waivers.hcl", failOn: "high",
		existing: []string{"TC002@aws_sqs_queue.analytics_export"}}.build(t)
	lines := strings.Split(string(renderFormat(t, "text", r)), "\n")
	// The finding lines under each resource line, as written and as
	// the findings say.
	got, want := map[string][]string{}, map[string][]string{}
	header := map[string]int{}
	current := ""
	for i, l := range lines {
		switch {
		case l == "" || !strings.HasPrefix(l, "  "):
			current = ""
		case !strings.HasPrefix(l, "   "):
			addr, _, ok := strings.Cut(strings.TrimPrefix(l, "  "), "  [")
			if !ok {
				current = ""
				continue
			}
			header[addr]++
			current = addr
			if !strings.HasPrefix(lines[i+1], "    why: level ") {
				t.Errorf("%s: no why line under it, but %q", addr, lines[i+1])
			}
		case current != "" && strings.HasPrefix(l, "    ") && !strings.HasPrefix(l, "     ") && !strings.HasPrefix(l, "    why: "):
			got[current] = append(got[current], l)
		}
	}
	for _, f := range r.Findings {
		sev := strings.ToUpper(string(f.Severity))
		switch {
		case f.Waived:
			sev = "WAIVED"
		case f.Status == StatusExisting:
			sev = "existing " + string(f.Severity)
		}
		want[f.Address] = append(want[f.Address], "    "+sev+" "+f.Rule+" "+f.Name+": "+f.Message.String())
		if header[f.Address] != 1 {
			t.Errorf("%s: %d resource lines, want 1", f.Address, header[f.Address])
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings by resource (-want +got):\n%s", diff)
	}
	if n := strings.Count(strings.Join(lines, "\n"), "\nWhat to do:\n"); n != 1 {
		t.Errorf("%d \"What to do:\" sections, want 1", n)
	}
}

// TestTextRemediationOnce: what to do is written once per rule and text,
// naming the resources it applies to (each once, however many findings
// it has), the first ten and a count of the others; waived findings need
// nothing done; French has its words.
func TestTextRemediationOnce(t *testing.T) {
	r := syntheticReport(14, "high")
	for _, f := range r.Findings {
		f.Remediation, f.Waived, f.Waiver = "Move it to the EU.", false, nil
	}
	r.Findings[13].Waived = true
	r.Findings[13].Waiver = &rules.WaiverRef{ID: "DER-1", Expires: "2099-01-01"}
	// A second finding of the same rule on the first resource.
	second := *r.Findings[0]
	r.Findings = append([]*Finding{&second}, r.Findings...)
	text := string(renderFormat(t, "text", r))
	if n := strings.Count(text, "Move it to the EU."); n != 1 {
		t.Fatalf("what to do written %d times, want once:\n%s", n, text)
	}
	var first []string
	for _, f := range r.Findings[1:11] {
		first = append(first, f.Address)
	}
	want := "\n  TC001 non-eu-region, for " + strings.Join(first, ", ") + " and 3 more:\n    Move it to the EU.\n"
	if !strings.Contains(text, want) {
		t.Errorf("the text report lacks %q:\n%s", want, text)
	}
	r.Options.Lang = i18n.French
	fr := string(renderFormat(t, "text", r))
	if !strings.Contains(fr, "\nÀ faire :\n") || !strings.Contains(fr, ", pour "+first[0]+", ") || !strings.Contains(fr, " et 3 autres :\n") {
		t.Errorf("the French what to do:\n%s", fr)
	}
}

// TestTextWhy: a resource's why line gives its level with the evidence
// that decided it, and the first evidence of its location, shortened,
// marked when only inferred; in French too.
func TestTextWhy(t *testing.T) {
	r := syntheticReport(1, "high")
	f := r.Findings[0]
	f.Sensitivity.Evidence = texts(`tag data_sensitivity=sensitive`, "also: module rule app (level internal)")
	long := `location arguments disagree: availability_zones[0] = "us-east-1a": zone of region us-east-1 says us-east-1, provider aws (root) region = "us-west-2" says us-west-2`
	f.Location.Evidence = texts(long, `provider aws (root) region = "us-west-2"`)
	f.Location.Unverified = text("read through var.region")
	text := string(renderFormat(t, "text", r))
	short := shorten(long, whyEvidenceRunes)
	want := "\n    why: level sensitive: tag data_sensitivity=sensitive; location: " + short + " (inferred)\n"
	if !strings.Contains(text, want) {
		t.Errorf("the why line is not %q:\n%s", want, text)
	}
	if !strings.HasSuffix(short, "…") || len([]rune(short)) > whyEvidenceRunes+1 || !strings.HasPrefix(long, strings.TrimSuffix(short, "…")) {
		t.Errorf("shortened evidence %q", short)
	}
	if strings.Contains(text, "also: module rule") || strings.Contains(text, "us-west-2\"") {
		t.Errorf("the why line gives more than the deciding evidence:\n%s", text)
	}
	r.Options.Lang = i18n.French
	fr := string(renderFormat(t, "text", r))
	if !strings.Contains(fr, "\n    pourquoi : niveau « sensible » : tag data_sensitivity=sensitive ; localisation : "+short+" (déduite)\n") {
		t.Errorf("the French why line:\n%s", fr)
	}
	f.Sensitivity.Evidence, f.Location.Evidence = nil, nil
	if text := string(renderFormat(t, "text", r)); !strings.Contains(text, "\n    pourquoi : niveau « sensible »\n") {
		t.Errorf("without evidence:\n%s", text)
	}
}

// TestTextWrap: with a width, every line fits in it (but a word longer
// than a line, which is never cut), continuation lines are indented under
// their line, colour codes take no width, and the words are those of the
// unwrapped report; without one, nothing is wrapped.
func TestTextWrap(t *testing.T) {
	r := scenarioCase{name: "ministry", scenario: "ministry", policy: "testdata/policies/ministry-waivers.hcl", failOn: "high"}.build(t)
	flat := string(renderFormat(t, "text", r))
	long := 0
	for l := range strings.SplitSeq(flat, "\n") {
		long = max(long, len([]rune(l)))
	}
	if long <= 100 {
		t.Fatalf("the report has no line over 100 characters to wrap")
	}
	for _, color := range []bool{false, true} {
		for _, width := range []int{40, 72, 100} {
			r.Options.Width, r.Options.Color = width, color
			wrapped := string(renderFormat(t, "text", r))
			for l := range strings.SplitSeq(wrapped, "\n") {
				if w := visibleWidth(l); w > width && strings.Contains(strings.TrimSpace(l), " ") {
					t.Errorf("width %d, colour %v: a line of %d: %q", width, color, w, l)
				}
			}
			if strings.Contains(wrapped, "\n ") && strings.Contains(wrapped, "\n\x1b") == false && color {
				t.Errorf("width %d: colours lost", width)
			}
			plain := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(wrapped, "")
			if got, want := strings.Fields(plain), strings.Fields(flat); !slices.Equal(got, want) {
				t.Errorf("width %d, colour %v: the words changed", width, color)
			}
			if !color && !strings.Contains(wrapped, "\n    HIGH TC001 non-eu-region: aws_sqs_queue.analytics_export is in\n        us-east-1") && width == 72 {
				t.Errorf("width 72: a finding does not go on under itself, indented:\n%s", wrapped)
			}
		}
	}
	r.Options.Width, r.Options.Color = 0, false
	if got := string(renderFormat(t, "text", r)); got != flat {
		t.Error("width 0 wraps")
	}
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
			if got.Rule != f.Rule || got.Address != f.Address || got.Message != f.Message.String() || got.Remediation != f.Remediation {
				t.Errorf("finding %d: %+v, want %s %s %q %q", i, got, f.Rule, f.Address, f.Message, f.Remediation)
			}
		}
	})
}
