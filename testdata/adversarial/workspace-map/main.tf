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
  region = lookup({ default = var.region, prod = "us-east-2" }, terraform.workspace)
}

resource "outscale_net" "data" {
  ip_range = "10.0.0.0/16"
  tags {
    key   = "data_sensitivity"
    value = "sensitive"
  }
}
