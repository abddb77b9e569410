package inventory

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/policy"
)

func TestModuleAddrPrefix(t *testing.T) {
	if got := moduleAddrPrefix(`module.a["k.module.z"].module.b[0].module.c`, 2); got != `module.a["k.module.z"].module.b[0]` {
		t.Errorf("moduleAddrPrefix = %q", got)
	}
}

func TestLookupPath(t *testing.T) {
	var vals, unknown map[string]any
	must(t, json.Unmarshal([]byte(`{"region":"GRA","nodes":[{"region":"GRA"},{"region":"SBG"}],"api":[{"region":"eu-west-2"}],"tags":null}`), &vals))
	must(t, json.Unmarshal([]byte(`{"zone":true,"nodes":[{},{"flavor":true}]}`), &unknown))
	got := lookupPath(vals, unknown, "nodes[].region")
	if len(got) != 2 || got[1].value != "SBG" || got[1].at != "nodes[1].region" {
		t.Errorf("nodes[].region = %+v", got)
	}
	if got := lookupPath(vals, unknown, "api.region"); len(got) != 1 || got[0].value != "eu-west-2" || got[0].at != "api[0].region" {
		t.Errorf("api.region (a block written once) = %+v", got)
	}
	if got := lookupPath(vals, unknown, "zone"); len(got) != 1 || !got[0].unknown {
		t.Errorf("zone (unknown) = %+v", got)
	}
	if got := lookupPath(vals, unknown, "tags"); len(got) != 0 {
		t.Errorf("null tags = %+v", got)
	}
}

func TestIndex(t *testing.T) {
	var v any
	must(t, json.Unmarshal([]byte(`{"a":{"b":["x","y"]},"m":{"k.1":"v"}}`), &v))
	for acc, want := range map[string]any{".a.b[1]": "y", `.m["k.1"]`: "v"} {
		if got, ok := index(v, acc); !ok || got != want {
			t.Errorf("index(%s) = %v %v, want %v", acc, got, ok, want)
		}
	}
	if _, ok := index(v, ".a.c"); ok {
		t.Error("index(.a.c) should fail")
	}
}

func TestFullSource(t *testing.T) {
	for in, want := range map[string]string{
		"aws":                                 "registry.terraform.io/hashicorp/aws",
		"null.aliased":                        "registry.terraform.io/hashicorp/null",
		"registry.opentofu.org/ovh/ovh":       "registry.opentofu.org/ovh/ovh",
		"terraform":                           "terraform.io/builtin/terraform",
		"registry.terraform.io/hashicorp/aws": "registry.terraform.io/hashicorp/aws",
	} {
		if got := fullSource(in); got != want {
			t.Errorf("fullSource(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTagPairs(t *testing.T) {
	var m, list, blocks any
	must(t, json.Unmarshal([]byte(`{"data_sensitivity":"sensible"}`), &m))
	must(t, json.Unmarshal([]byte(`["env=prod","data_sensitivity = DR","x:y"]`), &list))
	must(t, json.Unmarshal([]byte(`[{"key":"data_sensitivity","value":"sensitive"}]`), &blocks))
	for _, tc := range []struct {
		v    any
		want []string
	}{{m, []string{"sensible"}}, {list, []string{"DR"}}, {blocks, []string{"sensitive"}}} {
		var got []string
		for _, kv := range tagPairs(tc.v) {
			if kv[0] == "data_sensitivity" {
				got = append(got, kv[1])
			}
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("tagPairs(%v): %s", tc.v, diff)
		}
	}
}

// A plan fragment in Terraform's format, written by hand to test one
// resolver step at a time (the scenario suite runs real plans).
const chainPlan = `{
  "format_version": "1.2",
  "variables": {"region": {"value": "eu-west-3"}},
  "resource_changes": [
    {"address": "module.app.module.db.aws_db_instance.main", "module_address": "module.app.module.db", "mode": "managed",
     "type": "aws_db_instance", "name": "main", "provider_name": "registry.terraform.io/hashicorp/aws",
     "change": {"actions": ["create"], "after": {"tags": {"data_sensitivity": "sensible"}}, "after_unknown": {"id": true}}},
    {"address": "module.app.aws_s3_bucket.logs", "module_address": "module.app", "mode": "managed",
     "type": "aws_s3_bucket", "name": "logs", "provider_name": "registry.terraform.io/hashicorp/aws",
     "change": {"actions": ["create"], "after": {"bucket": "logs"}, "after_unknown": {}}},
    {"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r", "provider_name": "registry.terraform.io/hashicorp/aws",
     "change": {"actions": ["create"], "after": {}, "after_unknown": {}}},
    {"address": "aws_s3_bucket.old", "mode": "managed", "type": "aws_s3_bucket", "name": "old", "provider_name": "registry.terraform.io/hashicorp/aws",
     "change": {"actions": ["delete"], "before": {"region": "us-east-1"}, "after": null}}
  ],
  "configuration": {
    "provider_config": {
      "aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws", "expressions": {"region": {"constant_value": "us-west-2"}}},
      "module.app:aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws", "module_address": "module.app",
        "expressions": {"region": {"references": ["var.region"]}}},
      "module.app.module.db:aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws", "module_address": "module.app.module.db", "version_constraint": ">= 5"}
    },
    "root_module": {
      "resources": [{"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r", "provider_config_key": "aws"}],
      "module_calls": {"app": {"source": "./app",
        "expressions": {"region": {"references": ["var.region"]}, "data_sensitivity": {"constant_value": "interne"}},
        "module": {
          "variables": {"region": {}, "data_sensitivity": {}},
          "resources": [{"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs", "provider_config_key": "module.app:aws"}],
          "module_calls": {"db": {"source": "./db", "module": {
            "resources": [{"address": "aws_db_instance.main", "mode": "managed", "type": "aws_db_instance", "name": "main", "provider_config_key": "module.app.module.db:aws"}]}}}
        }}}
    }
  }
}`

func buildFixture(t *testing.T, src string) map[string]*Resource {
	t.Helper()
	p, err := planfile.Parse("fixture.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	inv, _ := Build(p, "fixture.json", cat, policy.Default())
	out := map[string]*Resource{}
	for _, r := range inv.Resources {
		out[r.Address] = r
	}
	return out
}

func TestResolverSteps(t *testing.T) {
	rs := buildFixture(t, chainPlan)
	for _, tc := range []struct {
		addr, status, region, level string
		evidence                    []string
	}{
		// A module provider region from var.region, given by the module
		// call, from the root variable; the nested module inherits the
		// provider (its key has only a version constraint).
		{"module.app.aws_s3_bucket.logs", StatusKnown, "eu-west-3", "internal", []string{
			"provider aws (module.app) region = var.region", "var.region = var.region (module call module.app)", `var.region = "eu-west-3" (root)`}},
		{"module.app.module.db.aws_db_instance.main", StatusKnown, "eu-west-3", "sensitive", []string{
			"provider aws (module.app) region = var.region"}},
		// Global service despite the provider's region.
		{"aws_iam_role.r", StatusGlobal, "", "internal", []string{"aws_iam_role is a global service of hashicorp/aws (provider metadata aws/resource-scope.tsv:"}},
		// A resource being deleted is located from its prior values.
		{"aws_s3_bucket.old", StatusKnown, "us-east-1", "internal", []string{`region = "us-east-1"`}},
	} {
		r := rs[tc.addr]
		if r == nil {
			t.Fatalf("%s missing", tc.addr)
		}
		if r.Location.Status != tc.status || r.Location.Region != tc.region {
			t.Errorf("%s: %s %q, want %s %q (%v)", tc.addr, r.Location.Status, r.Location.Region, tc.status, tc.region, r.Location.Evidence)
		}
		ev := strings.Join(English(r.Location.Evidence), " | ")
		for _, want := range tc.evidence {
			if !strings.Contains(ev, want) {
				t.Errorf("%s: evidence %q lacks %q", tc.addr, ev, want)
			}
		}
		if r.Sensitivity.Level != tc.level {
			t.Errorf("%s: level %s (%v), want %s", tc.addr, r.Sensitivity.Level, r.Sensitivity.Evidence, tc.level)
		}
	}
	// The tag (an alias) beats the module input; the module input is
	// inherited by nothing here since the tag wins.
	if ev := rs["module.app.module.db.aws_db_instance.main"].Sensitivity.Evidence; !strings.Contains(ev[0].String(), "tag data_sensitivity=sensible") {
		t.Errorf("db level evidence = %v", ev)
	}
	if ev := rs["module.app.aws_s3_bucket.logs"].Sensitivity.Evidence; !strings.Contains(ev[0].String(), `module module.app called with data_sensitivity = "interne"`) {
		t.Errorf("bucket level evidence = %v", ev)
	}
	if !rs["aws_s3_bucket.old"].DeleteOnly() {
		t.Error("aws_s3_bucket.old should be delete-only")
	}
}

func TestEvalReferences(t *testing.T) {
	var p tfjson.Plan
	must(t, json.Unmarshal([]byte(`{"format_version":"1.2",
	  "variables":{"cfg":{"value":{"region":"eu-west-1","zones":["a","b"]}}},
	  "resource_changes":[{"address":"terraform_data.r","mode":"managed","type":"terraform_data","name":"r","provider_name":"terraform.io/builtin/terraform",
	    "change":{"actions":["create"],"after":{"input":"x"},"after_unknown":{"output":true}}}],
	  "configuration":{"root_module":{"outputs":{},"module_calls":{"m":{"source":"./m","module":{"outputs":{"where":{"expression":{"constant_value":"fr-par"}}}}}}}}}`), &p))
	ix := newConfigIndex(&p)
	for _, tc := range []struct {
		ref   string
		known bool
		value any
		why   string
	}{
		{"var.cfg.region", true, "eu-west-1", ""},
		{"var.cfg.zones[1]", true, "b", ""},
		{"module.m.where", true, "fr-par", ""},
		{"terraform_data.r.input", true, "x", ""},
		{"terraform_data.r.output", false, nil, "computed at apply time"},
		{"local.region", false, nil, "local values are not recorded"},
		{"var.nope", false, nil, "has no value in the plan"},
	} {
		v := ix.evalRef(tc.ref, "", 0)
		if v.known != tc.known || (tc.known && v.value != tc.value) || !strings.Contains(v.reason.String(), tc.why) {
			t.Errorf("evalRef(%s) = %+v", tc.ref, v)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
