terraform {
  required_providers {
    google = {
      source = "hashicorp/google"
    }
  }
}

variable "bucket" {
  type = string
}

variable "data_sensitivity" {
  type = string
}

resource "google_storage_bucket_object" "export" {
  name    = "exports/patients.csv"
  bucket  = var.bucket
  content = "id,name\n"
}
