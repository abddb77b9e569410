# The glue of a deployment: random names and passwords, keys, waits and
# timestamps, none of which stores data anywhere. Even in a module classified
# sensitive they have no location, hence no finding. The bucket they name is
# an ordinary AWS resource.

terraform {
  required_version = ">= 1.8"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
    null = {
      source  = "hashicorp/null"
      version = "~> 3.2"
    }
    tls = {
      source  = "hashicorp/tls"
      version = "~> 4.0"
    }
    time = {
      source  = "hashicorp/time"
      version = "~> 0.12"
    }
  }
}

provider "aws" {
  region = "eu-west-3"
}

resource "random_pet" "env" {
  length = 2
}

resource "time_rotating" "credentials" {
  rotation_days = 90
}

module "bootstrap" {
  source           = "./modules/bootstrap"
  name             = random_pet.env.id
  data_sensitivity = "sensitive"
}

resource "aws_s3_bucket" "artifacts" {
  bucket = "artifacts-${module.bootstrap.suffix}"
}
