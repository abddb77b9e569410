# A merge request that grows the export buckets from one to four: the first
# is unchanged (no-op), three are created. A baseline that accepted the one
# bucket (fingerprints drop count indexes) must not cover the three new
# ones, and --new-only must call them new.

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
