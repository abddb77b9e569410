# A merge request that moves the sensitive archive to us-east-1 (a
# replacement, because its region changes), retags the reports bucket
# (an in-place update that keeps its location) and leaves the queue alone.
# With --new-only, only the archive's findings are new: the reports
# bucket's TC002 existed before this change.

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
  region = "us-east-1"
  tags = {
    data_sensitivity = "sensitive"
  }
}

resource "aws_s3_bucket" "reports" {
  bucket = "prefecture-reports"
  tags = {
    data_sensitivity = "sensitive"
    owner            = "sg"
  }
}

resource "aws_sqs_queue" "events" {
  name = "prefecture-events"
}
