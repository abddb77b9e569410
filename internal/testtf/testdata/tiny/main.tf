# A tiny configuration for the harness's own tests: resources in several
# places (provider block, aliased provider with an endpoint override, the
# environment, a variable, a child module), one utility resource that
# lands nowhere.

terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
    outscale = {
      source = "outscale/outscale"
    }
    random = {
      source = "hashicorp/random"
    }
  }
}

variable "outscale_region" {
  type = string
}

provider "aws" {
  region = "eu-west-3"
}

provider "aws" {
  alias  = "virginia"
  region = "us-east-1"
  endpoints {
    s3 = "https://s3.storage.example:9000"
  }
}

# No region: AWS_REGION from the environment decides.
provider "aws" {
  alias = "env"
}

provider "outscale" {
  region = var.outscale_region
}

resource "aws_s3_bucket" "paris" {
  bucket = "tiny-paris"
}

resource "aws_s3_bucket" "virginia" {
  provider = aws.virginia
  bucket   = "tiny-virginia"
}

resource "aws_sqs_queue" "env" {
  provider = aws.env
  name     = "tiny-env"
}

resource "outscale_net" "net" {
  ip_range = "10.0.0.0/16"
}

resource "random_id" "suffix" {
  byte_length = 4
}

module "child" {
  source = "./child"
  providers = {
    aws = aws.virginia
  }
}
