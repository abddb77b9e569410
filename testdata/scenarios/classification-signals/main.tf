# Classification signals as careless or adversarial authors write them: a
# tag known only at apply time, a near-miss key, a word that is not a
# level, a label nested in a Cloud SQL instance's settings, OpenStack
# metadata, a weaker tag on a storage account inside a restricted Azure
# resource group. Each resource is judged at its strictest signal; what
# cannot be read is judged sensitive and reported (TC012).

terraform {
  required_version = ">= 1.8"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
    openstack = {
      source  = "terraform-provider-openstack/openstack"
      version = "~> 3.0"
    }
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-3"
}

provider "google" {
  project = "acme-prod"
  region  = "europe-west9"
}

provider "openstack" {
  auth_url         = "https://auth.cloud.ovh.net/v3"
  region           = "GRA11"
  tenant_name      = "5463985413567098"
  user_domain_name = "Default"
}

provider "azurerm" {
  features {}
  subscription_id = "6f1d2c3b-4a59-4e8f-9b0a-1c2d3e4f5a6b"
}

# The level comes from something known only at apply time.
resource "terraform_data" "classification" {
  input = "public"
}

resource "aws_sqs_queue" "from_apply" {
  name = "from-apply"
  tags = {
    data_sensitivity = terraform_data.classification.output
  }
}

# A key that only looks like the policy's.
resource "aws_sqs_queue" "near_miss" {
  name = "near-miss"
  tags = {
    "Data-Sensitivity" = "public"
  }
}

# A word that is not a level of the policy.
resource "aws_sqs_queue" "not_a_level" {
  name = "not-a-level"
  tags = {
    data_sensitivity = "confidential"
  }
}

# A label nested in the instance's settings.
resource "google_sql_database_instance" "records" {
  name             = "records"
  database_version = "POSTGRES_16"
  region           = "europe-west9"
  settings {
    tier = "db-custom-2-7680"
    user_labels = {
      data_sensitivity = "restricted"
    }
  }
}

# OpenStack metadata.
resource "openstack_compute_instance_v2" "app" {
  name        = "app"
  flavor_name = "b3-8"
  image_name  = "Debian 12"
  metadata = {
    data_sensitivity = "sensitive"
  }
}

# A weaker tag inside a restricted resource group.
resource "azurerm_resource_group" "records" {
  name     = "rg-records"
  location = "francecentral"
  tags = {
    data_sensitivity = "restricted"
  }
}

resource "azurerm_storage_account" "records" {
  name                     = "acmerecords"
  resource_group_name      = azurerm_resource_group.records.name
  location                 = azurerm_resource_group.records.location
  account_tier             = "Standard"
  account_replication_type = "LRS"
  tags = {
    data_sensitivity = "internal"
  }
}
