# A health data platform on NumSpot. NumSpot resources have no region
# argument: the region is in the provider's API host name. The patient
# records live in cloudgouv-eu-west-1, the region the SecNumCloud-qualified
# offer covers; a reporting copy was set up in eu-west-2, a NumSpot region
# the qualified offer does not cover. The levels come from the module
# calls' data_sensitivity; what the root module creates stays internal.

terraform {
  required_version = ">= 1.8"
  required_providers {
    numspot = {
      source  = "numspot/numspot"
      version = "~> 1.7"
    }
  }
}

provider "numspot" {
  numspot_host    = "https://api.cloudgouv-eu-west-1.numspot.com"
  numspot_host_os = "https://objectstorage.cloudgouv-eu-west-1.numspot.com"
  space_id        = "3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a9c64"
}

provider "numspot" {
  alias           = "std"
  numspot_host    = "https://api.eu-west-2.numspot.com"
  numspot_host_os = "https://objectstorage.eu-west-2.numspot.com"
  space_id        = "a81d4e02-6c3f-47b9-b5e8-0f2c9d1a7e35"
}

module "records" {
  source = "./modules/health-records"
  providers = {
    numspot = numspot
  }

  name             = "patient-records"
  zone             = "cloudgouv-eu-west-1a"
  data_sensitivity = "sensitive"
}

module "reporting" {
  source = "./modules/reporting"
  providers = {
    numspot = numspot.std
  }

  name             = "records-reporting"
  zone             = "eu-west-2a"
  data_sensitivity = "sensible"
}

# The staff directory: internal, in the qualified region.
resource "numspot_postgres_cluster" "directory" {
  name       = "staff-directory"
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

# Build tooling in eu-west-2: internal, no SecNumCloud requirement. The
# subnet sets no zone: the API picks one of the region's at apply.
resource "numspot_vpc" "tools" {
  provider = numspot.std
  ip_range = "10.20.0.0/16"
}

resource "numspot_subnet" "tools" {
  provider = numspot.std
  vpc_id   = numspot_vpc.tools.id
  ip_range = "10.20.1.0/24"
}

resource "numspot_keypair" "ops" {
  provider = numspot.std
  name     = "ops"
}
