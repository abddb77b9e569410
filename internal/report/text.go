package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/rules"
)

type palette struct{ on bool }

func (p palette) wrap(code, s string) string {
	if !p.on {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p palette) severity(s policy.Severity, lang i18n.Lang) string {
	label := strings.ToUpper(i18n.Or("severity."+string(s), string(s)).In(lang))
	switch s {
	case policy.SeverityCritical:
		return p.wrap("1;31", label)
	case policy.SeverityHigh:
		return p.wrap("31", label)
	case policy.SeverityMedium:
		return p.wrap("33", label)
	}
	return p.wrap("36", label)
}

func (p palette) dim(s string) string { return p.wrap("2", s) }

// evaluation is the line saying how the configuration was evaluated, in
// yellow when values may be only inferred; "" when nothing says.
func (p palette) evaluation(lang i18n.Lang, ev *inventory.Evaluation) string {
	text := evaluationText(lang, ev)
	if text == "" || ev.Mode == inventory.EvaluatedFromSources {
		return text
	}
	return p.wrap("33", text)
}

// where describes a location in a few words.
func where(lang i18n.Lang, l inventory.Location, operator *string) string {
	op := i18n.T(lang, "where.no_operator")
	if operator != nil {
		op = *operator
	}
	switch l.Status {
	case inventory.StatusKnown:
		c := i18n.T(lang, "where.country_unknown")
		if l.Country != nil {
			c = *l.Country
		}
		if l.Zone != "" {
			return i18n.T(lang, "where.known_zone", op, l.Region, l.Zone, c)
		}
		return i18n.T(lang, "where.known", op, l.Region, c)
	case inventory.StatusMultiRegion:
		return i18n.T(lang, "where.multi_region", op, l.Region, strings.Join(l.Countries, ", "))
	case inventory.StatusGlobal:
		return i18n.T(lang, "where.global", op)
	case inventory.StatusNotApplicable:
		return i18n.T(lang, "where.none")
	}
	return i18n.T(lang, "where.unknown", op)
}

// byModule groups addresses by module, root first.
func byModule[T any](items []T, module func(T) string) ([]string, map[string][]T) {
	groups := map[string][]T{}
	for _, it := range items {
		m := module(it)
		groups[m] = append(groups[m], it)
	}
	mods := make([]string, 0, len(groups))
	for m := range groups {
		mods = append(mods, m)
	}
	sort.Strings(mods)
	return mods, groups
}

// moduleTitle names a module for people: the root module has no address.
func moduleTitle(lang i18n.Lang, m string) string {
	if m == "" {
		return i18n.T(lang, "report.root_module")
	}
	return m
}

// WriteInventoryText writes an inventory grouped by module, with evidence,
// in a language (what the evidence quotes from the plan stays as written).
func WriteInventoryText(w io.Writer, inv *inventory.Inventory, color bool, lang i18n.Lang) {
	p := palette{color}
	mods, groups := byModule(inv.Resources, func(r *inventory.Resource) string { return r.Module })
	for _, m := range mods {
		fmt.Fprintf(w, "%s\n", p.wrap("1", moduleTitle(lang, m)))
		for _, r := range groups[m] {
			fmt.Fprintf(w, "  %s  %s  [%s]  %s\n", r.Address, where(lang, r.Location, r.Operator), rules.LevelName(r.Sensitivity.Level).In(lang), p.dim(strings.Join(r.Actions, ",")))
			for _, ev := range r.Location.Evidence {
				fmt.Fprintf(w, "      %s %s\n", p.dim(i18n.T(lang, "inventory.location")), ev.In(lang))
			}
			if why := r.Location.Unverified; !why.IsZero() {
				fmt.Fprintf(w, "      %s %s\n", p.wrap("33", i18n.T(lang, "inventory.inferred")), why.In(lang))
			}
			for _, rep := range r.DataLocations {
				fmt.Fprintf(w, "      %s %s\n", p.dim(i18n.T(lang, "inventory.replica")), strings.Join(rendered(lang, rep.Evidence), "; "))
				if !rep.Unverified.IsZero() {
					fmt.Fprintf(w, "      %s %s\n", p.wrap("33", i18n.T(lang, "inventory.inferred")), rep.Unverified.In(lang))
				}
			}
			for _, ev := range r.Sensitivity.Evidence {
				fmt.Fprintf(w, "      %s %s\n", p.dim(i18n.T(lang, "inventory.level")), ev.In(lang))
			}
		}
	}
	// The summary, then how the configuration was evaluated, after the
	// blank line that ends the module groups.
	var tail []string
	if s := inv.Summary; s != nil {
		tail = append(tail, i18n.T(lang, "inventory.summary",
			i18n.P("n.resource", s.Resources), s.ByStatus[inventory.StatusKnown], s.ByStatus[inventory.StatusMultiRegion], s.ByStatus[inventory.StatusGlobal], s.ByStatus[inventory.StatusUnknown],
			s.ByStatus[inventory.StatusNotApplicable], s.UnknownOperator))
	}
	if line := p.evaluation(lang, inv.Evaluation); line != "" {
		tail = append(tail, line)
	}
	if len(tail) > 0 {
		fmt.Fprintf(w, "\n%s\n", strings.Join(tail, "\n"))
	}
}

func init() {
	register(Format{Name: "text", Ext: ".txt", Write: writeText})
}

// writeText writes the text report: the header; by module, each resource
// with findings, its why and its findings; what to do, once per rule and
// text; the verdict. Lines are wrapped to Options.Width when it is set.
func writeText(w io.Writer, rep *Report) error {
	p := palette{rep.Options.Color}
	lang := rep.lang()
	out := &textOut{w: w, width: rep.Options.Width}
	writeTextHeader(out, rep, p)
	fixes := &textFixes{}
	mods, groups := byModule(rep.Findings, func(f *Finding) string { return f.Module })
	for _, m := range mods {
		out.line(0, 2, p.wrap("1", moduleTitle(lang, m)))
		for _, res := range byResource(groups[m]) {
			writeTextResource(out, rep, p, res)
			for _, f := range res {
				fixes.add(rep, f)
			}
		}
		out.line(0, 0, "")
	}
	fixes.write(out, rep, p)
	out.line(0, 2, summaryLine(rep, p))
	return out.err
}

// byResource groups findings by address, in the order of their first.
func byResource(findings []*Finding) [][]*Finding {
	var out [][]*Finding
	index := map[string]int{}
	for _, f := range findings {
		i, ok := index[f.Address]
		if !ok {
			i = len(out)
			index[f.Address] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], f)
	}
	return out
}

// writeTextHeader writes what was checked against what, the policy's
// relaxations, how the configuration was evaluated and a stale catalog,
// then a blank line.
func writeTextHeader(out *textOut, rep *Report, p palette) {
	lang := rep.lang()
	profile := policyName(lang, rep.Policy, func(s string) string { return s })
	out.line(0, 2, rep.t("text.header", rep.Plan.File, profile, catalogDate(lang, rep.catalogRef())))
	if title := relaxationsTitle(lang, rep.Policy); title != "" {
		out.line(0, 2, p.wrap("33", title))
		for _, r := range rep.Policy.Relaxations {
			at := ""
			if r.At != "" {
				at = "  " + r.At
			}
			out.line(2, 4, "- "+r.In(lang)+p.dim(at))
		}
	}
	if d := disabledText(lang, rep.DisabledRules); d != "" {
		out.line(0, 2, p.wrap("33", d))
	}
	if len(rep.InlineWaivers) > 0 {
		out.line(0, 2, p.wrap("33", rep.t("report.inline_waivers")))
		for _, iw := range rep.InlineWaivers {
			out.line(2, 4, "- "+inlineLine(lang, iw))
		}
	}
	if line := p.evaluation(lang, rep.evaluation()); line != "" {
		out.line(0, 2, line)
	}
	if stale := staleText(lang, rep.Freshness); stale != "" {
		// In yellow, as a value only inferred: the verdicts may be wrong.
		out.line(0, 2, p.wrap("33", rep.t("text.stale", stale)))
	}
	out.line(0, 0, "")
}

// writeTextResource writes one resource and its findings: its address,
// level, place and block; one line of why (the evidence that decided its
// level, the first of its location); then each finding, its severity (or
// that it is waived, or existed before), rule and message, why it counts
// as new, and the waiver. What to do comes once per rule, at the end.
func writeTextResource(out *textOut, rep *Report, p palette, findings []*Finding) {
	lang := rep.lang()
	first := findings[0]
	at := ""
	if first.Source != nil {
		at = p.dim(fmt.Sprintf("  %s:%d", rep.ciPath(first.Source.File), first.Source.Line))
	}
	if first.Type == rules.PolicyType {
		// The policy file: no level, no location.
		out.line(2, 6, rep.t("text.resource_policy", first.Address, at))
	} else {
		out.line(2, 6, rep.t("text.resource", first.Address,
			i18n.Or("data_level."+first.Sensitivity.Level, first.Sensitivity.Level), where(lang, *first.Location, first.Operator), at))
		out.line(4, 6, p.dim(rep.t("text.why_label"))+" "+textWhy(rep, first))
	}
	for _, f := range findings {
		sev := p.severity(f.Severity, lang)
		switch {
		case f.Waived:
			sev = p.dim(rep.t("text.waived"))
		case f.Status == StatusExisting:
			sev = p.dim(rep.t("text.existing", strings.ToLower(rep.severity(f.Severity))))
		}
		out.line(4, 8, rep.t("text.finding", sev, f.Rule, rep.ruleTitle(f), rep.message(f)))
		if f.Waiver != nil && f.Waiver.Refused != "" {
			out.line(8, 10, rep.t("text.waiver_refused", f.Waiver.RefusedIn(rep.lang())))
		}
		for _, nb := range f.NewBecause {
			why := i18n.Or("reason."+nb.Reason, nb.Reason).In(rep.lang())
			if d := nb.DetailIn(rep.lang()); d != "" {
				why += rep.t("text.new_because_detail", d)
			}
			out.line(8, 10, rep.t("text.new_because", why))
		}
		if f.Waived && f.Waiver != nil {
			out.line(8, 10, rep.t("text.waiver", f.Waiver.ID, f.Waiver.Expires, f.Waiver.ApprovedBy, f.Waiver.Reason))
		}
	}
}

// whyEvidenceRunes is as much of the location's evidence as the why line
// quotes; `trustcloud inventory` gives it whole.
const whyEvidenceRunes = 100

// textWhy says in one line why a resource got its level and its place:
// the evidence that decided the level, and the first of the location's,
// shortened, marked when the place is only inferred.
func textWhy(rep *Report, f *Finding) string {
	level := rep.level(f.Sensitivity.Level)
	var why string
	if len(f.Sensitivity.Evidence) > 0 {
		why = rep.t("text.why_level", level, f.Sensitivity.Evidence[0])
	} else {
		why = rep.t("text.why_level_bare", level)
	}
	if len(f.Location.Evidence) > 0 {
		loc := shorten(f.Location.Evidence[0].In(rep.lang()), whyEvidenceRunes)
		if !f.Location.Unverified.IsZero() {
			loc = rep.t("text.why_inferred", loc)
		}
		why = rep.t("text.why_location", why, loc)
	}
	return why
}

// shorten cuts s to at most n runes, at a space when there is one, and
// marks the cut with an ellipsis.
func shorten(s string, n int) string {
	runes := []rune(s)
	if len(runes) <= n {
		return s
	}
	cut := string(runes[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// fixesListed is how many resources a rule's what-to-do names before it
// counts the others.
const fixesListed = 10

// textFixes gathers what to do, once per rule and text, with the
// resources it applies to (waived findings need nothing done).
type textFixes struct {
	byKey map[string]*textFix
	order []*textFix
}

// textFix is one text of what to do for one rule.
type textFix struct {
	rule, title, text string
	// resources are the first fixesListed addresses, count all of them.
	resources []string
	last      string
	count     int
}

func (x *textFixes) add(rep *Report, f *Finding) {
	if f.Waived {
		return
	}
	text := rep.remediation(f)
	key := f.Rule + "\x00" + text
	fix, ok := x.byKey[key]
	if !ok {
		if x.byKey == nil {
			x.byKey = map[string]*textFix{}
		}
		fix = &textFix{rule: f.Rule, title: rep.ruleTitle(f), text: text}
		x.byKey[key] = fix
		x.order = append(x.order, fix)
	}
	// A resource's findings come together: one comparison dedupes.
	if fix.last == f.Address {
		return
	}
	fix.last = f.Address
	fix.count++
	if len(fix.resources) < fixesListed {
		fix.resources = append(fix.resources, f.Address)
	}
}

// write writes what to do, by rule, each text with the resources it
// applies to, then a blank line; nothing when nothing is to be done.
func (x *textFixes) write(out *textOut, rep *Report, p palette) {
	if len(x.order) == 0 {
		return
	}
	sort.SliceStable(x.order, func(i, j int) bool { return x.order[i].rule < x.order[j].rule })
	out.line(0, 2, p.wrap("1", rep.t("text.what_to_do")))
	for _, fix := range x.order {
		list := strings.Join(fix.resources, ", ")
		if more := fix.count - len(fix.resources); more > 0 {
			list += rep.n("text.more", more)
		}
		out.line(2, 6, rep.t("text.fix_for", fix.rule, fix.title, list))
		out.line(4, 4, fix.text)
	}
	out.line(0, 0, "")
}

// textOut writes the lines of the text report, wrapped to a width.
type textOut struct {
	w io.Writer
	// width is the terminal's, 0 for lines that are not wrapped.
	width int
	err   error
}

// line writes s after indent spaces; when the width is exceeded, it
// goes on in lines indented by hang. A word longer than a line (a path,
// an address) is never cut. ANSI colour codes take no width.
func (o *textOut) line(indent, hang int, s string) {
	if o.err != nil {
		return
	}
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", indent))
	if o.width <= 0 || indent+visibleWidth(s) <= o.width {
		b.WriteString(s)
	} else {
		col, start := indent, true
		for len(s) > 0 {
			gap := len(s) - len(strings.TrimLeft(s, " "))
			s = s[gap:]
			end := strings.IndexByte(s, ' ')
			if end < 0 {
				end = len(s)
			}
			word := s[:end]
			s = s[end:]
			wlen := visibleWidth(word)
			switch {
			case start:
				b.WriteString(word)
				col += wlen
				start = false
			case wlen > 0 && col+gap+wlen > o.width:
				b.WriteString("\n" + strings.Repeat(" ", hang) + word)
				col = hang + wlen
			default:
				b.WriteString(strings.Repeat(" ", gap) + word)
				col += gap + wlen
			}
		}
	}
	b.WriteByte('\n')
	_, o.err = io.WriteString(o.w, b.String())
}

// visibleWidth is the number of runes of s a terminal shows: ANSI escape
// sequences (ESC [ … letter) take none.
func visibleWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j + 1
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
	}
	return n
}

// threshold is the --fail-on severity in the report's language.
func (r *Report) threshold() string {
	if r.Summary.FailOn == "none" {
		return r.t("report.threshold_none")
	}
	return r.severity(policy.Severity(r.Summary.FailOn))
}

// rendered renders messages in a language.
func rendered(lang i18n.Lang, ms []i18n.Msg) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.In(lang)
	}
	return out
}
