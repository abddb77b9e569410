terraform {
  required_providers {
    google = {
      source = "hashicorp/google"
    }
  }
}

variable "data_sensitivity" {
  type    = string
  default = null
}

variable "db_password" {
  type      = string
  sensitive = true
}

resource "google_sql_database_instance" "records" {
  name             = "citizen-records"
  database_version = "POSTGRES_16"
  root_password    = var.db_password

  settings {
    tier = "db-custom-4-16384"
  }
}

resource "google_storage_bucket" "documents" {
  name                        = "ministere-citizen-documents"
  location                    = "u-france-east1"
  uniform_bucket_level_access = true
}
