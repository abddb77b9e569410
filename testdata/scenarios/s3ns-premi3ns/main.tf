# A health-records service on S3NS PREMI3NS, the SecNumCloud offer run on
# Google Cloud technology: the google provider targets the s3nsapis.fr
# universe, the u-france-east1 region and an s3ns: project.

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
  universe_domain = "s3nsapis.fr"
  project         = "s3ns:my-project"
  region          = "u-france-east1"
  zone            = "u-france-east1-a"
}

resource "google_compute_network" "vpc" {
  name                    = "records-vpc"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "app" {
  name          = "records-app"
  network       = google_compute_network.vpc.id
  ip_cidr_range = "10.90.0.0/20"
}

resource "google_compute_instance" "app" {
  name         = "records-app-1"
  machine_type = "n2-standard-4"
  labels = {
    data_sensitivity = "sensitive"
  }

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = google_compute_subnetwork.app.id
  }
}

module "records" {
  source           = "./modules/records"
  name             = "health-records"
  data_sensitivity = "sensitive"
  private_network  = google_compute_network.vpc.id
}
