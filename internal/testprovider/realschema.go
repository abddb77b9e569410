package main

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The real providers' resource schemas, shrunk to what a schema needs (no
// descriptions), in the format of `terraform providers schema -json`;
// schemas/README.md says where each comes from, and schemas_test.go
// regenerates them. A provider with one serves every resource type of the
// real provider with the real structure; its hand table (provider_*.go)
// still gives the behaviour: defaults, sensitivity, normalisation, and the
// types the real schema lacks.
//
//go:embed schemas/*.json.gz schemas/aws-v6-regional.txt
var schemaFiles embed.FS

// realSchema is one provider's embedded schema file, read once, each
// type's schema decoded when Terraform first needs it: hashicorp/aws has
// 1,526 resource types and a plan uses a handful.
type realSchema struct {
	file string
	once sync.Once
	raw  map[string]json.RawMessage
	err  error
}

func newRealSchema(file string) *realSchema { return &realSchema{file: "schemas/" + file} }

// jsonSchema and the types below are the parts of `terraform providers
// schema -json` that describe a resource's structure.
type jsonSchema struct {
	Block jsonBlock `json:"block"`
}

type jsonBlock struct {
	Attributes map[string]jsonAttr      `json:"attributes,omitempty"`
	BlockTypes map[string]jsonBlockType `json:"block_types,omitempty"`
}

type jsonAttr struct {
	Type       json.RawMessage `json:"type,omitempty"`
	NestedType *jsonNested     `json:"nested_type,omitempty"`
	Required   bool            `json:"required,omitempty"`
	Optional   bool            `json:"optional,omitempty"`
	Computed   bool            `json:"computed,omitempty"`
	Sensitive  bool            `json:"sensitive,omitempty"`
	WriteOnly  bool            `json:"write_only,omitempty"`
}

type jsonNested struct {
	Attributes  map[string]jsonAttr `json:"attributes"`
	NestingMode string              `json:"nesting_mode"`
}

type jsonBlockType struct {
	NestingMode string    `json:"nesting_mode"`
	Block       jsonBlock `json:"block"`
	MinItems    int       `json:"min_items,omitempty"`
	MaxItems    int       `json:"max_items,omitempty"`
}

// jsonProviderSchemas is the file's top level.
type jsonProviderSchemas struct {
	FormatVersion   string `json:"format_version"`
	ProviderSchemas map[string]struct {
		ResourceSchemas map[string]json.RawMessage `json:"resource_schemas"`
	} `json:"provider_schemas"`
}

func (s *realSchema) load() {
	s.once.Do(func() {
		data, err := readGzip(s.file)
		if err != nil {
			s.err = err
			return
		}
		var doc jsonProviderSchemas
		if err := json.Unmarshal(data, &doc); err != nil {
			s.err = fmt.Errorf("%s: %w", s.file, err)
			return
		}
		if len(doc.ProviderSchemas) != 1 {
			s.err = fmt.Errorf("%s: %d providers, want 1", s.file, len(doc.ProviderSchemas))
			return
		}
		for _, p := range doc.ProviderSchemas {
			s.raw = p.ResourceSchemas
		}
	})
}

func readGzip(name string) ([]byte, error) {
	f, err := schemaFiles.Open(name)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return data, nil
}

// names lists the resource types of the real schema.
func (s *realSchema) names() []string {
	s.load()
	if s.err != nil {
		panic("testprovider: " + s.err.Error()) // the embedded files are part of the binary
	}
	return sortedKeys(s.raw)
}

// resource decodes one resource type's schema.
func (s *realSchema) resource(name string) (typeSpec, bool, error) {
	s.load()
	if s.err != nil {
		return typeSpec{}, false, s.err
	}
	raw, ok := s.raw[name]
	if !ok {
		return typeSpec{}, false, nil
	}
	var js jsonSchema
	if err := json.Unmarshal(raw, &js); err != nil {
		return typeSpec{}, false, fmt.Errorf("%s: %s: %w", s.file, name, err)
	}
	attrs, blocks, err := convertBlock(js.Block)
	if err != nil {
		return typeSpec{}, false, fmt.Errorf("%s: %s: %w", s.file, name, err)
	}
	return typeSpec{attrs: attrs, blocks: blocks, real: true}, true, nil
}

func convertBlock(b jsonBlock) ([]attrSpec, []blockSpec, error) {
	attrs, err := convertAttrs(b.Attributes)
	if err != nil {
		return nil, nil, err
	}
	var blocks []blockSpec
	for _, name := range sortedKeys(b.BlockTypes) {
		bt := b.BlockTypes[name]
		mode, err := parseNesting(bt.NestingMode)
		if err != nil {
			return nil, nil, fmt.Errorf("block %s: %w", name, err)
		}
		if mode == nestMap {
			return nil, nil, fmt.Errorf("block %s: map blocks are not served", name)
		}
		a, nb, err := convertBlock(bt.Block)
		if err != nil {
			return nil, nil, fmt.Errorf("block %s: %w", name, err)
		}
		blocks = append(blocks, blockSpec{name: name, mode: mode, min: bt.MinItems, max: bt.MaxItems, attrs: a, blocks: nb})
	}
	return attrs, blocks, nil
}

func convertAttrs(m map[string]jsonAttr) ([]attrSpec, error) {
	var out []attrSpec
	for _, name := range sortedKeys(m) {
		ja := m[name]
		a := attrSpec{name: name, required: ja.Required, optional: ja.Optional, computed: ja.Computed,
			sensitive: ja.Sensitive, writeOnly: ja.WriteOnly}
		switch {
		case ja.NestedType != nil:
			mode, err := parseNesting(ja.NestedType.NestingMode)
			if err != nil {
				return nil, fmt.Errorf("attribute %s: %w", name, err)
			}
			sub, err := convertAttrs(ja.NestedType.Attributes)
			if err != nil {
				return nil, fmt.Errorf("attribute %s: %w", name, err)
			}
			a.nested = &nestedSpec{mode: mode, attrs: sub}
		default:
			t, err := parseType(ja.Type)
			if err != nil {
				return nil, fmt.Errorf("attribute %s: %w", name, err)
			}
			a.typ = t
			a.kind = kindOf(t)
		}
		out = append(out, a)
	}
	return out, nil
}

// typeCache holds the types parsed: most attributes of a schema share a
// handful of types ("string", ["map","string"] …), and parsing them again
// is most of the cost of reading hashicorp/aws's schema.
var typeCache sync.Map

func parseType(raw json.RawMessage) (tftypes.Type, error) {
	if t, ok := typeCache.Load(string(raw)); ok {
		return t.(tftypes.Type), nil
	}
	t, err := tftypes.ParseJSONType(raw) //nolint:staticcheck // the schema file's types are in this JSON form
	if err != nil {
		return nil, err
	}
	typeCache.Store(string(raw), t)
	return t, nil
}

// kindOf is the notation's kind closest to a type: the plan hooks look at
// it (a string attribute, a map of strings).
func kindOf(t tftypes.Type) kind {
	switch {
	case t.Is(tftypes.Map{ElementType: tftypes.String}):
		return kindMap
	case t.Is(tftypes.List{ElementType: tftypes.String}):
		return kindList
	case t.Is(tftypes.Set{ElementType: tftypes.String}):
		return kindSet
	case t.Is(tftypes.Number):
		return kindNumber
	case t.Is(tftypes.Bool):
		return kindBool
	case t.Is(tftypes.String):
		return kindString
	}
	return kindDynamic
}

func parseNesting(s string) (nesting, error) {
	switch s {
	case "list":
		return nestList, nil
	case "set":
		return nestSet, nil
	case "single", "group":
		return nestSingle, nil
	case "map":
		return nestMap, nil
	}
	return 0, fmt.Errorf("unknown nesting mode %q", s)
}

// overlay lays the hand table's behaviour over a real type: a default of
// an optional and computed string, an SDKv2 Default of an optional
// primitive and an SDKv2 Optional+Computed block (the release schema
// carries neither), a sensitive flag the schema file lacks
// (azurerm's release schema has none), the normalisation. Structure is the
// real schema's: a hand attribute the real type does not have is dropped.
func overlay(real, hand typeSpec) typeSpec {
	real.attrs = overlayAttrs(real.attrs, hand.attrs)
	real.blocks = overlayBlocks(real.blocks, hand.blocks)
	real.normalize = hand.normalize
	return real
}

func overlayAttrs(real, hand []attrSpec) []attrSpec {
	byName := map[string]attrSpec{}
	for _, h := range hand {
		byName[h.name] = h
	}
	out := make([]attrSpec, len(real))
	for i, a := range real {
		if h, ok := byName[a.name]; ok {
			if h.def != "" && a.optional && a.computed && a.kind == kindString && a.nested == nil {
				a.def = h.def
			}
			if h.sdkDefault != "" && a.optional && !a.computed && a.nested == nil &&
				(a.kind == kindString || a.kind == kindBool || a.kind == kindNumber) {
				a.sdkDefault = h.sdkDefault
			}
			a.sensitive = a.sensitive || h.sensitive
		}
		out[i] = a
	}
	return out
}

func overlayBlocks(real, hand []blockSpec) []blockSpec {
	byName := map[string]blockSpec{}
	for _, h := range hand {
		byName[h.name] = h
	}
	out := make([]blockSpec, len(real))
	for i, b := range real {
		if h, ok := byName[b.name]; ok {
			b.computed = h.computed
			b.attrs = overlayAttrs(b.attrs, h.attrs)
			b.blocks = overlayBlocks(b.blocks, h.blocks)
		}
		out[i] = b
	}
	return out
}

// resourceNames lists the resource types served: the real schema's and
// the hand table's.
func (p *providerSpec) resourceNames() []string {
	seen := map[string]bool{}
	for name := range p.resources {
		seen[name] = true
	}
	if p.real != nil {
		for _, name := range p.real.names() {
			seen[name] = true
		}
	}
	out := make([]string, 0, len(seen))
	for name := range seen {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// resource is the served schema and behaviour of a resource type: the
// real schema with the hand table's behaviour over it, or the hand table's
// type alone when the real schema has none (or the provider has no real
// schema). Built once per type.
func (p *providerSpec) resource(name string) (typeSpec, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if t, ok := p.built[name]; ok {
		return t, true
	}
	hand, inHand := p.resources[name]
	t, ok := hand, inHand
	if p.real != nil {
		rt, inReal, err := p.real.resource(name)
		if err != nil {
			panic("testprovider: " + err.Error()) // the embedded files are part of the binary
		}
		if inReal {
			t, ok = overlay(rt, hand), true
		}
	}
	if !ok {
		return typeSpec{}, false
	}
	if p.extend != nil {
		t = p.extend(name, t)
	}
	if p.built == nil {
		p.built = map[string]typeSpec{}
	}
	p.built[name] = t
	return t, true
}

// textLines reads an embedded text file's non-empty, non-comment lines.
func textLines(name string) map[string]bool {
	data, err := schemaFiles.ReadFile(name)
	if err != nil {
		panic("testprovider: " + err.Error())
	}
	out := map[string]bool{}
	for _, line := range bytes.Split(data, []byte("\n")) {
		s := strings.TrimSpace(string(line))
		if s != "" && !strings.HasPrefix(s, "#") {
			out[s] = true
		}
	}
	return out
}
