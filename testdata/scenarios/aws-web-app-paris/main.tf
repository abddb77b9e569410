# A small web application in Paris: a VPC with a public and a private subnet,
# one web server and two buckets. Everything is in eu-west-3 through the
# provider's constant region.

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

# Read at plan time: it does not appear in resource_changes.
data "aws_region" "current" {}

# Read only once the VPC exists (depends_on defers it to apply time), so the
# plan lists it in resource_changes with the action "read".
data "aws_availability_zones" "available" {
  state      = "available"
  depends_on = [aws_vpc.main]
}

resource "aws_vpc" "main" {
  cidr_block           = "10.20.0.0/16"
  enable_dns_hostnames = true
  tags = {
    Name = "web-${data.aws_region.current.region}"
  }
}

resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.20.1.0/24"
  availability_zone       = "eu-west-3a"
  map_public_ip_on_launch = true
  tags = {
    Name = "web-public-a"
  }
}

resource "aws_subnet" "private" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.20.11.0/24"
  availability_zone = data.aws_availability_zones.available.names[1]
  tags = {
    Name = "web-private-b"
  }
}

resource "aws_security_group" "web" {
  name        = "web"
  description = "HTTPS from anywhere"
  vpc_id      = aws_vpc.main.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "web" {
  ami                    = "ami-0b3c7f4a9e8d21f55"
  instance_type          = "t3.small"
  subnet_id              = aws_subnet.public.id
  vpc_security_group_ids = [aws_security_group.web.id]

  root_block_device {
    volume_size = 20
    encrypted   = true
  }

  tags = {
    Name             = "web-1"
    data_sensitivity = "internal"
  }
}

# Images and stylesheets served to everyone.
resource "aws_s3_bucket" "static" {
  bucket = "acme-web-static-assets"
  tags = {
    data_sensitivity = "public"
  }
}

# Files users upload: no tag, so the policy's default level applies.
resource "aws_s3_bucket" "uploads" {
  bucket = "acme-web-user-uploads"
}
