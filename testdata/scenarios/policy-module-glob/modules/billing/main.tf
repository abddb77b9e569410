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

resource "aws_sqs_queue" "invoices" {
  name = "${var.name}-invoices"
}

resource "aws_dynamodb_table" "invoices" {
  name         = "${var.name}-invoices"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "invoice_id"

  attribute {
    name = "invoice_id"
    type = "S"
  }
}
