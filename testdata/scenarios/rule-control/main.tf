# Policy control of rules and inline waivers. policy.hcl disables TC004
# (the IAM role's global-service finding is gone), sets TC002 to medium at
# level sensitive, and allows inline waivers. The internal buckets in
# us-east-1 exist already (before/); each is TC001 unless a valid inline
# waiver in force directly above its block says otherwise.

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

# In force: approved, within max_waiver_days, for a bucket that exists.
# trustcloud:waive TC001 reason="Log archive moves to Paris in Q1 2027" expires=2027-03-31 approved_by="RSSI, ministry X" approved_on=2026-10-01
resource "aws_s3_bucket" "waived" {
  provider = aws.virginia
  bucket   = "rc-waived"
}

# Expired: the finding stands, with a TC007.
// trustcloud:waive TC001 reason="Pilot exception" expires=2026-06-30 approved_by="RSSI, ministry X" approved_on=2026-01-15
resource "aws_s3_bucket" "expired" {
  provider = aws.virginia
  bucket   = "rc-expired"
}

# No approved_by: refused.
# trustcloud:waive TC001 reason="Nobody approved this" expires=2027-03-31
resource "aws_s3_bucket" "unapproved" {
  provider = aws.virginia
  bucket   = "rc-unapproved"
}

# A waiver written above the queue, in Paris, which needs none: it must not
# cover the bucket below the queue.
# trustcloud:waive TC001 reason="Meant for the neighbour" expires=2027-03-31 approved_by="RSSI, ministry X" approved_on=2026-10-01
resource "aws_sqs_queue" "decoy" {
  name = "rc-decoy"
}

resource "aws_s3_bucket" "neighbour" {
  provider = aws.virginia
  bucket   = "rc-neighbour"
}

resource "aws_s3_bucket" "heredoc" {
  provider = aws.virginia
  bucket   = "rc-heredoc"
  tags = {
    note = <<-EOT
      # trustcloud:waive TC001 reason="A string, not a comment" expires=2027-03-31 approved_by="RSSI, ministry X"
    EOT
  }
}

# Written in the change that creates the bucket: refused, a new resource.
# trustcloud:waive TC001 reason="Written with the bucket it waives" expires=2027-03-31 approved_by="RSSI, ministry X" approved_on=2026-10-01
resource "aws_s3_bucket" "fresh" {
  provider = aws.virginia
  bucket   = "rc-fresh"
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
