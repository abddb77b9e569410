package policy

import (
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/ruledef"
)

// canonicalRule returns the rule id written in any case ("tc001" →
// "TC001"), and whether the registry has such a rule.
func canonicalRule(id string) (string, bool) {
	canonical, ok := ruledef.Parse(id)
	return string(canonical), ok
}

// judgesPolicy reports whether rule id judges the policy file itself
// (TC013), which a policy can neither waive nor give a severity.
func judgesPolicy(id string) bool {
	r, ok := ruledef.Lookup(ruledef.ID(id))
	return ok && r.JudgesPolicy
}

// policyRule reports, as an error at rng, that a policy names rule id,
// which judges the policy itself, where it would relax it.
func (d *decoder) policyRule(rng hcl.Range, id string, where i18n.Msg) {
	r, _ := ruledef.Lookup(ruledef.ID(id))
	d.diagf(rng, i18n.M("policy.rule_relaxed", string(r.ID), where), "policy.rule_relaxed.detail", string(r.ID), r.Name)
}

// ruleIDs lists the rule ids, for messages and suggestions.
func ruleIDs() []string {
	ids := ruledef.IDs()
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}

// parseSeverity accepts a severity in any case.
func parseSeverity(s string) (Severity, bool) {
	sev := Severity(strings.ToLower(strings.TrimSpace(s)))
	return sev, sev.Rank() > 0
}
