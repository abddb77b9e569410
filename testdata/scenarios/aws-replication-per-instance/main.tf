# One replication per market, written with for_each: each source bucket
# (Paris) replicates to the destination bucket of the same key, whose
# region (an AWS provider v6 resource argument) is the market's. The
# destinations differ by instance: the European one stays in the EU, the
# American one does not. A conditional destination may be either bucket.

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

variable "markets" {
  type    = map(string)
  default = { eu = "eu-central-1", us = "us-east-1" }
}

variable "use_backup_site" {
  type    = bool
  default = false
}

resource "aws_s3_bucket" "source" {
  for_each = var.markets
  bucket   = "orders-${each.key}"
}

resource "aws_s3_bucket_versioning" "source" {
  for_each = var.markets
  bucket   = aws_s3_bucket.source[each.key].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "replica" {
  for_each = var.markets
  region   = each.value
  bucket   = "orders-${each.key}-replica"
}

resource "aws_s3_bucket_versioning" "replica" {
  for_each = var.markets
  region   = each.value
  bucket   = aws_s3_bucket.replica[each.key].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_replication_configuration" "market" {
  for_each   = var.markets
  depends_on = [aws_s3_bucket_versioning.source]
  bucket     = aws_s3_bucket.source[each.key].id
  role       = "arn:aws:iam::123456789012:role/s3-replication"

  rule {
    id     = "all"
    status = "Enabled"
    destination {
      bucket = aws_s3_bucket.replica[each.key].arn
    }
  }
}

# A destination chosen by a condition: the data may go to either bucket.
resource "aws_s3_bucket" "invoices" {
  bucket = "invoices"
}

resource "aws_s3_bucket_versioning" "invoices" {
  bucket = aws_s3_bucket.invoices.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_replication_configuration" "invoices" {
  depends_on = [aws_s3_bucket_versioning.invoices]
  bucket     = aws_s3_bucket.invoices.id
  role       = "arn:aws:iam::123456789012:role/s3-replication"

  rule {
    id     = "all"
    status = "Enabled"
    destination {
      bucket = var.use_backup_site ? aws_s3_bucket.replica["us"].arn : aws_s3_bucket.replica["eu"].arn
    }
  }
}
