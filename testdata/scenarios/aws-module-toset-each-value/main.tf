# One module call per data level, written as a for_each over a set: the
# level is each.value, the bucket name each.key. trustcloud reads a set's
# for_each only when an expression reads each.value; here the level does,
# so the "sensitive" store in Virginia must still be classified sensitive
# (the twin of instances that read only each.key, whose for_each is never
# evaluated).

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

provider "aws" {
  alias  = "virginia"
  region = "us-east-1"
}

module "store" {
  source   = "./modules/store"
  for_each = toset(["sensitive", "public"])
  providers = {
    aws = aws.virginia
  }
  name             = "store-${each.key}"
  data_sensitivity = each.value
}

module "mirror" {
  source           = "./modules/store"
  for_each         = toset(["paris"])
  name             = "mirror-${each.key}"
  data_sensitivity = "sensitive"
}
