# Root module of the source index tests: every kind of block the index
# must find, and module calls of every kind.

terraform {
  required_version = ">= 1.8"
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

data "aws_caller_identity" "me" {}

resource "aws_instance" "web" {
  count = 2
  ami   = "ami-123"
}

resource "aws_iam_user" "users" {
  for_each = toset(["a.b[c]\"d", "plain"])
  name     = each.key
}

module "db" {
  source = "./modules/db"
  region = "eu-west-3"
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}
