terraform {
  required_providers {
    outscale = { source = "outscale/outscale" }
  }
}

module "app" {
  source = "./modules/app"
  region = null
}
