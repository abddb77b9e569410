package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/ruledef"
	"github.com/trustcloud/trustcloud/internal/rules"
)

func init() {
	register(Format{Name: "junit", Ext: ".xml", Write: writeJUnit})
}

// The JUnit document validates against both JUnit schemas of
// ../shared/reference/schemas (internal/report/testdata): the strict Ant
// JUnit XSD (windyroad's JUnit.xsd: a bare testsuites root, and on each
// testsuite its id, package, timestamp, hostname and time, properties,
// system-out and system-err; test cases with no output of their own) and
// the lenient Jenkins xUnit junit-10.xsd.
type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string `xml:"name,attr"`
	Tests    int    `xml:"tests,attr"`
	Failures int    `xml:"failures,attr"`
	Errors   int    `xml:"errors,attr"`
	Skipped  int    `xml:"skipped,attr"`
	// Time is the suite's duration in seconds; Timestamp when the check
	// began (UTC, without a zone, as the Ant schema wants it); Hostname
	// the machine it ran on.
	Time      string `xml:"time,attr"`
	Timestamp string `xml:"timestamp,attr"`
	Hostname  string `xml:"hostname,attr"`
	// ID numbers the suites from 0; Package is the suite's name.
	ID         int             `xml:"id,attr"`
	Package    string          `xml:"package,attr"`
	Properties junitProperties `xml:"properties"`
	Cases      []junitCase     `xml:"testcase"`
	SystemOut  junitText       `xml:"system-out"`
	SystemErr  junitText       `xml:"system-err"`
}

type junitProperties struct {
	Property []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string       `xml:"name,attr"`
	Classname string       `xml:"classname,attr"`
	Time      string       `xml:"time,attr"`
	Failure   *junitResult `xml:"failure,omitempty"`
	Skipped   *junitResult `xml:"skipped,omitempty"`
}

type junitResult struct {
	Message string    `xml:"message,attr"`
	Type    string    `xml:"type,attr,omitempty"`
	Text    junitText `xml:",chardata"`
}

// junitText is element text written with its line breaks as they are:
// encoding/xml writes them as &#xA; in fields, which is valid but makes
// failure texts hard to read in the raw file.
type junitText string

// MarshalXML writes the element with its text as one character data token
// (escaped, line breaks kept).
func (t junitText) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if err := e.EncodeToken(xml.CharData(t)); err != nil {
		return err
	}
	return e.EncodeToken(start.End())
}

// MarshalXML writes a failure or skipped element, its text with line
// breaks kept.
func (r junitResult) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: "message"}, Value: r.Message})
	if r.Type != "" {
		start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: "type"}, Value: r.Type})
	}
	return r.Text.MarshalXML(e, start)
}

// ruleGroup is a set of rules tested together on a resource.
type ruleGroup struct {
	Name  string
	Rules []string
}

// Title is the test name: the group and its rules.
func (g ruleGroup) Title() string {
	return fmt.Sprintf("%s (%s)", g.Name, strings.Join(g.Rules, "/"))
}

// junitGroups are the registry's groups, in test order, of the rules about
// resources (judgesPolicy false) or about the policy file itself (true).
func junitGroups(judgesPolicy bool) []ruleGroup {
	var out []ruleGroup
	for _, g := range ruledef.Groups() {
		group := ruleGroup{Name: string(g)}
		for _, id := range ruledef.InGroup(g) {
			if r, _ := ruledef.Lookup(id); r.JudgesPolicy == judgesPolicy {
				group.Rules = append(group.Rules, string(id))
			}
		}
		if len(group.Rules) > 0 {
			out = append(out, group)
		}
	}
	return out
}

// ruleGroups are the tests of every checked resource, in test order.
var ruleGroups = junitGroups(false)

// policyGroups are the tests of the policy file itself (TC013): the only
// tests of its entry, and no test of a resource.
var policyGroups = junitGroups(true)

// groupOf returns the group a rule belongs to, or a group of its own.
func groupOf(rule string) ruleGroup {
	for _, g := range append(slices.Clone(ruleGroups), policyGroups...) {
		if slices.Contains(g.Rules, rule) {
			return g
		}
	}
	return ruleGroup{"other", []string{rule}}
}

// checkedResource is a resource the rules looked at, with its findings.
type checkedResource struct {
	Address, Module string
	// Resource is nil for a finding whose resource the inventory lacks.
	Resource *inventory.Resource
	Findings []*Finding
}

// checkedResources lists the managed resources not only being deleted,
// sorted by module then address, with their findings in report order. A
// finding whose resource the inventory lacks gets an entry of its own.
func checkedResources(r *Report) []*checkedResource {
	byAddr := map[string]*checkedResource{}
	var out []*checkedResource
	add := func(address, module string, res *inventory.Resource) *checkedResource {
		c, ok := byAddr[address]
		if !ok {
			c = &checkedResource{Address: address, Module: module, Resource: res}
			byAddr[address] = c
			out = append(out, c)
		}
		return c
	}
	if r.Inventory != nil {
		for _, res := range r.Inventory.Resources {
			if res.Managed() && !res.DeleteOnly() {
				add(res.Address, res.Module, res)
			}
		}
	}
	for _, f := range r.Findings {
		c := add(f.Address, f.Module, nil)
		c.Findings = append(c.Findings, f)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Module != out[j].Module {
			return out[i].Module < out[j].Module
		}
		return out[i].Address < out[j].Address
	})
	return out
}

// writeJUnit writes JUnit XML as GitLab's unit test report reads it
// (artifacts:reports:junit), valid against the Ant JUnit schema and the
// Jenkins xUnit JUnit schema too.
//
// Shape: one <testsuite> per module ("root module" first, then module
// addresses sorted), and in it one <testcase> per checked resource (managed,
// not only being deleted) and rule group, classname = the resource address,
// name = the group. The groups are the rule registry's (ruledef.Group), in
// the order of their first rule. Every checked resource gets every group
// of the rules about resources, passing or not, so that the set of tests
// does not change with the findings and GitLab can tell a fixed test from
// a removed one:
//
//	location (TC001/TC003/TC004)       where the resource is: allowed area, known, regional
//	SecNumCloud (TC002/TC008/…/TC011)  qualification of the operator's offer: in force, confirmed
//	extraterritorial exposure (TC005)  the operator's exposure to non-EU law
//	replication (TC006)                replicas, backups, secondary locations
//	waivers (TC007)                    expired waivers
//	classification (TC012)             classification signals that cannot be read
//
// Suite and test names stay in English whatever the language, so that
// GitLab keeps tracking the same tests when the language changes; the
// failure messages and texts are in the report's language.
//
// TC013 is about the policy file, not a resource: the file gets one test
// of its own, "policy (TC013)", when the rule fires.
//
// A finding of a rule outside these groups gets a test of its own,
// "other (ID)". In a test: new, unwaived findings make one <failure>
// (type = their rule ids; the Ant JUnit schema allows one per test and
// GitLab's parser expects one, so several findings share it); existing
// findings (from the baseline) never fail a test; waived findings make a
// <skipped message="waived: …"> when nothing fails. Neither schema lets a
// test case hold output of its own: what a test says of its findings
// that do not make its result (existing, or waived beside a failure) is
// appended to its failure or skipped text, and, for a test that passes,
// written to its suite's <system-out>, so that none is dropped.
//
// Neither schema has a file or line attribute on a test case: the file
// and line each finding points at are in its failure or skipped text
// ("at main.tf:12"), and the suite's properties give them by resource
// (file:ADDRESS, line:ADDRESS) for the resources with findings. Each
// suite carries when the check began (timestamp), the machine it ran on
// (hostname) and a time in seconds: the check's duration on the summary
// suite, 0 on the others and on every test case, since the rules judge
// all resources at once.
func writeJUnit(w io.Writer, r *Report) error {
	doc := junitSuites{}
	var suite *junitSuite
	for _, c := range checkedResources(r) {
		name := moduleTitle(i18n.English, c.Module)
		if suite == nil || suite.Name != name {
			doc.Suites = append(doc.Suites, junitSuite{Name: name})
			suite = &doc.Suites[len(doc.Suites)-1]
		}
		if len(c.Findings) > 0 {
			file, line := r.location(c.Findings[0])
			suite.Properties.Property = append(suite.Properties.Property,
				junitProperty{"file:" + c.Address, r.ciPath(file)}, junitProperty{"line:" + c.Address, strconv.Itoa(max(line, 1))})
		}
		groups := slices.Clone(ruleGroups)
		if c.Resource == nil && len(c.Findings) > 0 && !slices.ContainsFunc(c.Findings, func(f *Finding) bool { return f.Type != rules.PolicyType }) {
			groups = slices.Clone(policyGroups)
		}
		for _, f := range c.Findings {
			if g := groupOf(f.Rule); g.Name == "other" && !slices.ContainsFunc(groups, func(x ruleGroup) bool { return x.Title() == g.Title() }) {
				groups = append(groups, g)
			}
		}
		for _, g := range groups {
			var in []*Finding
			for _, f := range c.Findings {
				if slices.Contains(g.Rules, f.Rule) {
					in = append(in, f)
				}
			}
			tc, out := junitTestCase(r, c.Address, g, in)
			suite.Tests++
			switch {
			case tc.Failure != nil:
				suite.Failures++
			case tc.Skipped != nil:
				suite.Skipped++
			}
			if out != "" {
				suite.SystemOut += junitText(junitSeparator(string(suite.SystemOut)) + tc.Classname + " / " + tc.Name + "\n" + out)
			}
			suite.Cases = append(suite.Cases, tc)
		}
	}
	doc.Suites = append(doc.Suites, junitSummarySuite(r))
	started, seconds := junitClock(r)
	host := r.Options.Hostname
	if host == "" {
		host = "localhost"
	}
	for i := range doc.Suites {
		s := &doc.Suites[i]
		s.ID, s.Package, s.Timestamp, s.Hostname, s.Time = i, s.Name, started, host, "0"
	}
	doc.Suites[len(doc.Suites)-1].Time = seconds
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// junitSeparator is what goes before a text appended to out: nothing
// when out is empty, a blank line otherwise.
func junitSeparator(out string) string {
	if out == "" {
		return ""
	}
	return "\n\n"
}

// junitClock is when the check began, as the Ant schema's timestamp
// (UTC, to the second, no zone), and how long it took in seconds, to the
// millisecond: Options.Started and Finished; when the report does not say,
// the time it is written and 0.
func junitClock(r *Report) (string, string) {
	started, finished := r.Options.Started, r.Options.Finished
	if started.IsZero() {
		started = finished
	}
	if started.IsZero() {
		started = time.Now()
	}
	seconds := "0"
	if !finished.IsZero() && finished.After(started) {
		seconds = strconv.FormatFloat(finished.Sub(started).Seconds(), 'f', 3, 64)
	}
	return started.UTC().Format("2006-01-02T15:04:05"), seconds
}

// junitSummarySuite is a last suite, without tests, that says what the
// run could look at: the summary counts and how the configuration was
// evaluated as properties (analysed, unknown location and operator,
// waived …, evaluation and its origin, the catalog's dates and age), and
// as its output the coverage sentence of the markdown report, the
// evaluation's, the catalog's and, when it is stale, the warning.
func junitSummarySuite(r *Report) junitSuite {
	s := r.Summary
	suite := junitSuite{Name: "trustcloud summary"}
	for _, p := range []struct {
		name  string
		value int
	}{{"resources", s.Resources}, {"analysed", s.Analysed}, {"unknown_location", s.UnknownLocation}, {"unknown_operator", s.UnknownOperator},
		{"findings", s.Findings}, {"new", s.New}, {"existing", s.Existing}, {"waived", s.Waived}} {
		suite.Properties.Property = append(suite.Properties.Property, junitProperty{p.name, strconv.Itoa(p.value)})
	}
	suite.Properties.Property = append(suite.Properties.Property, junitProperty{"fail_on", s.FailOn})
	out := r.t("md.coverage", i18n.P("n.resource_analysed", s.Analysed), s.UnknownLocation, s.UnknownOperator, i18n.P("md.n_waived", s.Waived))
	if ev := r.evaluation(); ev != nil {
		suite.Properties.Property = append(suite.Properties.Property, junitProperty{"evaluation", ev.Mode})
		if ev.Origin != "" {
			suite.Properties.Property = append(suite.Properties.Property, junitProperty{"evaluation_origin", ev.Origin})
		}
		out += "\n" + mdCapitalize(sentence(evaluationText(r.lang(), ev)))
	}
	// The policy, how it was chosen and what it relaxes.
	if pr := r.Policy; pr != nil {
		for _, p := range []junitProperty{{"policy_profile", pr.Profile}, {"policy_file", pr.File}, {"policy_source", pr.Source}, {"policy_sha256", pr.SHA256}} {
			if p.Value != "" {
				suite.Properties.Property = append(suite.Properties.Property, p)
			}
		}
		if title := relaxationsTitle(r.lang(), pr); title != "" {
			suite.Properties.Property = append(suite.Properties.Property, junitProperty{"policy_relaxations", strconv.Itoa(len(pr.Relaxations))})
			out += "\n" + title
			for _, x := range pr.Relaxations {
				out += "\n- " + x.In(r.lang())
			}
		}
	}
	// The rules the policy disables, and the inline waivers.
	if d := disabledText(r.lang(), r.DisabledRules); d != "" {
		ids := make([]string, len(r.DisabledRules))
		for i, x := range r.DisabledRules {
			ids[i] = x.Rule
		}
		suite.Properties.Property = append(suite.Properties.Property, junitProperty{"disabled_rules", strings.Join(ids, ",")})
		out += "\n" + d
	}
	if len(r.InlineWaivers) > 0 {
		suite.Properties.Property = append(suite.Properties.Property, junitProperty{"inline_waivers", strconv.Itoa(len(r.InlineWaivers))})
		out += "\n" + r.t("report.inline_waivers")
		for _, iw := range r.InlineWaivers {
			out += "\n- " + inlineLine(r.lang(), iw)
		}
	}
	// The catalog the verdicts rest on, and whether it was too old.
	ref := r.catalogRef()
	for _, p := range []junitProperty{{"catalog_as_of", ref.AsOf}, {"catalog_anssi_edition", ref.AnssiEdition}, {"catalog_version", ref.Version}} {
		if p.Value != "" {
			suite.Properties.Property = append(suite.Properties.Property, p)
		}
	}
	if text := catalogText(r.lang(), ref); text != "" {
		out += "\n" + mdCapitalize(sentence(text))
	}
	if f := r.Freshness; f != nil {
		suite.Properties.Property = append(suite.Properties.Property,
			junitProperty{"catalog_age_days", strconv.Itoa(f.AgeDays)}, junitProperty{"catalog_stale", strconv.FormatBool(f.Stale)})
		if text := staleText(r.lang(), f); text != "" {
			out += "\n" + mdCapitalize(sentence(text))
		}
	}
	suite.SystemOut = junitText(out)
	return suite
}

// junitTestCase is the test of one rule group on one resource, and what
// it says that its result cannot hold: existing and waived findings of a
// test that passes, for its suite's output.
func junitTestCase(r *Report, address string, g ruleGroup, fs []*Finding) (junitCase, string) {
	tc := junitCase{Name: g.Title(), Classname: address, Time: "0"}
	var failing, existing, waived []*Finding
	for _, f := range fs {
		switch {
		case f.Waived:
			waived = append(waived, f)
		case f.Status == StatusExisting:
			existing = append(existing, f)
		default:
			failing = append(failing, f)
		}
	}
	var out []string
	if len(failing) > 0 {
		var ids, blocks []string
		for _, f := range failing {
			if !slices.Contains(ids, f.Rule) {
				ids = append(ids, f.Rule)
			}
			blocks = append(blocks, junitBlock(r, f))
		}
		tc.Failure = &junitResult{Message: junitSummary(r, failing), Type: strings.Join(ids, ","), Text: junitText(strings.Join(blocks, "\n\n"))}
	}
	for _, f := range existing {
		out = append(out, r.t("junit.existing")+"\n"+junitBlock(r, f))
	}
	if len(waived) > 0 {
		var blocks []string
		for _, f := range waived {
			blocks = append(blocks, junitBlock(r, f))
		}
		if tc.Failure == nil {
			msg := r.t("junit.skipped", waived[0].Rule, ciWaiverText(r.lang(), waived[0]))
			if len(waived) > 1 {
				msg += r.n("junit.and_more", len(waived)-1)
			}
			tc.Skipped = &junitResult{Message: msg, Text: junitText(strings.Join(blocks, "\n\n"))}
		} else {
			for _, b := range blocks {
				out = append(out, r.t("junit.waived")+"\n"+b)
			}
		}
	}
	if len(out) == 0 {
		return tc, ""
	}
	more := strings.Join(out, "\n\n")
	switch {
	case tc.Failure != nil:
		tc.Failure.Text += junitText("\n\n" + more)
		return tc, ""
	case tc.Skipped != nil:
		tc.Skipped.Text += junitText("\n\n" + more)
		return tc, ""
	}
	return tc, more
}

// junitSummary is the failure message: the first finding, and how many
// more there are.
func junitSummary(r *Report, fs []*Finding) string {
	s := r.t("junit.summary", fs[0].Rule, r.ruleTitle(fs[0]), r.message(fs[0]))
	if len(fs) > 1 {
		s += r.n("junit.and_more", len(fs)-1)
	}
	return s
}

// junitBlock describes one finding in a few lines.
func junitBlock(r *Report, f *Finding) string {
	file, line := r.location(f)
	var b strings.Builder
	b.WriteString(r.t("junit.block", f.Rule, r.ruleTitle(f), r.severity(f.Severity), r.ciPath(file), line, r.message(f)))
	if f.Waived {
		b.WriteString("\n" + r.t("junit.waived_by", ciWaiverText(r.lang(), f)))
	} else if fix := r.remediation(f); fix != "" {
		b.WriteString("\n" + r.t("junit.what_to_do", fix))
	}
	return b.String()
}
