# An order-processing service whose region comes from terraform.tfvars
# (picked up automatically by terraform plan). The database is tagged with
# the French word for sensitive.

terraform {
  required_version = ">= 1.8"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

variable "region" {
  type        = string
  description = "AWS region, set per environment in terraform.tfvars."
}

variable "environment" {
  type = string
}

provider "aws" {
  region = var.region
  default_tags {
    tags = {
      environment = var.environment
      service     = "orders"
    }
  }
}

resource "aws_db_instance" "orders" {
  identifier          = "orders-${var.environment}"
  engine              = "mysql"
  engine_version      = "8.0"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 50
  storage_encrypted   = true
  username            = "orders"
  skip_final_snapshot = true
  tags = {
    data_sensitivity = "sensible"
  }
}

resource "aws_sqs_queue" "orders" {
  name                       = "orders-${var.environment}"
  visibility_timeout_seconds = 120
  sqs_managed_sse_enabled    = true
}

resource "aws_iam_role" "worker" {
  name = "orders-worker-${var.environment}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_lambda_function" "worker" {
  function_name = "orders-worker-${var.environment}"
  role          = aws_iam_role.worker.arn
  runtime       = "python3.12"
  handler       = "worker.handler"
  filename      = "worker.zip"
  memory_size   = 256
  timeout       = 60

  environment {
    variables = {
      QUEUE_URL = aws_sqs_queue.orders.url
    }
  }
}

resource "aws_lambda_event_source_mapping" "orders" {
  event_source_arn = aws_sqs_queue.orders.arn
  function_name    = aws_lambda_function.worker.arn
  batch_size       = 10
}
