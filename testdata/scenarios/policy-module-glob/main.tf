# A hospital group's platform on AWS Paris. The policy (policy.hcl) makes
# every module whose address matches module.health_* sensitive; billing is
# left at the default level.

terraform {
  required_version = ">= 1.8"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "eu-west-3"
}

module "health_records" {
  source = "./modules/records"
  name   = "health-records"
}

module "health_api" {
  source = "./modules/api"
  name   = "health-api"
}

module "billing" {
  source = "./modules/billing"
  name   = "billing"
}
