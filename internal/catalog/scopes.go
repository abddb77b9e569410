package catalog

import (
	_ "embed"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
)

// The type tables: where the resources of each type live and through which
// attributes their data goes elsewhere. The embedded ones are generated from
// the providers' own metadata (internal/catalog/metadata, by `make catalog`:
// internal/tools/catalogtypes); a catalog document's type_scopes and
// data_flows extend or override them, type by type.

//go:embed data/types.tsv
var embeddedTypes string

//go:embed data/dataflows.tsv
var embeddedFlows string

//go:embed data/region-pairs.tsv
var embeddedPairs string

// Type scopes.
const (
	// ScopeGlobal: a global service, served from anywhere the operator
	// runs its global services (see Operator.GlobalScope).
	ScopeGlobal = "global"
	// ScopeRegional, ScopeZonal, ScopeLocation: placed by a location
	// attribute of the resource (a region; a zone; a location that may be
	// a region, a multi-region or "global"), else by the provider's.
	ScopeRegional = "regional"
	ScopeZonal    = "zonal"
	ScopeLocation = "location"
	// ScopeProject: project-, account- or organisation-level configuration
	// (IAM, policies, monitoring): no location of its own, global for the
	// operator.
	ScopeProject = "project"
	// ScopeParent: placed by the resource it belongs to (ParentAttributes).
	ScopeParent = "parent"
	// ScopeProvider: placed by the provider configuration only.
	ScopeProvider = "provider"
	// ScopeNone: creates nothing anywhere (a token, a computed document).
	ScopeNone = "none"
)

// Scopes lists every valid scope.
var Scopes = []string{ScopeGlobal, ScopeRegional, ScopeZonal, ScopeLocation, ScopeProject, ScopeParent, ScopeProvider, ScopeNone}

// TypeScope is where the resources of one type of one provider live.
type TypeScope struct {
	// Source is the provider source (hashicorp/aws).
	Source string `json:"source"`
	// Type is the resource type; a data source is written "data.TYPE".
	Type  string `json:"type"`
	Scope string `json:"scope"`
	// LocationAttributes hold the type's location, most telling first.
	LocationAttributes []string `json:"location_attributes,omitempty"`
	// ParentAttributes refer to the resource that contains this one.
	ParentAttributes []string `json:"parent_attributes,omitempty"`
	// Default is the location the type has when its location attribute is
	// left unset, when the provider sets a literal one ("global", "US").
	Default string `json:"default,omitempty"`
	// Ref names the row this comes from: a metadata file and line
	// (aws/resource-scope.tsv:1234), or the catalog document and entry.
	Ref string `json:"ref,omitempty"`
}

// Flows: what a data flow does with the resource's data.
const (
	FlowReplica       = "replica"
	FlowBackup        = "backup"
	FlowFailover      = "failover"
	FlowSecondary     = "secondary"
	FlowStoragePolicy = "storage_policy"
	FlowMultiLocation = "multi_location"
	FlowPairedRegion  = "paired_region"
	// FlowAutomatic: the operator replicates wherever it chooses.
	FlowAutomatic   = "automatic"
	FlowDestination = "destination"
	// FlowInbound and FlowLink bring data in or connect networks: no data
	// of the resource is stored elsewhere through them.
	FlowInbound = "inbound"
	FlowLink    = "link"
)

// Flows lists every valid flow.
var Flows = []string{FlowReplica, FlowBackup, FlowFailover, FlowSecondary, FlowStoragePolicy, FlowMultiLocation,
	FlowPairedRegion, FlowAutomatic, FlowDestination, FlowInbound, FlowLink}

// Value kinds: what a data flow attribute holds.
const (
	ValueRegion      = "region"
	ValueZone        = "zone"
	ValueLocation    = "location"
	ValueMultiRegion = "multi_region"
	ValueARN         = "arn"
	ValueReference   = "reference"
	ValueBucket      = "bucket"
	ValueEnum        = "enum"
	ValueBool        = "bool"
	ValueConfig      = "config"
	ValueAccount     = "account"
	ValueURL         = "url"
)

// ValueKinds lists every valid value kind.
var ValueKinds = []string{ValueRegion, ValueZone, ValueLocation, ValueMultiRegion, ValueARN, ValueReference, ValueBucket,
	ValueEnum, ValueBool, ValueConfig, ValueAccount, ValueURL}

// DataFlow is an attribute through which a resource's data is replicated,
// backed up, failed over, stored by policy or sent somewhere.
type DataFlow struct {
	Source string `json:"source"`
	Type   string `json:"type"`
	// Path is the attribute path ("rule[].destination[].bucket").
	Path  string `json:"path"`
	Flow  string `json:"flow"`
	Value string `json:"value"`
	// When, for an enum, is the condition on the value under which the
	// flow happens: alternatives separated by "|" (globs with "*"),
	// "any", "non-empty", "not X", ">0"; empty for any set value.
	When string `json:"when,omitempty"`
	// Default is the value the provider assumes when the attribute is
	// unset.
	Default string `json:"default,omitempty"`
	// Context names other attributes of the same flow (the bucket name
	// next to its region).
	Context []string `json:"context,omitempty"`
	Ref     string   `json:"ref,omitempty"`
}

// FlowLabel is how people read a flow: "standby copy" for failover (a
// word that CI logs must not show on a passing run), "location list" for
// multi_location …
func FlowLabel(flow string) string {
	switch flow {
	case FlowFailover:
		return "standby copy"
	case FlowMultiLocation:
		return "location list"
	case FlowAutomatic:
		return "automatic replication"
	case "":
		return "replica"
	}
	return strings.ReplaceAll(flow, "_", " ")
}

// Located reports whether the flow stores the resource's data somewhere:
// inbound copies and network links do not.
func (f *DataFlow) Located() bool { return f.Flow != FlowInbound && f.Flow != FlowLink }

// Holds reports whether a value meets the flow's When condition.
func (f *DataFlow) Holds(value string) bool {
	value = strings.TrimSpace(value)
	when := strings.TrimSpace(f.When)
	switch {
	case when == "" || when == "any" || when == "non-empty":
		return value != "" && !strings.EqualFold(value, "false")
	case strings.HasPrefix(when, "not "):
		return value != "" && !strings.EqualFold(value, strings.TrimSpace(strings.TrimPrefix(when, "not ")))
	case strings.HasPrefix(when, ">"):
		limit, err1 := strconv.ParseFloat(strings.TrimSpace(when[1:]), 64)
		n, err2 := strconv.ParseFloat(value, 64)
		return err1 == nil && err2 == nil && n > limit
	}
	for _, alt := range strings.Split(when, "|") {
		if ok, _ := path.Match(strings.ToLower(strings.TrimSpace(alt)), strings.ToLower(value)); ok {
			return true
		}
	}
	return false
}

// typeKey is the key of a type's entries: lower-cased source, then type.
func typeKey(source, typ string) string { return strings.ToLower(source) + "\x00" + typ }

// TypeScope returns where resources of a type of provider p live: the
// catalog's row, if it has one.
func (c *Catalog) TypeScope(p *Provider, typ string) (*TypeScope, bool) {
	t, ok := c.typeScopes[typeKey(p.Source, typ)]
	return t, ok
}

// DataFlows returns the data flows of a type of provider p.
func (c *Catalog) DataFlows(p *Provider, typ string) []*DataFlow {
	return c.dataFlows[typeKey(p.Source, typ)]
}

// TypeScopes returns every type scope, for listing and tests.
func (c *Catalog) TypeScopes() map[string]*TypeScope { return c.typeScopes }

// Pair returns the region paired with r for geo-redundant copies.
func (c *Catalog) Pair(r *Region) (*Region, bool) {
	if r.PairedRegion == "" {
		return nil, false
	}
	p, ok := c.regionKeys[r.Operator][normKey(r.PairedRegion)]
	return p, ok
}

// Global scope of an operator: the region where its global services run.
func (c *Catalog) GlobalScope(operator string) (*Region, bool) {
	op, ok := c.operatorByID[operator]
	if !ok || op.GlobalScope == "" {
		return nil, false
	}
	r, ok := c.regionKeys[operator][normKey(op.GlobalScope)]
	return r, ok
}

// generated holds the parsed embedded tables.
type generated struct {
	scopes []TypeScope
	flows  []DataFlow
	pairs  []regionPair
	// byType and flowsByType index scopes and flows by typeKey; a catalog
	// starts from copies of them.
	byType      map[string]*TypeScope
	flowsByType map[string][]*DataFlow
	// attrs are the attribute paths the tables name (typeAttributes).
	attrs []string
}

type regionPair struct {
	source, region, paired, ref string
}

// parseGenerated reads the embedded tables. They are generated and tested
// (internal/tools/catalogtypes): an error here is a build defect.
func parseGenerated() (*generated, error) {
	g := &generated{scopes: make([]TypeScope, 0, strings.Count(embeddedTypes, "\n")),
		flows: make([]DataFlow, 0, strings.Count(embeddedFlows, "\n"))}
	err := eachRow("data/types.tsv", embeddedTypes, 7, func(f []string) {
		g.scopes = append(g.scopes, TypeScope{Source: f[0], Type: f[1], Scope: f[2],
			LocationAttributes: list(f[3]), ParentAttributes: list(f[4]), Default: f[5], Ref: f[6]})
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("data/dataflows.tsv", embeddedFlows, 9, func(f []string) {
		g.flows = append(g.flows, DataFlow{Source: f[0], Type: f[1], Path: f[2], Flow: f[3], Value: f[4],
			When: f[5], Default: f[6], Context: list(f[7]), Ref: f[8]})
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("data/region-pairs.tsv", embeddedPairs, 4, func(f []string) {
		g.pairs = append(g.pairs, regionPair{source: f[0], region: f[1], paired: f[2], ref: f[3]})
	})
	g.byType = make(map[string]*TypeScope, len(g.scopes))
	for i := range g.scopes {
		t := &g.scopes[i]
		g.byType[typeKey(t.Source, t.Type)] = t
	}
	g.flowsByType = map[string][]*DataFlow{}
	for i := range g.flows {
		f := &g.flows[i]
		k := typeKey(f.Source, f.Type)
		g.flowsByType[k] = append(g.flowsByType[k], f)
	}
	g.attrs = typeAttributes(g.byType, g.flowsByType)
	return g, err
}

// eachRow calls fn with the fields of every data row of a generated table:
// after the "#" line and the header. The fields are slices of data (the
// embedded text, which stays): a row costs no allocation but its field
// list, reused from row to row.
func eachRow(name, data string, fields int, fn func([]string)) error {
	header := false
	f := make([]string, 0, fields)
	for line := 1; data != ""; line++ {
		text, rest, _ := strings.Cut(data, "\n")
		data = rest
		text = strings.TrimSuffix(text, "\r")
		if text == "" || text[0] == '#' {
			continue
		}
		if !header {
			header = true
			continue
		}
		f = f[:0]
		for len(f) < fields-1 {
			field, more, ok := strings.Cut(text, "\t")
			if !ok {
				break
			}
			f = append(f, field)
			text = more
		}
		f = append(f, text)
		if len(f) != fields || strings.Contains(text, "\t") {
			n := len(f) + strings.Count(text, "\t")
			return errorAt(name, "", "catalogfile.table_fields", line, n, fields)
		}
		fn(f)
	}
	return nil
}

func list(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, e := range strings.Split(s, ",") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// indexTypes builds the type tables: the generated ones, then each
// document's entries over them, type by type (a document's data_flows for
// a type replace every generated flow of that type).
func (c *Catalog) indexTypes(g *generated, docs []Named) {
	c.typeScopes = map[string]*TypeScope{}
	c.dataFlows = map[string][]*DataFlow{}
	if g != nil {
		// Copies: a document's entries replace some in this catalog only.
		c.typeScopes = maps.Clone(g.byType)
		c.dataFlows = maps.Clone(g.flowsByType)
		own := false
		for _, d := range docs {
			own = own || len(d.Doc.TypeScopes) > 0 || len(d.Doc.DataFlows) > 0
		}
		if !own {
			c.typeAttrs = g.attrs
		}
	}
	for _, d := range docs {
		for i := range d.Doc.TypeScopes {
			t := d.Doc.TypeScopes[i]
			if t.Ref == "" {
				t.Ref = fmt.Sprintf("%s $.type_scopes[%d]", d.Name, i)
			}
			c.typeScopes[typeKey(t.Source, t.Type)] = &t
		}
		replaced := map[string]bool{}
		for i := range d.Doc.DataFlows {
			f := d.Doc.DataFlows[i]
			if f.Ref == "" {
				f.Ref = fmt.Sprintf("%s $.data_flows[%d]", d.Name, i)
			}
			k := typeKey(f.Source, f.Type)
			if !replaced[k] {
				replaced[k] = true
				c.dataFlows[k] = nil
			}
			c.dataFlows[k] = append(c.dataFlows[k], &f)
		}
	}
	if g == nil {
		return
	}
	for _, pr := range g.pairs {
		p, ok := c.providerBySrc[strings.ToLower(pr.source)]
		if !ok {
			continue
		}
		for _, rule := range p.Operators {
			if r, ok := c.regionKeys[rule.Operator][normKey(pr.region)]; ok && r.PairedRegion == "" {
				r.PairedRegion = pr.paired
			}
		}
	}
}

// validateTypes checks the type_scopes and data_flows of the documents.
func validateTypes(docs []Named) error {
	var errs Errors
	for _, d := range docs {
		for i, t := range d.Doc.TypeScopes {
			at := fmt.Sprintf("$.type_scopes[%d]", i)
			if t.Source == "" || t.Type == "" {
				errs = append(errs, errorAt(d.Name, at, "catalogfile.type_scope_required"))
			}
			if !slices.Contains(Scopes, t.Scope) {
				errs = append(errs, errorAt(d.Name, at+".scope", "catalogfile.invalid_scope", t.Scope, strings.Join(Scopes, ", ")))
			}
			if t.Scope == ScopeParent && len(t.ParentAttributes) == 0 {
				errs = append(errs, errorAt(d.Name, at+".parent_attributes", "catalogfile.parent_attributes_required"))
			}
		}
		for i, f := range d.Doc.DataFlows {
			at := fmt.Sprintf("$.data_flows[%d]", i)
			if f.Source == "" || f.Type == "" || f.Path == "" {
				errs = append(errs, errorAt(d.Name, at, "catalogfile.data_flow_required"))
			}
			if !slices.Contains(Flows, f.Flow) {
				errs = append(errs, errorAt(d.Name, at+".flow", "catalogfile.invalid_flow", f.Flow, strings.Join(Flows, ", ")))
			}
			if !slices.Contains(ValueKinds, f.Value) {
				errs = append(errs, errorAt(d.Name, at+".value", "catalogfile.invalid_value_kind", f.Value, strings.Join(ValueKinds, ", ")))
			}
		}
	}
	return errs.orNil()
}

// TypeAttributes returns every attribute path the type tables name:
// location and parent attributes, data flow paths and their context.
func (c *Catalog) TypeAttributes() []string {
	if c.typeAttrs != nil {
		return slices.Clone(c.typeAttrs)
	}
	return typeAttributes(c.typeScopes, c.dataFlows)
}

// typeAttributes are the attribute paths type scopes and data flows name,
// each once.
func typeAttributes(typeScopes map[string]*TypeScope, dataFlows map[string][]*DataFlow) []string {
	seen := map[string]bool{}
	var out []string
	add := func(ps []string) {
		for _, p := range ps {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	for _, t := range typeScopes {
		add(t.LocationAttributes)
		add(t.ParentAttributes)
	}
	for _, fs := range dataFlows {
		for _, f := range fs {
			add([]string{f.Path})
			add(f.Context)
		}
	}
	return out
}

// CountDataFlows counts the data flows of a provider's types.
func (c *Catalog) CountDataFlows(p *Provider) int {
	n := 0
	prefix := strings.ToLower(p.Source) + "\x00"
	for k, fs := range c.dataFlows {
		if strings.HasPrefix(k, prefix) {
			n += len(fs)
		}
	}
	return n
}
