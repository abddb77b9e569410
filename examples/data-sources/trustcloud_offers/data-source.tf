# Every SecNumCloud-qualified IaaS offer, for an architecture decision record.
data "trustcloud_offers" "qualified_iaas" {
  status = "qualified"
  model  = "IaaS"
}

output "qualified_iaas_offers" {
  value = [
    for o in data.trustcloud_offers.qualified_iaas.offers :
    "${o.operator}: ${o.name} (SecNumCloud ${coalesce(o.version, "version not recorded")})"
    if o.secnumcloud_qualified
  ]
}

# Where a hybrid offer stands in the qualification process (J0, J1, J2 …).
data "trustcloud_offers" "bleu" {
  operator = "bleu"
}

output "bleu_offers" {
  value = { for o in data.trustcloud_offers.bleu.offers : o.name => o.status }
}
