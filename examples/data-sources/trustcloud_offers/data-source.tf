# Every SecNumCloud-qualified IaaS offer, for an architecture decision record.
data "trustcloud_offers" "qualified_iaas" {
  status = "qualified"
  model  = "IaaS"
}

output "qualified_iaas_offers" {
  value = [
    for o in data.trustcloud_offers.qualified_iaas.offers :
    "${o.operator}: ${o.name} (SecNumCloud ${coalesce(o.version, "version not recorded")}, ANSSI decision ${coalesce(o.decision, "not recorded")}, until ${coalesce(o.expires_on, "a date not recorded")})"
    if o.secnumcloud_qualified
  ]
}

# A status of qualified is not enough: standing says whether it counts
# today (unconfirmed: recorded on an unverified source only; expired: past
# expires_on with no renewal recorded).
output "qualifications_to_check" {
  value = {
    for o in data.trustcloud_offers.qualified_iaas.offers :
    o.id => o.standing if o.standing != "qualified"
  }
}

# Qualifications that lapse within 90 days: check their renewal with ANSSI
# before relying on them.
data "trustcloud_offers" "expiring" {
  expiring_within_days = 90
}

output "expiring_qualifications" {
  value = { for o in data.trustcloud_offers.expiring.offers : o.id => o.expires_on }
}

# Where a hybrid offer stands in the qualification process (J0, J1, J2 …).
data "trustcloud_offers" "bleu" {
  operator = "bleu"
}

output "bleu_offers" {
  value = { for o in data.trustcloud_offers.bleu.offers : o.name => o.status }
}
