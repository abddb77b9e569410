# Module calls that loop (Terraform refuses them): the index must not.
module "self" {
  source = "./"
}

module "sub" {
  source = "./sub"
}

resource "terraform_data" "root" {}
