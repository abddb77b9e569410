terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "region" {
  type        = string
  description = "AWS region of this stack."
}

variable "environment" {
  type = string
}

variable "cidr_block" {
  type = string
}

provider "aws" {
  region = var.region
}

resource "aws_vpc" "this" {
  cidr_block = var.cidr_block
  tags = {
    Environment = var.environment
  }
}

resource "aws_subnet" "app" {
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(var.cidr_block, 8, 1)
  availability_zone = "${var.region}a"
}

resource "aws_instance" "app" {
  ami           = "ami-0c1f2d3e4b5a69788"
  instance_type = "m6i.large"
  subnet_id     = aws_subnet.app.id
  tags = {
    Name        = "app-${var.environment}"
    Environment = var.environment
  }
}
