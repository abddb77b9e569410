# OVHcloud is two companies: OVH SAS (France) behind the EU API and the
# Keystone at auth.cloud.ovh.net, and OVH US LLC (a US-law company) behind
# the ovh-us API and the Keystone at auth.cloud.ovh.us. The same brand,
# the same Terraform providers, different jurisdictions: the endpoint and
# the region decide which company runs the resources.

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
  default     = "7f3e9a1b2c4d5e6f708192a3b4c5d6e7"
}

# OVH US LLC: the US Keystone, a Virginia region.
provider "openstack" {
  auth_url         = "https://auth.cloud.ovh.us/v3"
  region           = "US-EAST-VA-1"
  tenant_name      = "8463985413567012"
  user_domain_name = "Default"
}

# OVH SAS: the EU Keystone, Strasbourg.
provider "openstack" {
  alias            = "eu"
  auth_url         = "https://auth.cloud.ovh.net/v3"
  region           = "SBG5"
  tenant_name      = "5463985413567098"
  user_domain_name = "Default"
}

provider "ovh" {
  endpoint = "ovh-us"
}

provider "ovh" {
  alias    = "eu"
  endpoint = "ovh-eu"
}

module "records_us" {
  source           = "./modules/records"
  name             = "records-us"
  data_sensitivity = "sensitive"
  providers = {
    openstack = openstack
  }
}

module "records_eu" {
  source           = "./modules/records"
  name             = "records-eu"
  data_sensitivity = "sensitive"
  providers = {
    openstack = openstack.eu
  }
}

resource "openstack_networking_network_v2" "us" {
  name = "app-us"
}

resource "ovh_cloud_project_kube" "us" {
  service_name = var.service_name
  name         = "app-us"
  region       = "US-EAST-VA-1"
}

resource "ovh_cloud_project_kube" "eu" {
  provider     = ovh.eu
  service_name = var.service_name
  name         = "app-eu"
  region       = "GRA11"
}

# The EU API asked for a US region: whatever the endpoint, a US-WEST-OR-1
# resource would be OVH US LLC's, in Oregon.
resource "ovh_cloud_project_containerregistry" "oregon" {
  provider     = ovh.eu
  service_name = var.service_name
  name         = "images"
  region       = "US-WEST-OR-1"
}
