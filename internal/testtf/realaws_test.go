package testtf

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

// The test provider is only worth what its plans are like the real
// providers'. This machine image (and CI's) carries the real hashicorp/aws
// 5.100.0 in a Terraform filesystem mirror; TestRealAWS plans one
// configuration with it and with the test provider's 5.x tables
// (ProviderVersions aws=5.100.0) and compares what trustcloud reads.
//
// The comparison is against the 5.x tables, not the default 6.x ones, on
// purpose: the one known difference of 6.x (a top-level region on every
// regional resource, known at plan) is the point of 6.x and cannot be
// checked against a 5.x binary, while 5.x plans, where a resource's region
// is in the provider configuration only, are what most configurations in
// the field produce. So the test provider has a 5.x mode and this test
// holds it to the real provider exactly.
const (
	realAWSMirror  = "/opt/tf-plugins"
	realAWSVersion = "5.100.0"
)

// realAWSMirrorDir is the mirror, or a skip (a failure under CI) saying it
// is missing.
func realAWSMirrorDir(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(realAWSMirror, "registry.terraform.io", "hashicorp", "aws", realAWSVersion,
		runtime.GOOS+"_"+runtime.GOARCH, "terraform-provider-aws_v"+realAWSVersion+"_x5")
	if _, err := os.Stat(bin); err != nil {
		msg := fmt.Sprintf("the real hashicorp/aws %s is not in the filesystem mirror %s (%v): the test provider cannot be checked against it",
			realAWSVersion, realAWSMirror, err)
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return realAWSMirror
}

// readPlan is the part of a plan trustcloud's location and sensitivity
// rules read.
type readPlan struct {
	ResourceChanges []struct {
		Address      string `json:"address"`
		Type         string `json:"type"`
		ProviderName string `json:"provider_name"`
		Change       struct {
			Actions      []string       `json:"actions"`
			After        map[string]any `json:"after"`
			AfterUnknown map[string]any `json:"after_unknown"`
		} `json:"change"`
	} `json:"resource_changes"`
	Configuration struct {
		ProviderConfig map[string]any `json:"provider_config"`
		RootModule     struct {
			Resources []struct {
				Address           string         `json:"address"`
				ProviderConfigKey string         `json:"provider_config_key"`
				Expressions       map[string]any `json:"expressions"`
			} `json:"resources"`
		} `json:"root_module"`
	} `json:"configuration"`
}

// placeAttrs are the attributes trustcloud reads a resource's place and
// sensitivity from.
var placeAttrs = []string{"region", "availability_zone", "tags", "tags_all"}

// flowAttrs are the top-level attributes and blocks that the catalog's data
// flows of a hashicorp/aws type go through (replication_configuration of
// "replication_configuration[].rules[].destination[].bucket"): whether one
// is unknown at plan decides whether trustcloud can follow the flow.
func flowAttrs(t *testing.T, typ string) []string {
	t.Helper()
	c, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Provider("hashicorp/aws")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, f := range c.DataFlows(p, typ) {
		top, _, _ := strings.Cut(f.Path, ".")
		seen[strings.TrimSuffix(top, "[]")] = f.Path
	}
	return sortedKeys(seen)
}

// readAttr is what trustcloud sees of one top-level attribute of a planned
// value: absent (not in the schema), null, unknown, or its known value with
// the unknowns inside it (after_unknown's marks below the attribute).
func readAttr(after, afterUnknown map[string]any, name string) string {
	v, inAfter := after[name]
	u := afterUnknown[name]
	switch {
	case u == true:
		return "unknown"
	case !inAfter:
		return "absent"
	case v == nil:
		return "null"
	}
	b, _ := json.Marshal(v)
	out := "known " + string(b)
	if hasUnknown(u) {
		ub, _ := json.Marshal(u)
		out += ", unknown inside " + string(ub)
	}
	return out
}

// hasUnknown reports whether after_unknown's marks hold an unknown.
func hasUnknown(marks any) bool {
	switch m := marks.(type) {
	case bool:
		return m
	case []any:
		for _, e := range m {
			if hasUnknown(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range m {
			if hasUnknown(e) {
				return true
			}
		}
	}
	return false
}

// readView is what trustcloud sees of a plan: per resource, each of
// placeAttrs and of its type's flowAttrs as absent (not in the schema),
// null, unknown or its known value; the provider configurations; each
// resource's provider key and expressions.
func readView(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var p readPlan
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	changes := map[string]any{}
	for _, rc := range p.ResourceChanges {
		attrs := map[string]string{}
		for _, a := range append(append([]string(nil), placeAttrs...), flowAttrs(t, rc.Type)...) {
			attrs[a] = readAttr(rc.Change.After, rc.Change.AfterUnknown, a)
		}
		changes[rc.Address] = map[string]any{"provider_name": rc.ProviderName, "actions": rc.Change.Actions, "attributes": attrs}
	}
	resources := map[string]any{}
	for _, r := range p.Configuration.RootModule.Resources {
		resources[r.Address] = map[string]any{"provider_config_key": r.ProviderConfigKey, "expressions": r.Expressions}
	}
	return map[string]any{
		"resource_changes":                    changes,
		"configuration.provider_config":       p.Configuration.ProviderConfig,
		"configuration.root_module.resources": resources,
	}
}

func TestRealAWS(t *testing.T) {
	mirror := realAWSMirrorDir(t)
	tf := Terraform(t)
	real := Plan(t, tf, "testdata/realaws", Options{Mirror: mirror})
	test := Plan(t, tf, "testdata/realaws", Options{ProviderVersions: map[string]string{"aws": realAWSVersion}})

	got, want := readView(t, test.PlanJSON), readView(t, real.PlanJSON)
	if len(want["resource_changes"].(map[string]any)) == 0 {
		t.Fatalf("the real provider planned no resource:\n%s", real.PlanJSON)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("what trustcloud reads differs between the real hashicorp/aws %s and the test provider (-real +test):\n%s", realAWSVersion, diff)
	}

	// Keep schemas real: every attribute and block of the test provider's
	// 5.x tables exists in the real schema, with the same type.
	realSchema := providerSchema(t, real.Run(t, "providers", "schema", "-json"))
	testSchema := providerSchema(t, test.Run(t, "providers", "schema", "-json"))
	for _, path := range sortedKeys(testSchema) {
		rt, ok := realSchema[path]
		if !ok {
			t.Errorf("%s: in the test provider, not in the real hashicorp/aws %s", path, realAWSVersion)
			continue
		}
		if tt := testSchema[path]; tt != rt {
			t.Errorf("%s: type %s in the test provider, %s in the real one", path, tt, rt)
		}
	}
}

// providerSchema flattens `providers schema -json` of hashicorp/aws into
// path → type: "provider.region", "resource.aws_s3_bucket.tags",
// "data.aws_region.name"; a block is "block".
func providerSchema(t *testing.T, data []byte) map[string]string {
	t.Helper()
	var s struct {
		ProviderSchemas map[string]struct {
			Provider          schemaEntry            `json:"provider"`
			ResourceSchemas   map[string]schemaEntry `json:"resource_schemas"`
			DataSourceSchemas map[string]schemaEntry `json:"data_source_schemas"`
		} `json:"provider_schemas"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	p, ok := s.ProviderSchemas["registry.terraform.io/hashicorp/aws"]
	if !ok {
		t.Fatalf("no hashicorp/aws in the schemas: %v", s.ProviderSchemas)
	}
	out := map[string]string{}
	p.Provider.Block.flatten("provider", out)
	for name, e := range p.ResourceSchemas {
		e.Block.flatten("resource."+name, out)
	}
	for name, e := range p.DataSourceSchemas {
		e.Block.flatten("data."+name, out)
	}
	return out
}

type schemaEntry struct {
	Block schemaBlock `json:"block"`
}

type schemaBlock struct {
	Attributes map[string]struct {
		Type json.RawMessage `json:"type"`
	} `json:"attributes"`
	BlockTypes map[string]struct {
		Block schemaBlock `json:"block"`
	} `json:"block_types"`
}

func (b schemaBlock) flatten(prefix string, out map[string]string) {
	for name, a := range b.Attributes {
		out[prefix+"."+name] = string(a.Type)
		// A list or set of objects (an SDKv2 "attribute as block", such as
		// aws_security_group's ingress) is written as blocks in the
		// configuration, which is how the test provider declares it: its
		// fields are compared as a block's.
		var coll []json.RawMessage
		var obj []json.RawMessage
		var fields map[string]json.RawMessage
		if json.Unmarshal(a.Type, &coll) == nil && len(coll) == 2 && (string(coll[0]) == `"set"` || string(coll[0]) == `"list"`) &&
			json.Unmarshal(coll[1], &obj) == nil && len(obj) == 2 && string(obj[0]) == `"object"` && json.Unmarshal(obj[1], &fields) == nil {
			out[prefix+"."+name] = "block"
			for f, ft := range fields {
				out[prefix+"."+name+"."+f] = string(ft)
			}
		}
	}
	for name, nb := range b.BlockTypes {
		out[prefix+"."+name] = "block"
		nb.Block.flatten(prefix+"."+name, out)
	}
}
