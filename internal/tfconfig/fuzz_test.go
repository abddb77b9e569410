package tfconfig

import (
	"testing"
	"time"

	"github.com/zclconf/go-cty/cty"
)

// FuzzEvaluate evaluates random expressions where a location is decided
// (a local read by a provider's region, a module argument, a dynamic
// block's for_each): never a panic or a hang, and an unknown result always
// says why.
func FuzzEvaluate(f *testing.F) {
	for _, seed := range []string{
		`replace(var.region, "a", "b")`,
		`"${var.region}-2"`,
		`var.regions[1]`,
		`lookup({ a = "x" }, terraform.workspace, var.region)`,
		`[for r in var.regions : upper(r)][0]`,
		`try(local.b.c, "eu-west-3")`,
		`element(var.regions, 7)`,
		`local.a`,
		`module.m.out`,
		`format("%s", aws_s3_bucket.b.region)`,
		`{ for k, v in var.tags : k => v if v != "" }`,
		`[for a in range(100) : [for b in range(100) : a * b]]`,
		`provider::aws::arn_parse("x")`,
		`each.value`,
		`timestamp()`,
	} {
		f.Add(seed, "prod")
	}
	f.Fuzz(func(t *testing.T, expr, workspace string) {
		src := "variable \"region\" { default = \"eu-west-3\" }\n" +
			"variable \"regions\" { default = [\"eu-west-3\", \"us-east-1\"] }\n" +
			"variable \"tags\" { default = { a = \"b\" } }\n" +
			"locals {\n  a = " + expr + "\n  b = { c = local.a }\n}\n" +
			"provider \"aws\" { region = local.a }\n" +
			"provider \"outscale\" {\n  dynamic \"api\" {\n    for_each = toset([local.a])\n    content { region = api.value }\n  }\n}\n" +
			"module \"m\" {\n  source = \"./m\"\n  arg = " + expr + "\n}\n" +
			"resource \"aws_s3_bucket\" \"b\" {}\nresource \"outscale_net\" \"n\" {}\n"
		cfg := newConfig("fuzz", Terraform)
		if err := cfg.addModule("", ".", "", map[string][]byte{"main.tf": []byte(src)}); err != nil {
			return // not a configuration Terraform would plan
		}
		if err := cfg.addModule("m", "m", "./m", map[string][]byte{"main.tf": []byte("variable \"arg\" {}\noutput \"out\" { value = var.arg }\n")}); err != nil {
			t.Fatal(err)
		}
		cfg.link()
		ev := NewEvaluator(cfg, Plan{
			Variables: map[string]any{"region": "eu-west-3", "regions": []any{"eu-west-3", "us-east-1"}, "tags": map[string]any{"a": "b"}},
			Workspace: workspace, WorkspaceFrom: "fuzz",
			Instances: func(module, resource string) []Instance {
				return []Instance{{Key: cty.NilVal, Value: FromPlanned(map[string]any{"region": "eu-west-3"}, map[string]any{"arn": true})}}
			},
		})
		ev.timeout = 2 * time.Second
		for _, v := range []*Value{
			providerAttr(t, ev, "", "aws_s3_bucket.b", "region"),
			providerAttr(t, ev, "", "outscale_net.n", "api.region"),
			ev.ModuleArg("module.m", "arg"),
		} {
			if v.Set && !v.Known() && len(v.Reasons) == 0 {
				t.Fatalf("%q: an unknown value without a reason", expr)
			}
			_ = Render(v.Val)
		}
	})
}
