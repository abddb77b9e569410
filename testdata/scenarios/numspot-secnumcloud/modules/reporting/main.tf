# A reporting database and its export volume.

terraform {
  required_providers {
    numspot = {
      source = "numspot/numspot"
    }
  }
}

variable "name" {
  type = string
}

variable "zone" {
  type = string
}

variable "data_sensitivity" {
  type    = string
  default = null
}

resource "numspot_postgres_cluster" "this" {
  name          = var.name
  replica_count = 1
}

resource "numspot_volume" "exports" {
  availability_zone_name = var.zone
  size                   = 100
}
