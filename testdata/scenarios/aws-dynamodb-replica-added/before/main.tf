# The state before the merge request: two sensitive DynamoDB tables in Paris
# (TC002), each with a replica in Frankfurt.

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

resource "aws_dynamodb_table" "cases" {
  name         = "cases"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  replica {
    region_name = "eu-central-1"
  }

  tags = {
    data_sensitivity = "sensitive"
    owner            = "dsi"
  }
}

resource "aws_dynamodb_table" "archives" {
  name         = "archives"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  replica {
    region_name = "eu-central-1"
  }

  tags = {
    data_sensitivity = "sensitive"
    owner            = "dsi"
  }
}
