# A module call whose data_sensitivity is not a level of the default
# policy: trustcloud warns and ignores it. Builtin provider only; regenerate
# plan.json as for ../builtin.

module "store" {
  source           = "./modules/store"
  data_sensitivity = "top-secret"
}
