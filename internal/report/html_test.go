package report

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/remote"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/golden"
	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/rules"
)

// htmlMinistryDir is a real scenario of the repository: a plan made by
// Terraform (scripts/testdata.sh) and its configuration.
const htmlMinistryDir = "../../testdata/scenarios/ministry"

// htmlMinistryPolicy is the default profile with two waivers: one in force
// (its finding is waived) and one expired on the fixed date of the tests
// (its finding is reported, with a TC007 finding about the waiver).
const htmlMinistryPolicy = `profile = "fr-cloud-au-centre"

waiver "DER-2026-004" {
  addresses   = ["aws_s3_bucket.grant_applications"]
  rules       = ["TC002"]
  reason      = "Grant applications move to the S3NS bucket with the 2026 release"
  expires     = "2026-12-31"
  approved_by = "Ministry CISO"
  approved_on = "2026-09-22"
  covers_new  = true
}

waiver "DER-2025-011" {
  addresses   = ["aws_sqs_queue.analytics_export"]
  rules       = ["TC001"]
  reason      = "Analytics export to the US vendor during the migration"
  expires     = "2026-01-31"
  approved_by = "Ministry CISO"
  approved_on = "2025-10-23"
  covers_new  = true
}
`

// htmlTestNow is the date waivers are judged on.
var htmlTestNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// htmlTestReport builds a check report of the ministry scenario as the CLI
// does: inventory, evaluation, fingerprints, sources and summary. The
// TC002 finding of aws_sqs_queue.analytics_export is marked existing, as a
// baseline would.
func htmlTestReport(t *testing.T, failOn string) *Report {
	t.Helper()
	p, _, err := planfile.Load(filepath.Join(htmlMinistryDir, "plan.json"), planfile.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	cat = cat.WithClock(func() time.Time { return htmlTestNow })
	pol, diags := policy.Parse("policy.hcl", []byte(htmlMinistryPolicy))
	if diags.HasErrors() {
		t.Fatalf("policy: %s", policy.FormatDiagnostics(diags))
	}
	planFile := "testdata/scenarios/ministry/plan.json"
	inv, _ := inventory.Build(p, planFile, cat, pol)
	// The default profile classifies the plan as the policy above does
	// (a policy's waivers do not change levelsByAddress), so the inventory built
	// with policy.Default() is the one the findings are about.
	if def, _ := inventory.Build(p, planFile, cat, policy.Default()); !cmp.Equal(levelsByAddress(def), levelsByAddress(inv)) {
		t.Fatalf("the waiver policy classifies differently from the default profile:\n%s", cmp.Diff(levelsByAddress(def), levelsByAddress(inv)))
	}
	ev := &rules.Evaluator{Catalog: cat, Policy: pol, Now: func() time.Time { return htmlTestNow }}
	rep := &Report{FormatVersion: FormatVersion, Tool: Tool{Name: "trustcloud", Version: "v1.2.3-test"},
		Catalog: inv.Catalog, Policy: inv.Policy, Plan: inv.Plan, Findings: []*Finding{},
		Inventory: inv, Options: Options{PlanFile: planFile}}
	lines := declarationLines(t)
	for _, f := range ev.Evaluate(inv) {
		rf := &Finding{Finding: f, Fingerprint: Fingerprint(f), Status: StatusNew}
		if f.Address == "aws_sqs_queue.analytics_export" && f.Rule == "TC002" {
			rf.Status = StatusExisting
		}
		if line, ok := lines[f.Address]; ok {
			rf.Source = &SourceRef{File: "testdata/scenarios/ministry/main.tf", Line: line}
		}
		rep.Findings = append(rep.Findings, rf)
	}
	rep.Summary = Summarize(inv, rep.Findings, failOn)
	return rep
}

func levelsByAddress(inv *inventory.Inventory) map[string]string {
	out := map[string]string{}
	for _, r := range inv.Resources {
		out[r.Address] = r.Sensitivity.Level
	}
	return out
}

// declarationLines finds the line of each root resource block in the
// scenario's main.tf.
func declarationLines(t *testing.T) map[string]int {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(htmlMinistryDir, "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile(`^resource "([^"]+)" "([^"]+)"`)
	out := map[string]int{}
	for i, line := range strings.Split(string(src), "\n") {
		if m := block.FindStringSubmatch(line); m != nil {
			out[m[1]+"."+m[2]] = i + 1
		}
	}
	return out
}

func renderHTML(t *testing.T, r *Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Formats["html"].Write(&buf, r); err != nil {
		t.Fatalf("html: %v", err)
	}
	return buf.Bytes()
}

func TestHTMLGolden(t *testing.T) {
	rep := htmlTestReport(t, "high")
	// The report must hold what the golden file is meant to show.
	var waived, existing, expired int
	for _, f := range rep.Findings {
		switch {
		case f.Waived:
			waived++
		case f.Status == StatusExisting:
			existing++
		}
		if f.Rule == "TC007" {
			expired++
		}
	}
	if waived != 1 || existing != 1 || expired != 1 || !rep.Summary.Failed {
		t.Fatalf("ministry report: %d waived, %d existing, %d TC007, failed %v; want 1, 1, 1, true", waived, existing, expired, rep.Summary.Failed)
	}
	got := renderHTML(t, rep)
	if again := renderHTML(t, rep); !bytes.Equal(got, again) {
		t.Fatal("two renderings of the same report differ")
	}
	golden.Assert(t, filepath.Join("testdata", "html", "ministry.html"), got)
}

// node helpers over golang.org/x/net/html.

func parseHTML(t *testing.T, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return doc
}

func nodeAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func nodeHasClass(n *html.Node, class string) bool {
	v, _ := nodeAttr(n, "class")
	return slices.Contains(strings.Fields(v), class)
}

// findNodes returns the element nodes for which match is true, in document
// order.
func findNodes(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && match(d) {
			out = append(out, d)
		}
	}
	return out
}

func isTag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

// words is the text of n as words, each text node apart from the next.
func words(n *html.Node) string {
	var parts []string
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			parts = append(parts, d.Data)
		}
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// chartKeyOf is the bar a resource belongs to, worked out independently of
// the renderer.
func chartKeyOf(r *inventory.Resource) string {
	switch r.Location.Status {
	case inventory.StatusKnown:
		if r.Location.Country != nil {
			return *r.Location.Country
		}
	case inventory.StatusMultiRegion:
		return "multi-region"
	case inventory.StatusGlobal:
		return "global"
	case inventory.StatusNotApplicable:
		return "no location"
	}
	return "unknown"
}

func TestHTMLStructure(t *testing.T) {
	rep := htmlTestReport(t, "high")
	out := renderHTML(t, rep)
	doc := parseHTML(t, out)

	t.Run("self-contained", func(t *testing.T) {
		external := regexp.MustCompile(`(?i)^\s*(https?:)?//`)
		for _, n := range findNodes(doc, func(*html.Node) bool { return true }) {
			for _, a := range n.Attr {
				switch strings.ToLower(a.Key) {
				case "src", "href", "xlink:href", "action", "srcset", "poster", "data":
					if external.MatchString(a.Val) {
						t.Errorf("<%s %s=%q> loads from the network", n.Data, a.Key, a.Val)
					}
				}
			}
			if n.Data == "link" {
				rel, _ := nodeAttr(n, "rel")
				t.Errorf("<link rel=%q>: styles must be inline", rel)
			}
			if n.Data == "script" {
				if src, ok := nodeAttr(n, "src"); ok {
					t.Errorf("<script src=%q>: scripts must be inline", src)
				}
			}
		}
		if bytes.Contains(bytes.ToLower(out), []byte("@import")) || regexp.MustCompile(`url\(\s*['"]?https?:`).Match(out) {
			t.Error("the style sheet loads from the network")
		}
		if n := len(findNodes(doc, isTag("style"))); n != 1 {
			t.Errorf("%d <style> elements, want 1", n)
		}
	})

	t.Run("header", func(t *testing.T) {
		titles := findNodes(doc, func(n *html.Node) bool { return n.Data == "title" && n.Namespace == "" })
		if len(titles) != 1 || nodeText(titles[0]) != "trustcloud: testdata/scenarios/ministry/plan.json — blocked" {
			t.Errorf("title: %v", titles)
		}
		gen := findNodes(doc, func(n *html.Node) bool { v, _ := nodeAttr(n, "name"); return n.Data == "meta" && v == "generator" })
		if len(gen) != 1 {
			t.Fatalf("%d <meta name=generator>, want 1", len(gen))
		}
		if v, _ := nodeAttr(gen[0], "content"); v != "trustcloud v1.2.3-test" {
			t.Errorf("generator = %q", v)
		}
		header := nodeText(findNodes(doc, func(n *html.Node) bool { return n.Data == "header" })[0])
		for _, want := range []string{"testdata/scenarios/ministry/plan.json", "policy.hcl (sha256 ", "over profile fr-cloud-au-centre", "as of " + rep.Catalog.AsOf, "v1.2.3-test", "blocked"} {
			if !strings.Contains(header, want) {
				t.Errorf("header lacks %q:\n%s", want, header)
			}
		}
		totals := words(findNodes(doc, func(n *html.Node) bool { v, _ := nodeAttr(n, "id"); return v == "totals" })[0])
		s := rep.Summary
		for _, want := range []string{
			fmt.Sprintf("%d resources analysed of %d in the plan", s.Analysed, s.Resources),
			fmt.Sprintf("%d findings, not waived", s.Findings),
			fmt.Sprintf("%d high", s.BySeverity["high"]),
			fmt.Sprintf("%d new in this change", s.New),
			fmt.Sprintf("%d existing (baseline)", s.Existing),
			fmt.Sprintf("%d waived", s.Waived),
			fmt.Sprintf("%d unknown location", s.UnknownLocation),
			fmt.Sprintf("%d unknown operator", s.UnknownOperator),
		} {
			if !strings.Contains(totals, want) {
				t.Errorf("totals lack %q: %s", want, totals)
			}
		}
	})

	t.Run("chart", func(t *testing.T) {
		svgs := findNodes(doc, func(n *html.Node) bool { return n.Data == "svg" })
		if len(svgs) != 1 {
			t.Fatalf("%d <svg>, want 1", len(svgs))
		}
		want := map[string]int{}
		for _, r := range rep.Inventory.Resources {
			if r.Managed() && !r.DeleteOnly() {
				want[chartKeyOf(r)]++
			}
		}
		bars := findNodes(svgs[0], func(n *html.Node) bool { return n.Data == "g" && nodeHasClass(n, "bar") })
		got := map[string]int{}
		for _, b := range bars {
			key, _ := nodeAttr(b, "data-country")
			if _, dup := got[key]; dup {
				t.Errorf("two bars for %q", key)
			}
			for _, seg := range findNodes(b, isTag("rect")) {
				var n int
				titles := findNodes(seg, isTag("title"))
				if len(titles) != 1 {
					t.Errorf("bar %s: a segment without its <title>", key)
					continue
				}
				if _, err := fmt.Sscanf(nodeText(titles[0])[strings.LastIndex(nodeText(titles[0]), ": ")+2:], "%d", &n); err != nil {
					t.Errorf("bar %s: segment title %q: %v", key, nodeText(titles[0]), err)
				}
				got[key] += n
			}
			if len(findNodes(b, isTag("title"))) == 0 {
				t.Errorf("bar %s has no <title>", key)
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("bars (resources by country, -want +got):\n%s", diff)
		}
		if len(findNodes(svgs[0], func(n *html.Node) bool { return n.Data == "g" && nodeHasClass(n, "legend-item") })) == 0 {
			t.Error("the chart has no legend")
		}
		for _, a := range []string{"role", "aria-labelledby"} {
			if _, ok := nodeAttr(svgs[0], a); !ok {
				t.Errorf("<svg> lacks %s", a)
			}
		}
	})

	t.Run("findings", func(t *testing.T) {
		rows := findNodes(doc, func(n *html.Node) bool { return n.Data == "tr" && nodeHasClass(n, "finding") })
		if len(rows) != len(rep.Findings) {
			t.Fatalf("%d finding rows, want %d", len(rows), len(rep.Findings))
		}
		for i, row := range rows {
			f := rep.Findings[i]
			status, _ := nodeAttr(row, "data-status")
			want := f.Status
			if f.Waived {
				want = "waived"
			}
			rowText := nodeText(row)
			if status != want || !strings.Contains(rowText, f.Address) || !strings.Contains(rowText, f.Rule) {
				t.Errorf("row %d: status %q, text %q; want %s %s %s", i, status, rowText, want, f.Rule, f.Address)
			}
			// A finding without a source points at the plan file, with no
			// line to name.
			where := rep.Options.PlanFile
			if f.Source != nil {
				where = fmt.Sprintf("%s:%d", f.Source.File, f.Source.Line)
			}
			if !strings.Contains(rowText, where) {
				t.Errorf("row %d does not point at %s", i, where)
			}
			id, _ := nodeAttr(row, "id")
			details := findNodes(doc, func(n *html.Node) bool { v, _ := nodeAttr(n, "id"); return v == id+"-detail" })
			if len(details) != 1 {
				t.Fatalf("row %d: no detail row", i)
			}
			detail := nodeText(details[0])
			for _, ev := range append(slices.Clone(f.Location.Evidence), f.Sensitivity.Evidence...) {
				if !strings.Contains(detail, ev.String()) {
					t.Errorf("row %d: detail lacks evidence %q", i, ev)
				}
			}
			if f.Waiver != nil && !strings.Contains(detail, f.Waiver.ApprovedBy) {
				t.Errorf("row %d: detail lacks the waiver", i)
			}
		}
		for _, id := range []string{"filter", "severity", "show-waived"} {
			if len(findNodes(doc, func(n *html.Node) bool { v, _ := nodeAttr(n, "id"); return v == id })) != 1 {
				t.Errorf("no #%s control", id)
			}
		}
	})

	t.Run("inventory collapsed", func(t *testing.T) {
		inv := findNodes(doc, func(n *html.Node) bool { v, _ := nodeAttr(n, "id"); return n.Data == "details" && v == "inventory" })
		if len(inv) != 1 {
			t.Fatal("no inventory <details>")
		}
		if _, open := nodeAttr(inv[0], "open"); open {
			t.Error("the inventory is open by default")
		}
		rows := findNodes(inv[0], isTag("tr"))
		if len(rows) != len(rep.Inventory.Resources)+1 {
			t.Errorf("%d inventory rows, want %d and a header", len(rows), len(rep.Inventory.Resources))
		}
	})
}

func TestHTMLVerdictWording(t *testing.T) {
	for _, tc := range []struct {
		failOn, verdict string
	}{
		{"high", "blocked"},
		{"critical", "passed"},
		{"none", "passed"},
	} {
		t.Run(tc.failOn, func(t *testing.T) {
			rep := htmlTestReport(t, tc.failOn)
			out := renderHTML(t, rep)
			verdicts := findNodes(parseHTML(t, out), func(n *html.Node) bool { v, _ := nodeAttr(n, "id"); return v == "verdict" })
			if len(verdicts) != 1 || nodeText(verdicts[0]) != tc.verdict {
				t.Fatalf("verdict: want %q", tc.verdict)
			}
			// Atlantis reads "fail" anywhere in a report as a failed run.
			if tc.verdict == "passed" && bytes.Contains(bytes.ToLower(out), []byte("fail")) {
				i := bytes.Index(bytes.ToLower(out), []byte("fail"))
				t.Errorf("a passing report contains %q", out[max(0, i-60):min(len(out), i+60)])
			}
		})
	}
}

func TestHTMLEscapesHostileInput(t *testing.T) {
	rep := htmlTestReport(t, "high")
	hostile := `aws_s3_bucket.x["<script>alert(1)</script>"]`
	f := rep.Findings[0]
	clone := *f.Finding
	clone.Address = hostile
	clone.Module = `module.a["\"><img src=x onerror=alert(2)>"]`
	clone.Message = i18n.Plain(`</td></tr></table><script>alert(3)</script>`)
	clone.Sensitivity = &inventory.Sensitivity{Level: clone.Sensitivity.Level, Evidence: texts(`isTag data_sensitivity=<b onmouseover=alert(4)>`)}
	rep.Findings = append(rep.Findings, &Finding{Finding: &clone, Fingerprint: Fingerprint(&clone), Status: StatusNew})
	rep.Inventory.Resources = append(rep.Inventory.Resources, &inventory.Resource{Address: hostile, Module: clone.Module,
		Type: "aws_s3_bucket", Mode: "managed", Actions: []string{"create"}, Location: inventory.Location{Status: inventory.StatusUnknown},
		Sensitivity: inventory.Sensitivity{Level: `<i>sensitive</i>`}})
	out := renderHTML(t, rep)
	for _, bad := range []string{"<script>alert", "<img", "<b onmouseover", "<i>sensitive"} {
		if bytes.Contains(out, []byte(bad)) {
			t.Errorf("the output holds %q unescaped", bad)
		}
	}
	doc := parseHTML(t, out)
	if n := len(findNodes(doc, isTag("script"))); n != 1 {
		t.Errorf("%d <script> elements, want only the page's own", n)
	}
	if n := len(findNodes(doc, isTag("img"))); n != 0 {
		t.Errorf("%d <img> elements, want 0", n)
	}
	cells := findNodes(doc, func(n *html.Node) bool {
		return n.Data == "td" && nodeHasClass(n, "addr") && strings.HasPrefix(nodeText(n), hostile)
	})
	if len(cells) != 2 { // the finding and the inventory
		t.Errorf("the address shows %d times as text, want 2", len(cells))
	}
}

func TestHTMLChartBars(t *testing.T) {
	str := func(s string) *string { return &s }
	yes, no := true, false
	res := func(addr, status, country, level string, eu *bool, actions ...string) *inventory.Resource {
		if len(actions) == 0 {
			actions = []string{"create"}
		}
		l := inventory.Location{Status: status, EU: eu}
		if country != "" {
			l.Country = str(country)
		}
		return &inventory.Resource{Address: addr, Mode: "managed", Actions: actions, Location: l, Sensitivity: inventory.Sensitivity{Level: level}}
	}
	inv := &inventory.Inventory{Resources: []*inventory.Resource{
		res("a.fr1", inventory.StatusKnown, "FR", "sensitive", &yes),
		res("a.fr2", inventory.StatusKnown, "FR", "internal", &yes),
		res("a.fr3", inventory.StatusKnown, "FR", "restricted", &yes),
		res("a.us", inventory.StatusKnown, "US", "sensitive", &no),
		res("a.de", inventory.StatusKnown, "DE", "internal", &yes),
		res("a.placeless", inventory.StatusKnown, "", "internal", nil),
		res("a.unknown", inventory.StatusUnknown, "", "sensitive", nil),
		res("a.global", inventory.StatusGlobal, "", "internal", nil),
		res("a.eu", inventory.StatusMultiRegion, "", "internal", nil),
		res("a.random", inventory.StatusNotApplicable, "", "internal", nil),
		res("a.gone", inventory.StatusKnown, "CN", "internal", &no, "delete"),
		{Address: "data.a.b", Mode: "data", Location: inventory.Location{Status: inventory.StatusKnown, Country: str("JP")}},
	}}
	c := newHTMLChart(i18n.English, inv, []string{"public", "internal", "sensitive", "restricted"})
	type bar struct {
		Key, Note string
		Levels    []string
		Total     int
	}
	var got []bar
	for _, b := range c.Bars {
		g := bar{Key: b.Key, Note: b.Note, Total: b.Total}
		prevEnd := c.BarX
		for _, s := range b.Segments {
			g.Levels = append(g.Levels, fmt.Sprintf("%s=%d", s.Level, s.Count))
			if s.X != prevEnd {
				t.Errorf("bar %s: segment %s starts at %d, after %d", b.Key, s.Level, s.X, prevEnd)
			}
			prevEnd = s.X + s.W
		}
		got = append(got, g)
	}
	want := []bar{
		{"FR", "EU", []string{"internal=1", "sensitive=1", "restricted=1"}, 3},
		{"DE", "EU", []string{"internal=1"}, 1},
		{"US", "non-EU", []string{"sensitive=1"}, 1},
		{"multi-region", "", []string{"internal=1"}, 1},
		{"global", "", []string{"internal=1"}, 1},
		{"unknown", "", []string{"internal=1", "sensitive=1"}, 2},
		{"no location", "", []string{"internal=1"}, 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bars (-want +got):\n%s", diff)
	}
	if c.Bars[0].Segments[2].X+c.Bars[0].Segments[2].W != c.BarX+c.BarW {
		t.Error("the longest bar does not span the plot")
	}
	var legend []string
	for _, l := range c.Legend {
		legend = append(legend, l.Level)
	}
	if diff := cmp.Diff([]string{"internal", "sensitive", "restricted"}, legend); diff != "" {
		t.Errorf("legend (levels used, least sensitive first; -want +got):\n%s", diff)
	}
}

// chromiumBinary is the browser the page is checked in: TRUSTCLOUD_CHROMIUM,
// else Debian's /usr/bin/chromium. Without one the test is skipped with the
// command that installs it, except under CI (CI set), where it fails: CI
// must never lose the browser check silently (.ci/run installs Chromium).
func chromiumBinary(t *testing.T) string {
	t.Helper()
	path, missing := findChromium(os.Getenv, fileExists)
	switch {
	case missing == "":
		return path
	case os.Getenv("TRUSTCLOUD_CHROMIUM") != "" || os.Getenv("CI") != "":
		t.Fatal(missing)
	default:
		t.Skip(missing)
	}
	return ""
}

// debianChromium is where Debian's chromium package installs the browser.
const debianChromium = "/usr/bin/chromium"

// findChromium is the browser to use, or why there is none and how to get
// one.
func findChromium(getenv func(string) string, exists func(string) bool) (path, missing string) {
	if p := getenv("TRUSTCLOUD_CHROMIUM"); p != "" {
		if !exists(p) {
			return "", "TRUSTCLOUD_CHROMIUM=" + p + ": no such file"
		}
		return p, ""
	}
	if !exists(debianChromium) {
		return "", "the HTML report's browser check needs Chromium, and " + debianChromium + " is not there: " +
			"run `make chromium` (Debian's chromium through apt-get; needs root or sudo), or set TRUSTCLOUD_CHROMIUM to a Chromium binary"
	}
	return debianChromium, ""
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// TestFindChromium: a missing browser names the command that installs it.
func TestFindChromium(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	only := func(files ...string) func(string) bool {
		return func(p string) bool { return slices.Contains(files, p) }
	}
	for _, tc := range []struct {
		name        string
		getenv      func(string) string
		exists      func(string) bool
		path, about string
	}{
		{"debian", env(), only(debianChromium), debianChromium, ""},
		{"set", env("TRUSTCLOUD_CHROMIUM", "/opt/chrome/chrome"), only("/opt/chrome/chrome"), "/opt/chrome/chrome", ""},
		{"set but missing", env("TRUSTCLOUD_CHROMIUM", "/opt/chrome/chrome"), only(debianChromium), "", "TRUSTCLOUD_CHROMIUM=/opt/chrome/chrome: no such file"},
		{"none", env(), only(), "", "run `make chromium`"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, missing := findChromium(tc.getenv, tc.exists)
			if path != tc.path || (tc.about == "") != (missing == "") || !strings.Contains(missing, tc.about) {
				t.Errorf("findChromium = %q, %q; want %q and a message with %q", path, missing, tc.path, tc.about)
			}
		})
	}
}

// lockedBuffer collects the browser's output, which chromedp writes from
// another goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// headlessChromium are the options every browser check starts Chromium
// with: headless, offline, no first-run work, a window of w×h pixels.
// chromedp adds --user-data-dir=<a temporary directory> that it removes
// afterwards, and "about:blank" as the first page.
func headlessChromium(bin string, w, h int) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(w, h),
	}
}

// TestHTMLInChromium opens the written report in headless Chromium over
// the DevTools protocol: the page renders, the chart is drawn, the filter
// and the evidence rows work, nothing is fetched from the network and no
// script error or console error occurs. It leaves a screenshot in
// testdata/out/report.png at the root of the repository.
func TestHTMLInChromium(t *testing.T) {
	bin := chromiumBinary(t)
	rep := htmlTestReport(t, "high")
	outDir := filepath.Join("..", "..", "testdata", "out")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	page, err := filepath.Abs(filepath.Join(outDir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, renderHTML(t, rep), 0o644); err != nil {
		t.Fatal(err)
	}
	pageURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(page)}).String()

	var browserOut lockedBuffer
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		append(headlessChromium(bin, 1280, 900),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("remote-debugging-port", "0"),
			// The port is read from the "DevTools listening on ws://…"
			// line of the browser's output; the protocol goes over that
			// websocket.
			remote.WebSocket,
			chromedp.CombinedOutput(&browserOut),
		)...,
	)
	defer cancelAlloc()

	var mu sync.Mutex
	var problems, fetched []string
	note := func(list *[]string, format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		*list = append(*list, fmt.Sprintf(format, args...))
	}
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithListener(func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			desc := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				desc += " " + d.Exception.Description
			}
			note(&problems, "exception at %s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, desc)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				note(&problems, "console.%s: %s", ev.Type, strings.Join(args, " "))
			}
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				note(&problems, "log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			if u := ev.Request.URL; !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "data:") && u != "about:blank" {
				note(&fetched, "%s", u)
			}
		}
	}))
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()

	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate(pageURL)); err != nil {
		t.Fatalf("open %s in %s: %v\nbrowser output:\n%s", pageURL, bin, err, browserOut.String())
	}
	t.Logf("%s opened %s in %v", bin, pageURL, time.Since(start).Round(time.Millisecond))

	eval := func(js string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return n
	}
	evalString := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return s
	}
	const visibleRows = `Array.from(document.querySelectorAll("#findings tr.finding")).filter(function (r) { return r.checkVisibility(); })`

	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	if want := "trustcloud: testdata/scenarios/ministry/plan.json — blocked"; title != want {
		t.Errorf("document.title = %q, want %q", title, want)
	}
	totals := strings.Join(strings.Fields(evalString(`document.getElementById("totals").innerText`)), " ")
	if want := fmt.Sprintf("%d resources analysed", rep.Summary.Analysed); !strings.Contains(strings.ToLower(totals), want) {
		t.Errorf("totals as rendered: %q, want %q in it", totals, want)
	}
	if n := eval(`document.querySelectorAll("svg rect").length`); n == 0 {
		t.Error("the chart has no <rect>")
	}
	if w := eval(`Math.round(document.querySelector("svg.chart").getBoundingClientRect().width)`); w < 300 {
		t.Errorf("the chart is %dpx wide", w)
	}

	var unwaived, unwaivedTC002 int
	for _, f := range rep.Findings {
		if !f.Waived {
			unwaived++
			if f.Rule == "TC002" {
				unwaivedTC002++
			}
		}
	}
	if n := eval(visibleRows + `.length`); n != unwaived {
		t.Errorf("%d finding rows shown at first, want the %d not waived", n, unwaived)
	}
	if n := eval(`document.querySelectorAll("#findings tr.detail").length - document.querySelectorAll("#findings tr.detail[hidden]").length`); n != 0 {
		t.Errorf("%d evidence rows open at first, want 0", n)
	}

	// Open the evidence of the first finding shown, then take the screenshot.
	id := evalString(visibleRows + `[0].id`)
	var index int
	if _, err := fmt.Sscanf(id, "f%d", &index); err != nil || index < 1 || index > len(rep.Findings) {
		t.Fatalf("first row shown: id %q", id)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#"+id+" button.toggle"))); err != nil {
		t.Fatal(err)
	}
	shownFinding := rep.Findings[index-1]
	detail := evalString(`(function () { var d = document.getElementById("` + id + `-detail"); return d.checkVisibility() ? d.innerText : ""; })()`)
	for _, ev := range append(slices.Clone(shownFinding.Location.Evidence), shownFinding.Sensitivity.Evidence...) {
		if !strings.Contains(detail, ev.String()) {
			t.Errorf("the expanded row shows %q, want the evidence %q in it", detail, ev)
		}
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(outDir, "report.png")
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", shot, len(png))

	// Type a rule id: only its findings stay, the waived one only when asked.
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#filter"), "TC002")); err != nil {
		t.Fatal(err)
	}
	rules := evalString(visibleRows + `.map(function (r) { return r.getAttribute("data-rule"); }).join(",")`)
	if want := strings.TrimSuffix(strings.Repeat("TC002,", unwaivedTC002), ","); rules != want {
		t.Errorf("rows shown after typing TC002: %q, want %q", rules, want)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#show-waived"))); err != nil {
		t.Fatal(err)
	}
	if got := evalString(visibleRows + `.map(function (r) { return r.getAttribute("data-status"); }).join(",")`); !strings.Contains(got, "waived") {
		t.Errorf("statuses shown with show waived: %q, want the waived finding", got)
	}
	if got := evalString(`document.getElementById("shown").textContent`); got == "" {
		t.Error("no count of the rows shown")
	}
	// A filter that matches nothing says so.
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#filter"), " no-such-thing")); err != nil {
		t.Fatal(err)
	}
	if n := eval(visibleRows + `.length`); n != 0 {
		t.Errorf("%d rows shown for a filter that matches nothing", n)
	}
	if n := eval(`document.getElementById("no-match").checkVisibility() ? 1 : 0`); n != 1 {
		t.Error("no message when no finding matches")
	}
	// The severity select, with the filter cleared and waived findings shown.
	for _, sev := range []string{"high", "medium"} {
		// Set the controls as a user's edit does: the value, then the event.
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(function () {
			var filter = document.getElementById("filter");
			filter.value = "";
			filter.dispatchEvent(new Event("input"));
			var severity = document.getElementById("severity");
			severity.value = "`+sev+`";
			severity.dispatchEvent(new Event("change"));
		})()`)); err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, f := range rep.Findings {
			if string(f.Severity) == sev {
				want++
			}
		}
		got := evalString(visibleRows + `.map(function (r) { return r.getAttribute("data-severity"); }).join(",")`)
		if wantRows := strings.TrimSuffix(strings.Repeat(sev+",", want), ","); got != wantRows {
			t.Errorf("severity %s: rows of severity %q shown, want %q", sev, got, wantRows)
		}
	}

	// The inventory opens on a click and lists every resource.
	const inventoryRows = `Array.from(document.querySelectorAll("#inventory tbody tr")).filter(function (r) { return r.checkVisibility(); }).length`
	if n := eval(inventoryRows); n != 0 {
		t.Errorf("%d inventory rows shown before the inventory is opened", n)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#inventory > summary"))); err != nil {
		t.Fatal(err)
	}
	if n := eval(inventoryRows); n != len(rep.Inventory.Resources) {
		t.Errorf("%d inventory rows shown, want %d", n, len(rep.Inventory.Resources))
	}
	png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outDir, "report-inventory.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}

	// Let late events arrive, then look at what the page did.
	if err := chromedp.Do(ctx, chromedp.Sleep(200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("browser: %s", p)
	}
	for _, u := range fetched {
		t.Errorf("the page fetched %s: it must work offline", u)
	}
	if t.Failed() {
		t.Logf("browser output:\n%s", browserOut.String())
	}
}
