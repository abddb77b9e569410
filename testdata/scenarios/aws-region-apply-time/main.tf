# A tenant onboarding stack: the tenant's region is recorded in a
# terraform_data resource by the onboarding workflow, and an aliased provider
# reads it from there. terraform_data.output is only known after apply, so
# the provider's region is unknown at plan time.

terraform {
  required_version = ">= 1.8"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

variable "tenant" {
  type    = string
  default = "globex"
}

provider "aws" {
  region = "eu-west-3"
}

resource "terraform_data" "placement" {
  input = {
    tenant = var.tenant
    region = "eu-west-3"
  }
}

provider "aws" {
  alias  = "tenant"
  region = terraform_data.placement.output.region
}

resource "aws_s3_bucket" "tenant_data" {
  provider = aws.tenant
  bucket   = "tenant-${var.tenant}-data"
}

resource "aws_sqs_queue" "tenant_jobs" {
  provider = aws.tenant
  name     = "tenant-${var.tenant}-jobs"
}

resource "aws_s3_bucket" "onboarding_audit" {
  bucket = "tenant-onboarding-audit"
}
