variable "base" {
  type = string
}

output "region" {
  value = var.base
}
