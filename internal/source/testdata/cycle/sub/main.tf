module "up" {
  source = "../"
}

resource "terraform_data" "sub" {}
