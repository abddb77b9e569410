profile = "fr-cloud-au-centre"

level "internal" {
  severity = "urgent"
}
