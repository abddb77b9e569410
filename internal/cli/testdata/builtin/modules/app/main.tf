variable "region" {
  type = string
}

variable "data_sensitivity" {
  type = string
}

resource "terraform_data" "app" {
  input = var.region
}
