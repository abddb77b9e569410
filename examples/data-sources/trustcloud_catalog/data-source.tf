data "trustcloud_catalog" "current" {}

# Record, next to the plan, which catalog the compliance checks relied on.
output "trustcloud_catalog" {
  value = {
    as_of         = data.trustcloud_catalog.current.as_of
    anssi_edition = data.trustcloud_catalog.current.anssi_edition
    version       = data.trustcloud_catalog.current.version
  }
}

# The ANSSI documents the SecNumCloud statuses were taken from.
output "anssi_sources" {
  value = [
    for s in data.trustcloud_catalog.current.sources : "${s.title} <${s.url}>"
    if can(regex("cyber\\.gouv\\.fr", s.url))
  ]
}
