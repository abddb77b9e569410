terraform {
  required_providers {
    outscale = { source = "outscale/outscale" }
  }
}

variable "regions" {
  type    = map(string)
  default = { gov = "cloudgouv-eu-west-1", us = "us-east-2" }
}

# OpenTofu's provider for_each: one configuration per region.
provider "outscale" {
  alias    = "by_region"
  for_each = var.regions
  region   = each.value
}

resource "outscale_net" "data" {
  for_each = var.regions
  provider = outscale.by_region[each.key]
  ip_range = "10.${index(keys(var.regions), each.key)}.0.0/16"
  tags {
    key   = "data_sensitivity"
    value = "sensitive"
  }
}
