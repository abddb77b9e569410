# Everything the health modules hold is sensitive, whatever their tags say.
classification {
  module "module.health_*" {
    level = "sensitive"
  }
}
