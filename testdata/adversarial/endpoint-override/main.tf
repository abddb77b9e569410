terraform {
  required_providers {
    outscale = { source = "outscale/outscale" }
  }
}

provider "outscale" {
  api {
    region   = "cloudgouv-eu-west-1"
    endpoint = "https://api.us-east-2.outscale.com/api/v1"
  }
}

resource "outscale_net" "data" {
  ip_range = "10.0.0.0/16"
  tags {
    key   = "data_sensitivity"
    value = "sensitive"
  }
}
