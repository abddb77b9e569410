package tfconfig

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// ProviderRef is the provider configuration a resource instance uses, as
// the sources decide it.
type ProviderRef struct {
	// Module is the module instance whose provider block it is.
	Module string
	// Local and Alias name the configuration in that module.
	Local, Alias string
	// Key is the instance key of an OpenTofu provider with for_each
	// (cty.NilVal otherwise).
	Key cty.Value
	// Block is the provider block; nil when no module on the way declares
	// one: the provider then takes all its settings from the environment.
	Block *Provider
	// Path lists how the configuration was found, for evidence
	// ("module.app gets aws from aws.paris (root)").
	Path []string
}

// Display names the configuration in evidence: provider aws.paris (root).
func (p *ProviderRef) Display() string {
	return fmt.Sprintf("provider %s%s (%s)", providerKey(p.Local, p.Alias), keyText(p.Key), displayInst(p.Module))
}

// DisplayMsg is Display as a message, for the report's language.
func (p *ProviderRef) DisplayMsg() i18n.Msg {
	return i18n.M("ev.provider_conf", providerKey(p.Local, p.Alias)+keyText(p.Key), instName(p.Module))
}

// ConfigKey is the configuration's key as plan JSON writes it
// (provider_config_key): "aws.paris", or "module.a:aws" for a module's own.
func (p *ProviderRef) ConfigKey() string {
	k := providerKey(p.Local, p.Alias)
	if p.Module == "" {
		return k
	}
	steps, _ := parseModuleInstance(p.Module)
	for i := range steps {
		steps[i].key = cty.NilVal
	}
	return joinInst(steps) + ":" + k
}

// ResourceProvider finds the provider configuration of a resource
// instance: its provider meta-argument (or the default configuration of
// the type's provider), then, up the module tree, the module's own
// provider block, else what the module call passes in its providers map,
// else (for a default configuration) the parent's. key is the resource's
// instance key (cty.NilVal without count or for_each).
func (e *Evaluator) ResourceProvider(module, resource string, key cty.Value) (*ProviderRef, *Value) {
	s, why := e.moduleScope(module)
	if why != "" {
		return nil, unknown(text(why))
	}
	r := s.mod.Resources[resource]
	if r == nil {
		return nil, unknown(i18n.M("ev.src.resource_not_declared", resource, modName(s.mod), e.cfg.Origin))
	}
	local := r.Type
	if i := strings.Index(local, "_"); i > 0 {
		local = local[:i]
	}
	ref := &ProviderRef{Module: module, Local: local, Key: cty.NilVal}
	if r.Provider != nil {
		rs := &scope{mod: s.mod, inst: s.inst}
		if key != cty.NilVal {
			rep, v := e.resourceRepetition(s, r, key)
			if v != nil {
				return nil, v
			}
			rs.each = rep
		}
		l, alias, k, v := e.providerExpr(rs, r.Provider, i18n.M("ev.src.resource_provider", resource))
		if v != nil {
			return nil, v
		}
		ref.Local, ref.Alias, ref.Key = l, alias, k
	}
	return e.followProvider(ref)
}

// resourceRepetition is the count.index or each.key/each.value of one
// resource instance.
func (e *Evaluator) resourceRepetition(s *scope, r *Resource, key cty.Value) (*repetition, *Value) {
	switch {
	case r.Count != nil:
		return &repetition{count: true, key: key}, nil
	case r.ForEach != nil:
		fs := &scope{mod: s.mod, inst: s.inst, each: s.each, iter: s.iter}
		fe := func() *Value {
			return e.forEachValue(fs, "resource\x00"+r.Address(), r.ForEach.Expr, i18n.M("ev.src.for_each_of", r.Address()))
		}
		if rep, ok := e.lazyElement(r.ForEach.Expr, fe, key, text(r.Address())); ok {
			return rep, nil
		}
		return e.forEachElement(fe(), key, text(r.Address()))
	}
	return nil, nil
}

// providerExpr reads a provider reference: aws, aws.alias, or OpenTofu's
// aws.alias[key] with a key expression.
func (e *Evaluator) providerExpr(s *scope, x hcl.Expression, what i18n.Msg) (local, alias string, key cty.Value, fail *Value) {
	key = cty.NilVal
	var keyExpr hcl.Expression
	if ix, ok := x.(*hclsyntax.IndexExpr); ok {
		x, keyExpr = ix.Collection, ix.Key
	}
	tr, diags := hcl.AbsTraversalForExpr(x)
	if diags.HasErrors() {
		return "", "", key, unknown(i18n.M("ev.src.not_provider_ref", what, e.exprText(x)))
	}
	var names []string
	for _, step := range tr {
		switch st := step.(type) {
		case hcl.TraverseRoot:
			names = append(names, st.Name)
		case hcl.TraverseAttr:
			names = append(names, st.Name)
		case hcl.TraverseIndex:
			key = st.Key
		}
	}
	if len(names) == 0 || len(names) > 2 {
		return "", "", key, unknown(i18n.M("ev.src.not_provider_ref", what, e.exprText(x)))
	}
	local = names[0]
	if len(names) == 2 {
		alias = names[1]
	}
	if keyExpr != nil {
		kv := e.expr(s, keyExpr, i18n.M("ev.src.instance_key", what))
		if !kv.Known() {
			return "", "", key, unknown(i18n.M("ev.src.instance_key_unknown", what, kv.Reason()), kv.Evidence...)
		}
		key = kv.Val
	}
	return local, alias, key, nil
}

// followProvider walks up from the module where a configuration is
// referenced to the block that defines it. The answer depends on the
// reference alone: it is computed once per reference, and each caller
// gets its own copy.
func (e *Evaluator) followProvider(ref *ProviderRef) (*ProviderRef, *Value) {
	k := ref.Module + "\x00" + ref.Local + "\x00" + ref.Alias
	if ref.Key != cty.NilVal {
		k += "\x00" + ref.Key.GoString()
	}
	if len(ref.Path) > 0 {
		// A reference already on its way: not one a resource starts from.
		return e.walkProvider(ref)
	}
	f, ok := e.followed[k]
	if !ok {
		f.ref, f.fail = e.walkProvider(ref)
		if e.followed == nil {
			e.followed = map[string]followed{}
		}
		e.followed[k] = f
	}
	if f.ref == nil {
		return nil, f.fail
	}
	out := *f.ref
	out.Path = slices.Clip(out.Path)
	return &out, f.fail
}

// walkProvider is followProvider's walk.
func (e *Evaluator) walkProvider(ref *ProviderRef) (*ProviderRef, *Value) {
	for depth := 0; depth <= maxModuleDepth; depth++ {
		s, why := e.moduleScope(ref.Module)
		if why != "" {
			return nil, unknown(text(why))
		}
		k := providerKey(ref.Local, ref.Alias)
		if p := s.mod.Providers[k]; p != nil {
			ref.Block = p
			return ref, nil
		}
		if ref.Module == "" {
			// Nothing configures it: an empty configuration, the
			// environment decides.
			ref.Path = append(ref.Path, fmt.Sprintf("no provider %q block in the root module: its settings come from the environment", k))
			return ref, nil
		}
		ps, call, callKey, fail := e.callOf(ref.Module)
		if fail != nil {
			return nil, fail
		}
		parentInst := ps.inst
		if len(call.Providers) > 0 {
			var mapped *ProviderMapping
			for i := range call.Providers {
				if call.Providers[i].Child == k {
					mapped = &call.Providers[i]
					break
				}
			}
			if mapped == nil {
				// An explicit providers map replaces inheritance: what it
				// does not list, the module does not get.
				ref.Path = append(ref.Path, fmt.Sprintf("module call %s passes no %q in its providers map: the module's %s is not configured", ref.Module, k, k))
				return ref, nil
			}
			cs := &scope{mod: ps.mod, inst: ps.inst}
			rep, v := e.callRepetition(ps, call, callKey)
			if v != nil {
				return nil, v
			}
			cs.each = rep
			l, alias, key, fail := e.providerExpr(cs, mapped.Parent, i18n.M("ev.src.call_providers", ref.Module))
			if fail != nil {
				return nil, fail
			}
			ref.Path = append(ref.Path, fmt.Sprintf("%s gets %s from %s%s (%s) through its providers map", ref.Module, k, providerKey(l, alias), keyText(key), displayInst(parentInst)))
			ref.Module, ref.Local, ref.Alias, ref.Key = parentInst, l, alias, key
			continue
		}
		if ref.Alias != "" {
			return nil, unknown(i18n.M("ev.src.alias_not_passed", ref.Module, k))
		}
		ref.Path = append(ref.Path, fmt.Sprintf("%s inherits %s from %s", ref.Module, k, displayInst(parentInst)))
		ref.Module = parentInst
	}
	return nil, unknown(i18n.M("ev.src.too_deep"))
}

// ProviderAttr evaluates an argument of a provider configuration at a
// path through nested blocks: "region", "api.region", "endpoints[].api",
// "default_tags.tags". A path segment ending in [] collects every block
// (the result is then a tuple); dynamic blocks are expanded.
func (e *Evaluator) ProviderAttr(ref *ProviderRef, path string) *Value {
	if ref == nil || ref.Block == nil {
		return &Value{}
	}
	memo := fmt.Sprintf("%s\x00%s%s\x00provider\x00%s", ref.Module, ref.Block.Key(), keyText(ref.Key), path)
	what := i18n.M("ev.src.path", ref.DisplayMsg(), path)
	return e.memoized(memo, what, func() *Value {
		s, why := e.moduleScope(ref.Module)
		if why != "" {
			return unknown(text(why))
		}
		ps := &scope{mod: s.mod, inst: s.inst}
		if ref.Block.ForEach != nil {
			if ref.Key == cty.NilVal {
				return unknown(i18n.M("ev.src.no_instance", ref.DisplayMsg()))
			}
			fe := e.forEachValue(ps, "provider\x00"+ref.Block.Key(), ref.Block.ForEach.Expr, i18n.M("ev.src.for_each_of", ref.DisplayMsg()))
			rep, fail := e.forEachElement(fe, ref.Key, ref.DisplayMsg())
			if fail != nil {
				return fail
			}
			ps.each = rep
		}
		return e.bodyPath(ps, ref.Block.Body, strings.Split(path, "."), what)
	})
}

// ModuleArg evaluates the argument name of the call of a module instance
// (in the caller's scope, with the instance's count or for_each key).
func (e *Evaluator) ModuleArg(module, name string) *Value {
	if module == "" {
		return &Value{}
	}
	return e.memoized(module+"\x00arg\x00"+name, i18n.M("ev.src.call_argument", module, name), func() *Value {
		ps, call, key, fail := e.callOf(module)
		if fail != nil {
			return fail
		}
		a := call.Args[name]
		if a == nil {
			return &Value{}
		}
		rep, v := e.callRepetition(ps, call, key)
		if v != nil {
			return v
		}
		return e.expr(&scope{mod: ps.mod, inst: ps.inst, each: rep}, a.Expr, i18n.M("ev.src.module_argument", module, name))
	})
}

// bodyPath evaluates the argument at segs in a block body.
func (e *Evaluator) bodyPath(s *scope, n *node, segs []string, what i18n.Msg) *Value {
	seg := segs[0]
	each := strings.HasSuffix(seg, "[]")
	name := strings.TrimSuffix(seg, "[]")
	if a := n.attrs[name]; a != nil {
		v := e.expr(s, a.Expr, what)
		if len(segs) == 1 || !v.Set {
			return v
		}
		return walkValue(v, segs[1:], what)
	}
	if len(segs) == 1 {
		return &Value{}
	}
	var results []*Value
	for _, b := range n.blocks {
		if b.typ != name {
			continue
		}
		if !b.dynamic {
			results = append(results, e.bodyPath(s, b.body, segs[1:], what))
			continue
		}
		expanded, fail := e.expandDynamic(s, b, what)
		if fail != nil {
			return fail
		}
		for _, x := range expanded {
			results = append(results, e.bodyPath(x.scope, x.body, segs[1:], what))
		}
	}
	return combine(results, each, what)
}

type expansion struct {
	scope *scope
	body  *node
}

// expandDynamic generates the blocks of a dynamic block: one per element
// of its for_each, with the iterator variable bound.
func (e *Evaluator) expandDynamic(s *scope, b *nestedBlock, what i18n.Msg) ([]expansion, *Value) {
	iterName := b.typ
	var content *node
	if a := b.body.attrs["iterator"]; a != nil {
		if kw := hcl.ExprAsKeyword(a.Expr); kw != "" {
			iterName = kw
		}
	}
	for _, nb := range b.body.blocks {
		if nb.typ == "content" && !nb.dynamic {
			content = nb.body
		}
	}
	fa := b.body.attrs["for_each"]
	if fa == nil || content == nil {
		return nil, unknown(i18n.M("ev.src.dynamic_incomplete", what, b.typ, where(b.rng)))
	}
	fe := e.expr(s, fa.Expr, i18n.M("ev.src.dynamic_for_each", what, b.typ))
	if !fe.Known() || !fe.Val.CanIterateElements() {
		out := unknown(i18n.M("ev.src.dynamic_unknown", what, b.typ, fe.Reason()))
		out.Evidence = fe.Evidence
		return nil, out
	}
	var out []expansion
	for it := fe.Val.ElementIterator(); it.Next(); {
		k, v := it.Element()
		iter := map[string]cty.Value{}
		for n, val := range s.iter {
			iter[n] = val
		}
		iter[iterName] = cty.ObjectVal(map[string]cty.Value{"key": k, "value": v})
		out = append(out, expansion{scope: &scope{mod: s.mod, inst: s.inst, each: s.each, iter: iter}, body: content})
	}
	return out, nil
}

// combine joins the values found in several blocks: a tuple when the path
// asks for every block; otherwise their common value, or unknown when
// they disagree (a single block written twice cannot have two values).
func combine(results []*Value, each bool, what i18n.Msg) *Value {
	var set []*Value
	for _, r := range results {
		if r.Set {
			set = append(set, r)
		}
	}
	if len(set) == 0 {
		return &Value{}
	}
	out := &Value{Set: true}
	for _, r := range set {
		out.Evidence = appendEvidence(out.Evidence, []*Value{r})
		if !r.Known() {
			out.Reasons = appendUnique(out.Reasons, r.Reasons...)
		}
	}
	if each {
		vals := make([]cty.Value, len(set))
		for i, r := range set {
			vals[i] = r.Val
		}
		out.Val = cty.TupleVal(vals)
		return out
	}
	out.Val = set[0].Val
	for _, r := range set[1:] {
		if !r.Known() || !set[0].Known() || !r.Val.RawEquals(set[0].Val) {
			return &Value{Val: cty.DynamicVal, Set: true, Evidence: out.Evidence,
				Reasons: appendUnique(out.Reasons, i18n.M("ev.src.several_values", what))}
		}
	}
	return out
}

// walkValue follows the rest of a path into a value (a JSON body's nested
// blocks, an object argument).
func walkValue(v *Value, segs []string, what i18n.Msg) *Value {
	vals := []cty.Value{v.Val}
	each := false
	for _, seg := range segs {
		name := strings.TrimSuffix(seg, "[]")
		each = each || strings.HasSuffix(seg, "[]")
		var next []cty.Value
		for _, val := range vals {
			next = append(next, stepInto(val, name)...)
		}
		vals = next
	}
	out := &Value{Set: len(vals) > 0, Evidence: v.Evidence, Reasons: v.Reasons}
	switch {
	case len(vals) == 0:
		return &Value{}
	case each:
		out.Val = cty.TupleVal(vals)
	case len(vals) == 1:
		out.Val = vals[0]
	default:
		out.Val = vals[0]
		for _, x := range vals[1:] {
			if !x.RawEquals(vals[0]) {
				return &Value{Val: cty.DynamicVal, Set: true, Evidence: v.Evidence,
					Reasons: appendUnique(v.Reasons, i18n.M("ev.src.several_values", what))}
			}
		}
	}
	return out
}

// stepInto returns the values of attribute name in v: of the object, or
// of each element of a list of objects (repeated blocks in JSON).
func stepInto(v cty.Value, name string) []cty.Value {
	if !v.IsKnown() {
		return []cty.Value{cty.DynamicVal}
	}
	if v.IsNull() {
		return nil
	}
	t := v.Type()
	switch {
	case t.IsObjectType():
		if t.HasAttribute(name) {
			return []cty.Value{v.GetAttr(name)}
		}
	case t.IsMapType():
		k := cty.StringVal(name)
		if v.HasIndex(k).True() {
			return []cty.Value{v.Index(k)}
		}
	case t.IsListType() || t.IsTupleType() || t.IsSetType():
		var out []cty.Value
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out = append(out, stepInto(e, name)...)
		}
		return out
	}
	return nil
}

// ProviderArgs lists the arguments a provider configuration sets and its
// nested blocks that hold any (dynamic blocks included); alias, version
// and for_each are not arguments of the provider.
func (e *Evaluator) ProviderArgs(ref *ProviderRef) []string {
	if ref == nil || ref.Block == nil {
		return nil
	}
	var out []string
	for name := range ref.Block.Body.attrs {
		switch name {
		case "alias", "version", "for_each":
			continue
		}
		out = append(out, name)
	}
	for _, b := range ref.Block.Body.blocks {
		if (len(b.body.attrs) > 0 || len(b.body.blocks) > 0 || b.dynamic) && !slices.Contains(out, b.typ) {
			out = append(out, b.typ)
		}
	}
	sort.Strings(out)
	return out
}

// PlainReference reports whether an argument of a resource block is
// written as a plain reference to another resource of the same module
// instance (aws_s3_bucket.b.id, aws_subnet.s[0].id): it then names that
// resource, whatever its value. target is the other resource's full
// address.
func (e *Evaluator) PlainReference(module, resource, attr, target string) bool {
	s, why := e.moduleScope(module)
	if why != "" {
		return false
	}
	r := s.mod.Resources[resource]
	if r == nil {
		return false
	}
	return plainRef(r.Body.attrs[attr], module, target)
}

// PlainReferenceTarget is the resource an argument of a resource block
// written as a plain reference names, as PlainReference reads it: its
// address in the module (aws_s3_bucket.b) and the instance key written
// (cty.NilVal for none). ok is false when the argument is not a plain
// reference PlainReference could accept for some target: a resource with
// many candidates asks once, not once per candidate.
func (e *Evaluator) PlainReferenceTarget(module, resource, attr string) (res string, key cty.Value, ok bool) {
	s, why := e.moduleScope(module)
	if why != "" {
		return "", cty.NilVal, false
	}
	r := s.mod.Resources[resource]
	if r == nil {
		return "", cty.NilVal, false
	}
	a := r.Body.attrs[attr]
	if a == nil {
		return "", cty.NilVal, false
	}
	return plainRefTarget(a.Expr, cty.NilVal)
}

// plainRefTarget reads the resource (address in its module, instance key)
// an expression is a plain reference to (aws_s3_bucket.b.id,
// aws_s3_bucket.b[0].id, or aws_s3_bucket.b[each.key].id with self the
// referring instance's key): ok is false when it is none. plainRefExpr
// compares a target with it.
func plainRefTarget(expr hcl.Expression, self cty.Value) (res string, key cty.Value, ok bool) {
	if rt, ok := expr.(*hclsyntax.RelativeTraversalExpr); ok {
		expr = rt.Source
	}
	if ix, ok := expr.(*hclsyntax.IndexExpr); ok {
		st, ok := ix.Collection.(*hclsyntax.ScopeTraversalExpr)
		if !ok || self == cty.NilVal || !selfKey(ix.Key) {
			return "", cty.NilVal, false
		}
		names, ok := stepNames(st.Traversal)
		if !ok {
			return "", cty.NilVal, false
		}
		return strings.Join(names, "."), self, true
	}
	st, ok := expr.(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return "", cty.NilVal, false
	}
	return traversalTarget(st)
}

// traversalTarget reads the resource a reference names: its first two
// names (three for data.), and the index that follows them, if any.
func traversalTarget(st *hclsyntax.ScopeTraversalExpr) (res string, key cty.Value, ok bool) {
	n := 2
	if st.Traversal.RootName() == "data" {
		n = 3
	}
	if len(st.Traversal) < n {
		return "", cty.NilVal, false
	}
	names, ok := stepNames(st.Traversal[:n])
	if !ok {
		return "", cty.NilVal, false
	}
	key = cty.NilVal
	if len(st.Traversal) > n {
		if idx, ok := st.Traversal[n].(hcl.TraverseIndex); ok {
			key = idx.Key
		}
	}
	return strings.Join(names, "."), key, true
}

// stepNames are the names of a traversal's steps, root and attributes;
// ok is false at any other step.
func stepNames(tr hcl.Traversal) (names []string, ok bool) {
	for _, step := range tr {
		switch x := step.(type) {
		case hcl.TraverseRoot:
			names = append(names, x.Name)
		case hcl.TraverseAttr:
			names = append(names, x.Name)
		default:
			return nil, false
		}
	}
	return names, true
}

// PlainReferenceAt is PlainReference for an argument in nested blocks,
// written as the plan writes its path: "rule[0].destination[0].bucket".
// A block that a dynamic block of the same type could also generate, or
// an index past the blocks written, shows nothing.
//
// self is the instance key of the referring resource: an index written
// as each.key or count.index (aws_s3_bucket.replica[each.key].arn) is that
// key.
func (e *Evaluator) PlainReferenceAt(module, resource string, self cty.Value, path, target string) bool {
	x, ok := e.argumentAt(module, resource, path)
	return ok && plainRefExpr(x, module, target, self)
}

// PlainReferenceAtTarget is PlainReferenceTarget for an argument in nested
// blocks: the resource PlainReferenceAt would accept, with self the
// referring instance's key (the key of aws_s3_bucket.replica[each.key]).
func (e *Evaluator) PlainReferenceAtTarget(module, resource string, self cty.Value, path string) (res string, key cty.Value, ok bool) {
	x, ok := e.argumentAt(module, resource, path)
	if !ok {
		return "", cty.NilVal, false
	}
	return plainRefTarget(x, self)
}

// argumentAt is the expression of a resource's argument at a path as the
// plan writes it; ok is false when the sources do not write it there (or a
// dynamic block may).
func (e *Evaluator) argumentAt(module, resource, path string) (hcl.Expression, bool) {
	s, why := e.moduleScope(module)
	if why != "" {
		return nil, false
	}
	r := s.mod.Resources[resource]
	if r == nil {
		return nil, false
	}
	n := r.Body
	segs := strings.Split(path, ".")
	for _, seg := range segs[:len(segs)-1] {
		name, idx := seg, 0
		if open := strings.IndexByte(seg, '['); open >= 0 {
			name = seg[:open]
			i, err := strconv.Atoi(strings.TrimSuffix(seg[open+1:], "]"))
			if err != nil {
				return nil, false
			}
			idx = i
		}
		var blocks []*nestedBlock
		for _, b := range n.blocks {
			if b.typ != name {
				continue
			}
			if b.dynamic {
				return nil, false
			}
			blocks = append(blocks, b)
		}
		if idx >= len(blocks) {
			return nil, false
		}
		n = blocks[idx].body
	}
	last := segs[len(segs)-1]
	if open := strings.IndexByte(last, '['); open >= 0 {
		// An element of a list written out: resources = [aws_db_instance.a.arn].
		i, err := strconv.Atoi(strings.TrimSuffix(last[open+1:], "]"))
		a := n.attrs[last[:open]]
		if err != nil || a == nil {
			return nil, false
		}
		tuple, ok := a.Expr.(*hclsyntax.TupleConsExpr)
		if !ok || i >= len(tuple.Exprs) {
			return nil, false
		}
		return tuple.Exprs[i], true
	}
	a := n.attrs[last]
	if a == nil {
		return nil, false
	}
	return a.Expr, true
}

// DynamicAt reports whether a dynamic block of a resource's sources may
// generate what is at a path as the plan writes it ("replica",
// "settings[0].location_preference[0].secondary_zone"): a dynamic block of
// one of the path's block types, at its level, among the blocks written
// out. Plan JSON does not show dynamic blocks. ok is false when the
// resource is not in the sources.
func (e *Evaluator) DynamicAt(module, resource, path string) (dynamic, ok bool) {
	s, why := e.moduleScope(module)
	if why != "" {
		return false, false
	}
	r := s.mod.Resources[resource]
	if r == nil {
		return false, false
	}
	n := r.Body
	for _, seg := range strings.Split(path, ".") {
		name, idx := seg, 0
		if open := strings.IndexByte(seg, '['); open >= 0 {
			name = seg[:open]
			if i, err := strconv.Atoi(strings.TrimSuffix(seg[open+1:], "]")); err == nil {
				idx = i
			}
		}
		var written []*nestedBlock
		for _, b := range n.blocks {
			if b.typ != name {
				continue
			}
			if b.dynamic {
				return true, true
			}
			written = append(written, b)
		}
		if len(written) == 0 {
			return false, true
		}
		if idx >= len(written) {
			idx = len(written) - 1
		}
		n = written[idx].body
	}
	return false, true
}

// selfKey reports whether an index is the referring instance's own key:
// each.key or count.index.
func selfKey(e hclsyntax.Expression) bool {
	st, ok := e.(*hclsyntax.ScopeTraversalExpr)
	if !ok || len(st.Traversal) != 2 {
		return false
	}
	attr, ok := st.Traversal[1].(hcl.TraverseAttr)
	if !ok {
		return false
	}
	switch st.Traversal.RootName() {
	case "each":
		return attr.Name == "key"
	case "count":
		return attr.Name == "index"
	}
	return false
}

// plainRef reports whether an attribute is a plain reference to the
// resource at target, in module.
func plainRef(a *hcl.Attribute, module, target string) bool {
	if a == nil {
		return false
	}
	return plainRefExpr(a.Expr, module, target, cty.NilVal)
}

// plainRefExpr reports whether an expression is a plain reference to the
// resource at target, in module. self is the referring instance's key,
// for an index written as each.key or count.index.
func plainRefExpr(expr hcl.Expression, module, target string, self cty.Value) bool {
	res, key, ok := plainRefTarget(expr, self)
	if !ok {
		return false
	}
	tmod, tres, tkey, ok := ParseResourceAddress(target)
	if !ok || tmod != module || tres != res {
		return false
	}
	if key == cty.NilVal || tkey == cty.NilVal {
		return key == cty.NilVal && tkey == cty.NilVal
	}
	eq := key.Equals(tkey)
	return eq.IsKnown() && eq.True()
}
