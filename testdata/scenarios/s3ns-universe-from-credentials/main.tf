# S3NS without universe_domain in the configuration: the CI job's
# credentials (a service account key of the s3nsapis.fr universe, given in
# GOOGLE_CREDENTIALS) carry the universe, so the provider block only names
# the region. u-france-east1 and its zones exist only in the S3NS universe:
# the region alone says who runs the resources. A second configuration
# sets universe_domain = "googleapis.com" against the same region: Google
# has no such region, nothing can land there, and nothing about it may
# pass as S3NS. A third targets Google's Paris region.

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
  project = "s3ns:health-records"
  region  = "u-france-east1"
}

provider "google" {
  alias           = "google_universe"
  universe_domain = "googleapis.com"
  project         = "health-records"
  region          = "u-france-east1"
}

provider "google" {
  alias   = "paris"
  project = "health-records-eu"
  region  = "europe-west9"
}

resource "google_sql_database_instance" "records" {
  name             = "records"
  database_version = "POSTGRES_16"

  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_compute_disk" "scans" {
  name = "scans"
  zone = "u-france-east1-b"
  size = 200
  labels = {
    data_sensitivity = "sensitive"
  }
}

resource "google_storage_bucket" "exports" {
  name     = "records-exports"
  location = "u-france-east1"
  labels = {
    data_sensitivity = "sensitive"
  }
}

resource "google_storage_bucket" "misdirected" {
  provider = google.google_universe
  name     = "records-misdirected"
  location = "u-france-east1"
  labels = {
    data_sensitivity = "sensitive"
  }
}

resource "google_compute_disk" "paris" {
  provider = google.paris
  name     = "scans-paris"
  zone     = "europe-west9-a"
  size     = 200
  labels = {
    data_sensitivity = "sensitive"
  }
}
