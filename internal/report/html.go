package report

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/rules"
)

// The html format is one self-contained page for architects: the verdict,
// the totals, a chart of where the resources are by sensitivity level, a
// filterable findings table and the inventory. The template, the style
// sheet and the small script are files under assets/, embedded in the
// binary; the page carries the style sheet and the script inline and loads
// nothing from elsewhere, so the file works offline and as a CI artifact. The chart is SVG drawn here, so it needs no
// script. Output is deterministic: it shows no time but the report's own.
//
// The page never writes the word "fail" when the check passed: Atlantis
// and similar tools read it in a report as a failed run.

func init() {
	register(Format{Name: "html", Ext: ".html", Write: writeHTML})
}

// htmlAssets are the page's template, style sheet and script.
//
//go:embed assets
var htmlAssets embed.FS

func writeHTML(w io.Writer, r *Report) error {
	return htmlPage().Execute(w, newHTMLView(r))
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
	// Disabled lists the rules the policy disables ("" none); InlineTitle
	// and Inline list the inline waivers.
	Disabled    string
	InlineTitle string
	Inline      []string
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

// L renders a message (evidence, a reason) in the report's language; ""
// for none.
func (v *htmlView) L(m i18n.Msg) string {
	if m.IsZero() {
		return ""
	}
	return m.In(v.Lang)
}

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
	v.Disabled = disabledText(lang, r.DisabledRules)
	if len(r.InlineWaivers) > 0 {
		v.InlineTitle = r.t("report.inline_waivers")
		for _, iw := range r.InlineWaivers {
			v.Inline = append(v.Inline, inlineLine(lang, iw))
		}
	}
	v.Verdict, v.Why = htmlVerdict(r, v.Threshold)
	v.VerdictWord = r.t("html.verdict." + v.Verdict)
	if ev := r.evaluation(); ev != nil {
		v.Evaluation = evaluationText(lang, ev)
		v.EvaluationInferred = ev.Mode != inventory.EvaluatedFromSources && ev.Mode != inventory.EvaluatedFromState
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
		v.Findings = append(v.Findings, newHTMLFinding(r, i, f))
	}
	if r.Inventory != nil {
		v.HasInventory = true
		v.Inventory = htmlInventory(r)
		v.Chart = newHTMLChart(lang, r.Inventory, htmlLevelOrder(r))
		v.InventoryCount = r.t("html.inventory_count", i18n.P("n.resource", len(v.Inventory)))
	}
	return v
}

// htmlVerdict decides the page's verdict, "blocked" or "passed", and the
// sentence that explains it: how many findings block the change at the
// threshold, or why nothing can.
func htmlVerdict(r *Report, threshold string) (verdict, why string) {
	s := r.Summary
	blocking := 0
	for _, f := range r.Findings {
		if !f.Waived && f.Status != StatusExisting && s.FailOn != "none" && f.Severity.Rank() >= policy.Severity(s.FailOn).Rank() {
			blocking++
		}
	}
	switch {
	case s.Failed:
		return "blocked", i18n.N(r.lang(), "html.why_blocked", blocking, threshold)
	case s.FailOn == "none":
		return "passed", r.t("html.why_none")
	}
	return "passed", r.t("html.why_passed", threshold)
}

// newHTMLFinding is the i-th finding as a row of the findings table: its
// texts in the page's language, its status (waived wins over new and
// existing), where it is and the words the filter finds it by.
func newHTMLFinding(r *Report, i int, f *Finding) htmlFinding {
	lang := r.lang()
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
	hf.Where = r.ciPath(file)
	if f.Source != nil {
		hf.Where = fmt.Sprintf("%s:%d", r.ciPath(file), line)
	}
	hf.Place = htmlPlace(lang, *f.Location)
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
	return hf
}

// htmlInventory is the inventory table: every resource of the report's
// inventory, with the number of its findings that are not waived.
func htmlInventory(r *Report) []htmlResource {
	lang := r.lang()
	perAddress := map[string]int{}
	for _, f := range r.Findings {
		if !f.Waived {
			perAddress[f.Address]++
		}
	}
	var out []htmlResource
	for _, res := range r.Inventory.Resources {
		hr := htmlResource{Resource: res, ModuleOf: htmlModule(lang, res.Module), Place: htmlPlace(lang, res.Location), Findings: perAddress[res.Address]}
		if res.Operator != nil {
			hr.Operator = *res.Operator
		}
		out = append(out, hr)
	}
	return out
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

// chartTally is what one bar counts: its resources by level, and how many
// are in the EU and how many are not.
type chartTally struct {
	key     string
	eu, non int
	counts  map[string]int
	total   int
}

// chartSpecialBars are the bars that are not a country, in the order they
// follow the countries.
var chartSpecialBars = []string{barMultiRegion, barGlobal, barUnknown, barNone}

// newHTMLChart counts the analysed resources (managed, not only deleted) by
// country and level: one bar per country, then multi-region, global,
// unknown (including regions the catalog cannot place) and no location.
func newHTMLChart(lang i18n.Lang, inv *inventory.Inventory, levels []string) htmlChart {
	ordered := orderChartTallies(tallyChartBars(inv))

	c := htmlChart{Width: chartWidth, BarX: chartLabelW, BarW: chartWidth - chartLabelW - chartCountW, BarH: chartBarH,
		LabelX: chartLabelW - 10, GridTop: chartLegendH - 6}
	maxTotal := 0
	for _, b := range ordered {
		c.Total += b.total
		maxTotal = max(maxTotal, b.total)
	}
	colors := chartLevelColors(levels)
	c.Legend = chartLegend(lang, levels, colors, ordered)
	step := htmlTickStep(maxTotal)
	for y, b := range ordered {
		c.Bars = append(c.Bars, newChartBar(lang, b, y, levels, colors, maxTotal, c.BarX, c.BarW))
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

// chartBarKey decides the bar of a resource: its country when it is
// known, else one of the bars that are not a country (unknown for a
// region the catalog cannot place).
func chartBarKey(r *inventory.Resource) string {
	switch r.Location.Status {
	case inventory.StatusKnown:
		if r.Location.Country != nil {
			return *r.Location.Country
		}
	case inventory.StatusMultiRegion:
		return barMultiRegion
	case inventory.StatusGlobal:
		return barGlobal
	case inventory.StatusNotApplicable:
		return barNone
	}
	return barUnknown
}

// tallyChartBars counts the analysed resources (managed, not only
// deleted) of each bar by level, and in and out of the EU.
func tallyChartBars(inv *inventory.Inventory) map[string]*chartTally {
	bars := map[string]*chartTally{}
	for _, r := range inv.Resources {
		if !r.Managed() || r.DeleteOnly() {
			continue
		}
		key := chartBarKey(r)
		b := bars[key]
		if b == nil {
			b = &chartTally{key: key, counts: map[string]int{}}
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
	return bars
}

// orderChartTallies decides the order of the bars: countries by
// decreasing count (then by code), then the bars that are not a country
// in the order of chartSpecialBars.
func orderChartTallies(bars map[string]*chartTally) []*chartTally {
	var ordered []*chartTally
	for _, b := range bars {
		if !slices.Contains(chartSpecialBars, b.key) {
			ordered = append(ordered, b)
		}
	}
	sort.Slice(ordered, func(i, j int) bool {
		if ordered[i].total != ordered[j].total {
			return ordered[i].total > ordered[j].total
		}
		return ordered[i].key < ordered[j].key
	})
	for _, k := range chartSpecialBars {
		if b := bars[k]; b != nil {
			ordered = append(ordered, b)
		}
	}
	return ordered
}

// chartLevelColors decides the color of each level: the levels, from the
// least to the most sensitive, spread evenly over chartLevelRamp.
func chartLevelColors(levels []string) map[string]string {
	colors := map[string]string{}
	for i, l := range levels {
		idx := 0
		if len(levels) > 1 {
			idx = int(math.Round(float64(i) * float64(len(chartLevelRamp)-1) / float64(len(levels)-1)))
		}
		colors[l] = chartLevelRamp[min(idx, len(chartLevelRamp)-1)]
	}
	return colors
}

// chartLegend lays out the legend in one row: the levels that some bar
// counts, in the order of levels.
func chartLegend(lang i18n.Lang, levels []string, colors map[string]string, bars []*chartTally) []chartLegendItem {
	used := map[string]bool{}
	for _, b := range bars {
		for l := range b.counts {
			used[l] = true
		}
	}
	var legend []chartLegendItem
	x := 0
	for _, l := range levels {
		if !used[l] {
			continue
		}
		name := rules.LevelName(l).In(lang)
		legend = append(legend, chartLegendItem{Level: l, Name: name, Color: colors[l], X: x, TextX: x + 18})
		x += 18 + 7*len([]rune(name)) + 22
	}
	return legend
}

// chartBarNote decides the note of a country's bar: EU when all its
// resources are in the EU, non-EU when none is, else none. Bars that are
// not a country have no note.
func chartBarNote(lang i18n.Lang, b *chartTally) string {
	if slices.Contains(chartSpecialBars, b.key) {
		return ""
	}
	switch {
	case b.non == 0:
		return i18n.T(lang, "html.bar_note.eu")
	case b.eu == 0:
		return i18n.T(lang, "html.bar_note.non_eu")
	}
	return ""
}

// newChartBar lays out the bar of row y: one segment per level it counts,
// in the order of levels, scaled so that maxTotal fills barW units from
// barX; a segment too narrow for its count does not show it.
func newChartBar(lang i18n.Lang, b *chartTally, y int, levels []string, colors map[string]string, maxTotal, barX, barW int) chartBar {
	cb := chartBar{Key: b.key, Label: barLabel(lang, b.key), Total: b.total, Y: chartLegendH + y*chartRowH}
	cb.TextY = cb.Y + chartBarH/2 + 5
	cb.Note = chartBarNote(lang, b)
	var parts []string
	cum := 0
	for _, l := range levels {
		n := b.counts[l]
		if n == 0 {
			continue
		}
		x0 := htmlScale(cum, maxTotal, barW)
		cum += n
		x1 := htmlScale(cum, maxTotal, barW)
		name := rules.LevelName(l).In(lang)
		seg := chartSegment{Level: l, Count: n, X: barX + x0, W: x1 - x0, Y: cb.Y, TextY: cb.TextY, Color: colors[l], Ink: "on-light",
			Title: i18n.T(lang, "html.chart.segment", cb.Label, name, i18n.P("n.resource", n))}
		seg.TextX = seg.X + seg.W/2
		seg.ShowCount = seg.W >= 22
		if slices.Index(chartLevelRamp, seg.Color) >= 3 {
			seg.Ink = "on-dark"
		}
		cb.Segments = append(cb.Segments, seg)
		parts = append(parts, i18n.T(lang, "report.count", n, name))
	}
	cb.TotalX = barX + htmlScale(cum, maxTotal, barW) + 8
	cb.Title = i18n.T(lang, "html.chart.bar", cb.Label, i18n.P("n.resource", b.total), strings.Join(parts, ", "))
	return cb
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

// htmlPage is the page, parsed from the files under assets/: report.html.tmpl
// includes the style sheet (report.css) and the script (report.js) inline,
// and wrap.tmpl defines the "address" and "path" templates. The style
// sheet and the script are templates too, without actions: "{{" may not
// appear in them.
// It is parsed on first use, not at start: most runs write no HTML.
var htmlPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report.html.tmpl").Funcs(htmlFuncs).ParseFS(htmlAssets, "assets/*"))
})
