# DynamoDB global tables of a shop, primary in Paris: orders replicated to
# Frankfurt, the product catalog to Oregon (for a US storefront), carts to
# a region chosen at apply time, and customer profiles to Ireland and
# Singapore.

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

# Inside the EU: allowed.
resource "aws_dynamodb_table" "orders" {
  name             = "orders"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "order_id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "order_id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  replica {
    region_name = "eu-central-1"
  }
}

# A replica in us-west-2: outside the EU.
resource "aws_dynamodb_table" "catalog" {
  name             = "product-catalog"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "sku"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "sku"
    type = "S"
  }

  replica {
    region_name = "us-west-2"
  }
}

# The replica region is only known once terraform_data is applied: its
# output is unknown at plan time even though its input is a literal.
resource "terraform_data" "carts_replica_region" {
  input = "eu-west-1"
}

resource "aws_dynamodb_table" "carts" {
  name             = "carts"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "cart_id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "cart_id"
    type = "S"
  }

  replica {
    region_name = terraform_data.carts_replica_region.output
  }
}

# Two replicas: Ireland is allowed, Singapore (the second) is not.
resource "aws_dynamodb_table" "profiles" {
  name             = "customer-profiles"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "customer_id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "customer_id"
    type = "S"
  }

  replica {
    region_name = "eu-west-1"
  }

  replica {
    region_name = "ap-southeast-1"
  }
}
