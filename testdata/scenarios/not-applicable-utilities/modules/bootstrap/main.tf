terraform {
  required_providers {
    random = {
      source = "hashicorp/random"
    }
    null = {
      source = "hashicorp/null"
    }
    tls = {
      source = "hashicorp/tls"
    }
    time = {
      source = "hashicorp/time"
    }
  }
}

variable "name" {
  type = string
}

variable "data_sensitivity" {
  type    = string
  default = null
}

resource "random_id" "suffix" {
  byte_length = 4
  keepers = {
    name = var.name
  }
}

resource "random_string" "db_user" {
  length  = 12
  special = false
  upper   = false
}

resource "random_password" "db" {
  length  = 40
  special = true
}

resource "tls_private_key" "deploy" {
  algorithm = "RSA"
  rsa_bits  = 4096
}

resource "time_static" "created" {}

resource "time_sleep" "wait_for_iam" {
  create_duration = "30s"
  triggers = {
    name = var.name
  }
}

resource "null_resource" "seed" {
  triggers = {
    suffix = random_id.suffix.hex
  }
}

resource "terraform_data" "bootstrap_version" {
  input = "2026.1"
}

output "suffix" {
  value = random_id.suffix.hex
}
