terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "name" {
  type = string
}

variable "region" {
  type = string
}

variable "cidr_block" {
  type = string
}

provider "aws" {
  region = var.region
}

locals {
  zones = ["a", "b"]
}

resource "aws_vpc" "this" {
  cidr_block = var.cidr_block
  tags = {
    Name = var.name
  }
}

resource "aws_subnet" "private" {
  count             = length(local.zones)
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(var.cidr_block, 8, count.index + 10)
  availability_zone = "${var.region}${local.zones[count.index]}"
  tags = {
    Name = "${var.name}-private-${local.zones[count.index]}"
  }
}

output "private_subnet_ids" {
  value = aws_subnet.private[*].id
}
