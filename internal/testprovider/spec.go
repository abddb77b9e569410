package main

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The schemas of the test providers are data: every resource, data source
// and provider block is a list of attribute declarations in a tiny
// notation, so that mimicking one more type of a real provider is one line.
//
//	"name"           optional string
//	"name!"          required
//	"name~"          computed only (unknown at plan, set on apply)
//	"name?~"         optional and computed
//	"name*"          sensitive (combines with the flags above)
//	"name:map"       map of strings (also :list, :set of strings, :int, :num, :bool)
//	"name?~=global"  optional and computed, defaulting to the literal "global"
//	"name=Geo"       optional (string, bool or number) with an SDKv2 Default:
//	                 a legacy provider plans it when the configuration leaves
//	                 it out ("geo_backup_enabled:bool=true")
//
// Nested blocks are declared with blk; their attributes use the same notation.
// A block name ending in "~" ("logging~") is an SDKv2 Optional+Computed
// block: a legacy provider plans it unknown when the configuration leaves it
// out (on create; on update it keeps the prior state's value), as the real
// aws_s3_bucket plans logging or replication_configuration.

// kind is the Terraform type of an attribute.
type kind int

const (
	kindString kind = iota
	kindMap
	kindList
	kindSet
	kindInt
	kindNumber
	kindBool
	// kindDynamic is any other type of a real schema (objects,
	// collections of collections): attrSpec.typ says which.
	kindDynamic
)

var kindNames = map[string]kind{
	"":     kindString,
	"map":  kindMap,
	"list": kindList,
	"set":  kindSet,
	"int":  kindInt,
	"num":  kindNumber,
	"bool": kindBool,
}

// attrSpec is one parsed attribute declaration.
type attrSpec struct {
	name      string
	kind      kind
	required  bool
	optional  bool
	computed  bool
	sensitive bool
	// def is a default for a computed string attribute left out of the
	// configuration ("" for none).
	def string
	// sdkDefault is the SDKv2 Default of an optional, not computed,
	// primitive attribute: what a legacy provider plans when the
	// configuration leaves it null (azurerm_mssql_database's
	// storage_account_type "Geo"); "" for none.
	sdkDefault string
	// writeOnly marks a write-only argument (never in a plan or state).
	writeOnly bool
	// typ is the attribute's full type when the notation cannot declare it
	// (objects, collections of collections): set for attributes read from a
	// real provider schema, nil for the notation's kinds.
	typ tftypes.Type
	// nested is a protocol-6 nested attribute's object (real schemas only).
	nested *nestedSpec
}

// nestedSpec is the object of a nested attribute and how it nests.
type nestedSpec struct {
	mode  nesting
	attrs []attrSpec
}

// nesting is how a nested block or nested attribute holds its objects.
type nesting int

const (
	nestList nesting = iota
	nestSet
	nestSingle
	nestMap
)

// blockSpec is a nested block: a list of objects (the notation's only
// kind), a set or a single object (real schemas), at most max of them (0:
// no limit).
type blockSpec struct {
	name string
	mode nesting
	min  int
	max  int
	// computed marks an SDKv2 Optional+Computed block (see the notation).
	computed bool
	attrs    []attrSpec
	blocks   []blockSpec
}

// typeSpec is the schema of a resource type, a data source or a provider
// block, with the per-type behaviour the plan modifier needs.
type typeSpec struct {
	attrs  []attrSpec
	blocks []blockSpec
	// normalize rewrites the configured value of string attributes, by
	// attribute name, the way the real provider's StateFunc does (e.g. the
	// Google provider upper-cases a bucket location).
	normalize map[string]func(string) string
	// read computes a data source's computed attributes.
	read readFunc
	// real marks a type built from the real provider's schema: it is
	// served as it is, without the id the notation's types get.
	real bool
}

// readFunc computes the attributes of a data source from the provider
// configuration and the data source's own configuration.
type readFunc func(p *providerConfig, config map[string]tftypes.Value) (map[string]tftypes.Value, error)

// parseAttr parses one attribute declaration; a malformed one is a
// programming error in the tables and panics at start-up (and in tests).
func parseAttr(decl string) attrSpec {
	var a attrSpec
	rest := decl
	if i := strings.Index(rest, "="); i >= 0 {
		a.def = rest[i+1:]
		rest = rest[:i]
	}
	flags := ""
	for len(rest) > 0 && strings.ContainsRune("!?~*", rune(rest[len(rest)-1])) {
		flags = rest[len(rest)-1:] + flags
		rest = rest[:len(rest)-1]
	}
	name, typ, _ := strings.Cut(rest, ":")
	k, ok := kindNames[typ]
	if !ok || name == "" {
		panic(fmt.Sprintf("testprovider: bad attribute declaration %q", decl))
	}
	a.name, a.kind = name, k
	a.required = strings.Contains(flags, "!")
	a.computed = strings.Contains(flags, "~")
	a.sensitive = strings.Contains(flags, "*")
	a.optional = strings.Contains(flags, "?") || (!a.required && !a.computed)
	if a.required && (a.optional || a.computed) {
		panic(fmt.Sprintf("testprovider: %q: a required attribute is neither optional nor computed", decl))
	}
	if a.def != "" && a.optional && !a.computed && (a.kind == kindString || a.kind == kindBool || a.kind == kindInt || a.kind == kindNumber) {
		a.sdkDefault, a.def = a.def, ""
	}
	if a.def != "" && (a.kind != kindString || !a.computed || !a.optional) {
		panic(fmt.Sprintf("testprovider: %q: only optional+computed strings, or optional primitives (an SDKv2 Default), take a default", decl))
	}
	return a
}

// attrs parses a list of attribute declarations.
func attrs(decls ...string) []attrSpec {
	out := make([]attrSpec, 0, len(decls))
	for _, d := range decls {
		out = append(out, parseAttr(d))
	}
	return out
}

// blk declares a nested block; items are attribute declarations (strings)
// and nested blocks (blockSpec).
func blk(name string, max int, items ...any) blockSpec {
	b := blockSpec{name: strings.TrimSuffix(name, "~"), max: max, computed: strings.HasSuffix(name, "~")}
	for _, it := range items {
		switch v := it.(type) {
		case string:
			b.attrs = append(b.attrs, parseAttr(v))
		case blockSpec:
			b.blocks = append(b.blocks, v)
		default:
			panic(fmt.Sprintf("testprovider: block %s: unexpected item %T", name, it))
		}
	}
	return b
}

// ty declares a type from attribute declarations and nested blocks.
func ty(items ...any) typeSpec {
	b := blk("", 0, items...)
	return typeSpec{attrs: b.attrs, blocks: b.blocks}
}

// with returns a copy of t with more attribute declarations appended.
func (t typeSpec) with(decls ...string) typeSpec {
	t.attrs = append(append([]attrSpec(nil), t.attrs...), attrs(decls...)...)
	return t
}

// without returns a copy of t without the top-level attribute name.
func (t typeSpec) without(name string) typeSpec {
	var out []attrSpec
	for _, a := range t.attrs {
		if a.name != name {
			out = append(out, a)
		}
	}
	t.attrs = out
	return t
}

// has reports whether the type has a top-level attribute of that name.
func (t typeSpec) has(name string) bool {
	_, ok := t.attr(name)
	return ok
}

func (t typeSpec) attr(name string) (attrSpec, bool) {
	for _, a := range t.attrs {
		if a.name == name {
			return a, true
		}
	}
	return attrSpec{}, false
}
