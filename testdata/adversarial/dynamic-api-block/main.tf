terraform {
  required_providers {
    outscale = { source = "outscale/outscale" }
  }
}

variable "apis" {
  type    = map(string)
  default = { main = "us-east-2" }
}

provider "outscale" {
  region = "cloudgouv-eu-west-1"
  dynamic "api" {
    for_each = var.apis
    content {
      region = api.value
    }
  }
}

resource "outscale_net" "data" {
  ip_range = "10.0.0.0/16"
  tags {
    key   = "data_sensitivity"
    value = "sensitive"
  }
}
