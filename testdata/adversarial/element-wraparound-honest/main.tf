terraform {
  required_providers {
    outscale = { source = "outscale/outscale" }
  }
}

variable "regions" {
  type    = list(string)
  default = ["cloudgouv-eu-west-1", "us-east-2"]
}

provider "outscale" {
  region = element(var.regions, 2)
}

resource "outscale_net" "data" {
  ip_range = "10.0.0.0/16"
  tags {
    key   = "data_sensitivity"
    value = "sensitive"
  }
}
