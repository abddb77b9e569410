package policy

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

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
func (d *decoder) policyRule(rng hcl.Range, id, where string) {
	r, _ := ruledef.Lookup(ruledef.ID(id))
	d.errorf(rng, fmt.Sprintf("%s cannot be %s", r.ID, where),
		"%s (%s) judges the policy file itself, so the policy can neither waive it, disable it nor change its severity. "+
			"To accept this policy's relaxations, give it with --policy or TRUSTCLOUD_POLICY.", r.ID, r.Name)
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
