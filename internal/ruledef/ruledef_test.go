package ruledef_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/ruledef"
)

// TestNames pins the rules' ids and names: findings, fingerprints,
// baselines, waivers and every report format carry them, so a rule is
// never renamed or renumbered.
func TestNames(t *testing.T) {
	want := map[ruledef.ID]string{
		"TC001": "non-eu-region", "TC002": "not-qualified", "TC003": "unknown-location", "TC004": "global-service",
		"TC005": "extraterritorial-exposure", "TC006": "cross-border-replication", "TC007": "waiver-expired",
		"TC008": "qualification-pending", "TC009": "qualification-expired", "TC010": "qualification-expiring",
		"TC011": "qualification-unconfirmed", "TC012": "unclassified", "TC013": "policy-relaxed",
	}
	got := map[ruledef.ID]string{}
	for _, r := range ruledef.All() {
		got[r.ID] = r.Name
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
}

var (
	idPattern   = regexp.MustCompile(`^TC[0-9]{3}$`)
	namePattern = regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
)

// TestRegistry checks each entry: an id in order, a name, a group, its
// severities and its doctrine.
func TestRegistry(t *testing.T) {
	all := ruledef.All()
	if len(all) == 0 {
		t.Fatal("no rule")
	}
	names := map[string]ruledef.ID{}
	for i, r := range all {
		if !idPattern.MatchString(string(r.ID)) {
			t.Errorf("%q: not an id like TC001", r.ID)
		}
		if want := ruledef.ID(fmt.Sprintf("TC%03d", i+1)); r.ID != want {
			t.Errorf("rule %d is %s, want %s: ids are numbered in order, none reused", i, r.ID, want)
		}
		if !namePattern.MatchString(r.Name) {
			t.Errorf("%s: name %q is not lower-case words joined by hyphens", r.ID, r.Name)
		}
		if other, dup := names[r.Name]; dup {
			t.Errorf("%s and %s are both named %q", other, r.ID, r.Name)
		}
		names[r.Name] = r.ID
		if r.Group == "" {
			t.Errorf("%s: no JUnit group", r.ID)
		}
		if r.Default == "" {
			t.Errorf("%s: no default severity", r.ID)
		}
		if r.Severity != "" && r.Default != r.Severity {
			t.Errorf("%s: default %q, but its findings are always %q", r.ID, r.Default, r.Severity)
		}
		if r.Precision != ruledef.PrecisionHigh && r.Precision != ruledef.PrecisionMedium {
			t.Errorf("%s: precision %q, want high or medium", r.ID, r.Precision)
		}
		if r.JudgesPolicy && r.Severity == "" {
			t.Errorf("%s judges the policy, which cannot set its severity: it needs a Severity", r.ID)
		}
		if len(r.Doctrine) == 0 || r.Doctrine[0] != ruledef.CloudAuCentre {
			t.Errorf("%s cites %v: want the Cloud au centre circular first", r.ID, r.Doctrine)
		}
		for _, d := range r.Doctrine {
			if _, ok := ruledef.DoctrineByID(d); !ok {
				t.Errorf("%s cites %q, which is no doctrine of the registry", r.ID, d)
			}
		}
		if got, ok := ruledef.Lookup(r.ID); !ok || got.Name != r.Name {
			t.Errorf("Lookup(%s) = %+v, %v", r.ID, got, ok)
		}
	}
	for _, g := range ruledef.Groups() {
		ids := ruledef.InGroup(g)
		if len(ids) == 0 {
			t.Errorf("group %q has no rule", g)
		}
		first, _ := ruledef.Lookup(ids[0])
		for _, id := range ids {
			if r, _ := ruledef.Lookup(id); r.JudgesPolicy != first.JudgesPolicy {
				t.Errorf("group %q tests %s on the policy file and %s on resources", g, first.ID, r.ID)
			}
		}
	}
	if _, ok := ruledef.Lookup("TC999"); ok {
		t.Error("Lookup(TC999) found a rule")
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]struct {
		id ruledef.ID
		ok bool
	}{
		"TC001": {"TC001", true}, " tc013 ": {"TC013", true}, "Tc007": {"TC007", true},
		"TC999": {"TC999", false}, "TC01": {"TC01", false}, "": {"", false},
	} {
		if id, ok := ruledef.Parse(in); id != want.id || ok != want.ok {
			t.Errorf("Parse(%q) = %q, %v; want %q, %v", in, id, ok, want.id, want.ok)
		}
	}
}

// TestTexts: every rule has its texts in every language, its English
// title is its name, and the other languages translate it.
func TestTexts(t *testing.T) {
	for _, r := range ruledef.All() {
		for _, l := range i18n.Supported {
			for _, key := range []string{"rule." + string(r.ID) + ".title", "rule." + string(r.ID) + ".summary",
				"rule." + string(r.ID) + ".short", "rule." + string(r.ID) + ".help", "doctrine.circular." + string(r.ID)} {
				if s, ok := i18n.Lookup(l, key); !ok || s == "" {
					t.Errorf("%s: %q is not in the %s catalog", r.ID, key, l)
				}
			}
			if r.Summary(l) == "" || r.Short(l) == "" || r.Help(l) == "" {
				t.Errorf("%s, %s: summary %q, short %q, help %q", r.ID, l, r.Summary(l), r.Short(l), r.Help(l))
			}
			cites := r.Citations()
			if len(cites) != len(r.Doctrine) {
				t.Errorf("%s: %d citations of %d doctrine references", r.ID, len(cites), len(r.Doctrine))
			}
			for _, c := range cites {
				if s := c.In(l); s == "" || regexp.MustCompile(`%!|^doctrine\.`).MatchString(s) {
					t.Errorf("%s, %s: citation %q", r.ID, l, s)
				}
			}
		}
		if got := r.Title(i18n.English); got != r.Name {
			t.Errorf("%s: English title %q, want the rule name %q", r.ID, got, r.Name)
		}
		if got := r.Title(i18n.French); got == r.Name || got == "" {
			t.Errorf("%s: French title %q is not a translation of %q", r.ID, got, r.Name)
		}
		if r.Summary(i18n.French) == r.Summary(i18n.English) || r.Help(i18n.French) == r.Help(i18n.English) {
			t.Errorf("%s: French summary or help is the English one", r.ID)
		}
	}
	// A rule the registry lacks keeps its name and has no text.
	unknown := ruledef.Rule{ID: "TC999", Name: "from-the-future"}
	if unknown.Title(i18n.French) != "from-the-future" || unknown.Summary(i18n.French) != "" || unknown.Help(i18n.English) != "" {
		t.Errorf("unknown rule: %q %q %q", unknown.Title(i18n.French), unknown.Summary(i18n.French), unknown.Help(i18n.English))
	}
}

// TestDoctrines: every text the rules rest on has an id, a title and a
// citation, and some rule cites it.
func TestDoctrines(t *testing.T) {
	cited := map[ruledef.DoctrineID]bool{}
	for _, r := range ruledef.All() {
		for _, d := range r.Doctrine {
			cited[d] = true
		}
	}
	seen := map[ruledef.DoctrineID]bool{}
	for _, d := range ruledef.Doctrines() {
		if d.ID == "" || d.Title == "" || d.Citation == "" {
			t.Errorf("doctrine %+v: id, title and citation are required", d)
		}
		if seen[d.ID] {
			t.Errorf("doctrine %s listed twice", d.ID)
		}
		seen[d.ID] = true
		if !cited[d.ID] {
			t.Errorf("no rule cites doctrine %s", d.ID)
		}
	}
}

func TestLink(t *testing.T) {
	r, _ := ruledef.Lookup(ruledef.TC006)
	if got, want := r.Link(), "https://github.com/trustcloud/trustcloud/blob/main/docs/rules/TC006.md"; got != want {
		t.Errorf("Link() = %s, want %s", got, want)
	}
	if got, want := r.Page(), "docs/rules/TC006.md"; got != want {
		t.Errorf("Page() = %s, want %s", got, want)
	}
	if got, want := r.SectionLink(), "https://github.com/trustcloud/trustcloud/blob/main/docs/guides/rules.md#tc006-cross-border-replication"; got != want {
		t.Errorf("SectionLink() = %s, want %s", got, want)
	}
}
