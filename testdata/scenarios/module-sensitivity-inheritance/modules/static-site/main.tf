terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "domain" {
  type = string
}

variable "data_sensitivity" {
  type    = string
  default = null
}

# Served worldwide through a CDN whose origin the team put in us-east-1.
resource "aws_s3_bucket" "site" {
  region = "us-east-1"
  bucket = var.domain
}
