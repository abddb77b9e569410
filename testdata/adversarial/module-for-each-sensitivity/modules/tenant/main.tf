terraform {
  required_providers {
    scaleway = { source = "scaleway/scaleway" }
  }
}

variable "data_sensitivity" {
  type = string
}

resource "scaleway_object_bucket" "data" {
  name = "tenant-data"
}
