package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/golden"
)

const (
	metadataDir = "../../catalog/metadata"
	dataDir     = "../../catalog/data"
)

// TestGolden runs the generator on a small extract of every format (AWS,
// Google with a beta-only row, AzureRM with when/default flows, AzureAD and
// region pairs, OVH with `;` lists and a `;` dataflow path, IONOS with a
// literal default location) and compares the three files with the goldens.
func TestGolden(t *testing.T) {
	o, err := Generate(os.DirFS("testdata/metadata"))
	if err != nil {
		t.Fatal(err)
	}
	files := o.Files()
	if len(files) != 3 {
		t.Fatalf("got %d files, want 3", len(files))
	}
	for name, got := range files {
		t.Run(name, func(t *testing.T) {
			golden.Assert(t, filepath.Join("testdata", "golden", name), got)
		})
	}
}

// TestRows checks, on the same extract, the facts the goldens hold, one by
// one, so that a golden rewritten with -update (make golden) cannot hide a regression.
func TestRows(t *testing.T) {
	o, err := Generate(os.DirFS("testdata/metadata"))
	if err != nil {
		t.Fatal(err)
	}
	types := map[[2]string]Type{}
	for _, ty := range o.Types {
		types[[2]string{ty.Source, ty.Type}] = ty
	}
	typeTests := []struct {
		name   string
		source string
		typ    string
		want   *Type // nil: no row
	}{
		{"aws regional with region", "hashicorp/aws", "data.aws_s3_bucket", &Type{Scope: "regional", LocationAttrs: "region", Ref: "aws/resource-scope.tsv:4"}},
		{"aws pinned to us-east-1", "hashicorp/aws", "aws_route53_zone", &Type{Scope: "global", Default: "us-east-1", Ref: "aws/resource-scope.tsv:3"}},
		{"aws legacy region", "hashicorp/aws", "aws_cloudformation_stack_set_instance", &Type{Scope: "regional", LocationAttrs: "region", Ref: "aws/resource-scope.tsv:6"}},
		{"aws parent", "hashicorp/aws", "aws_instance", &Type{Scope: "parent", LocationAttrs: "region", ParentAttrs: "subnet_id", Ref: "aws/resource-scope.tsv:2"}},
		{"google ga row in google", "hashicorp/google", "google_bigquery_dataset", &Type{Scope: "location", LocationAttrs: "location", Default: "US", Ref: "google/resource-scope.tsv:3"}},
		{"google ga row in google-beta", "hashicorp/google-beta", "google_bigquery_dataset", &Type{Scope: "location", LocationAttrs: "location", Default: "US", Ref: "google/resource-scope.tsv:3"}},
		{"google provider default is no literal", "hashicorp/google", "google_compute_instance", &Type{Scope: "zonal", LocationAttrs: "zone", Ref: "google/resource-scope.tsv:4"}},
		{"google beta-only row not in google", "hashicorp/google", "google_active_directory_peering", nil},
		{"google beta-only row in google-beta", "hashicorp/google-beta", "google_active_directory_peering", &Type{Scope: "global", Ref: "google/resource-scope.tsv:5"}},
		{"azurerm not_applicable", "hashicorp/azurerm", "data.azurerm_storage_account_sas", &Type{Scope: "none", Ref: "azurerm/resource-scope.tsv:5"}},
		{"azurerm ; parents", "hashicorp/azurerm", "azurerm_advisor_suppression", &Type{Scope: "parent", ParentAttrs: "resource_id,recommendation_id", Ref: "azurerm/resource-scope.tsv:6"}},
		{"azuread", "hashicorp/azuread", "azuread_group", &Type{Scope: "global", Ref: "azurerm/azuread.tsv:3"}},
		{"azuread not in azurerm", "hashicorp/azurerm", "azuread_group", nil},
		{"ovh ; locations", "ovh/ovh", "ovh_vps", &Type{Scope: "zonal", LocationAttrs: "zone,model.datacenter,plan[].configuration[label=vps_datacenter].value", ParentAttrs: "service_name", Ref: "ovh/resource-scope.tsv:3"}},
		{"ovh nested locations", "ovh/ovh", "ovh_cloud_floating_ip", &Type{Scope: "regional", LocationAttrs: "availability_zone,region,current_state.location.availability_zone,current_state.location.region", Ref: "ovh/resource-scope.tsv:4"}},
		{"eu literal default", "ionos-cloud/ionoscloud", "ionoscloud_s3_bucket", &Type{Scope: "regional", LocationAttrs: "region", Default: "eu-central-3", Ref: "ionoscloud/resource-scope.tsv:2"}},
		{"eu prose is no default", "ovh/ovh", "ovh_cloud_project_storage", &Type{Scope: "regional", LocationAttrs: "region,region_name,replication.rules[].destination.region", Ref: "ovh/resource-scope.tsv:2"}},
	}
	for _, tt := range typeTests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := types[[2]string{tt.source, tt.typ}]
			if tt.want == nil {
				if ok {
					t.Fatalf("unexpected row %+v", got)
				}
				return
			}
			if !ok {
				t.Fatalf("no row for %s %s", tt.source, tt.typ)
			}
			want := *tt.want
			want.Source, want.Type = tt.source, tt.typ
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	flows := map[string]Flow{}
	for _, f := range o.Flows {
		flows[f.Source+" "+f.Ref] = f
	}
	flowTests := []struct {
		name string
		key  string
		want Flow
	}{
		{"azurerm when and default", "hashicorp/azurerm azurerm/dataflows.tsv:4",
			Flow{Type: "azurerm_storage_account", Path: "cross_tenant_replication_enabled", Flow: "replica", Value: "enum", When: "true", Default: "false"}},
		{"azurerm secondary_location", "hashicorp/azurerm azurerm/dataflows.tsv:3",
			Flow{Type: "azurerm_storage_account", Path: "secondary_location", Flow: "secondary", Value: "location", When: "non-empty"}},
		{"ovh ; path", "ovh/ovh ovh/dataflows.tsv:2",
			Flow{Type: "ovh_cloud_project_storage", Path: "replication.rules[].destination.region", Context: "replication.rules[].destination.name", Flow: "replica", Value: "region"}},
		{"google in google", "hashicorp/google google/dataflows.tsv:3",
			Flow{Type: "google_storage_bucket", Path: "location", Flow: "multi_location", Value: "location"}},
		{"google in google-beta", "hashicorp/google-beta google/dataflows.tsv:3",
			Flow{Type: "google_storage_bucket", Path: "location", Flow: "multi_location", Value: "location"}},
		{"aws account", "hashicorp/aws aws/dataflows.tsv:4",
			Flow{Type: "aws_s3_bucket_replication_configuration", Path: "rule[].destination[].account", Flow: "replica", Value: "account"}},
		{"ionos restore", "ionos-cloud/ionoscloud ionoscloud/dataflows.tsv:3",
			Flow{Type: "ionoscloud_pg_cluster", Path: "from_backup[].backup_id", Flow: "inbound", Value: "reference"}},
	}
	for _, tt := range flowTests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := flows[tt.key]
			if !ok {
				t.Fatalf("no dataflow row %s", tt.key)
			}
			want := tt.want
			want.Source, want.Ref = got.Source, got.Ref
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	wantPairs := []Pair{
		{sourceAzureRM, "francecentral", "francesouth", "azurerm/region-pairs.tsv:2"},
		{sourceAzureRM, "francesouth", "francecentral", "azurerm/region-pairs.tsv:3"},
		{sourceAzureRM, "westeurope", "northeurope", "azurerm/region-pairs.tsv:5"},
	}
	if diff := cmp.Diff(wantPairs, o.Pairs); diff != "" {
		t.Errorf("region pairs: the region without a pair (italynorth) must be left out (-want +got):\n%s", diff)
	}
}

const (
	euHeader   = "type\tscope\tlocation_attrs\tparent_attrs\tsource\tkind\tattr_flags\tlocation_when_unset\tnote\n"
	flowHeader = "type\tattribute_path\tflow\tvalue\tnote\n"
)

// euFS is a metadata folder with one European provider.
func euFS(scope, flows string) fstest.MapFS {
	return fstest.MapFS{
		"ovh/resource-scope.tsv": {Data: []byte(euHeader + scope)},
		"ovh/dataflows.tsv":      {Data: []byte(flowHeader + flows)},
	}
}

func TestErrors(t *testing.T) {
	okScope := "ovh_a\tregional\tregion\t\tx.go\tresource\t\t\t\n"
	okFlow := "ovh_a\tregion\treplica\tregion_code\tn\n"
	tests := []struct {
		name string
		fsys fstest.MapFS
		want []string // every string must be in the error
	}{
		{"unmapped scope", euFS(okScope+"ovh_b\tcontinental\t\t\tx.go\tresource\t\t\t\n", okFlow),
			[]string{`ovh/resource-scope.tsv:3: scope "continental" is not mapped`}},
		{"scope of another format", euFS("ovh_a\tnot_applicable\t\t\tx.go\tresource\t\t\t\n", ""),
			[]string{`ovh/resource-scope.tsv:2: scope "not_applicable" is not mapped`}},
		{"unmapped flow", euFS(okScope, okFlow+"ovh_a\tregion\tteleport\tregion_code\tn\n"),
			[]string{`ovh/dataflows.tsv:3: flow "teleport" is not mapped`}},
		{"unmapped value", euFS(okScope, "ovh_a\tregion\treplica\tcontinent\tn\n"),
			[]string{`ovh/dataflows.tsv:2: value "continent" is not mapped`}},
		{"duplicate type", euFS(okScope+"ovh_b\tglobal\t\t\tx.go\tresource\t\t\t\novh_a\tzonal\tzone\t\tx.go\tresource\t\t\t\n", okFlow),
			[]string{`ovh/resource-scope.tsv:4: ovh_a for ovh/ovh is already at ovh/resource-scope.tsv:2`}},
		{"dataflow of an unknown type", euFS(okScope, "ovh_z\tregion\treplica\tregion_code\tn\n"),
			[]string{`ovh/dataflows.tsv:2: type "ovh_z" has no row`}},
		{"not a path", euFS("ovh_a\tregional\tregion name\t\tx.go\tresource\t\t\t\n", ""),
			[]string{`ovh/resource-scope.tsv:2: location attributes: "region name" is not an attribute path`}},
		{"empty dataflow path", euFS(okScope, "ovh_a\t ; \treplica\tregion_code\tn\n"),
			[]string{`ovh/dataflows.tsv:2: attribute_path is empty`}},
		{"field count", euFS("ovh_a\tregional\n", ""),
			[]string{`ovh/resource-scope.tsv:2: 2 fields where the header has 9`}},
		{"missing column", fstest.MapFS{
			"ovh/resource-scope.tsv": {Data: []byte("type\tscope\n")},
			"ovh/dataflows.tsv":      {Data: []byte(flowHeader)},
		}, []string{`ovh/resource-scope.tsv:1: header lacks column(s) location_attrs, parent_attrs, location_when_unset`}},
		{"aws region_attr", fstest.MapFS{
			"aws/resource-scope.tsv": {Data: []byte("type\tkind\tscope\tregion_attr\tparent_attrs\tsource\naws_a\tresource\tregional\tmaybe\t\tx\n")},
			"aws/dataflows.tsv":      {Data: []byte(flowHeader)},
		}, []string{`aws/resource-scope.tsv:2: region_attr "maybe" is not mapped`}},
		{"aws scope of another format", fstest.MapFS{
			"aws/resource-scope.tsv": {Data: []byte("type\tkind\tscope\tregion_attr\tparent_attrs\tsource\naws_a\tresource\tzonal\tyes\t\tx\n")},
			"aws/dataflows.tsv":      {Data: []byte(flowHeader)},
		}, []string{`aws/resource-scope.tsv:2: scope "zonal" is not mapped`}},
		{"google version", fstest.MapFS{
			"google/resource-scope.tsv": {Data: []byte("type\tscope\tlocation_attrs\tparent_attrs\turl_template\tsource\tkind\tversions\tlocation_default\tbasis\n" +
				"google_a\tglobal\t\t\tu\ts\tresource\talpha\t\tb\ngoogle_b\tglobal\t\t\tu\ts\tresource\tga\t\tb\n")},
			"google/dataflows.tsv": {Data: []byte(flowHeader + "\tsource\n")},
		}, []string{`google/resource-scope.tsv:2: version "alpha" is not one of ga, beta`, `google/resource-scope.tsv:3: versions "ga" lacks beta`}},
		{"unknown folder", fstest.MapFS{"acme/resource-scope.tsv": {Data: []byte(euHeader)}},
			[]string{`acme: unknown provider folder`}},
		{"every error reported", euFS(okScope+"ovh_b\tcontinental\t\t\tx.go\tresource\t\t\t\n", "ovh_a\tregion\tteleport\tcontinent\tn\n"),
			[]string{`ovh/resource-scope.tsv:3: scope "continental"`, `ovh/dataflows.tsv:2: flow "teleport"`, `ovh/dataflows.tsv:2: value "continent"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := Generate(tt.fsys)
			if err == nil {
				t.Fatalf("no error; output %+v", o)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not contain %q", err, w)
				}
			}
		})
	}
}

// TestIdenticalDuplicate: a type listed twice with the same facts is one
// row (the first), not an error.
func TestIdenticalDuplicate(t *testing.T) {
	row := "ovh_a\tregional\tregion\t\tx.go\tresource\t\t\t\n"
	o, err := Generate(euFS(row+row, ""))
	if err != nil {
		t.Fatal(err)
	}
	want := []Type{{Source: "ovh/ovh", Type: "ovh_a", Scope: "regional", LocationAttrs: "region", Ref: "ovh/resource-scope.tsv:2"}}
	if diff := cmp.Diff(want, o.Types); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestLiteralLocation(t *testing.T) {
	tests := map[string]string{
		"eu-central-3 (schema description); object storage endpoint per region": "eu-central-3",
		"fr-par-1":                           "fr-par-1",
		"de/fra":                             "de/fra",
		"required":                           "",
		"provider region when not given":     "",
		"provider default_region, else eu01": "",
		"global":                             "",
		"":                                   "",
		"fr-par then the provider region":    "",
	}
	for in, want := range tests {
		if got := literalLocation(in); got != want {
			t.Errorf("literalLocation(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCommittedData: the committed generated files are what the committed
// metadata gives, so neither can change without the other.
func TestCommittedData(t *testing.T) {
	meta := os.DirFS(metadataDir)
	if m := Missing(meta); len(m) > 0 {
		t.Fatalf("metadata folders missing: %v", m)
	}
	o, err := Generate(meta)
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range o.Files() {
		want, err := os.ReadFile(filepath.Join(dataDir, name))
		if err != nil {
			t.Fatalf("%v: run make catalog", err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("%s/%s is not what internal/catalog/metadata gives: run make catalog and commit the result\n%s",
				dataDir, name, cmp.Diff(string(want), string(got)))
		}
	}
}

// TestEveryTypeHasScope reads the copied metadata on its own, without the
// generator's code, and checks that every type has a row with a scope in
// the committed types.tsv, under each provider source it belongs to.
func TestEveryTypeHasScope(t *testing.T) {
	sources := map[string][]string{
		"aws": {"hashicorp/aws"}, "azurerm": {"hashicorp/azurerm"},
		"scaleway": {"scaleway/scaleway"}, "outscale": {"outscale/outscale"}, "ovh": {"ovh/ovh"},
		"openstack": {"terraform-provider-openstack/openstack"}, "numspot": {"numspot/numspot"},
		"cloudtemple": {"Cloud-Temple/cloudtemple"}, "exoscale": {"exoscale/exoscale"},
		"stackit": {"stackitcloud/stackit"}, "ionoscloud": {"ionos-cloud/ionoscloud"}, "hcloud": {"hetznercloud/hcloud"},
	}
	generated := readTSV(t, filepath.Join(dataDir, "types.tsv"), 2)
	if h := strings.Join(generated[0], " "); h != "source type scope location_attrs parent_attrs default ref" {
		t.Fatalf("types.tsv header is %q", h)
	}
	scope := map[string]string{}
	for _, r := range generated[1:] {
		scope[r[0]+" "+r[1]] = r[2]
	}
	check := func(file string, line int, source, typ string) {
		t.Helper()
		if scope[source+" "+typ] == "" {
			t.Errorf("%s:%d: %s has no row with a scope for %s in types.tsv", file, line, typ, source)
		}
	}
	count := 0
	err := fs.WalkDir(os.DirFS(metadataDir), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		dir, base := filepath.Split(path)
		dir = strings.TrimSuffix(dir, "/")
		if base != "resource-scope.tsv" && base != "azuread.tsv" {
			return nil
		}
		rows := readTSV(t, filepath.Join(metadataDir, path), 1)
		versions := -1
		for i, c := range rows[0] {
			if c == "versions" {
				versions = i
			}
		}
		for i, r := range rows[1:] {
			count++
			line := i + 2
			switch {
			case base == "azuread.tsv":
				check(path, line, "hashicorp/azuread", r[0])
			case dir == "google":
				check(path, line, "hashicorp/google-beta", r[0])
				if strings.Contains(r[versions], "ga") {
					check(path, line, "hashicorp/google", r[0])
				}
			default:
				if len(sources[dir]) == 0 {
					t.Fatalf("%s: no provider source known for folder %s", path, dir)
				}
				for _, s := range sources[dir] {
					check(path, line, s, r[0])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// 2,222 AWS, 1,952 Google, 1,497 AzureRM, 74 AzureAD and 1,747 European rows.
	if count != 7492 {
		t.Errorf("read %d metadata types, want 7492: did a file go missing?", count)
	}
}

// readTSV reads a tab-separated file, skipping its first skip-1 lines.
func readTSV(t *testing.T, path string, skip int) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")[skip-1:]
	out := make([][]string, len(lines))
	for i, l := range lines {
		out[i] = strings.Split(l, "\t")
	}
	return out
}

// TestRun runs the command on a copy of the committed metadata: it writes
// the committed files; then, with one scope broken, it fails and names the
// file and line.
func TestRun(t *testing.T) {
	in := t.TempDir()
	if err := os.CopyFS(in, os.DirFS(metadataDir)); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-in", in, "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, name := range []string{"types.tsv", "dataflows.tsv", "region-pairs.tsv"} {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(dataDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s written by run differs from the committed one", name)
		}
	}

	path := filepath.Join(in, "ovh", "resource-scope.tsv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(data), "\n", 3)
	fields := strings.Split(lines[1], "\t")
	fields[1] = "continental"
	lines[1] = strings.Join(fields, "\t")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := run([]string{"-in", in, "-out", out}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d, want 1; stderr: %s", code, stderr.String())
	}
	want := "catalogtypes: " + path + `:2: scope "continental" is not mapped`
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q does not contain %q", stderr.String(), want)
	}
}
