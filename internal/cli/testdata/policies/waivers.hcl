# Waivers for the builtin plan read with catalog/builtin-as-aws.json.
waiver "DER-2026-001" {
  addresses   = ["terraform_data.site"]
  rules       = ["TC001"]
  reason      = "Replica in Virginia until the migration of the US customers"
  expires     = "2099-12-31"
  approved_by = "CISO"
  approved_on = "2099-09-22"
  covers_new  = true # the scenario creates every resource
}

waiver "DER-2020-007" {
  addresses   = ["module.app.**"]
  rules       = ["TC002"]
  reason      = "Move to a qualified offer"
  expires     = "2020-06-30"
  approved_by = "CISO"
  approved_on = "2020-03-22"
  covers_new  = true # the scenario creates every resource
}
