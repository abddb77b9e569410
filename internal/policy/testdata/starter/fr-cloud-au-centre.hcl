# trustcloud policy, written by "trustcloud policy init" from the built-in
# profile "fr-cloud-au-centre".
# As written it changes nothing: every setting below restates the profile.
# Edit what you need; a setting you delete keeps the profile's value.
# Check the file with "trustcloud policy validate FILE".
#
# Values are literals: a policy has no variables or functions.

# profile: the built-in profile this policy starts from, one of
#   "ca-protected-b", "eu-residency", "fr-cloud-au-centre",
# or "none" to start from nothing and define every level here. Without this
# attribute, a policy starts from "fr-cloud-au-centre".
profile = "fr-cloud-au-centre"

# rule_severity: severity of a rule's findings at every level that does
# not set its own (in the level's rule_severity). Severities: info, low,
# medium, high, critical. Entries are added to the profile's. Rules:
#   TC001 non-eu-region
#   TC002 not-qualified
#   TC003 unknown-location
#   TC004 global-service
#   TC005 extraterritorial-exposure
#   TC006 cross-border-replication
#   TC007 waiver-expired
#   TC008 qualification-pending
#   TC009 qualification-expired
#   TC010 qualification-expiring
#   TC011 qualification-unconfirmed
#   TC012 unclassified
rule_severity = {
  "TC007" = "high"
  "TC010" = "low"
}

# expiry_warning_days: how many days before a SecNumCloud qualification
# expires TC010 (qualification-expiring) warns; 0 for no warning. Past its
# expiry, with no renewal in the catalog, a qualification is not one
# (TC009).
expiry_warning_days = 60

# disabled_rules: rules switched off: they report nothing, and every
# report lists them. Disabling a rule the profile keeps is a relaxation
# (see TC013). TC013 itself cannot be disabled.
disabled_rules = []

# allow_inline_waivers: true lets a comment directly above a resource
# block in the .tf files waive its findings:
#   # trustcloud:waive TC001 reason="…" expires=YYYY-MM-DD approved_by="…"
# Off, such comments are listed in every report as ignored. Turning it on
# is a relaxation (see TC013).
allow_inline_waivers = false

# trusted_registries: private registry hosts (mirrors) whose providers are
# taken for the public registries' providers of the same namespace and
# type. A provider from any other host is not the catalog's.
# trusted_registries = ["registry.example.gouv.fr"]

# classification: how a resource gets its level, strongest first: a module
# block below, a tag or label of the resource (tag_keys), a module input
# given a constant in the module call (module_inputs), the level of the
# parent module, and last default_level.
classification {
  # default_level: level of the resources that nothing else classifies.
  default_level = "internal"

  # tag_keys: tag and label keys whose value names a level, in precedence
  # order. Replaces the profile's list; [] ignores tags.
  tag_keys = ["data_sensitivity", "trustcloud_sensitivity"]

  # module_inputs: module input variables whose constant value, in the
  # module call, names a level. Replaces the profile's list.
  module_inputs = ["data_sensitivity"]

  # aliases: other words for levels, as found in tags and module inputs.
  # Matching is case-insensitive, and level names always work. Entries are
  # added to the profile's aliases.
  aliases = {
    "diffusion restreinte" = "restricted"
    "diffusion-restreinte" = "restricted"
    "dr"                   = "restricted"
    "interne"              = "internal"
    "public"               = "public"
    "sensible"             = "sensitive"
  }

  # module "GLOB": level (a level name or an alias) of every resource of
  # the modules whose address matches GLOB; the first matching block wins.
  # Steps of an address are separated by "."; in a glob, "*" matches any
  # run of characters within a step, "?" one character, and a "**" step
  # any number of steps, none included (module.app.** is module.app and
  # all its child modules). A step without an instance key also matches
  # its instances: "module.db" matches module.db[0] and module.db["eu"].
  #
  # module "module.health_*" {
  #   level = "sensitive"
  # }
}

# level "NAME": a level. The order of declaration is the order of
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

level "public" {
  description            = "Data meant to be published: no requirement."
  allowed_area           = "any"
  allowed_countries      = []
  require_secnumcloud    = false
  allow_pending          = false
  require_known_location = false
  unknown_location       = "deny"
  allow_extraterritorial = true
  severity               = "low"
  rule_severity          = {}
}

level "internal" {
  description            = "Ordinary data of the organisation: hosted in the EU/EEA."
  allowed_area           = "EEA"
  allowed_countries      = []
  require_secnumcloud    = false
  allow_pending          = false
  require_known_location = false
  unknown_location       = "warn"
  allow_extraterritorial = true
  severity               = "medium"
  rule_severity          = {}
}

level "sensitive" {
  description            = "Sensitive data under the doctrine (health, personal data, economic secrets, …): a SecNumCloud-qualified offer in the EU/EEA, at a known location."
  allowed_area           = "EEA"
  allowed_countries      = []
  require_secnumcloud    = true
  allow_pending          = false
  require_known_location = true
  unknown_location       = "deny"
  allow_extraterritorial = false
  severity               = "high"
  rule_severity          = {}
}

level "restricted" {
  description            = "\"Diffusion Restreinte\" data: a SecNumCloud-qualified offer in France, at a known location."
  allowed_area           = "EEA"
  allowed_countries      = ["FR"]
  require_secnumcloud    = true
  allow_pending          = false
  require_known_location = true
  unknown_location       = "deny"
  allow_extraterritorial = false
  severity               = "critical"
  rule_severity          = {}
}

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
#   rules       = ["TC001", "TC002"]
#   reason      = "Migration to a qualified offer planned for Q2 2027"
#   expires     = "2027-03-11"
#   approved_by = "CISO, after the security committee of 2026-03-12"
#   approved_on = "2026-03-12"
# }
