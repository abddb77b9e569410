terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "name" {
  type = string
}

resource "aws_kms_key" "this" {
  description         = var.name
  enable_key_rotation = true
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_db_instance" "this" {
  identifier          = var.name
  engine              = "postgres"
  instance_class      = "db.m7g.large"
  allocated_storage   = 200
  storage_encrypted   = true
  kms_key_id          = aws_kms_key.this.arn
  username            = "records"
  skip_final_snapshot = false
}
