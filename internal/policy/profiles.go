package policy

import (
	"fmt"
	"github.com/trustcloud/trustcloud/internal/catalog"
	"slices"
	"strings"
)

// Profile names.
const (
	// DefaultProfile is used when there is no policy file, and by policy
	// files without a profile attribute.
	DefaultProfile = "fr-cloud-au-centre"
	// ProfileNone, in a policy file only, starts from nothing: the file
	// defines every level and the default level.
	ProfileNone = "none"
)

// Default tag keys and module inputs that carry a level, shared by every
// profile and by policies starting from "none".
var (
	defaultTagKeys      = []string{"data_sensitivity", "trustcloud_sensitivity"}
	defaultModuleInputs = []string{"data_sensitivity"}
)

// profiles build the built-in profiles; each call returns a new value that
// the caller may change.
var profiles = map[string]func() *Policy{
	"fr-cloud-au-centre": frCloudAuCentre,
	"ca-protected-b":     caProtectedB,
	"eu-residency":       euResidency,
}

// Profiles lists the names of the built-in profiles, sorted.
func Profiles() []string {
	names := make([]string, 0, len(profiles))
	for name := range profiles {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// Profile returns a new copy of a built-in profile.
func Profile(name string) (*Policy, error) {
	build, ok := profiles[name]
	if !ok {
		return nil, fmt.Errorf("unknown policy profile %q%s (known: %s)",
			name, didYouMean(name, Profiles()), strings.Join(Profiles(), ", "))
	}
	return build(), nil
}

// Default returns a new copy of the default profile, fr-cloud-au-centre.
func Default() *Policy {
	return frCloudAuCentre()
}

// base returns a policy with the classification shared by all profiles.
func base(profile, defaultLevel string, aliases map[string]string, levels ...*Level) *Policy {
	return &Policy{
		Profile: profile,
		Classification: Classification{
			DefaultLevel: defaultLevel,
			TagKeys:      slices.Clone(defaultTagKeys),
			ModuleInputs: slices.Clone(defaultModuleInputs),
			Aliases:      aliases,
		},
		Levels: levels,
		// A waiver that expired fails loudly; an expiry ahead is a warning.
		RuleSeverity:      map[string]Severity{"TC007": SeverityHigh, "TC010": SeverityLow},
		ExpiryWarningDays: 60,
		MaxWaiverDays:     365,
	}
}

// frCloudAuCentre follows the "Cloud au centre" doctrine. PRODUCT.md asks
// for an EU/EEA location at internal, sensitive and restricted, hence
// AreaEEA; for sensitive and restricted, SecNumCloud itself requires
// storage and operation in the EU. SecNumCloud also requires immunity to
// non-EU law, so those levels do not allow extraterritorial exposure (TC005
// never fires where SecNumCloud is required: TC002 already says it).
func frCloudAuCentre() *Policy {
	return base("fr-cloud-au-centre", "internal",
		map[string]string{
			"public":               "public",
			"interne":              "internal",
			"sensible":             "sensitive",
			"diffusion-restreinte": "restricted",
			"diffusion restreinte": "restricted",
			"dr":                   "restricted",
		},
		&Level{
			Name:                  "public",
			Description:           "Data meant to be published: no requirement.",
			AllowedArea:           AreaAny,
			UnknownLocation:       UnknownDeny,
			AllowExtraterritorial: true,
			Severity:              SeverityLow,
		},
		&Level{
			Name:                  "internal",
			Description:           "Ordinary data of the organisation: hosted in the EU/EEA.",
			AllowedArea:           AreaEEA,
			UnknownLocation:       UnknownWarn,
			AllowExtraterritorial: true,
			Severity:              SeverityMedium,
		},
		&Level{
			Name: "sensitive",
			Description: "Sensitive data under the doctrine (health, personal data, economic secrets, …): " +
				"a SecNumCloud-qualified offer in the EU/EEA, at a known location.",
			AllowedArea:          AreaEEA,
			RequireSecNumCloud:   true,
			RequireKnownLocation: true,
			UnknownLocation:      UnknownDeny,
			Severity:             SeverityHigh,
		},
		&Level{
			Name:                 "restricted",
			Description:          "\"Diffusion Restreinte\" data: a SecNumCloud-qualified offer in France, at a known location.",
			AllowedArea:          AreaEEA,
			AllowedCountries:     []string{"FR"},
			RequireSecNumCloud:   true,
			RequireKnownLocation: true,
			UnknownLocation:      UnknownDeny,
			Severity:             SeverityCritical,
		},
	)
}

// caProtectedB follows the Government of Canada's direction on electronic
// data residency: Protected B (and above) data must be stored in Canada;
// Protected A has no residency requirement, but its location must be known
// so that it can be assessed. US providers with Canadian regions are
// acceptable to the GC, so extraterritorial exposure is allowed.
func caProtectedB() *Policy {
	return base("ca-protected-b", "unclassified",
		map[string]string{
			"non classifié": "unclassified",
			"non-classifié": "unclassified",
			"non classifie": "unclassified",
			"unclass":       "unclassified",
			"protected a":   "protected-a",
			"protected_a":   "protected-a",
			"pa":            "protected-a",
			"protégé a":     "protected-a",
			"protégé-a":     "protected-a",
			"protege a":     "protected-a",
			"protege-a":     "protected-a",
			"protected b":   "protected-b",
			"protected_b":   "protected-b",
			"pb":            "protected-b",
			"protégé b":     "protected-b",
			"protégé-b":     "protected-b",
			"protege b":     "protected-b",
			"protege-b":     "protected-b",
		},
		&Level{
			Name:                  "unclassified",
			Description:           "Information that is not Protected: no requirement.",
			AllowedArea:           AreaAny,
			UnknownLocation:       UnknownDeny,
			AllowExtraterritorial: true,
			Severity:              SeverityLow,
		},
		&Level{
			Name:                  "protected-a",
			Description:           "Protected A: no residency requirement, but a known location.",
			AllowedArea:           AreaAny,
			RequireKnownLocation:  true,
			UnknownLocation:       UnknownDeny,
			AllowExtraterritorial: true,
			Severity:              SeverityMedium,
		},
		&Level{
			Name:                  "protected-b",
			Description:           "Protected B: stored in Canada, at a known location.",
			AllowedArea:           AreaAny,
			AllowedCountries:      []string{"CA"},
			RequireKnownLocation:  true,
			UnknownLocation:       UnknownDeny,
			AllowExtraterritorial: true,
			Severity:              SeverityHigh,
		},
	)
}

// euResidency keeps data in the EU, and confidential data away from
// operators exposed to non-EU extraterritorial law, without asking for a
// national qualification.
func euResidency() *Policy {
	return base("eu-residency", "internal",
		map[string]string{},
		&Level{
			Name:                  "public",
			Description:           "Data meant to be published: no requirement.",
			AllowedArea:           AreaAny,
			UnknownLocation:       UnknownDeny,
			AllowExtraterritorial: true,
			Severity:              SeverityLow,
		},
		&Level{
			Name:                  "internal",
			Description:           "Ordinary data of the organisation: hosted in the EU.",
			AllowedArea:           AreaEU,
			UnknownLocation:       UnknownWarn,
			AllowExtraterritorial: true,
			Severity:              SeverityMedium,
		},
		&Level{
			Name: "confidential",
			Description: "Confidential data: hosted in the EU, at a known location, by an operator " +
				"not exposed to non-EU extraterritorial law.",
			AllowedArea:          AreaEU,
			RequireKnownLocation: true,
			UnknownLocation:      UnknownDeny,
			Severity:             SeverityHigh,
		},
	)
}

// didYouMean returns ` (did you mean "x"?)` for the candidate closest to
// name, when it is close enough to be a likely typo, or "".
func didYouMean(name string, candidates []string) string {
	best, bestDist := "", 0
	lower := strings.ToLower(name)
	for _, c := range candidates {
		d := catalog.EditDistance(lower, strings.ToLower(c))
		if best == "" || d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" || best == name || bestDist > max(2, len([]rune(name))/3) {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}
