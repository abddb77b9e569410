terraform {
  required_providers {
    outscale = { source = "outscale/outscale" }
  }
}

variable "cidr" {
  type = string
}

resource "outscale_net" "data" {
  ip_range = var.cidr
  tags {
    key   = "data_sensitivity"
    value = "sensitive"
  }
}
