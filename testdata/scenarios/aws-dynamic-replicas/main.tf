# Replicas written through dynamic blocks, which plan JSON's configuration
# does not show: a table whose replica regions come from a list known at
# plan time (the planned values show each replica), and one whose regions
# are known only at apply time (the whole replica set is unknown in the
# plan: an author could send the data anywhere).

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

variable "replica_regions" {
  type    = list(string)
  default = ["eu-central-1", "eu-north-1"]
}

# Regions known at plan time: each replica is in the plan, inside the EU.
resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "order_id"

  attribute {
    name = "order_id"
    type = "S"
  }

  dynamic "replica" {
    for_each = var.replica_regions
    content {
      region_name = replica.value
    }
  }
}

# Regions known only at apply time: where the data goes is unknown.
resource "terraform_data" "regions" {
  input = ["us-east-1"]
}

resource "aws_dynamodb_table" "sessions" {
  name         = "sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "session_id"

  attribute {
    name = "session_id"
    type = "S"
  }

  dynamic "replica" {
    for_each = terraform_data.regions.output
    content {
      region_name = replica.value
    }
  }
}
