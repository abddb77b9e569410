package testplan

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/planfile"
)

// TestDefaultShapeUnchanged pins the default shape's bytes: the benchmarks
// compare today's numbers with earlier ones on the same plans. The hash is
// the one the generator wrote before shapes existed.
func TestDefaultShapeUnchanged(t *testing.T) {
	const want = "4afe7d2db574d523308362a0602d6b21be2b5660e04e4cfdb5f2a105a3508514"
	for _, shape := range []string{"", ShapeDefault} {
		data, _ := generate(t, Options{Resources: 500, Shape: shape})
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("shape %q: sha256 %s, want %s", shape, got, want)
		}
	}
}

func TestUnknownShape(t *testing.T) {
	_, err := Generate(&bytes.Buffer{}, Options{Resources: 10, Shape: "tall"})
	if err == nil || !strings.Contains(err.Error(), `unknown shape "tall"`) {
		t.Errorf("error %v, want an unknown shape", err)
	}
}

// TestShapesLoad checks each shape at a small size: terraform-json
// validates it, planfile.Load reads it, and the runner attributes every
// resource a location without warnings.
func TestShapesLoad(t *testing.T) {
	for _, shape := range Shapes {
		t.Run(shape, func(t *testing.T) {
			const n = 400
			data, st := generate(t, Options{Resources: n, Shape: shape})
			var p tfjson.Plan
			if err := json.Unmarshal(data, &p); err != nil {
				t.Fatal(err)
			}
			if err := p.Validate(); err != nil {
				t.Fatal(err)
			}
			if p.FormatVersion != "1.2" || p.TerraformVersion != TerraformVersion || len(p.ResourceChanges) != n || st.Resources != n {
				t.Errorf("format %s, terraform %s, %d resource changes (stats %d), want 1.2, %s, %d", p.FormatVersion, p.TerraformVersion, len(p.ResourceChanges), st.Resources, TerraformVersion, n)
			}
			path := filepath.Join(t.TempDir(), FileName(shape, n))
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			lp, _, err := planfile.Load(path, planfile.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(lp.ResourceChanges) != n {
				t.Errorf("planfile.Load: %d resource changes, want %d", len(lp.ResourceChanges), n)
			}
			for _, rc := range p.ResourceChanges {
				if rc.Change.Actions.Delete() && !rc.Change.Actions.Replace() {
					continue
				}
				cr := configResource(p.Config.RootModule, rc)
				if cr == nil {
					t.Fatalf("%s has no configuration", rc.Address)
				}
				if p.Config.ProviderConfigs[cr.ProviderConfigKey] == nil {
					t.Fatalf("%s: provider_config_key %q is not in provider_config", rc.Address, cr.ProviderConfigKey)
				}
			}
			res, err := check.Run(check.Options{Plan: path})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Warnings) > 0 {
				t.Errorf("warnings: %q", res.Warnings)
			}
			inv := res.Inventory
			if len(inv.Resources) != n || inv.Summary.ByStatus[inventory.StatusUnknown] != 0 {
				t.Errorf("%d resources, %d unknown locations: want %d and 0", len(inv.Resources), inv.Summary.ByStatus[inventory.StatusUnknown], n)
			}
		})
	}
}

func TestShapesDeterministic(t *testing.T) {
	for _, shape := range Shapes {
		t.Run(shape, func(t *testing.T) {
			a, _ := generate(t, Options{Resources: 700, Shape: shape})
			b, _ := generate(t, Options{Resources: 700, Shape: shape})
			if !bytes.Equal(a, b) {
				t.Error("two plans of the same shape, size and seed differ")
			}
			c, _ := generate(t, Options{Resources: 700, Shape: shape, Seed: 7})
			if bytes.Equal(a, c) {
				t.Error("another seed gives the same plan")
			}
		})
	}
}

// TestFindingsHeavy checks the shape does what its name says: every stack
// passes a data_sensitivity input and has an alias of its own, and about
// 60 % of the resources are findings.
func TestFindingsHeavy(t *testing.T) {
	const n = 3000
	data, st := generate(t, Options{Resources: n, Shape: ShapeFindingsHeavy})
	var p tfjson.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	inModule := 0
	for _, rc := range p.ResourceChanges {
		if rc.ModuleAddress != "" {
			inModule++
		}
	}
	if float64(inModule)/n < 0.95 {
		t.Errorf("%d of %d resources in a module", inModule, n)
	}
	for _, s := range st.Services {
		call := p.Config.RootModule.ModuleCalls[strings.TrimPrefix(s.Module, "module.")]
		if call == nil || call.Expressions["data_sensitivity"] == nil || s.Level == "" {
			t.Errorf("%s: no data_sensitivity input", s.Module)
		}
		alias := strings.TrimPrefix(s.RegionFrom, "provider ")
		if pc := p.Config.ProviderConfigs[alias]; pc == nil || pc.Alias == "" || pc.Expressions["region"].ConstantValue != s.Region {
			t.Errorf("%s: provider %s = %+v", s.Module, alias, pc)
		}
	}
	res, err := check.Run(check.Options{Plan: "-", Stdin: bytes.NewReader(data), PlanName: "plan.json"})
	if err != nil {
		t.Fatal(err)
	}
	withFindings := map[string]bool{}
	for _, f := range res.Report.Findings {
		withFindings[f.Address] = true
	}
	if share := float64(len(withFindings)) / n; share < 0.5 || share > 0.7 {
		t.Errorf("%.2f of the resources have findings (%d findings), want about 0.6", share, len(res.Report.Findings))
	}
}

// TestFlatWide checks the flat-wide shape: every resource in the root
// module, many aliases, long keys and big tag maps.
func TestFlatWide(t *testing.T) {
	const n = 2000
	data, _ := generate(t, Options{Resources: n, Shape: ShapeFlatWide})
	var p tfjson.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	longKeys := 0
	for _, rc := range p.ResourceChanges {
		if rc.ModuleAddress != "" {
			t.Fatalf("%s is in a module", rc.Address)
		}
		if k, ok := rc.Index.(string); ok && len(k) >= 60 {
			longKeys++
		}
		if rc.Change.After != nil {
			tags, _ := rc.Change.After.(map[string]any)["tags"].(map[string]any)
			if len(tags) < 13 {
				t.Fatalf("%s: %d tags, want at least 13", rc.Address, len(tags))
			}
		}
	}
	for _, r := range p.Config.RootModule.Resources {
		keys[r.ProviderConfigKey] = true
	}
	if len(keys) < flatAliases {
		t.Errorf("%d provider configurations used, want %d", len(keys), flatAliases)
	}
	if longKeys < n/2 {
		t.Errorf("%d of %d instance keys are 60 characters or more", longKeys, n)
	}
}
