terraform {
  required_providers {
    outscale = { source = "outscale/outscale" }
  }
}

variable "regions" {
  type    = map(string)
  default = { gov = "cloudgouv-eu-west-1" }
}

# OpenTofu's provider for_each, passed to the module instance of the same key.
provider "outscale" {
  alias    = "by_region"
  for_each = var.regions
  region   = each.value
}

module "tenant" {
  source    = "./modules/tenant"
  for_each  = var.regions
  providers = { outscale = outscale.by_region[each.key] }
  cidr      = "10.${index(keys(var.regions), each.key)}.0.0/16"
}
