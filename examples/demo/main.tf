# Architect-style questions answered by the trustcloud catalog through real Terraform.
# Run it with `make demo` (the Makefile builds the provider and points Terraform at it
# with a dev_overrides CLI configuration: nothing is downloaded).

terraform {
  required_version = ">= 1.8"
  required_providers {
    trustcloud = {
      source = "trustcloud/trustcloud"
    }
  }
}

provider "trustcloud" {}

data "trustcloud_catalog" "this" {}

# Which offers are SecNumCloud-qualified today?
data "trustcloud_offers" "qualified" {
  status = "qualified"
}

# Where does Bleu stand?
data "trustcloud_offers" "bleu" {
  operator = "bleu"
}

# Which regions, of any provider, are in a qualified perimeter in France?
data "trustcloud_regions" "qualified_fr" {
  secnumcloud_only = true
  country          = "FR"
}

# Everything the catalog says about AWS Paris.
data "trustcloud_region" "aws_paris" {
  terraform_provider = "hashicorp/aws"
  region             = "eu-west-3"
}

locals {
  questions = {
    "outscale cloudgouv-eu-west-1" = ["outscale/outscale", "cloudgouv-eu-west-1"]
    "outscale eu-west-2"           = ["outscale/outscale", "eu-west-2"]
    "aws eu-west-3a (a zone)"      = ["hashicorp/aws", "eu-west-3a"]
    "s3ns u-france-east1"          = ["hashicorp/google", "u-france-east1"]
    "google europe-west9"          = ["hashicorp/google", "europe-west9"]
    "azure West Europe"            = ["hashicorp/azurerm", "West Europe"]
    "scaleway fr-par-2 (a zone)"   = ["scaleway/scaleway", "fr-par-2"]
  }
}

output "catalog" {
  value = "trustcloud catalog ${data.trustcloud_catalog.this.version}, facts as of ${data.trustcloud_catalog.this.as_of}"
}

output "is_it_eu_and_secnumcloud" {
  value = {
    for q, args in local.questions : q => format(
      "%s: in %s, EU %t, SecNumCloud %t",
      provider::trustcloud::region_info(args[0], args[1]).operator_name,
      provider::trustcloud::region_info(args[0], args[1]).country,
      provider::trustcloud::is_eu(args[0], args[1]),
      provider::trustcloud::is_secnumcloud(args[0], args[1]),
    )
  }
}

output "aws_paris" {
  value = {
    country                   = data.trustcloud_region.aws_paris.country
    eu                        = data.trustcloud_region.aws_paris.eu
    secnumcloud_qualified     = data.trustcloud_region.aws_paris.secnumcloud_qualified
    extraterritorial_exposure = data.trustcloud_region.aws_paris.extraterritorial_exposure
  }
}

output "qualified_offers" {
  value = sort([for o in data.trustcloud_offers.qualified.offers : "${o.operator}: ${o.name}"])
}

output "bleu" {
  value = [for o in data.trustcloud_offers.bleu.offers : "${o.name}: ${o.status}"]
}

output "qualified_regions_in_france" {
  value = sort([for r in data.trustcloud_regions.qualified_fr.regions : "${r.operator} ${r.code}"])
}
