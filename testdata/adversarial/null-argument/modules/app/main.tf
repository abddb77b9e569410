terraform {
  required_providers {
    outscale = { source = "outscale/outscale" }
  }
}

variable "region" {
  type    = string
  default = "cloudgouv-eu-west-1"
}

provider "outscale" {
  region = var.region
}

resource "outscale_net" "data" {
  ip_range = "10.0.0.0/16"
  tags {
    key   = "data_sensitivity"
    value = "sensitive"
  }
}
