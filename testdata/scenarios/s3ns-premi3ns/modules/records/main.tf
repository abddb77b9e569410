terraform {
  required_providers {
    google = {
      source = "hashicorp/google"
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

variable "private_network" {
  type = string
}

resource "google_kms_key_ring" "this" {
  name     = var.name
  location = "u-france-east1"
}

resource "google_storage_bucket" "documents" {
  name                        = "${var.name}-documents"
  location                    = "u-france-east1"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_sql_database_instance" "this" {
  name                = var.name
  database_version    = "POSTGRES_16"
  deletion_protection = true

  settings {
    tier = "db-custom-4-16384"
    ip_configuration {
      ipv4_enabled    = false
      private_network = var.private_network
    }
  }
}
