# The same configuration planned with the real hashicorp/aws 5.100.0 (from
# the filesystem mirror, offline: dummy keys, no call to AWS) and with the
# test provider's 5.x tables: TestRealAWS compares what trustcloud reads.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

variable "bucket_prefix" {
  type    = string
  default = "trustcloud-crosscheck"
}

provider "aws" {
  region                      = "eu-west-3"
  access_key                  = "x"
  secret_key                  = "y"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true

  default_tags {
    tags = {
      data_sensitivity = "internal"
      owner            = "dsi"
    }
  }
}

provider "aws" {
  alias                       = "virginia"
  region                      = "us-east-1"
  access_key                  = "x"
  secret_key                  = "y"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}

resource "aws_s3_bucket" "archive" {
  bucket = "${var.bucket_prefix}-archive"
  tags = {
    data_sensitivity = "sensitive"
  }
}

resource "aws_s3_bucket" "replica" {
  provider = aws.virginia
  bucket   = "${var.bucket_prefix}-replica"
}

resource "aws_s3_object" "report" {
  bucket  = aws_s3_bucket.archive.id
  key     = "report.csv"
  content = "region,count\n"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags = {
    Name = "main"
  }
}

resource "aws_subnet" "app" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-3a"
}

resource "aws_subnet" "spare" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
}

resource "aws_iam_role" "app" {
  name = "crosscheck-app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
  tags = {
    data_sensitivity = "public"
  }
}

resource "aws_sqs_queue" "us" {
  provider = aws.virginia
  name     = "crosscheck-us"
  tags = {
    data_sensitivity = "internal"
  }
}
