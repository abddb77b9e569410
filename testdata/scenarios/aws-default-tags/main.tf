# A patient-record project that classifies everything through the
# provider's default_tags: every taggable resource inherits
# data_sensitivity = "sensitive" in tags_all, unless it sets its own tag.

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
  default_tags {
    tags = {
      data_sensitivity = "sensitive"
      project          = "dossier-patient"
      owner            = "dsi"
    }
  }
}

resource "aws_kms_key" "records" {
  description         = "Patient records"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "records" {
  bucket = "dossier-patient-records"
  tags = {
    Name = "records"
  }
}

resource "aws_s3_object" "consent_template" {
  bucket       = aws_s3_bucket.records.id
  key          = "templates/consent.pdf"
  source       = "consent.pdf"
  content_type = "application/pdf"
  kms_key_id   = aws_kms_key.records.arn
}

# The bastion holds no patient data: its own tag overrides the default.
resource "aws_instance" "bastion" {
  ami           = "ami-0d2e3f4a5b6c7d8e9"
  instance_type = "t3.micro"
  tags = {
    Name             = "bastion"
    data_sensitivity = "internal"
  }
}

resource "aws_iam_role" "records_reader" {
  name = "records-reader"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
}

resource "aws_iam_policy" "records_read" {
  name = "records-read"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = "${aws_s3_bucket.records.arn}/*"
    }]
  })
}

# No tags attribute, hence no tags_all: default_tags do not reach it.
resource "aws_iam_role_policy_attachment" "records_reader" {
  role       = aws_iam_role.records_reader.name
  policy_arn = aws_iam_policy.records_read.arn
}
