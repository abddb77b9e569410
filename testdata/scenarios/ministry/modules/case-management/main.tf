terraform {
  required_providers {
    outscale = {
      source = "outscale/outscale"
    }
  }
}

variable "data_sensitivity" {
  type    = string
  default = null
}

variable "admin_public_key" {
  type = string
}

resource "outscale_keypair" "admin" {
  keypair_name = "case-admin"
  public_key   = var.admin_public_key
}

resource "outscale_vm" "app" {
  image_id                 = "ami-0c7d8e9f"
  vm_type                  = "tinav6.c4r8p2"
  keypair_name             = outscale_keypair.admin.keypair_name
  placement_subregion_name = "cloudgouv-eu-west-1a"
}

resource "outscale_volume" "data" {
  subregion_name = "cloudgouv-eu-west-1a"
  size           = 500
}
