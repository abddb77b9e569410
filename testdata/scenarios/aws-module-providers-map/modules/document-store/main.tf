# An encrypted, versioned bucket with its own KMS key.

terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "name" {
  type        = string
  description = "Bucket name."
}

variable "data_sensitivity" {
  type        = string
  description = "Sensitivity of the documents stored (trustcloud reads it from the module call)."
  default     = null
}

resource "aws_kms_key" "this" {
  description             = "Encryption key of ${var.name}"
  deletion_window_in_days = 30
  enable_key_rotation     = true
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.this.arn
    }
  }
}

output "bucket_arn" {
  value = aws_s3_bucket.this.arn
}
