package policy

import (
	"encoding/json"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/golden"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// policyOpts compare policies by meaning: where they were written and the
// prose of descriptions are left out unless a test checks them.
var policyOpts = cmp.Options{
	cmpopts.IgnoreFields(Policy{}, "File", "SHA256", "DisabledAt", "InlineAt"),
	cmpopts.IgnoreFields(Level{}, "Range"),
	cmpopts.IgnoreFields(ModuleRule{}, "Range"),
	cmpopts.IgnoreFields(Waiver{}, "Range"),
	cmpopts.EquateEmpty(),
}

var ignoreDescription = cmpopts.IgnoreFields(Level{}, "Description")

func TestProfiles(t *testing.T) {
	want := []string{"ca-protected-b", "eu-residency", "fr-cloud-au-centre"}
	if diff := cmp.Diff(want, Profiles()); diff != "" {
		t.Errorf("Profiles() (-want +got):\n%s", diff)
	}
	if got := Default().Profile; got != DefaultProfile || DefaultProfile != "fr-cloud-au-centre" {
		t.Errorf("Default().Profile = %q, DefaultProfile = %q; want fr-cloud-au-centre", got, DefaultProfile)
	}
}

// TestProfileSettings pins every setting of every built-in level: these are
// the doctrine's requirements, and other packages' tests rely on them.
func TestProfileSettings(t *testing.T) {
	tests := []struct {
		profile      string
		defaultLevel string
		levels       []*Level
	}{
		{
			profile:      "fr-cloud-au-centre",
			defaultLevel: "internal",
			levels: []*Level{
				{Name: "public", AllowedArea: AreaAny, UnknownLocation: UnknownDeny, AllowExtraterritorial: true, Severity: SeverityLow},
				{Name: "internal", AllowedArea: AreaEEA, UnknownLocation: UnknownWarn, AllowExtraterritorial: true, Severity: SeverityMedium},
				{Name: "sensitive", AllowedArea: AreaEEA, RequireSecNumCloud: true, RequireKnownLocation: true,
					UnknownLocation: UnknownDeny, Severity: SeverityHigh},
				{Name: "restricted", AllowedArea: AreaEEA, AllowedCountries: []string{"FR"}, RequireSecNumCloud: true,
					RequireKnownLocation: true, UnknownLocation: UnknownDeny, Severity: SeverityCritical},
			},
		},
		{
			profile:      "ca-protected-b",
			defaultLevel: "unclassified",
			levels: []*Level{
				{Name: "unclassified", AllowedArea: AreaAny, UnknownLocation: UnknownDeny, AllowExtraterritorial: true, Severity: SeverityLow},
				{Name: "protected-a", AllowedArea: AreaAny, RequireKnownLocation: true, UnknownLocation: UnknownDeny,
					AllowExtraterritorial: true, Severity: SeverityMedium},
				{Name: "protected-b", AllowedArea: AreaAny, AllowedCountries: []string{"CA"}, RequireKnownLocation: true,
					UnknownLocation: UnknownDeny, AllowExtraterritorial: true, Severity: SeverityHigh},
			},
		},
		{
			profile:      "eu-residency",
			defaultLevel: "internal",
			levels: []*Level{
				{Name: "public", AllowedArea: AreaAny, UnknownLocation: UnknownDeny, AllowExtraterritorial: true, Severity: SeverityLow},
				{Name: "internal", AllowedArea: AreaEU, UnknownLocation: UnknownWarn, AllowExtraterritorial: true, Severity: SeverityMedium},
				{Name: "confidential", AllowedArea: AreaEU, RequireKnownLocation: true, UnknownLocation: UnknownDeny, Severity: SeverityHigh},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.profile, func(t *testing.T) {
			p, err := Profile(tt.profile)
			if err != nil {
				t.Fatal(err)
			}
			if p.Profile != tt.profile {
				t.Errorf("Profile = %q", p.Profile)
			}
			if diff := cmp.Diff(tt.levels, p.Levels, policyOpts, ignoreDescription); diff != "" {
				t.Errorf("levels (-want +got):\n%s", diff)
			}
			c := p.Classification
			if c.DefaultLevel != tt.defaultLevel {
				t.Errorf("DefaultLevel = %q, want %q", c.DefaultLevel, tt.defaultLevel)
			}
			if diff := cmp.Diff([]string{"data_sensitivity", "trustcloud_sensitivity"}, c.TagKeys); diff != "" {
				t.Errorf("TagKeys (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"data_sensitivity"}, c.ModuleInputs); diff != "" {
				t.Errorf("ModuleInputs (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(map[string]Severity{"TC007": SeverityHigh, "TC010": SeverityLow}, p.RuleSeverity); diff != "" {
				t.Errorf("RuleSeverity (-want +got):\n%s", diff)
			}
			if len(c.Modules) != 0 || len(p.Waivers) != 0 {
				t.Errorf("a profile has no module rule or waiver; got %d and %d", len(c.Modules), len(p.Waivers))
			}
			for alias, target := range c.Aliases {
				if alias != strings.ToLower(alias) || p.Level(target) == nil || p.Level(target).Name != target {
					t.Errorf("alias %q → %q: want a lower-case alias of an existing level name", alias, target)
				}
			}
			for _, l := range p.Levels {
				if l.Description == "" {
					t.Errorf("level %s has no description", l.Name)
				}
			}
		})
	}
}

func TestHasRequirements(t *testing.T) {
	tests := []struct {
		profile, level string
		want           bool
	}{
		{"fr-cloud-au-centre", "public", false},
		{"fr-cloud-au-centre", "internal", true},
		{"fr-cloud-au-centre", "restricted", true},
		{"ca-protected-b", "unclassified", false},
		{"ca-protected-b", "protected-a", true}, // a known location only
		{"eu-residency", "public", false},
		{"eu-residency", "confidential", true},
	}
	for _, tt := range tests {
		t.Run(tt.profile+"/"+tt.level, func(t *testing.T) {
			p, err := Profile(tt.profile)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Level(tt.level).HasRequirements(); got != tt.want {
				t.Errorf("HasRequirements() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestProfileAliases(t *testing.T) {
	want := map[string]map[string]string{
		"fr-cloud-au-centre": {
			"public": "public", "interne": "internal", "sensible": "sensitive",
			"diffusion-restreinte": "restricted", "diffusion restreinte": "restricted", "dr": "restricted",
		},
		"eu-residency": {},
	}
	for name, aliases := range want {
		p, err := Profile(name)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(aliases, p.Classification.Aliases, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s aliases (-want +got):\n%s", name, diff)
		}
	}
}

func TestProfileUnknown(t *testing.T) {
	_, err := Profile("fr-cloud-au-centr")
	if err == nil {
		t.Fatal("Profile(fr-cloud-au-centr) succeeded")
	}
	want := `unknown policy profile "fr-cloud-au-centr" (did you mean "fr-cloud-au-centre"?) ` +
		`(known: ca-protected-b, eu-residency, fr-cloud-au-centre)`
	if err.Error() != want {
		t.Errorf("error = %q\nwant    %q", err, want)
	}
	if _, err := Profile(ProfileNone); err == nil {
		t.Error(`Profile("none") succeeded; "none" only exists in policy files`)
	}
}

// TestProfileIsACopy makes sure that a caller changing a profile does not
// change it for the next caller.
func TestProfileIsACopy(t *testing.T) {
	p := Default()
	p.Levels[0].AllowedArea = AreaEU
	p.Classification.Aliases["x"] = "public"
	p.Classification.TagKeys[0] = "changed"
	p.RuleSeverity["TC007"] = SeverityInfo
	p.Level("restricted").AllowedCountries[0] = "DE"
	p.Levels[1] = p.Levels[0]

	q := Default()
	if q.Levels[0].AllowedArea != AreaAny || q.Classification.Aliases["x"] != "" ||
		q.Classification.TagKeys[0] != "data_sensitivity" || q.RuleSeverity["TC007"] != SeverityHigh ||
		q.Level("restricted").AllowedCountries[0] != "FR" || q.Levels[1].Name != "internal" {
		t.Errorf("Default() returned a changed profile: %+v", q)
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"sensitive", "sensitiv", 1},
		{"protégé", "protege", 2},
		{"kitten", "sitting", 3},
	}
	for _, tt := range tests {
		if got := catalog.EditDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("catalog.EditDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestProfileValues pins every field of every built-in profile, as
// Profile returns it, in testdata/profiles/NAME.json (make golden
// rewrites them): nil and empty lists and maps, zero ranges and the
// settings that the effective policy leaves out, such as max_waiver_days,
// included. Default must be the default profile.
func TestProfileValues(t *testing.T) {
	for _, name := range Profiles() {
		t.Run(name, func(t *testing.T) {
			p, err := Profile(name)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(p, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden.Assert(t, filepath.Join("testdata", "profiles", name+".json"), got)
			if name != DefaultProfile {
				return
			}
			def, err := json.MarshalIndent(Default(), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(got), string(def)+"\n"); diff != "" {
				t.Errorf("Default() differs from profile %s (-profile +Default):\n%s", name, diff)
			}
		})
	}
}

// TestLoadProfiles checks that the profile files load as the program loads
// them (each the first time it is asked for), and how a broken profile
// file is reported: the program panics with this error.
func TestLoadProfiles(t *testing.T) {
	got, err := loadProfiles(profileFiles)
	if err != nil {
		t.Fatal(err)
	}
	lazy := map[string]*Policy{}
	for name := range builtin() {
		p, ok := builtinProfile(name)
		if !ok {
			t.Fatalf("builtinProfile(%q): none", name)
		}
		lazy[name] = p
	}
	if diff := cmp.Diff(lazy, got); diff != "" {
		t.Errorf("loadProfiles differs from the profiles the program loads (-program +loadProfiles):\n%s", diff)
	}

	const minimal = "profile = \"none\"\nclassification {\n  default_level = \"a\"\n}\nlevel \"a\" {}\n"
	tests := []struct {
		name  string
		files map[string]string
		want  string // the error
	}{
		{
			name:  "syntax error",
			files: map[string]string{"fr-cloud-au-centre.hcl": "profile = \"none\"\nlevel \"a\" {\n"},
			want:  "built-in profile fr-cloud-au-centre:\nprofiles/fr-cloud-au-centre.hcl:2,11: Unclosed configuration block;",
		},
		{
			name:  "invalid setting",
			files: map[string]string{"fr-cloud-au-centre.hcl": strings.Replace(minimal, "{}", "{ allowed_area = \"moon\" }", 1)},
			want:  "built-in profile fr-cloud-au-centre:\nprofiles/fr-cloud-au-centre.hcl:5,28: Invalid allowed area;",
		},
		{
			name:  "no profile attribute",
			files: map[string]string{"fr-cloud-au-centre.hcl": strings.Replace(minimal, "profile = \"none\"\n", "", 1)},
			want:  "built-in profile fr-cloud-au-centre:\nprofiles/fr-cloud-au-centre.hcl:1,1: Built-in profile must start from nothing; Add profile = \"none\"",
		},
		{
			name:  "based on another profile",
			files: map[string]string{"fr-cloud-au-centre.hcl": "profile = \"eu-residency\"\n"},
			want:  "built-in profile fr-cloud-au-centre:\nprofiles/fr-cloud-au-centre.hcl:1,11: Built-in profile must start from nothing; Write profile = \"none\"",
		},
		{
			name:  "named none",
			files: map[string]string{"fr-cloud-au-centre.hcl": minimal, "none.hcl": minimal},
			want:  `profiles/none.hcl: "none" is not a profile name: it starts a policy from nothing`,
		},
		{
			name:  "no default profile",
			files: map[string]string{"eu-residency.hcl": minimal},
			want:  "no built-in profile fr-cloud-au-centre, the default: add profiles/fr-cloud-au-centre.hcl",
		},
		{
			name:  "no profile at all",
			files: map[string]string{},
			want:  "no built-in profile fr-cloud-au-centre, the default: add profiles/fr-cloud-au-centre.hcl",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, src := range tt.files {
				fsys["profiles/"+name] = &fstest.MapFile{Data: []byte(src)}
			}
			got, err := loadProfiles(fsys)
			if err == nil {
				t.Fatalf("loadProfiles succeeded: %v", got)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error:\n%s\nwant it to start with:\n%s", err, tt.want)
			}
		})
	}

	t.Run("minimal", func(t *testing.T) {
		got, err := loadProfiles(fstest.MapFS{"profiles/fr-cloud-au-centre.hcl": &fstest.MapFile{Data: []byte(minimal)}})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]*Policy{DefaultProfile: {
			Profile: DefaultProfile,
			Classification: Classification{DefaultLevel: "a", TagKeys: defaultTagKeys, ModuleInputs: defaultModuleInputs,
				Aliases: map[string]string{}},
			Levels:       []*Level{{Name: "a", AllowedArea: AreaAny, UnknownLocation: UnknownDeny, AllowExtraterritorial: true, Severity: SeverityMedium}},
			RuleSeverity: map[string]Severity{},
		}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

// TestProfileFilesFormatted keeps the profile files as terraform fmt
// writes them.
func TestProfileFilesFormatted(t *testing.T) {
	files, err := fs.Glob(profileFiles, "profiles/*.hcl")
	if err != nil || len(files) != len(Profiles()) {
		t.Fatalf("profile files %v (%v), profiles %v", files, err, Profiles())
	}
	for _, file := range files {
		src, err := fs.ReadFile(profileFiles, file)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(hclwrite.Format(src)), string(src)); diff != "" {
			t.Errorf("%s is not formatted (-formatted +file):\n%s", file, diff)
		}
	}
}
