// Package tfconfig reads a Terraform (or OpenTofu) configuration from its
// sources and evaluates, with hcl/v2 and go-cty, the expressions that decide
// where a resource lives, who operates it and how sensitive it is: provider
// arguments and nested blocks (dynamic blocks included), module-call
// arguments, locals, variables, count and for_each keys, terraform.workspace
// and references to other resources' planned values.
//
// It exists because plan JSON does not record expressions: its
// configuration keeps only a constant or the list of references of each
// expression, so `var.region` and `replace(var.region, "a", "b")` look the
// same there. A compliance gate that reads the first reference as the
// value of the whole expression can be talked around by whoever writes the
// .tf files. Values here come from evaluation; what cannot be evaluated is
// unknown, with the reason, and never a guess.
//
// The sources are the configuration snapshot a binary plan file carries
// (LoadPlanFile) or a checked-out directory (LoadDir). Check compares them
// with the plan's own configuration so that a stale checkout cannot vouch
// for another plan.
package tfconfig
