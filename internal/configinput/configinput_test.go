package configinput_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/configinput"
	"github.com/trustcloud/trustcloud/internal/inventory"
)

// write makes a directory of files (names relative to it).
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func change(t *testing.T, in *configinput.Input, addr string) *tfjson.ResourceChange {
	t.Helper()
	for _, rc := range in.Plan.ResourceChanges {
		if rc.Address == addr {
			return rc
		}
	}
	t.Fatalf("%s not among %v", addr, in.Addresses())
	return nil
}

const awsMain = `
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
variable "region" {
  type = string
}
variable "names" {
  type    = list(string)
  default = ["a"]
}
provider "aws" {
  region = var.region
}
resource "aws_s3_bucket" "b" {
  for_each = toset(var.names)
  bucket   = "b-${each.key}"
}
`

// TestVariablePrecedence: TF_VAR_ < terraform.tfvars <
// terraform.tfvars.json < *.auto.tfvars (lexical) < -var and -var-file in
// the order given, as Terraform reads them.
func TestVariablePrecedence(t *testing.T) {
	dir := write(t, map[string]string{
		"main.tf":               awsMain,
		"terraform.tfvars":      `region = "from-tfvars"` + "\n" + `undeclared = 1`,
		"terraform.tfvars.json": `{"names": ["x", "y"]}`,
		"b.auto.tfvars":         `region = "from-b-auto"`,
		"a.auto.tfvars":         `region = "from-a-auto"`,
		"extra.tfvars":          `region = "from-var-file"`,
	})
	cases := []struct {
		name    string
		vars    []configinput.Var
		environ []string
		want    string
	}{
		{"auto files, lexical order", nil, nil, "from-b-auto"},
		{"environment is the weakest", nil, []string{"TF_VAR_region=from-env"}, "from-b-auto"},
		{"-var wins", []configinput.Var{{Assign: "region=from-cli"}}, nil, "from-cli"},
		{"the last of -var and -var-file wins", []configinput.Var{{Assign: "region=from-cli"}, {File: filepath.Join(dir, "extra.tfvars")}}, nil, "from-var-file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			environ := tc.environ
			if environ == nil {
				environ = []string{}
			}
			in, err := configinput.Load(dir, configinput.Options{Vars: tc.vars, Environ: environ})
			if err != nil {
				t.Fatal(err)
			}
			if got := in.Plan.Variables["region"].Value; got != tc.want {
				t.Errorf("region = %v, want %s", got, tc.want)
			}
			// terraform.tfvars.json's list expands for_each.
			for _, addr := range []string{`aws_s3_bucket.b["x"]`, `aws_s3_bucket.b["y"]`} {
				rc := change(t, in, addr)
				if rc.ProviderName != "registry.terraform.io/hashicorp/aws" {
					t.Errorf("%s: provider %s", addr, rc.ProviderName)
				}
			}
		})
	}
	// Only TF_VAR_ gives a value: it is used.
	envOnly := write(t, map[string]string{"main.tf": awsMain})
	in, err := configinput.Load(envOnly, configinput.Options{Environ: []string{"TF_VAR_region=eu-west-3", "TF_VAR_names=[\"p\"]"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := in.Plan.Variables["region"].Value; got != "eu-west-3" {
		t.Errorf("region = %v from TF_VAR_region", got)
	}
	change(t, in, `aws_s3_bucket.b["p"]`)
	if in.VariableOrigins["region"] != "TF_VAR_region" {
		t.Errorf("origin of region: %q", in.VariableOrigins["region"])
	}
	if _, err := configinput.Load(envOnly, configinput.Options{Vars: []configinput.Var{{Assign: "nope=1"}}, Environ: []string{}}); err == nil || !strings.Contains(err.Error(), `no variable "nope"`) {
		t.Errorf("-var of an undeclared variable: %v", err)
	}
}

func inventoryOf(t *testing.T, dir string, opts check.Options) *inventory.Inventory {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	opts.Plan, opts.Catalog = dir, cat
	if opts.Environ == nil {
		opts.Environ = []string{}
	}
	inv, _, err := check.Inventory(opts)
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func resource(t *testing.T, inv *inventory.Inventory, addr string) *inventory.Resource {
	t.Helper()
	var addrs []string
	for _, r := range inv.Resources {
		if r.Address == addr {
			return r
		}
		addrs = append(addrs, r.Address)
	}
	t.Fatalf("%s not in the inventory: %v", addr, addrs)
	return nil
}

// TestOnlyAPlanKnows: a count that reads a data source, a region that
// reads another resource's computed attribute and a module that is not
// downloaded are unknown with the reason; nothing is skipped.
func TestOnlyAPlanKnows(t *testing.T) {
	dir := write(t, map[string]string{"main.tf": `
provider "aws" {
  region = "eu-west-3"
}
data "aws_availability_zones" "all" {}
resource "aws_subnet" "s" {
  count  = length(data.aws_availability_zones.all.names)
  vpc_id = "vpc-1"
}
resource "aws_instance" "i" {
  ami    = "ami-1"
}
resource "aws_s3_bucket" "elsewhere" {
  bucket = "x"
  region = aws_instance.i.availability_zone
}
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}
module "local" {
  source = "./mod"
  region = "eu-west-3"
}
`, "mod/main.tf": `
variable "region" {}
resource "aws_sqs_queue" "q" {
  name   = "q"
  region = var.region
}
`})
	inv := inventoryOf(t, dir, check.Options{})
	if inv.Evaluation == nil || inv.Evaluation.Mode != inventory.EvaluatedFromConfigOnly {
		t.Errorf("evaluation %+v", inv.Evaluation)
	}
	cases := map[string]string{
		"aws_subnet.s":                 "count is not known without a plan",
		"module.vpc":                   "is not downloaded",
		"aws_s3_bucket.elsewhere":      "",
		"module.local.aws_sqs_queue.q": "",
	}
	for addr, why := range cases {
		r := resource(t, inv, addr)
		switch {
		case addr == "module.local.aws_sqs_queue.q":
			if r.Location.Status != inventory.StatusKnown || r.Location.Region != "eu-west-3" {
				t.Errorf("%s: %+v, want eu-west-3 from the module argument", addr, r.Location)
			}
		case why == "":
			if r.Location.Status != inventory.StatusUnknown {
				t.Errorf("%s: %+v, want unknown (a computed attribute)", addr, r.Location)
			}
		default:
			if r.Location.Status != inventory.StatusUnknown || !strings.Contains(r.Location.Reason.String(), why) {
				t.Errorf("%s: %+v, want unknown because %s", addr, r.Location, why)
			}
		}
	}
	if r := resource(t, inv, "aws_instance.i"); r.Location.Region != "eu-west-3" {
		t.Errorf("aws_instance.i: %+v, want the provider's region", r.Location)
	}
	// Their findings (TC003) point at their blocks, the module call's too.
	res, err := check.Run(check.Options{Plan: dir, Environ: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]int{"aws_subnet.s": 6, "module.vpc": 17}
	for _, f := range res.Report.Findings {
		want, ok := lines[f.Address]
		if !ok {
			continue
		}
		delete(lines, f.Address)
		if f.Rule != "TC003" || f.Source == nil || !strings.HasSuffix(f.Source.File, "main.tf") || f.Source.Line != want {
			t.Errorf("%s %s at %+v, want TC003 at main.tf:%d", f.Rule, f.Address, f.Source, want)
		}
	}
	if len(lines) > 0 {
		t.Errorf("no finding for %v", lines)
	}
}

// TestDownloadedModule: a registry module `terraform init` installed is
// read from .terraform/modules.
func TestDownloadedModule(t *testing.T) {
	dir := write(t, map[string]string{
		"main.tf": `
provider "google" {
  region = "europe-west9"
}
module "net" {
  source = "example/net/google"
  name   = "n"
}
`,
		".terraform/modules/modules.json": `{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"net","Source":"registry.terraform.io/example/net/google","Dir":".terraform/modules/net"}]}`,
		".terraform/modules/net/main.tf": `
variable "name" {}
resource "google_storage_bucket" "b" {
  name     = var.name
  location = "US"
}
`,
	})
	inv := inventoryOf(t, dir, check.Options{})
	r := resource(t, inv, "module.net.google_storage_bucket.b")
	if r.Location.Status != inventory.StatusMultiRegion || !strings.EqualFold(r.Location.Region, "us") {
		t.Errorf("%+v, want the US multi-region", r.Location)
	}
}

// TestMovedBlock: a resource moved out of a module keeps its previous
// address, so that a policy rule on the old address still applies.
func TestMovedBlock(t *testing.T) {
	dir := write(t, map[string]string{"main.tf": `
resource "aws_sqs_queue" "q" {
  name = "q"
}
moved {
  from = module.health.aws_sqs_queue.this
  to   = aws_sqs_queue.q
}
`})
	in, err := configinput.Load(dir, configinput.Options{Environ: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	if got := change(t, in, "aws_sqs_queue.q").PreviousAddress; got != "module.health.aws_sqs_queue.this" {
		t.Errorf("previous address %q", got)
	}
}

// TestNotAConfiguration: a directory without .tf files is an error.
func TestNotAConfiguration(t *testing.T) {
	dir := write(t, map[string]string{"README.md": "x"})
	if _, err := configinput.Load(dir, configinput.Options{}); err == nil || !strings.Contains(err.Error(), "without Terraform configuration files") {
		t.Errorf("got %v", err)
	}
}
