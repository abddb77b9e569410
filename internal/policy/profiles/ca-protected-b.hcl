# Built-in profile "ca-protected-b": the Government of Canada's direction on
# electronic data residency.
#
# trustcloud reads this file when it starts, with the policy loader; a
# policy that says profile = "ca-protected-b" starts from it, and
# "trustcloud policy init --profile ca-protected-b" restates it. Every
# setting is written out, defaults included.
#
# Protected B (and above) data must be stored in Canada; Protected A has no
# residency requirement, but its location must be known so that it can be
# assessed. US providers with Canadian regions are acceptable to the GC, so
# extraterritorial exposure is allowed.

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
  default_level = "unclassified"
  tag_keys      = ["data_sensitivity", "trustcloud_sensitivity"]
  module_inputs = ["data_sensitivity"]
  aliases = {
    "non classifié" = "unclassified"
    "non-classifié" = "unclassified"
    "non classifie" = "unclassified"
    "unclass"       = "unclassified"
    "protected a"   = "protected-a"
    "protected_a"   = "protected-a"
    "pa"            = "protected-a"
    "protégé a"     = "protected-a"
    "protégé-a"     = "protected-a"
    "protege a"     = "protected-a"
    "protege-a"     = "protected-a"
    "protected b"   = "protected-b"
    "protected_b"   = "protected-b"
    "pb"            = "protected-b"
    "protégé b"     = "protected-b"
    "protégé-b"     = "protected-b"
    "protege b"     = "protected-b"
    "protege-b"     = "protected-b"
  }
}

level "unclassified" {
  description            = "Information that is not Protected: no requirement."
  allowed_area           = "any"
  allowed_countries      = []
  require_secnumcloud    = false
  allow_pending          = false
  require_known_location = false
  unknown_location       = "deny"
  allow_extraterritorial = true
  severity               = "low"
}

level "protected-a" {
  description            = "Protected A: no residency requirement, but a known location."
  allowed_area           = "any"
  allowed_countries      = []
  require_secnumcloud    = false
  allow_pending          = false
  require_known_location = true
  unknown_location       = "deny"
  allow_extraterritorial = true
  severity               = "medium"
}

level "protected-b" {
  description            = "Protected B: stored in Canada, at a known location."
  allowed_area           = "any"
  allowed_countries      = ["CA"]
  require_secnumcloud    = false
  allow_pending          = false
  require_known_location = true
  unknown_location       = "deny"
  allow_extraterritorial = true
  severity               = "high"
}
