variable "name" {
  type = string
}

variable "region" {
  type = string
}

module "network" {
  source     = "../network"
  name       = var.name
  region     = var.region
  cidr_block = "10.50.0.0/16"
}

module "database" {
  source     = "../database"
  name       = var.name
  region     = var.region
  subnet_ids = module.network.private_subnet_ids
}
