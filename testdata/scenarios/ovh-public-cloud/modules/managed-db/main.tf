terraform {
  required_providers {
    ovh = {
      source = "ovh/ovh"
    }
  }
}

variable "service_name" {
  type = string
}

variable "data_sensitivity" {
  type    = string
  default = null
}

resource "ovh_cloud_project_database" "postgres" {
  service_name = var.service_name
  description  = "app-postgres"
  engine       = "postgresql"
  version      = "16"
  plan         = "business"
  flavor       = "db1-7"

  nodes {
    region = "GRA"
  }

  nodes {
    region = "GRA"
  }
}
