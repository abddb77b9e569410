# A serverless API whose provider block has no region: CI sets AWS_REGION in
# the environment, which the plan does not record. Where the resources go
# cannot be told from the plan.

terraform {
  required_version = ">= 1.8"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

# Region from AWS_REGION / AWS_DEFAULT_REGION in the CI job.
provider "aws" {}

resource "aws_iam_role" "api" {
  name = "notes-api"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/aws/lambda/notes-api"
  retention_in_days = 30
}

resource "aws_lambda_function" "api" {
  function_name = "notes-api"
  role          = aws_iam_role.api.arn
  package_type  = "Image"
  image_uri     = "123456789012.dkr.ecr.eu-west-3.amazonaws.com/notes-api:1.4.2"
  memory_size   = 512
  timeout       = 15
}

resource "aws_sqs_queue" "jobs" {
  name = "notes-api-jobs"
}
