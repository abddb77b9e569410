variable "data_sensitivity" {
  type = string
}

resource "terraform_data" "store" {
  input = "eu-west-3"
}
