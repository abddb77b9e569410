# One module, two instances (for_each), one per country: each instance has
# its own project, a BigQuery dataset with the same dataset_id in each, and
# a table in it. A reference in a module instance names that instance's
# dataset only: the Iowa table lives in the Iowa dataset, never in the
# Paris one, although the Paris instance comes first and both datasets are
# called "exports". Each instance also writes an export object to a bucket
# whose name is unknown until apply.

terraform {
  required_version = ">= 1.8"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
}

provider "google" {
  project = "acme-shared"
  region  = "europe-west9"
}

module "site" {
  source   = "./modules/site"
  for_each = {
    "a-paris" = { project = "acme-fr", location = "europe-west9", sensitivity = "public" }
    "b-iowa"  = { project = "acme-us", location = "US-CENTRAL1", sensitivity = "sensitive" }
  }
  project     = each.value.project
  location    = each.value.location
  sensitivity = each.value.sensitivity
}
