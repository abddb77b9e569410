# The state before the merge request: the one export bucket of aws-count-one.

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

resource "aws_s3_bucket" "exports" {
  count  = 1
  bucket = "dossier-exports-${count.index}"
  region = "us-east-1"
  tags = {
    data_sensitivity = "sensitive"
    owner            = "dsi"
  }
}
