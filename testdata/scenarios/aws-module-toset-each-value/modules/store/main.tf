terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "name" {
  type = string
}

variable "data_sensitivity" {
  type    = string
  default = null
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}
