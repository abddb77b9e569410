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
  user          = "app"
  visibility    = "internal"
  node_configuration = {
    vcpu_count       = 2
    memory_size_gi_b = 4
  }
  volume = {
    type      = "gp2"
    size_gi_b = 50
  }
}

resource "numspot_volume" "exports" {
  availability_zone_name = var.zone
  size                   = 100
}
