# User sessions in a DynamoDB global table: the primary is in Paris, with
# replicas in Frankfurt and (for the US help desk) in us-east-1.

terraform {
  required_version = ">= 1.8"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "eu-west-3"
}

resource "aws_kms_key" "sessions" {
  description  = "Sessions table"
  multi_region = true
  tags = {
    data_sensitivity = "sensitive"
  }
}

resource "aws_dynamodb_table" "sessions" {
  name             = "user-sessions"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "session_id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "session_id"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.sessions.arn
  }

  point_in_time_recovery {
    enabled = true
  }

  replica {
    region_name = "eu-central-1"
  }

  replica {
    region_name = "us-east-1"
  }

  tags = {
    data_sensitivity = "sensitive"
  }
}

resource "aws_iam_role" "cleaner" {
  name = "session-cleaner"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_lambda_function" "cleaner" {
  function_name = "session-cleaner"
  role          = aws_iam_role.cleaner.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "cleaner.zip"
}

resource "aws_lambda_event_source_mapping" "sessions" {
  event_source_arn  = aws_dynamodb_table.sessions.stream_arn
  function_name     = aws_lambda_function.cleaner.arn
  starting_position = "LATEST"
}
