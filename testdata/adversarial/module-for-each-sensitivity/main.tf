terraform {
  required_providers {
    scaleway = { source = "scaleway/scaleway" }
  }
}

provider "scaleway" {
  region = "fr-par"
}

module "tenant" {
  source           = "./modules/tenant"
  for_each         = { records = "sensitive" }
  data_sensitivity = each.value
}
