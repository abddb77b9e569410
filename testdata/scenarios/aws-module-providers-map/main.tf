# A document service: the default provider is in Ireland, but the sensitive
# document store must live in Paris, so the module receives the aliased
# provider through `providers = { aws = aws.paris }`. The same module is
# called again with the default provider for the internal archive.

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
  region = "eu-west-1"
}

provider "aws" {
  alias  = "paris"
  region = "eu-west-3"
}

module "documents" {
  source = "./modules/document-store"
  providers = {
    aws = aws.paris
  }

  name             = "citizen-documents"
  data_sensitivity = "sensitive"
}

module "archive" {
  source = "./modules/document-store"
  providers = {
    aws = aws
  }

  name             = "documents-archive"
  data_sensitivity = "internal"
}

resource "aws_sqs_queue" "document_events" {
  name                      = "document-events"
  message_retention_seconds = 345600
}
