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

# Only metadata about requests: its own tag says so, and a tag on the
# resource is stronger than the module input.
resource "aws_sqs_queue" "intake" {
  name = "${var.name}-intake"
  tags = {
    data_sensitivity = "internal"
  }
}

resource "aws_lambda_function" "api" {
  function_name = "${var.name}-api"
  role          = "arn:aws:iam::123456789012:role/${var.name}-api"
  runtime       = "java21"
  handler       = "fr.example.records.Handler"
  filename      = "api.zip"
}

# No data_sensitivity argument: the module inherits its parent's level.
module "storage" {
  source = "../encrypted-bucket"
  name   = "${var.name}-store"
}

# A reference, not a constant: the level still comes from the parent.
module "audit" {
  source           = "../audit-log"
  name             = var.name
  data_sensitivity = var.data_sensitivity
}
