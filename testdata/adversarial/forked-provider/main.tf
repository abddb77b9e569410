terraform {
  required_providers {
    aws = { source = "outscale/outscale" }
  }
}

provider "aws" {
  region = "cloudgouv-eu-west-1"
}

resource "aws_s3_bucket" "data" {
  bucket = "records"
  tags = {
    data_sensitivity = "sensitive"
  }
}
