package report

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/rules"
)

// The html format is one self-contained page for architects: the verdict,
// the totals, a chart of where the resources are by sensitivity level, a
// filterable findings table and the inventory. Styles and the small
// script are inline and nothing is loaded from elsewhere, so the file works
// offline and as a CI artifact. The chart is SVG drawn here, so it needs no
// script. Output is deterministic: it shows no time but the report's own.
//
// The page never writes the word "fail" when the check passed: Atlantis
// and similar tools read it in a report as a failed run.

func init() {
	register(Format{Name: "html", Ext: ".html", Write: writeHTML})
}

func writeHTML(w io.Writer, r *Report) error {
	return htmlPage.Execute(w, newHTMLView(r))
}

// htmlView is what the template reads.
type htmlView struct {
	// Lang is the page's language; T translates into it.
	Lang      i18n.Lang
	Title     string
	Generator string
	Tool      Tool
	Plan      inventory.PlanRef
	// PlanName is the plan file, or "standard input".
	PlanName string
	Catalog  inventory.CatalogRef
	Policy   string
	// RelaxationsTitle and Relaxations list what the policy relaxes
	// relative to its profile.
	RelaxationsTitle string
	Relaxations      []string
	// Verdict is "passed" or "blocked" (a CSS class); VerdictWord says it
	// in the page's language.
	Verdict     string
	VerdictWord string
	// Why explains the verdict in one sentence.
	Why        string
	Threshold  string
	Summary    Summary
	Severities []htmlSeverityCount
	Chart      htmlChart
	Findings   []htmlFinding
	// Shown is the count of the findings shown, with {n} where the script
	// puts the number; ShownAll is its text before the script runs.
	Shown, ShownAll string
	Inventory       []htmlResource
	// InventoryCount is the inventory's summary line.
	InventoryCount string
	// HasInventory is false when the report carries no inventory.
	HasInventory bool
	// Evaluation says how the configuration was evaluated ("" when the
	// report does not say); EvaluationInferred is true when values read
	// through references are only inferred.
	Evaluation         string
	EvaluationInferred bool
	// CatalogDate is the catalog's date and the ANSSI edition it
	// reflects; Stale says the catalog is too old, "" when it is not (a
	// banner under the header).
	CatalogDate, Stale string
}

// T translates a message into the page's language.
func (v *htmlView) T(key string, args ...any) string { return i18n.T(v.Lang, key, args...) }

// EU says whether a location is in the EU: yes, no or unknown.
func (v *htmlView) EU(b *bool) string {
	switch {
	case b == nil:
		return v.T("html.eu.unknown")
	case *b:
		return v.T("html.eu.yes")
	}
	return v.T("html.eu.no")
}

// Level is a sensitivity level's name in the page's language.
func (v *htmlView) Level(name string) string { return rules.LevelName(name).In(v.Lang) }

// Inferred says why a location is only inferred, "" when it is not.
func (v *htmlView) Inferred(l inventory.Location) string { return inferred(v.Lang, l) }

type htmlSeverityCount struct {
	Name  string
	Label string
	Count int
	// Text is the count and the label: "3 high".
	Text string
}

type htmlFinding struct {
	*Finding
	ID string
	// Status hides Finding.Status: new, existing, or waived, which wins.
	Status      string
	StatusLabel string
	// Name, Message and Remediation hide the finding's: they are in the
	// page's language.
	Name, Message, Remediation string
	SeverityLabel              string
	LocationStatus             string
	Where                      string
	Search                     string
	Place                      string
	ModuleOf                   string
	Replicas                   []inventory.Location
}

type htmlResource struct {
	*inventory.Resource
	ModuleOf string
	Operator string
	Place    string
	Findings int
}

// htmlSeverities lists the severities, strongest first.
func htmlSeverities() []policy.Severity {
	out := slices.Clone(policy.Severities)
	slices.Reverse(out)
	return out
}

func newHTMLView(r *Report) *htmlView {
	s := r.Summary
	lang := r.lang()
	v := &htmlView{
		Lang:      lang,
		Threshold: r.threshold(),
		Generator: strings.TrimSpace(r.Tool.Name + " " + r.Tool.Version),
		Tool:      r.Tool,
		Plan:      r.Plan,
		Catalog:   r.Catalog,
		Summary:   s,
	}
	if r.Policy != nil {
		v.Policy = policyName(lang, r.Policy, func(s string) string { return s })
		if title := relaxationsTitle(lang, r.Policy); title != "" {
			v.RelaxationsTitle = title
			for _, x := range r.Policy.Relaxations {
				v.Relaxations = append(v.Relaxations, x.In(lang))
			}
		}
	}
	blocking := 0
	for _, f := range r.Findings {
		if !f.Waived && f.Status != StatusExisting && s.FailOn != "none" && f.Severity.Rank() >= policy.Severity(s.FailOn).Rank() {
			blocking++
		}
	}
	switch {
	case s.Failed:
		v.Verdict = "blocked"
		v.Why = i18n.N(lang, "html.why_blocked", blocking, v.Threshold)
	case s.FailOn == "none":
		v.Verdict = "passed"
		v.Why = r.t("html.why_none")
	default:
		v.Verdict = "passed"
		v.Why = r.t("html.why_passed", v.Threshold)
	}
	v.VerdictWord = r.t("html.verdict." + v.Verdict)
	if ev := r.evaluation(); ev != nil {
		v.Evaluation = evaluationText(lang, ev)
		v.EvaluationInferred = ev.Mode != inventory.EvaluatedFromSources
	}
	v.CatalogDate = catalogDate(lang, r.catalogRef())
	if stale := staleText(lang, r.Freshness); stale != "" {
		v.Stale = sentence(stale)
	}
	v.PlanName = r.Plan.File
	if v.PlanName == "" {
		v.PlanName = r.t("html.stdin")
	}
	v.Title = r.t("html.title", v.PlanName, v.VerdictWord)
	for _, sev := range htmlSeverities() {
		n := s.BySeverity[string(sev)]
		v.Severities = append(v.Severities, htmlSeverityCount{Name: string(sev), Label: r.severity(sev), Count: n, Text: r.t("report.count", n, r.severity(sev))})
	}
	v.Shown = r.t("html.shown", "{n}", i18n.P("n.finding", len(r.Findings)))
	v.ShownAll = r.n("n.finding", len(r.Findings))

	for i, f := range r.Findings {
		hf := htmlFinding{Finding: f, ID: "f" + strconv.Itoa(i+1), Status: f.Status, ModuleOf: htmlModule(lang, f.Module),
			Name: r.ruleTitle(f), Message: r.message(f), Remediation: r.remediation(f), SeverityLabel: r.severity(f.Severity),
			LocationStatus: i18n.Or("html.location_status."+f.Location.Status, f.Location.Status).In(lang)}
		if f.Waived {
			hf.Status = "waived"
		}
		if hf.Status == "" {
			hf.Status = StatusNew
		}
		hf.StatusLabel = r.t("html.status." + hf.Status)
		file, line := r.location(f)
		hf.Where = file
		if f.Source != nil {
			hf.Where = fmt.Sprintf("%s:%d", file, line)
		}
		hf.Place = htmlPlace(lang, f.Location)
		if res := f.Resource(); res != nil {
			hf.Replicas = res.DataLocations
		}
		op := ""
		if f.Operator != nil {
			op = *f.Operator
		}
		country := ""
		if f.Location.Country != nil {
			country = *f.Location.Country
		}
		words := []string{f.Rule, f.Name, string(f.Severity), f.Address, f.Module, f.Type, op,
			f.Location.Region, country, f.Sensitivity.Level, hf.Status, hf.Message, hf.Where}
		if lang != i18n.English {
			// The filter finds a finding by the words the page shows too.
			words = append(words, hf.Name, hf.SeverityLabel, r.level(f.Sensitivity.Level), hf.StatusLabel)
		}
		hf.Search = strings.ToLower(strings.Join(words, " "))
		v.Findings = append(v.Findings, hf)
	}

	if r.Inventory != nil {
		v.HasInventory = true
		perAddress := map[string]int{}
		for _, f := range r.Findings {
			if !f.Waived {
				perAddress[f.Address]++
			}
		}
		for _, res := range r.Inventory.Resources {
			hr := htmlResource{Resource: res, ModuleOf: htmlModule(lang, res.Module), Place: htmlPlace(lang, res.Location), Findings: perAddress[res.Address]}
			if res.Operator != nil {
				hr.Operator = *res.Operator
			}
			v.Inventory = append(v.Inventory, hr)
		}
		v.Chart = newHTMLChart(lang, r.Inventory, htmlLevelOrder(r))
		v.InventoryCount = r.t("html.inventory_count", i18n.P("n.resource", len(v.Inventory)))
	}
	return v
}

func htmlModule(lang i18n.Lang, m string) string {
	if m == "" {
		return i18n.T(lang, "html.root")
	}
	return m
}

// htmlPlace says where a location is in a few words: "eu-west-3, FR".
func htmlPlace(lang i18n.Lang, l inventory.Location) string {
	switch l.Status {
	case inventory.StatusKnown:
		region := l.Region
		if l.Zone != "" {
			region += " (" + l.Zone + ")"
		}
		if l.Country == nil {
			return region + ", " + i18n.T(lang, "where.country_unknown")
		}
		return region + ", " + *l.Country
	case inventory.StatusMultiRegion:
		return i18n.T(lang, "html.place.multi_region", l.Region, strings.Join(l.Countries, ", "))
	case inventory.StatusGlobal:
		return i18n.T(lang, "html.place.global")
	case inventory.StatusNotApplicable:
		return i18n.T(lang, "html.place.none")
	}
	return i18n.T(lang, "html.place.unknown")
}

// htmlLevelOrder lists the levels from the least to the most sensitive: the
// built-in profile's order, then the levels it does not know, by name.
func htmlLevelOrder(r *Report) []string {
	var order []string
	if r.Policy != nil && r.Policy.Profile != "" {
		if p, err := policy.Profile(r.Policy.Profile); err == nil {
			for _, l := range p.Levels {
				order = append(order, l.Name)
			}
		}
	}
	var extra []string
	if r.Inventory != nil {
		for _, res := range r.Inventory.Resources {
			if l := res.Sensitivity.Level; !slices.Contains(order, l) && !slices.Contains(extra, l) {
				extra = append(extra, l)
			}
		}
	}
	sort.Strings(extra)
	return append(order, extra...)
}

// Chart geometry, in SVG user units.
const (
	chartWidth   = 960
	chartLabelW  = 132
	chartCountW  = 48
	chartLegendH = 34
	chartRowH    = 30
	chartBarH    = 20
	chartAxisH   = 26
)

// chartLevelRamp runs from light (least sensitive) to dark (most sensitive).
var chartLevelRamp = []string{"#cbd5e1", "#93c5fd", "#60a5fa", "#2563eb", "#1d4ed8", "#172554"}

// Bars that are not a country, in the order they follow the countries.
const (
	barMultiRegion = "multi-region"
	barGlobal      = "global"
	barUnknown     = "unknown"
	barNone        = "no location"
)

type htmlChart struct {
	Width, Height int
	BarX, BarW    int
	BarH          int
	LabelX        int
	GridTop       int
	AxisY, TickY  int
	Bars          []chartBar
	Legend        []chartLegendItem
	Ticks         []chartTick
	Desc          string
	Total         int
	// Caption is the chart's title.
	Caption string
}

type chartBar struct {
	Key      string // a country code, or one of the bar* names
	Label    string // Key in the page's language
	Note     string // EU, non-EU or empty
	Y        int
	TextY    int
	Total    int
	TotalX   int
	Title    string
	Segments []chartSegment
}

type chartSegment struct {
	Level     string
	Count     int
	X, W      int
	Y         int
	TextX     int
	TextY     int
	Color     string
	Ink       string // on-light or on-dark: the class of the count
	ShowCount bool
	Title     string
}

type chartLegendItem struct {
	Level string
	Name  string // Level in the page's language
	Color string
	X     int
	TextX int
}

type chartTick struct {
	X     int
	Label int
}

// newHTMLChart counts the analysed resources (managed, not only deleted) by
// country and level: one bar per country, then multi-region, global,
// unknown (including regions the catalog cannot place) and no location.
func newHTMLChart(lang i18n.Lang, inv *inventory.Inventory, levels []string) htmlChart {
	type bar struct {
		key     string
		eu, non int
		counts  map[string]int
		total   int
	}
	bars := map[string]*bar{}
	for _, r := range inv.Resources {
		if !r.Managed() || r.DeleteOnly() {
			continue
		}
		key := barUnknown
		switch r.Location.Status {
		case inventory.StatusKnown:
			if r.Location.Country != nil {
				key = *r.Location.Country
			}
		case inventory.StatusMultiRegion:
			key = barMultiRegion
		case inventory.StatusGlobal:
			key = barGlobal
		case inventory.StatusNotApplicable:
			key = barNone
		}
		b := bars[key]
		if b == nil {
			b = &bar{key: key, counts: map[string]int{}}
			bars[key] = b
		}
		b.counts[r.Sensitivity.Level]++
		b.total++
		if r.Location.EU != nil && *r.Location.EU {
			b.eu++
		} else {
			b.non++
		}
	}
	special := []string{barMultiRegion, barGlobal, barUnknown, barNone}
	var ordered []*bar
	for _, b := range bars {
		if !slices.Contains(special, b.key) {
			ordered = append(ordered, b)
		}
	}
	sort.Slice(ordered, func(i, j int) bool {
		if ordered[i].total != ordered[j].total {
			return ordered[i].total > ordered[j].total
		}
		return ordered[i].key < ordered[j].key
	})
	for _, k := range special {
		if b := bars[k]; b != nil {
			ordered = append(ordered, b)
		}
	}

	c := htmlChart{Width: chartWidth, BarX: chartLabelW, BarW: chartWidth - chartLabelW - chartCountW, BarH: chartBarH,
		LabelX: chartLabelW - 10, GridTop: chartLegendH - 6}
	maxTotal := 0
	for _, b := range ordered {
		c.Total += b.total
		maxTotal = max(maxTotal, b.total)
	}
	colors := map[string]string{}
	used := map[string]bool{}
	for _, b := range ordered {
		for l := range b.counts {
			used[l] = true
		}
	}
	x := 0
	for i, l := range levels {
		idx := 0
		if len(levels) > 1 {
			idx = int(math.Round(float64(i) * float64(len(chartLevelRamp)-1) / float64(len(levels)-1)))
		}
		colors[l] = chartLevelRamp[min(idx, len(chartLevelRamp)-1)]
		if !used[l] {
			continue
		}
		name := rules.LevelName(l).In(lang)
		c.Legend = append(c.Legend, chartLegendItem{Level: l, Name: name, Color: colors[l], X: x, TextX: x + 18})
		x += 18 + 7*len([]rune(name)) + 22
	}
	step := htmlTickStep(maxTotal)
	for y, b := range ordered {
		cb := chartBar{Key: b.key, Label: barLabel(lang, b.key), Total: b.total, Y: chartLegendH + y*chartRowH}
		cb.TextY = cb.Y + chartBarH/2 + 5
		if !slices.Contains(special, b.key) {
			switch {
			case b.non == 0:
				cb.Note = i18n.T(lang, "html.bar_note.eu")
			case b.eu == 0:
				cb.Note = i18n.T(lang, "html.bar_note.non_eu")
			}
		}
		var parts []string
		cum := 0
		for _, l := range levels {
			n := b.counts[l]
			if n == 0 {
				continue
			}
			x0 := htmlScale(cum, maxTotal, c.BarW)
			cum += n
			x1 := htmlScale(cum, maxTotal, c.BarW)
			name := rules.LevelName(l).In(lang)
			seg := chartSegment{Level: l, Count: n, X: c.BarX + x0, W: x1 - x0, Y: cb.Y, TextY: cb.TextY, Color: colors[l], Ink: "on-light",
				Title: i18n.T(lang, "html.chart.segment", cb.Label, name, i18n.P("n.resource", n))}
			seg.TextX = seg.X + seg.W/2
			seg.ShowCount = seg.W >= 22
			if slices.Index(chartLevelRamp, seg.Color) >= 3 {
				seg.Ink = "on-dark"
			}
			cb.Segments = append(cb.Segments, seg)
			parts = append(parts, i18n.T(lang, "report.count", n, name))
		}
		cb.TotalX = c.BarX + htmlScale(cum, maxTotal, c.BarW) + 8
		cb.Title = i18n.T(lang, "html.chart.bar", cb.Label, i18n.P("n.resource", b.total), strings.Join(parts, ", "))
		c.Bars = append(c.Bars, cb)
	}
	c.AxisY = chartLegendH + len(ordered)*chartRowH
	c.TickY = c.AxisY + 16
	c.Height = c.AxisY + chartAxisH
	if step > 0 {
		for t := 0; t <= maxTotal; t += step {
			c.Ticks = append(c.Ticks, chartTick{X: c.BarX + htmlScale(t, maxTotal, c.BarW), Label: t})
		}
	}
	var desc []string
	for _, b := range c.Bars {
		desc = append(desc, b.Title)
	}
	c.Desc = strings.Join(desc, "; ")
	c.Caption = i18n.T(lang, "html.chart.title", i18n.P("n.resource", c.Total))
	return c
}

// barLabel is the label of a bar: a country code, or the name of a bar
// that is not a country in the page's language.
func barLabel(lang i18n.Lang, key string) string {
	switch key {
	case barMultiRegion:
		return i18n.T(lang, "html.bar.multi_region")
	case barGlobal:
		return i18n.T(lang, "html.bar.global")
	case barUnknown:
		return i18n.T(lang, "html.bar.unknown")
	case barNone:
		return i18n.T(lang, "html.bar.none")
	}
	return key
}

// htmlScale maps n of total onto width units.
func htmlScale(n, total, width int) int {
	if total == 0 {
		return 0
	}
	return int(math.Round(float64(n) * float64(width) / float64(total)))
}

// htmlTickStep picks a round step (1, 2, 5, 10, 20 …) that gives at most six
// ticks up to max.
func htmlTickStep(max int) int {
	if max <= 0 {
		return 0
	}
	for base := 1; ; base *= 10 {
		for _, m := range []int{1, 2, 5} {
			if step := base * m; max/step <= 6 {
				return step
			}
		}
	}
}

var htmlFuncs = template.FuncMap{
	"split": strings.Split,
	"join":  strings.Join,
	"deref": func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	},
}

var htmlPage = template.Must(template.Must(template.New("html").Funcs(htmlFuncs).Parse(htmlTemplate)).Parse(htmlAddress))

// htmlAddress writes a resource address with a line-break opportunity
// after each dot, so that long module paths wrap between their steps, and
// a file path with one after each slash.
const htmlAddress = `{{define "address"}}{{range $i, $step := split . "."}}{{if $i}}.<wbr>{{end}}{{$step}}{{end}}{{end}}` +
	`{{define "path"}}{{range $i, $step := split . "/"}}{{if $i}}/<wbr>{{end}}{{$step}}{{end}}{{end}}`

const htmlTemplate = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{{.Generator}}">
<title>{{.Title}}</title>
<style>
:root {
  --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --bg: #f8fafc; --card: #ffffff;
  --ok: #15803d; --ok-bg: #dcfce7; --stop: #b91c1c; --stop-bg: #fee2e2;
  --critical: #7f1d1d; --high: #dc2626; --medium: #d97706; --low: #0284c7; --info: #64748b;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 12.5px; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 28px 48px; }
header.top { display: flex; gap: 24px; align-items: flex-start; justify-content: space-between; flex-wrap: wrap;
  padding-bottom: 20px; border-bottom: 1px solid var(--line); }
h1 { font-size: 22px; margin: 0 0 6px; letter-spacing: -0.01em; }
h1 .brand { color: var(--muted); font-weight: 500; }
h2 { font-size: 16px; margin: 32px 0 12px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; color: var(--muted); font-size: 13px; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; color: var(--ink); }
dl.meta dd.inferred, dl.meta dd.stale { color: var(--medium); }
.banner.stale { margin: 16px 0 0; padding: 10px 14px; border: 1px solid #fcd34d; border-radius: 10px; background: #fffbeb; }
.banner.stale strong { color: #92400e; }
.verdict { min-width: 280px; max-width: 420px; border-radius: 10px; padding: 14px 18px; border: 1px solid; }
.verdict.passed { background: var(--ok-bg); border-color: #86efac; }
.verdict.blocked { background: var(--stop-bg); border-color: #fca5a5; }
.verdict .word { font-size: 24px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em; }
.verdict.passed .word { color: var(--ok); }
.verdict.blocked .word { color: var(--stop); }
.verdict p { margin: 4px 0 0; font-size: 13px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(128px, 1fr)); gap: 12px; margin-top: 20px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.card .n { font-size: 26px; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }
.card .label { color: var(--muted); font-size: 12.5px; }
.card.wide { grid-column: span 2; }
.card.warn .n { color: var(--medium); }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.sev { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; }
.sev.critical { background: var(--critical); } .sev.high { background: var(--high); } .sev.medium { background: var(--medium); }
.sev.low { background: var(--low); } .sev.info { background: var(--info); }
.sev.zero { background: #f1f5f9; color: var(--muted); }
section.panel { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; }
svg.chart { width: 100%; max-width: 960px; height: auto; display: block; }
.caption { color: var(--muted); font-size: 12.5px; margin: 8px 0 0; }
svg.chart text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; fill: var(--ink); }
svg.chart .note { fill: var(--muted); font-size: 11px; }
svg.chart .axis text { fill: var(--muted); font-size: 11px; }
svg.chart .grid { stroke: var(--line); }
svg.chart text.on-light { fill: var(--ink); font-weight: 600; }
svg.chart text.on-dark { fill: #ffffff; font-weight: 600; }
.controls { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: center; margin-bottom: 12px; }
.controls input[type=search] { flex: 1 1 320px; max-width: 460px; padding: 7px 10px; border: 1px solid #cbd5e1; border-radius: 8px; font: inherit; }
.controls select { padding: 6px 8px; border: 1px solid #cbd5e1; border-radius: 8px; font: inherit; background: #fff; }
.controls label { display: inline-flex; gap: 6px; align-items: center; color: var(--ink); }
.controls .count { color: var(--muted); margin-left: auto; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em;
  padding: 8px 10px; border-bottom: 2px solid var(--line); white-space: nowrap; background: var(--card); }
td { padding: 9px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
tr.finding:hover td { background: #f8fafc; }
tr.finding.waived td { color: var(--muted); }
tr.detail td { background: #f8fafc; padding: 12px 16px 16px 44px; }
td.addr { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 12.5px; overflow-wrap: anywhere; min-width: 220px; }
td .sub { display: block; color: var(--muted); font-size: 12px; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; }
td.msg { min-width: 300px; }
td .sub.inferred { white-space: normal; min-width: 200px; color: var(--medium); }
td .where { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 11.5px; }
td.msg .todo { display: block; color: var(--muted); margin-top: 4px; font-size: 12.5px; }
.nowrap { white-space: nowrap; }
.status { display: inline-block; border-radius: 6px; padding: 0 7px; font-size: 12px; border: 1px solid var(--line); white-space: nowrap; }
.status.new { border-color: #fca5a5; color: var(--stop); background: #fff5f5; }
.status.existing { color: var(--muted); }
.status.waived { color: #6d28d9; border-color: #ddd6fe; background: #f5f3ff; }
.level { display: inline-block; border-radius: 6px; padding: 0 7px; font-size: 12px; background: #eff6ff; color: #1e40af; white-space: nowrap; }
button.toggle { border: 1px solid #cbd5e1; background: #fff; border-radius: 6px; width: 24px; height: 24px; padding: 0; cursor: pointer; color: var(--muted); font-size: 12px; line-height: 1; }
button.toggle[aria-expanded=true] { background: #e2e8f0; color: var(--ink); }
.evidence { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px 28px; }
.evidence h3 { font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); margin: 0 0 4px; }
.evidence h3.next { margin-top: 12px; }
.evidence p.todo { margin: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.evidence ol { margin: 4px 0 0; padding-left: 20px; }
.evidence dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 10px; margin: 0; }
.evidence dt { color: var(--muted); }
.evidence dd { margin: 0; }
.empty { color: var(--muted); padding: 16px 10px; }
details.inventory > summary { cursor: pointer; font-size: 16px; font-weight: 600; margin: 32px 0 12px; }
details.inventory > summary span { color: var(--muted); font-weight: 400; font-size: 14px; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
@media print {
  body { background: #fff; }
  .controls, button.toggle { display: none; }
  tr.detail[hidden] { display: table-row; }
}
</style>
</head>
<body>
<main>
<header class="top">
  <div>
    <h1><span class="brand">trustcloud</span> {{.T "html.heading"}}</h1>
    <dl class="meta">
      <dt>{{.T "html.plan"}}</dt><dd class="mono">{{with .Plan.File}}{{.}}{{else}}({{$.T "html.stdin"}}){{end}}{{with .Plan.TerraformVersion}} <span class="sub">· Terraform {{.}}</span>{{end}}</dd>
      {{with .Evaluation}}<dt>{{$.T "html.evaluation"}}</dt><dd id="evaluation"{{if $.EvaluationInferred}} class="inferred"{{end}}>{{.}}</dd>{{end}}
      <dt>{{.T "html.policy"}}</dt><dd id="policy">{{.Policy}}{{with .RelaxationsTitle}}<div class="relaxations">{{.}}<ul>{{range $.Relaxations}}<li>{{.}}</li>{{end}}</ul></div>{{end}}</dd>
      <dt>{{.T "html.catalog"}}</dt><dd id="catalog"{{if .Stale}} class="stale"{{end}}>{{.T "html.as_of" .CatalogDate}}{{with .Catalog.Version}} · version {{.}}{{end}}</dd>
      <dt>{{.T "html.tool"}}</dt><dd>{{.Tool.Name}} {{.Tool.Version}}</dd>
      <dt>{{.T "html.threshold"}}</dt><dd>{{.Threshold}}</dd>
    </dl>
  </div>
  <div class="verdict {{.Verdict}}" role="status">
    <div class="word" id="verdict">{{.VerdictWord}}</div>
    <p>{{.Why}}</p>
  </div>
</header>
{{with .Stale}}<p class="banner stale" id="catalog-stale"><strong>{{$.T "html.stale"}}</strong> {{.}}</p>{{end}}

<section aria-label="{{.T "html.totals"}}" class="cards" id="totals">
  <div class="card"><div class="n">{{.Summary.Analysed}}</div><div class="label">{{.T "html.card.analysed"}} <span class="sub">{{.T "html.card.of_plan" .Summary.Resources}}</span></div></div>
  <div class="card wide"><div class="n">{{.Summary.Findings}}</div><div class="label">{{.T "html.card.findings"}}</div>
    <div class="chips">{{range .Severities}}<span class="sev {{.Name}}{{if not .Count}} zero{{end}}">{{.Text}}</span>{{end}}</div></div>
  <div class="card"><div class="n">{{.Summary.New}}</div><div class="label">{{.T "html.card.new"}}</div></div>
  <div class="card"><div class="n">{{.Summary.Existing}}</div><div class="label">{{.T "html.card.existing"}}</div></div>
  <div class="card"><div class="n">{{.Summary.Waived}}</div><div class="label">{{.T "html.card.waived"}}</div></div>
  <div class="card{{if .Summary.UnknownLocation}} warn{{end}}"><div class="n">{{.Summary.UnknownLocation}}</div><div class="label">{{.T "html.card.unknown_location"}}</div></div>
  <div class="card{{if .Summary.UnknownOperator}} warn{{end}}"><div class="n">{{.Summary.UnknownOperator}}</div><div class="label">{{.T "html.card.unknown_operator"}}</div></div>
</section>
{{if .HasInventory}}
<h2 id="where">{{.T "html.where_title"}}</h2>
<section class="panel">
{{with .Chart}}{{if .Bars}}
<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{.Width}} {{.Height}}" width="{{.Width}}" height="{{.Height}}" role="img" aria-labelledby="chart-title chart-desc">
  <title id="chart-title">{{.Caption}}</title>
  <desc id="chart-desc">{{.Desc}}</desc>
  <g class="legend">{{range .Legend}}
    <g class="legend-item" data-level="{{.Level}}"><title>{{$.T "html.chart.legend" .Name}}</title><rect x="{{.X}}" y="6" width="12" height="12" rx="2" fill="{{.Color}}"></rect><text x="{{.TextX}}" y="16">{{.Name}}</text></g>{{end}}
  </g>
  <g class="axis">{{range .Ticks}}
    <line class="grid" x1="{{.X}}" x2="{{.X}}" y1="{{$.Chart.GridTop}}" y2="{{$.Chart.AxisY}}"></line>
    <text x="{{.X}}" y="{{$.Chart.TickY}}" text-anchor="middle">{{.Label}}</text>{{end}}
  </g>
  <g class="bars">{{range .Bars}}
    <g class="bar" data-country="{{.Key}}">
      <title>{{.Title}}</title>
      <text x="{{$.Chart.LabelX}}" y="{{.TextY}}" text-anchor="end"><tspan font-weight="600">{{.Label}}</tspan>{{with .Note}}<tspan class="note" dx="6">{{.}}</tspan>{{end}}</text>{{range .Segments}}
      <rect x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{$.Chart.BarH}}" fill="{{.Color}}" data-level="{{.Level}}"><title>{{.Title}}</title></rect>{{if .ShowCount}}
      <text x="{{.TextX}}" y="{{.TextY}}" text-anchor="middle" class="{{.Ink}}">{{.Count}}</text>{{end}}{{end}}
      <text x="{{.TotalX}}" y="{{.TextY}}" class="note">{{.Total}}</text>
    </g>{{end}}
  </g>
</svg>
<p class="caption">{{$.T "html.chart.caption"}}</p>
{{else}}<p class="empty">{{$.T "html.chart.empty"}}</p>{{end}}{{end}}
</section>
{{end}}
<h2 id="findings-title">{{.T "html.findings"}}</h2>
<section class="panel" aria-labelledby="findings-title">
  <div class="controls">
    <input type="search" id="filter" placeholder="{{.T "html.filter.placeholder"}}" aria-label="{{.T "html.filter.label"}}" autocomplete="off">
    <select id="severity" aria-label="{{.T "html.col.severity"}}">
      <option value="">{{.T "html.filter.all_severities"}}</option>{{range .Severities}}
      <option value="{{.Name}}">{{.Label}}</option>{{end}}
    </select>
    <label><input type="checkbox" id="show-waived"> {{.T "html.filter.show_waived"}}</label>
    <span class="count" id="shown" aria-live="polite" data-text="{{.Shown}}">{{.ShownAll}}</span>
  </div>
  <div class="table-wrap">
  <table id="findings">
    <thead><tr><th><span class="visually-hidden">{{.T "html.col.evidence"}}</span></th><th>{{.T "html.col.severity"}}</th><th>{{.T "html.col.rule"}}</th><th>{{.T "html.col.resource"}}</th><th>{{.T "html.col.location"}}</th><th>{{.T "html.col.level"}}</th><th>{{.T "html.col.status"}}</th><th>{{.T "html.col.message"}}</th></tr></thead>
    <tbody>{{range .Findings}}
    <tr class="finding {{.Status}}" id="{{.ID}}" data-severity="{{.Severity}}" data-status="{{.Status}}" data-rule="{{.Rule}}" data-search="{{.Search}}">
      <td><button type="button" class="toggle" aria-expanded="false" aria-controls="{{.ID}}-detail" title="{{$.T "html.col.evidence"}}">▸</button></td>
      <td><span class="sev {{.Severity}}">{{.SeverityLabel}}</span></td>
      <td class="nowrap"><strong>{{.Rule}}</strong><span class="sub">{{.Name}}</span></td>
      <td class="addr">{{template "address" .Address}}<span class="sub">module {{.ModuleOf}}</span><span class="sub where">{{template "path" .Where}}</span></td>
      <td class="nowrap">{{.Place}}{{with .Operator}}<span class="sub">{{.}}</span>{{end}}</td>
      <td><span class="level">{{$.Level .Sensitivity.Level}}</span></td>
      <td><span class="status {{.Status}}">{{.StatusLabel}}</span></td>
      <td class="msg">{{.Message}}{{if and .Waived .Waiver}}<span class="todo">{{$.T "html.waiver_until" .Waiver.ID .Waiver.Expires}}</span>{{else}}<span class="todo">{{$.T "html.what_to_do_colon" .Remediation}}</span>{{end}}</td>
    </tr>
    <tr class="detail" id="{{.ID}}-detail" data-for="{{.ID}}">
      <td colspan="8"><div class="evidence">
        <div><h3>{{$.T "html.col.location"}}</h3>
          <dl><dt>{{$.T "html.dt.status"}}</dt><dd>{{.LocationStatus}}</dd>{{with .Location.Region}}<dt>{{$.T "html.dt.region"}}</dt><dd class="mono">{{.}}</dd>{{end}}{{with .Location.Zone}}<dt>{{$.T "html.dt.zone"}}</dt><dd class="mono">{{.}}</dd>{{end}}{{with .Location.Country}}<dt>{{$.T "html.dt.country"}}</dt><dd>{{deref .}}</dd>{{end}}{{with .Location.Countries}}<dt>{{$.T "html.dt.countries"}}</dt><dd>{{join . ", "}}</dd>{{end}}<dt>{{$.T "html.dt.in_eu"}}</dt><dd>{{$.EU .Location.EU}}</dd>{{with .Operator}}<dt>{{$.T "html.dt.operator"}}</dt><dd>{{deref .}}</dd>{{end}}{{with .Location.Reason}}<dt>{{$.T "html.dt.reason"}}</dt><dd>{{.}}</dd>{{end}}{{with .Location.Unverified}}<dt>{{$.T "html.dt.inferred"}}</dt><dd>{{.}}</dd>{{end}}</dl>
          {{with .Location.Evidence}}<ol class="mono">{{range .}}<li>{{.}}</li>{{end}}</ol>{{end}}
          {{range .Replicas}}<p>{{$.T "html.replica"}}{{with .Attribute}} (<code>{{.}}</code>{{end}}{{with .Flow}}, {{.}}{{end}}{{with .Attribute}}){{end}}{{$.T "html.colon"}} {{if .Region}}{{.Region}}{{else}}{{.Status}}{{end}}{{with .Country}}, {{deref .}}{{end}}</p>{{with .Evidence}}<ol class="mono">{{range .}}<li>{{.}}</li>{{end}}</ol>{{end}}{{with $.Inferred .}}<p>{{.}}</p>{{end}}{{end}}
        </div>
        <div><h3>{{$.T "html.sensitivity"}}</h3>
          <dl><dt>{{$.T "html.dt.level"}}</dt><dd>{{$.Level .Sensitivity.Level}}</dd><dt>{{$.T "html.dt.type"}}</dt><dd class="mono">{{.Type}}</dd><dt>{{$.T "html.dt.fingerprint"}}</dt><dd class="mono">{{.Fingerprint}}</dd></dl>
          {{with .Sensitivity.Evidence}}<ol class="mono">{{range .}}<li>{{.}}</li>{{end}}</ol>{{end}}
        </div>
        <div>{{with .Waiver}}<h3>{{$.T "html.waiver"}}{{if .Expired}}{{$.T "html.waiver_expired"}}{{end}}</h3>
          <dl><dt>{{$.T "html.dt.id"}}</dt><dd>{{.ID}}</dd><dt>{{$.T "html.dt.expires"}}</dt><dd>{{.Expires}}</dd><dt>{{$.T "html.dt.approved_by"}}</dt><dd>{{.ApprovedBy}}</dd><dt>{{$.T "html.dt.reason"}}</dt><dd>{{.Reason}}</dd></dl>{{end}}
          <h3{{if .Waiver}} class="next"{{end}}>{{$.T "html.what_to_do"}}</h3>
          <p class="todo">{{.Remediation}}</p>
        </div>
      </div></td>
    </tr>{{else}}
    <tr><td colspan="8" class="empty">{{.T "html.no_finding"}}</td></tr>{{end}}
    <tr id="no-match" hidden><td colspan="8" class="empty">{{.T "html.no_match"}}</td></tr>
    </tbody>
  </table>
  </div>
</section>
{{if .HasInventory}}
<details class="inventory" id="inventory">
  <summary>{{.T "html.inventory"}} <span>{{.InventoryCount}}</span></summary>
  <section class="panel">
  <div class="table-wrap">
  <table>
    <thead><tr><th>{{.T "html.col.resource"}}</th><th>{{.T "html.col.type"}}</th><th>{{.T "html.col.operator"}}</th><th>{{.T "html.col.location"}}</th><th>{{.T "html.col.level"}}</th><th>{{.T "html.col.actions"}}</th><th>{{.T "html.findings"}}</th></tr></thead>
    <tbody>{{range .Inventory}}
    <tr>
      <td class="addr">{{template "address" .Address}}<span class="sub">module {{.ModuleOf}}{{if ne .Mode "managed"}} · {{.Mode}}{{end}}</span></td>
      <td class="mono">{{.Type}}</td>
      <td>{{with .Operator}}{{.}}{{else}}<span class="sub">{{$.T "html.operator_none"}}</span>{{end}}</td>
      <td class="nowrap">{{.Place}}{{with $.Inferred .Location}}<span class="sub inferred">{{.}}</span>{{end}}</td>
      <td><span class="level">{{$.Level .Sensitivity.Level}}</span></td>
      <td class="mono">{{join .Actions ", "}}</td>
      <td>{{if .Findings}}{{.Findings}}{{else}}<span class="sub">–</span>{{end}}</td>
    </tr>{{end}}
    </tbody>
  </table>
  </div>
  </section>
</details>
{{end}}
<footer>{{.T "html.footer" .Generator .PlanName}}</footer>
</main>
<script>
(function () {
  "use strict";
  var filter = document.getElementById("filter");
  var severity = document.getElementById("severity");
  var waived = document.getElementById("show-waived");
  var shown = document.getElementById("shown");
  var noMatch = document.getElementById("no-match");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#findings tr.finding"));

  function detailOf(row) {
    return document.getElementById(row.id + "-detail");
  }
  function expanded(row) {
    return row.querySelector("button.toggle").getAttribute("aria-expanded") === "true";
  }
  function apply() {
    var terms = filter.value.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
    var sev = severity.value;
    var count = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-search");
      var ok = terms.every(function (t) { return text.indexOf(t) >= 0; }) &&
        (sev === "" || row.getAttribute("data-severity") === sev) &&
        (waived.checked || row.getAttribute("data-status") !== "waived");
      row.hidden = !ok;
      detailOf(row).hidden = !ok || !expanded(row);
      if (ok) { count++; }
    });
    shown.textContent = shown.getAttribute("data-text").replace("{n}", count);
    noMatch.hidden = count > 0 || rows.length === 0;
  }
  rows.forEach(function (row) {
    var button = row.querySelector("button.toggle");
    button.addEventListener("click", function () {
      var open = !expanded(row);
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = open ? "▾" : "▸";
      detailOf(row).hidden = !open;
    });
  });
  filter.addEventListener("input", apply);
  severity.addEventListener("change", apply);
  waived.addEventListener("change", apply);
  apply();
}());
</script>
</body>
</html>
`
