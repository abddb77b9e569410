package i18n

import "fmt"

// englishCLI holds the command line's flag messages, its end-of-run
// summary and every command's help (help.NAME.usage, .description,
// .examples, and the flag descriptions flag.*, where `NAME` in backquotes
// is the flag's value as the help shows it); french_cli.go translates
// them. Both join the catalogs of english.go and french.go at start.
var englishCLI = map[string]string{
	"cli.usage_hint_command": "Run 'trustcloud %s --help' for usage.",
	"cli.flag_syntax":        "%s: bad flag syntax: %s",
	"cli.unknown_flag":       "%s: unknown flag --%s",
	"cli.did_you_mean":       "; did you mean %s?",
	"cli.flag_needs_value":   "%s: --%s needs a value",
	"cli.flag_invalid":       "%s: invalid value %q for --%s: %s",
	"cli.bool_invalid":       "use true or false",
	"cli.color_invalid":      "use auto, always or never",
	"cli.size_invalid":       "want a size such as 500MiB, 2GiB or 1073741824 (bytes), or 0 for no limit",
	"cli.formats_mixed":      "check: several formats write to standard output (%s), which would mix them: write all but one to files with --format F=PATH",
	"cli.summary":            "%s; reports: %s",
	"cli.report_stdout":      "%s on standard output",
	"cli.report_file":        "%s in %s",
	"cli.report_evidence":    "evidence bundle in %s",

	"help.usage":    "Usage:",
	"help.flags":    "Flags:",
	"help.examples": "Examples:",
	"help.default":  "(default: %s)",
	"help.value":    "VALUE",

	// The README's flag tables (make docs).
	"help.table_flag":    "flag",
	"help.table_what":    "what it does",
	"help.table_default": "default",
	"help.table_every":   "Every command takes these:",
	"help.table_none":    "No flag of its own.",

	"flag.help":                     "print this help and exit",
	"flag.lang":                     "the `LANGUAGE` of messages and of the reports written for people: en or fr (default: LC_ALL, LC_MESSAGES or LANG, else English)",
	"flag.policy":                   "read the policy from `FILE` (HCL); default: the file named by TRUSTCLOUD_POLICY, else trustcloud.hcl or .trustcloud.hcl in the configuration directory, else the built-in fr-cloud-au-centre profile",
	"flag.no_policy_discovery":      "do not look for trustcloud.hcl or .trustcloud.hcl in the configuration directory (--policy and TRUSTCLOUD_POLICY still apply)",
	"flag.catalog":                  "merge the catalog `FILE` (JSON) over the embedded catalog",
	"flag.terraform":                "the terraform `PATH` that reads a binary plan file (default: terraform from PATH)",
	"flag.max_input":                "read at most `SIZE` of plan JSON (file, standard input or terraform show output), such as 500MiB; 0 for no limit",
	"flag.config_dir":               "the Terraform configuration `DIR` the plan was made from, evaluated for exact values (default: a binary plan's snapshot, else the plan file's directory or the current directory when it holds .tf files)",
	"flag.no_config":                "judge from plan JSON alone: values read through references are inferred, and an inferred value never satisfies a requirement",
	"flag.var":                      "set a root variable, `NAME=TEXT`, of a configuration directory checked without a plan, as Terraform's own var flag does (repeatable; with --var-file, in the order given, the last one winning over terraform.tfvars, *.auto.tfvars and TF_VAR_NAME)",
	"flag.var_file":                 "read root variables of a configuration directory checked without a plan from a .tfvars or .tfvars.json `FILE`, as Terraform's own var-file flag does (repeatable)",
	"flag.workspace":                "the workspace `NAME` the plan was made in, for terraform.workspace (default: TF_WORKSPACE, else what the binary plan or .terraform/environment records)",
	"flag.color":                    "colour the text report on standard output: `WHEN` is auto (on a terminal), always or never; without the flag, NO_COLOR set means never, and FORCE_COLOR or CLICOLOR_FORCE set (not 0) always",
	"flag.format_text_json":         "the output `FORMAT`: text or json",
	"flag.check.format":             "write a report as `F[=PATH]`: in format F to standard output, or to the file PATH, written atomically; repeat for several reports, at most one on standard output (default: text). Formats: %s",
	"flag.check.fail_on":            "the lowest `SEVERITY` that fails the run (exit 1): info, low, medium, high, critical, or none",
	"flag.check.baseline":           "take the findings of `FILE`, an earlier check --format json output, as accepted: each covers one finding with its fingerprint at its severity or below, reported as existing and not failing the run (created, replaced and imported resources' findings are always new)",
	"flag.check.new_only":           "findings whose resource existed before and whose location, data locations, operator and level the plan leaves as they were are existing and do not fail the run (created, replaced and imported resources' findings are always new)",
	"flag.check.evidence":           "write an evidence bundle into `DIR`: inventory, findings, OSCAL assessment results, the policy and catalog used, and a manifest of SHA-256 digests",
	"flag.check.sign":               "sign the evidence bundle's manifest with the ed25519 private `KEY` file made by trustcloud keygen",
	"flag.catalog.operator":         "only this operator `ID` (offers, regions)",
	"flag.catalog.provider":         "only the regions or types of this Terraform provider `SOURCE` (regions, types)",
	"flag.catalog.type":             "only the resource types matching this `GLOB`, data sources as data.TYPE (types)",
	"flag.catalog.scope":            "only the types of this `SCOPE` (types): %s",
	"flag.catalog.country":          "only this ISO 3166-1 `COUNTRY` code, such as FR (operators, regions)",
	"flag.catalog.status":           "only this SecNumCloud `STATUS` (offers): %s",
	"flag.catalog.standing":         "only this `STANDING` today (offers): %s",
	"flag.catalog.expiring":         "only qualified offers that expire within `DURATION` of today (offers): days (90d), weeks (12w) or a Go duration (2160h)",
	"flag.catalog.eu_only":          "only regions in the EU (regions)",
	"flag.catalog.secnumcloud_only": "only SecNumCloud-qualified regions or operators (operators, regions)",
	"flag.policy_init.profile":      "the built-in `PROFILE` to start from",
	"flag.policy_init.force":        "overwrite an existing file",
	"flag.keygen.out":               "write the private key to `PREFIX`.key (mode 0600) and the public key to PREFIX.pub",
	"flag.keygen.force":             "replace an existing key pair",
	"flag.verify.pubkey":            "check the manifest's signature with this ed25519 public key `FILE`, made by trustcloud keygen",
	"flag.verify.plan":              "check that the bundle was made from this plan `FILE`",

	"help.check.usage":       "trustcloud check [flags] PLAN",
	"help.check.description": "Check a Terraform plan against the policy: where each resource lives, who operates it, how sensitive its data is, and what the \"cloud de confiance\" doctrine says about it. PLAN is a binary plan file (terraform plan -out), the output of terraform show -json, or - for standard input. PLAN may also be a configuration directory (trustcloud check .): it is then checked without a plan, offline, from its .tf files, modules and variables (--var, --var-file, tfvars files, TF_VAR_), and what only a plan knows is unknown. Exit codes: 0 no finding at or above --fail-on; 1 such findings; 2 usage, input, catalog or policy error. When no report for people (text, markdown, github) goes to standard output, a one-line verdict goes to standard error.",
	"help.check.examples": `trustcloud check plan.tfplan
trustcloud check --var-file prod.tfvars --format text --format sarif=trustcloud.sarif infra/
trustcloud check --fail-on medium --format gitlab=gl-code-quality.json plan.tfplan`,
	"help.inventory.usage":       "trustcloud inventory [flags] PLAN",
	"help.inventory.description": "List every resource of a Terraform plan with where it lives (region, country, status), its operator, its sensitivity level, where its data goes, and the evidence of each, without judging it. PLAN is as for check.",
	"help.inventory.examples": `trustcloud inventory plan.tfplan
trustcloud inventory infra/
trustcloud inventory --format json plan.json | jq '.resources[] | {address, location}'`,
	"help.catalog.usage":       "trustcloud catalog providers|offers|regions|operators|types [flags]",
	"help.catalog.description": "List what the catalog knows: the Terraform providers and where they read locations (providers), the operators (operators), their SecNumCloud offers and qualifications (offers), their regions (regions), and the resource types' scopes and data flows (types). Each list reads the filters that apply to it.",
	"help.catalog.examples": `trustcloud catalog regions --country FR --secnumcloud-only
trustcloud catalog offers --expiring 90d
trustcloud catalog types --provider hashicorp/aws --type 'aws_s3_*' --format json`,
	"help.policy.usage":       "trustcloud policy init|validate [flags] [FILE]",
	"help.policy.description": "Write a policy file to start from (policy init) or check one (policy validate): its levels, classification and waivers, and which waivers have expired or expire within 30 days. FILE is trustcloud.hcl by default. Run trustcloud policy init --help or trustcloud policy validate --help for their flags.",
	"help.policy.examples": `trustcloud policy init
trustcloud policy validate trustcloud.hcl`,
	"help.policy_init.usage":       "trustcloud policy init [flags] [FILE]",
	"help.policy_init.description": "Write a policy file (trustcloud.hcl by default) from a built-in profile, with every setting commented, to edit and then check with trustcloud policy validate.",
	"help.policy_init.examples": `trustcloud policy init
trustcloud policy init --profile fr-cloud-au-centre --force policies/trustcloud.hcl`,
	"help.policy_validate.usage":       "trustcloud policy validate [flags] [FILE]",
	"help.policy_validate.description": "Check a policy file (trustcloud.hcl by default): errors are reported at their file, line and column and exit 2; a valid policy is summarised, with the waivers that have expired or expire within 30 days.",
	"help.policy_validate.examples": `trustcloud policy validate
trustcloud policy validate policies/trustcloud.hcl`,
	"help.keygen.usage":       "trustcloud keygen [flags]",
	"help.keygen.description": "Make an ed25519 key pair to sign evidence bundles: PREFIX.key, the private key (mode 0600), for check --sign, and PREFIX.pub, the public key, for verify --pubkey. Both are PEM files.",
	"help.keygen.examples": `trustcloud keygen --out ci-signer
trustcloud keygen --out ci-signer --force`,
	"help.verify.usage":       "trustcloud verify [flags] DIR",
	"help.verify.description": "Check an evidence bundle written by check --evidence DIR: every file against the manifest's SHA-256 digests, the signature with --pubkey, the plan with --plan. Every difference is listed. Exit codes: 0 the bundle is intact; 1 it is not; 2 usage error.",
	"help.verify.examples": `trustcloud verify evidence/
trustcloud verify --pubkey ci-signer.pub --plan plan.json evidence/`,
	"help.version.usage":       "trustcloud version",
	"help.version.description": "Print the version of trustcloud.",
	"help.version.examples":    `trustcloud version`,
}

// The command line's messages join the catalogs; a key in both would be
// a mistake, caught at start.
func init() {
	merge(english, englishCLI)
	merge(french, frenchCLI)
}

// merge adds the texts of from to the catalog into; a key in both is a
// defect.
func merge(into, from map[string]string) {
	for k, v := range from {
		if _, ok := into[k]; ok {
			panic(fmt.Sprintf("i18n: key %q is twice in a catalog", k))
		}
		into[k] = v
	}
}
