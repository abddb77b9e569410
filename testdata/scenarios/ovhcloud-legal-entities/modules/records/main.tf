# A records store: a volume for the documents, and its network.

terraform {
  required_providers {
    openstack = {
      source = "terraform-provider-openstack/openstack"
    }
  }
}

variable "name" {
  type = string
}

variable "data_sensitivity" {
  type = string
}

resource "openstack_networking_network_v2" "this" {
  name = var.name
}

resource "openstack_blockstorage_volume_v3" "documents" {
  name        = "${var.name}-documents"
  size        = 200
  volume_type = "high-speed"
}
