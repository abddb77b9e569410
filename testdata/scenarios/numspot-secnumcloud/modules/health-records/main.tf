# A network, a block volume and an object storage bucket for one
# application, in one availability zone.

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
  type        = string
  description = "Availability zone (subregion) of the subnet and the volume."
}

variable "data_sensitivity" {
  type        = string
  description = "Sensitivity of the data held (trustcloud reads it from the module call)."
  default     = null
}

resource "numspot_vpc" "this" {
  ip_range = "10.10.0.0/16"
}

resource "numspot_subnet" "this" {
  vpc_id                 = numspot_vpc.this.id
  ip_range               = "10.10.1.0/24"
  availability_zone_name = var.zone
}

# A NIC's zone is computed: it is its subnet's.
resource "numspot_nic" "app" {
  subnet_id   = numspot_subnet.this.id
  description = "${var.name} application"
}

resource "numspot_volume" "data" {
  availability_zone_name = var.zone
  size                   = 500
  type                   = "io1"
  iops                   = 5000
}

# Object storage: its host is the provider's numspot_host_os.
resource "numspot_bucket" "archive" {
  name = "${var.name}-archive"
}

# The records database: a managed PostgreSQL, a PaaS service outside the
# qualified IaaS perimeter even in the qualified region.
resource "numspot_postgres_cluster" "records" {
  name       = "${var.name}-db"
  user       = "app"
  visibility = "internal"
  node_configuration = {
    vcpu_count       = 2
    memory_size_gi_b = 4
  }
  volume = {
    type      = "gp2"
    size_gi_b = 50
  }
}
