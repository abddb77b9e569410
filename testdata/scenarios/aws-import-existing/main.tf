# A merge request that brings an existing sensitive bucket in us-east-1
# under management with an import block (Terraform 1.5+). The object is
# imported as it is, so the plan's action is a no-op with "importing": its
# findings are new all the same (TC001 + TC002), under --new-only and any
# baseline.

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

import {
  to = aws_s3_bucket.legacy
  id = jsonencode({
    bucket   = "prefecture-legacy-archive"
    region   = "us-east-1"
    tags     = { data_sensitivity = "sensitive" }
    tags_all = { data_sensitivity = "sensitive" }
  })
}

resource "aws_s3_bucket" "legacy" {
  bucket = "prefecture-legacy-archive"
  region = "us-east-1"
  tags = {
    data_sensitivity = "sensitive"
  }
}
