terraform {
  required_providers {
    outscale = { source = "outscale/outscale" }
  }
}

# An empty provider block: the module's own configuration, which inherits
# nothing from the root (its region comes from OSC_REGION).
provider "outscale" {}

resource "outscale_net" "data" {
  ip_range = "10.0.0.0/16"
  tags {
    key   = "data_sensitivity"
    value = "sensitive"
  }
}
