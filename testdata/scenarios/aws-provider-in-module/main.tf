# An older code base whose module configures its own provider from a module
# variable (the pattern that predates `providers = {}`): the root has no aws
# provider block at all. The US stack serves a North American customer.

terraform {
  required_version = ">= 1.8"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

module "eu_stack" {
  source      = "./modules/regional-stack"
  region      = "eu-central-1"
  environment = "prod"
  cidr_block  = "10.30.0.0/16"
}

module "us_stack" {
  source      = "./modules/regional-stack"
  region      = "us-west-2"
  environment = "prod"
  cidr_block  = "10.40.0.0/16"
}
