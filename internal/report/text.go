package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/trustcloud/trustcloud/internal/plan"
	"github.com/trustcloud/trustcloud/internal/policy"
)

type palette struct{ on bool }

func (p palette) wrap(code, s string) string {
	if !p.on {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p palette) severity(s policy.Severity) string {
	label := strings.ToUpper(string(s))
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

// where describes a location in a few words.
func where(l plan.Location, operator *string) string {
	op := "no catalog operator"
	if operator != nil {
		op = *operator
	}
	switch l.Status {
	case plan.StatusKnown:
		c := "country unknown"
		if l.Country != nil {
			c = *l.Country
		}
		s := fmt.Sprintf("%s %s, %s", op, l.Region, c)
		if l.Zone != "" {
			s = fmt.Sprintf("%s %s (%s), %s", op, l.Region, l.Zone, c)
		}
		return s
	case plan.StatusMultiRegion:
		return fmt.Sprintf("%s %s (multi-region: %s)", op, l.Region, strings.Join(l.Countries, ", "))
	case plan.StatusGlobal:
		return op + ", global"
	case plan.StatusNotApplicable:
		return "no location"
	}
	return op + ", location unknown"
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

func moduleTitle(m string) string {
	if m == "" {
		return "root module"
	}
	return m
}

// WriteInventoryText writes an inventory grouped by module, with evidence.
func WriteInventoryText(w io.Writer, inv *plan.Inventory, color bool) {
	p := palette{color}
	mods, groups := byModule(inv.Resources, func(r *plan.Resource) string { return r.Module })
	for _, m := range mods {
		fmt.Fprintf(w, "%s\n", p.wrap("1", moduleTitle(m)))
		for _, r := range groups[m] {
			fmt.Fprintf(w, "  %s  %s  [%s]  %s\n", r.Address, where(r.Location, r.Operator), r.Sensitivity.Level, p.dim(strings.Join(r.Actions, ",")))
			for _, ev := range r.Location.Evidence {
				fmt.Fprintf(w, "      %s %s\n", p.dim("location:"), ev)
			}
			for _, rep := range r.Replicas {
				fmt.Fprintf(w, "      %s %s\n", p.dim("replica:"), strings.Join(rep.Evidence, "; "))
			}
			for _, ev := range r.Sensitivity.Evidence {
				fmt.Fprintf(w, "      %s %s\n", p.dim("level:"), ev)
			}
		}
	}
	s := inv.Summary
	fmt.Fprintf(w, "\n%s: %d known, %d multi-region, %d global, %d unknown, %d without location; %d with no catalog operator\n",
		plural(s.Resources, "resource"), s.ByStatus[plan.StatusKnown], s.ByStatus[plan.StatusMultiRegion], s.ByStatus[plan.StatusGlobal], s.ByStatus[plan.StatusUnknown],
		s.ByStatus[plan.StatusNotApplicable], s.UnknownOperator)
}

func init() {
	register(Format{Name: "text", Ext: ".txt", Write: writeText})
}

func writeText(w io.Writer, rep *Report) error {
	p := palette{rep.Options.Color}
	profile := rep.Policy.Profile
	if rep.Policy.File != "" {
		profile = rep.Policy.File
	}
	fmt.Fprintf(w, "trustcloud check %s: policy %s, catalog %s\n\n", rep.Plan.File, profile, rep.Catalog.AsOf)
	mods, groups := byModule(rep.Findings, func(f *Finding) string { return f.Module })
	for _, m := range mods {
		fmt.Fprintf(w, "%s\n", p.wrap("1", moduleTitle(m)))
		for _, f := range groups[m] {
			sev := p.severity(f.Severity)
			switch {
			case f.Waived:
				sev = p.dim("WAIVED")
			case f.Status == StatusExisting:
				sev = p.dim("existing " + strings.ToLower(string(f.Severity)))
			}
			at := ""
			if f.Source != nil {
				at = fmt.Sprintf("  %s:%d", f.Source.File, f.Source.Line)
			}
			fmt.Fprintf(w, "  %s %s %s  %s  [%s; %s]%s\n", sev, f.Rule, f.Name, f.Address, f.Sensitivity.Level, where(f.Location, f.Operator), p.dim(at))
			fmt.Fprintf(w, "      %s\n", f.Message)
			if f.Waived && f.Waiver != nil {
				fmt.Fprintf(w, "      waiver %s until %s, approved by %s: %s\n", f.Waiver.ID, f.Waiver.Expires, f.Waiver.ApprovedBy, f.Waiver.Reason)
			} else {
				fmt.Fprintf(w, "      %s %s\n", p.dim("what to do:"), f.Remediation)
			}
		}
		fmt.Fprintln(w)
	}
	s := rep.Summary
	var sev []string
	for i := len(policy.Severities) - 1; i >= 0; i-- {
		if n := s.BySeverity[string(policy.Severities[i])]; n > 0 {
			sev = append(sev, fmt.Sprintf("%d %s", n, policy.Severities[i]))
		}
	}
	counts := "no finding"
	if s.Findings > 0 {
		counts = fmt.Sprintf("%s (%s)", plural(s.Findings, "finding"), strings.Join(sev, ", "))
	}
	verdict := p.wrap("32", "PASSED")
	if s.Failed {
		verdict = p.wrap("1;31", "FAILED")
	}
	if s.Existing > 0 {
		counts += fmt.Sprintf(", %d of them existing before this change", s.Existing)
	}
	_, err := fmt.Fprintf(w, "%s: %s analysed (%d unknown location, %d no catalog operator): %s, %d waived; threshold %s\n",
		verdict, plural(s.Analysed, "resource"), s.UnknownLocation, s.UnknownOperator, counts, s.Waived, s.FailOn)
	return err
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
