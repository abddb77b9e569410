# A merge request that retags the four export buckets (an in-place update
# that keeps location, operator and level). Against the baseline of
# aws-count-one, which accepted one bucket, one finding per rule is
# existing and three are new: one accepted finding covers one finding.

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
    owner            = "sg"
  }
}
