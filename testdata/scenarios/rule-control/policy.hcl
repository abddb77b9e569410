profile = "fr-cloud-au-centre"

# TC004 (global-service) is switched off: the IAM role reports no TC004.
disabled_rules = ["TC004"]

# Waiver comments in the .tf files apply.
allow_inline_waivers = true

level "sensitive" {
  rule_severity = { TC002 = "medium" }
}
