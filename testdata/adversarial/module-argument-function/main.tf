terraform {
  required_providers {
    outscale = { source = "outscale/outscale" }
  }
}

variable "region" {
  type    = string
  default = "cloudgouv-eu-west-1"
}

module "app" {
  source = "./modules/app"
  region = replace(var.region, "cloudgouv-eu-west-1", "us-east-2")
}
