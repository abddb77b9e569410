package policy

import (
	"github.com/hashicorp/hcl/v2"
	"slices"
	"strings"
)

// RuleIDs lists the stable ids of the rules, in order. Policies may only
// name these in waivers and rule_severity.
var RuleIDs = []string{"TC001", "TC002", "TC003", "TC004", "TC005", "TC006", "TC007", "TC008", "TC009", "TC010", "TC011", "TC012", "TC013"}

// ruleNames are the short names of the rules (PRODUCT.md), used in comments
// of the starter file.
var ruleNames = map[string]string{
	"TC001": "non-eu-region",
	"TC002": "not-qualified",
	"TC003": "unknown-location",
	"TC004": "global-service",
	"TC005": "extraterritorial-exposure",
	"TC006": "cross-border-replication",
	"TC007": "waiver-expired",
	"TC008": "qualification-pending",
	"TC009": "qualification-expired",
	"TC010": "qualification-expiring",
	"TC011": "qualification-unconfirmed",
	"TC012": "unclassified",
	"TC013": "policy-relaxed",
}

// RulePolicyRelaxed is TC013, which judges the policy file itself: a
// policy can neither waive it nor change its severity.
const RulePolicyRelaxed = "TC013"

// canonicalRule returns the rule id written in any case ("tc001" →
// "TC001"), or false if there is no such rule.
func canonicalRule(id string) (string, bool) {
	id = strings.ToUpper(strings.TrimSpace(id))
	return id, slices.Contains(RuleIDs, id)
}

// policyRule reports, as an error at rng, that a policy names TC013 where
// it would relax it.
func (d *decoder) policyRule(rng hcl.Range, where string) {
	d.errorf(rng, "TC013 cannot be "+where,
		"TC013 (policy-relaxed) judges the policy file itself, so the policy can neither waive it nor change its severity. "+
			"To accept this policy's relaxations, give it with --policy or TRUSTCLOUD_POLICY.")
}

// parseSeverity accepts a severity in any case.
func parseSeverity(s string) (Severity, bool) {
	sev := Severity(strings.ToLower(strings.TrimSpace(s)))
	return sev, sev.Rank() > 0
}
