# One module instantiated twice with two providers: the queues are
# identical but for the provider, which with the hashicorp/aws 5.x tables
# the plan does not show. Each must still be joined with its own landing.

terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  alias  = "paris"
  region = "eu-west-3"
}

provider "aws" {
  alias  = "virginia"
  region = "us-east-1"
}

module "paris" {
  source = "./queue"
  providers = {
    aws = aws.paris
  }
}

module "virginia" {
  source = "./queue"
  providers = {
    aws = aws.virginia
  }
}
