terraform {
  # Provider-defined functions (provider::trustcloud::…) need Terraform 1.8.
  required_version = ">= 1.8.0"

  required_providers {
    trustcloud = {
      source = "trustcloud/trustcloud"
    }
  }
}

# Without arguments the provider reads the catalog embedded in it. Set
# catalog_file to merge your own operators, offers and regions over it,
# for example catalog_file = "${path.root}/trustcloud-catalog.json".
provider "trustcloud" {}

# Refuse, at plan time, a region that no SecNumCloud-qualified offer covers.
variable "region" {
  description = "Outscale region (or subregion) of the sensitive workload."
  type        = string
  default     = "cloudgouv-eu-west-1a"
}

check "sensitive_data_location" {
  assert {
    condition     = provider::trustcloud::is_secnumcloud("outscale/outscale", var.region)
    error_message = "Region ${var.region} is not covered by a SecNumCloud-qualified offer."
  }
}
