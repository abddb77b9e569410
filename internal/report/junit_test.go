package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/rules"
)

// The JUnit document as read back, with every element a test case may
// hold, so that the structure checks see them all.
type junitIn struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    string   `xml:"tests,attr"`
	Failures string   `xml:"failures,attr"`
	Errors   string   `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    string `xml:"tests,attr"`
		Failures string `xml:"failures,attr"`
		Errors   string `xml:"errors,attr"`
		Skipped  string `xml:"skipped,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Time      string `xml:"time,attr"`
			Failures  []struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Errors  []struct{} `xml:"error"`
			Skipped []struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"skipped"`
			SystemOut []string `xml:"system-out"`
		} `xml:"testcase"`
		Nested []struct{} `xml:"testsuite"`
	} `xml:"testsuite"`
}

func parseJUnit(t *testing.T, out []byte) junitIn {
	t.Helper()
	// A strict token pass first: encoding/xml's Unmarshal skips what
	// the struct does not name.
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = true
	for {
		if _, err := dec.Token(); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
	}
	var doc junitIn
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("JUnit: %v", err)
	}
	return doc
}

// checkJUnitStructure applies the rules of GitLab's parser and of the
// Jenkins xUnit junit-10.xsd (see /work/shared/reference/schemas): a
// testsuites root of testsuite elements with name, tests, failures and
// errors; test cases with name, classname and a numeric time, at most one
// failure, error or skipped each, failures with a type; counts that add
// up; (classname, name) unique, since GitLab drops later duplicates. It
// returns the numbers of tests, failures and skipped tests.
func checkJUnitStructure(t *testing.T, doc junitIn) (tests, failures, skipped int) {
	t.Helper()
	num := func(what, s string) int {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			t.Errorf("%s = %q: want a count", what, s)
		}
		return n
	}
	seen := map[string]bool{}
	for _, s := range doc.Suites {
		if s.Name == "" || len(s.Nested) > 0 {
			t.Errorf("testsuite %q: want a name and no nested suite", s.Name)
		}
		var f, sk int
		for _, c := range s.Cases {
			id := c.Classname + " / " + c.Name
			if c.Name == "" || c.Classname == "" {
				t.Errorf("%s: want name and classname", id)
			}
			if _, err := strconv.ParseFloat(c.Time, 64); err != nil {
				t.Errorf("%s: time %q", id, c.Time)
			}
			if seen[id] {
				t.Errorf("%s: duplicate test (GitLab keeps only the first)", id)
			}
			seen[id] = true
			if n := len(c.Failures) + len(c.Errors) + len(c.Skipped); n > 1 {
				t.Errorf("%s: %d results, want at most one", id, n)
			}
			if len(c.SystemOut) > 1 {
				t.Errorf("%s: %d system-out elements", id, len(c.SystemOut))
			}
			for _, fl := range c.Failures {
				if fl.Type == "" || fl.Message == "" || fl.Text == "" {
					t.Errorf("%s: failure without type, message or text: %+v", id, fl)
				}
			}
			if len(c.Errors) > 0 {
				t.Errorf("%s: an error element: trustcloud reports findings as failures", id)
			}
			f += len(c.Failures)
			sk += len(c.Skipped)
		}
		if num("tests", s.Tests) != len(s.Cases) || num("failures", s.Failures) != f || num("errors", s.Errors) != 0 || num("skipped", s.Skipped) != sk {
			t.Errorf("testsuite %s: tests=%s failures=%s errors=%s skipped=%s; counted %d, %d, 0, %d", s.Name, s.Tests, s.Failures, s.Errors, s.Skipped, len(s.Cases), f, sk)
		}
		tests += len(s.Cases)
		failures += f
		skipped += sk
	}
	if doc.Name == "" || num("tests", doc.Tests) != tests || num("failures", doc.Failures) != failures || num("errors", doc.Errors) != 0 {
		t.Errorf("testsuites %q: tests=%s failures=%s errors=%s; counted %d, %d, 0", doc.Name, doc.Tests, doc.Failures, doc.Errors, tests, failures)
	}
	return tests, failures, skipped
}

func TestJUnit(t *testing.T) {
	eachScenario(t, "junit", func(t *testing.T, r *Report, out []byte) {
		doc := parseJUnit(t, out)
		tests, failures, skipped := checkJUnitStructure(t, doc)
		if want := len(ruleGroups) * r.Summary.Analysed; tests != want {
			t.Errorf("%d tests, want %d groups × %d analysed resources = %d", tests, len(ruleGroups), r.Summary.Analysed, want)
		}
		// What each test must say, from the findings.
		type expect struct {
			fail, skip bool
			rules      []string
			outs       []string
		}
		want := map[string]*expect{}
		for _, f := range r.Findings {
			key := f.Address + " / " + groupOf(f.Rule).Title()
			e := want[key]
			if e == nil {
				e = &expect{}
				want[key] = e
			}
			switch {
			case f.Waived:
				e.skip = true
				e.outs = append(e.outs, f.Message, f.Waiver.ID)
			case f.Status == StatusExisting:
				e.outs = append(e.outs, "Existing finding", f.Message)
			default:
				e.fail = true
				e.rules = append(e.rules, f.Rule)
				e.outs = append(e.outs, f.Message, f.Remediation)
			}
		}
		var wantFailures, wantSkipped int
		modules := map[string]bool{}
		for _, s := range doc.Suites {
			for _, c := range s.Cases {
				key := c.Classname + " / " + c.Name
				e := want[key]
				delete(want, key)
				if e == nil {
					e = &expect{}
				}
				if e.fail {
					wantFailures++
				} else if e.skip {
					wantSkipped++
				}
				if got := len(c.Failures) > 0; got != e.fail {
					t.Errorf("%s: failure %v, want %v", key, got, e.fail)
				}
				if got := len(c.Skipped) > 0; got != (e.skip && !e.fail) {
					t.Errorf("%s: skipped %v, want %v", key, got, e.skip && !e.fail)
				}
				var text strings.Builder
				for _, fl := range c.Failures {
					text.WriteString(fl.Text)
					if fl.Type != strings.Join(dedupe(e.rules), ",") {
						t.Errorf("%s: failure type %q, want %v", key, fl.Type, e.rules)
					}
				}
				for _, sk := range c.Skipped {
					if !strings.HasPrefix(sk.Message, "waived: ") {
						t.Errorf("%s: skipped message %q, want waived: …", key, sk.Message)
					}
					text.WriteString(sk.Text)
				}
				text.WriteString(strings.Join(c.SystemOut, ""))
				for _, o := range e.outs {
					if !strings.Contains(text.String(), o) {
						t.Errorf("%s: output lacks %q", key, o)
					}
				}
				modules[s.Name] = true
			}
		}
		for key := range want {
			t.Errorf("no test %s for a finding", key)
		}
		if failures != wantFailures || skipped != wantSkipped {
			t.Errorf("%d failures, %d skipped; want %d, %d", failures, skipped, wantFailures, wantSkipped)
		}
		for _, f := range r.Findings {
			if !modules[moduleTitle(i18n.English, f.Module)] {
				t.Errorf("no testsuite %q for %s", moduleTitle(i18n.English, f.Module), f.Address)
			}
		}
	})
}

func dedupe(ss []string) []string {
	var out []string
	for _, s := range ss {
		if len(out) == 0 || out[len(out)-1] != s {
			out = append(out, s)
		}
	}
	return out
}

// TestJUnitGrouping: several findings of one group share one failure;
// waived and existing ones never make one, and are not dropped.
func TestJUnitGrouping(t *testing.T) {
	r := syntheticReport(1, "high")
	base := r.Findings[0]
	mk := func(rule, msg string, waived bool, status string) *Finding {
		f := *base.Finding
		f.Rule, f.Message, f.Waived, f.Waiver = rule, msg, waived, nil
		if waived {
			f.Waiver = &rules.WaiverRef{ID: "W-" + msg, Reason: "r", Expires: "2030-01-01", ApprovedBy: "a"}
		}
		return &Finding{Finding: &f, Fingerprint: Fingerprint(&f), Status: status}
	}
	r.Findings = []*Finding{
		mk("TC006", "replica one", false, StatusNew),
		mk("TC006", "replica two", false, StatusNew),
		mk("TC001", "outside", false, StatusExisting),
		mk("TC002", "not qualified", true, StatusNew),
		mk("TC007", "expired waiver", false, StatusNew),
		mk("TC007", "expired waiver again", true, StatusNew),
		mk("TC099", "a future rule", false, StatusNew),
	}
	r.Summary = Summarize(r.Inventory, r.Findings, "high")
	doc := parseJUnit(t, renderFormat(t, "junit", r))
	tests, failures, skipped := checkJUnitStructure(t, doc)
	if tests != len(ruleGroups)+1 || failures != 3 || skipped != 1 {
		t.Fatalf("%d tests, %d failures, %d skipped; want %d, 3, 1", tests, failures, skipped, len(ruleGroups)+1)
	}
	cases := map[string]string{}
	for _, c := range doc.Suites[0].Cases {
		var b strings.Builder
		for _, f := range c.Failures {
			fmt.Fprintf(&b, "failure[%s|%s|%s]", f.Type, f.Message, f.Text)
		}
		for _, s := range c.Skipped {
			fmt.Fprintf(&b, "skipped[%s|%s]", s.Message, s.Text)
		}
		fmt.Fprintf(&b, "out[%s]", strings.Join(c.SystemOut, ""))
		cases[c.Name] = b.String()
	}
	for name, wants := range map[string][]string{
		"replication (TC006)":                         {"failure[TC006|TC006 non-eu-region: replica one (and 1 more)|", "replica two"},
		"location (TC001/TC003/TC004)":                {"out[Existing finding", "outside"},
		"SecNumCloud (TC002/TC008/TC009/TC010/TC011)": {"skipped[waived: TC002 waiver W-not qualified: r (approved by a; expires 2030-01-01)|"},
		"waivers (TC007)":                             {"failure[TC007|", "expired waiver", "out[Waived finding.", "expired waiver again"},
		"other (TC099)":                               {"failure[TC099|"},
	} {
		got, ok := cases[name]
		if !ok {
			t.Errorf("no test %q", name)
			continue
		}
		for _, w := range wants {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %s lacks %q", name, got, w)
			}
		}
	}
	if strings.Contains(cases["location (TC001/TC003/TC004)"], "failure[") {
		t.Errorf("an existing finding failed a test: %s", cases["location (TC001/TC003/TC004)"])
	}
}

// TestJUnitEscapes: text from plans and policies, with XML's special
// characters and control characters, comes back as it was (control
// characters XML cannot hold become U+FFFD).
func TestJUnitEscapes(t *testing.T) {
	r := syntheticReport(1, "high")
	f := r.Findings[0]
	f.Status = StatusNew
	f.Severity = "high"
	f.Message = "a <b> & \"c\" 'd' ]]> e\r\nline\ttab \x01"
	f.Address = `aws_s3_bucket.x["<&>"]`
	r.Inventory.Resources[0].Address = f.Address
	doc := parseJUnit(t, renderFormat(t, "junit", r))
	checkJUnitStructure(t, doc)
	var got []string
	for _, c := range doc.Suites[0].Cases {
		if c.Classname != f.Address {
			t.Errorf("classname %q, want %q", c.Classname, f.Address)
		}
		for _, fl := range c.Failures {
			got = append(got, fl.Message, fl.Text)
		}
	}
	want := "a <b> & \"c\" 'd' ]]> e\r\nline\ttab \uFFFD"
	if len(got) != 2 || !strings.Contains(got[0], want) || !strings.Contains(got[1], want) {
		t.Errorf("failure message and text %q: want them to hold %q", got, want)
	}
}
