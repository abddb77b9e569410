package catalog

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestEveryMetadataTypeHasAScope reads the providers' metadata as it is
// committed (internal/catalog/metadata) and asks the embedded catalog, not
// the generated file, for every type: each has a scope.
func TestEveryMetadataTypeHasAScope(t *testing.T) {
	c := defaultCatalogT(t)
	sources := map[string][]string{
		"aws": {"hashicorp/aws"}, "google": {"hashicorp/google-beta"}, "azurerm": {"hashicorp/azurerm"},
		"scaleway": {"scaleway/scaleway"}, "outscale": {"outscale/outscale"}, "ovh": {"ovh/ovh"},
		"openstack": {"terraform-provider-openstack/openstack"}, "numspot": {"numspot/numspot"},
		"cloudtemple": {"Cloud-Temple/cloudtemple"}, "exoscale": {"exoscale/exoscale"}, "stackit": {"stackitcloud/stackit"},
		"ionoscloud": {"ionos-cloud/ionoscloud"}, "hcloud": {"hetznercloud/hcloud"},
	}
	total := 0
	for folder, srcs := range sources {
		data, err := os.ReadFile(filepath.Join("metadata", folder, "resource-scope.tsv"))
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n")[1:] {
			typ := strings.SplitN(line, "\t", 2)[0]
			for _, src := range srcs {
				p := &Provider{Source: src}
				ts, ok := c.TypeScope(p, typ)
				if !ok || !slices.Contains(Scopes, ts.Scope) {
					t.Errorf("%s/resource-scope.tsv:%d: %s of %s has no scope in the catalog", folder, i+2, typ, src)
					continue
				}
				total++
			}
		}
	}
	if total < 7000 {
		t.Errorf("%d types with a scope; the metadata has over 7,000", total)
	}
}

func TestTypeScopeRows(t *testing.T) {
	c := defaultCatalogT(t)
	tests := []struct {
		source, typ, scope string
		parent             string
	}{
		{"hashicorp/aws", "aws_dx_gateway", ScopeGlobal, ""},
		{"hashicorp/aws", "aws_s3_object", ScopeParent, "bucket"},
		{"hashicorp/aws", "data.aws_caller_identity", ScopeGlobal, ""},
		{"hashicorp/google", "google_monitoring_alert_policy", ScopeProject, ""},
		{"hashicorp/google", "google_pubsub_topic", ScopeGlobal, ""},
		{"hashicorp/google", "google_storage_bucket_object", ScopeParent, "bucket"},
		{"hashicorp/azurerm", "azurerm_key_vault_secret", ScopeParent, "key_vault_id"},
		{"registry.terraform.io/hashicorp/azurerm", "azurerm_monitor_diagnostic_setting", ScopeParent, "target_resource_id"},
	}
	for _, tt := range tests {
		p, err := c.Provider(tt.source)
		if err != nil {
			t.Fatal(err)
		}
		ts, ok := c.TypeScope(p, tt.typ)
		if !ok {
			t.Errorf("%s %s: no row", tt.source, tt.typ)
			continue
		}
		if ts.Scope != tt.scope || tt.parent != "" && !slices.Contains(ts.ParentAttributes, tt.parent) {
			t.Errorf("%s %s: scope %s, parents %v; want %s, %s", tt.source, tt.typ, ts.Scope, ts.ParentAttributes, tt.scope, tt.parent)
		}
		if !strings.Contains(ts.Ref, "resource-scope.tsv:") {
			t.Errorf("%s %s: ref %q does not name the metadata row", tt.source, tt.typ, ts.Ref)
		}
	}
}

func TestDataFlowsAndPairs(t *testing.T) {
	c := defaultCatalogT(t)
	az, _ := c.Provider("hashicorp/azurerm")
	var repl *DataFlow
	for _, f := range c.DataFlows(az, "azurerm_storage_account") {
		if f.Path == "account_replication_type" {
			repl = f
		}
	}
	if repl == nil || repl.Flow != FlowPairedRegion || repl.Value != ValueEnum {
		t.Fatalf("azurerm_storage_account account_replication_type: %+v", repl)
	}
	for v, want := range map[string]bool{"GRS": true, "RAGZRS": true, "grs": true, "LRS": false, "ZRS": false, "": false} {
		if got := repl.Holds(v); got != want {
			t.Errorf("Holds(%q) = %v, want %v", v, got, want)
		}
	}
	fr := c.regionKeys["azure"]["francecentral"]
	if fr == nil {
		t.Fatal("azure francecentral missing")
	}
	pair, ok := c.Pair(fr)
	if !ok || pair.Code != "francesouth" {
		t.Errorf("pair of francecentral = %v, %v; want francesouth", pair, ok)
	}
	if reg, ok := c.GlobalScope("s3ns"); !ok || reg.Code != "u-france-east1" {
		t.Errorf("S3NS global scope = %v, %v; want u-france-east1", reg, ok)
	}
	if _, ok := c.GlobalScope("google"); ok {
		t.Error("Google's global scope is worldwide: no region")
	}
}

func TestHolds(t *testing.T) {
	tests := []struct {
		when, value string
		want        bool
	}{
		{"", "x", true}, {"", "", false}, {"", "false", false},
		{"any", "Europe", true}, {"non-empty", "", false},
		{"not None", "NorthEurope", true}, {"not None", "None", false},
		{">0", "1", true}, {">0", "0", false}, {">0", "x", false},
		{"Global*|DataZone*", "GlobalStandard", true}, {"Global*|DataZone*", "Standard", false},
		{"true", "true", true}, {"true", "false", false},
	}
	for _, tt := range tests {
		f := &DataFlow{When: tt.when}
		if got := f.Holds(tt.value); got != tt.want {
			t.Errorf("when %q, value %q: %v, want %v", tt.when, tt.value, got, tt.want)
		}
	}
}

// TestUserTypeScopes: a catalog file extends and overrides the tables
// type by type, and bad rows are refused with their place.
func TestUserTypeScopes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "types.json")
	writeFile(t, good, `{"schema_version": "1",
 "type_scopes": [
  {"source": "hashicorp/aws", "type": "aws_s3_object", "scope": "regional", "location_attributes": ["region"]},
  {"source": "hashicorp/aws", "type": "aws_brand_new_thing", "scope": "global"}],
 "data_flows": [
  {"source": "hashicorp/aws", "type": "aws_sqs_queue", "path": "mirror_region", "flow": "replica", "value": "region"}]}`)
	c, err := Load(good)
	if err != nil {
		t.Fatal(err)
	}
	aws, _ := c.Provider("hashicorp/aws")
	if ts, _ := c.TypeScope(aws, "aws_s3_object"); ts.Scope != ScopeRegional || !strings.Contains(ts.Ref, "types.json $.type_scopes[0]") {
		t.Errorf("override: %+v", ts)
	}
	if ts, ok := c.TypeScope(aws, "aws_brand_new_thing"); !ok || ts.Scope != ScopeGlobal {
		t.Errorf("extension: %+v %v", ts, ok)
	}
	if ts, ok := c.TypeScope(aws, "aws_dx_gateway"); !ok || ts.Scope != ScopeGlobal {
		t.Errorf("untouched generated row lost: %+v %v", ts, ok)
	}
	flows := c.DataFlows(aws, "aws_sqs_queue")
	if len(flows) != 1 || flows[0].Path != "mirror_region" {
		t.Errorf("a file's flows for a type replace the generated ones: %+v", flows)
	}

	bad := filepath.Join(dir, "bad.json")
	writeFile(t, bad, `{"schema_version": "1",
 "type_scopes": [{"source": "hashicorp/aws", "type": "x", "scope": "planetary"},
                 {"source": "hashicorp/aws", "type": "y", "scope": "parent"}],
 "data_flows": [{"source": "hashicorp/aws", "type": "x", "path": "p", "flow": "teleport", "value": "region"}]}`)
	_, err = Load(bad)
	if err == nil {
		t.Fatal("bad rows accepted")
	}
	got := places(catalogErrors(t, err))
	want := []where{{bad, "$.type_scopes[0].scope"}, {bad, "$.type_scopes[1].parent_attributes"}, {bad, "$.data_flows[0].flow"}}
	if !slices.Equal(got, want) {
		t.Errorf("errors at %v, want %v (%v)", got, want, err)
	}
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestEachRow: rows are cut at tabs into exactly the fields asked for,
// comments, blank lines and the header skipped; a row with another number
// of fields is an error naming the table and the line.
func TestEachRow(t *testing.T) {
	const table = "# generated\nsource\ttype\tref\n\na\tb\tc\r\nd\t\tf\n"
	var got [][]string
	if err := eachRow("t.tsv", table, 3, func(f []string) { got = append(got, slices.Clone(f)) }); err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"a", "b", "c"}, {"d", "", "f"}}
	if !slices.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Errorf("rows %q, want %q", got, want)
	}
	for _, bad := range []struct{ table, want string }{
		{"h\th\th\nx\ty\n", "t.tsv: line 2 has 2 fields, want 3"},
		{"h\th\th\nx\ty\tz\tw\n", "t.tsv: line 2 has 4 fields, want 3"},
	} {
		err := eachRow("t.tsv", bad.table, 3, func([]string) {})
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: error %v, want %q", bad.table, err, bad.want)
		}
	}
}

// TestTypeAttributesPrecomputed: the attribute paths worked out with the
// generated tables are those of the catalog's own tables.
func TestTypeAttributesPrecomputed(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if c.typeAttrs == nil {
		t.Fatal("the default catalog has no precomputed type attributes")
	}
	got, want := c.TypeAttributes(), typeAttributes(c.typeScopes, c.dataFlows)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) || len(got) == 0 {
		t.Errorf("precomputed type attributes differ from the tables' (%d against %d)", len(got), len(want))
	}
}
