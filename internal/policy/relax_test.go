package policy

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// inEEA stands for the catalog's areas in these tests.
func inEEA(area, country string) bool {
	return slices.Contains([]string{"FR", "DE", "IT", "NO"}, country) && (area == AreaEEA || country != "NO")
}

func TestRelaxations(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []string // what, in order
	}{
		{name: "the profile alone", src: `profile = "fr-cloud-au-centre"` + "\n", want: nil},
		{name: "stricter only", src: "level \"internal\" {\n  unknown_location = \"deny\"\n  allowed_countries = [\"FR\", \"DE\"]\n}\nlevel \"restricted\" {\n  severity = \"critical\"\n}\n", want: nil},
		{name: "internal widened to any area", src: "level \"internal\" {\n  allowed_area = \"any\"\n}\n", want: []string{"level.internal.allowed_area"}},
		{name: "internal to countries outside the EEA", src: "level \"internal\" {\n  allowed_countries = [\"FR\", \"US\"]\n}\n", want: []string{"level.internal.allowed_area"}},
		{name: "restricted gains a country", src: "level \"restricted\" {\n  allowed_countries = [\"FR\", \"DE\"]\n}\n", want: []string{"level.restricted.allowed_area"}},
		{name: "restricted to an area", src: "level \"restricted\" {\n  allowed_area = \"EU\"\n}\n", want: []string{"level.restricted.allowed_area"}},
		{name: "sensitive drops SecNumCloud", src: "level \"sensitive\" {\n  require_secnumcloud = false\n}\n", want: []string{"level.sensitive.require_secnumcloud"}},
		{
			name: "sensitive drops every requirement",
			src:  "level \"sensitive\" {\n  require_known_location = false\n  allow_extraterritorial = true\n  allow_pending = true\n  unknown_location = \"warn\"\n}\n",
			want: []string{"level.sensitive.require_known_location", "level.sensitive.allow_extraterritorial", "level.sensitive.allow_pending", "level.sensitive.unknown_location"},
		},
		{name: "a level's severity lowered", src: "level \"sensitive\" {\n  severity = \"medium\"\n}\n", want: []string{"level.sensitive.severity"}},
		{name: "a rule's severity lowered at a level", src: "level \"sensitive\" {\n  rule_severity = { TC002 = \"low\" }\n}\n", want: []string{"level.sensitive.rule_severity.TC002"}},
		{
			name: "a rule's severity lowered everywhere",
			src:  "rule_severity = { TC007 = \"low\" }\n",
			want: []string{"level.public.rule_severity.TC007", "level.internal.rule_severity.TC007", "level.sensitive.rule_severity.TC007", "level.restricted.rule_severity.TC007"},
		},
		{name: "default level lowered", src: "classification {\n  default_level = \"public\"\n}\n", want: []string{"default_level"}},
		{name: "default level raised", src: "classification {\n  default_level = \"sensitive\"\n}\n", want: nil},
		{name: "an alias lowered", src: "classification {\n  aliases = { sensible = \"internal\" }\n}\n", want: []string{"classification.aliases.sensible"}},
		{name: "a tag key dropped", src: "classification {\n  tag_keys = [\"classification\"]\n}\n", want: []string{"classification.tag_keys.data_sensitivity", "classification.tag_keys.trustcloud_sensitivity"}},
		{
			name: "waivers",
			src:  "waiver \"A\" {\n  addresses = [\"module.x.*\"]\n  rules = [\"TC001\"]\n  reason = \"r\"\n  expires = \"2027-01-01\"\n  approved_by = \"me\"\n  approved_on = \"2026-09-23\"\n}\nwaiver \"B\" {\n  addresses = [\"**\"]\n  reason = \"r\"\n  expires = \"2020-01-01\"\n  approved_by = \"me\"\n  approved_on = \"2019-09-23\"\n}\n",
			want: []string{"waiver.A", "waiver.B"},
		},
		{
			name: "profile none",
			src:  "profile = \"none\"\nlevel \"any\" {}\nclassification {\n  default_level = \"any\"\n}\n",
			want: []string{"profile"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, diags := Parse("p.hcl", []byte(tc.src))
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			var got []string
			for _, r := range p.Relaxations(inEEA) {
				got = append(got, r.What)
				if r.Detail == "" {
					t.Errorf("%s: no detail", r.What)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("relaxations (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRelaxationDetails(t *testing.T) {
	src := "level \"sensitive\" {\n  require_secnumcloud = false\n}\nwaiver \"DER-1\" {\n  addresses = [\"module.legacy.*\"]\n  rules = [\"TC001\", \"TC002\"]\n  reason = \"r\"\n  expires = \"2027-06-30\"\n  approved_by = \"RSSI\"\n  approved_on = \"2027-03-22\"\n}\n"
	p, diags := Parse("team/trustcloud.hcl", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	want := []Relaxation{
		{What: "level.sensitive.require_secnumcloud", Detail: "level sensitive does not require SecNumCloud, which fr-cloud-au-centre requires", At: "team/trustcloud.hcl:1:1"},
		{What: "waiver.DER-1", Detail: "waiver DER-1 exempts TC001, TC002 on module.legacy.* until 2027-06-30 (approved by RSSI)", At: "team/trustcloud.hcl:4:1"},
	}
	if diff := cmp.Diff(want, p.Relaxations(inEEA), cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Text" }, cmp.Ignore())); diff != "" {
		t.Errorf("relaxations (-want +got):\n%s", diff)
	}
	if Default().Relaxations(inEEA) != nil {
		t.Error("the built-in profile relaxes itself")
	}
}

// TestPolicyRelaxedRule: a policy can neither waive TC013 nor set its
// severity.
func TestPolicyRelaxedRule(t *testing.T) {
	for name, src := range map[string]string{
		"waiver":              "waiver \"A\" {\n  addresses = [\"**\"]\n  rules = [\"tc013\"]\n  reason = \"r\"\n  expires = \"2027-01-01\"\n  approved_by = \"me\"\n  approved_on = \"2026-09-23\"\n}\n",
		"rule_severity":       "rule_severity = { TC013 = \"info\" }\n",
		"level rule_severity": "level \"internal\" {\n  rule_severity = { TC013 = \"low\" }\n}\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, diags := Parse("p.hcl", []byte(src))
			if !diags.HasErrors() || diags[0].Summary != "TC013 cannot be "+map[string]string{"waiver": "waived"}[name]+map[bool]string{true: "given a severity"}[name != "waiver"] {
				t.Fatalf("diagnostics: %v", diags)
			}
		})
	}
}

// TestRelaxationsClassificationAndWaivers: a lower unclassified level and
// longer waivers are relaxations too.
func TestRelaxationsClassificationAndWaivers(t *testing.T) {
	p, diags := Parse("p.hcl", []byte("max_waiver_days = 730\nclassification {\n  unclassified_level = \"internal\"\n}\n"))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var whats []string
	for _, r := range p.Relaxations(nil) {
		whats = append(whats, r.What)
	}
	if !slices.Contains(whats, "unclassified_level") || !slices.Contains(whats, "max_waiver_days") {
		t.Errorf("relaxations %v", whats)
	}
}

// TestRelaxationsRuleControl: disabling a rule the profile keeps and
// allowing inline waivers are relaxations, each pointing at its
// attribute; the rule is disabled whatever its case, and a lowered
// severity at one level is one too.
func TestRelaxationsRuleControl(t *testing.T) {
	src := "disabled_rules = [\"tc010\", \"TC005\"]\nallow_inline_waivers = true\nlevel \"sensitive\" {\n  rule_severity = { TC002 = \"low\" }\n}\n"
	p, diags := Parse("p.hcl", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if !slices.Equal(p.DisabledRules, []string{"TC005", "TC010"}) {
		t.Errorf("DisabledRules = %v, want [TC005 TC010]", p.DisabledRules)
	}
	if !p.RuleDisabled("tc010") || p.RuleDisabled("TC001") || !p.AllowInlineWaivers {
		t.Errorf("RuleDisabled(tc010) = %v, RuleDisabled(TC001) = %v, AllowInlineWaivers = %v", p.RuleDisabled("tc010"), p.RuleDisabled("TC001"), p.AllowInlineWaivers)
	}
	if got := p.Severity("sensitive", "TC002"); got != SeverityLow {
		t.Errorf("TC002 at sensitive = %s, want low", got)
	}
	if got := p.Severity("restricted", "TC002"); got != SeverityCritical {
		t.Errorf("TC002 at restricted = %s, want critical (only sensitive changed)", got)
	}
	got := map[string]string{}
	for _, r := range p.Relaxations(nil) {
		got[r.What] = r.At
	}
	want := map[string]string{
		"disabled_rules.TC005":                "p.hcl:1:1",
		"disabled_rules.TC010":                "p.hcl:1:1",
		"allow_inline_waivers":                "p.hcl:2:1",
		"level.sensitive.rule_severity.TC002": "p.hcl:3:1",
	}
	for what, at := range want {
		if a, ok := got[what]; !ok || a != at {
			t.Errorf("relaxation %s at %q (present %v), want at %q; all: %v", what, a, ok, at, got)
		}
	}
	e := p.Effective()
	if !slices.Equal(e.DisabledRules, []string{"TC005", "TC010"}) || !e.AllowInlineWaivers {
		t.Errorf("effective policy: disabled_rules %v, allow_inline_waivers %v", e.DisabledRules, e.AllowInlineWaivers)
	}
	// The profile allows nothing of the kind.
	d := Default()
	if len(d.DisabledRules) > 0 || d.AllowInlineWaivers || len(d.Relaxations(nil)) > 0 {
		t.Errorf("default profile: disabled %v, inline %v", d.DisabledRules, d.AllowInlineWaivers)
	}
	// Restating the profile (allow_inline_waivers = false, no rule
	// disabled) relaxes nothing.
	same, diags := Parse("q.hcl", []byte("disabled_rules = []\nallow_inline_waivers = false\n"))
	if diags.HasErrors() || len(same.Relaxations(nil)) != 0 {
		t.Errorf("restated profile: %v %v", diags, same.Relaxations(nil))
	}
}
