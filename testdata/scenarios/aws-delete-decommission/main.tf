# Decommissioning the legacy US exports: the bucket and the queue in
# us-east-1 are removed from the configuration (planned as deletes against
# the state that before/ produced), and the application server is resized
# (an in-place update). The aliased provider stays so that Terraform can
# destroy what it created.

terraform {
  required_version = ">= 1.8"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "eu-west-3"
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.60.0.0/16"
}

resource "aws_subnet" "app" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.60.1.0/24"
  availability_zone = "eu-west-3a"
}

resource "aws_instance" "app" {
  ami           = "ami-0e1f2a3b4c5d6e7f8"
  instance_type = "t3.medium"
  subnet_id     = aws_subnet.app.id
  tags = {
    Name             = "app"
    data_sensitivity = "internal"
  }
}
