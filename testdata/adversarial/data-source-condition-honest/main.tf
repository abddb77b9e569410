terraform {
  required_providers {
    aws      = { source = "hashicorp/aws" }
    outscale = { source = "outscale/outscale" }
  }
}

provider "aws" {
  region = "eu-west-3"
}

# Read while planning: its value is in the plan's prior state only.
data "aws_region" "current" {}

provider "outscale" {
  region = data.aws_region.current.name == "us-east-1" ? "us-east-2" : "cloudgouv-eu-west-1"
}

resource "outscale_net" "data" {
  ip_range = "10.0.0.0/16"
  tags {
    key   = "data_sensitivity"
    value = "sensitive"
  }
}
