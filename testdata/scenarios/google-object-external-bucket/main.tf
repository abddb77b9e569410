# A sensitive export written as an object into a bucket that another
# team's configuration manages: the bucket is named by a string, neither
# planned here nor read through a data source. An object is where its
# bucket is, whatever the provider block's region says, so that its
# location is unknown (TC003), never the provider's europe-west9.

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

module "patient_export" {
  source           = "./modules/export"
  bucket           = "acme-shared-archive"
  data_sensitivity = "sensitive"
}
