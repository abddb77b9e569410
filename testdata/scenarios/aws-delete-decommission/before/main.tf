# The state before the change: the application in Paris plus a legacy
# export bucket and queue in us-east-1. `make testdata` applies this
# configuration first, then plans ../main.tf against the resulting state.

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
  alias  = "us"
  region = "us-east-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.60.0.0/16"
}

resource "aws_subnet" "app" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.60.1.0/24"
  availability_zone = "eu-west-3a"
}

resource "aws_instance" "app" {
  ami           = "ami-0e1f2a3b4c5d6e7f8"
  instance_type = "t3.small"
  subnet_id     = aws_subnet.app.id
  tags = {
    Name             = "app"
    data_sensitivity = "internal"
  }
}

resource "aws_s3_bucket" "legacy_exports" {
  provider = aws.us
  bucket   = "legacy-case-exports"
  tags = {
    data_sensitivity = "sensitive"
  }
}

resource "aws_sqs_queue" "legacy_exports" {
  provider = aws.us
  name     = "legacy-case-exports"
}
