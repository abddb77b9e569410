variable "location" {
  description = "Azure location of the storage account."
  type        = string
  default     = "France Central"
}

resource "terraform_data" "storage" {
  input = var.location

  lifecycle {
    precondition {
      condition     = provider::trustcloud::is_eu("hashicorp/azurerm", var.location)
      error_message = "Personal data must stay in the EU: ${var.location} is not in an EU member state."
    }
  }
}
