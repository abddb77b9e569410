package testplan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/inventory"
)

func generate(t *testing.T, opts Options) ([]byte, Stats) {
	t.Helper()
	var buf bytes.Buffer
	st, err := Generate(&buf, opts)
	if err != nil {
		t.Fatal(err)
	}
	if st.Bytes != int64(buf.Len()) {
		t.Errorf("Stats.Bytes = %d, wrote %d", st.Bytes, buf.Len())
	}
	return buf.Bytes(), st
}

// TestTerraformShape decodes a generated plan with terraform-json and checks
// the parts real Terraform writes are there.
func TestTerraformShape(t *testing.T) {
	data, st := generate(t, Options{Resources: 200})
	var p tfjson.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("terraform-json cannot read the plan: %v", err)
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	addrs := map[string]bool{}
	actions := map[string]int{}
	for _, rc := range p.ResourceChanges {
		if addrs[rc.Address] {
			t.Errorf("address %s appears twice", rc.Address)
		}
		addrs[rc.Address] = true
		actions[strings.Join(toStrings(rc.Change.Actions), ",")]++
		if strings.HasPrefix(rc.Address, "module.") != (rc.ModuleAddress != "") {
			t.Errorf("%s: module_address %q", rc.Address, rc.ModuleAddress)
		}
	}
	if len(addrs) != 200 || st.Resources != 200 {
		t.Errorf("%d addresses, stats say %d: want 200", len(addrs), st.Resources)
	}
	for _, a := range []string{"create", "no-op", "update", "delete"} {
		if actions[a] == 0 {
			t.Errorf("no %s action among %v", a, actions)
		}
	}
	if p.FormatVersion != "1.2" || p.TerraformVersion != TerraformVersion {
		t.Errorf("format %q, terraform %q", p.FormatVersion, p.TerraformVersion)
	}
	if v := p.Variables["region"]; v == nil || v.Value != rootRegion {
		t.Errorf("root variable region = %+v", v)
	}
	if p.PriorState == nil || p.PriorState.Values == nil || len(p.PriorState.Values.RootModule.Resources) == 0 {
		t.Error("no prior state")
	}
	if depth := moduleDepth(p.PlannedValues.RootModule); depth < 3 {
		t.Errorf("planned_values nest %d module levels, want 3", depth)
	}
	if len(p.RelevantAttributes) == 0 {
		t.Error("no relevant_attributes")
	}
	pcs := p.Config.ProviderConfigs
	if us := pcs["aws.us"]; us == nil || us.Alias != "us" || us.Expressions["region"].ConstantValue != "us-east-1" {
		t.Errorf("provider aws.us = %+v", us)
	}
	declared := 0
	for key, pc := range pcs {
		if strings.HasSuffix(key, ":aws") && pc.ModuleAddress != "" && pc.Expressions["region"] != nil {
			declared++
			if got := pc.Expressions["region"].References; !slices.Equal(got, []string{"var.region"}) {
				t.Errorf("%s region references %v", key, got)
			}
		}
	}
	if declared == 0 {
		t.Error("no module configures its own aws provider")
	}
	// Every change of a configured module has a configuration, and the
	// key it names is in provider_config.
	for _, rc := range p.ResourceChanges {
		if rc.Change.Actions.Delete() && !rc.Change.Actions.Replace() {
			continue
		}
		cr := configResource(p.Config.RootModule, rc)
		if cr == nil {
			t.Errorf("%s has no configuration", rc.Address)
			continue
		}
		if pcs[cr.ProviderConfigKey] == nil {
			t.Errorf("%s: provider_config_key %q is not in provider_config", rc.Address, cr.ProviderConfigKey)
		}
	}
}

func toStrings(a tfjson.Actions) []string {
	out := make([]string, len(a))
	for i, x := range a {
		out[i] = string(x)
	}
	return out
}

func moduleDepth(m *tfjson.StateModule) int {
	d := 0
	for _, c := range m.ChildModules {
		d = max(d, moduleDepth(c))
	}
	return d + 1
}

// configResource finds the configuration of a change by walking the module
// calls named in its module address.
func configResource(root *tfjson.ConfigModule, rc *tfjson.ResourceChange) *tfjson.ConfigResource {
	m := root
	for _, step := range strings.Split(rc.ModuleAddress, ".module.") {
		name := strings.TrimPrefix(step, "module.")
		if name == "" {
			continue
		}
		call := m.ModuleCalls[name]
		if call == nil {
			return nil
		}
		m = call.Module
	}
	for _, r := range m.Resources {
		if r.Type == rc.Type && r.Name == rc.Name {
			return r
		}
	}
	return nil
}

// TestAnalysis runs the analyzer over a generated plan: every resource is
// located where its module's configuration puts it, and the resources in
// the United States are findings.
func TestAnalysis(t *testing.T) {
	data, st := generate(t, Options{Resources: 200})
	// As `trustcloud check -` reads it: the embedded catalog, the default
	// profile.
	res, err := check.Run(check.Options{Plan: "-", Stdin: bytes.NewReader(data), PlanName: "plan.json"})
	if err != nil {
		t.Fatal(err)
	}
	inv := res.Inventory
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %q", res.Warnings)
	}
	if len(inv.Resources) != 200 {
		t.Fatalf("%d resources in the inventory, want 200", len(inv.Resources))
	}
	byAddr := map[string]*inventory.Resource{}
	for _, r := range inv.Resources {
		byAddr[r.Address] = r
		if r.Location.Status == inventory.StatusUnknown {
			t.Errorf("%s: unknown location: %s", r.Address, r.Location.Reason)
		}
	}

	kinds := map[string]int{}
	for _, s := range st.Services {
		kinds[s.Kind+" "+s.RegionFrom]++
		located := 0
		for _, r := range inv.Resources {
			if !strings.HasPrefix(r.Address, s.Module+".") || r.Location.Status != inventory.StatusKnown {
				continue
			}
			want := s.Region
			if strings.Contains(r.Address, ".module.backup.") {
				want = secondaryRegion // providers = { aws = aws.dr }
			}
			if r.Location.Region != want {
				t.Errorf("%s (%s, %s): region %s, want %s; evidence %q", r.Address, s.Kind, s.RegionFrom, r.Location.Region, want, r.Location.Evidence)
			}
			located++
		}
		if located == 0 {
			t.Errorf("%s: no located resource", s.Module)
		}
	}
	// The cases the benchmarks rely on are all in a plan this small.
	for _, k := range []string{`aws-regional module input region = var.region`, `aws provider aws.us`, `aws provider aws`, `azure location = francecentral`, `gcp provider google`} {
		if kinds[k] == 0 {
			t.Errorf("no service %q among %v", k, kinds)
		}
	}

	// The region of a module configured with region = var.region comes
	// from the root variable, through the module call.
	for _, s := range st.Services {
		if s.Kind != "aws-regional" || s.RegionFrom != "module input region = var.region" {
			continue
		}
		r := byAddr[s.Module+".aws_kms_key.this"]
		if r == nil {
			t.Fatalf("%s.aws_kms_key.this is not in the inventory", s.Module)
		}
		ev := strings.Join(inventory.English(r.Location.Evidence), "; ")
		for _, want := range []string{"provider aws (" + s.Module + ") region = var.region", `var.region = "eu-west-3" (root)`} {
			if !strings.Contains(ev, want) {
				t.Errorf("%s: evidence %q lacks %q", r.Address, ev, want)
			}
		}
	}

	byRule := map[string]int{}
	for _, f := range res.Report.Findings {
		byRule[f.Rule]++
		// Outside the EU, or outside France at level restricted.
		if f.Rule == "TC001" && (f.Location.EU == nil || *f.Location.EU) && f.Sensitivity.Level != "restricted" {
			t.Errorf("%s: TC001 in %s at level %s", f.Address, f.Location.Region, f.Sensitivity.Level)
		}
	}
	if byRule["TC001"] == 0 || byRule["TC002"] == 0 {
		t.Errorf("findings by rule %v: want TC001 (United States) and TC002 (sensitive data off SecNumCloud)", byRule)
	}
}

// TestExactCount checks the plan has exactly the resources asked for, small
// and odd sizes included.
func TestExactCount(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 61, 1234} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			data, st := generate(t, Options{Resources: n})
			var p struct {
				ResourceChanges []struct{ Address string } `json:"resource_changes"`
			}
			if err := json.Unmarshal(data, &p); err != nil {
				t.Fatal(err)
			}
			if len(p.ResourceChanges) != n || st.Resources != n {
				t.Errorf("%d resource changes, stats %d: want %d", len(p.ResourceChanges), st.Resources, n)
			}
		})
	}
	if _, err := Generate(&bytes.Buffer{}, Options{Resources: -1}); err == nil {
		t.Error("a negative size is accepted")
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := generate(t, Options{Resources: 500})
	b, _ := generate(t, Options{Resources: 500})
	if !bytes.Equal(a, b) {
		t.Error("two plans of the same size and seed differ")
	}
	c, _ := generate(t, Options{Resources: 500, Seed: 2})
	if bytes.Equal(a, c) {
		t.Error("another seed gives the same plan")
	}
}

// TestMix checks the proportions the benchmarks are meant to have: about
// 1.5 KB per resource, mostly AWS, a fifth tagged with a sensitivity level.
func TestMix(t *testing.T) {
	const n = 20000
	_, st := generate(t, Options{Resources: n})
	perResource := float64(st.Bytes) / n
	if perResource < 900 || perResource > 1800 {
		t.Errorf("%.0f bytes per resource", perResource)
	}
	if aws := float64(st.ByProvider["aws"]) / n; aws < 0.6 || aws > 0.85 {
		t.Errorf("aws share %.2f (%v)", aws, st.ByProvider)
	}
	for _, prov := range []string{"azurerm", "google", "random", "null"} {
		if st.ByProvider[prov] == 0 {
			t.Errorf("no %s resource (%v)", prov, st.ByProvider)
		}
	}
	if tagged := float64(st.Tagged) / n; tagged < 0.15 || tagged > 0.25 {
		t.Errorf("%.2f of the resources carry a data_sensitivity tag", tagged)
	}
	for _, a := range actionNames {
		if st.ByAction[a] == 0 {
			t.Errorf("no %s (%v)", a, st.ByAction)
		}
	}
}
