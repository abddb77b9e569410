package main

import (
	"github.com/trustcloud/trustcloud/internal/ruledef"
)

// example is a configuration a rule's page shows, taken from a scenario
// of testdata/scenarios (a real Terraform plan and its .tf files, which
// the scenario suite checks): the rule fires on one of its resources, or
// does not. rulesdoc checks the scenario with what the example says
// (policy, catalog, day) when it writes the page, and fails when the
// example does not hold; its tests check it again.
type example struct {
	// Scenario is the directory under testdata/scenarios.
	Scenario string
	// Address is the resource the rule fires on, or passes; for a rule
	// about the policy file, the policy file's name.
	Address string
	// Show are the blocks the page quotes, as "FILE: HEADER" (FILE
	// relative to the scenario, HEADER the block's first line without its
	// brace).
	Show []string
	// Policy is the policy file checked with (HCL), "" for the default
	// profile.
	Policy string
	// Discovered: the policy file was found in the configuration
	// directory, not given with --policy or TRUSTCLOUD_POLICY.
	Discovered bool
	// Catalog is a catalog file (JSON) given with --catalog, over the
	// embedded catalog; "" for the embedded catalog alone.
	Catalog string
	// Day is the day of the check (YYYY-MM-DD), "" for the scenario
	// suite's day (2026-11-23): qualifications and waivers expire.
	Day string
	// Why says, in one sentence, why the rule fires or not.
	Why string
}

// ruleExamples are a rule's examples: one that fires, one that passes.
type ruleExamples struct{ Fires, Passes example }

// suiteDay is the scenario suite's fixed day (internal/scenarios), the
// day of an example that names none.
const suiteDay = "2026-11-23"

// Policies and catalogs the examples check with.
const (
	// extraterritorialInternal forbids extraterritorial exposure at the
	// internal level, which requires no SecNumCloud.
	extraterritorialInternal = `level "internal" {
  allow_extraterritorial = false
}
`
	waiverExpired = `waiver "DER-2026-007" {
  addresses   = ["scaleway_instance_server.app"]
  rules       = ["TC002"]
  reason      = "Case management moves to a qualified offer in 2026"
  expires     = "2026-10-31"
  approved_by = "CISO"
  approved_on = "2026-04-01"
  covers_new  = true
}
`
	waiverInForce = `waiver "DER-2026-007" {
  addresses   = ["scaleway_instance_server.app"]
  rules       = ["TC002"]
  reason      = "Case management moves to a qualified offer in 2027"
  expires     = "2027-03-31"
  approved_by = "CISO"
  approved_on = "2026-04-01"
  covers_new  = true
}
`
	// scalewayPending maps Scaleway's SecNumCloud offer, at J0, to fr-par.
	scalewayPending = `{
  "schema_version": "1",
  "sources": [{"id": "u1", "title": "Our reading of Scaleway's SecNumCloud perimeter"}],
  "offers": [
    {"id": "scaleway-secnumcloud", "operator": "scaleway", "name": "Scaleway SecNumCloud offer",
     "status": "J0", "milestones": {"J0": "2025-01-08"}, "regions": ["fr-par"], "source_ids": ["u1"]}
  ]
}
`
	allowPending = `level "sensitive" {
  allow_pending = true
}
`
	// numspotUnconfirmed records NumSpot's qualification from a source
	// that does not confirm it.
	numspotUnconfirmed = `{
  "schema_version": "1",
  "sources": [{"id": "u1", "title": "A press release announcing the qualification"}],
  "offers": [
    {"id": "numspot-iaas-paas", "operator": "numspot", "name": "Plateforme des services cloud (IaaS)",
     "status": "qualified", "unverified": true, "regions": ["cloudgouv-eu-west-1"],
     "perimeter": "IaaS only", "resource_types": ["numspot_volume", "numspot_vpc", "numspot_subnet", "numspot_nic"], "source_ids": ["u1"]}
  ]
}
`
	// relaxingPolicy drops SecNumCloud at the sensitive level.
	relaxingPolicy = `level "sensitive" {
  require_secnumcloud = false
}
`
)

// examples are the examples of every rule's page.
var examples = map[ruledef.ID]ruleExamples{
	ruledef.TC001: {
		Fires: example{Scenario: "aws-s3-replication", Address: "aws_s3_bucket.contracts_replica",
			Show: []string{`main.tf: provider "aws"`, `main.tf: resource "aws_s3_bucket" "contracts_replica"`},
			Why:  "the replica bucket of internal data is created in us-east-1, outside the EEA the internal level allows."},
		Passes: example{Scenario: "aws-s3-replication", Address: "aws_s3_bucket.invoices_replica",
			Show: []string{`main.tf: provider "aws"`, `main.tf: resource "aws_s3_bucket" "invoices_replica"`},
			Why:  "eu-central-1 (Frankfurt) is inside the EEA."},
	},
	ruledef.TC002: {
		Fires: example{Scenario: "scaleway-paris", Address: "scaleway_instance_server.app",
			Show: []string{`main.tf: resource "scaleway_instance_server" "app"`},
			Why:  "the server is tagged sensitive, and no SecNumCloud-qualified offer of Scaleway covers fr-par."},
		Passes: example{Scenario: "numspot-secnumcloud", Address: "module.records.numspot_volume.data",
			Show: []string{`main.tf: module "records"`, `modules/health-records/main.tf: resource "numspot_volume" "data"`},
			Why:  "NumSpot's qualified IaaS offer covers cloudgouv-eu-west-1 and block storage."},
	},
	ruledef.TC003: {
		Fires: example{Scenario: "aws-no-region", Address: "aws_sqs_queue.jobs",
			Show: []string{`main.tf: provider "aws"`, `main.tf: resource "aws_sqs_queue" "jobs"`},
			Why:  "the provider sets no region (it would come from AWS_REGION at apply time): at the internal level, whose unknown_location is \"warn\", the finding is low."},
		Passes: example{Scenario: "aws-web-app-paris", Address: "aws_instance.web",
			Show: []string{`main.tf: provider "aws"`, `main.tf: resource "aws_instance" "web"`},
			Why:  "the provider's region is a constant, eu-west-3."},
	},
	ruledef.TC004: {
		Fires: example{Scenario: "aws-default-tags", Address: "aws_iam_role.records_reader",
			Show: []string{`main.tf: provider "aws"`, `main.tf: resource "aws_iam_role" "records_reader"`},
			Why:  "the provider's default tags make the IAM role sensitive, and IAM is a global service of AWS."},
		Passes: example{Scenario: "aws-no-region", Address: "aws_iam_role.api",
			Show: []string{`main.tf: resource "aws_iam_role" "api"`},
			Why:  "the role is global too, but at the internal level, which does not require a known location."},
	},
	ruledef.TC005: {
		Fires: example{Scenario: "aws-web-app-paris", Address: "aws_instance.web", Policy: extraterritorialInternal,
			Show: []string{`main.tf: resource "aws_instance" "web"`},
			Why:  "the policy forbids extraterritorial exposure at the internal level, and AWS is subject to US extraterritorial law."},
		Passes: example{Scenario: "scaleway-paris", Address: "scaleway_rdb_instance.app", Policy: extraterritorialInternal,
			Show: []string{`main.tf: resource "scaleway_rdb_instance" "app"`},
			Why:  "with the same policy, Scaleway is a French operator that no non-EU law reaches."},
	},
	ruledef.TC006: {
		Fires: example{Scenario: "aws-s3-replication", Address: "aws_s3_bucket_replication_configuration.contracts",
			Show: []string{`main.tf: resource "aws_s3_bucket_replication_configuration" "contracts"`, `main.tf: resource "aws_s3_bucket" "contracts_replica"`},
			Why:  "the bucket in eu-west-3 replicates to a bucket in us-east-1."},
		Passes: example{Scenario: "aws-s3-replication", Address: "aws_s3_bucket_replication_configuration.invoices",
			Show: []string{`main.tf: resource "aws_s3_bucket_replication_configuration" "invoices"`, `main.tf: resource "aws_s3_bucket" "invoices_replica"`},
			Why:  "the replica is in eu-central-1, inside the EEA."},
	},
	ruledef.TC007: {
		Fires: example{Scenario: "scaleway-paris", Address: "scaleway_instance_server.app", Policy: waiverExpired,
			Show: []string{`main.tf: resource "scaleway_instance_server" "app"`},
			Why:  "the waiver of its TC002 expired on 2026-10-31: TC007 fires, and the TC002 it covered is reported again."},
		Passes: example{Scenario: "scaleway-paris", Address: "scaleway_instance_server.app", Policy: waiverInForce,
			Show: []string{`main.tf: resource "scaleway_instance_server" "app"`},
			Why:  "the waiver runs until 2027-03-31: its TC002 is reported as waived, and nothing has expired."},
	},
	ruledef.TC008: {
		Fires: example{Scenario: "scaleway-paris", Address: "scaleway_instance_server.app", Catalog: scalewayPending,
			Show: []string{`main.tf: resource "scaleway_instance_server" "app"`},
			Why:  "with a catalog file that maps Scaleway's SecNumCloud offer, at milestone J0, to fr-par, the sensitive server is on an offer only on its way to the qualification."},
		Passes: example{Scenario: "scaleway-paris", Address: "scaleway_instance_server.app", Catalog: scalewayPending, Policy: allowPending,
			Show: []string{`main.tf: resource "scaleway_instance_server" "app"`},
			Why:  "with the same catalog file, the policy accepts pending qualifications at the sensitive level (allow_pending)."},
	},
	ruledef.TC009: {
		Fires: example{Scenario: "outscale-secnumcloud", Address: "outscale_vm.backend", Day: "2026-12-01",
			Show: []string{`main.tf: provider "outscale"`, `main.tf: resource "outscale_vm" "backend"`},
			Why:  "checked on 2026-12-01, the day after the embedded catalog's end of Outscale's qualification (2026-11-30), with no renewal recorded."},
		Passes: example{Scenario: "outscale-secnumcloud", Address: "outscale_vm.backend", Day: "2026-09-30",
			Show: []string{`main.tf: provider "outscale"`, `main.tf: resource "outscale_vm" "backend"`},
			Why:  "checked on 2026-09-30, the qualification is in force, 61 days before its end."},
	},
	ruledef.TC010: {
		Fires: example{Scenario: "outscale-secnumcloud", Address: "outscale_vm.backend",
			Show: []string{`main.tf: provider "outscale"`, `main.tf: resource "outscale_vm" "backend"`},
			Why:  "checked on 2026-11-23, Outscale's qualification ends in 7 days (2026-11-30), inside the policy's 60-day window."},
		Passes: example{Scenario: "outscale-secnumcloud", Address: "outscale_vm.backend", Day: "2026-09-30",
			Show: []string{`main.tf: provider "outscale"`, `main.tf: resource "outscale_vm" "backend"`},
			Why:  "checked on 2026-09-30, the end is 61 days away, outside the window."},
	},
	ruledef.TC011: {
		Fires: example{Scenario: "numspot-secnumcloud", Address: "module.records.numspot_volume.data", Catalog: numspotUnconfirmed,
			Show: []string{`modules/health-records/main.tf: resource "numspot_volume" "data"`},
			Why:  "a catalog file records NumSpot's qualification from a press release only (unverified): it cannot be taken as established."},
		Passes: example{Scenario: "numspot-secnumcloud", Address: "module.records.numspot_volume.data",
			Show: []string{`modules/health-records/main.tf: resource "numspot_volume" "data"`},
			Why:  "the embedded catalog records the qualification from ANSSI's catalogue (decision 3395)."},
	},
	ruledef.TC012: {
		Fires: example{Scenario: "classification-signals", Address: "aws_sqs_queue.near_miss",
			Show: []string{`main.tf: resource "aws_sqs_queue" "near_miss"`},
			Why:  "the tag key Data-Sensitivity is not the key the policy reads (data_sensitivity): the queue is judged at the unclassified level, sensitive."},
		Passes: example{Scenario: "aws-default-tags", Address: "aws_s3_bucket.records",
			Show: []string{`main.tf: provider "aws"`, `main.tf: resource "aws_s3_bucket" "records"`},
			Why:  "the provider's default tags give data_sensitivity = \"sensitive\", a level of the policy."},
	},
	ruledef.TC013: {
		Fires: example{Scenario: "scaleway-paris", Address: "trustcloud.hcl", Policy: relaxingPolicy, Discovered: true,
			Why: "nobody named the policy file: trustcloud found it in the configuration directory, and it drops the SecNumCloud requirement of the sensitive level."},
		Passes: example{Scenario: "scaleway-paris", Address: "trustcloud.hcl", Policy: relaxingPolicy,
			Why: "the same file given with --policy trustcloud.hcl (or TRUSTCLOUD_POLICY) is the CI's choice: its relaxations are listed in the report, and TC013 does not fire."},
	},
}
