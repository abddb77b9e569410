# An application on OVHcloud Public Cloud: instances, network and volumes
# through the OpenStack provider pointed at OVHcloud's Keystone in GRA11,
# a managed Kubernetes cluster in the 3-AZ Paris region, and a managed
# PostgreSQL whose nodes sit in Gravelines.

terraform {
  required_version = ">= 1.8"
  required_providers {
    openstack = {
      source  = "terraform-provider-openstack/openstack"
      version = "~> 3.0"
    }
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.0"
    }
  }
}

variable "service_name" {
  type        = string
  description = "OVHcloud Public Cloud project id."
  default     = "5d7e9f1a2b3c4d5e6f708192a3b4c5d6"
}

provider "openstack" {
  auth_url         = "https://auth.cloud.ovh.net/v3"
  region           = "GRA11"
  tenant_name      = "5463985413567098"
  user_domain_name = "Default"
}

provider "ovh" {
  endpoint = "ovh-eu"
}

resource "openstack_networking_network_v2" "app" {
  name           = "app"
  admin_state_up = true
}

resource "openstack_networking_subnet_v2" "app" {
  name       = "app"
  network_id = openstack_networking_network_v2.app.id
  cidr       = "192.168.10.0/24"
  ip_version = 4
}

resource "openstack_compute_instance_v2" "app" {
  name        = "app-1"
  flavor_name = "b3-8"
  image_name  = "Debian 12"
  key_pair    = "ops"

  network {
    name = "Ext-Net"
  }

  network {
    uuid = openstack_networking_network_v2.app.id
  }
}

resource "openstack_blockstorage_volume_v3" "app_data" {
  name        = "app-data"
  size        = 100
  volume_type = "high-speed"
}

resource "openstack_compute_volume_attach_v2" "app_data" {
  instance_id = openstack_compute_instance_v2.app.id
  volume_id   = openstack_blockstorage_volume_v3.app_data.id
}

resource "ovh_cloud_project_kube" "app" {
  service_name = var.service_name
  name         = "app-prod"
  region       = "EU-WEST-PAR"
}

module "database" {
  source           = "./modules/managed-db"
  service_name     = var.service_name
  data_sensitivity = "sensitive"
}
