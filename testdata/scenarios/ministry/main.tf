# A ministry's digital services across several clouds, as "Cloud au centre"
# expects: sensitive citizen records on S3NS PREMI3NS and case management on
# Outscale's SecNumCloud region (both qualified); the public portal on AWS
# Paris (internal data); and two mistakes: grant applications (sensitive) in
# an AWS Paris bucket, and an analytics export (sensitive) in us-east-1.

terraform {
  required_version = ">= 1.8"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
    outscale = {
      source  = "outscale/outscale"
      version = "~> 1.0"
    }
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
    tls = {
      source  = "hashicorp/tls"
      version = "~> 4.0"
    }
  }
}

provider "google" {
  universe_domain = "s3nsapis.fr"
  project         = "s3ns:ministere-services"
  region          = "u-france-east1"
}

provider "outscale" {
  api {
    region   = "cloudgouv-eu-west-1"
    endpoint = "https://api.cloudgouv-eu-west-1.outscale.com/api/v1"
  }
}

provider "aws" {
  region = "eu-west-3"
  default_tags {
    tags = {
      ministry = "interieur"
    }
  }
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

resource "random_password" "records_db" {
  length  = 32
  special = true
}

resource "tls_private_key" "case_admin" {
  algorithm = "ED25519"
}

module "citizen_records" {
  source           = "./modules/citizen-records"
  data_sensitivity = "sensitive"
  db_password      = random_password.records_db.result
}

module "case_management" {
  source           = "./modules/case-management"
  data_sensitivity = "sensitive"
  admin_public_key = tls_private_key.case_admin.public_key_openssh
}

resource "aws_s3_bucket" "portal_assets" {
  bucket = "ministere-portail-assets"
  tags = {
    data_sensitivity = "internal"
  }
}

resource "aws_lambda_function" "portal" {
  function_name = "ministere-portail"
  role          = "arn:aws:iam::123456789012:role/portail"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "portal.zip"
}

resource "aws_s3_bucket" "grant_applications" {
  bucket = "ministere-demandes-subventions"
  tags = {
    data_sensitivity = "sensitive"
  }
}

resource "aws_sqs_queue" "analytics_export" {
  provider = aws.us
  name     = "ministere-analytics-export"
  tags = {
    data_sensitivity = "sensitive"
  }
}
