package tfconfig

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"
	"google.golang.org/protobuf/encoding/protowire"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoadDirModulesAndOverrides(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"main.tf": `
provider "aws" { region = "eu-west-3" }
module "net" { source = "./modules/net" }
`,
		// An override file replaces the argument, not the block.
		"main_override.tf": `
provider "aws" { region = "us-east-1" }
`,
		"modules/net/main.tf": "resource \"aws_vpc\" \"v\" {}\nmodule \"sub\" { source = \"../sub\" }\n",
		"modules/sub/main.tf": "resource \"aws_subnet\" \"s\" {}\n",
		// Hidden and backup files are not configuration.
		".hidden.tf":  "this is not HCL",
		"main.tf~":    "this is not HCL",
		"ignored.txt": "nor this",
	})
	cfg, err := LoadDir(dir, Terraform)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"", "net", "net.sub"} {
		if cfg.Modules[key] == nil {
			t.Errorf("module %q not loaded; have %v", key, slices.Sorted(maps.Keys(cfg.Modules)))
		}
	}
	if got := cfg.Modules["net.sub"].Dir; got != "modules/sub" {
		t.Errorf("net.sub dir = %q", got)
	}
	ev := NewEvaluator(cfg, Plan{})
	wantString(t, providerAttr(t, ev, "module.net.module.sub", "aws_subnet.s", "region"), "us-east-1")
}

func TestLoadDirMissingModuleIsAnError(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.tf": `module "x" { source = "hashicorp/x/aws" }`})
	_, err := LoadDir(dir, Terraform)
	if err == nil || !strings.Contains(err.Error(), `module "x"`) || !strings.Contains(err.Error(), "terraform init") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadDirParseErrorNamesThePlace(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.tf": "provider \"aws\" {\n  region = \n}\n"})
	_, err := LoadDir(dir, Terraform)
	if err == nil || !strings.Contains(err.Error(), "main.tf:2,") {
		t.Fatalf("err = %v", err)
	}
}

func TestOpenTofuFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"main.tf":   `provider "aws" { region = "eu-west-3" }` + "\nresource \"aws_s3_bucket\" \"b\" {}\n",
		"main.tofu": `provider "aws" { region = "us-east-1" }` + "\nresource \"aws_s3_bucket\" \"b\" {}\n",
	})
	for tool, want := range map[Tool]string{Terraform: "eu-west-3", OpenTofu: "us-east-1"} {
		cfg, err := LoadDir(dir, tool)
		if err != nil {
			t.Fatal(err)
		}
		wantString(t, providerAttr(t, NewEvaluator(cfg, Plan{}), "", "aws_s3_bucket.b", "region"), want)
	}
}

// planFile writes a binary plan file with the snapshot layout Terraform
// uses: tfconfig/m-<key>/<file>, tfconfig/modules.json, and a tfplan
// entry that records the workspace.
func planFile(t *testing.T, workspace string, modules map[string]map[string]string, manifest string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, data []byte) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	var backend []byte
	backend = protowire.AppendTag(backend, 1, protowire.BytesType)
	backend = protowire.AppendString(backend, "local")
	backend = protowire.AppendTag(backend, backendWorkspace, protowire.BytesType)
	backend = protowire.AppendString(backend, workspace)
	var tfplan []byte
	tfplan = protowire.AppendTag(tfplan, 1, protowire.VarintType)
	tfplan = protowire.AppendVarint(tfplan, 3)
	tfplan = protowire.AppendTag(tfplan, planBackendField, protowire.BytesType)
	tfplan = protowire.AppendBytes(tfplan, backend)
	add("tfplan", tfplan)
	add(snapshotManifest, []byte(manifest))
	for key, files := range modules {
		for name, content := range files {
			add(snapshotModule+key+"/"+name, []byte(content))
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "plan.tfplan")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadPlanFile(t *testing.T) {
	p := planFile(t, "prod", map[string]map[string]string{
		"":    {"main.tf": "module \"app\" { source = \"./app\" }\n"},
		"app": {"main.tf": "provider \"aws\" { region = \"eu-west-3\" }\nresource \"aws_s3_bucket\" \"b\" {}\n"},
	}, `[{"Key":"","Dir":"."},{"Key":"app","Source":"./app","Dir":"app"}]`)
	cfg, err := LoadPlanFile(p, Terraform)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Workspace != "prod" {
		t.Errorf("workspace = %q", cfg.Workspace)
	}
	ev := NewEvaluator(cfg, Plan{})
	v := providerAttr(t, ev, "module.app", "aws_s3_bucket.b", "region")
	wantString(t, v, "eu-west-3")
	if !strings.Contains(v.Evidence[0].String(), "app/main.tf:1") {
		t.Errorf("evidence names no file of the module: %q", v.Evidence)
	}
}

func TestLoadPlanFileWithoutSnapshot(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	if _, err := zw.Create("tfplan"); err != nil {
		t.Fatal(err)
	}
	_ = zw.Close()
	p := filepath.Join(t.TempDir(), "plan.tfplan")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadPlanFile(p, Terraform); err == nil || !strings.Contains(err.Error(), "no configuration snapshot") {
		t.Fatalf("err = %v", err)
	}
}

func TestParseResourceAddress(t *testing.T) {
	cases := []struct {
		addr, module, resource string
		key                    cty.Value
	}{
		{"aws_s3_bucket.b", "", "aws_s3_bucket.b", cty.NilVal},
		{`module.a["x.y"].module.b[2].aws_s3_bucket.b["k"]`, `module.a["x.y"].module.b[2]`, "aws_s3_bucket.b", cty.StringVal("k")},
		{"data.aws_region.r", "", "data.aws_region.r", cty.NilVal},
		{"module.m.data.aws_region.r[0]", "module.m", "data.aws_region.r", cty.NumberIntVal(0)},
	}
	for _, tc := range cases {
		m, r, k, ok := ParseResourceAddress(tc.addr)
		if !ok || m != tc.module || r != tc.resource || (k == cty.NilVal) != (tc.key == cty.NilVal) || (k != cty.NilVal && !k.RawEquals(tc.key)) {
			t.Errorf("%s: got %q %q %#v %v", tc.addr, m, r, k, ok)
		}
	}
	for _, bad := range []string{"", "module.m", "aws_s3_bucket", "a.b.c.d"} {
		if _, _, _, ok := ParseResourceAddress(bad); ok {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestCheckFindsWhatDiffers(t *testing.T) {
	cfg := newTestConfig(t, Terraform, map[string]testModule{
		"": {files: map[string]string{"main.tf": `
variable "region" { default = "eu-west-3" }
provider "aws" { region = var.region }
provider "aws" {
  alias  = "paris"
  region = "eu-west-3"
}
module "app" {
  source = "./app"
  level  = "sensitive"
}
resource "aws_s3_bucket" "b" {
  bucket = "b-${var.region}"
}
output "bucket" { value = aws_s3_bucket.b.bucket }
`}},
		"app": {dir: "app", files: map[string]string{"main.tf": "variable \"level\" {}\n"}},
	})
	same := &tfjson.Config{
		ProviderConfigs: map[string]*tfjson.ProviderConfig{
			"aws":       {Name: "aws", Expressions: map[string]*tfjson.Expression{"region": {ExpressionData: &tfjson.ExpressionData{References: []string{"var.region"}}}}},
			"aws.paris": {Name: "aws", Alias: "paris", Expressions: map[string]*tfjson.Expression{"region": {ExpressionData: &tfjson.ExpressionData{ConstantValue: "eu-west-3"}}}},
		},
		RootModule: &tfjson.ConfigModule{
			Variables: map[string]*tfjson.ConfigVariable{"region": {Default: "eu-west-3"}},
			Resources: []*tfjson.ConfigResource{{Address: "aws_s3_bucket.b", Mode: tfjson.ManagedResourceMode, Type: "aws_s3_bucket", Name: "b",
				Expressions: map[string]*tfjson.Expression{"bucket": {ExpressionData: &tfjson.ExpressionData{References: []string{"var.region"}}}}}},
			Outputs: map[string]*tfjson.ConfigOutput{"bucket": {Expression: &tfjson.Expression{ExpressionData: &tfjson.ExpressionData{
				References: []string{"aws_s3_bucket.b.bucket", "aws_s3_bucket.b"}}}}},
			ModuleCalls: map[string]*tfjson.ModuleCall{"app": {Source: "./app",
				Expressions: map[string]*tfjson.Expression{"level": {ExpressionData: &tfjson.ExpressionData{ConstantValue: "sensitive"}}},
				Module:      &tfjson.ConfigModule{Variables: map[string]*tfjson.ConfigVariable{"level": {}}}}},
		},
	}
	if err := Check(cfg, same); err != nil {
		t.Fatalf("the same configuration: %v", err)
	}
	cases := []struct {
		name string
		edit func(c *tfjson.Config)
		want string
	}{
		{"a constant changed", func(c *tfjson.Config) {
			c.ProviderConfigs["aws.paris"].Expressions["region"].ConstantValue = "us-east-1"
		}, `provider aws.paris (root): region is "us-east-1" in the plan, "eu-west-3" in the sources`},
		{"a reference changed", func(c *tfjson.Config) {
			c.ProviderConfigs["aws"].Expressions["region"].References = []string{"local.region"}
		}, "region refers to local.region in the plan, to var.region in the sources"},
		{"a resource missing", func(c *tfjson.Config) {
			c.RootModule.Resources = append(c.RootModule.Resources, &tfjson.ConfigResource{Mode: tfjson.ManagedResourceMode, Type: "aws_s3_bucket", Name: "other"})
		}, "aws_s3_bucket.other is in the plan, not in the sources"},
		{"a module argument changed", func(c *tfjson.Config) {
			c.RootModule.ModuleCalls["app"].Expressions["level"].ConstantValue = "public"
		}, `level is "public" in the plan, "sensitive" in the sources`},
		{"a resource argument reads something else", func(c *tfjson.Config) {
			c.RootModule.Resources[0].Expressions["bucket"].References = []string{"local.name"}
		}, "aws_s3_bucket.b: bucket refers to local.name in the plan, to var.region in the sources"},
		{"an output missing", func(c *tfjson.Config) {
			delete(c.RootModule.Outputs, "bucket")
		}, `output "bucket" is in the sources, not in the plan`},
		{"a module missing", func(c *tfjson.Config) {
			delete(c.RootModule.ModuleCalls, "app")
		}, `module "app" is in the sources, not in the plan`},
		{"a provider missing", func(c *tfjson.Config) {
			delete(c.ProviderConfigs, "aws.paris")
		}, "provider aws.paris (root) is in the sources, not in the plan"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := cloneConfig(t, same)
			tc.edit(c)
			err := Check(cfg, c)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v\nwant it to say %q", err, tc.want)
			}
		})
	}
}

func cloneConfig(t *testing.T, c *tfjson.Config) *tfjson.Config {
	t.Helper()
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	out := &tfjson.Config{}
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestReferencedAttributes(t *testing.T) {
	cfg := rootOnly(t, `
provider "aws" { region = data.aws_region.r.name }
locals { x = aws_s3_bucket.b.bucket_region }
resource "aws_s3_bucket" "b" {}
data "aws_region" "r" {}
`)
	names, all := cfg.ReferencedAttributes()
	if all || !names["name"] || !names["bucket_region"] || len(names) != 2 {
		t.Errorf("names %v all %v", names, all)
	}
	cfg = rootOnly(t, "locals { x = aws_s3_bucket.b }\nresource \"aws_s3_bucket\" \"b\" {}\n")
	if _, all := cfg.ReferencedAttributes(); !all {
		t.Error("a whole resource read: all attributes are needed")
	}
}

// sameTraversal reports whether simpleTraversal's reading of addr is
// HCL's: whenever the fast path accepts an address, HCL parses it to the
// same steps, names and keys.
func sameTraversal(t *testing.T, addr string) {
	t.Helper()
	fast, ok := simpleTraversal(addr)
	if !ok {
		return
	}
	slow, diags := hclsyntax.ParseTraversalAbs([]byte(addr), "", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%q: the fast path reads %#v, HCL refuses it: %s", addr, fast, diags.Error())
	}
	if len(fast) != len(slow) {
		t.Fatalf("%q: %d steps, HCL %d", addr, len(fast), len(slow))
	}
	for i := range fast {
		switch f := fast[i].(type) {
		case hcl.TraverseRoot:
			s, ok := slow[i].(hcl.TraverseRoot)
			if !ok || s.Name != f.Name {
				t.Fatalf("%q step %d: %#v, HCL %#v", addr, i, f, slow[i])
			}
		case hcl.TraverseAttr:
			s, ok := slow[i].(hcl.TraverseAttr)
			if !ok || s.Name != f.Name {
				t.Fatalf("%q step %d: %#v, HCL %#v", addr, i, f, slow[i])
			}
		case hcl.TraverseIndex:
			s, ok := slow[i].(hcl.TraverseIndex)
			if !ok || !s.Key.Type().Equals(f.Key.Type()) || !s.Key.RawEquals(f.Key) || keyText(s.Key) != keyText(f.Key) {
				t.Fatalf("%q step %d: %#v, HCL %#v", addr, i, f, slow[i])
			}
		}
	}
}

// TestSimpleTraversal: the fast path reads as HCL does, and hands over
// what it does not read.
func TestSimpleTraversal(t *testing.T) {
	for _, addr := range []string{
		"aws_s3_bucket.b", `module.a["x.y"].module.b[2].aws_s3_bucket.b["k"]`, "module.m.data.aws_region.r[0]",
		`module.team["team-00001"].module.data.aws_dynamodb_table.table[1]`, "a.b[123456789012345]", `a.b["a b-c:d/e"]`,
		"_x.y-z", "a.b[0]", `a.b[""]`,
	} {
		if _, ok := simpleTraversal(addr); !ok {
			t.Errorf("%q: the fast path does not read it", addr)
		}
		sameTraversal(t, addr)
	}
	for _, addr := range []string{
		`a.b["\n"]`, `a.b["${x}"]`, `a.b["%{x}"]`, `a.b["é"]`, "a.b[01]", "a.b[-1]", "a.b[1.5]", "a.b[1e3]",
		`a.b["a]b"]`, "1a.b", "a..b", "a.b.", "a.-b", "", "a[0]b", "a.b[0][1]x", `a.b["x"`, "a.b[]", "a b.c",
	} {
		sameTraversal(t, addr)
	}
}

func FuzzSimpleTraversal(f *testing.F) {
	for _, s := range []string{"aws_s3_bucket.b", `module.a["x.y"].module.b[2].aws_s3_bucket.b["k"]`, "a.b[0]", `a.b["\n"]`, "a.b[01]", `a.b["a]b"]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, addr string) { sameTraversal(t, addr) })
}

// sameResourceAddress reports whether simpleResourceAddress's reading of
// addr is the traversal's: whenever the fast path accepts an address, the
// general one reads the same module instance, resource and key.
func sameResourceAddress(t *testing.T, addr string) {
	t.Helper()
	m, r, k, ok := simpleResourceAddress(addr)
	if !ok {
		return
	}
	sm, sr, sk, sok := parseResourceAddress(addr)
	if !sok {
		t.Fatalf("%q: the fast path reads %q %q %#v, the traversal refuses it", addr, m, r, k)
	}
	if m != sm || r != sr || (k == cty.NilVal) != (sk == cty.NilVal) {
		t.Fatalf("%q: fast %q %q %#v, traversal %q %q %#v", addr, m, r, k, sm, sr, sk)
	}
	if k != cty.NilVal && (!k.Type().Equals(sk.Type()) || !k.RawEquals(sk) || keyText(k) != keyText(sk)) {
		t.Fatalf("%q: key %#v, traversal %#v", addr, k, sk)
	}
}

// TestSimpleResourceAddress: the fast path reads Terraform's usual
// addresses as the traversal does, and hands over the rest.
func TestSimpleResourceAddress(t *testing.T) {
	for _, addr := range []string{
		"aws_s3_bucket.b", `module.a["x.y"].module.b[2].aws_s3_bucket.b["k"]`, "module.m.data.aws_region.r[0]",
		`module.team["team-00001"].module.data.aws_dynamodb_table.table[1]`, "a.b[123456789012345]", `a.b["a b-c:d/e"]`,
		"_x.y-z", "a.b[0]", `a.b[""]`, "ephemeral.random_password.p", `module.m[0].ephemeral.x.y["k"]`, `a.b["a]b"]`,
		// Not addresses Terraform writes, read as the traversal reads them.
		"ephemeral.a", "module.data.x.y",
	} {
		if _, _, _, ok := simpleResourceAddress(addr); !ok {
			t.Errorf("%q: the fast path does not read it", addr)
		}
		sameResourceAddress(t, addr)
	}
	for _, addr := range []string{
		`a.b["\n"]`, `a.b["${x}"]`, `a.b["é"]`, "a.b[01]", "a.b[-1]", "a.b[1.5]", `module.a["x]y"].b.c`,
		"module.m", "module.m.x", "module.m.module.n", "data.x", "data.x.y.z", "module.x.y", "a.b.c", "module.a.b",
		"a.b[0][1]", `a.b["x"]["y"]`, "a.b[0]x", "a.b.", ".a.b", "a..b", "", "module..a.b", "module.a[0]b.c.d",
		"a.b[]", `a.b["x"`, "a.é",
	} {
		if m, r, k, ok := simpleResourceAddress(addr); ok {
			t.Errorf("%q: the fast path reads %q %q %#v, where the traversal should decide", addr, m, r, k)
		}
		sameResourceAddress(t, addr)
	}
}

func FuzzParseResourceAddress(f *testing.F) {
	for _, s := range []string{"aws_s3_bucket.b", `module.a["x.y"].module.b[2].aws_s3_bucket.b["k"]`, "module.m.data.aws_region.r[0]", `a.b["a]b"]`, "module.data.x.y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, addr string) { sameResourceAddress(t, addr) })
}
