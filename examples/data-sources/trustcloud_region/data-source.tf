variable "region" {
  description = "Google Cloud or S3NS region (or zone) where the database of health data is deployed."
  type        = string
  default     = "u-france-east1-a"
}

data "trustcloud_region" "database" {
  terraform_provider = "hashicorp/google"
  region             = var.region
}

# A module holding sensitive data refuses, at plan time, a region that is
# not covered by a SecNumCloud qualification valid today (an expired or
# unconfirmed one does not count) or whose operator is exposed to non-EU laws.
resource "terraform_data" "database" {
  input = data.trustcloud_region.database.code

  lifecycle {
    precondition {
      condition     = data.trustcloud_region.database.secnumcloud_qualified
      error_message = "Region ${data.trustcloud_region.database.code} of ${data.trustcloud_region.database.operator_name} is not covered by a SecNumCloud-qualified offer on ${data.trustcloud_region.database.evaluated_on}: sensitive data may not be stored there."
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
    offers = [
      for o in data.trustcloud_region.database.offers :
      "${o.name}: ${o.standing}${o.expires_on != null ? " until ${o.expires_on}" : ""}"
    ]
  }
}
