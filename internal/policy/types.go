// Package policy reads trustcloud policies: how resources are classified
// into sensitivity levels, what each level requires (allowed area,
// SecNumCloud, known location …), and which waivers exist. Policies are HCL
// files decoded with hcl/v2 and gohcl; the built-in profiles, policy files
// under profiles/ read with the same loader, cover the French "Cloud au
// centre" doctrine, Canada's Protected B and EU residency.
package policy

import (
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Severity of a finding.
type Severity string

// Severities, weakest first.
const (
	SeverityInfo     Severity = "info"
	SeverityLow      Severity = "low"
	SeverityMedium   Severity = "medium"
	SeverityHigh     Severity = "high"
	SeverityCritical Severity = "critical"
)

// Severities lists every severity, weakest first.
var Severities = []Severity{SeverityInfo, SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical}

// Rank orders severities: info 1 … critical 5; 0 for an unknown value.
func (s Severity) Rank() int {
	for i, v := range Severities {
		if v == s {
			return i + 1
		}
	}
	return 0
}

// Areas a level can allow.
const (
	AreaAny = "any"
	AreaEU  = "EU"
	AreaEEA = "EEA"
)

// What to do when a location cannot be determined at a level that requires one.
const (
	UnknownDeny = "deny"
	UnknownWarn = "warn"
)

// How a policy was chosen (see the CLI's discovery order).
const (
	SourceFlag       = "flag"
	SourceEnv        = "env"
	SourceDiscovered = "discovered"
	SourceBuiltin    = "builtin"
)

// Policy is a decoded, validated policy.
type Policy struct {
	// File is the policy file, empty for a built-in profile used as is.
	File string
	// SHA256 is the hex SHA-256 of the file's content, empty without a
	// file.
	SHA256 string
	// Source says how the policy was chosen: SourceFlag, SourceEnv,
	// SourceDiscovered or SourceBuiltin; empty when the caller does not
	// say.
	Source string
	// Profile is the built-in profile the policy starts from.
	Profile        string
	Classification Classification
	// Levels are ordered from the least to the most sensitive.
	Levels  []*Level
	Waivers []*Waiver
	// RuleSeverity gives a rule's severity at the levels that do not set
	// their own for it (the profiles set TC007, waiver-expired, to high).
	RuleSeverity map[string]Severity
	// ExpiryWarningDays is how long before a qualification's expiry
	// TC010 warns (default 60).
	ExpiryWarningDays int
	// MaxWaiverDays is the longest a waiver may last from its approved_on
	// (default 365).
	MaxWaiverDays int
	// DisabledRules are the rule ids the policy switches off
	// (disabled_rules): they report nothing. TC013, which judges the
	// policy itself, cannot be among them.
	DisabledRules []string
	// AllowInlineWaivers lets "# trustcloud:waive" comments in the .tf
	// files above a resource block waive its findings
	// (allow_inline_waivers); off in every built-in profile. Off, an
	// inline waiver found is reported as ignored, never applied.
	AllowInlineWaivers bool
	// TrustedRegistries are registry hosts, besides the public Terraform
	// and OpenTofu registries, whose providers are taken for the catalog's
	// providers of the same namespace and type (private mirrors). A
	// provider from any other host is not.
	TrustedRegistries []string

	// DisabledAt and InlineAt are where the policy file sets
	// disabled_rules and allow_inline_waivers (file:line:column), empty
	// for a profile: where the relaxations point.
	DisabledAt, InlineAt string `json:"-"`
}

// Classification says how a resource gets its sensitivity level.
type Classification struct {
	// DefaultLevel applies when nothing else classifies a resource.
	DefaultLevel string
	// TagKeys are the tag/label keys that carry a level, in precedence
	// order (default data_sensitivity, trustcloud_sensitivity).
	TagKeys []string
	// ModuleInputs are module input variable names that carry a level
	// (default data_sensitivity).
	ModuleInputs []string
	// Aliases map other words for a level (lower-cased) to the level name,
	// e.g. "sensible" → "sensitive".
	Aliases map[string]string
	// Modules classify every resource of the modules whose address
	// matches a glob.
	Modules []ModuleRule
	// MayLower names the kinds of signal (SignalKinds) a policy allows to
	// lower a level: when one is present, the strictest signal of those
	// kinds decides, even below the others. An explicit, reviewed choice,
	// listed among the policy's relaxations and in the evidence.
	MayLower []string
	// UnclassifiedLevel is the level of a resource whose classification
	// signal is present but cannot be read (TC012); empty: "sensitive"
	// where the policy has that level, else its strictest.
	UnclassifiedLevel string
}

// Classification signal kinds.
const (
	SignalModuleRule  = "module_rule"
	SignalTag         = "tag"
	SignalDefaultTags = "default_tags"
	SignalModuleInput = "module_input"
	SignalContainer   = "container"
)

// SignalKinds lists the kinds of classification signal.
var SignalKinds = []string{SignalModuleRule, SignalTag, SignalDefaultTags, SignalModuleInput, SignalContainer}

// ModuleRule gives a level to the modules matching a glob.
type ModuleRule struct {
	// Glob matches module addresses: "*" any run of characters but ".",
	// "**" any run of characters; instance keys may be omitted.
	Glob  string
	Level string
	Range hcl.Range
}

// Level is a sensitivity level and what it requires.
type Level struct {
	Name string
	// Description says in a sentence what data the level is for.
	Description string
	// AllowedArea is AreaAny (no residency requirement), AreaEU or AreaEEA.
	AllowedArea string
	// AllowedCountries, when set, replaces AllowedArea by a list of ISO
	// 3166-1 alpha-2 codes.
	AllowedCountries []string
	// RequireSecNumCloud asks for a SecNumCloud-qualified offer (TC002).
	RequireSecNumCloud bool
	// AllowPending accepts offers at J0–J2 or in progress (TC008 becomes
	// a pass).
	AllowPending bool
	// RequireKnownLocation makes unknown locations (TC003) and global
	// services (TC004) findings.
	RequireKnownLocation bool
	// UnknownLocation is UnknownDeny (the level's severity) or
	// UnknownWarn (severity low) for TC003.
	UnknownLocation string
	// AllowExtraterritorial false flags operators exposed to non-EU
	// extraterritorial law (TC005) when SecNumCloud is not required.
	AllowExtraterritorial bool
	// Severity of the findings at this level.
	Severity Severity
	// RuleSeverity overrides Severity per rule id.
	RuleSeverity map[string]Severity
	Range        hcl.Range
}

// HasRequirements reports whether anything is required at this level.
func (l *Level) HasRequirements() bool {
	return l.AllowedArea != AreaAny || len(l.AllowedCountries) > 0 || l.RequireSecNumCloud ||
		l.RequireKnownLocation || !l.AllowExtraterritorial
}

// Waiver is a temporary, approved exception ("dérogation").
type Waiver struct {
	ID string
	// Addresses are resource address globs (same syntax as module globs).
	Addresses []string
	// Rules are the rule ids waived (TC001 …); empty means every rule.
	Rules      []string
	Reason     string
	Expires    time.Time
	ApprovedBy string
	// ApprovedOn is the day the exception was approved (zero when the
	// waiver does not say); Expires may not be later than ApprovedOn plus
	// the policy's max_waiver_days.
	ApprovedOn time.Time
	// CoversNew lets the waiver cover resources this change creates or
	// imports; by default a waiver covers only resources that already
	// exist: granted for legacy resources, it must not silently cover new
	// ones.
	CoversNew bool
	Range     hcl.Range
	// Inline, for a waiver written as a comment in the .tf files, is
	// where (file:line); empty for the policy's waivers.
	Inline string
}
