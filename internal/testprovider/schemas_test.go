package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/trustcloud/trustcloud/internal/golden"
	"github.com/trustcloud/trustcloud/internal/testcorpus"
)

// The embedded schema files are made from the reference copies of the
// real providers' schemas (the shared provider-metadata directory,
// ../shared/reference/provider-metadata or TRUSTCLOUD_PROVIDER_METADATA: <provider>/schema*.json.gz, azurerm's
// release schema in its own format, aws/resource-scope.tsv):
//
//	TRUSTCLOUD_PROVIDER_METADATA=/path/to/provider-metadata go test ./internal/testprovider -run TestSchemaFiles -update
//
// (make golden runs it too). Without -update, TestSchemaFiles checks that
// the embedded files are still what the reference gives, with its
// structure.

// schemaSources are the embedded files and the reference file each is
// made from (relative to TRUSTCLOUD_PROVIDER_METADATA).
var schemaSources = []struct{ file, source, address string }{
	{"aws-5.100.0.json.gz", "aws/schema-5.100.0.json.gz", ""},
	{"azurerm-5.2.0.json.gz", "azurerm/release-schema-a1a4086e.json.gz", "registry.terraform.io/hashicorp/azurerm"},
	{"scaleway.json.gz", "scaleway/schema.json.gz", ""},
	{"outscale.json.gz", "outscale/schema.json.gz", ""},
	{"ovh.json.gz", "ovh/schema.json.gz", ""},
	{"openstack.json.gz", "openstack/schema.json.gz", ""},
	{"numspot.json.gz", "numspot/schema.json.gz", ""},
}

func referenceDir(t *testing.T) string {
	t.Helper()
	return testcorpus.MetadataDir(t)
}

func TestSchemaFiles(t *testing.T) {
	dir := referenceDir(t)
	for _, s := range schemaSources {
		t.Run(s.file, func(t *testing.T) {
			raw, err := gunzipFile(filepath.Join(dir, s.source))
			if err != nil {
				t.Fatal(err)
			}
			var want []byte
			if s.address != "" {
				want, err = shrinkSDKv2(raw, s.address)
			} else {
				want, err = shrinkSchema(raw)
			}
			if err != nil {
				t.Fatal(err)
			}
			// Compared uncompressed, stored gzip-compressed.
			golden.Assert(t, filepath.Join("schemas", s.file), want)
			if s.address == "" {
				// Shrinking keeps the structure: the reference and the
				// shrunk file describe the same types.
				if diff := cmp.Diff(structureOf(t, raw), structureOf(t, want)); diff != "" {
					t.Errorf("structure lost in shrinking (-reference +shrunk):\n%s", diff)
				}
			}
		})
	}
	t.Run("aws-v6-regional.txt", func(t *testing.T) {
		want, err := awsRegionalList(filepath.Join(dir, "aws", "resource-scope.tsv"))
		if err != nil {
			t.Fatal(err)
		}
		golden.Assert(t, filepath.Join("schemas", "aws-v6-regional.txt"), want)
	})
}

// awsRegionalList lists the resource types of resource-scope.tsv whose
// region_attr is yes: those that have the top-level region since 6.0.
func awsRegionalList(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var col map[string]int
	var names []string
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if col == nil {
			col = map[string]int{}
			for i, c := range fields {
				col[c] = i
			}
			for _, c := range []string{"type", "kind", "region_attr"} {
				if _, ok := col[c]; !ok {
					return nil, fmt.Errorf("%s: no column %s", path, c)
				}
			}
			continue
		}
		if len(fields) <= col["region_attr"] {
			continue
		}
		if fields[col["kind"]] == "resource" && fields[col["region_attr"]] == "yes" {
			names = append(names, fields[col["type"]])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	sort.Strings(names)
	var b bytes.Buffer
	b.WriteString("# hashicorp/aws resource types with the top-level region argument since 6.0\n")
	b.WriteString("# (provider-metadata/aws/resource-scope.tsv, region_attr = yes); made by schemas_test.go.\n")
	for _, n := range names {
		b.WriteString(n + "\n")
	}
	return b.Bytes(), nil
}

func gunzipFile(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out bytes.Buffer
	if _, err := out.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out.Bytes(), nil
}

// shrinkSchema keeps the resource schemas of a `terraform providers schema
// -json` document, without descriptions and deprecation notes.
func shrinkSchema(raw []byte) ([]byte, error) {
	var doc struct {
		FormatVersion   string `json:"format_version"`
		ProviderSchemas map[string]struct {
			ResourceSchemas map[string]jsonSchema `json:"resource_schemas"`
		} `json:"provider_schemas"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	for addr, p := range doc.ProviderSchemas {
		for name, s := range p.ResourceSchemas {
			s.Block = compactBlock(s.Block)
			p.ResourceSchemas[name] = s
		}
		doc.ProviderSchemas[addr] = p
	}
	return json.Marshal(doc)
}

func compactBlock(b jsonBlock) jsonBlock {
	for name, a := range b.Attributes {
		b.Attributes[name] = compactAttr(a)
	}
	for name, bt := range b.BlockTypes {
		bt.Block = compactBlock(bt.Block)
		b.BlockTypes[name] = bt
	}
	return b
}

func compactAttr(a jsonAttr) jsonAttr {
	if len(a.Type) > 0 {
		var c bytes.Buffer
		if err := json.Compact(&c, a.Type); err == nil {
			a.Type = c.Bytes()
		}
	}
	if a.NestedType != nil {
		for name, sub := range a.NestedType.Attributes {
			a.NestedType.Attributes[name] = compactAttr(sub)
		}
	}
	return a
}

// sdkSchema is an attribute of azurerm's release schema
// (.release/provider-schema.json): the SDKv2 helper/schema.Schema as JSON.
type sdkSchema struct {
	Type       string          `json:"type"`
	Optional   bool            `json:"optional"`
	Required   bool            `json:"required"`
	Computed   bool            `json:"computed"`
	Sensitive  bool            `json:"sensitive"`
	Elem       json.RawMessage `json:"elem"`
	MaxItems   int             `json:"maxItems"`
	MinItems   int             `json:"minItems"`
	ConfigMode string          `json:"configMode"`
}

type sdkResource struct {
	Schema   map[string]sdkSchema       `json:"schema"`
	Timeouts map[string]json.RawMessage `json:"timeouts"`
}

// sdkElem is an elem: a resource (nested block or object) when it has a
// schema, else an attribute schema (a collection's element).
func sdkElem(raw json.RawMessage) (*sdkResource, *sdkSchema, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil, nil
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(raw, &probe); err != nil {
		return nil, nil, err
	}
	if _, ok := probe["schema"]; ok {
		var r sdkResource
		err := json.Unmarshal(raw, &r)
		return &r, nil, err
	}
	var s sdkSchema
	err := json.Unmarshal(raw, &s)
	return nil, &s, err
}

// shrinkSDKv2 converts azurerm's release schema into the format of
// `terraform providers schema -json`, as SDKv2's CoreConfigSchema does
// (helper/schema/core_schema.go): a list or set of a resource is a block,
// or an attribute of objects when it is computed only; the top level gets
// an optional and computed id when it has none, and a single timeouts
// block with the operations that have one.
func shrinkSDKv2(raw []byte, address string) ([]byte, error) {
	var doc struct {
		ProviderSchema struct {
			Resources map[string]sdkResource `json:"resources"`
		} `json:"providerSchema"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	out := map[string]jsonSchema{}
	for name, r := range doc.ProviderSchema.Resources {
		b, err := sdkBlock(r, true)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name] = jsonSchema{Block: b}
	}
	type provider struct {
		ResourceSchemas map[string]jsonSchema `json:"resource_schemas"`
	}
	return json.Marshal(struct {
		FormatVersion   string              `json:"format_version"`
		ProviderSchemas map[string]provider `json:"provider_schemas"`
	}{"1.0", map[string]provider{address: {out}}})
}

func sdkBlock(r sdkResource, top bool) (jsonBlock, error) {
	b := jsonBlock{Attributes: map[string]jsonAttr{}, BlockTypes: map[string]jsonBlockType{}}
	for name, s := range r.Schema {
		res, _, err := sdkElem(s.Elem)
		if err != nil {
			return b, fmt.Errorf("%s: %w", name, err)
		}
		if res != nil && (s.Type == "TypeList" || s.Type == "TypeSet") && (!s.Computed || s.Optional) {
			nb, err := sdkBlock(*res, false)
			if err != nil {
				return b, fmt.Errorf("%s: %w", name, err)
			}
			bt := jsonBlockType{NestingMode: "list", Block: nb, MinItems: s.MinItems, MaxItems: s.MaxItems}
			if s.Type == "TypeSet" {
				bt.NestingMode = "set"
			}
			if s.Required && bt.MinItems == 0 {
				bt.MinItems = 1
			}
			b.BlockTypes[name] = bt
			continue
		}
		typ, err := sdkType(s)
		if err != nil {
			return b, fmt.Errorf("%s: %w", name, err)
		}
		tj, err := json.Marshal(typ)
		if err != nil {
			return b, err
		}
		b.Attributes[name] = jsonAttr{Type: tj, Required: s.Required, Optional: s.Optional, Computed: s.Computed, Sensitive: s.Sensitive}
	}
	if top {
		if _, ok := b.Attributes["id"]; !ok {
			b.Attributes["id"] = jsonAttr{Type: json.RawMessage(`"string"`), Optional: true, Computed: true}
		}
		if len(r.Timeouts) > 0 {
			tb := jsonBlock{Attributes: map[string]jsonAttr{}}
			for op := range r.Timeouts {
				tb.Attributes[op] = jsonAttr{Type: json.RawMessage(`"string"`), Optional: true}
			}
			b.BlockTypes["timeouts"] = jsonBlockType{NestingMode: "single", Block: tb}
		}
	}
	if len(b.Attributes) == 0 {
		b.Attributes = nil
	}
	if len(b.BlockTypes) == 0 {
		b.BlockTypes = nil
	}
	return b, nil
}

// sdkType is the cty type (as JSON) of an SDKv2 attribute.
func sdkType(s sdkSchema) (any, error) {
	switch s.Type {
	case "TypeString":
		return "string", nil
	case "TypeBool":
		return "bool", nil
	case "TypeInt", "TypeFloat":
		return "number", nil
	case "TypeList", "TypeSet", "TypeMap":
		coll := map[string]string{"TypeList": "list", "TypeSet": "set", "TypeMap": "map"}[s.Type]
		res, elem, err := sdkElem(s.Elem)
		if err != nil {
			return nil, err
		}
		var et any = "string"
		switch {
		case res != nil && s.Type != "TypeMap":
			et, err = sdkObjectType(*res)
		case elem != nil:
			et, err = sdkType(*elem)
		}
		if err != nil {
			return nil, err
		}
		return []any{coll, et}, nil
	}
	return nil, fmt.Errorf("unknown type %q", s.Type)
}

// sdkObjectType is the implied object type of a nested resource.
func sdkObjectType(r sdkResource) (any, error) {
	b, err := sdkBlock(r, false)
	if err != nil {
		return nil, err
	}
	return []any{"object", impliedAttrs(b)}, nil
}

func impliedAttrs(b jsonBlock) map[string]any {
	attrs := map[string]any{}
	for name, a := range b.Attributes {
		attrs[name] = a.Type
	}
	for name, bt := range b.BlockTypes {
		obj := []any{"object", impliedAttrs(bt.Block)}
		switch bt.NestingMode {
		case "set":
			attrs[name] = []any{"set", obj}
		case "single":
			attrs[name] = obj
		default:
			attrs[name] = []any{"list", obj}
		}
	}
	return attrs
}

// structure is what TestServedSchemas compares: names, types, nesting and
// the required, optional and computed flags of every attribute and block.
func structureOf(t *testing.T, raw []byte) map[string]any {
	t.Helper()
	var doc jsonProviderSchemas
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	for _, p := range doc.ProviderSchemas {
		for name, rs := range p.ResourceSchemas {
			var s jsonSchema
			if err := json.Unmarshal(rs, &s); err != nil {
				t.Fatal(err)
			}
			out[name] = blockStructure(t, s.Block)
		}
	}
	return out
}

func blockStructure(t *testing.T, b jsonBlock) map[string]string {
	t.Helper()
	out := map[string]string{}
	var walk func(prefix string, b jsonBlock)
	var walkAttrs func(prefix string, m map[string]jsonAttr)
	walkAttrs = func(prefix string, m map[string]jsonAttr) {
		for name, a := range m {
			desc := flags(a.Required, a.Optional, a.Computed)
			if a.NestedType != nil {
				out[prefix+name] = "nested " + a.NestedType.NestingMode + " " + desc
				walkAttrs(prefix+name+".", a.NestedType.Attributes)
				continue
			}
			typ, err := normalType(a.Type)
			if err != nil {
				t.Fatalf("%s%s: %v", prefix, name, err)
			}
			out[prefix+name] = typ + " " + desc
		}
	}
	walk = func(prefix string, b jsonBlock) {
		walkAttrs(prefix, b.Attributes)
		for name, bt := range b.BlockTypes {
			out[prefix+name] = "block " + bt.NestingMode
			walk(prefix+name+".", bt.Block)
		}
	}
	walk("", b)
	return out
}

func flags(required, optional, computed bool) string {
	var f []string
	if required {
		f = append(f, "required")
	}
	if optional {
		f = append(f, "optional")
	}
	if computed {
		f = append(f, "computed")
	}
	return strings.Join(f, "+")
}

// normalType re-encodes a JSON type canonically (object attributes in
// order).
func normalType(raw json.RawMessage) (string, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", err
	}
	b, err := json.Marshal(v)
	return string(b), err
}

// servedStructure is the structure of the resource schemas a server
// answers, through the protocol as Terraform sees it.
func servedStructure(t *testing.T, spec *providerSpec, srv tfprotov6.ProviderServer) map[string]any {
	t.Helper()
	resp, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("%s: %s: %s", spec.typeName, d.Summary, d.Detail)
	}
	out := map[string]any{}
	for name, s := range resp.ResourceSchemas {
		out[name] = blockStructure(t, protoBlock(t, s.Block))
	}
	return out
}

// protoBlock turns a protocol schema block into the JSON form.
func protoBlock(t *testing.T, b *tfprotov6.SchemaBlock) jsonBlock {
	t.Helper()
	out := jsonBlock{Attributes: map[string]jsonAttr{}, BlockTypes: map[string]jsonBlockType{}}
	for _, a := range b.Attributes {
		out.Attributes[a.Name] = protoAttr(t, a)
	}
	for _, nb := range b.BlockTypes {
		mode := map[tfprotov6.SchemaNestedBlockNestingMode]string{
			tfprotov6.SchemaNestedBlockNestingModeList: "list", tfprotov6.SchemaNestedBlockNestingModeSet: "set",
			tfprotov6.SchemaNestedBlockNestingModeSingle: "single", tfprotov6.SchemaNestedBlockNestingModeGroup: "group",
			tfprotov6.SchemaNestedBlockNestingModeMap: "map",
		}[nb.Nesting]
		out.BlockTypes[nb.TypeName] = jsonBlockType{NestingMode: mode, Block: protoBlock(t, nb.Block)}
	}
	return out
}

func protoAttr(t *testing.T, a *tfprotov6.SchemaAttribute) jsonAttr {
	t.Helper()
	ja := jsonAttr{Required: a.Required, Optional: a.Optional, Computed: a.Computed}
	if a.NestedType != nil {
		mode := map[tfprotov6.SchemaObjectNestingMode]string{
			tfprotov6.SchemaObjectNestingModeList: "list", tfprotov6.SchemaObjectNestingModeSet: "set",
			tfprotov6.SchemaObjectNestingModeSingle: "single", tfprotov6.SchemaObjectNestingModeMap: "map",
		}[a.NestedType.Nesting]
		n := &jsonNested{NestingMode: mode, Attributes: map[string]jsonAttr{}}
		for _, sub := range a.NestedType.Attributes {
			n.Attributes[sub.Name] = protoAttr(t, sub)
		}
		ja.NestedType = n
		return ja
	}
	typ, err := a.Type.MarshalJSON() //nolint:staticcheck // the JSON form is what the schema files hold
	if err != nil {
		t.Fatalf("%s: %v", a.Name, err)
	}
	ja.Type = typ
	return ja
}

// TestServedSchemas: every resource type of a provider with a real schema
// is served with the real structure; hashicorp/aws 6.x adds the top-level
// region (optional and computed) to its regional types, and bucket_region
// to aws_s3_bucket. Both answers are checked: the one Terraform gets
// (schemaServer) and the framework's, whose schemas plan the resources.
func TestServedSchemas(t *testing.T) {
	regional := textLines("schemas/aws-v6-regional.txt")
	for _, spec := range append(providers(), awsProviderVersion(awsVersion5)) {
		if spec.real == nil {
			continue
		}
		t.Run(spec.typeName+" "+spec.version, func(t *testing.T) {
			raw, err := readGzip(spec.real.file)
			if err != nil {
				t.Fatal(err)
			}
			want := structureOf(t, raw)
			if spec.typeName == "aws" && spec.version != awsVersion5 {
				for name, s := range want {
					m := s.(map[string]string)
					if regional[name] {
						m["region"] = `"string" optional+computed`
					}
					if name == "aws_s3_bucket" {
						m["bucket_region"] = `"string" computed`
					}
				}
			}
			servers := map[string]tfprotov6.ProviderServer{
				"schemaServer": newSchemaServer(spec),
				"framework":    providerserver.NewProtocol6(&testProvider{spec: spec})(),
			}
			for which, srv := range servers {
				got := servedStructure(t, spec, srv)
				for name := range got {
					if _, ok := want[name]; !ok {
						delete(got, name) // a type of the hand table only
					}
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s: served schemas differ from the real ones (-real +served):\n%s", which, diff)
				}
			}
		})
	}
}
