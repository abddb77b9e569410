# The state before the merge request: internal buckets in us-east-1 (TC001
# each), a sensitive bucket in Paris and a sensitive IAM role.

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

provider "aws" {
  alias  = "virginia"
  region = "us-east-1"
}

resource "aws_s3_bucket" "waived" {
  provider = aws.virginia
  bucket   = "rc-waived"
}

resource "aws_s3_bucket" "expired" {
  provider = aws.virginia
  bucket   = "rc-expired"
}

resource "aws_s3_bucket" "unapproved" {
  provider = aws.virginia
  bucket   = "rc-unapproved"
}

resource "aws_s3_bucket" "neighbour" {
  provider = aws.virginia
  bucket   = "rc-neighbour"
}

resource "aws_s3_bucket" "heredoc" {
  provider = aws.virginia
  bucket   = "rc-heredoc"
}

resource "aws_sqs_queue" "decoy" {
  name = "rc-decoy"
}

resource "aws_s3_bucket" "health" {
  bucket = "rc-health"
  tags = {
    data_sensitivity = "sensitive"
  }
}

resource "aws_iam_role" "health" {
  name = "rc-health-reader"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
  tags = {
    data_sensitivity = "sensitive"
  }
}
