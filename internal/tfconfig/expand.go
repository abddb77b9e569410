package tfconfig

import (
	"maps"
	"slices"
	"sort"

	"github.com/trustcloud/trustcloud/internal/i18n"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// This file evaluates a configuration without a plan: the instances
// count and for_each make, and the arguments each instance is given. It
// is what a directory check (package configinput) reads in place of a
// plan's resource changes.

// ResourceInstance is one instance of a declared resource, as the
// configuration expands it.
type ResourceInstance struct {
	// Module is the module instance address ("" for the root,
	// `module.a["x"]`).
	Module string
	// Resource is the declaration; Key the instance key (cty.NilVal
	// without count or for_each).
	Resource *Resource
	Key      cty.Value
}

// Address is the instance's address: `module.a["x"].aws_s3_bucket.b[0]`.
func (ri ResourceInstance) Address() string {
	a := ri.Resource.Address() + keyText(ri.Key)
	if ri.Module == "" {
		return a
	}
	return ri.Module + "." + a
}

// Unexpanded is a declaration the configuration alone cannot expand: a
// count or for_each whose value only a plan knows, or a module whose
// sources are not at hand. Address has no instance key.
type Unexpanded struct {
	// Module is the module instance address the declaration is in.
	Module string
	// Resource is the declaration (nil for a module call: Call names it).
	Resource *Resource
	Call     *Call
	// Address is `module.a.aws_s3_bucket.b` or, for a module call,
	// `module.a.module.b`.
	Address string
	Reason  i18n.Msg
	Range   hcl.Range
}

// Expand lists every resource instance of the configuration (managed
// resources, data sources and ephemeral resources alike; the caller
// chooses), in a stable order, and the declarations it cannot expand.
func (e *Evaluator) Expand() ([]ResourceInstance, []Unexpanded) {
	var insts []ResourceInstance
	var unexpanded []Unexpanded
	var walk func(s *scope)
	walk = func(s *scope) {
		for _, addr := range slices.Sorted(maps.Keys(s.mod.Resources)) {
			r := s.mod.Resources[addr]
			keys, fail := e.resourceKeys(s, r)
			if fail != nil {
				full := addr
				if s.inst != "" {
					full = s.inst + "." + addr
				}
				unexpanded = append(unexpanded, Unexpanded{Module: s.inst, Resource: r, Address: full, Reason: fail.Reason(), Range: r.Range})
				continue
			}
			for _, k := range keys {
				insts = append(insts, ResourceInstance{Module: s.inst, Resource: r, Key: k})
			}
		}
		for _, name := range slices.Sorted(maps.Keys(s.mod.Calls)) {
			call := s.mod.Calls[name]
			childKey := name
			if s.mod.Key != "" {
				childKey = s.mod.Key + "." + name
			}
			addr := joinInstWith(s.inst, name, cty.NilVal)
			child := e.cfg.Modules[childKey]
			if child == nil {
				why := text(e.cfg.Missing[childKey])
				if e.cfg.Missing[childKey] == "" {
					why = i18n.M("ev.src.module_not_in", name, call.Source, e.cfg.Origin)
				}
				unexpanded = append(unexpanded, Unexpanded{Module: s.inst, Call: call, Address: addr, Reason: why, Range: call.Range})
				continue
			}
			keys, fail := e.callKeys(s, call)
			if fail != nil {
				unexpanded = append(unexpanded, Unexpanded{Module: s.inst, Call: call, Address: addr, Reason: fail.Reason(), Range: call.Range})
				continue
			}
			for _, k := range keys {
				walk(&scope{mod: child, inst: joinInstWith(s.inst, name, k)})
			}
		}
	}
	walk(&scope{mod: e.cfg.Modules[""]})
	return insts, unexpanded
}

// resourceKeys are the instance keys of a resource in a module instance:
// one cty.NilVal without count or for_each.
func (e *Evaluator) resourceKeys(s *scope, r *Resource) ([]cty.Value, *Value) {
	what := r.Address()
	if s.inst != "" {
		what = s.inst + "." + what
	}
	return e.repetitionKeys(s, r.Count, r.ForEach, what)
}

func (e *Evaluator) callKeys(s *scope, c *Call) ([]cty.Value, *Value) {
	return e.repetitionKeys(s, c.Count, c.ForEach, joinInstWith(s.inst, c.Name, cty.NilVal))
}

// maxInstances bounds the instances one count or for_each makes.
const maxInstances = 100000

// repetitionKeys evaluates count or for_each into instance keys.
func (e *Evaluator) repetitionKeys(s *scope, count, forEach *hcl.Attribute, what string) ([]cty.Value, *Value) {
	switch {
	case count != nil:
		n := e.expr(s, count.Expr, i18n.M("ev.src.count_of", what))
		if !n.Known() || n.Val.IsNull() || n.Val.Type() != cty.Number {
			return nil, unknown(i18n.M("ev.src.count_unknown_config", what, n.Reason()), n.Evidence...)
		}
		c, acc := n.Val.AsBigFloat().Int64()
		if acc != 0 || c < 0 || c > maxInstances {
			return nil, unknown(i18n.M("ev.src.count_not_expanded", what, Render(n.Val)))
		}
		keys := make([]cty.Value, 0, c)
		for i := int64(0); i < c; i++ {
			keys = append(keys, cty.NumberIntVal(i))
		}
		return keys, nil
	case forEach != nil:
		fe := e.expr(s, forEach.Expr, i18n.M("ev.src.for_each_of", what))
		if !fe.Known() || fe.Val.IsNull() || !fe.Val.CanIterateElements() {
			return nil, unknown(i18n.M("ev.src.for_each_unknown_config", what, fe.Reason()), fe.Evidence...)
		}
		if fe.Val.LengthInt() > maxInstances {
			return nil, unknown(i18n.M("ev.src.for_each_too_many", what))
		}
		var keys []cty.Value
		t := fe.Val.Type()
		for it := fe.Val.ElementIterator(); it.Next(); {
			k, v := it.Element()
			if t.IsSetType() || t.IsTupleType() || t.IsListType() {
				k = v
			}
			if k.IsNull() || !k.IsKnown() || k.Type() != cty.String {
				return nil, unknown(i18n.M("ev.src.for_each_keys_strings", what))
			}
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i].AsString() < keys[j].AsString() })
		return keys, nil
	}
	return []cty.Value{cty.NilVal}, nil
}

// metaArguments are the arguments of a resource block that are not the
// resource's own.
var metaArguments = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true}

// metaBlocks are the nested blocks of a resource block that are not the
// resource's own.
var metaBlocks = map[string]bool{"lifecycle": true, "provisioner": true, "connection": true}

// ResourceValue evaluates the arguments and nested blocks of one resource
// instance into an object, as a plan's planned values would hold them
// before the provider adds its computed attributes: an argument that
// cannot be evaluated is unknown, and reasons says why, by argument.
// Nested blocks are lists of objects, as in plan JSON.
func (e *Evaluator) ResourceValue(module string, r *Resource, key cty.Value) (cty.Value, map[string]i18n.Msg) {
	s, why := e.moduleScope(module)
	if why != "" {
		return cty.DynamicVal, map[string]i18n.Msg{"": text(why)}
	}
	if key != cty.NilVal {
		rep, fail := e.resourceRepetition(s, r, key)
		if fail != nil {
			return cty.DynamicVal, map[string]i18n.Msg{"": fail.Reason()}
		}
		s.each = rep
	}
	what := r.Address() + keyText(key)
	if module != "" {
		what = module + "." + what
	}
	reasons := map[string]i18n.Msg{}
	v := e.bodyValue(s, r.Body, what, "", reasons, true)
	return v, reasons
}

// bodyValue is the object of a block body; at names the body's path, for
// reasons.
func (e *Evaluator) bodyValue(s *scope, n *node, what, at string, reasons map[string]i18n.Msg, top bool) cty.Value {
	attrs := map[string]cty.Value{}
	for name, a := range n.attrs {
		if top && metaArguments[name] {
			continue
		}
		v := e.expr(s, a.Expr, text(what+" "+at+name))
		if !v.Set || v.Val == cty.NilVal {
			continue
		}
		val, _ := v.Val.UnmarkDeep()
		if !val.IsWhollyKnown() {
			reasons[at+name] = v.Reason()
		}
		attrs[name] = val
	}
	blocks := map[string][]cty.Value{}
	var unknownBlocks []string
	for _, b := range n.blocks {
		if top && metaBlocks[b.typ] {
			continue
		}
		if !b.dynamic {
			blocks[b.typ] = append(blocks[b.typ], e.bodyValue(s, b.body, what, at+b.typ+".", reasons, false))
			continue
		}
		expanded, fail := e.expandDynamic(s, b, text(what))
		if fail != nil {
			reasons[at+b.typ] = fail.Reason()
			unknownBlocks = append(unknownBlocks, b.typ)
			continue
		}
		for _, x := range expanded {
			blocks[b.typ] = append(blocks[b.typ], e.bodyValue(x.scope, x.body, what, at+b.typ+".", reasons, false))
		}
		if _, ok := blocks[b.typ]; !ok {
			blocks[b.typ] = nil
		}
	}
	for typ, list := range blocks {
		if _, written := attrs[typ]; written {
			continue
		}
		if len(list) == 0 {
			attrs[typ] = cty.EmptyTupleVal
			continue
		}
		attrs[typ] = cty.TupleVal(list)
	}
	for _, typ := range unknownBlocks {
		attrs[typ] = cty.DynamicVal
	}
	return cty.ObjectVal(attrs)
}

// AttributesReadOf lists, for each resource of the configuration (module
// key, then "\x00", then its address within the module:
// "net\x00aws_vpc.main"), the attributes other expressions read from it.
// A configuration check marks those its configuration does not give as
// unknown: the provider computes them, and only a plan knows them.
func (c *Config) AttributesReadOf() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, m := range c.Modules {
		r := &readsOf{module: m.Key, out: out}
		for _, p := range m.Providers {
			r.body(p.Body)
		}
		for _, call := range m.Calls {
			r.body(call.source)
		}
		for _, a := range m.Locals {
			r.expr(a.Expr)
		}
		for _, a := range m.Outputs {
			r.expr(a.Expr)
		}
		for _, res := range m.Resources {
			r.body(res.Body)
		}
	}
	return out
}

// readsOf collects AttributesReadOf's answer for the expressions of one
// module.
type readsOf struct {
	module string
	out    map[string]map[string]bool
}

func (r *readsOf) body(n *node) {
	if n == nil {
		return
	}
	for _, a := range n.attrs {
		r.expr(a.Expr)
	}
	for _, b := range n.blocks {
		r.body(b.body)
	}
}

func (r *readsOf) expr(x hcl.Expression) {
	for _, tr := range x.Variables() {
		res, attr, ok := resourceAttrRef(tr)
		if !ok || attr == "" {
			continue
		}
		k := r.module + "\x00" + res
		if r.out[k] == nil {
			r.out[k] = map[string]bool{}
		}
		r.out[k][attr] = true
	}
}
