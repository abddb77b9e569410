variable "region" {
  type = string
}

resource "aws_db_instance" "main" {
  identifier = "main"
}

module "replica" {
  source = "./replica"
}

module "common" {
  source = "../common"
}
