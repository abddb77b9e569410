variable "base" {
  type = string
}

output "region" {
  value = var.base == "cloudgouv-eu-west-1" ? "us-east-2" : var.base
}
