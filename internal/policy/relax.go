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
	var out []Relaxation
	add := func(what, at string, msg i18n.Msg) {
		out = append(out, Relaxation{What: what, Detail: msg.String(), At: at, Text: msg})
	}
	if p.File == "" {
		return nil
	}
	base, err := Profile(p.Profile)
	if err != nil {
		add("profile", "", i18n.M("relax.profile_none", DefaultProfile))
		for _, w := range p.Waivers {
			add("waiver."+w.ID, at(w.Range), waiverText(w))
		}
		return out
	}
	if from, to := base.Classification.DefaultLevel, p.Classification.DefaultLevel; base.LevelRank(to) < base.LevelRank(from) && base.Level(to) != nil {
		add("default_level", "", i18n.M("relax.default_level", to, from, p.Profile))
	}
	if from, to := base.Unclassified(), p.Unclassified(); base.LevelRank(to) < base.LevelRank(from) && base.Level(to) != nil {
		add("unclassified_level", "", i18n.M("relax.unclassified_level", to, from, p.Profile))
	}
	for _, kind := range p.Classification.MayLower {
		if !slices.Contains(base.Classification.MayLower, kind) {
			add("classification.may_lower", "", i18n.M("relax.may_lower", kind, p.Profile))
		}
	}
	if p.MaxWaiverDays > base.MaxWaiverDays && base.MaxWaiverDays > 0 {
		add("max_waiver_days", "", i18n.M("relax.max_waiver_days", p.MaxWaiverDays, base.MaxWaiverDays, p.Profile))
	}
	for _, bl := range base.Levels {
		l := p.Level(bl.Name)
		if l == nil {
			continue
		}
		where := at(l.Range)
		prefix := "level." + l.Name + "."
		if widens(bl, l, inArea) {
			add(prefix+"allowed_area", where, i18n.M("relax.area", l.Name, areaName(l), areaName(bl), p.Profile))
		}
		if bl.RequireSecNumCloud && !l.RequireSecNumCloud {
			add(prefix+"require_secnumcloud", where, i18n.M("relax.require_secnumcloud", l.Name, p.Profile))
		}
		if bl.RequireKnownLocation && !l.RequireKnownLocation {
			add(prefix+"require_known_location", where, i18n.M("relax.require_known_location", l.Name, p.Profile))
		}
		if !bl.AllowExtraterritorial && l.AllowExtraterritorial {
			add(prefix+"allow_extraterritorial", where, i18n.M("relax.allow_extraterritorial", l.Name, p.Profile))
		}
		if !bl.AllowPending && l.AllowPending {
			add(prefix+"allow_pending", where, i18n.M("relax.allow_pending", l.Name, p.Profile))
		}
		warns := bl.UnknownLocation == UnknownDeny && l.UnknownLocation == UnknownWarn
		if warns {
			add(prefix+"unknown_location", where, i18n.M("relax.unknown_location", l.Name, p.Profile))
		}
		if l.Severity.Rank() < bl.Severity.Rank() {
			add(prefix+"severity", where, i18n.M("relax.severity", l.Name, string(l.Severity), string(bl.Severity), p.Profile))
		}
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
				add(prefix+"rule_severity."+rule, where, i18n.M("relax.rule_severity", rule, l.Name, string(now), string(was), p.Profile))
			}
		}
	}
	for _, alias := range sortedKeys(base.Classification.Aliases) {
		from := base.Classification.Aliases[alias]
		to, ok := p.NormalizeLevel(alias)
		if ok && base.Level(to) != nil && base.LevelRank(to) < base.LevelRank(from) {
			add("classification.aliases."+alias, "", i18n.M("relax.alias", alias, to, from, p.Profile))
		}
	}
	for _, k := range base.Classification.TagKeys {
		if !slices.Contains(p.Classification.TagKeys, k) {
			add("classification.tag_keys."+k, "", i18n.M("relax.tag_key", k, p.Profile))
		}
	}
	for _, k := range base.Classification.ModuleInputs {
		if !slices.Contains(p.Classification.ModuleInputs, k) {
			add("classification.module_inputs."+k, "", i18n.M("relax.module_input", k, p.Profile))
		}
	}
	for _, w := range p.Waivers {
		add("waiver."+w.ID, at(w.Range), waiverText(w))
	}
	return out
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
