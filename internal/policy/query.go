package policy

import (
	"slices"
	"strings"
	"time"

	"github.com/trustcloud/trustcloud/internal/ruledef"
)

// Level returns the level with that name (case-insensitive), or nil.
// Aliases are not names: resolve them with NormalizeLevel.
func (p *Policy) Level(name string) *Level {
	name = strings.TrimSpace(name)
	for _, l := range p.Levels {
		if strings.EqualFold(l.Name, name) {
			return l
		}
	}
	return nil
}

// Unclassified is the level of a resource whose classification signal is
// present but cannot be read: the policy's unclassified_level, else
// "sensitive" where the policy has it, else its strictest level. What
// trustcloud cannot establish is never the lenient answer.
func (p *Policy) Unclassified() string {
	if p.Classification.UnclassifiedLevel != "" {
		return p.Classification.UnclassifiedLevel
	}
	if p.Level("sensitive") != nil {
		return "sensitive"
	}
	if len(p.Levels) == 0 {
		return p.Classification.DefaultLevel
	}
	return p.Levels[len(p.Levels)-1].Name
}

// LevelRank orders levels by sensitivity: 1 for the least sensitive, then
// 2 …; 0 for a name that is not a level.
func (p *Policy) LevelRank(name string) int {
	name = strings.TrimSpace(name)
	for i, l := range p.Levels {
		if strings.EqualFold(l.Name, name) {
			return i + 1
		}
	}
	return 0
}

// NormalizeLevel turns a value found in a tag, label or module input into
// a level name: a level name in any case, else an alias (case-insensitive),
// after trimming spaces. ok is false when the value names no level.
func (p *Policy) NormalizeLevel(value string) (level string, ok bool) {
	if l := p.Level(value); l != nil {
		return l.Name, true
	}
	target, found := p.Classification.Aliases[strings.ToLower(strings.TrimSpace(value))]
	if !found {
		return "", false
	}
	if l := p.Level(target); l != nil {
		return l.Name, true
	}
	return "", false
}

// ModuleLevel returns the level that the policy's module rules give to
// the module at moduleAddr (e.g. module.db or module.app.module.db["a"]),
// with the glob of the first rule that matches. The root module ("") never
// matches. Rules match the module itself, not its children; the analyzer
// applies inheritance, and a rule for a whole tree is written module.x.**.
func (p *Policy) ModuleLevel(moduleAddr string) (level, glob string, ok bool) {
	if moduleAddr == "" {
		return "", "", false
	}
	for _, r := range p.Classification.Modules {
		if MatchGlob(r.Glob, moduleAddr) {
			return r.Level, r.Glob, true
		}
	}
	return "", "", false
}

// Severity is the severity of a finding of rule at level, most specific
// first: the level's rule_severity for the rule; low for TC003 at a level
// whose unknown_location is "warn"; the policy-wide rule_severity for the
// rule (TC007 is high in every profile); the level's severity. A level
// that the policy does not know is read as the default level.
func (p *Policy) Severity(level, rule string) Severity {
	rule, _ = canonicalRule(rule)
	l := p.Level(level)
	if l == nil {
		if name, ok := p.NormalizeLevel(level); ok {
			l = p.Level(name)
		} else {
			l = p.Level(p.Classification.DefaultLevel)
		}
	}
	if l != nil {
		if s, ok := l.RuleSeverity[rule]; ok {
			return s
		}
		if rule == string(ruledef.TC003) && l.UnknownLocation == UnknownWarn {
			return SeverityLow
		}
	}
	if s, ok := p.RuleSeverity[rule]; ok {
		return s
	}
	if l != nil {
		return l.Severity
	}
	return SeverityMedium
}

// MatchWaivers returns the waivers, in file order, that cover a finding of
// rule on the resource at address, expired ones included: the caller
// reports those with TC007 (see Waiver.Expired).
func (p *Policy) MatchWaivers(address, rule string) []*Waiver {
	var out []*Waiver
	for _, w := range p.Waivers {
		if w.Matches(address, rule) {
			out = append(out, w)
		}
	}
	return out
}

// Matches reports whether the waiver covers a finding of rule on the
// resource at address, whatever its expiry: one of its address globs
// matches (a glob without instance keys matches every instance) and it
// lists the rule or lists no rule.
func (w *Waiver) Matches(address, rule string) bool {
	if len(w.Rules) > 0 {
		id, _ := canonicalRule(rule)
		if !slices.Contains(w.Rules, id) {
			return false
		}
	}
	for _, g := range w.Addresses {
		if MatchGlob(g, address) {
			return true
		}
	}
	return false
}

// Expired reports whether the waiver has ended at now: it is valid up to
// the end of its expires day, in UTC.
func (w *Waiver) Expired(now time.Time) bool {
	end := time.Date(w.Expires.Year(), w.Expires.Month(), w.Expires.Day()+1, 0, 0, 0, 0, time.UTC)
	return !now.Before(end)
}

// RuleDisabled reports whether the policy switches rule off
// (disabled_rules): it reports nothing.
func (p *Policy) RuleDisabled(rule string) bool {
	if len(p.DisabledRules) == 0 {
		return false
	}
	id, _ := canonicalRule(rule)
	return slices.Contains(p.DisabledRules, id)
}
