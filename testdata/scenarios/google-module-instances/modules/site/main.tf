terraform {
  required_providers {
    google = {
      source = "hashicorp/google"
    }
    random = {
      source = "hashicorp/random"
    }
  }
}

variable "project" {
  type = string
}

variable "location" {
  type = string
}

variable "sensitivity" {
  type = string
}

resource "google_bigquery_dataset" "exports" {
  project    = var.project
  dataset_id = "exports"
  location   = var.location
  labels = {
    data_sensitivity = var.sensitivity
  }
}

resource "google_bigquery_table" "monthly" {
  project    = var.project
  dataset_id = google_bigquery_dataset.exports.dataset_id
  table_id   = "monthly"
  labels = {
    data_sensitivity = var.sensitivity
  }
}

resource "random_id" "suffix" {
  byte_length = 4
}

resource "google_storage_bucket" "exports" {
  project  = var.project
  name     = "exports-${random_id.suffix.hex}"
  location = var.location
  labels = {
    data_sensitivity = var.sensitivity
  }
}

resource "google_storage_bucket_object" "report" {
  name    = "reports/monthly.csv"
  bucket  = google_storage_bucket.exports.name
  content = "month,total\n"
}
