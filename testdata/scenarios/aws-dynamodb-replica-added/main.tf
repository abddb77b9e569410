# A merge request that adds a us-east-1 replica to an existing table (an
# in-place update): a new data flow out of the EU (TC006), and the table's
# TC002 is new too under --new-only, since its data locations changed. The
# other table is only retagged: its TC002 is existing.

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

  replica {
    region_name = "us-east-1"
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
    owner            = "sg"
  }
}
