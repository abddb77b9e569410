# Stands for a registry module that `terraform init` installed under
# .terraform/modules/vpc (the tests copy it there).

resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
}

module "flow_log" {
  source = "./modules/flow-log"
}
