# The state the tiny configuration is planned against in the update test:
# the queue of the child module exists already, without tags.

terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

module "child" {
  source = "./child"
}
