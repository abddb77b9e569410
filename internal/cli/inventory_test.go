package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/cli"
)

var statuses = []string{"known", "unknown", "global", "multi_region", "not_applicable"}

// checkInventoryContract checks the JSON output of inventory against the
// contract of PRODUCT.md, as a script reading it would see it, and returns
// the resources.
func checkInventoryContract(t *testing.T, out string) []map[string]any {
	t.Helper()
	var doc map[string]any
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("inventory --format json output does not decode: %v", err)
	}
	if dec.More() {
		t.Fatal("inventory --format json printed more than one JSON value")
	}
	if doc["format_version"] != "1" {
		t.Errorf("format_version = %v, want \"1\"", doc["format_version"])
	}
	catalog, _ := doc["catalog"].(map[string]any)
	if asOf, _ := catalog["as_of"].(string); asOf == "" {
		t.Errorf("catalog.as_of = %v", catalog["as_of"])
	}
	list, ok := doc["resources"].([]any)
	if !ok {
		t.Fatalf("resources = %v, want a list", doc["resources"])
	}
	var out2 []map[string]any
	var addrs []string
	for _, x := range list {
		r, ok := x.(map[string]any)
		if !ok {
			t.Fatalf("resource %v is not an object", x)
		}
		out2 = append(out2, r)
		addr, _ := r["address"].(string)
		addrs = append(addrs, addr)
		requireKeys(t, addr, r, "address", "module", "type", "mode", "actions", "provider", "operator", "location", "offer", "sensitivity")
		for _, k := range []string{"address", "module", "type", "mode", "provider"} {
			if _, ok := r[k].(string); !ok {
				t.Errorf("%s: %s = %v, want a string", addr, k, r[k])
			}
		}
		if m := r["mode"]; m != "managed" && m != "data" {
			t.Errorf("%s: mode = %v", addr, m)
		}
		if mod := r["module"].(string); mod != "" && !strings.HasPrefix(addr, mod+".") {
			t.Errorf("%s: module %q is not a prefix of the address", addr, mod)
		}
		if _, ok := r["actions"].([]any); !ok {
			t.Errorf("%s: actions = %v, want a list", addr, r["actions"])
		}
		if op := r["operator"]; op != nil {
			if s, ok := op.(string); !ok || s == "" {
				t.Errorf("%s: operator = %v, want a string or null", addr, op)
			}
		}
		loc, ok := r["location"].(map[string]any)
		if !ok {
			t.Fatalf("%s: location = %v", addr, r["location"])
		}
		requireKeys(t, addr+" location", loc, "status", "country", "eu", "evidence")
		status, _ := loc["status"].(string)
		if !slices.Contains(statuses, status) {
			t.Errorf("%s: location.status = %q", addr, status)
		}
		if status == "known" || status == "multi_region" {
			if region, _ := loc["region"].(string); region == "" {
				t.Errorf("%s: %s location without a region: %v", addr, status, loc)
			}
		}
		switch status {
		case "known":
			// Null when the catalog cannot place the region code.
			if (loc["country"] == nil) != (loc["eu"] == nil) {
				t.Errorf("%s: country %v and eu %v: both or neither must be null", addr, loc["country"], loc["eu"])
			}
		case "multi_region":
			// A multi-region lists its countries; eu says whether all are.
			if cs, ok := loc["countries"].([]any); !ok || len(cs) == 0 {
				t.Errorf("%s: multi-region without countries: %v", addr, loc)
			}
			if _, ok := loc["eu"].(bool); !ok {
				t.Errorf("%s: multi-region: eu = %v, want a boolean", addr, loc["eu"])
			}
		default:
			if loc["eu"] != nil {
				t.Errorf("%s: status %s with eu = %v", addr, status, loc["eu"])
			}
		}
		if c := loc["country"]; c != nil {
			if s, ok := c.(string); !ok || len(s) != 2 || strings.ToUpper(s) != s {
				t.Errorf("%s: country = %v", addr, c)
			}
			if _, ok := loc["eu"].(bool); !ok {
				t.Errorf("%s: eu = %v", addr, loc["eu"])
			}
		}
		if status != "known" && loc["country"] != nil {
			t.Errorf("%s: status %s with a country", addr, status)
		}
		if ev, ok := loc["evidence"].([]any); !ok || len(ev) == 0 {
			t.Errorf("%s: location.evidence = %v, want a non-empty list", addr, loc["evidence"])
		}
		if o := r["offer"]; o != nil {
			om, ok := o.(map[string]any)
			if !ok {
				t.Errorf("%s: offer = %v", addr, o)
			} else {
				requireKeys(t, addr+" offer", om, "id", "name", "status")
			}
		}
		sens, ok := r["sensitivity"].(map[string]any)
		if !ok {
			t.Fatalf("%s: sensitivity = %v", addr, r["sensitivity"])
		}
		if lvl, _ := sens["level"].(string); lvl == "" {
			t.Errorf("%s: sensitivity.level = %v", addr, sens["level"])
		}
		if ev, ok := sens["evidence"].([]any); !ok || len(ev) == 0 {
			t.Errorf("%s: sensitivity.evidence = %v, want a non-empty list", addr, sens["evidence"])
		}
	}
	if !slices.IsSorted(addrs) {
		t.Errorf("resources not sorted by address: %v", addrs)
	}
	return out2
}

func TestInventoryJSONBuiltin(t *testing.T) {
	r := run(t, "", "inventory", "--format", "json", builtinPlan)
	if r.code != cli.ExitOK || r.stderr != "" {
		t.Fatalf("got %s", r)
	}
	rs := checkInventoryContract(t, r.stdout)
	type row struct{ Address, Module, Status, Level string }
	var got []row
	for _, x := range rs {
		got = append(got, row{x["address"].(string), x["module"].(string), x["location"].(map[string]any)["status"].(string),
			x["sensitivity"].(map[string]any)["level"].(string)})
	}
	want := []row{
		{"module.app.terraform_data.app", "module.app", "not_applicable", "sensitive"},
		{"terraform_data.later", "", "not_applicable", "internal"},
		{"terraform_data.placement", "", "not_applicable", "internal"},
		{`terraform_data.site["paris"]`, "", "not_applicable", "internal"},
		{`terraform_data.site["virginia"]`, "", "not_applicable", "internal"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
	ev := rs[0]["sensitivity"].(map[string]any)["evidence"].([]any)
	if len(ev) != 1 || !strings.Contains(ev[0].(string), `data_sensitivity = "sensible"`) {
		t.Errorf("evidence of the module input = %v", ev)
	}
}

func TestInventoryJSONBuiltinAsAWS(t *testing.T) {
	r := run(t, "", "inventory", "--format", "json", "--catalog", builtinAsAWS, builtinPlan)
	if r.code != cli.ExitOK {
		t.Fatalf("got %s", r)
	}
	rs := checkInventoryContract(t, r.stdout)
	byAddr := map[string]map[string]any{}
	for _, x := range rs {
		byAddr[x["address"].(string)] = x
	}
	virginia := byAddr[`terraform_data.site["virginia"]`]
	if virginia == nil {
		t.Fatalf("no virginia site in %v", rs)
	}
	want := map[string]any{"status": "known", "region": "us-east-1", "country": "US", "eu": false, "in_catalog": true,
		"evidence": []any{`input = "us-east-1"`}}
	if diff := cmp.Diff(want, virginia["location"]); diff != "" {
		t.Errorf("location (-want +got):\n%s", diff)
	}
	if virginia["operator"] != "aws" {
		t.Errorf("operator = %v", virginia["operator"])
	}
	if st := byAddr["terraform_data.later"]["location"].(map[string]any)["status"]; st != "unknown" {
		t.Errorf("terraform_data.later: status %v, want unknown", st)
	}
}

func TestInventoryJSONCorpus(t *testing.T) {
	dir := corpusDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			r := run(t, "", "inventory", "--format", "json", f)
			if r.code != cli.ExitOK {
				t.Fatalf("got %s", r)
			}
			for _, x := range checkInventoryContract(t, r.stdout) {
				seen[x["location"].(map[string]any)["status"].(string)]++
			}
		})
	}
	// The corpus exercises every status: the contract checks above saw them.
	for _, s := range statuses {
		if seen[s] == 0 {
			t.Errorf("no resource with status %s in the corpus", s)
		}
	}
}

func TestInventoryJSONScenarios(t *testing.T) {
	for plan, pol := range scenarioPlans(t) {
		t.Run(filepath.Base(filepath.Dir(plan)), func(t *testing.T) {
			args := []string{"inventory", "--format", "json", plan}
			if pol != "" {
				args = append(args, "--policy", pol)
			}
			r := run(t, "", args...)
			if r.code != cli.ExitOK {
				t.Fatalf("got %s", r)
			}
			checkInventoryContract(t, r.stdout)
		})
	}
}

// TestInventoryTextGroupsByModule: a header per module, root first, and
// every resource under the header of its module.
func TestInventoryTextGroupsByModule(t *testing.T) {
	plans := map[string][]string{builtinPlan: {"root module", "module.app"}}
	if dir := corpusDirIfSet(t); dir != "" {
		plans[filepath.Join(dir, planRandomModule)] = []string{"module.test"}
		plans[filepath.Join(dir, "bridgecrewio-checkov__plan_with_for_each_modules.json")] = nil
	}
	for plan, wantHeaders := range plans {
		t.Run(filepath.Base(plan), func(t *testing.T) {
			r := run(t, "", "inventory", plan)
			if r.code != cli.ExitOK {
				t.Fatalf("got %s", r)
			}
			if strings.Contains(r.stdout, ansi) {
				t.Error("colour escapes in output that is not a terminal")
			}
			var headers []string
			module := ""
			resources := 0
			body, summary, ok := strings.Cut(r.stdout, "\n\n")
			if !ok || !strings.Contains(summary, " resources: ") {
				t.Fatalf("no summary after a blank line:\n%s", r.stdout)
			}
			for _, line := range strings.Split(body, "\n") {
				switch {
				case !strings.HasPrefix(line, " "):
					headers = append(headers, line)
					module = line
					if line == "root module" {
						module = ""
					}
				case strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "   "):
					resources++
					addr, _, _ := strings.Cut(strings.TrimSpace(line), "  ")
					if module == "" && strings.HasPrefix(addr, "module.") || module != "" && !strings.HasPrefix(addr, module+".") {
						t.Errorf("%s listed under %q", addr, module)
					}
				}
			}
			if wantHeaders != nil && !cmp.Equal(wantHeaders, headers) {
				t.Errorf("headers = %q, want %q", headers, wantHeaders)
			}
			if !slices.IsSorted(headers[min(1, len(headers)):]) || slices.Contains(headers[1:], "root module") {
				t.Errorf("headers not in order, root first: %q", headers)
			}
			if len(slices.Compact(slices.Clone(headers))) != len(headers) {
				t.Errorf("a module appears twice: %q", headers)
			}
			js := run(t, "", "inventory", "--format", "json", plan)
			if n := len(checkInventoryContract(t, js.stdout)); n != resources {
				t.Errorf("text lists %d resources, json %d", resources, n)
			}
		})
	}
}

func corpusDirIfSet(t *testing.T) string {
	t.Helper()
	if dir := os.Getenv("TRUSTCLOUD_CORPUS"); dir != "" {
		return corpusDir(t)
	}
	t.Log("TRUSTCLOUD_CORPUS is not set: only the package's own plan is used")
	return ""
}
