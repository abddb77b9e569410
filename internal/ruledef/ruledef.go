// Package ruledef is the registry of trustcloud's rules: for each rule its
// stable id and name, its severities, the doctrine it rests on, its JUnit
// group and its documentation link. Policy validation, the rules, the
// SARIF rules, the OSCAL controls, the JUnit tests, the rules guide
// (internal/tools/rulesdoc) and the README's rule tables read it: adding a
// rule starts with an entry in rules.go.
//
// The texts for people stay in the i18n catalogs, beside every other
// message of their language: rule.ID.title (the name in another language
// than English), rule.ID.summary (when the rule fires), rule.ID.short,
// rule.ID.help (what to do) and doctrine.circular.ID (what the doctrine
// asks that the rule checks). Rule's methods look them up; a test fails
// when a rule of the registry lacks one in a supported language.
//
// The package sits below policy (which validates rule ids) and imports
// nothing of trustcloud but i18n.
package ruledef

import (
	"slices"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// ID is a rule's stable id (TC001): findings, fingerprints, waivers and
// rule_severity name the rule by it.
type ID string

// Severity is a severity as policies write it (low, medium, high);
// policy.Severity ranks them.
type Severity string

// The severities the registry gives.
const (
	SeverityLow    Severity = "low"
	SeverityMedium Severity = "medium"
	SeverityHigh   Severity = "high"
)

// Group is the JUnit test a rule's findings fail: the rules of a group
// are tested together on each resource. Groups names stay in English
// whatever the report's language, so that CI keeps tracking the same
// tests.
type Group string

// Rule is one rule of the registry. Model: tflint's Rule (Name, Severity,
// Link).
type Rule struct {
	ID ID
	// Name is the rule's stable, language-neutral name (non-eu-region):
	// its English title, and what JSON, SARIF and GitLab carry.
	Name string
	// Group is the JUnit test of the rule.
	Group Group
	// Severity, when set, is the severity the built-in profiles give every
	// finding of the rule whatever the resource's level (their
	// rule_severity); empty, the finding takes its level's severity.
	Severity Severity
	// Default is the severity a reader is shown before a finding says its
	// own (SARIF's default configuration, the rules guide): Severity when
	// set, else the severity of the level of the default profile where the
	// rule usually fires.
	Default Severity
	// Doctrine lists the texts the rule rests on, the "Cloud au centre"
	// circular first: SARIF help cites them, OSCAL findings link them.
	Doctrine []DoctrineID
	// JudgesPolicy marks a rule about the policy file itself (TC013): a
	// policy can neither waive it nor change its severity, and its finding
	// is on the file, not on a resource.
	JudgesPolicy bool
	// Precision is how often a finding of the rule is a real problem
	// (SARIF's precision property): PrecisionHigh for a rule that judges
	// what the plan and the catalog state, PrecisionMedium for one that
	// also fires on what trustcloud could not establish (a location or a
	// destination unknown or only inferred at plan time), where the
	// applied resource may turn out to comply.
	Precision Precision
}

// Precision is a rule's precision as SARIF viewers read it (GitHub code
// scanning's precision property).
type Precision string

// The precisions the registry gives.
const (
	PrecisionHigh   Precision = "high"
	PrecisionMedium Precision = "medium"
)

// All returns every rule, in id order.
func All() []Rule { return slices.Clone(rules) }

// IDs returns the ids of every rule, in order.
func IDs() []ID {
	ids := make([]ID, len(rules))
	for i, r := range rules {
		ids[i] = r.ID
	}
	return ids
}

// Lookup returns the rule with an id, false when no rule has it.
func Lookup(id ID) (Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// Parse reads a rule id as a policy writes it, in any case and with
// surrounding spaces ("tc001 " is TC001). It returns the id in its
// canonical form, and whether a rule has it.
func Parse(s string) (ID, bool) {
	id := ID(strings.ToUpper(strings.TrimSpace(s)))
	_, ok := Lookup(id)
	return id, ok
}

// Groups returns the JUnit groups in test order: the order of their first
// rule.
func Groups() []Group {
	var out []Group
	for _, r := range rules {
		if !slices.Contains(out, r.Group) {
			out = append(out, r.Group)
		}
	}
	return out
}

// InGroup returns the ids of a group's rules, in order.
func InGroup(g Group) []ID {
	var out []ID
	for _, r := range rules {
		if r.Group == g {
			out = append(out, r.ID)
		}
	}
	return out
}

// RepositoryURL is the project's home, as SARIF's informationUri names
// it.
const RepositoryURL = "https://github.com/trustcloud/trustcloud"

// GuideURL is where the rules guide (docs/guides/rules.md, which `make
// docs` generates from the registry) is published.
const GuideURL = RepositoryURL + "/blob/main/docs/guides/rules.md"

// PagesURL is where the rules' pages (docs/rules/ID.md, which `make docs`
// generates from the registry) are published.
const PagesURL = RepositoryURL + "/blob/main/docs/rules/"

// Anchor is the rule's heading in the rules guide as a link fragment
// ("## TC001 non-eu-region" is #tc001-non-eu-region).
func (r Rule) Anchor() string { return strings.ToLower(string(r.ID)) + "-" + r.Name }

// Page is the rule's page in the repository: docs/rules/ID.md.
func (r Rule) Page() string { return "docs/rules/" + string(r.ID) + ".md" }

// Link is the rule's documentation: its page, as published (SARIF's
// helpUri). The rules guide keeps a section of each rule, which links to
// the page.
func (r Rule) Link() string { return PagesURL + string(r.ID) + ".md" }

// SectionLink is the rule's section of the rules guide.
func (r Rule) SectionLink() string { return GuideURL + "#" + r.Anchor() }

// Title is the rule's name for people in a language: in English its
// stable name, in another its translation (rule.ID.title), or the name
// when the catalog has none.
func (r Rule) Title(l i18n.Lang) string {
	if l == i18n.English || l == "" {
		return r.Name
	}
	return i18n.Or("rule."+string(r.ID)+".title", r.Name).In(l)
}

// Summary says when the rule fires, in a language (rule.ID.summary); ""
// for a rule the catalog does not know.
func (r Rule) Summary(l i18n.Lang) string { return r.text(l, "summary") }

// Short describes the rule in one line, in a language (rule.ID.short).
func (r Rule) Short(l i18n.Lang) string { return r.text(l, "short") }

// Help says what to do about a finding of the rule, in a language
// (rule.ID.help).
func (r Rule) Help(l i18n.Lang) string { return r.text(l, "help") }

func (r Rule) text(l i18n.Lang, part string) string {
	return i18n.Or("rule."+string(r.ID)+"."+part, "").In(l)
}

// Citations are the rule's doctrine references as its help quotes them,
// not yet rendered: the circular with what it asks of this rule, then
// the other texts.
func (r Rule) Citations() []i18n.Msg {
	out := make([]i18n.Msg, 0, len(r.Doctrine))
	for _, id := range r.Doctrine {
		d, ok := DoctrineByID(id)
		if !ok {
			continue
		}
		out = append(out, d.cited(r.ID))
	}
	return out
}
