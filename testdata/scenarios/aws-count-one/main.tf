# A first merge request: one sensitive export bucket in us-east-1 (TC001 +
# TC002). Its check --format json is the baseline of aws-count-growth and
# aws-count-drift, which have four such buckets.

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
