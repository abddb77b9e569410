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
  type = string
}

locals {
  tags = {
    tenant           = var.name
    data_sensitivity = var.data_sensitivity
  }
}

resource "aws_s3_bucket" "data" {
  bucket = "saas-tenant-${var.name}"
  tags   = local.tags
}

resource "aws_sqs_queue" "jobs" {
  name = "saas-tenant-${var.name}-jobs"
  tags = local.tags
}
