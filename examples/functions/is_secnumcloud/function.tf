variable "region" {
  description = "Google Cloud (or S3NS) region of the sensitive workload."
  type        = string
  default     = "u-france-east1"
}

# "Cloud au centre": sensitive data only on a SecNumCloud-qualified offer.
resource "terraform_data" "sensitive_workload" {
  input = var.region

  lifecycle {
    precondition {
      condition     = provider::trustcloud::is_secnumcloud("hashicorp/google", var.region)
      error_message = "Region ${var.region} is not covered by a SecNumCloud-qualified offer; sensitive data needs one (or a temporary waiver)."
    }
  }
}

output "sensitive_workload_region" {
  value = terraform_data.sensitive_workload.output
}
