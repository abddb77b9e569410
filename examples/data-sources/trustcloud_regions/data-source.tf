# The regions where a sensitive workload may run with the google provider:
# in the EU and covered by a SecNumCloud-qualified offer (S3NS's, today).
data "trustcloud_regions" "sensitive_google" {
  terraform_provider = "hashicorp/google"
  eu_only            = true
  secnumcloud_only   = true
}

locals {
  allowed_regions = [for r in data.trustcloud_regions.sensitive_google.regions : r.code]
}

variable "region" {
  description = "Region of the sensitive workload."
  type        = string
  default     = "u-france-east1"
}

resource "terraform_data" "sensitive_workload" {
  input = var.region

  lifecycle {
    precondition {
      condition     = contains(local.allowed_regions, var.region)
      error_message = "Sensitive data may only be placed in ${join(", ", local.allowed_regions)}; ${var.region} is not SecNumCloud-qualified."
    }
  }
}

# Every French region of the catalog, by operator.
data "trustcloud_regions" "france" {
  country = "FR"
}

output "french_regions" {
  value = { for r in data.trustcloud_regions.france.regions : "${r.operator}/${r.code}" => r.secnumcloud_qualified }
}
