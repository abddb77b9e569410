// Package planfile turns plan bytes into the plan model: it reads
// `terraform show -json` output (or a binary plan file, through the
// Terraform or OpenTofu CLI) into terraform-json's types with a streaming
// reader that keeps only the resource attributes it is asked for, and
// refuses hostile input (oversized, not UTF-8, duplicate members, deep
// nesting, inconsistent changes) with errors naming the file and the
// place. It knows nothing of catalogs, policies or locations.
package planfile
