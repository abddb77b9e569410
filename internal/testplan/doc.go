// Package testplan generates synthetic Terraform plans, in the JSON format
// `terraform show -json` writes (format 1.2, Terraform 1.11), at any size, to
// benchmark the analyzer at the scale of the largest monorepos (issue #5).
//
// A plan of N resources has exactly N resource changes. The root module holds
// a Route 53 zone and SSM parameters; everything else is in team stacks, one
// module call each, nesting modules up to three levels (service → data →
// backup):
//
//   - AWS stacks (about two thirds of the resources), written as provider
//     hashicorp/aws 5.x writes them: no top-level region argument, so
//     locations come from the provider configuration. A stack gets the default
//     provider (region = var.region, eu-west-3), an alias passed with
//     providers = { aws = aws.us } (us-east-1) or aws.dr (var.secondary_region,
//     eu-west-1), or configures provider "aws" itself from a region module
//     input (the root's var.region or a constant), in the stack module or in
//     its child modules. Backups go to aws.dr.
//   - Azure stacks (azurerm 4.x, a location per stack, subnets and secrets
//     located through their parent) and Google Cloud stacks (default project in
//     europe-west9, an alias in us-central1, an S3NS alias with
//     universe_domain = "s3nsapis.fr").
//   - random and null resources in the stacks.
//
// Resources carry tags and tags_all (the provider's default_tags) or labels;
// about a fifth have a data_sensitivity tag, and some module calls pass a
// data_sensitivity input. Most stacks are new (created); the others are mostly
// unchanged, with updates, replacements and deletes (count and for_each
// instances removed), so the plan has a prior state; creates have
// after_unknown for computed attributes, sensitive attributes are marked. The
// configuration has every provider configuration (aliases, module-declared
// ones, required_providers entries of modules), every module call with its
// expressions and body, and the root variables.
//
// That is the default shape (Options.Shape, ShapeDefault). Two others stress
// other paths of the analyzer: ShapeFindingsHeavy, where every team stack is
// an AWS stack with a data_sensitivity input its resources are tagged with,
// under an aws alias of its own, about 60 % of them sensitive and outside
// the EU (so that about 60 % of the resources are findings); and
// ShapeFlatWide, where every resource is in the root module, spread over a
// few hundred blocks under 48 aws aliases, with for_each keys of about 70
// characters and 14 tags per resource (about 5.5 KB per resource).
//
// The output is deterministic for a shape, size and seed, written progressively
// (memory stays small: 300,000 resources take a few seconds and about 30 MB)
// and about 1.5 KB per resource.
package testplan
