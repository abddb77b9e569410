# French operators with at least one SecNumCloud-qualified offer today.
data "trustcloud_operators" "qualified_fr" {
  secnumcloud_only = true
  country          = "FR"
}

output "qualified_french_operators" {
  value = { for o in data.trustcloud_operators.qualified_fr.operators : o.id => o.name }
}

# Operators subject to non-EU extraterritorial laws (US CLOUD Act, FISA 702).
# extraterritorial_exposure is null when the catalog does not know: treat
# "unknown" as a question to answer, not as "not exposed".
data "trustcloud_operators" "all" {}

output "exposed_operators" {
  value = [for o in data.trustcloud_operators.all.operators : o.id if o.extraterritorial_exposure == true]
}

output "operators_to_review" {
  value = [for o in data.trustcloud_operators.all.operators : o.id if o.extraterritorial_exposure == null]
}
