# An analytics platform on Google Cloud: raw files in an EU multi-region
# bucket, warehouse datasets in BigQuery (one explicitly in the US
# multi-region, one that forgot its location and gets the provider's
# default, US), and a regional Cloud SQL and GKE in Belgium.

terraform {
  required_version = ">= 1.8"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
  }
}

provider "google" {
  project = "acme-analytics"
  region  = "europe-west1"
}

resource "google_storage_bucket" "raw" {
  name                        = "acme-analytics-raw"
  location                    = "eu"
  uniform_bucket_level_access = true
  labels = {
    data_sensitivity = "internal"
  }

  versioning {
    enabled = true
  }
}

resource "google_storage_bucket_object" "schema" {
  name    = "schemas/events.avsc"
  bucket  = google_storage_bucket.raw.name
  content = "{\"type\": \"record\", \"name\": \"Event\", \"fields\": []}"
}

resource "google_storage_bucket" "exports" {
  name     = "acme-analytics-exports"
  location = "europe-west9"
}

resource "google_bigquery_dataset" "us_marketing" {
  dataset_id    = "marketing_us"
  friendly_name = "Marketing (US team)"
  location      = "US"
}

# location left out: the provider plans its default, "US".
resource "google_bigquery_dataset" "reporting" {
  dataset_id    = "reporting"
  friendly_name = "Reporting"
}

resource "google_kms_key_ring" "analytics" {
  name     = "analytics"
  location = "europe-west1"
}

resource "google_sql_database_instance" "metadata" {
  name             = "analytics-metadata"
  database_version = "POSTGRES_16"

  settings {
    tier              = "db-custom-2-7680"
    availability_type = "REGIONAL"
  }
}

resource "google_container_cluster" "jobs" {
  name                     = "analytics-jobs"
  location                 = "europe-west1"
  initial_node_count       = 1
  remove_default_node_pool = true
  deletion_protection      = false
}
