# The state before the merge request: a sensitive archive and an internal
# queue in Paris, a sensitive report bucket in Paris.

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

resource "aws_s3_bucket" "archive" {
  bucket = "prefecture-archive"
  tags = {
    data_sensitivity = "sensitive"
  }
}

resource "aws_s3_bucket" "reports" {
  bucket = "prefecture-reports"
  tags = {
    data_sensitivity = "sensitive"
    owner            = "dsi"
  }
}

resource "aws_sqs_queue" "events" {
  name = "prefecture-events"
}
