# The state before the merge request: four export buckets, grown outside the
# baseline (aws-count-one accepted one).

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
  count  = 4
  bucket = "dossier-exports-${count.index}"
  region = "us-east-1"
  tags = {
    data_sensitivity = "sensitive"
    owner            = "dsi"
  }
}
