# Databases and storage on Google Cloud for a Paris application: where the
# copies go. Cloud SQL keeps its backups in a multi-region (the EU one, or
# the US one by mistake), read replicas live in their own region (Belgium,
# or South Carolina for a US reporting team), and two dual-region buckets
# name the regions that hold their objects.

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
  project = "acme-shop"
  region  = "europe-west9"
}

# --- Cloud SQL --------------------------------------------------------------

resource "google_sql_database_instance" "primary" {
  name                = "shop-primary"
  database_version    = "POSTGRES_16"
  region              = "europe-west9"
  deletion_protection = true

  settings {
    tier              = "db-custom-2-7680"
    availability_type = "REGIONAL"

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
      location                       = "eu"
    }
  }
}

resource "google_sql_database_instance" "billing" {
  name                = "billing"
  database_version    = "POSTGRES_16"
  region              = "europe-west9"
  deletion_protection = true

  settings {
    tier = "db-custom-2-7680"

    backup_configuration {
      enabled  = true
      location = "us"
    }
  }
}

resource "google_sql_database_instance" "replica_brussels" {
  name                 = "shop-replica-brussels"
  database_version     = "POSTGRES_16"
  region               = "europe-west1"
  master_instance_name = google_sql_database_instance.primary.name
  deletion_protection  = true

  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_sql_database_instance" "replica_reporting_us" {
  name                 = "shop-replica-reporting"
  database_version     = "POSTGRES_16"
  region               = "us-east1"
  master_instance_name = google_sql_database_instance.primary.name
  deletion_protection  = true

  settings {
    tier = "db-custom-2-7680"
  }
}

# --- Cloud Storage: configurable dual-regions --------------------------------

resource "google_storage_bucket" "media_eu" {
  name                        = "acme-shop-media"
  location                    = "EU"
  uniform_bucket_level_access = true

  # Written in lower case: the provider upper-cases them (EUROPE-WEST1 …).
  custom_placement_config {
    data_locations = ["europe-west1", "europe-west4"]
  }
}

resource "google_storage_bucket" "exports_us" {
  name                        = "acme-shop-exports-us"
  location                    = "US"
  uniform_bucket_level_access = true

  custom_placement_config {
    data_locations = ["US-EAST1", "US-EAST4"]
  }
}
