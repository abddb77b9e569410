# A ministry application on 3DS Outscale: the back end runs in the
# SecNumCloud region cloudgouv-eu-west-1, a front end was deployed in the
# public eu-west-2 region, and a batch VM uses a provider configured from the
# environment (OSC_REGION), invisible to the plan. Resources carry Outscale's
# tags { key value } blocks, with the French level names.

terraform {
  required_version = ">= 1.8"
  required_providers {
    outscale = {
      source  = "outscale/outscale"
      version = "~> 1.0"
    }
  }
}

provider "outscale" {
  api {
    region = "cloudgouv-eu-west-1"
  }
}

provider "outscale" {
  alias  = "public"
  region = "eu-west-2"
}

# Region and credentials from OSC_REGION / OSC_ACCESS_KEY in the environment.
provider "outscale" {
  alias = "from_env"
}

resource "outscale_net" "gov" {
  ip_range = "10.100.0.0/16"
  tags {
    key   = "data_sensitivity"
    value = "sensible"
  }
}

resource "outscale_subnet" "gov" {
  net_id         = outscale_net.gov.net_id
  ip_range       = "10.100.1.0/24"
  subregion_name = "cloudgouv-eu-west-1a"
  tags {
    key   = "data_sensitivity"
    value = "sensible"
  }
}

resource "outscale_keypair" "ops" {
  keypair_name = "ops"
}

resource "outscale_vm" "backend" {
  image_id                 = "ami-0f9a8b7c"
  vm_type                  = "tinav6.c4r8p2"
  keypair_name             = outscale_keypair.ops.keypair_name
  subnet_id                = outscale_subnet.gov.subnet_id
  placement_subregion_name = "cloudgouv-eu-west-1a"

  tags {
    key   = "Name"
    value = "backend-1"
  }
  tags {
    key   = "data_sensitivity"
    value = "sensible"
  }
}

resource "outscale_volume" "backend_data" {
  subregion_name = "cloudgouv-eu-west-1a"
  size           = 200
  volume_type    = "io1"
  iops           = 3000
  tags {
    key   = "data_sensitivity"
    value = "sensible"
  }
}

resource "outscale_volume_link" "backend_data" {
  vm_id       = outscale_vm.backend.vm_id
  volume_id   = outscale_volume.backend_data.volume_id
  device_name = "/dev/xvdb"
}

resource "outscale_vm" "frontend" {
  provider                 = outscale.public
  image_id                 = "ami-0a1b2c3d"
  vm_type                  = "tinav6.c2r4p2"
  placement_subregion_name = "eu-west-2a"

  tags {
    key   = "data_sensitivity"
    value = "sensible"
  }
}

resource "outscale_vm" "batch" {
  provider = outscale.from_env
  image_id = "ami-0e4f5a6b"
  vm_type  = "tinav6.c8r16p2"

  tags {
    key   = "data_sensitivity"
    value = "sensible"
  }
}
