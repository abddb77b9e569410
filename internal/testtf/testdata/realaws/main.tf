# The same configuration planned with the real hashicorp/aws 5.100.0 (from
# the filesystem mirror, offline: dummy keys, no call to AWS) and with the
# test provider's 5.x tables: TestRealAWS compares what trustcloud reads.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

variable "bucket_prefix" {
  type    = string
  default = "trustcloud-crosscheck"
}

provider "aws" {
  region                      = "eu-west-3"
  access_key                  = "x"
  secret_key                  = "y"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true

  default_tags {
    tags = {
      data_sensitivity = "internal"
      owner            = "dsi"
    }
  }
}

provider "aws" {
  alias                       = "virginia"
  region                      = "us-east-1"
  access_key                  = "x"
  secret_key                  = "y"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}

resource "aws_s3_bucket" "archive" {
  bucket = "${var.bucket_prefix}-archive"
  tags = {
    data_sensitivity = "sensitive"
  }
}

resource "aws_s3_bucket" "replica" {
  provider = aws.virginia
  bucket   = "${var.bucket_prefix}-replica"
}

resource "aws_s3_object" "report" {
  bucket  = aws_s3_bucket.archive.id
  key     = "report.csv"
  content = "region,count\n"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags = {
    Name = "main"
  }
}

resource "aws_subnet" "app" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-3a"
}

resource "aws_subnet" "spare" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
}

resource "aws_iam_role" "app" {
  name = "crosscheck-app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
  tags = {
    data_sensitivity = "public"
  }
}

resource "aws_sqs_queue" "us" {
  provider = aws.virginia
  name     = "crosscheck-us"
  tags = {
    data_sensitivity = "internal"
  }
}

# Data flows (internal/catalog/data/dataflows.tsv): TestRealAWS compares
# each flow attribute or block of these types too, and of the buckets
# above (replication_configuration, logging, left out: computed blocks).

resource "aws_s3_bucket_replication_configuration" "archive" {
  bucket = aws_s3_bucket.archive.id
  role   = "arn:aws:iam::123456789012:role/crosscheck-replication"

  rule {
    id     = "all"
    status = "Enabled"
    destination {
      bucket        = aws_s3_bucket.replica.arn
      storage_class = "STANDARD"
    }
  }
}

resource "aws_dynamodb_table" "orders" {
  name         = "crosscheck-orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  replica {
    region_name = "eu-central-1"
  }
}

resource "aws_backup_vault" "main" {
  name = "crosscheck-main"
}

resource "aws_backup_vault" "dr" {
  provider = aws.virginia
  name     = "crosscheck-dr"
}

resource "aws_backup_plan" "daily" {
  name = "crosscheck-daily"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 3 * * ? *)"

    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
}

resource "aws_kms_key" "primary" {
  description  = "crosscheck multi-region key"
  multi_region = true
}

resource "aws_kms_replica_key" "virginia" {
  provider        = aws.virginia
  primary_key_arn = aws_kms_key.primary.arn
}

resource "aws_secretsmanager_secret" "token" {
  name = "crosscheck-token"

  replica {
    region = "eu-central-1"
  }
}
