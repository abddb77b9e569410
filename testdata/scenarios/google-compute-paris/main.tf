# A Compute Engine application in Paris (europe-west9). The network and its
# firewall rules are global resources. A disaster-recovery disk is placed in
# a zone given as a resource path, copied from `gcloud` output into a
# variable: projects/<project>/zones/us-central1-a.

terraform {
  required_version = ">= 1.8"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
  }
}

variable "dr_zone" {
  type        = string
  description = "Zone of the disaster-recovery disk, as a resource path."
  default     = "projects/acme-prod/zones/us-central1-a"
}

provider "google" {
  project = "acme-prod"
  region  = "europe-west9"
  zone    = "europe-west9-b"
}

resource "google_compute_network" "vpc" {
  name                    = "app-vpc"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "app" {
  name          = "app-europe-west9"
  network       = google_compute_network.vpc.id
  ip_cidr_range = "10.80.0.0/20"
}

resource "google_compute_firewall" "allow_iap_ssh" {
  name          = "allow-iap-ssh"
  network       = google_compute_network.vpc.name
  source_ranges = ["35.235.240.0/20"]
  target_tags   = ["app"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_service_account" "app" {
  account_id   = "app-runtime"
  display_name = "Application runtime"
}

resource "google_project_iam_member" "app_logs" {
  project = "acme-prod"
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:${google_service_account.app.email}"
}

resource "google_compute_instance" "app" {
  name         = "app-1"
  machine_type = "e2-standard-4"
  zone         = "europe-west9-b"
  tags         = ["app"]
  labels = {
    data_sensitivity = "sensitive"
    team             = "citizen-services"
  }

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
      size  = 50
    }
  }

  network_interface {
    subnetwork = google_compute_subnetwork.app.id
  }

  service_account {
    email  = google_service_account.app.email
    scopes = ["cloud-platform"]
  }
}

# No zone: the provider's zone (europe-west9-b) applies.
resource "google_compute_disk" "app_data" {
  name = "app-data"
  type = "pd-ssd"
  size = 200
}

resource "google_compute_disk" "dr_copy" {
  name = "app-data-dr"
  zone = var.dr_zone
  type = "pd-standard"
  size = 200
}
