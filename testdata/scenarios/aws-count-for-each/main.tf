# A multi-tenant SaaS: one module instance per tenant (module for_each), a
# pool of workers (count) and one export bucket per use (for_each over a
# set). Each tenant's level comes from the tenants map; the module writes it
# into its resources' tags, because a module argument taken from each.value
# is not a constant trustcloud could read from the module call.

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

variable "tenants" {
  type = map(object({
    level = string
  }))
  default = {
    acme = {
      level = "internal"
    }
    globex = {
      level = "sensitive"
    }
  }
}

module "tenant" {
  source   = "./modules/tenant"
  for_each = var.tenants

  name             = each.key
  data_sensitivity = each.value.level
}

resource "aws_instance" "worker" {
  count         = 2
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "c6i.xlarge"
  tags = {
    Name = "worker-${count.index}"
  }
}

resource "aws_s3_bucket" "exports" {
  for_each = toset(["analytics", "billing"])
  bucket   = "saas-exports-${each.key}"
}
