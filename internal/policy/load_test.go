package policy

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// loadOverride loads testdata/override.hcl, which several tests query.
func loadOverride(t *testing.T) *Policy {
	t.Helper()
	p, diags := Load(filepath.Join("testdata", "override.hcl"))
	if len(diags) > 0 {
		t.Fatalf("Load(override.hcl):\n%s", FormatDiagnostics(diags))
	}
	return p
}

// TestOverride checks how a file changes its profile: a redefined level
// keeps its place and the settings the file leaves out, a new level comes
// last with the defaults, aliases and rule severities are added, lists are
// replaced, and default_level and module rules may use aliases.
func TestOverride(t *testing.T) {
	p := loadOverride(t)

	want := Default()
	want.RuleSeverity["TC007"] = SeverityCritical
	c := &want.Classification
	c.DefaultLevel = "internal"
	c.TagKeys = []string{"classification", "data_sensitivity"}
	c.Aliases["c2"] = "sensitive"
	c.Aliases["confidentiel"] = "sensitive"
	c.Modules = []ModuleRule{
		{Glob: "module.health_*", Level: "sensitive"},
		{Glob: "module.legacy.**", Level: "internal"},
	}
	sensitive := want.Level("sensitive")
	sensitive.AllowedCountries = []string{"FR", "DE"}
	sensitive.AllowPending = true
	sensitive.RuleSeverity = map[string]Severity{"TC003": SeverityMedium}
	want.Levels = append(want.Levels, &Level{
		Name:                  "secret",
		Description:           "Beyond Diffusion Restreinte.",
		AllowedArea:           AreaAny,
		AllowedCountries:      []string{"FR"},
		RequireSecNumCloud:    true,
		UnknownLocation:       UnknownWarn,
		AllowExtraterritorial: true,
		Severity:              SeverityCritical,
	})
	want.Waivers = []*Waiver{
		{
			ID:         "DER-2026-004",
			Addresses:  []string{"module.legacy.aws_s3_bucket.*"},
			Rules:      []string{"TC001", "TC002"},
			Reason:     "Migration to S3NS planned for Q2 2027",
			Expires:    date("2027-06-30"),
			ApprovedBy: "RSSI, ministry X",
			ApprovedOn: date("2027-03-22"),
		},
		{
			ID:         "DER-2025-001",
			Addresses:  []string{"aws_instance.bastion"},
			Reason:     "Bastion kept until the VPN goes live",
			Expires:    date("2025-12-31"),
			ApprovedBy: "RSSI",
			ApprovedOn: date("2025-09-22"),
		},
		{
			ID:         "DER-2026-010",
			Addresses:  []string{"**.aws_s3_bucket.logs"},
			Rules:      []string{"TC001"},
			Reason:     "Access logs stay with the account's home region",
			Expires:    date("2026-12-31"),
			ApprovedBy: "CISO",
			ApprovedOn: date("2026-09-22"),
		},
	}
	if diff := cmp.Diff(want, p, policyOpts); diff != "" {
		t.Errorf("policy (-want +got):\n%s", diff)
	}

	// Where things were written is kept for later diagnostics.
	if p.File != filepath.Join("testdata", "override.hcl") {
		t.Errorf("File = %q", p.File)
	}
	ranges := []struct {
		what string
		rng  hcl.Range
		line int
	}{
		{"level secret", p.Level("secret").Range, 26},
		{"level sensitive (redefined)", p.Level("sensitive").Range, 20},
		{"level public (from the profile)", p.Level("public").Range, 0},
		{"module rule 2", p.Classification.Modules[1].Range, 15},
		{"waiver DER-2025-001", p.Waivers[1].Range, 43},
	}
	for _, r := range ranges {
		if r.rng.Start.Line != r.line {
			t.Errorf("%s: range starts at line %d, want %d", r.what, r.rng.Start.Line, r.line)
		}
	}
}

func TestOverrideDetails(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		check func(t *testing.T, p *Policy)
	}{
		{
			name: "no profile attribute starts from the default profile",
			src:  `level "internal" { severity = "high" }`,
			check: func(t *testing.T, p *Policy) {
				if p.Profile != DefaultProfile || len(p.Levels) != 4 || p.Level("internal").Severity != SeverityHigh {
					t.Errorf("got profile %q, %d levels, internal severity %q", p.Profile, len(p.Levels), p.Level("internal").Severity)
				}
			},
		},
		{
			name: "setting only allowed_area clears the profile's countries",
			src:  `level "restricted" { allowed_area = "eu" }`,
			check: func(t *testing.T, p *Policy) {
				l := p.Level("restricted")
				if l.AllowedArea != AreaEU || len(l.AllowedCountries) != 0 || !l.RequireSecNumCloud {
					t.Errorf("restricted = %+v; want area EU, no countries, SecNumCloud still required", l)
				}
			},
		},
		{
			name: "allowed_countries = [] clears the countries",
			src:  `level "restricted" { allowed_countries = [] }`,
			check: func(t *testing.T, p *Policy) {
				if l := p.Level("restricted"); l.AllowedArea != AreaEEA || len(l.AllowedCountries) != 0 {
					t.Errorf("restricted = %+v; want area EEA, no countries", l)
				}
			},
		},
		{
			name: "tag_keys = [] disables tags",
			src:  `classification { tag_keys = [] }`,
			check: func(t *testing.T, p *Policy) {
				if p.Classification.TagKeys == nil || len(p.Classification.TagKeys) != 0 {
					t.Errorf("TagKeys = %#v, want an empty list", p.Classification.TagKeys)
				}
			},
		},
		{
			name: "an alias may restate the profile's",
			src:  `classification { aliases = { PUBLIC = "public", DR = "restricted" } }`,
			check: func(t *testing.T, p *Policy) {
				if got, _ := p.NormalizeLevel("dr"); got != "restricted" {
					t.Errorf("dr → %q", got)
				}
			},
		},
		{
			name: "a policy-wide rule_severity adds to the profile's",
			src:  `rule_severity = { TC004 = "Low" }`,
			check: func(t *testing.T, p *Policy) {
				want := map[string]Severity{"TC004": SeverityLow, "TC007": SeverityHigh, "TC010": SeverityLow}
				if diff := cmp.Diff(want, p.RuleSeverity); diff != "" {
					t.Errorf("RuleSeverity (-want +got):\n%s", diff)
				}
			},
		},
		{
			name: "a level's rule_severity adds to the profile's",
			src: `
level "secret" { rule_severity = { TC001 = "high" } }
level "top"    { severity = "critical" }
`,
			check: func(t *testing.T, p *Policy) {
				if p.LevelRank("secret") != 5 || p.LevelRank("top") != 6 {
					t.Errorf("new levels ranked %d and %d, want 5 and 6", p.LevelRank("secret"), p.LevelRank("top"))
				}
				if got := p.Level("secret").RuleSeverity; got["TC001"] != SeverityHigh {
					t.Errorf("secret rule severities = %v", got)
				}
			},
		},
		{
			name: "profile none",
			src: `
profile = "none"
classification { default_level = "open" }
level "open"   {}
level "closed" {
  allowed_area = "EU"
  severity     = "high"
}
`,
			check: func(t *testing.T, p *Policy) {
				want := &Policy{
					Profile: ProfileNone,
					Classification: Classification{
						DefaultLevel: "open",
						TagKeys:      []string{"data_sensitivity", "trustcloud_sensitivity"},
						ModuleInputs: []string{"data_sensitivity"},
					},
					Levels: []*Level{
						{Name: "open", AllowedArea: AreaAny, UnknownLocation: UnknownDeny, AllowExtraterritorial: true, Severity: SeverityMedium},
						{Name: "closed", AllowedArea: AreaEU, UnknownLocation: UnknownDeny, AllowExtraterritorial: true, Severity: SeverityHigh},
					},
				}
				if diff := cmp.Diff(want, p, policyOpts); diff != "" {
					t.Errorf("policy (-want +got):\n%s", diff)
				}
				if got := p.Severity("closed", "TC007"); got != SeverityHigh {
					t.Errorf("without the profile's TC007 entry, TC007 takes the level's severity; got %q", got)
				}
			},
		},
		{
			name: "another profile",
			src: `
profile = "ca-protected-b"
classification {
  module "module.payroll" { level = "Protégé B" }
}
`,
			check: func(t *testing.T, p *Policy) {
				if level, _, ok := p.ModuleLevel("module.payroll"); p.Profile != "ca-protected-b" || !ok || level != "protected-b" {
					t.Errorf("profile %q, module.payroll → %q %v", p.Profile, level, ok)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, diags := Parse("policy.hcl", []byte(tt.src))
			if len(diags) > 0 {
				t.Fatalf("Parse:\n%s", FormatDiagnostics(diags))
			}
			tt.check(t, p)
		})
	}
}

func TestParseJSON(t *testing.T) {
	src := `{
  "profile": "eu-residency",
  "classification": {"module": {"module.crm_*": {"level": "confidential"}}},
  "level": {"confidential": {"allowed_countries": ["IE"]}},
  "waiver": {"W-1": {"addresses": ["aws_s3_bucket.x"], "reason": "r", "expires": "2027-01-01", "approved_by": "me", "approved_on": "2026-10-01"}}
}`
	p, diags := Parse("policy.json", []byte(src))
	if len(diags) > 0 {
		t.Fatalf("Parse:\n%s", FormatDiagnostics(diags))
	}
	if level, glob, ok := p.ModuleLevel("module.crm_eu"); !ok || level != "confidential" || glob != "module.crm_*" {
		t.Errorf("ModuleLevel = %q, %q, %v", level, glob, ok)
	}
	if got := p.Level("confidential").AllowedCountries; len(got) != 1 || got[0] != "IE" {
		t.Errorf("confidential countries = %v", got)
	}
	if len(p.Waivers) != 1 || p.Waivers[0].ID != "W-1" {
		t.Errorf("waivers = %+v", p.Waivers)
	}

	_, diags = Parse("policy.json", []byte(`{"level": {"confidential": {"severity": "extreme"}}}`))
	if got := diagList(diags); len(got) != 1 || got[0] != (diagWant{"policy.json:1,41", "Invalid severity"}) {
		t.Errorf("diagnostics = %v", got)
	}
}

type diagWant struct {
	At      string // file:line,col of the subject's start
	Summary string
}

func diagList(diags hcl.Diagnostics) []diagWant {
	var out []diagWant
	for _, d := range diags {
		at := "(no subject)"
		if d.Subject != nil {
			at = fmt.Sprintf("%s:%d,%d", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
		}
		out = append(out, diagWant{at, d.Summary})
	}
	return out
}

// TestDiagnostics makes one mistake of each kind and checks where the
// diagnostic points and what it says.
func TestDiagnostics(t *testing.T) {
	const waiverTail = `
  reason      = "r"
  expires     = "2027-01-01"
  approved_by = "me"
  approved_on = "2026-09-23"
}`
	tests := []struct {
		name       string
		src        string
		want       []diagWant
		wantDetail string // part of the first diagnostic's detail
	}{
		{
			name: "syntax error",
			src:  "level \"x\" {\n  severity = \n}\n",
			want: []diagWant{{"p.hcl:2,14", "Invalid expression"}},
		},
		{
			name: "unknown top-level attribute",
			src:  "profile = \"eu-residency\"\ncolour = \"blue\"\n",
			want: []diagWant{{"p.hcl:2,1", "Unsupported argument"}},
		},
		{
			name: "unknown block",
			src:  "rule \"TC001\" {}\n",
			want: []diagWant{{"p.hcl:1,1", "Unsupported block type"}},
		},
		{
			name: "unknown level attribute",
			src:  "level \"internal\" {\n  allowed_regions = [\"eu-west-3\"]\n}\n",
			want: []diagWant{{"p.hcl:2,3", "Unsupported argument"}},
		},
		{
			name: "two classification blocks",
			src:  "classification {}\nclassification {}\n",
			want: []diagWant{{"p.hcl:2,1", "Duplicate classification block"}},
		},
		{
			name:       "unknown profile",
			src:        `profile = "fr-cloud"`,
			want:       []diagWant{{"p.hcl:1,11", `Unknown profile "fr-cloud"`}},
			wantDetail: `Use one of "ca-protected-b", "eu-residency", "fr-cloud-au-centre", "none".`,
		},
		{
			name:       "profile from a variable",
			src:        "profile = var.profile\n",
			want:       []diagWant{{"p.hcl:1,11", "Invalid profile"}},
			wantDetail: "profile must be a literal string",
		},
		{
			name: "profile from a function",
			src:  "profile = lower(\"EU-RESIDENCY\")\n",
			want: []diagWant{{"p.hcl:1,11", "Invalid profile"}},
		},
		{
			name: "profile that is not a string",
			src:  "profile = 3\n",
			want: []diagWant{{"p.hcl:1,11", "Invalid profile"}},
		},
		{
			name: "value from a variable",
			src:  "level \"internal\" {\n  severity = var.sev\n}\n",
			want: []diagWant{{"p.hcl:2,14", "Variables not allowed"}},
		},
		{
			name: "wrong type",
			src:  "level \"internal\" {\n  require_secnumcloud = \"yes\"\n}\n",
			want: []diagWant{{"p.hcl:2,26", "Unsuitable value type"}},
		},
		{
			name:       "unknown default level",
			src:        "classification {\n  default_level = \"internl\"\n}\n",
			want:       []diagWant{{"p.hcl:2,19", `Unknown level "internl"`}},
			wantDetail: `Levels: "public", "internal", "sensitive", "restricted" (did you mean "internal"?).`,
		},
		{
			name: "unknown module level",
			src:  "classification {\n  module \"module.db\" {\n    level = \"secret\"\n  }\n}\n",
			want: []diagWant{{"p.hcl:3,13", `Unknown level "secret"`}},
		},
		{
			name: "module block without level",
			src:  "classification {\n  module \"module.db\" {\n  }\n}\n",
			want: []diagWant{{"p.hcl:2,3", "Missing module level"}},
		},
		{
			name:       "alias of an unknown level",
			src:        "classification {\n  aliases = { c3 = \"secret\" }\n}\n",
			want:       []diagWant{{"p.hcl:2,20", `Unknown level "secret"`}},
			wantDetail: "An alias must name a level, not another alias.",
		},
		{
			name: "alias of an alias",
			src:  "classification {\n  aliases = { s = \"sensible\" }\n}\n",
			want: []diagWant{{"p.hcl:2,19", `Unknown level "sensible"`}},
		},
		{
			name: "alias that hides a level",
			src:  "classification {\n  aliases = { internal = \"public\" }\n}\n",
			want: []diagWant{{"p.hcl:2,15", "Alias hides a level"}},
		},
		{
			name: "duplicate alias",
			src:  "classification {\n  aliases = { c2 = \"sensitive\", C2 = \"internal\" }\n}\n",
			want: []diagWant{{"p.hcl:2,33", "Duplicate alias"}},
		},
		{
			name: "empty alias",
			src:  "classification {\n  aliases = { \"\" = \"sensitive\" }\n}\n",
			want: []diagWant{{"p.hcl:2,15", "Empty alias"}},
		},
		{
			name: "empty tag key",
			src:  "classification {\n  tag_keys = [\"a\", \" \"]\n}\n",
			want: []diagWant{{"p.hcl:2,20", "Empty tag key"}},
		},
		{
			name: "invalid module input",
			src:  "classification {\n  module_inputs = [\"data sensitivity\"]\n}\n",
			want: []diagWant{{"p.hcl:2,20", "Invalid module input"}},
		},
		{
			name: "map expected",
			src:  "classification {\n  aliases = \"sensible\"\n}\n",
			want: []diagWant{{"p.hcl:2,14", "Invalid expression"}}, // hcl points inside the quotes
		},
		{
			name: "string expected in a map",
			src:  "rule_severity = { TC001 = [\"high\"] }\n",
			want: []diagWant{{"p.hcl:1,27", "Unsuitable value type"}},
		},
		{
			name: "string expected for a module level",
			src:  "classification {\n  module \"module.db\" {\n    level = [\"sensitive\"]\n  }\n}\n",
			want: []diagWant{{"p.hcl:3,13", "Unsuitable value type"}},
		},
		{
			name: "list expected",
			src:  "classification {\n  tag_keys = \"data_sensitivity\"\n}\n",
			want: []diagWant{{"p.hcl:2,15", "Invalid expression"}},
		},
		{
			name:       "invalid module glob",
			src:        "classification {\n  module \"module.db[\" {\n    level = \"sensitive\"\n  }\n}\n",
			want:       []diagWant{{"p.hcl:2,10", "Invalid module glob"}},
			wantDetail: `"module.db[": unclosed instance key at offset 9.`,
		},
		{
			name:       "module glob that cannot match a module",
			src:        "classification {\n  module \"db_*\" {\n    level = \"sensitive\"\n  }\n}\n",
			want:       []diagWant{{"p.hcl:2,10", "Invalid module glob"}},
			wantDetail: "module addresses start with",
		},
		{
			name:       "bad severity",
			src:        "level \"internal\" {\n  severity = \"severe\"\n}\n",
			want:       []diagWant{{"p.hcl:2,14", "Invalid severity"}},
			wantDetail: `"severe": use one of "info", "low", "medium", "high", "critical".`,
		},
		{
			name: "bad severity in rule_severity",
			src:  "level \"internal\" {\n  rule_severity = { TC003 = \"urgent\" }\n}\n",
			want: []diagWant{{"p.hcl:2,29", "Invalid severity"}},
		},
		{
			name:       "unknown rule in a level's rule_severity",
			src:        "level \"internal\" {\n  rule_severity = { TC099 = \"low\" }\n}\n",
			want:       []diagWant{{"p.hcl:2,21", `Unknown rule "TC099"`}},
			wantDetail: "Rules are TC001, TC002, TC003, TC004, TC005, TC006, TC007, TC008, TC009, TC010, TC011, TC012, TC013 (did you mean",
		},
		{
			name: "unknown rule in the policy's rule_severity",
			src:  "rule_severity = {\n  TC07 = \"low\"\n}\n",
			want: []diagWant{{"p.hcl:2,3", `Unknown rule "TC07"`}},
		},
		{
			name: "duplicate rule in rule_severity",
			src:  "rule_severity = { TC003 = \"low\", tc003 = \"high\" }\n",
			want: []diagWant{{"p.hcl:1,34", "Duplicate rule"}},
		},
		{
			name:       "bad area",
			src:        "level \"internal\" {\n  allowed_area = \"Europe\"\n}\n",
			want:       []diagWant{{"p.hcl:2,18", "Invalid allowed area"}},
			wantDetail: `"Europe": allowed_area is "EU", "EEA" or "any"`,
		},
		{
			name:       "bad country code",
			src:        "level \"internal\" {\n  allowed_countries = [\"FR\", \"FRA\", \"XX\"]\n}\n",
			want:       []diagWant{{"p.hcl:2,30", "Invalid country code"}, {"p.hcl:2,37", "Invalid country code"}},
			wantDetail: `"FRA" is not an ISO 3166-1 alpha-2 code`,
		},
		{
			name: "bad unknown_location",
			src:  "level \"internal\" {\n  unknown_location = \"ignore\"\n}\n",
			want: []diagWant{{"p.hcl:2,22", "Invalid unknown_location"}},
		},
		{
			name:       "duplicate level",
			src:        "level \"secret\" {}\nlevel \"secret\" {}\n",
			want:       []diagWant{{"p.hcl:2,7", "Duplicate level"}},
			wantDetail: `Level "secret" is already defined at p.hcl:1,7-15`,
		},
		{
			name: "invalid level name",
			src:  "level \"Top Secret\" {}\n",
			want: []diagWant{{"p.hcl:1,7", "Invalid level name"}},
		},
		{
			name: "profile none without levels",
			src:  "profile = \"none\"\n",
			want: []diagWant{{"p.hcl:1,1", "No levels"}},
		},
		{
			name: "profile none without default level",
			src:  "profile = \"none\"\nlevel \"open\" {}\n",
			want: []diagWant{{"p.hcl:1,1", "Missing default level"}},
		},
		{
			name:       "bad expiry date",
			src:        "waiver \"W-1\" {\n  addresses   = [\"aws_s3_bucket.x\"]\n  reason      = \"r\"\n  expires     = \"30/06/2027\"\n  approved_by = \"me\"\n  approved_on = \"2026-09-22\"\n}\n",
			want:       []diagWant{{"p.hcl:4,17", "Invalid expiry date"}},
			wantDetail: `"30/06/2027" is not a date in the form YYYY-MM-DD`,
		},
		{
			name:       "waiver longer than max_waiver_days",
			src:        "waiver \"W-1\" {\n  addresses   = [\"aws_s3_bucket.x\"]\n  reason      = \"r\"\n  expires     = \"2028-06-30\"\n  approved_by = \"me\"\n  approved_on = \"2026-06-01\"\n}\n",
			want:       []diagWant{{"p.hcl:4,17", "Waiver too long"}},
			wantDetail: "longer than the policy's max_waiver_days (365)",
		},
		{
			name: "waiver ending before its approval",
			src:  "waiver \"W-1\" {\n  addresses   = [\"aws_s3_bucket.x\"]\n  reason      = \"r\"\n  expires     = \"2026-01-31\"\n  approved_by = \"me\"\n  approved_on = \"2026-06-01\"\n}\n",
			want: []diagWant{{"p.hcl:4,17", "Waiver ends before its approval"}},
		},
		{
			name:       "unknown disabled rule",
			src:        "disabled_rules = [\"TC010\", \"TC01\"]\n",
			want:       []diagWant{{"p.hcl:1,28", `Unknown rule "TC01"`}},
			wantDetail: `(did you mean "TC001"?)`,
		},
		{
			name:       "TC013 disabled",
			src:        "disabled_rules = [\"tc013\"]\n",
			want:       []diagWant{{"p.hcl:1,19", "TC013 cannot be disabled"}},
			wantDetail: "judges the policy file itself",
		},
		{
			name: "rule disabled twice",
			src:  "disabled_rules = [\"TC010\", \"tc010\"]\n",
			want: []diagWant{{"p.hcl:1,28", "Duplicate rule"}},
		},
		{
			name: "disabled_rules not a list",
			src:  "disabled_rules = \"TC010\"\n",
			want: []diagWant{{"p.hcl:1,19", "Invalid expression"}},
		},
		{
			name: "allow_inline_waivers not a bool",
			src:  "allow_inline_waivers = \"yes please\"\n",
			want: []diagWant{{"p.hcl:1,25", "Unsuitable value type"}},
		},
		{
			name: "invalid max_waiver_days",
			src:  "max_waiver_days = 0\n",
			want: []diagWant{{"p.hcl:1,19", "Invalid max_waiver_days"}},
		},
		{
			name: "impossible expiry date",
			src:  "waiver \"W-1\" {\n  addresses   = [\"aws_s3_bucket.x\"]\n  reason      = \"r\"\n  expires     = \"2027-02-30\"\n  approved_by = \"me\"\n  approved_on = \"2026-06-01\"\n}\n",
			want: []diagWant{{"p.hcl:4,17", "Invalid expiry date"}},
		},
		{
			name: "waiver for an unknown rule",
			src:  "waiver \"W-1\" {\n  addresses   = [\"aws_s3_bucket.x\"]\n  rules       = [\"TC001\", \"TC099\"]" + waiverTail,
			want: []diagWant{{"p.hcl:3,27", `Unknown rule "TC099"`}},
		},
		{
			name: "duplicate waiver",
			src: "waiver \"W-1\" {\n  addresses   = [\"aws_s3_bucket.x\"]" + waiverTail + "\n" +
				"waiver \"W-1\" {\n  addresses   = [\"aws_s3_bucket.y\"]" + waiverTail + "\n",
			want:       []diagWant{{"p.hcl:8,8", "Duplicate waiver"}},
			wantDetail: `Waiver "W-1" is already defined at p.hcl:1,8-13`,
		},
		{
			name: "empty waiver id",
			src:  "waiver \"\" {\n  addresses   = [\"aws_s3_bucket.x\"]" + waiverTail,
			want: []diagWant{{"p.hcl:1,8", "Empty waiver id"}},
		},
		{
			name:       "bad address glob",
			src:        "waiver \"W-1\" {\n  addresses   = [\"aws_s3_bucket.x\", \"module.a..b\"]" + waiverTail,
			want:       []diagWant{{"p.hcl:2,37", "Invalid address glob"}},
			wantDetail: `"module.a..b": empty step at offset 9`,
		},
		{
			name: "empty waiver addresses",
			src:  "waiver \"W-1\" {\n  addresses   = []" + waiverTail,
			want: []diagWant{{"p.hcl:2,17", "Empty waiver addresses"}},
		},
		{
			name: "missing waiver addresses",
			src:  "waiver \"W-1\" {" + waiverTail,
			want: []diagWant{{"p.hcl:1,1", "Missing waiver addresses"}},
		},
		{
			name:       "missing reason",
			src:        "waiver \"W-1\" {\n  addresses   = [\"aws_s3_bucket.x\"]\n  expires     = \"2027-01-01\"\n  approved_by = \"me\"\n  approved_on = \"2026-09-23\"\n}\n",
			want:       []diagWant{{"p.hcl:1,1", "Missing waiver reason"}},
			wantDetail: `Waiver "W-1" must say why the exception is needed and how it will end: add reason = "…".`,
		},
		{
			name: "missing expiry",
			src:  "waiver \"W-1\" {\n  addresses   = [\"aws_s3_bucket.x\"]\n  reason      = \"r\"\n  approved_by = \"me\"\n  approved_on = \"2026-09-23\"\n}\n",
			want: []diagWant{{"p.hcl:1,1", "Missing waiver expiry"}},
		},
		{
			name: "missing approval",
			src:  "waiver \"W-1\" {\n  addresses   = [\"aws_s3_bucket.x\"]\n  reason      = \"r\"\n  expires     = \"2027-01-01\"\n}\n",
			want: []diagWant{{"p.hcl:1,1", "Missing waiver approved_by"}, {"p.hcl:1,1", "Missing waiver approval date"}},
		},
		{
			name: "empty reason",
			src:  "waiver \"W-1\" {\n  addresses   = [\"aws_s3_bucket.x\"]\n  reason      = \"  \"\n  expires     = \"2027-01-01\"\n  approved_by = \"me\"\n  approved_on = \"2026-09-23\"\n}\n",
			want: []diagWant{{"p.hcl:3,17", "Empty waiver reason"}},
		},
		{
			name: "several problems are all reported",
			src: "classification {\n  default_level = \"nope\"\n}\n" +
				"level \"internal\" {\n  severity = \"x\"\n  allowed_area = \"mars\"\n}\n",
			want: []diagWant{
				{"p.hcl:6,18", "Invalid allowed area"},
				{"p.hcl:5,14", "Invalid severity"},
				{"p.hcl:2,19", `Unknown level "nope"`},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, diags := Parse("p.hcl", []byte(tt.src))
			if p != nil {
				t.Errorf("Parse returned a policy along with errors")
			}
			if diff := cmp.Diff(tt.want, diagList(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s\n%s", diff, FormatDiagnostics(diags))
			}
			if len(diags) > 0 && !strings.Contains(diags[0].Detail, tt.wantDetail) {
				t.Errorf("detail = %q, want it to contain %q", diags[0].Detail, tt.wantDetail)
			}
			if !diags.HasErrors() {
				t.Errorf("no error among the diagnostics")
			}
		})
	}
}

func TestLoad(t *testing.T) {
	p, diags := Load("")
	if len(diags) != 0 || p.Profile != DefaultProfile || p.File != "" {
		t.Errorf(`Load("") = profile %q, file %q, diags %v; want the default profile`, p.Profile, p.File, diags)
	}

	missing := filepath.Join(t.TempDir(), "missing.hcl")
	p, diags = Load(missing)
	if p != nil {
		t.Error("Load(missing file) returned a policy")
	}
	want := missing + ": Cannot read policy file; no such file or directory. " +
		"Check the path; `trustcloud policy init FILE` writes a starter policy.\n"
	if got := FormatDiagnostics(diags); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.hcl")
	bad := filepath.Join(dir, "bad.hcl")
	if err := os.WriteFile(good, []byte(`profile = "eu-residency"`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("level \"internal\" {\n  severity = \"x\"\n  allowed_area = \"mars\"\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Validate(good); err != nil {
		t.Errorf("Validate(good): %v", err)
	}
	err := Validate(bad)
	want := bad + `:3,18: Invalid allowed area; "mars": allowed_area is "EU", "EEA" or "any"; ` +
		"to allow a list of countries, set allowed_countries.\n" +
		bad + `:2,14: Invalid severity; "x": use one of "info", "low", "medium", "high", "critical".`
	if err == nil || err.Error() != want {
		t.Errorf("Validate(bad) = %v\nwant %s", err, want)
	}
	var pe *Error
	if !errors.As(err, &pe) {
		t.Errorf("Validate(bad) returned a %T, want *Error", err)
	}
}

// TestTrustedRegistries: private mirrors are host names; a URL, a path or
// a public registry is refused with the place.
func TestTrustedRegistries(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.hcl")
	if err := os.WriteFile(good, []byte(`trusted_registries = ["Registry.Example.gouv.fr", "mirror.internal:8443", "registry.example.gouv.fr"]`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, diags := Load(good)
	if diags.HasErrors() {
		t.Fatal(FormatDiagnostics(diags))
	}
	if diff := cmp.Diff([]string{"registry.example.gouv.fr", "mirror.internal:8443"}, p.TrustedRegistries); diff != "" {
		t.Errorf("trusted registries (-want +got):\n%s", diff)
	}
	if got := p.Effective().TrustedRegistries; len(got) != 2 {
		t.Errorf("effective policy: %v", got)
	}
	for value, want := range map[string]string{
		`["https://registry.example.gouv.fr/v1"]`: "not a registry host name",
		`["registry.terraform.io"]`:               "public registry",
		`"registry.example.gouv.fr"`:              "",
	} {
		bad := filepath.Join(dir, "bad.hcl")
		if err := os.WriteFile(bad, []byte("trusted_registries = "+value+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, diags := Load(bad)
		msg := FormatDiagnostics(diags)
		if !diags.HasErrors() || !strings.Contains(msg, "bad.hcl:1,") || !strings.Contains(msg, want) {
			t.Errorf("trusted_registries = %s: %s", value, msg)
		}
	}
}

// TestExpiryWarningDays: the profiles warn 60 days ahead; a file may say
// otherwise with a whole number of days, and nothing else.
func TestExpiryWarningDays(t *testing.T) {
	if got := Default().ExpiryWarningDays; got != 60 {
		t.Errorf("default expiry_warning_days = %d, want 60", got)
	}
	dir := t.TempDir()
	for src, want := range map[string]string{
		"expiry_warning_days = 90\n":    "",
		"expiry_warning_days = 0\n":     "",
		"expiry_warning_days = -1\n":    "Invalid expiry_warning_days",
		"expiry_warning_days = 1.5\n":   "Invalid expiry_warning_days",
		"expiry_warning_days = \"x\"\n": "Invalid expiry_warning_days",
	} {
		f := filepath.Join(dir, "p.hcl")
		if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		p, diags := Load(f)
		msg := FormatDiagnostics(diags)
		switch {
		case want == "" && diags.HasErrors():
			t.Errorf("%q: %s", src, msg)
		case want != "" && (!diags.HasErrors() || !strings.Contains(msg, want) || !strings.Contains(msg, "p.hcl:1,")):
			t.Errorf("%q: %s", src, msg)
		case want == "" && src == "expiry_warning_days = 90\n" && p.ExpiryWarningDays != 90:
			t.Errorf("%q: %d", src, p.ExpiryWarningDays)
		}
	}
}
