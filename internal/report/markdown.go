package report

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/rules"
)

func init() {
	register(Format{Name: "markdown", Ext: ".md", Write: writeMarkdown})
}

// A merge-request comment, for GitLab, GitHub or Atlantis. Constraints:
//   - the first line is the verdict, in plain words;
//   - Atlantis takes any output holding the word "fail" for a failed run,
//     so trustcloud's own words never use it (text from the plan or the
//     policy, such as a waiver reason, is shown as written);
//   - comments have size limits (GitHub: 65,536 characters), so the whole
//     comment stays under markdownLimit bytes, dropping table rows from the
//     end and saying how many.

// markdownLimit is the size the comment stays under, in bytes (so in
// characters too).
const markdownLimit = 60000

// markdownCellLimit caps the text of one table cell, in runes.
const markdownCellLimit = 1000

func writeMarkdown(w io.Writer, r *Report) error {
	s := r.Summary
	lang := r.lang()
	head := markdownHead(r)

	var open, waived []*Finding
	for _, f := range r.Findings {
		if f.Waived {
			waived = append(waived, f)
		} else {
			open = append(open, f)
		}
	}
	// The most pressing first: new before existing, then by severity.
	sort.SliceStable(open, func(i, j int) bool {
		a, b := open[i], open[j]
		if (a.Status == StatusExisting) != (b.Status == StatusExisting) {
			return b.Status == StatusExisting
		}
		return a.Severity.Rank() > b.Severity.Rank()
	})
	openRows := make([]string, len(open))
	for i, f := range open {
		sev := "**" + r.severity(f.Severity) + "**"
		if f.Status == StatusExisting {
			sev = r.t("md.existing", r.severity(f.Severity))
		}
		openRows[i] = fmt.Sprintf("| %s | %s | %s | %s | %s |\n", sev, mdText(f.Rule+" "+r.ruleTitle(f)), mdCode(f.Address), mdCode(markdownWhere(r, f)), mdText(withInferred(lang, f, ciFindingText(lang, f))))
	}
	waivedRows := make([]string, len(waived))
	for i, f := range waived {
		waivedRows[i] = fmt.Sprintf("| %s | %s | %s | %s | %s | %s |\n", r.severity(f.Severity), mdText(f.Rule+" "+r.ruleTitle(f)), mdCode(f.Address), mdCode(markdownWhere(r, f)), mdText(ciWaiverText(lang, f)), mdText(withInferred(lang, f, r.message(f))))
	}
	openSection := func(n int) string {
		if len(open) == 0 {
			return r.t("md.no_finding") + "\n\n"
		}
		summary := r.t("md.open_summary", r.n("n.finding", len(open)), r.Summary.New, r.Summary.Existing)
		return markdownDetails(lang, summary, r.t("md.open_header")+"\n|---|---|---|---|---|\n", openRows, n, "md.more_findings")
	}
	waivedSection := func(n int) string {
		if len(waived) == 0 {
			return ""
		}
		return markdownDetails(lang, r.n("n.waived_finding", len(waived)), r.t("md.waived_header")+"\n|---|---|---|---|---|---|\n", waivedRows, n, "md.more_waived")
	}
	foot := r.t("md.coverage", i18n.P("n.resource_analysed", s.Analysed), s.UnknownLocation, s.UnknownOperator, i18n.P("md.n_waived", s.Waived)) + "\n"
	render := func(nOpen, nWaived int) string { return head + openSection(nOpen) + waivedSection(nWaived) + foot }
	_, err := io.WriteString(w, fitMarkdown(render, openRows, waivedRows))
	return err
}

// markdownHead is the comment up to the tables of findings: the verdict,
// what was checked against what, the policy's relaxations, a stale
// catalog, the counts, how the configuration was evaluated, and the
// tables of resources by level and by place.
func markdownHead(r *Report) string {
	s := r.Summary
	lang := r.lang()
	var head strings.Builder
	head.WriteString(markdownVerdict(r) + "\n\n")
	head.WriteString(r.t("md.plan", mdCode(r.ciPath(r.Plan.File)), mdCode(mdPolicyName(r))))
	if d := catalogDate(lang, r.catalogRef()); d != "" {
		head.WriteString(r.t("md.catalog", mdText(d)))
	}
	if r.Tool.Version != "" {
		fmt.Fprintf(&head, ", trustcloud %s", mdText(r.Tool.Version))
	}
	head.WriteString(".\n\n")
	if title := relaxationsTitle(lang, r.Policy); title != "" {
		fmt.Fprintf(&head, "**%s**\n\n", mdText(title))
		for _, x := range r.Policy.Relaxations {
			at := ""
			if x.At != "" {
				at = " (" + mdCode(r.ciPath(x.At)) + ")"
			}
			fmt.Fprintf(&head, "- %s%s\n", mdText(x.In(lang)), at)
		}
		head.WriteString("\n")
	}
	if d := disabledText(lang, r.DisabledRules); d != "" {
		fmt.Fprintf(&head, "**%s**\n\n", mdText(d))
	}
	if len(r.InlineWaivers) > 0 {
		fmt.Fprintf(&head, "**%s**\n\n", mdText(r.t("report.inline_waivers")))
		for _, iw := range r.InlineWaivers {
			fmt.Fprintf(&head, "- %s\n", mdText(inlineLine(lang, iw)))
		}
		head.WriteString("\n")
	}
	if stale := staleText(lang, r.Freshness); stale != "" {
		// Once, under the line naming the catalog: the verdict may be wrong.
		fmt.Fprintf(&head, "> %s\n\n", r.t("md.stale", mdText(sentence(stale))))
	}
	if s.Findings == 0 {
		fmt.Fprintf(&head, "%s\n\n", r.t("md.no_finding_waived", s.Waived))
	} else {
		fmt.Fprintf(&head, "%s\n\n", r.t("md.counts",
			mdCapitalize(r.n("n.finding", s.Findings)), mdSeverityCounts(r), s.New, s.Existing, s.Waived))
	}
	if ev := evaluationText(lang, r.evaluation()); ev != "" {
		fmt.Fprintf(&head, "%s\n\n", mdText(mdCapitalize(sentence(ev))))
	}

	// The policy file (TC013) is no resource: the tables count resources.
	checked := slices.DeleteFunc(checkedResources(r), func(c *checkedResource) bool {
		return c.Resource == nil && len(c.Findings) > 0 && c.Findings[0].Type == rules.PolicyType
	})
	markdownLevels(&head, r, checked)
	markdownPlaces(&head, r, checked)
	return head.String()
}

// fitMarkdown renders the comment with every row of the tables of open
// and waived findings, or, when that reaches markdownLimit, with as many
// as fit, open findings first, the rest dropped from the end (render
// says how many were left out).
func fitMarkdown(render func(nOpen, nWaived int) string, openRows, waivedRows []string) string {
	nOpen, nWaived := len(openRows), len(waivedRows)
	out := render(nOpen, nWaived)
	if len(out) < markdownLimit {
		return out
	}
	// Lay out the fixed parts with every row left out (the longest
	// "… and N more" lines), then fill the room left, findings first.
	nOpen, nWaived = 0, 0
	room := markdownLimit - 1 - len(render(0, 0))
	for nOpen < len(openRows) && len(openRows[nOpen]) <= room {
		room -= len(openRows[nOpen])
		nOpen++
	}
	for nOpen == len(openRows) && nWaived < len(waivedRows) && len(waivedRows[nWaived]) <= room {
		room -= len(waivedRows[nWaived])
		nWaived++
	}
	// Table headers come back with the first row, and the "N more"
	// lines get shorter: drop rows from the end until it fits.
	for out = render(nOpen, nWaived); len(out) >= markdownLimit && nOpen+nWaived > 0; out = render(nOpen, nWaived) {
		if nWaived > 0 {
			nWaived--
		} else {
			nOpen--
		}
	}
	return out
}

// markdownCounts counts resources by compliance state.
type markdownCounts struct{ all, ok, findings, waived int }

// markdownLevels writes the table of resources by sensitivity level and
// compliance state.
func markdownLevels(b *strings.Builder, r *Report, checked []*checkedResource) {
	b.WriteString("### " + r.t("md.levels_title") + "\n\n")
	b.WriteString(r.t("md.levels_header") + "\n|---|--:|--:|--:|--:|\n")
	var total markdownCounts
	byLevel := map[string]*markdownCounts{}
	for _, c := range checked {
		lv := c.level()
		if byLevel[lv] == nil {
			byLevel[lv] = &markdownCounts{}
		}
		n := byLevel[lv]
		n.all++
		total.all++
		switch c.state() {
		case stateFindings:
			n.findings++
			total.findings++
		case stateWaived:
			n.waived++
			total.waived++
		default:
			n.ok++
			total.ok++
		}
	}
	for _, lv := range mdLevelOrder(r, byLevel) {
		n := byLevel[lv]
		fmt.Fprintf(b, "| %s | %d | %d | %d | %d |\n", mdText(r.level(lv)), n.all, n.ok, n.findings, n.waived)
	}
	fmt.Fprintf(b, "| **%s** | %d | %d | %d | %d |\n\n", r.t("md.total"), total.all, total.ok, total.findings, total.waived)
}

// markdownPlaces writes the table of resources by country and operator.
func markdownPlaces(b *strings.Builder, r *Report, checked []*checkedResource) {
	lang := r.lang()
	b.WriteString("### " + r.t("md.places_title") + "\n\n")
	b.WriteString(r.t("md.places_header") + "\n|---|---|--:|--:|\n")
	type placeKey struct {
		rank            int
		place, operator string
	}
	byPlace := map[placeKey]*markdownCounts{}
	for _, c := range checked {
		rank, place := c.place(lang)
		k := placeKey{rank, place, c.operator(lang)}
		if byPlace[k] == nil {
			byPlace[k] = &markdownCounts{}
		}
		byPlace[k].all++
		if c.state() == stateFindings {
			byPlace[k].findings++
		}
	}
	keys := make([]placeKey, 0, len(byPlace))
	for k := range byPlace {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		x, y := keys[i], keys[j]
		if x.rank != y.rank {
			return x.rank < y.rank
		}
		if x.place != y.place {
			return x.place < y.place
		}
		return x.operator < y.operator
	})
	for _, k := range keys {
		fmt.Fprintf(b, "| %s | %s | %d | %d |\n", mdText(k.place), mdText(k.operator), byPlace[k].all, byPlace[k].findings)
	}
	b.WriteString("\n")
}

// markdownVerdict is the comment's first line.
func markdownVerdict(r *Report) string {
	s := r.Summary
	if s.FailOn == "none" {
		return r.t("md.verdict_none", i18n.P("n.new_finding", s.New))
	}
	if n := blockingFindings(r); s.Failed || n > 0 {
		return r.t("md.verdict_blocked", i18n.P("n.new_finding", n), r.threshold())
	}
	return r.t("md.verdict_ok", r.threshold())
}

// blockingFindings counts the new, unwaived findings at or above the
// threshold: those that make the run exit 1.
func blockingFindings(r *Report) int {
	if r.Summary.FailOn == "none" {
		return 0
	}
	threshold := policy.Severity(r.Summary.FailOn).Rank()
	n := 0
	for _, f := range r.Findings {
		if !f.Waived && f.Status != StatusExisting && f.Severity.Rank() >= threshold {
			n++
		}
	}
	return n
}

// markdownDetails is a collapsible table showing the first n rows; moreKey
// counts the rows left out.
func markdownDetails(lang i18n.Lang, summary, header string, rows []string, n int, moreKey string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<details>\n<summary>%s</summary>\n\n", mdHTMLText(summary))
	if n > 0 {
		b.WriteString(header)
		for _, row := range rows[:n] {
			b.WriteString(row)
		}
		b.WriteString("\n")
	}
	if more := len(rows) - n; more > 0 {
		fmt.Fprintf(&b, "%s\n\n", i18n.N(lang, moreKey, more))
	}
	b.WriteString("</details>\n\n")
	return b.String()
}

// withInferred adds to a finding's text why its location is only
// inferred, unless the text already says it (TC003 does).
func withInferred(lang i18n.Lang, f *Finding, text string) string {
	if f.Location.Unverified.IsZero() || strings.Contains(text, f.Location.Unverified.In(lang)) {
		return text
	}
	return text + " (" + inferred(lang, *f.Location) + ")"
}

// markdownWhere is the file:line a finding points at.
func markdownWhere(r *Report, f *Finding) string {
	file, line := r.location(f)
	return fmt.Sprintf("%s:%d", r.ciPath(file), line)
}

func mdPolicyName(r *Report) string {
	if r.Policy == nil {
		return "default"
	}
	return policyName(r.lang(), r.Policy, r.ciPath)
}

// mdSeverityCounts lists the non-zero severities, strongest first, as
// " (1 critical, 2 high)".
func mdSeverityCounts(r *Report) string {
	s := r.Summary
	var parts []string
	for i := len(policy.Severities) - 1; i >= 0; i-- {
		if n := s.BySeverity[string(policy.Severities[i])]; n > 0 {
			parts = append(parts, r.t("report.count", n, r.severity(policy.Severities[i])))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// mdLevelOrder sorts levels as the policy's profile orders them (least
// sensitive first), then the others by name.
func mdLevelOrder[T any](r *Report, levels map[string]T) []string {
	var order []string
	if r.Policy != nil {
		if p, err := policy.Profile(r.Policy.Profile); err == nil {
			for _, l := range p.Levels {
				order = append(order, l.Name)
			}
		}
	}
	out := make([]string, 0, len(levels))
	for lv := range levels {
		out = append(out, lv)
	}
	rank := func(lv string) int {
		if i := slices.Index(order, lv); i >= 0 {
			return i
		}
		return len(order)
	}
	sort.Slice(out, func(i, j int) bool {
		if ri, rj := rank(out[i]), rank(out[j]); ri != rj {
			return ri < rj
		}
		return out[i] < out[j]
	})
	return out
}

// Compliance states of a checked resource.
const (
	stateCompliant = iota
	stateFindings
	stateWaived
)

// state is stateFindings when a finding is not waived (new or existing),
// stateWaived when every finding is waived.
func (c *checkedResource) state() int {
	st := stateCompliant
	for _, f := range c.Findings {
		if !f.Waived {
			return stateFindings
		}
		st = stateWaived
	}
	return st
}

func (c *checkedResource) level() string {
	switch {
	case c.Resource != nil:
		return c.Resource.Sensitivity.Level
	case len(c.Findings) > 0:
		return c.Findings[0].Sensitivity.Level
	}
	return ""
}

func (c *checkedResource) location() (inventory.Location, *string) {
	switch {
	case c.Resource != nil:
		return c.Resource.Location, c.Resource.Operator
	case len(c.Findings) > 0:
		return *c.Findings[0].Location, c.Findings[0].Operator
	}
	return inventory.Location{Status: inventory.StatusUnknown}, nil
}

// place is where a resource is, for the country table, with a rank that
// puts countries first.
func (c *checkedResource) place(lang i18n.Lang) (int, string) {
	l, _ := c.location()
	switch l.Status {
	case inventory.StatusKnown:
		if l.Country != nil {
			return 0, *l.Country
		}
		return 3, i18n.T(lang, "md.place.region_not_in_catalog", l.Region)
	case inventory.StatusMultiRegion:
		if len(l.Countries) > 0 {
			return 1, i18n.T(lang, "md.place.multi_region", strings.Join(l.Countries, ", "), l.Region)
		}
		return 3, i18n.T(lang, "md.place.multi_region_not_in_catalog", l.Region)
	case inventory.StatusGlobal:
		return 2, i18n.T(lang, "md.place.global")
	case inventory.StatusNotApplicable:
		return 4, i18n.T(lang, "md.place.none")
	}
	return 3, i18n.T(lang, "md.place.unknown")
}

func (c *checkedResource) operator(lang i18n.Lang) string {
	l, op := c.location()
	switch {
	case op != nil:
		return *op
	case l.Status == inventory.StatusNotApplicable:
		return i18n.T(lang, "md.operator.none")
	}
	return i18n.T(lang, "where.no_operator")
}

// mdText escapes text for a table cell: markdown punctuation, HTML, pipes
// and line breaks; long text is cut.
func mdText(s string) string {
	s = mdTruncate(s, markdownCellLimit)
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\r':
		case '\n':
			b.WriteString("<br>")
		case '_':
			// Inside a word (data_sensitivity) it cannot start emphasis.
			if i > 0 && i < len(rs)-1 && isWordRune(rs[i-1]) && isWordRune(rs[i+1]) {
				b.WriteRune(r)
				break
			}
			b.WriteString(`\_`)
		case '\\', '*', '`', '[', ']', '|', '~', '#':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdHTMLText escapes text inside an HTML element, where markdown is not read.
func mdHTMLText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// mdCode is a code span for a table cell; inside one only pipes and line
// breaks need care.
func mdCode(s string) string {
	s = mdTruncate(s, markdownCellLimit)
	s = strings.NewReplacer("\r", "", "\n", " ", "|", `\|`).Replace(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

func mdTruncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

func mdCapitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
