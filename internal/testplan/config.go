package testplan

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WriteConfig writes into dir a Terraform configuration of a shape: real
// Terraform plans it (with internal/testprovider) into a plan of exactly
// var.n resources, the binary-plan variant of the shape, whose
// configuration snapshot carries the expressions trustcloud evaluates.
//
// Terraform cannot repeat blocks, so the configurations repeat instances:
// team stacks are module instances of for_each over var.n / 10 names,
// every one of ten resources, and the root module makes up the rest.
//   - default: AWS stacks under the default provider (region = var.region),
//     under an alias in us-east-1, in a module nesting three levels deep
//     (team → data → backup, the backup under aws.dr), a fifth of them with
//     a data_sensitivity input; Google and Azure stacks beside them.
//   - findings-heavy: AWS stacks only, in 50 module blocks under an alias
//     of their own each, 30 of them outside the EU and sensitive.
//   - flat-wide: no module; 96 resource blocks of the root module under
//     48 aws aliases, for_each keys of about 70 characters, 14 tags each.
func WriteConfig(dir, shape string) error {
	shape, err := parseShape(shape)
	if err != nil {
		return err
	}
	files := map[string]string{}
	switch shape {
	case ShapeDefault:
		files["main.tf"] = defaultRoot
		files["modules/aws-team/main.tf"] = awsTeam
		files["modules/aws-data/main.tf"] = awsData
		files["modules/aws-backup/main.tf"] = awsBackup
		files["modules/google-team/main.tf"] = googleTeam
		files["modules/azure-team/main.tf"] = azureTeam
	case ShapeFindingsHeavy:
		files["main.tf"] = findingsRoot()
		files["modules/aws-team/main.tf"] = awsTeam
		files["modules/aws-data/main.tf"] = awsData
		files["modules/aws-backup/main.tf"] = awsBackup
	case ShapeFlatWide:
		files["main.tf"] = flatWideRoot()
	}
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// teamsAndRest is the HCL of the locals that split var.n: teams stacks of
// ten resources, and what the root makes up.
const teamsAndRest = `
variable "n" {
  type        = number
  description = "Number of resources the plan has."
}

locals {
  teams = floor(max(var.n - 1, 0) / 10)
  rest  = var.n - local.teams * 10
  # Terraform's range makes at most 1,024 values: thousands of names are
  # made in chunks of 1,000.
  names = flatten([for a in range(ceil(local.teams / 1000)) : [for b in range(min(1000, local.teams - a * 1000)) : format("team-%05d", a * 1000 + b)]])
}

# The root makes up the count: one zone and the parameters left over.
resource "aws_route53_zone" "main" {
  count = local.rest > 0 ? 1 : 0
  name  = "bench.example.com"
}

resource "aws_ssm_parameter" "rest" {
  count = max(local.rest - 1, 0)
  name  = "/bench/rest/${count.index}"
  type  = "String"
  value = "bench"
}
`

const defaultRoot = `terraform {
  required_providers {
    aws     = { source = "hashicorp/aws" }
    google  = { source = "hashicorp/google" }
    azurerm = { source = "hashicorp/azurerm" }
  }
}

variable "region" {
  type    = string
  default = "eu-west-3"
}

variable "secondary_region" {
  type    = string
  default = "eu-west-1"
}

provider "aws" {
  region = var.region
  default_tags {
    tags = { owner = "platform", cost_center = "bench" }
  }
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = var.secondary_region
}

provider "google" {
  project = "bench-project"
  region  = "europe-west9"
}

provider "google" {
  alias   = "us"
  project = "bench-project"
  region  = "us-central1"
}

provider "azurerm" {
  features {}
}
` + teamsAndRest + `
# Six tenths of the stacks are AWS in the EU, one tenth AWS in the US, the
# rest Google and Azure; a fifth of them pass a data_sensitivity input.
locals {
  aws_eu = [for i, t in local.names : t if i % 10 < 6]
  aws_us = [for i, t in local.names : t if i % 10 == 6]
  google = [for i, t in local.names : t if i % 10 == 7 || i % 10 == 8]
  azure  = [for i, t in local.names : t if i % 10 == 9]
}

module "aws_eu" {
  source      = "./modules/aws-team"
  for_each    = toset(local.aws_eu)
  name        = each.key
  sensitivity = endswith(each.key, "5") ? "sensitive" : ""
  providers   = { aws = aws, aws.dr = aws.dr }
}

module "aws_us" {
  source      = "./modules/aws-team"
  for_each    = toset(local.aws_us)
  name        = each.key
  sensitivity = ""
  providers   = { aws = aws.us, aws.dr = aws.dr }
}

module "google_eu" {
  source    = "./modules/google-team"
  for_each  = toset([for i, t in local.google : t if i % 2 == 0])
  name      = each.key
  providers = { google = google }
}

module "google_us" {
  source    = "./modules/google-team"
  for_each  = toset([for i, t in local.google : t if i % 2 == 1])
  name      = each.key
  providers = { google = google.us }
}

module "azure" {
  source   = "./modules/azure-team"
  for_each = toset(local.azure)
  name     = each.key
  location = endswith(each.key, "9") ? "eastus" : "francecentral"
}
`

// awsTeam is a stack of ten AWS resources: seven here, two in its data
// module, one in that module's backup module (under aws.dr).
const awsTeam = `terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.dr]
    }
  }
}

variable "name" {
  type = string
}

variable "sensitivity" {
  type = string
}

locals {
  tags = merge({ team = var.name, stack = "bench" }, var.sensitivity == "" ? {} : { data_sensitivity = var.sensitivity })
}

resource "aws_s3_bucket" "data" {
  count  = 3
  bucket = "${var.name}-data-${count.index}"
  tags   = local.tags
}

resource "aws_sqs_queue" "events" {
  count = 2
  name  = "${var.name}-events-${count.index}"
  tags  = local.tags
}

resource "aws_kms_key" "key" {
  description = "${var.name} key"
  tags        = local.tags
}

resource "aws_cloudwatch_log_group" "logs" {
  name = "/bench/${var.name}"
  tags = local.tags
}

module "data" {
  source    = "../aws-data"
  name      = var.name
  tags      = local.tags
  providers = { aws = aws, aws.dr = aws.dr }
}
`

const awsData = `terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.dr]
    }
  }
}

variable "name" {
  type = string
}

variable "tags" {
  type = map(string)
}

resource "aws_dynamodb_table" "table" {
  count        = 2
  name         = "${var.name}-table-${count.index}"
  hash_key     = "id"
  billing_mode = "PAY_PER_REQUEST"
  tags         = var.tags

  attribute {
    name = "id"
    type = "S"
  }
}

module "backup" {
  source    = "../aws-backup"
  name      = var.name
  tags      = var.tags
  providers = { aws = aws.dr }
}
`

const awsBackup = `terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

variable "name" {
  type = string
}

variable "tags" {
  type = map(string)
}

resource "aws_s3_bucket" "backup" {
  bucket = "${var.name}-backup"
  tags   = var.tags
}
`

const googleTeam = `terraform {
  required_providers {
    google = { source = "hashicorp/google" }
  }
}

variable "name" {
  type = string
}

resource "google_storage_bucket" "data" {
  count    = 5
  name     = "${var.name}-data-${count.index}"
  location = "EUROPE-WEST9"
  labels   = { team = var.name }
}

resource "google_pubsub_topic" "events" {
  count  = 5
  name   = "${var.name}-events-${count.index}"
  labels = { team = var.name }
}
`

const azureTeam = `terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm" }
  }
}

variable "name" {
  type = string
}

variable "location" {
  type = string
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-${var.name}"
  location = var.location
  tags     = { team = var.name }
}

resource "azurerm_storage_account" "data" {
  count                    = 4
  name                     = "st${replace(var.name, "-", "")}${count.index}"
  resource_group_name      = azurerm_resource_group.rg.name
  location                 = azurerm_resource_group.rg.location
  account_tier             = "Standard"
  account_replication_type = "LRS"
  tags                     = { team = var.name }
}

resource "azurerm_user_assigned_identity" "id" {
  count               = 5
  name                = "id-${var.name}-${count.index}"
  resource_group_name = azurerm_resource_group.rg.name
  location            = azurerm_resource_group.rg.location
  tags                = { team = var.name }
}
`

// findingsRegions are the regions of the findings-heavy shape's 50 module
// blocks: 30 outside the EU (sensitive), then 20 inside it.
func findingsRegions() []string {
	eu := []string{"eu-west-3", "eu-west-1", "eu-central-1", "eu-north-1"}
	out := make([]string, 0, 50)
	for i := range 30 {
		out = append(out, nonEURegions[i%len(nonEURegions)])
	}
	for i := range 20 {
		out = append(out, eu[i%len(eu)])
	}
	return out
}

func findingsRoot() string {
	var b strings.Builder
	b.WriteString(`terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region = "eu-west-3"
}

provider "aws" {
  alias  = "dr"
  region = "us-west-2"
}
`)
	b.WriteString(teamsAndRest)
	regions := findingsRegions()
	for i, region := range regions {
		fmt.Fprintf(&b, "\nprovider \"aws\" {\n  alias  = \"s%02d\"\n  region = %q\n}\n", i, region)
	}
	for i := range regions {
		sensitivity := "internal"
		if i < 30 {
			sensitivity = "sensitive"
		}
		fmt.Fprintf(&b, `
module "s%02d" {
  source      = "./modules/aws-team"
  for_each    = toset([for j, t in local.names : t if j %% %d == %d])
  name        = each.key
  sensitivity = %q
  providers   = { aws = aws.s%02d, aws.dr = aws.dr }
}
`, i, len(regions), i, sensitivity, i)
	}
	return b.String()
}

// flatWideAliases is the number of aws aliases of the flat-wide shape; it
// has two resource blocks per alias.
const flatWideAliases = 48

func flatWideRoot() string {
	var b strings.Builder
	b.WriteString(`terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

variable "n" {
  type        = number
  description = "Number of resources the plan has."
}

locals {
  blocks = 96
  # Block i has floor(n / 96) instances, one more for the first n % 96.
  counts = [for i in range(local.blocks) : floor(var.n / local.blocks) + (i < var.n % local.blocks ? 1 : 0)]
  prefix = "workload-analytics-platform-shared-services-eu-region-primary"
  tags = {
    owner          = "platform"
    cost_center    = "cc-1234"
    environment    = "production"
    application    = "analytics"
    component      = "storage"
    compliance     = "secnumcloud"
    backup         = "daily"
    retention      = "365d"
    managed_by     = "terraform"
    repository     = "git.example.fr/platform/infra"
    data_owner     = "dpo"
    classification = "internal"
    support        = "team-platform@example.fr"
    review         = "2026-q4"
  }
}
`)
	regions := []string{"eu-west-3", "eu-west-1", "eu-central-1", "us-east-1", "eu-north-1", "eu-south-1"}
	for i := range flatWideAliases {
		fmt.Fprintf(&b, "\nprovider \"aws\" {\n  alias  = \"a%02d\"\n  region = %q\n}\n", i, regions[i%len(regions)])
	}
	for i := range flatWideAliases * 2 {
		alias := i / 2
		// Terraform's range makes at most 1,024 values: chunks of 1,000.
		keys := fmt.Sprintf(`toset(flatten([for a in range(ceil(local.counts[%[1]d] / 1000)) : [for b in range(min(1000, local.counts[%[1]d] - a * 1000)) : format("%%06d-b%02[1]d-%%s", a * 1000 + b, local.prefix)]]))`, i)
		if i%2 == 0 {
			fmt.Fprintf(&b, `
resource "aws_s3_bucket" "b%02d" {
  provider = aws.a%02d
  for_each = %s
  bucket   = substr(each.key, 0, 63)
  tags     = local.tags
}
`, i, alias, keys)
		} else {
			fmt.Fprintf(&b, `
resource "aws_sqs_queue" "b%02d" {
  provider = aws.a%02d
  for_each = %s
  name     = substr(each.key, 0, 80)
  tags     = local.tags
}
`, i, alias, keys)
		}
	}
	return b.String()
}
