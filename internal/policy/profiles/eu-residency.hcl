# Built-in profile "eu-residency": data in the EU, and confidential data away
# from operators exposed to non-EU extraterritorial law, without asking for a
# national qualification.
#
# trustcloud reads this file when it starts, with the policy loader; a
# policy that says profile = "eu-residency" starts from it, and
# "trustcloud policy init --profile eu-residency" restates it. Every setting
# is written out, defaults included.

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
  aliases       = {}
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
  description            = "Ordinary data of the organisation: hosted in the EU."
  allowed_area           = "EU"
  allowed_countries      = []
  require_secnumcloud    = false
  allow_pending          = false
  require_known_location = false
  unknown_location       = "warn"
  allow_extraterritorial = true
  severity               = "medium"
}

level "confidential" {
  description            = "Confidential data: hosted in the EU, at a known location, by an operator not exposed to non-EU extraterritorial law."
  allowed_area           = "EU"
  allowed_countries      = []
  require_secnumcloud    = false
  allow_pending          = false
  require_known_location = true
  unknown_location       = "deny"
  allow_extraterritorial = false
  severity               = "high"
}
