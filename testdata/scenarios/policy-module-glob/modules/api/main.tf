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

resource "aws_sqs_queue" "requests" {
  name = "${var.name}-requests"
}

# The tag says internal, but the policy's module rule is stronger.
resource "aws_lambda_function" "this" {
  function_name = var.name
  role          = "arn:aws:iam::123456789012:role/${var.name}"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "api.zip"
  tags = {
    data_sensitivity = "internal"
  }
}
