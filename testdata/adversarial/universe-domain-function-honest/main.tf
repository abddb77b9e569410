terraform {
  required_providers {
    google = { source = "hashicorp/google" }
  }
}

variable "universe" {
  type    = string
  default = "s3nsapis.fr"
}

provider "google" {
  project         = "s3ns:records"
  region          = "u-france-east1"
  universe_domain = replace(var.universe, "googleapis.com", "s3nsapis.fr")
}

resource "google_storage_bucket" "data" {
  name     = "records"
  location = "U-FRANCE-EAST1"
  labels = {
    data_sensitivity = "sensitive"
  }
}
