# A payments platform. The region is a root variable that only has a default
# (no tfvars, no -var); it goes through module.platform into two nested
# modules that each configure their provider with it.

terraform {
  required_version = ">= 1.8"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

variable "region" {
  type        = string
  description = "Region of the whole platform."
  default     = "eu-west-3"
}

module "platform" {
  source = "./modules/platform"
  name   = "payments"
  region = var.region
}
