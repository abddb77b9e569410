# A wrapper around the health module: module.platform.module.health_archive.
module "health_archive" {
  source = "../storage"
  name   = "health-archive"
}
