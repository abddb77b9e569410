module "bad" {
  source = "./modules/bad"
}
