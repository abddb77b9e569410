# Built-in profile "fr-cloud-au-centre", the default: the French "Cloud au
# centre" doctrine.
#
# trustcloud reads this file when it starts, with the policy loader; a
# policy that names the profile (profile = "fr-cloud-au-centre", or no
# profile attribute) starts from it, and "trustcloud policy init" restates
# it. Every setting is written out, defaults included.
#
# PRODUCT.md asks for an EU/EEA location at internal, sensitive and
# restricted, hence "EEA"; for sensitive and restricted, SecNumCloud itself
# requires storage and operation in the EU. SecNumCloud also requires
# immunity to non-EU law, so those levels do not allow extraterritorial
# exposure (TC005 never fires where SecNumCloud is required: TC002 already
# says it).

# A built-in profile starts from nothing.
profile = "none"

# A waiver that expired fails loudly; an expiry ahead is a warning.
rule_severity = {
  "TC007" = "high"
  "TC010" = "low"
}
expiry_warning_days = 60
max_waiver_days     = 365

# No rule is switched off; waiver comments in the .tf files do not apply
# (a policy file may allow them: a relaxation, reported).
disabled_rules       = []
allow_inline_waivers = false

classification {
  default_level = "internal"
  tag_keys      = ["data_sensitivity", "trustcloud_sensitivity"]
  module_inputs = ["data_sensitivity"]
  aliases = {
    "public"               = "public"
    "interne"              = "internal"
    "sensible"             = "sensitive"
    "diffusion-restreinte" = "restricted"
    "diffusion restreinte" = "restricted"
    "dr"                   = "restricted"
  }
}

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
}
