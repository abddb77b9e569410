package policy

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/trustcloud/trustcloud/internal/ruledef"
)

// starterExample is what the commented-out module rule and waiver of a
// profile's starter file show; each built-in profile needs one.
type starterExample struct {
	moduleGlob, moduleLevel string
	waiverRules             []string
}

var starterExamples = map[string]starterExample{
	"fr-cloud-au-centre": {"module.health_*", "sensitive", []string{"TC001", "TC002"}},
	"ca-protected-b":     {"module.benefits_*", "protected-b", []string{"TC001"}},
	"eu-residency":       {"module.crm_*", "confidential", []string{"TC001", "TC005"}},
}

// StarterFile returns a commented policy file for a built-in profile ("" is
// the default profile), as `trustcloud policy init` writes it: it restates
// the settings of the profile, as read from profiles/NAME.hcl, so that it
// loads to the same policy, and explains each attribute. It returns nil for an unknown profile.
func StarterFile(profile string) []byte {
	if profile == "" {
		profile = DefaultProfile
	}
	p, err := Profile(profile)
	if err != nil {
		return nil
	}
	ex := starterExamples[profile] // every profile has one: see TestStarterExamples

	var b strings.Builder
	writeStarterTop(&b, p)
	writeStarterClassification(&b, p.Classification, ex)
	writeStarterLevels(&b, p.Levels)
	writeStarterWaiver(&b, ex)
	return hclwrite.Format([]byte(b.String()))
}

// starterWriter returns a printf onto b.
func starterWriter(b *strings.Builder) func(format string, args ...any) {
	return func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
}

// writeStarterTop writes the file's header and the policy-wide settings:
// the profile, rule_severity (listing the rules a policy may set),
// expiry_warning_days and a commented-out trusted_registries.
func writeStarterTop(b *strings.Builder, p *Policy) {
	w := starterWriter(b)
	w(`# trustcloud policy, written by "trustcloud policy init" from the built-in
# profile %[1]s.
# As written it changes nothing: every setting below restates the profile.
# Edit what you need; a setting you delete keeps the profile's value.
# Check the file with "trustcloud policy validate FILE".
#
# Values are literals: a policy has no variables or functions.

# profile: the built-in profile this policy starts from, one of
#   %[2]s,
# or "none" to start from nothing and define every level here. Without this
# attribute, a policy starts from %[3]s.
profile = %[1]s

# rule_severity: severity of a rule's findings at every level that does
# not set its own (in the level's rule_severity). Severities: info, low,
# medium, high, critical. Entries are added to the profile's. Rules:
`, hclString(p.Profile), quoteList(Profiles()), hclString(DefaultProfile))
	for _, r := range ruledef.All() {
		if r.JudgesPolicy {
			// It judges the policy file itself: no policy sets it.
			continue
		}
		w("#   %s %s\n", r.ID, r.Name)
	}
	w("rule_severity = %s\n\n", severityMap(p.RuleSeverity, "  "))
	w(`# expiry_warning_days: how many days before a SecNumCloud qualification
# expires TC010 (qualification-expiring) warns; 0 for no warning. Past its
# expiry, with no renewal in the catalog, a qualification is not one
# (TC009).
expiry_warning_days = %d

# disabled_rules: rules switched off: they report nothing, and every
# report lists them. Disabling a rule the profile keeps is a relaxation
# (see TC013). TC013 itself cannot be disabled.
disabled_rules = %s

# allow_inline_waivers: true lets a comment directly above a resource
# block in the .tf files waive its findings:
#   # trustcloud:waive TC001 reason="…" expires=YYYY-MM-DD approved_by="…"
# Off, such comments are listed in every report as ignored. Turning it on
# is a relaxation (see TC013).
allow_inline_waivers = %t

# trusted_registries: private registry hosts (mirrors) whose providers are
# taken for the public registries' providers of the same namespace and
# type. A provider from any other host is not the catalog's.
# trusted_registries = ["registry.example.gouv.fr"]

`, p.ExpiryWarningDays, stringList(p.DisabledRules), p.AllowInlineWaivers)
}

// writeStarterClassification writes the classification block with the
// profile's settings and the profile's example module rule, commented out.
func writeStarterClassification(b *strings.Builder, c Classification, ex starterExample) {
	w := starterWriter(b)
	w(`# classification: how a resource gets its level, strongest first: a module
# block below, a tag or label of the resource (tag_keys), a module input
# given a constant in the module call (module_inputs), the level of the
# parent module, and last default_level.
classification {
  # default_level: level of the resources that nothing else classifies.
  default_level = %s

  # tag_keys: tag and label keys whose value names a level, in precedence
  # order. Replaces the profile's list; [] ignores tags.
  tag_keys = %s

  # module_inputs: module input variables whose constant value, in the
  # module call, names a level. Replaces the profile's list.
  module_inputs = %s

  # aliases: other words for levels, as found in tags and module inputs.
  # Matching is case-insensitive, and level names always work. Entries are
  # added to the profile's aliases.
  aliases = %s

  # module "GLOB": level (a level name or an alias) of every resource of
  # the modules whose address matches GLOB; the first matching block wins.
  # Steps of an address are separated by "."; in a glob, "*" matches any
  # run of characters within a step, "?" one character, and a "**" step
  # any number of steps, none included (module.app.** is module.app and
  # all its child modules). A step without an instance key also matches
  # its instances: "module.db" matches module.db[0] and module.db["eu"].
  #
  # module %s {
  #   level = %s
  # }
}

`, hclString(c.DefaultLevel), stringList(c.TagKeys), stringList(c.ModuleInputs),
		stringMap(c.Aliases, "    "), hclString(ex.moduleGlob), hclString(ex.moduleLevel))
}

// writeStarterLevels explains the level block and writes one for each of
// the profile's levels, in the profile's order, every setting spelled out.
func writeStarterLevels(b *strings.Builder, levels []*Level) {
	w := starterWriter(b)
	w(`# level "NAME": a level. The order of declaration is the order of
# sensitivity, from the least to the most sensitive: the profile's levels
# come first, a level redefined here keeps its place, and a new level comes
# after all others. Level names are lower-case letters, digits, "-" and "_".
#
# In a level block, a setting left out keeps the profile's value, or for a
# new level the default given here:
#   description             what data the level is for. Default "".
#   allowed_area            where resources may be located: "EU", "EEA", or
#                           "any" for no residency requirement (TC001, and
#                           TC006 for replicas and backups). Default "any".
#   allowed_countries       ISO 3166-1 alpha-2 country codes; when not
#                           empty, replaces allowed_area. Setting only
#                           allowed_area in a level of the profile clears
#                           its countries. Default [].
#   require_secnumcloud     the operator's offer for the region must be
#                           qualified SecNumCloud by ANSSI (TC002).
#                           Default false.
#   allow_pending           accept an offer whose qualification is under
#                           way (J0 to J2) instead of reporting it (TC008).
#                           Default false.
#   require_known_location  report resources whose location the plan does
#                           not tell (TC003) and non-regional services such
#                           as IAM or CloudFront (TC004). Default false.
#   unknown_location        "deny": TC003 at the level's severity; "warn":
#                           TC003 at severity low. Default "deny".
#   allow_extraterritorial  false reports operators subject to non-EU
#                           extraterritorial law, such as the US CLOUD Act
#                           (TC005), where SecNumCloud is not required.
#                           Default true.
#   severity                severity of the level's findings. Default
#                           "medium".
#   rule_severity           severity per rule at this level, over severity
#                           and the policy-wide rule_severity. Entries are
#                           added to the profile's. Default {}.
`)
	for _, l := range levels {
		w(`
level %s {
  description            = %s
  allowed_area           = %s
  allowed_countries      = %s
  require_secnumcloud    = %t
  allow_pending          = %t
  require_known_location = %t
  unknown_location       = %s
  allow_extraterritorial = %t
  severity               = %s
  rule_severity          = %s
}
`, hclString(l.Name), hclString(l.Description), hclString(l.AllowedArea), stringList(l.AllowedCountries),
			l.RequireSecNumCloud, l.AllowPending, l.RequireKnownLocation, hclString(l.UnknownLocation),
			l.AllowExtraterritorial, hclString(string(l.Severity)), severityMap(l.RuleSeverity, "    "))
	}
}

// writeStarterWaiver explains the waiver block and writes the profile's
// example waiver, commented out: no starter policy waives anything.
func writeStarterWaiver(b *strings.Builder, ex starterExample) {
	w := starterWriter(b)
	rules := make([]string, len(ex.waiverRules))
	for i, r := range ex.waiverRules {
		rules[i] = hclString(r)
	}
	w(`
# waiver "ID": a temporary, approved exception ("dérogation"), labelled
# with its unique reference. It covers the findings of its rules on the
# resources whose address matches one of its globs:
#   addresses    resource address globs, same syntax as module globs.
#                Required.
#   rules        rule ids covered; every rule when left out.
#   reason       why the exception is needed and how it will end. Required.
#   expires      last day of validity, YYYY-MM-DD (UTC). Required. After
#                it, the findings it covered are reported again, along
#                with a TC007 finding.
#   approved_by  who approved the exception. Required.
#   approved_on  the day it was approved, YYYY-MM-DD. Required: expires
#                may be at most max_waiver_days (365 by default) later.
#   covers_new   true to cover resources that this change creates too; by
#                default a waiver covers only resources that exist already,
#                and a new resource matching it is reported.
#
# waiver "DER-2026-004" {
#   addresses   = ["module.legacy.aws_s3_bucket.*"]
#   rules       = [%s]
#   reason      = "Migration to a qualified offer planned for Q2 2027"
#   expires     = "2027-03-11"
#   approved_by = "CISO, after the security committee of 2026-03-12"
#   approved_on = "2026-03-12"
# }
`, strings.Join(rules, ", "))
}

// hclString renders s as an HCL string literal.
func hclString(s string) string {
	return string(hclwrite.TokensForValue(cty.StringVal(s)).Bytes())
}

func stringList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = hclString(v)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// stringMap renders a map one sorted entry a line, indented by indent.
func stringMap(m map[string]string, indent string) string {
	if len(m) == 0 {
		return "{}"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteString("{\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "%s%s = %s\n", indent, hclString(k), hclString(m[k]))
	}
	b.WriteString(indent[2:] + "}")
	return b.String()
}

func severityMap(m map[string]Severity, indent string) string {
	s := make(map[string]string, len(m))
	for k, v := range m {
		s[k] = string(v)
	}
	return stringMap(s, indent)
}
