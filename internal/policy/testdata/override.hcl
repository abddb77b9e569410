# A policy that starts from the default profile and changes it: used by the
# override, query and Load tests.
profile = "fr-cloud-au-centre"

rule_severity = { TC007 = "critical" }

classification {
  default_level = "interne"
  tag_keys      = ["classification", "data_sensitivity"]
  aliases       = { "C2" = "sensitive", confidentiel = "Sensitive" }

  module "module.health_*" {
    level = "sensible"
  }
  module "module.legacy.**" {
    level = "internal"
  }
}

level "sensitive" {
  allowed_countries = ["fr", "DE", "FR"]
  allow_pending     = true
  rule_severity     = { tc003 = "medium" }
}

level "secret" {
  description         = "Beyond Diffusion Restreinte."
  allowed_countries   = ["FR"]
  require_secnumcloud = true
  unknown_location    = "warn"
  severity            = "critical"
}

waiver "DER-2026-004" {
  addresses   = ["module.legacy.aws_s3_bucket.*"]
  rules       = ["TC001", "tc002"]
  reason      = "Migration to S3NS planned for Q2 2027"
  expires     = "2027-06-30"
  approved_by = "RSSI, ministry X"
  approved_on = "2027-03-22"
}

waiver "DER-2025-001" {
  addresses   = ["aws_instance.bastion"]
  reason      = "Bastion kept until the VPN goes live"
  expires     = "2025-12-31"
  approved_by = "RSSI"
  approved_on = "2025-09-22"
}

waiver "DER-2026-010" {
  addresses   = ["**.aws_s3_bucket.logs"]
  rules       = ["TC001"]
  reason      = "Access logs stay with the account's home region"
  expires     = "2026-12-31"
  approved_by = "CISO"
  approved_on = "2026-09-22"
}
