# Exports written as objects into buckets that other configurations
# manage, each read through a data source: the archive bucket, labelled
# sensitive by its owners, is in Iowa; the public bucket is in Paris. An
# object is where its bucket is and as sensitive as its bucket says, so
# that the export to the archive is a sensitive object in the US (TC001),
# though the provider block says europe-west9 and the object has no label.
# world.json holds the buckets that exist already, which the test provider
# reads as the real one reads the cloud.

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
  project = "acme-exports"
  region  = "europe-west9"
}

data "google_storage_bucket" "archive" {
  name = "acme-records-archive"
}

data "google_storage_bucket" "site" {
  name = "acme-public-site"
}

resource "google_storage_bucket_object" "records_export" {
  name    = "exports/records.csv"
  bucket  = data.google_storage_bucket.archive.name
  content = "id,name\n"
}

resource "google_storage_bucket_object" "site_page" {
  name    = "index.html"
  bucket  = data.google_storage_bucket.site.name
  content = "<h1>Acme</h1>\n"
}
