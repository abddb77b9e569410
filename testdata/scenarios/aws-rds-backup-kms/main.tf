# A PostgreSQL database in Paris and its copies: cross-region read replicas
# (Frankfurt, and one in us-east-1 for a US reporting team), AWS Backup
# plans copying recovery points to vaults in Frankfurt, in us-east-1 and to
# a disaster-recovery vault in us-west-2 named by its ARN, and a
# multi-region KMS key whose replicas encrypt the read replicas.

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
  alias  = "frankfurt"
  region = "eu-central-1"
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

# KMS: a multi-region primary key in Paris and its replicas.

resource "aws_kms_key" "db" {
  description             = "Billing database"
  multi_region            = true
  deletion_window_in_days = 30
}

resource "aws_kms_replica_key" "db_frankfurt" {
  provider        = aws.frankfurt
  description     = "Billing database (Frankfurt replica)"
  primary_key_arn = aws_kms_key.db.arn
}

resource "aws_kms_replica_key" "db_us" {
  provider        = aws.us
  description     = "Billing database (us-east-1 replica)"
  primary_key_arn = aws_kms_key.db.arn
}

# RDS: the primary and its cross-region read replicas.

resource "aws_db_instance" "primary" {
  identifier                  = "billing"
  engine                      = "postgres"
  engine_version              = "16.4"
  instance_class              = "db.t4g.medium"
  allocated_storage           = 100
  db_name                     = "billing"
  username                    = "billing_admin"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.db.arn
  backup_retention_period     = 7
  skip_final_snapshot         = true
}

resource "aws_db_instance" "replica_frankfurt" {
  provider            = aws.frankfurt
  identifier          = "billing-replica-fra"
  replicate_source_db = aws_db_instance.primary.arn
  instance_class      = "db.t4g.medium"
  storage_encrypted   = true
  kms_key_id          = aws_kms_replica_key.db_frankfurt.arn
  skip_final_snapshot = true
}

resource "aws_db_instance" "replica_us" {
  provider            = aws.us
  identifier          = "billing-replica-reporting"
  replicate_source_db = aws_db_instance.primary.arn
  instance_class      = "db.t4g.medium"
  storage_encrypted   = true
  kms_key_id          = aws_kms_replica_key.db_us.arn
  skip_final_snapshot = true
}

# AWS Backup: vaults and plans.

resource "aws_backup_vault" "paris" {
  name = "billing-paris"
}

resource "aws_backup_vault" "frankfurt" {
  provider = aws.frankfurt
  name     = "billing-frankfurt"
}

resource "aws_backup_vault" "us" {
  provider = aws.us
  name     = "billing-us-east-1"
}

resource "aws_iam_role" "backup" {
  name = "billing-backup"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "backup.amazonaws.com" }
    }]
  })
}

# Copies to Frankfurt: allowed.
resource "aws_backup_plan" "to_frankfurt" {
  name = "billing-daily"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.paris.name
    schedule          = "cron(0 3 * * ? *)"

    lifecycle {
      delete_after = 35
    }

    copy_action {
      destination_vault_arn = aws_backup_vault.frankfurt.arn
      lifecycle {
        delete_after = 35
      }
    }
  }
}

resource "aws_backup_selection" "billing" {
  name         = "billing-db"
  plan_id      = aws_backup_plan.to_frankfurt.id
  iam_role_arn = aws_iam_role.backup.arn
  resources    = [aws_db_instance.primary.arn]
}

# Copies to the us-east-1 vault of this plan: outside the EU.
resource "aws_backup_plan" "to_us" {
  name = "billing-monthly"

  rule {
    rule_name         = "monthly"
    target_vault_name = aws_backup_vault.paris.name
    schedule          = "cron(0 4 1 * ? *)"

    copy_action {
      destination_vault_arn = aws_backup_vault.us.arn
    }
  }
}

# Copies to a disaster-recovery vault outside the plan, named by its ARN:
# placed by the ARN's region, us-west-2.
resource "aws_backup_plan" "to_dr" {
  name = "billing-dr"

  rule {
    rule_name         = "weekly"
    target_vault_name = aws_backup_vault.paris.name
    schedule          = "cron(0 5 ? * SUN *)"

    copy_action {
      destination_vault_arn = "arn:aws:backup:us-west-2:123456789012:backup-vault:dr"
    }
  }
}
