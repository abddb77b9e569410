# Before: the patients queue lives in the health module.
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
  region = "us-east-1"
}

module "health_records" {
  source = "./modules/storage"
  name   = "patients"
}
