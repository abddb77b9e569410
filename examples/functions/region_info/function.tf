variable "aws_region" {
  description = "AWS region (or availability zone) of the workload."
  type        = string
  default     = "eu-west-3a"
}

locals {
  aws_location = provider::trustcloud::region_info("hashicorp/aws", var.aws_region)
}

# Internal data must stay in the EU/EEA; warn in the plan when it does not.
check "internal_data_in_eea" {
  assert {
    condition     = local.aws_location.eea
    error_message = "${local.aws_location.code} is in ${coalesce(local.aws_location.country, "several countries")}, outside the EEA."
  }
}

output "aws_location" {
  value = {
    region                    = local.aws_location.code
    country                   = local.aws_location.country
    secnumcloud_qualified     = local.aws_location.secnumcloud_qualified
    extraterritorial_exposure = local.aws_location.extraterritorial_exposure
  }
}
