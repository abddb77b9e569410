# OVHcloud Public Cloud object storage with bucket replication, and private
# networks spanning several regions. Ordinary documents stay at the default
# level; case files are "Diffusion Restreinte" and live on the SecNumCloud
# platform in Roubaix, with one replica in Strasbourg (France) and another,
# by mistake, in Limburg (Germany).

terraform {
  required_version = ">= 1.8"
  required_providers {
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

provider "ovh" {
  endpoint = "ovh-eu"
}

# Gravelines → Strasbourg: both in France, allowed.
resource "ovh_cloud_project_storage" "documents" {
  service_name = var.service_name
  region_name  = "GRA"
  name         = "documents"

  versioning = {
    status = "enabled"
  }

  replication = {
    rules = [{
      id       = "to-sbg"
      priority = 1
      status   = "enabled"
      destination = {
        name   = "documents-sbg"
        region = "SBG"
      }
      delete_marker_replication = "disabled"
    }]
  }
}

# Two rules: Strasbourg is allowed, the second, to Beauharnois (Canada), is
# not.
resource "ovh_cloud_project_storage" "media" {
  service_name = var.service_name
  region_name  = "GRA"
  name         = "media"

  versioning = {
    status = "enabled"
  }

  replication = {
    rules = [
      {
        id       = "to-sbg"
        priority = 1
        status   = "enabled"
        destination = {
          name   = "media-sbg"
          region = "SBG"
        }
        delete_marker_replication = "disabled"
      },
      {
        id       = "to-bhs"
        priority = 2
        status   = "enabled"
        destination = {
          name   = "media-bhs"
          region = "BHS"
        }
        delete_marker_replication = "disabled"
      },
    ]
  }
}

# Restricted case files on the SecNumCloud platform: Roubaix → Strasbourg,
# both qualified and in France.
resource "ovh_cloud_project_storage" "case_files" {
  service_name = var.service_name
  region_name  = "eu-west-rbx-snc"
  name         = "case-files"

  versioning = {
    status = "enabled"
  }

  replication = {
    rules = [{
      id       = "to-sbg-snc"
      priority = 1
      status   = "enabled"
      destination = {
        name   = "case-files-sbg"
        region = "eu-west-sbg-snc"
      }
      delete_marker_replication = "disabled"
    }]
  }

  tags = {
    data_sensitivity = "DR"
  }
}

# Restricted case files replicated to Limburg: in the EU, but not in
# France.
resource "ovh_cloud_project_storage" "case_archive" {
  service_name = var.service_name
  region_name  = "eu-west-rbx-snc"
  name         = "case-archive"

  versioning = {
    status = "enabled"
  }

  replication = {
    rules = [{
      id       = "to-lim"
      priority = 1
      status   = "enabled"
      destination = {
        name   = "case-archive-lim"
        region = "eu-west-lim"
      }
      delete_marker_replication = "disabled"
    }]
  }

  tags = {
    data_sensitivity = "DR"
  }
}

# A private network in two French regions: allowed.
resource "ovh_cloud_project_network_private" "backend" {
  service_name = var.service_name
  name         = "backend"
  vlan_id      = 10
  regions      = ["GRA11", "SBG5"]
}

# A private network stretched to Beauharnois, Canada: every region of the
# list is checked.
resource "ovh_cloud_project_network_private" "partners" {
  service_name = var.service_name
  name         = "partners"
  vlan_id      = 20
  regions      = ["GRA11", "BHS5"]
}
