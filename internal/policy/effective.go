package policy

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// EffectiveFormatVersion is the version of the effective policy JSON.
const EffectiveFormatVersion = "1"

// Effective is a policy as it applies once its profile and its file are
// combined: every level with its requirements, the classification and the
// waivers. Evidence bundles record it, so that a reader sees what was
// required without knowing the built-in profiles of that version.
type Effective struct {
	FormatVersion  string                  `json:"format_version"`
	Profile        string                  `json:"profile"`
	File           string                  `json:"file,omitempty"`
	Classification EffectiveClassification `json:"classification"`
	Levels         []EffectiveLevel        `json:"levels"`
	RuleSeverity   map[string]Severity     `json:"rule_severity,omitempty"`
	// TrustedRegistries are the private registry hosts the policy trusts.
	TrustedRegistries []string `json:"trusted_registries,omitempty"`
	// ExpiryWarningDays is how long before a qualification's expiry TC010
	// warns.
	ExpiryWarningDays int `json:"expiry_warning_days"`
	// DisabledRules are the rules switched off (empty: none).
	DisabledRules []string `json:"disabled_rules,omitempty"`
	// AllowInlineWaivers says whether waiver comments in the .tf files
	// apply.
	AllowInlineWaivers bool              `json:"allow_inline_waivers,omitempty"`
	Waivers            []EffectiveWaiver `json:"waivers"`
}

// EffectiveClassification is how resources get their level.
type EffectiveClassification struct {
	DefaultLevel string `json:"default_level"`
	// UnclassifiedLevel judges what cannot be classified (TC012).
	UnclassifiedLevel string            `json:"unclassified_level"`
	TagKeys           []string          `json:"tag_keys"`
	ModuleInputs      []string          `json:"module_inputs"`
	Aliases           map[string]string `json:"aliases,omitempty"`
	Modules           []EffectiveModule `json:"modules,omitempty"`
}

// EffectiveModule gives a level to the modules matching a glob.
type EffectiveModule struct {
	Glob  string `json:"glob"`
	Level string `json:"level"`
	// At is where the rule is written (file:line:column), empty for a
	// built-in profile.
	At string `json:"at,omitempty"`
}

// EffectiveLevel is a level and what it requires.
type EffectiveLevel struct {
	Name                  string              `json:"name"`
	Description           string              `json:"description,omitempty"`
	AllowedArea           string              `json:"allowed_area"`
	AllowedCountries      []string            `json:"allowed_countries,omitempty"`
	RequireSecNumCloud    bool                `json:"require_secnumcloud"`
	AllowPending          bool                `json:"allow_pending"`
	RequireKnownLocation  bool                `json:"require_known_location"`
	UnknownLocation       string              `json:"unknown_location,omitempty"`
	AllowExtraterritorial bool                `json:"allow_extraterritorial"`
	Severity              Severity            `json:"severity"`
	RuleSeverity          map[string]Severity `json:"rule_severity,omitempty"`
	At                    string              `json:"at,omitempty"`
}

// EffectiveWaiver is a waiver ("dérogation") as the policy states it.
type EffectiveWaiver struct {
	ID         string   `json:"id"`
	Addresses  []string `json:"addresses"`
	Rules      []string `json:"rules"`
	Reason     string   `json:"reason"`
	Expires    string   `json:"expires"`
	ApprovedBy string   `json:"approved_by"`
	ApprovedOn string   `json:"approved_on,omitempty"`
	CoversNew  bool     `json:"covers_new"`
	At         string   `json:"at,omitempty"`
}

// Effective returns the policy as it applies.
func (p *Policy) Effective() *Effective {
	e := &Effective{
		FormatVersion: EffectiveFormatVersion,
		Profile:       p.Profile,
		File:          p.File,
		Classification: EffectiveClassification{
			DefaultLevel:      p.Classification.DefaultLevel,
			UnclassifiedLevel: p.Unclassified(),
			TagKeys:           nonNil(p.Classification.TagKeys),
			ModuleInputs:      nonNil(p.Classification.ModuleInputs),
			Aliases:           maps.Clone(p.Classification.Aliases),
		},
		Levels:       []EffectiveLevel{},
		RuleSeverity: maps.Clone(p.RuleSeverity), TrustedRegistries: slices.Clone(p.TrustedRegistries), ExpiryWarningDays: p.ExpiryWarningDays,
		Waivers:       []EffectiveWaiver{},
		DisabledRules: slices.Clone(p.DisabledRules), AllowInlineWaivers: p.AllowInlineWaivers,
	}
	for _, m := range p.Classification.Modules {
		e.Classification.Modules = append(e.Classification.Modules, EffectiveModule{Glob: m.Glob, Level: m.Level, At: at(m.Range)})
	}
	for _, l := range p.Levels {
		e.Levels = append(e.Levels, EffectiveLevel{
			Name: l.Name, Description: l.Description,
			AllowedArea: l.AllowedArea, AllowedCountries: slices.Clone(l.AllowedCountries),
			RequireSecNumCloud: l.RequireSecNumCloud, AllowPending: l.AllowPending,
			RequireKnownLocation: l.RequireKnownLocation, UnknownLocation: l.UnknownLocation,
			AllowExtraterritorial: l.AllowExtraterritorial,
			Severity:              l.Severity, RuleSeverity: maps.Clone(l.RuleSeverity),
			At: at(l.Range),
		})
	}
	for _, w := range p.Waivers {
		e.Waivers = append(e.Waivers, EffectiveWaiver{
			ID: w.ID, Addresses: nonNil(w.Addresses), Rules: nonNil(w.Rules), Reason: w.Reason,
			Expires: w.Expires.Format(time.DateOnly), ApprovedBy: w.ApprovedBy, CoversNew: w.CoversNew, At: at(w.Range),
		})
		if !w.ApprovedOn.IsZero() {
			e.Waivers[len(e.Waivers)-1].ApprovedOn = w.ApprovedOn.Format(time.DateOnly)
		}
	}
	return e
}

// at is where a block is written, empty when it comes from a profile.
func at(r hcl.Range) string {
	if r.Filename == "" {
		return ""
	}
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clone(s)
}
