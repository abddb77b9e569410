package policy

import (
	"slices"
	"strings"
	"time"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/ruledef"
)

// Relaxation is one way a policy asks less than the built-in profile it
// names: a wider area, a dropped requirement, a lower level or severity, a
// waiver. Reports list them so that a reviewer sees what a policy file
// gives up without reading it.
type Relaxation struct {
	// What names the relaxed setting: "level.sensitive.require_secnumcloud",
	// "default_level", "waiver.DER-2026-004" …
	What string `json:"what"`
	// Detail says it in a sentence, in English.
	Detail string `json:"detail"`
	// At is where the policy file says it (file:line:column), empty when
	// the place is not known.
	At string `json:"at,omitempty"`
	// Text is Detail not yet rendered, for the reports written for people
	// in their language.
	Text i18n.Msg `json:"-"`
}

// In is the relaxation's detail in a language.
func (r Relaxation) In(l i18n.Lang) string {
	if r.Text.IsZero() {
		return r.Detail
	}
	return r.Text.In(l)
}

// areaWidth orders the areas from the narrowest.
var areaWidth = map[string]int{AreaEU: 1, AreaEEA: 2, AreaAny: 3}

// Relaxations lists what the policy relaxes relative to the built-in
// profile it starts from, in a stable order: the default level, then each
// of the profile's levels in order, then the classification, then every
// waiver. inArea reports whether a country is in an area (EU, EEA), from
// the catalog; nil counts every listed country as outside the area. A
// built-in profile used as is relaxes nothing; a policy starting from
// "none" relaxes the default profile as a whole.
func (p *Policy) Relaxations(inArea func(area, country string) bool) []Relaxation {
	if p.File == "" {
		return nil
	}
	r := &relaxed{p: p}
	base, err := Profile(p.Profile)
	if err != nil {
		r.add("profile", "", i18n.M("relax.profile_none", DefaultProfile))
		r.waivers()
		return r.out
	}
	r.base = base
	r.settings()
	for _, bl := range base.Levels {
		if l := p.Level(bl.Name); l != nil {
			r.level(bl, l, inArea)
		}
	}
	r.classification()
	r.waivers()
	return r.out
}

// relaxed collects the relaxations of policy p relative to the built-in
// profile base it starts from.
type relaxed struct {
	p, base *Policy
	out     []Relaxation
}

func (r *relaxed) add(what, at string, msg i18n.Msg) {
	r.out = append(r.out, Relaxation{What: what, Detail: msg.String(), At: at, Text: msg})
}

// settings finds the policy-wide relaxations: a lower default or
// unclassified level, a signal allowed to lower a level, longer waivers.
func (r *relaxed) settings() {
	p, base := r.p, r.base
	if from, to := base.Classification.DefaultLevel, p.Classification.DefaultLevel; base.LevelRank(to) < base.LevelRank(from) && base.Level(to) != nil {
		r.add("default_level", "", i18n.M("relax.default_level", to, from, p.Profile))
	}
	if from, to := base.Unclassified(), p.Unclassified(); base.LevelRank(to) < base.LevelRank(from) && base.Level(to) != nil {
		r.add("unclassified_level", "", i18n.M("relax.unclassified_level", to, from, p.Profile))
	}
	for _, kind := range p.Classification.MayLower {
		if !slices.Contains(base.Classification.MayLower, kind) {
			r.add("classification.may_lower", "", i18n.M("relax.may_lower", kind, p.Profile))
		}
	}
	if p.MaxWaiverDays > base.MaxWaiverDays && base.MaxWaiverDays > 0 {
		r.add("max_waiver_days", "", i18n.M("relax.max_waiver_days", p.MaxWaiverDays, base.MaxWaiverDays, p.Profile))
	}
	for _, rule := range p.DisabledRules {
		if !slices.Contains(base.DisabledRules, rule) {
			r.add("disabled_rules."+rule, p.DisabledAt, i18n.M("relax.disabled_rule", rule, ruleName(rule), p.Profile))
		}
	}
	if p.AllowInlineWaivers && !base.AllowInlineWaivers {
		r.add("allow_inline_waivers", p.InlineAt, i18n.M("relax.inline_waivers", p.Profile))
	}
}

// level finds what the policy's level l relaxes of the profile's level
// bl: a wider area, a dropped requirement, a permission added, a lower
// severity, of the level or of one of its rules.
func (r *relaxed) level(bl, l *Level, inArea func(area, country string) bool) {
	p := r.p
	where := at(l.Range)
	prefix := "level." + l.Name + "."
	if widens(bl, l, inArea) {
		r.add(prefix+"allowed_area", where, i18n.M("relax.area", l.Name, areaName(l), areaName(bl), p.Profile))
	}
	if bl.RequireSecNumCloud && !l.RequireSecNumCloud {
		r.add(prefix+"require_secnumcloud", where, i18n.M("relax.require_secnumcloud", l.Name, p.Profile))
	}
	if bl.RequireKnownLocation && !l.RequireKnownLocation {
		r.add(prefix+"require_known_location", where, i18n.M("relax.require_known_location", l.Name, p.Profile))
	}
	if !bl.AllowExtraterritorial && l.AllowExtraterritorial {
		r.add(prefix+"allow_extraterritorial", where, i18n.M("relax.allow_extraterritorial", l.Name, p.Profile))
	}
	if !bl.AllowPending && l.AllowPending {
		r.add(prefix+"allow_pending", where, i18n.M("relax.allow_pending", l.Name, p.Profile))
	}
	warns := bl.UnknownLocation == UnknownDeny && l.UnknownLocation == UnknownWarn
	if warns {
		r.add(prefix+"unknown_location", where, i18n.M("relax.unknown_location", l.Name, p.Profile))
	}
	if l.Severity.Rank() < bl.Severity.Rank() {
		r.add(prefix+"severity", where, i18n.M("relax.severity", l.Name, string(l.Severity), string(bl.Severity), p.Profile))
	}
	r.ruleSeverities(bl, l, warns)
}

// ruleSeverities finds the rules whose severity at level l the policy
// sets (for the level or for the whole policy) lower than the profile's
// at level bl; warns says that unknown_location already told TC003's.
func (r *relaxed) ruleSeverities(bl, l *Level, warns bool) {
	p, base := r.p, r.base
	for _, rule := range ruleIDs() {
		if rule == string(ruledef.TC003) && warns {
			// Said by unknown_location already.
			continue
		}
		_, ofLevel := l.RuleSeverity[rule]
		_, ofPolicy := p.RuleSeverity[rule]
		if !ofLevel && !ofPolicy {
			// Follows the level's severity, said above.
			continue
		}
		if now, was := p.Severity(l.Name, rule), base.Severity(bl.Name, rule); now.Rank() < was.Rank() {
			r.add("level."+l.Name+".rule_severity."+rule, at(l.Range), i18n.M("relax.rule_severity", rule, l.Name, string(now), string(was), p.Profile))
		}
	}
}

// classification finds what the policy's classification relaxes: an
// alias that maps to a lower level, a tag key or module input the
// profile reads that the policy does not.
func (r *relaxed) classification() {
	p, base := r.p, r.base
	for _, alias := range sortedKeys(base.Classification.Aliases) {
		from := base.Classification.Aliases[alias]
		to, ok := p.NormalizeLevel(alias)
		if ok && base.Level(to) != nil && base.LevelRank(to) < base.LevelRank(from) {
			r.add("classification.aliases."+alias, "", i18n.M("relax.alias", alias, to, from, p.Profile))
		}
	}
	for _, k := range base.Classification.TagKeys {
		if !slices.Contains(p.Classification.TagKeys, k) {
			r.add("classification.tag_keys."+k, "", i18n.M("relax.tag_key", k, p.Profile))
		}
	}
	for _, k := range base.Classification.ModuleInputs {
		if !slices.Contains(p.Classification.ModuleInputs, k) {
			r.add("classification.module_inputs."+k, "", i18n.M("relax.module_input", k, p.Profile))
		}
	}
}

// ruleName is a rule's name in the registry ("qualification-expiring").
func ruleName(id string) string {
	r, _ := ruledef.Lookup(ruledef.ID(id))
	return r.Name
}

// waivers lists every waiver: each relaxes the profile.
func (r *relaxed) waivers() {
	for _, w := range r.p.Waivers {
		r.add("waiver."+w.ID, at(w.Range), waiverText(w))
	}
}

// waiverText says what a waiver exempts: every waiver relaxes its profile.
func waiverText(w *Waiver) i18n.Msg {
	var rules i18n.Localizer = i18n.M("relax.every_rule")
	if len(w.Rules) > 0 {
		rules = i18n.Text(strings.Join(w.Rules, ", "))
	}
	if w.CoversNew {
		return i18n.M("relax.waiver_new", w.ID, rules, strings.Join(w.Addresses, ", "), w.Expires.Format(time.DateOnly), w.ApprovedBy)
	}
	return i18n.M("relax.waiver", w.ID, rules, strings.Join(w.Addresses, ", "), w.Expires.Format(time.DateOnly), w.ApprovedBy)
}

// widens reports whether level l allows a country that the profile's
// level bl does not.
func widens(bl, l *Level, inArea func(area, country string) bool) bool {
	switch {
	case len(bl.AllowedCountries) > 0 && len(l.AllowedCountries) > 0:
		for _, c := range l.AllowedCountries {
			if !slices.Contains(bl.AllowedCountries, c) {
				return true
			}
		}
		return false
	case len(bl.AllowedCountries) > 0:
		// An area holds more than the profile's few countries.
		return true
	case len(l.AllowedCountries) > 0:
		if bl.AllowedArea == AreaAny {
			return false
		}
		for _, c := range l.AllowedCountries {
			if inArea == nil || !inArea(bl.AllowedArea, c) {
				return true
			}
		}
		return false
	}
	return areaWidth[l.AllowedArea] > areaWidth[bl.AllowedArea]
}

// areaName is a level's allowed area, or its countries.
func areaName(l *Level) string {
	if len(l.AllowedCountries) > 0 {
		return strings.Join(l.AllowedCountries, ", ")
	}
	return l.AllowedArea
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
