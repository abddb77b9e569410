terraform {
  required_providers {
    outscale = { source = "outscale/outscale" }
  }
}

provider "outscale" {
  api {
    region = "cloudgouv-eu-west-1"
  }
}

provider "outscale" {
  alias = "from_env"
}

resource "outscale_vm" "gov" {
  image_id                 = "ami-0f9a8b7c"
  placement_subregion_name = "cloudgouv-eu-west-1a"
  tags {
    key   = "data_sensitivity"
    value = "sensitive"
  }
}

resource "outscale_keypair" "ops" {
  provider     = outscale.from_env
  keypair_name = "ops-${outscale_vm.gov.image_id}"
  tags {
    key   = "data_sensitivity"
    value = "sensitive"
  }
}
