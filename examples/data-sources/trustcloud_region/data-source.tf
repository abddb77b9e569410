variable "region" {
  description = "Outscale region (or subregion) where the database of health data is deployed."
  type        = string
  default     = "cloudgouv-eu-west-1a"
}

data "trustcloud_region" "database" {
  terraform_provider = "outscale/outscale"
  region             = var.region
}

# A module holding sensitive data refuses, at plan time, a region that is
# not SecNumCloud-qualified or whose operator is exposed to non-EU laws.
resource "terraform_data" "database" {
  input = data.trustcloud_region.database.code

  lifecycle {
    precondition {
      condition     = data.trustcloud_region.database.secnumcloud_qualified
      error_message = "Region ${data.trustcloud_region.database.code} of ${data.trustcloud_region.database.operator_name} is not covered by a SecNumCloud-qualified offer: sensitive data may not be stored there."
    }
    precondition {
      condition     = data.trustcloud_region.database.extraterritorial_exposure == false
      error_message = "The operator of region ${data.trustcloud_region.database.code} is (or may be) subject to extraterritorial laws."
    }
  }
}

output "database_location" {
  value = {
    region  = data.trustcloud_region.database.code
    zone    = data.trustcloud_region.database.zone
    country = data.trustcloud_region.database.country
    offers  = [for o in data.trustcloud_region.database.offers : "${o.name} (${o.status})"]
  }
}
