# A configuration that uses only Terraform's builtin provider, so that its
# plan is made offline. Regenerate plan.json with:
#   terraform init && terraform plan -out=tfplan && terraform show -json tfplan > plan.json
# then remove .terraform/ and tfplan.
#
# With the default catalog every resource here has no location. The tests'
# catalog file ../catalog/builtin-as-aws.json maps the builtin provider to
# the aws operator and reads the location from "input", so that the same
# plan also gives findings.

variable "region" {
  type    = string
  default = "eu-west-3"
}

resource "terraform_data" "placement" {
  input = var.region
}

resource "terraform_data" "site" {
  for_each = {
    paris    = "eu-west-3"
    virginia = "us-east-1"
  }
  input = each.value
}

# Known only at apply time.
resource "terraform_data" "later" {
  input = terraform_data.placement.id
}

module "app" {
  source           = "./modules/app"
  region           = var.region
  data_sensitivity = "sensible"
}
