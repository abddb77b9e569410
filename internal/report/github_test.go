package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

func TestGitHub(t *testing.T) {
	eachScenario(t, "github", func(t *testing.T, r *Report, out []byte) {
		lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
		// The scenarios are read from plan JSON alone: a notice on the
		// run says so first.
		if cmd, props, data, ok := parseWorkflowCommand(lines[0]); !ok || cmd != "notice" || props["file"] != "" || props["title"] != "trustcloud evaluation" ||
			!strings.HasPrefix(data, "plan JSON alone: values read through references are inferred") {
			t.Errorf("first line %q: want a notice on the run saying the configuration was read from plan JSON alone", lines[0])
		}
		// Then a plain line names the catalog; it is fresh: no warning.
		if want := "trustcloud: catalog as of " + r.Catalog.AsOf + " (ANSSI catalogue of " + r.Catalog.AnssiEdition + ")"; len(lines) < 2 || lines[1] != want {
			t.Errorf("second line %q, want %q", lines[1], want)
		}
		lines = lines[2:]
		if len(lines) != len(r.Findings)+1 {
			t.Fatalf("%d lines for %d findings: want the evaluation notice, the catalog, one a finding and a summary", len(lines)+2, len(r.Findings))
		}
		for i, f := range r.Findings {
			cmd, props, data, ok := parseWorkflowCommand(lines[i])
			if !ok {
				t.Errorf("line %d is not a workflow command: %q", i, lines[i])
				continue
			}
			want := map[string]string{"critical": "error", "high": "error", "medium": "warning", "low": "notice", "info": "notice"}[string(f.Severity)]
			title := f.Rule + " " + f.Name
			switch {
			case f.Waived:
				want, title = "notice", title+" (waived)"
				if !strings.Contains(data, "Waived by waiver "+f.Waiver.ID) {
					t.Errorf("line %d: %q does not say waived", i, data)
				}
			case f.Status == StatusExisting:
				want, title = "notice", title+" (existing)"
			}
			file, line := r.location(f)
			if cmd != want || props["file"] != file || props["line"] != fmt.Sprint(line) || props["title"] != title {
				t.Errorf("line %d: %s %v; want %s file=%s line=%d title=%s", i, cmd, props, want, file, line, title)
			}
			if !strings.Contains(data, f.Message.String()) || !strings.Contains(data, f.Address) {
				t.Errorf("line %d: %q lacks the message or the address", i, data)
			}
		}
		last := lines[len(lines)-1]
		s := r.Summary
		wantLast := fmt.Sprintf("trustcloud: %s analysed (%d unknown location, %d no catalog operator), %s (%d new, %d existing), %d waived; ",
			plural(s.Analysed, "resource"), s.UnknownLocation, s.UnknownOperator, plural(s.Findings, "finding"), s.New, s.Existing, s.Waived)
		if !strings.HasPrefix(last, wantLast) {
			t.Errorf("summary %q, want it to start %q", last, wantLast)
		}
		if passing := strings.Contains(last, "no new finding at or above "+s.FailOn); passing == s.Failed {
			t.Errorf("summary %q for failed = %v", last, s.Failed)
		}
	})
}

// parseWorkflowCommand reads "::cmd k=v,k=v::data", undoing the escapes.
func parseWorkflowCommand(line string) (cmd string, props map[string]string, data string, ok bool) {
	rest, ok := strings.CutPrefix(line, "::")
	if !ok {
		return "", nil, "", false
	}
	head, data, ok := strings.Cut(rest, "::")
	if !ok {
		return "", nil, "", false
	}
	cmd, params, _ := strings.Cut(head, " ")
	props = map[string]string{}
	for p := range strings.SplitSeq(params, ",") {
		k, v, _ := strings.Cut(p, "=")
		props[k] = unescapeWorkflow(v)
	}
	return cmd, props, unescapeWorkflow(data), true
}

func unescapeWorkflow(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

// TestGitHubEscapes: data escapes %, CR and LF; properties also , and :,
// so that a file name or title cannot end the property list, and a
// message cannot start a new command on a line of its own.
func TestGitHubEscapes(t *testing.T) {
	for _, tc := range []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100% done", "100%25 done", "100%25 done"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"x, y: z", "x, y: z", "x%2C y%3A z"},
		{"%0A", "%250A", "%250A"},
		{"::error::injected", "::error::injected", "%3A%3Aerror%3A%3Ainjected"},
	} {
		if got := githubData.Replace(tc.in); got != tc.data {
			t.Errorf("data %q: %q, want %q", tc.in, got, tc.data)
		}
		if got := githubProperty.Replace(tc.in); got != tc.prop {
			t.Errorf("property %q: %q, want %q", tc.in, got, tc.prop)
		}
	}

	r := syntheticReport(1, "high")
	f := r.Findings[0]
	f.Severity, f.Status, f.Waived = "critical", StatusNew, false
	f.Source = &SourceRef{File: "modules/a,b:c/main.tf", Line: 7}
	f.Message = i18n.Plain("50% of it\nis ::error::elsewhere")
	f.Remediation = "Fix it."
	r.Summary = Summarize(r.Inventory, r.Findings, "high")
	got := strings.Split(string(renderFormat(t, "github", r)), "\n")[0]
	want := "::error file=modules/a%2Cb%3Ac/main.tf,line=7,title=TC001 non-eu-region::" + f.Address + ": 50%25 of it%0Ais ::error::elsewhere. What to do: Fix it."
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if _, props, data, ok := parseWorkflowCommand(got); !ok || props["file"] != f.Source.File || !strings.Contains(data, f.Message.String()) {
		t.Errorf("does not read back: %v %q", props, data)
	}
}
