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

resource "aws_cloudwatch_log_group" "this" {
  name              = "/audit/${var.name}"
  retention_in_days = 365
}
