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

variable "region" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

provider "aws" {
  region = var.region
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_db_instance" "this" {
  identifier           = "${var.name}-db"
  engine               = "postgres"
  engine_version       = "16.4"
  instance_class       = "db.r6g.large"
  allocated_storage    = 100
  storage_encrypted    = true
  multi_az             = true
  db_subnet_group_name = aws_db_subnet_group.this.name
  username             = "payments"
  skip_final_snapshot  = false
  tags = {
    data_sensitivity = "sensitive"
  }
}
