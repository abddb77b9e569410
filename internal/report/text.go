package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

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
// in a language (the evidence itself quotes the plan and stays as it is).
func WriteInventoryText(w io.Writer, inv *inventory.Inventory, color bool, lang i18n.Lang) {
	p := palette{color}
	mods, groups := byModule(inv.Resources, func(r *inventory.Resource) string { return r.Module })
	for _, m := range mods {
		fmt.Fprintf(w, "%s\n", p.wrap("1", moduleTitle(lang, m)))
		for _, r := range groups[m] {
			fmt.Fprintf(w, "  %s  %s  [%s]  %s\n", r.Address, where(lang, r.Location, r.Operator), rules.LevelName(r.Sensitivity.Level).In(lang), p.dim(strings.Join(r.Actions, ",")))
			for _, ev := range r.Location.Evidence {
				fmt.Fprintf(w, "      %s %s\n", p.dim(i18n.T(lang, "inventory.location")), ev)
			}
			if why := r.Location.Unverified; why != "" {
				fmt.Fprintf(w, "      %s %s\n", p.wrap("33", i18n.T(lang, "inventory.inferred")), why)
			}
			for _, rep := range r.DataLocations {
				fmt.Fprintf(w, "      %s %s\n", p.dim(i18n.T(lang, "inventory.replica")), strings.Join(rep.Evidence, "; "))
				if rep.Unverified != "" {
					fmt.Fprintf(w, "      %s %s\n", p.wrap("33", i18n.T(lang, "inventory.inferred")), rep.Unverified)
				}
			}
			for _, ev := range r.Sensitivity.Evidence {
				fmt.Fprintf(w, "      %s %s\n", p.dim(i18n.T(lang, "inventory.level")), ev)
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

func writeText(w io.Writer, rep *Report) error {
	p := palette{rep.Options.Color}
	lang := rep.lang()
	writeTextHeader(w, rep, p)
	mods, groups := byModule(rep.Findings, func(f *Finding) string { return f.Module })
	for _, m := range mods {
		fmt.Fprintf(w, "%s\n", p.wrap("1", moduleTitle(lang, m)))
		for _, f := range groups[m] {
			writeTextFinding(w, rep, p, f)
		}
		fmt.Fprintln(w)
	}
	_, err := fmt.Fprintf(w, "%s\n", summaryLine(rep, p))
	return err
}

// writeTextHeader writes what was checked against what, the policy's
// relaxations, how the configuration was evaluated and a stale catalog,
// then a blank line.
func writeTextHeader(w io.Writer, rep *Report, p palette) {
	lang := rep.lang()
	profile := policyName(lang, rep.Policy, func(s string) string { return s })
	fmt.Fprintf(w, "%s\n", rep.t("text.header", rep.Plan.File, profile, catalogDate(lang, rep.catalogRef())))
	if title := relaxationsTitle(lang, rep.Policy); title != "" {
		fmt.Fprintf(w, "%s\n", p.wrap("33", title))
		for _, r := range rep.Policy.Relaxations {
			at := ""
			if r.At != "" {
				at = "  " + r.At
			}
			fmt.Fprintf(w, "  - %s%s\n", r.In(lang), p.dim(at))
		}
	}
	if d := disabledText(lang, rep.DisabledRules); d != "" {
		fmt.Fprintf(w, "%s\n", p.wrap("33", d))
	}
	if len(rep.InlineWaivers) > 0 {
		fmt.Fprintf(w, "%s\n", p.wrap("33", rep.t("report.inline_waivers")))
		for _, iw := range rep.InlineWaivers {
			fmt.Fprintf(w, "  - %s\n", inlineLine(lang, iw))
		}
	}
	if line := p.evaluation(lang, rep.evaluation()); line != "" {
		fmt.Fprintf(w, "%s\n", line)
	}
	if stale := staleText(lang, rep.Freshness); stale != "" {
		// In yellow, as a value only inferred: the verdicts may be wrong.
		fmt.Fprintf(w, "%s\n", p.wrap("33", rep.t("text.stale", stale)))
	}
	fmt.Fprintln(w)
}

// writeTextFinding writes one finding: its severity (or that it is
// waived, or existed before), rule, address, level and place, then the
// message, why it counts as new, and the waiver or what to do.
func writeTextFinding(w io.Writer, rep *Report, p palette, f *Finding) {
	lang := rep.lang()
	sev := p.severity(f.Severity, lang)
	switch {
	case f.Waived:
		sev = p.dim(rep.t("text.waived"))
	case f.Status == StatusExisting:
		sev = p.dim(rep.t("text.existing", strings.ToLower(rep.severity(f.Severity))))
	}
	at := ""
	if f.Source != nil {
		at = fmt.Sprintf("  %s:%d", f.Source.File, f.Source.Line)
	}
	if f.Type == rules.PolicyType {
		// The policy file: no level, no location.
		fmt.Fprintf(w, "  %s\n", rep.t("text.finding_policy", sev, f.Rule, rep.ruleTitle(f), f.Address, p.dim(at)))
	} else {
		fmt.Fprintf(w, "  %s\n", rep.t("text.finding", sev, f.Rule, rep.ruleTitle(f), f.Address,
			i18n.Or("data_level."+f.Sensitivity.Level, f.Sensitivity.Level), where(lang, f.Location, f.Operator), p.dim(at)))
	}
	fmt.Fprintf(w, "      %s\n", rep.message(f))
	if f.Waiver != nil && f.Waiver.Refused != "" {
		fmt.Fprintf(w, "      %s\n", rep.t("text.waiver_refused", f.Waiver.Refused))
	}
	for _, nb := range f.NewBecause {
		why := nb.Reason
		if nb.Detail != "" {
			why += ": " + nb.Detail
		}
		fmt.Fprintf(w, "      %s\n", rep.t("text.new_because", why))
	}
	if f.Waived && f.Waiver != nil {
		fmt.Fprintf(w, "      %s\n", rep.t("text.waiver", f.Waiver.ID, f.Waiver.Expires, f.Waiver.ApprovedBy, f.Waiver.Reason))
	} else {
		fmt.Fprintf(w, "      %s %s\n", p.dim(rep.t("text.what_to_do")), rep.remediation(f))
	}
}

// threshold is the --fail-on severity in the report's language.
func (r *Report) threshold() string {
	if r.Summary.FailOn == "none" {
		return r.t("report.threshold_none")
	}
	return r.severity(policy.Severity(r.Summary.FailOn))
}
