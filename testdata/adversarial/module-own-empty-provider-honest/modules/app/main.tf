terraform {
  required_providers {
    outscale = { source = "outscale/outscale" }
  }
}

resource "outscale_net" "data" {
  ip_range = "10.0.0.0/16"
  tags {
    key   = "data_sensitivity"
    value = "sensitive"
  }
}
