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

module "app" {
  source = "./modules/app"
}
