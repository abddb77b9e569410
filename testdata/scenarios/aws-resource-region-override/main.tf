# Reporting in Paris, using the per-resource `region` argument of AWS
# provider v6 to place a few resources elsewhere without another provider
# block: a copy of the reports in us-east-1 (for a US partner) and a
# notification queue in Frankfurt.

terraform {
  required_version = ">= 1.8"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0"
    }
  }
}

provider "aws" {
  region = "eu-west-3"
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-monthly-reports"
}

resource "aws_s3_bucket_versioning" "reports" {
  bucket = aws_s3_bucket.reports.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "partner_copy" {
  region = "us-east-1"
  bucket = "acme-monthly-reports-us-partner"
}

resource "aws_s3_object" "partner_readme" {
  region       = aws_s3_bucket.partner_copy.region
  bucket       = aws_s3_bucket.partner_copy.id
  key          = "README.txt"
  content      = "Monthly reports shared with our US partner."
  content_type = "text/plain"
}

resource "aws_sqs_queue" "report_ready" {
  region = "eu-central-1"
  name   = "report-ready"
}
