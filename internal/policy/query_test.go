package policy

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestNormalizeLevel(t *testing.T) {
	fr := Default()
	ca, err := Profile("ca-protected-b")
	if err != nil {
		t.Fatal(err)
	}
	override := loadOverride(t)
	tests := []struct {
		name   string
		policy *Policy
		value  string
		want   string // "" when the value names no level
	}{
		{"level name", fr, "sensitive", "sensitive"},
		{"level name in capitals", fr, "PUBLIC", "public"},
		{"level name with spaces around", fr, " Sensitive ", "sensitive"},
		{"French: sensible", fr, "sensible", "sensitive"},
		{"French: DR", fr, "DR", "restricted"},
		{"French: dr", fr, "dr", "restricted"},
		{"French: Diffusion-Restreinte", fr, "Diffusion-Restreinte", "restricted"},
		{"French: diffusion restreinte", fr, "Diffusion Restreinte", "restricted"},
		{"French: interne", fr, "interne", "internal"},
		{"French: Interne", fr, "Interne", "internal"},
		{"French word not in the profile", fr, "confidentiel", ""},
		{"empty", fr, "", ""},
		{"Canada: Protégé B", ca, "Protégé B", "protected-b"},
		{"Canada: PB", ca, "PB", "protected-b"},
		{"Canada: protected_a", ca, "protected_a", "protected-a"},
		{"Canada: protected b", ca, "Protected B", "protected-b"},
		{"Canada has no French doctrine words", ca, "sensible", ""},
		{"alias added by a file", override, "C2", "sensitive"},
		{"alias added by a file, lower case", override, "confidentiel", "sensitive"},
		{"profile alias kept by a file", override, "DR", "restricted"},
		{"level added by a file", override, "Secret", "secret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.policy.NormalizeLevel(tt.value)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("NormalizeLevel(%q) = %q, %v; want %q", tt.value, got, ok, tt.want)
			}
		})
	}
}

func TestLevelAndRank(t *testing.T) {
	p := loadOverride(t)
	tests := []struct {
		name string
		rank int
	}{
		{"public", 1},
		{"internal", 2},
		{"SENSITIVE", 3},
		{"restricted", 4},
		{"secret", 5},
		{"sensible", 0}, // an alias is not a level name
		{"", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.LevelRank(tt.name); got != tt.rank {
				t.Errorf("LevelRank(%q) = %d, want %d", tt.name, got, tt.rank)
			}
			if l := p.Level(tt.name); (l != nil) != (tt.rank > 0) || l != nil && l != p.Levels[tt.rank-1] {
				t.Errorf("Level(%q) = %+v", tt.name, l)
			}
		})
	}
}

func TestModuleLevel(t *testing.T) {
	p := loadOverride(t)
	tests := []struct {
		module      string
		level, glob string
	}{
		{"module.health_records", "sensitive", "module.health_*"},
		{"module.health_records[0]", "sensitive", "module.health_*"},
		{`module.health_records["eu"]`, "sensitive", "module.health_*"},
		{"module.health_records.module.db", "", ""}, // "*" stays within a step
		{"module.legacy", "internal", "module.legacy.**"},
		{"module.legacy.module.s3", "internal", "module.legacy.**"},
		{"module.legacy_v2", "", ""},
		{"module.app.module.health_records", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.module, func(t *testing.T) {
			level, glob, ok := p.ModuleLevel(tt.module)
			if level != tt.level || glob != tt.glob || ok != (tt.level != "") {
				t.Errorf("ModuleLevel(%q) = %q, %q, %v; want %q, %q", tt.module, level, glob, ok, tt.level, tt.glob)
			}
		})
	}

	// The first matching rule wins.
	q, diags := Parse("p.hcl", []byte(`
classification {
  module "module.db_*"   { level = "restricted" }
  module "module.db_dev" { level = "public" }
  module "**"            { level = "sensitive" }
}`))
	if diags.HasErrors() {
		t.Fatal(FormatDiagnostics(diags))
	}
	for module, want := range map[string]string{"module.db_dev": "restricted", "module.web": "sensitive"} {
		if got, _, _ := q.ModuleLevel(module); got != want {
			t.Errorf("ModuleLevel(%q) = %q, want %q", module, got, want)
		}
	}
}

func TestSeverity(t *testing.T) {
	fr := Default()
	override := loadOverride(t)
	tests := []struct {
		name        string
		policy      *Policy
		level, rule string
		want        Severity
	}{
		{"internal finding", fr, "internal", "TC001", SeverityMedium},
		{"sensitive finding", fr, "sensitive", "TC002", SeverityHigh},
		{"restricted finding", fr, "restricted", "TC001", SeverityCritical},
		{"public finding", fr, "public", "TC004", SeverityLow},
		{"TC007 is high at any level", fr, "public", "TC007", SeverityHigh},
		{"TC007 is high even at restricted", fr, "restricted", "TC007", SeverityHigh},
		{"rule id in lower case", fr, "public", "tc007", SeverityHigh},
		{"level given as an alias", fr, "DR", "TC001", SeverityCritical},
		{"unknown level reads as the default level", fr, "bogus", "TC001", SeverityMedium},
		{"level rule_severity wins", override, "sensitive", "TC003", SeverityMedium},
		{"other rules keep the level severity", override, "sensitive", "TC001", SeverityHigh},
		{"unknown_location warn makes TC003 low", override, "secret", "TC003", SeverityLow},
		{"warn only changes TC003", override, "secret", "TC004", SeverityCritical},
		{"policy-wide rule_severity changed by the file", override, "internal", "TC007", SeverityCritical},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.policy.Severity(tt.level, tt.rule); got != tt.want {
				t.Errorf("Severity(%q, %q) = %q, want %q", tt.level, tt.rule, got, tt.want)
			}
		})
	}

	// A level's own entry beats the policy-wide one, and beats warn.
	p, diags := Parse("p.hcl", []byte(`
level "internal" {
  unknown_location = "warn"
  rule_severity    = { TC007 = "info", TC003 = "high" }
}`))
	if diags.HasErrors() {
		t.Fatal(FormatDiagnostics(diags))
	}
	if got := p.Severity("internal", "TC007"); got != SeverityInfo {
		t.Errorf("Severity(internal, TC007) = %q, want info", got)
	}
	if got := p.Severity("internal", "TC003"); got != SeverityHigh {
		t.Errorf("Severity(internal, TC003) = %q, want high", got)
	}
}

func TestMatchWaivers(t *testing.T) {
	p := loadOverride(t)
	tests := []struct {
		name          string
		address, rule string
		want          []string // waiver ids, in file order
	}{
		{"glob and listed rule", "module.legacy.aws_s3_bucket.data", "TC001", []string{"DER-2026-004"}},
		{"second listed rule, lower case", "module.legacy.aws_s3_bucket.data", "tc002", []string{"DER-2026-004"}},
		{"rule not listed", "module.legacy.aws_s3_bucket.data", "TC003", nil},
		{"resource instance key", "module.legacy.aws_s3_bucket.data[0]", "TC001", []string{"DER-2026-004"}},
		{"module and resource instance keys", `module.legacy["eu"].aws_s3_bucket.data["a"]`, "TC002", []string{"DER-2026-004"}},
		{"other resource type", "module.legacy.aws_s3_bucket_policy.data", "TC001", nil},
		{"child module", "module.legacy.module.x.aws_s3_bucket.data", "TC001", nil},
		{"two waivers, in file order", "module.legacy.aws_s3_bucket.logs", "TC001", []string{"DER-2026-004", "DER-2026-010"}},
		{"** at the root", "aws_s3_bucket.logs", "TC001", []string{"DER-2026-010"}},
		{"no rules means every rule", "aws_instance.bastion", "TC005", []string{"DER-2025-001"}},
		{"expired waivers still match", "aws_instance.bastion[1]", "TC001", []string{"DER-2025-001"}},
		{"same name in a module", "module.a.aws_instance.bastion", "TC001", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, w := range p.MatchWaivers(tt.address, tt.rule) {
				got = append(got, w.ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("MatchWaivers(%q, %q) (-want +got):\n%s", tt.address, tt.rule, diff)
			}
		})
	}
}

func TestExpired(t *testing.T) {
	w := &Waiver{ID: "W", Expires: date("2027-06-30")}
	paris := time.FixedZone("CEST", 2*3600)
	montreal := time.FixedZone("EDT", -4*3600)
	tests := []struct {
		now  time.Time
		want bool
	}{
		{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2027, 6, 30, 23, 59, 59, 999999999, time.UTC), false},
		{time.Date(2027, 7, 1, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC), true},
		// The day ends in UTC, whatever the clock's zone.
		{time.Date(2027, 7, 1, 1, 0, 0, 0, paris), false},     // 2027-06-30 23:00 UTC
		{time.Date(2027, 6, 30, 21, 0, 0, 0, montreal), true}, // 2027-07-01 01:00 UTC
	}
	for _, tt := range tests {
		t.Run(tt.now.Format(time.RFC3339Nano), func(t *testing.T) {
			if got := w.Expired(tt.now); got != tt.want {
				t.Errorf("Expired(%s) = %v, want %v", tt.now, got, tt.want)
			}
		})
	}
}
