# A health agency's services, classified by their module calls: the patient
# records service is "sensitive" (its nested modules inherit the level), the
# public site is "public", and a classified archive in Ireland is "DR"
# (Diffusion Restreinte, i.e. restricted).

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
  alias  = "ireland"
  region = "eu-west-1"
}

module "patient_records" {
  source           = "./modules/records-service"
  name             = "patient-records"
  data_sensitivity = "sensitive"
}

module "public_site" {
  source           = "./modules/static-site"
  domain           = "www.agence-sante.example.fr"
  data_sensitivity = "public"
}

module "classified_archive" {
  source = "./modules/encrypted-bucket"
  providers = {
    aws = aws.ireland
  }
  name             = "classified-archive"
  data_sensitivity = "DR"
}
