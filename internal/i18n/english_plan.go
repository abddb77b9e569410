package i18n

// englishPlan holds the messages of the plan reader's errors (package
// planfile); french_plan.go translates them. Both join the catalogs of
// english.go and french.go at start.
var englishPlan = map[string]string{
	"plan.cannot_read":         "cannot read the plan: %s",
	"plan.is_directory":        "cannot read the plan: is a directory",
	"plan.binary_on_stdin":     "this is a binary plan file: pass it by path (trustcloud runs `terraform show -json` on it) or pipe `terraform show -json plan` instead",
	"plan.binary_no_terraform": "this is a binary plan file and no terraform was found on PATH to read it: run `terraform show -json %s > plan.json` and pass plan.json, or give --terraform PATH",
	"plan.empty":               "the file is empty: expected the output of `terraform show -json PLANFILE`",
	"plan.not_object":          "not a Terraform plan: expected a JSON object (the output of `terraform show -json PLANFILE`)",
	"plan.no_format_version":   "missing: this is not the output of `terraform show -json PLANFILE`",
	"plan.is_state":            "this is a Terraform state (`terraform show -json` without a plan file), not a plan: run `terraform plan -out=plan.tfplan && terraform show -json plan.tfplan`",
	"plan.not_plan":            "not a Terraform plan: it has none of resource_changes, planned_values or configuration (the output of `terraform show -json PLANFILE` has them)",
	"plan.format_version":      "unsupported plan format version %q: trustcloud reads formats 0.1 to 1.x (Terraform 0.12 and later)",
	"plan.too_large":           "the input is larger than the %s limit (--max-input): not read further",
	"plan.utf8_truncated":      "invalid UTF-8: the input ends in the middle of a character (truncated?)",
	"plan.utf16":               "the file is UTF-16 text, not UTF-8 (PowerShell's `>` writes UTF-16): write it with `terraform show -json plan.tfplan | Out-File -Encoding utf8 plan.json`",
	"plan.nul":                 "NUL byte: JSON text never holds one; this is binary data, or the file was damaged",
	"state.no_version":         "missing: a state file (terraform.tfstate) has a format version; was it edited by hand?",
	"state.old_version":        "state file format version %d: trustcloud reads versions 4 and later (Terraform 0.12 and later); rewrite it with a current Terraform (`terraform state pull > terraform.tfstate`) and check that file",
	"plan.utf8":                "invalid UTF-8 (byte %s): `terraform show -json` writes UTF-8; this file was damaged or converted",
}

func init() {
	merge(english, englishPlan)
	merge(french, frenchPlan)
}
