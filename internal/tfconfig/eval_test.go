package tfconfig

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/i18n"

	"github.com/zclconf/go-cty/cty"
)

// modules builds a configuration from in-memory files: module key →
// directory and files.
type testModule struct {
	dir   string
	files map[string]string
}

func newTestConfig(t *testing.T, tool Tool, mods map[string]testModule) *Config {
	t.Helper()
	cfg := newConfig("test", tool)
	for _, key := range slices.Sorted(maps.Keys(mods)) {
		m := mods[key]
		files := map[string][]byte{}
		for n, c := range m.files {
			files[n] = []byte(c)
		}
		if m.dir == "" {
			m.dir = "."
		}
		if err := cfg.addModule(key, m.dir, "", files); err != nil {
			t.Fatalf("module %q: %v", key, err)
		}
	}
	cfg.link()
	return cfg
}

func rootOnly(t *testing.T, src string) *Config {
	return newTestConfig(t, Terraform, map[string]testModule{"": {files: map[string]string{"main.tf": src}}})
}

func providerAttr(t *testing.T, ev *Evaluator, module, resource, path string) *Value {
	t.Helper()
	ref, fail := ev.ResourceProvider(module, resource, cty.NilVal)
	if fail != nil {
		return fail
	}
	return ev.ProviderAttr(ref, path)
}

func wantString(t *testing.T, v *Value, want string) {
	t.Helper()
	if !v.Known() || v.Val.Type() != cty.String || v.Val.AsString() != want {
		t.Fatalf("got %s (set %v, reasons %q), want %q\nevidence:\n  %s", Render(v.Val), v.Set, v.Reasons, want, strings.Join(english(v.Evidence), "\n  "))
	}
}

func wantUnknown(t *testing.T, v *Value, reasonPart string) {
	t.Helper()
	if v.Known() {
		t.Fatalf("got known %s, want unknown (%s)\nevidence:\n  %s", Render(v.Val), reasonPart, strings.Join(english(v.Evidence), "\n  "))
	}
	if !strings.Contains(v.Reason().String(), reasonPart) {
		t.Fatalf("reason %q does not say %q", v.Reason(), reasonPart)
	}
}

func TestProviderRegionThroughAFunction(t *testing.T) {
	cfg := rootOnly(t, `
variable "region" {
  type    = string
  default = "cloudgouv-eu-west-1"
}
provider "outscale" {
  region = replace(var.region, "cloudgouv-eu-west-1", "us-east-2")
}
resource "outscale_net" "n" { ip_range = "10.0.0.0/16" }
`)
	ev := NewEvaluator(cfg, Plan{Variables: map[string]any{"region": "cloudgouv-eu-west-1"}})
	v := providerAttr(t, ev, "", "outscale_net.n", "region")
	wantString(t, v, "us-east-2")
	if !strings.Contains(v.Evidence[0].String(), `replace(var.region, "cloudgouv-eu-west-1", "us-east-2") → "us-east-2"`) {
		t.Errorf("evidence does not show the expression and its value: %q", v.Evidence)
	}
	if !strings.Contains(strings.Join(english(v.Evidence), "\n"), `var.region = "cloudgouv-eu-west-1" (root: the plan's variables)`) {
		t.Errorf("evidence does not show the variable: %q", v.Evidence)
	}
}

func TestModuleArgumentsAndNull(t *testing.T) {
	cfg := newTestConfig(t, Terraform, map[string]testModule{
		"": {files: map[string]string{"main.tf": `
variable "regions" { default = ["eu-west-3", "us-east-1"] }
module "a" {
  source = "./a"
  region = var.regions[1]
}
module "b" {
  source = "./b"
  region = null
}
module "c" {
  source = "./b"
  region = null
}
`}},
		"a": {dir: "a", files: map[string]string{"main.tf": `
variable "region" {}
provider "aws" { region = "${var.region}" }
resource "aws_s3_bucket" "x" {}
`}},
		"b": {dir: "b", files: map[string]string{"main.tf": `
variable "region" { default = "eu-west-3" }
provider "aws" { region = var.region }
resource "aws_s3_bucket" "x" {}
`}},
		"c": {dir: "c", files: map[string]string{"main.tf": `
variable "region" {
  default  = "eu-west-3"
  nullable = false
}
provider "aws" { region = var.region }
resource "aws_s3_bucket" "x" {}
`}},
	})
	ev := NewEvaluator(cfg, Plan{Variables: map[string]any{"regions": []any{"eu-west-3", "us-east-1"}}})
	wantString(t, providerAttr(t, ev, "module.a", "aws_s3_bucket.x", "region"), "us-east-1")
	// null is null: the provider gets no region, not the default.
	v := providerAttr(t, ev, "module.b", "aws_s3_bucket.x", "region")
	if !v.Known() || !v.Val.IsNull() {
		t.Errorf("module.b: region = %s, want null", Render(v.Val))
	}
	// Unless the variable is not nullable.
	wantString(t, providerAttr(t, ev, "module.c", "aws_s3_bucket.x", "region"), "eu-west-3")
}

func TestWorkspaceMap(t *testing.T) {
	src := `
locals {
  regions = { default = "eu-west-3", prod = "us-east-1" }
}
provider "aws" { region = local.regions[terraform.workspace] }
resource "aws_s3_bucket" "x" {}
`
	ev := NewEvaluator(rootOnly(t, src), Plan{})
	wantUnknown(t, providerAttr(t, ev, "", "aws_s3_bucket.x", "region"), "terraform.workspace")
	ev = NewEvaluator(rootOnly(t, src), Plan{Workspace: "prod", WorkspaceFrom: "--workspace"})
	wantString(t, providerAttr(t, ev, "", "aws_s3_bucket.x", "region"), "us-east-1")
}

func TestDynamicBlock(t *testing.T) {
	cfg := rootOnly(t, `
variable "apis" { default = { main = "us-east-2" } }
provider "outscale" {
  dynamic "api" {
    for_each = var.apis
    content {
      region = api.value
    }
  }
}
resource "outscale_net" "n" {}
`)
	ev := NewEvaluator(cfg, Plan{Variables: map[string]any{"apis": map[string]any{"main": "us-east-2"}}})
	wantString(t, providerAttr(t, ev, "", "outscale_net.n", "api.region"), "us-east-2")
}

func TestProviderInheritance(t *testing.T) {
	cfg := newTestConfig(t, Terraform, map[string]testModule{
		"": {files: map[string]string{"main.tf": `
provider "aws" { region = "eu-west-3" }
provider "aws" {
  alias  = "us"
  region = "us-east-1"
}
module "own" { source = "./own" }
module "inherits" { source = "./plain" }
module "passed" {
  source    = "./plain"
  providers = { aws = aws.us }
}
`}},
		"own":      {dir: "own", files: map[string]string{"main.tf": "provider \"aws\" {}\nresource \"aws_s3_bucket\" \"x\" {}\n"}},
		"inherits": {dir: "plain", files: map[string]string{"main.tf": "resource \"aws_s3_bucket\" \"x\" {}\n"}},
		"passed":   {dir: "plain", files: map[string]string{"main.tf": "resource \"aws_s3_bucket\" \"x\" {}\n"}},
	})
	ev := NewEvaluator(cfg, Plan{})
	// A module's own (empty) provider block inherits nothing.
	ref, fail := ev.ResourceProvider("module.own", "aws_s3_bucket.x", cty.NilVal)
	if fail != nil || ref.Module != "module.own" || ref.ConfigKey() != "module.own:aws" {
		t.Fatalf("own: %+v %v", ref, fail)
	}
	if v := ev.ProviderAttr(ref, "region"); v.Set {
		t.Errorf("own: region set to %s", Render(v.Val))
	}
	wantString(t, providerAttr(t, ev, "module.inherits", "aws_s3_bucket.x", "region"), "eu-west-3")
	wantString(t, providerAttr(t, ev, "module.passed", "aws_s3_bucket.x", "region"), "us-east-1")
	ref, _ = ev.ResourceProvider("module.passed", "aws_s3_bucket.x", cty.NilVal)
	if ref.ConfigKey() != "aws.us" {
		t.Errorf("passed: config key %q, want aws.us", ref.ConfigKey())
	}
}

func TestModuleForEachArgument(t *testing.T) {
	cfg := newTestConfig(t, Terraform, map[string]testModule{
		"": {files: map[string]string{"main.tf": `
module "tenant" {
  source           = "./t"
  for_each         = { a = "public", b = "sensitive" }
  data_sensitivity = each.value
}
`}},
		"tenant": {dir: "t", files: map[string]string{"main.tf": "variable \"data_sensitivity\" {}\n"}},
	})
	ev := NewEvaluator(cfg, Plan{})
	wantString(t, ev.ModuleArg(`module.tenant["a"]`, "data_sensitivity"), "public")
	wantString(t, ev.ModuleArg(`module.tenant["b"]`, "data_sensitivity"), "sensitive")
	if v := ev.ModuleArg(`module.tenant["b"]`, "absent"); v.Set {
		t.Errorf("absent argument is set: %s", Render(v.Val))
	}
}

func TestEphemeralVariable(t *testing.T) {
	cfg := rootOnly(t, `
variable "region" {
  type      = string
  ephemeral = true
}
provider "aws" { region = var.region }
resource "aws_s3_bucket" "x" {}
`)
	ev := NewEvaluator(cfg, Plan{Variables: map[string]any{"region": "eu-west-3"}})
	wantUnknown(t, providerAttr(t, ev, "", "aws_s3_bucket.x", "region"), "ephemeral")
}

func TestResourceReference(t *testing.T) {
	cfg := rootOnly(t, `
resource "terraform_data" "placement" { input = "eu-west-3" }
provider "aws" { region = upper(terraform_data.placement.output) }
resource "aws_s3_bucket" "x" {}
`)
	plan := Plan{Instances: func(module, resource string) []Instance {
		if module == "" && resource == "terraform_data.placement" {
			return []Instance{{Key: cty.NilVal, Value: FromPlanned(map[string]any{"input": "eu-west-3"}, map[string]any{"output": true})}}
		}
		return nil
	}}
	ev := NewEvaluator(cfg, plan)
	wantUnknown(t, providerAttr(t, ev, "", "aws_s3_bucket.x", "region"), "only partly known until apply")
}

func TestCycleAndDepthAreBounded(t *testing.T) {
	cfg := rootOnly(t, `
locals {
  a = local.b
  b = local.a
}
provider "aws" { region = local.a }
resource "aws_s3_bucket" "x" {}
`)
	ev := NewEvaluator(cfg, Plan{})
	wantUnknown(t, providerAttr(t, ev, "", "aws_s3_bucket.x", "region"), "depends on itself")
}

// TestSensitiveValuesAreNotPrinted: evidence goes into CI logs; a
// sensitive variable's value is used, never shown.
func TestSensitiveValuesAreNotPrinted(t *testing.T) {
	cfg := rootOnly(t, `
variable "settings" {
  sensitive = true
}
provider "aws" { region = var.settings.region }
resource "aws_s3_bucket" "x" {}
`)
	ev := NewEvaluator(cfg, Plan{Variables: map[string]any{"settings": map[string]any{"region": "eu-west-3", "token": "s3cr3t"}}})
	v := providerAttr(t, ev, "", "aws_s3_bucket.x", "region")
	wantString(t, v, "eu-west-3")
	all := strings.Join(english(v.Evidence), "\n")
	if strings.Contains(all, "s3cr3t") || strings.Contains(all, "eu-west-3") || !strings.Contains(all, "(sensitive value)") {
		t.Errorf("evidence shows a sensitive value:\n%s", all)
	}
	is := rootOnly(t, `
variable "settings" {
  sensitive = true
}
provider "aws" { region = issensitive(var.settings) ? "yes" : "no" }
resource "aws_s3_bucket" "x" {}
`)
	wantString(t, providerAttr(t, NewEvaluator(is, Plan{Variables: map[string]any{"settings": "x"}}), "", "aws_s3_bucket.x", "region"), "yes")
}

// TestJSONSyntax: a provider written in .tf.json, with a template string
// and a nested block as an object, is evaluated like its HCL twin.
func TestJSONSyntax(t *testing.T) {
	cfg := newTestConfig(t, Terraform, map[string]testModule{"": {files: map[string]string{"main.tf.json": `{
  "variable": {"region": {"default": "cloudgouv-eu-west-1"}},
  "provider": {"outscale": [{"api": {"region": "${replace(var.region, \"cloudgouv-eu-west-1\", \"us-east-2\")}"}}]},
  "resource": {"outscale_net": {"n": {"ip_range": "10.0.0.0/16"}}}
}`}}})
	ev := NewEvaluator(cfg, Plan{Variables: map[string]any{"region": "cloudgouv-eu-west-1"}})
	wantString(t, providerAttr(t, ev, "", "outscale_net.n", "api.region"), "us-east-2")
}

// TestUnimplementedFunctionIsUnknown: a function trustcloud does not
// compute makes the value unknown, and the reason names it.
func TestUnimplementedFunctionIsUnknown(t *testing.T) {
	for fn, call := range map[string]string{
		"rsadecrypt":    `rsadecrypt("x", "y")`,
		"timestamp":     `substr(timestamp(), 0, 0) == "" ? "eu-west-3" : "us-east-1"`,
		"provider::aws": `provider::aws::arn_parse("arn:aws:s3:::b").region`,
		"no_such_thing": `no_such_thing("eu-west-3")`,
	} {
		cfg := rootOnly(t, "provider \"aws\" { region = "+call+" }\nresource \"aws_s3_bucket\" \"x\" {}\n")
		wantUnknown(t, providerAttr(t, NewEvaluator(cfg, Plan{}), "", "aws_s3_bucket.x", "region"), fn)
	}
}

// TestPlainReferenceAt: an argument in nested blocks names a resource only
// when it is written as a plain reference to it, in a block written out
// (not one a dynamic block could generate).
func TestPlainReferenceAt(t *testing.T) {
	src := `
resource "aws_s3_bucket" "eu" {}
resource "aws_s3_bucket" "us" {}
resource "aws_s3_bucket_replication_configuration" "plain" {
  rule {
    destination { bucket = aws_s3_bucket.eu.arn }
  }
  rule {
    destination { bucket = var.flip ? aws_s3_bucket.eu.arn : aws_s3_bucket.us.arn }
  }
}
resource "aws_s3_bucket_replication_configuration" "dyn" {
  dynamic "rule" {
    for_each = [1]
    content {
      destination { bucket = aws_s3_bucket.eu.arn }
    }
  }
}
variable "flip" { default = true }
resource "aws_backup_selection" "s" {
  resources = [aws_s3_bucket.us.arn, "arn:aws:s3:::elsewhere", aws_s3_bucket.eu.arn]
}
`
	ev := NewEvaluator(rootOnly(t, src), Plan{})
	tests := []struct {
		res, path, target string
		want              bool
	}{
		{"aws_s3_bucket_replication_configuration.plain", "rule[0].destination[0].bucket", "aws_s3_bucket.eu", true},
		{"aws_s3_bucket_replication_configuration.plain", "rule[0].destination[0].bucket", "aws_s3_bucket.us", false},
		{"aws_s3_bucket_replication_configuration.plain", "rule[1].destination[0].bucket", "aws_s3_bucket.eu", false},
		{"aws_s3_bucket_replication_configuration.plain", "rule[2].destination[0].bucket", "aws_s3_bucket.eu", false},
		{"aws_s3_bucket_replication_configuration.dyn", "rule[0].destination[0].bucket", "aws_s3_bucket.eu", false},
		{"aws_backup_selection.s", "resources[0]", "aws_s3_bucket.us", true},
		{"aws_backup_selection.s", "resources[1]", "aws_s3_bucket.us", false},
		{"aws_backup_selection.s", "resources[2]", "aws_s3_bucket.eu", true},
		{"aws_backup_selection.s", "resources[3]", "aws_s3_bucket.eu", false},
	}
	for _, tt := range tests {
		if got := ev.PlainReferenceAt("", tt.res, cty.NilVal, tt.path, tt.target); got != tt.want {
			t.Errorf("%s %s → %s: %v, want %v", tt.res, tt.path, tt.target, got, tt.want)
		}
	}
}

// TestDynamicAt: what a dynamic block may generate, at any depth of the
// path the plan writes, is told apart from what the provider computes.
func TestDynamicAt(t *testing.T) {
	src := `
resource "aws_dynamodb_table" "t" {
  dynamic "replica" {
    for_each = var.regions
    content { region_name = replica.value }
  }
}
resource "google_sql_database_instance" "i" {
  settings {
    tier = "db-f1-micro"
    dynamic "location_preference" {
      for_each = var.zones
      content { secondary_zone = location_preference.value }
    }
  }
}
resource "aws_s3_bucket" "b" {}
variable "regions" { default = [] }
variable "zones" { default = [] }
`
	ev := NewEvaluator(rootOnly(t, src), Plan{})
	tests := []struct {
		res, path string
		dynamic   bool
	}{
		{"aws_dynamodb_table.t", "replica", true},
		{"aws_dynamodb_table.t", "replica[1].region_name", true},
		{"google_sql_database_instance.i", "settings[0].location_preference[0].secondary_zone", true},
		{"google_sql_database_instance.i", "settings[0].backup_configuration[0].location", false},
		{"aws_s3_bucket.b", "replication_configuration", false},
	}
	for _, tt := range tests {
		got, ok := ev.DynamicAt("", tt.res, tt.path)
		if !ok || got != tt.dynamic {
			t.Errorf("%s %s: dynamic %v (ok %v), want %v", tt.res, tt.path, got, ok, tt.dynamic)
		}
	}
	if _, ok := ev.DynamicAt("", "aws_s3_bucket.missing", "x"); ok {
		t.Error("a resource not in the sources is not ok")
	}
}

// TestPlainReferenceAtInstance: aws_s3_bucket.replica[each.key].arn names
// the instance of the referring resource's own key, and no other.
func TestPlainReferenceAtInstance(t *testing.T) {
	src := `
resource "aws_s3_bucket" "replica" {
  for_each = toset(["eu", "us"])
}
resource "aws_s3_bucket_replication_configuration" "r" {
  for_each = toset(["eu", "us"])
  rule {
    destination { bucket = aws_s3_bucket.replica[each.key].arn }
  }
}
resource "aws_s3_bucket_replication_configuration" "fixed" {
  for_each = toset(["eu", "us"])
  rule {
    destination { bucket = aws_s3_bucket.replica["eu"].arn }
  }
}
resource "aws_s3_bucket_replication_configuration" "other" {
  for_each = toset(["eu", "us"])
  rule {
    destination { bucket = aws_s3_bucket.replica[var.k].arn }
  }
}
variable "k" { default = "us" }
`
	ev := NewEvaluator(rootOnly(t, src), Plan{})
	eu, us := cty.StringVal("eu"), cty.StringVal("us")
	tests := []struct {
		res    string
		self   cty.Value
		target string
		want   bool
	}{
		{"aws_s3_bucket_replication_configuration.r", eu, `aws_s3_bucket.replica["eu"]`, true},
		{"aws_s3_bucket_replication_configuration.r", eu, `aws_s3_bucket.replica["us"]`, false},
		{"aws_s3_bucket_replication_configuration.r", us, `aws_s3_bucket.replica["us"]`, true},
		{"aws_s3_bucket_replication_configuration.fixed", us, `aws_s3_bucket.replica["eu"]`, true},
		{"aws_s3_bucket_replication_configuration.fixed", us, `aws_s3_bucket.replica["us"]`, false},
		{"aws_s3_bucket_replication_configuration.other", us, `aws_s3_bucket.replica["us"]`, false},
	}
	for _, tt := range tests {
		if got := ev.PlainReferenceAt("", tt.res, tt.self, "rule[0].destination[0].bucket", tt.target); got != tt.want {
			t.Errorf("%s (self %s) → %s: %v, want %v", tt.res, tt.self.GoString(), tt.target, got, tt.want)
		}
	}
}

// TestForEachEvaluatedOnce: a module call's for_each is evaluated once,
// not once per instance asking for its provider or arguments — a for_each
// of N keys read N times costs N² (toset sorts its N keys each time), and
// a plan of 10,000 resources then ran out of the evaluation's time.
func TestForEachEvaluatedOnce(t *testing.T) {
	cfg := newTestConfig(t, Terraform, map[string]testModule{
		"": {files: map[string]string{"main.tf": `
provider "aws" {
  alias  = "us"
  region = "us-east-1"
}
module "team" {
  source    = "./t"
  for_each  = toset([for i in range(300) : format("t%03d", i)])
  name      = each.value
  providers = { aws = aws.us }
}
`}},
		"team": {dir: "t", files: map[string]string{"main.tf": `
variable "name" {}
resource "aws_s3_bucket" "b" {
  for_each = toset(["x", "y"])
  bucket   = "${var.name}-${each.key}"
}
`}},
	})
	ev := NewEvaluator(cfg, Plan{})
	for i := range 300 {
		inst := fmt.Sprintf(`module.team["t%03d"]`, i)
		for _, k := range []string{"x", "y"} {
			ref, fail := ev.ResourceProvider(inst, "aws_s3_bucket.b", cty.StringVal(k))
			if fail != nil {
				t.Fatalf("%s: %s", inst, fail.Reason())
			}
			wantString(t, ev.ProviderAttr(ref, "region"), "us-east-1")
		}
		wantString(t, ev.ModuleArg(inst, "name"), fmt.Sprintf("t%03d", i))
	}
	calls := 0
	for key := range ev.memo {
		if strings.HasSuffix(key, "\x00for_each\x00module\x00team") {
			calls++
		}
	}
	if calls != 1 {
		t.Errorf("module.team's for_each evaluated %d times for 300 instances, want once", calls)
	}
}

// forEachEvaluations counts the for_each values of owner ("module\x00NAME"
// or "resource\x00ADDRESS") the evaluator has worked out.
func forEachEvaluations(ev *Evaluator, owner string) int {
	n := 0
	for key := range ev.memo {
		if strings.HasSuffix(key, "\x00for_each\x00"+owner) {
			n++
		}
	}
	return n
}

// TestForEachValueLazy: a for_each that makes a set (toset(...)) is not
// evaluated for instances whose expressions read only each.key: the plan
// names the keys, and each.value is the key. Reading each.value works it
// out once, and is unknown with the set. Any other for_each is evaluated
// for every instance, since a key it does not hold makes the instance
// unknown (stale sources).
func TestForEachValueLazy(t *testing.T) {
	cfg := newTestConfig(t, Terraform, map[string]testModule{
		"": {files: map[string]string{"main.tf": `
variable "later" {}
module "keys" {
  source   = "./t"
  for_each = toset([for i in range(900) : format("t%04d", i) if i % 3 == 0])
  name     = "team-${each.key}"
  label    = each.value
}
module "unknown" {
  source   = "./t"
  for_each = toset(var.later)
  name     = each.key
  label    = each.value
}
module "mapped" {
  source   = "./t"
  for_each = { a = "public" }
  name     = each.key
  label    = each.value
}
resource "aws_s3_bucket" "b" {
  for_each = toset([for i in range(900) : format("b%04d", i)])
  bucket   = "x-${each.key}"
}
resource "aws_s3_bucket" "v" {
  for_each = toset(["eu"])
  bucket   = each.value
}
`}},
		"t": {dir: "t", files: map[string]string{"main.tf": "variable \"name\" {}\nvariable \"label\" {}\n"}},
	})
	ev := NewEvaluator(cfg, Plan{})
	wantString(t, ev.ModuleArg(`module.keys["t0003"]`, "name"), "team-t0003")
	wantString(t, ev.ModuleArg(`module.keys["t0897"]`, "name"), "team-t0897")
	b := cfg.Modules[""].Resources["aws_s3_bucket.b"]
	v, reasons := ev.ResourceValue("", b, cty.StringVal("b0042"))
	if len(reasons) != 0 || !v.GetAttr("bucket").RawEquals(cty.StringVal("x-b0042")) {
		t.Fatalf("aws_s3_bucket.b[\"b0042\"]: bucket %s, reasons %v", Render(v.GetAttr("bucket")), reasons)
	}
	if n := forEachEvaluations(ev, "module\x00keys") + forEachEvaluations(ev, "resource\x00aws_s3_bucket.b"); n != 0 {
		t.Errorf("toset for_each evaluated %d times where only each.key is read, want none", n)
	}
	// each.value: the key, the set worked out once.
	wantString(t, ev.ModuleArg(`module.keys["t0003"]`, "label"), "t0003")
	wantString(t, ev.ModuleArg(`module.keys["t0006"]`, "label"), "t0006")
	if n := forEachEvaluations(ev, "module\x00keys"); n != 1 {
		t.Errorf("module.keys's for_each evaluated %d times for each.value, want once", n)
	}
	r := cfg.Modules[""].Resources["aws_s3_bucket.v"]
	if v, reasons := ev.ResourceValue("", r, cty.StringVal("eu")); len(reasons) != 0 || !v.GetAttr("bucket").RawEquals(cty.StringVal("eu")) {
		t.Fatalf("aws_s3_bucket.v[\"eu\"]: bucket %s, reasons %v", Render(v.GetAttr("bucket")), reasons)
	}
	// A set not known before apply: each.key is the plan's key,
	// each.value unknown.
	wantString(t, ev.ModuleArg(`module.unknown["x"]`, "name"), "x")
	if v := ev.ModuleArg(`module.unknown["x"]`, "label"); v.Known() {
		t.Errorf("each.value of a set not known: got known %s", Render(v.Val))
	}
	// A map without the plan's key: the instance is unknown, whatever it
	// reads (as before).
	wantString(t, ev.ModuleArg(`module.mapped["a"]`, "label"), "public")
	wantUnknown(t, ev.ModuleArg(`module.mapped["zz"]`, "name"), "zz")
}

// english renders evidence in English.
func english(ms []i18n.Msg) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.String()
	}
	return out
}

// TestPlainReferenceTargets: the target PlainReferenceAtTarget and
// PlainReferenceTarget name is the one target, among every resource
// instance of the configuration, that PlainReferenceAt and PlainReference
// accept (a resource with many candidates asks once).
func TestPlainReferenceTargets(t *testing.T) {
	src := `
resource "aws_s3_bucket" "eu" {}
resource "aws_s3_bucket" "replica" {
  for_each = toset(["eu", "us"])
}
resource "aws_s3_bucket" "n" {
  count = 3
}
resource "aws_s3_bucket_replication_configuration" "r" {
  for_each = toset(["eu", "us"])
  bucket   = aws_s3_bucket.eu.id
  rule {
    destination { bucket = aws_s3_bucket.replica[each.key].arn }
  }
  rule {
    destination { bucket = aws_s3_bucket.replica["eu"].arn }
  }
  rule {
    destination { bucket = aws_s3_bucket.replica[var.k].arn }
  }
  rule {
    destination { bucket = var.flip ? aws_s3_bucket.eu.arn : aws_s3_bucket.n[0].arn }
  }
  rule {
    destination { bucket = aws_s3_bucket.n[1].arn }
  }
}
resource "aws_s3_bucket_versioning" "v" {
  count  = 3
  bucket = aws_s3_bucket.n[count.index].id
}
resource "aws_s3_bucket_versioning" "w" {
  bucket = aws_s3_bucket.n[2].id
}
resource "aws_backup_selection" "s" {
  resources = [aws_s3_bucket.eu.arn, "arn:aws:s3:::elsewhere", aws_s3_bucket.n[count.index].arn]
}
variable "k" { default = "us" }
variable "flip" { default = true }
`
	ev := NewEvaluator(rootOnly(t, src), Plan{})
	targets := []string{"aws_s3_bucket.eu", `aws_s3_bucket.replica["eu"]`, `aws_s3_bucket.replica["us"]`, "aws_s3_bucket.n[0]", "aws_s3_bucket.n[1]", "aws_s3_bucket.n[2]", "aws_s3_bucket.n"}
	selves := []cty.Value{cty.NilVal, cty.StringVal("eu"), cty.StringVal("us"), cty.NumberIntVal(0), cty.NumberIntVal(2)}
	accepted := 0
	check := func(what string, res string, key cty.Value, ok bool, accepts func(string) bool) {
		t.Helper()
		for _, target := range targets {
			_, tres, tkey, _ := ParseResourceAddress(target)
			named := ok && tres == res && tkey.GoString() == key.GoString()
			if got := accepts(target); got != named {
				t.Errorf("%s → %s: accepted %v, target %q %#v %v", what, target, got, res, key, ok)
			}
			if named {
				accepted++
			}
		}
	}
	for _, self := range selves {
		for _, at := range []struct{ res, path string }{
			{"aws_s3_bucket_replication_configuration.r", "rule[0].destination[0].bucket"},
			{"aws_s3_bucket_replication_configuration.r", "rule[1].destination[0].bucket"},
			{"aws_s3_bucket_replication_configuration.r", "rule[2].destination[0].bucket"},
			{"aws_s3_bucket_replication_configuration.r", "rule[3].destination[0].bucket"},
			{"aws_s3_bucket_replication_configuration.r", "rule[4].destination[0].bucket"},
			{"aws_s3_bucket_replication_configuration.r", "rule[5].destination[0].bucket"},
			{"aws_s3_bucket_replication_configuration.r", "bucket"},
			{"aws_s3_bucket_versioning.v", "bucket"},
			{"aws_s3_bucket_versioning.w", "bucket"},
			{"aws_backup_selection.s", "resources[0]"},
			{"aws_backup_selection.s", "resources[1]"},
			{"aws_backup_selection.s", "resources[2]"},
		} {
			res, key, ok := ev.PlainReferenceAtTarget("", at.res, self, at.path)
			check(fmt.Sprintf("%s %s (self %#v)", at.res, at.path, self), res, key, ok,
				func(target string) bool { return ev.PlainReferenceAt("", at.res, self, at.path, target) })
		}
	}
	for _, at := range []struct{ res, attr string }{
		{"aws_s3_bucket_replication_configuration.r", "bucket"}, {"aws_s3_bucket_versioning.v", "bucket"},
		{"aws_s3_bucket_versioning.w", "bucket"}, {"aws_s3_bucket_versioning.w", "missing"}, {"aws_s3_bucket.missing", "bucket"},
	} {
		res, key, ok := ev.PlainReferenceTarget("", at.res, at.attr)
		check(at.res+" "+at.attr, res, key, ok, func(target string) bool { return ev.PlainReference("", at.res, at.attr, target) })
	}
	if accepted < 10 {
		t.Errorf("only %d accepted references: the test reads too few", accepted)
	}
}
