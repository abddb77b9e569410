# A case-management application on Scaleway: the provider defaults to
# fr-par / fr-par-1, the application server is pinned to fr-par-2 and
# classified with Scaleway's list-style tags, and exports go to a bucket in
# Amsterdam tagged with the French word for internal.

terraform {
  required_version = ">= 1.8"
  required_providers {
    scaleway = {
      source  = "scaleway/scaleway"
      version = "~> 2.0"
    }
  }
}

provider "scaleway" {
  region     = "fr-par"
  zone       = "fr-par-1"
  project_id = "8c3b9a2e-1f4d-4e6a-9b7c-2d5e8f0a1b3c"
}

resource "scaleway_vpc" "main" {
  name = "case-management"
}

resource "scaleway_vpc_private_network" "app" {
  name   = "app"
  vpc_id = scaleway_vpc.main.id
}

resource "scaleway_instance_ip" "app" {}

resource "scaleway_instance_server" "app" {
  name  = "case-app-1"
  type  = "PRO2-S"
  image = "debian_bookworm"
  zone  = "fr-par-2"
  ip_id = scaleway_instance_ip.app.id
  tags  = ["data_sensitivity=sensitive", "env=prod"]

  private_network {
    pn_id = scaleway_vpc_private_network.app.id
  }
}

resource "scaleway_rdb_instance" "app" {
  name          = "case-db"
  node_type     = "DB-PRO2-XXS"
  engine        = "PostgreSQL-15"
  is_ha_cluster = true
  user_name     = "app"
  password      = "not-a-real-password-3!"
  tags          = ["env=prod"]
}

resource "scaleway_object_bucket" "exports" {
  name   = "case-management-exports"
  region = "nl-ams"
  tags = {
    data_sensitivity = "interne"
  }
}
