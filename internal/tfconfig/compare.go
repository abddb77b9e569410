package tfconfig

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"
)

// MismatchError says that the sources are not the configuration a plan
// was made from: a stale checkout, or files edited after planning, must
// not vouch for another plan.
type MismatchError struct {
	Origin      string
	Differences []string
	// Texts are the Differences not yet rendered, for the user's
	// language; OriginText is Origin's.
	Texts      []i18n.Msg
	OriginText i18n.Msg
}

func (e *MismatchError) Error() string { return e.In(i18n.English) }

// In renders the error in a language.
func (e *MismatchError) In(l i18n.Lang) string {
	diffs := e.Differences
	if len(e.Texts) == len(diffs) {
		diffs = make([]string, len(e.Texts))
		for i, t := range e.Texts {
			diffs[i] = t.In(l)
		}
	}
	more := ""
	if len(diffs) > 8 {
		more = i18n.T(l, "config.and_more", len(diffs)-8)
		diffs = diffs[:8]
	}
	var origin i18n.Localizer = i18n.Text(e.Origin)
	if !e.OriginText.IsZero() {
		origin = e.OriginText
	}
	return i18n.T(l, "config.mismatch", origin, strings.Join(diffs, i18n.T(l, "config.separator")), more)
}

// mismatch makes a MismatchError from its differences.
func mismatch(cfg *Config, texts []i18n.Msg) *MismatchError {
	e := &MismatchError{Origin: cfg.Origin, OriginText: cfg.OriginText, Texts: texts, Differences: make([]string, len(texts))}
	for i, t := range texts {
		e.Differences[i] = t.String()
	}
	return e
}

// placeText is a part of a difference that names a place: "the root
// module", "(root)" and "root" are said in the user's language.
type placeText string

// In renders the place in a language.
func (p placeText) In(l i18n.Lang) string {
	if p == "root" {
		return i18n.T(l, "config.root")
	}
	s := strings.ReplaceAll(string(p), "the root module", i18n.T(l, "plan.root_module"))
	return strings.ReplaceAll(s, "(root)", "("+i18n.T(l, "config.root")+")")
}

// Check compares the sources with the configuration a plan records: the
// same modules, resources, provider configurations (with the same
// arguments, constants and references) and module-call arguments. It
// returns a *MismatchError listing what differs. A plan without
// configuration (Terraform 0.11 …) cannot be checked: that is an error
// too.
func Check(cfg *Config, pc *tfjson.Config) error {
	if pc == nil || pc.RootModule == nil {
		return mismatch(cfg, []i18n.Msg{i18n.M("config.no_configuration")})
	}
	c := &comparison{cfg: cfg, ev: NewEvaluator(cfg, Plan{})}
	c.module("", pc.RootModule, pc)
	for key := range cfg.Modules {
		if !c.seen[key] {
			c.diff("config.in_sources", moduleDisplay(key))
		}
	}
	c.providers(pc)
	if len(c.diffs) > 0 {
		sort.Slice(c.diffs, func(i, j int) bool { return c.diffs[i].String() < c.diffs[j].String() })
		return mismatch(cfg, c.diffs)
	}
	return nil
}

type comparison struct {
	cfg   *Config
	ev    *Evaluator
	diffs []i18n.Msg
	seen  map[string]bool
}

// diff adds a difference: the message key of the i18n catalogs and its
// arguments, the places among them said in the user's language.
func (c *comparison) diff(key string, args ...any) {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = placeText(s)
		}
	}
	c.diffs = append(c.diffs, i18n.M(key, args...))
}

func moduleDisplay(key string) string {
	if key == "" {
		return "the root module"
	}
	return "module." + strings.ReplaceAll(key, ".", ".module.")
}

func (c *comparison) module(key string, pm *tfjson.ConfigModule, pc *tfjson.Config) {
	if c.seen == nil {
		c.seen = map[string]bool{}
	}
	c.seen[key] = true
	m := c.cfg.Modules[key]
	if m == nil {
		c.diff("config.in_plan", moduleDisplay(key))
		return
	}
	c.resources(key, pm, m)
	c.outputs(key, pm, m)
	if key == "" {
		c.rootVariables(pm, m)
	}
	c.calls(key, pm, m, pc)
}

// resources compares the resources of module key in the plan (pm) and in
// the sources (m): the same addresses, and the arguments the plan records
// with their references read the same objects (the reader keeps the
// references of every argument). Ephemeral resources are not in plans.
func (c *comparison) resources(key string, pm *tfjson.ConfigModule, m *Module) {
	planRes := map[string]bool{}
	for _, r := range pm.Resources {
		if r == nil {
			continue
		}
		addr := r.Type + "." + r.Name
		if r.Mode == tfjson.DataResourceMode {
			addr = "data." + addr
		}
		planRes[addr] = true
		sr := m.Resources[addr]
		if sr == nil {
			c.diff("config.in_plan_at", moduleDisplay(key), addr)
			continue
		}
		for name, e := range r.Expressions {
			if e == nil || e.ExpressionData == nil || len(e.NestedBlocks) > 0 || len(e.References) == 0 {
				continue
			}
			a := sr.Body.attrs[name]
			if a == nil {
				c.diff("config.attr_in_plan", moduleDisplay(key), addr, name)
				continue
			}
			c.sameRefs(fmt.Sprintf("%s: %s", moduleDisplay(key), addr), name, e, a)
		}
	}
	for addr, r := range m.Resources {
		if r.Mode == "ephemeral" {
			continue
		}
		if !planRes[addr] {
			c.diff("config.in_sources_at", moduleDisplay(key), addr)
		}
	}
}

// outputs compares the outputs of module key, whose references matter:
// a module's outputs feed its callers' expressions.
func (c *comparison) outputs(key string, pm *tfjson.ConfigModule, m *Module) {
	for name, o := range pm.Outputs {
		a := m.Outputs[name]
		if a == nil {
			c.diff("config.output_in_plan", moduleDisplay(key), name)
			continue
		}
		if o != nil && o.Expression != nil && o.Expression.ExpressionData != nil && len(o.Expression.References) > 0 {
			c.sameRefs(fmt.Sprintf("%s: output", moduleDisplay(key)), name, o.Expression, a)
		}
	}
	for name := range m.Outputs {
		if _, ok := pm.Outputs[name]; !ok {
			c.diff("config.output_in_sources", moduleDisplay(key), name)
		}
	}
}

// rootVariables compares the variables of the root module; ephemeral
// ones are not in plans.
func (c *comparison) rootVariables(pm *tfjson.ConfigModule, m *Module) {
	for name := range pm.Variables {
		if m.Variables[name] == nil {
			c.diff("config.variable_in_plan", name)
		}
	}
	for name, v := range m.Variables {
		if _, ok := pm.Variables[name]; !ok && !v.Ephemeral {
			c.diff("config.variable_in_sources", name)
		}
	}
}

// calls compares the module calls of module key: the same calls, from
// the same source, with the same arguments; then each called module.
func (c *comparison) calls(key string, pm *tfjson.ConfigModule, m *Module, pc *tfjson.Config) {
	for name, call := range pm.ModuleCalls {
		if call == nil {
			continue
		}
		childKey := name
		if key != "" {
			childKey = key + "." + name
		}
		sc := m.Calls[name]
		if sc == nil {
			c.diff("config.module_in_plan", moduleDisplay(key), name)
			continue
		}
		if call.Source != "" && sc.Source != "" && call.Source != sc.Source {
			c.diff("config.module_source", name, call.Source, sc.Source)
		}
		what := fmt.Sprintf("%s module %q", moduleDisplay(key), name)
		c.expressions(what, call.Expressions, sc.Args, &scope{mod: m}, true)
		if call.Module != nil {
			c.module(childKey, call.Module, pc)
		}
	}
	for name := range m.Calls {
		if _, ok := pm.ModuleCalls[name]; !ok {
			c.diff("config.module_in_sources", moduleDisplay(key), name)
		}
	}
}

// providers compares the provider configurations.
func (c *comparison) providers(pc *tfjson.Config) {
	planKeys := map[string]*tfjson.ProviderConfig{}
	for k, p := range pc.ProviderConfigs {
		if p != nil {
			planKeys[canonicalKey(k)] = p
		}
	}
	for key, m := range c.cfg.Modules {
		for pk, p := range m.Providers {
			k := pk
			if key != "" {
				k = moduleDisplay(key) + ":" + pk
			}
			pp := planKeys[k]
			if pp == nil {
				c.diff("config.provider_in_sources", pk, displayKey(key))
				continue
			}
			var dyn []string
			for _, b := range p.Body.blocks {
				if b.dynamic {
					dyn = append(dyn, b.typ)
				}
			}
			attrs := map[string]*hcl.Attribute{}
			for n, a := range p.Body.attrs {
				switch n {
				case "alias", "version", "for_each":
					continue
				}
				attrs[n] = a
			}
			blocks := map[string]bool{}
			for _, b := range p.Body.blocks {
				if !b.dynamic {
					blocks[b.typ] = true
				}
			}
			c.providerExpressions(fmt.Sprintf("provider %s (%s)", pk, displayKey(key)), pp.Expressions, attrs, blocks, dyn, &scope{mod: m})
		}
	}
	for k, p := range planKeys {
		if len(p.Expressions) == 0 && p.Alias == "" {
			// A provider the module only requires (or, before
			// Terraform 1.1, inherits): nothing to compare.
			continue
		}
		mod, local := splitKey(k)
		m := c.cfg.Modules[mod]
		if m == nil || m.Providers[local] == nil {
			c.diff("config.provider_in_plan", local, displayKey(mod))
		}
	}
}

func (c *comparison) providerExpressions(what string, plan map[string]*tfjson.Expression, attrs map[string]*hcl.Attribute, blocks map[string]bool, dynamic []string, s *scope) {
	for name := range plan {
		if attrs[name] == nil && !blocks[name] {
			c.diff("config.in_plan_at", what, name)
		}
	}
	for name := range blocks {
		if plan[name] == nil {
			isDyn := false
			for _, d := range dynamic {
				isDyn = isDyn || d == name
			}
			if !isDyn {
				c.diff("config.block_in_sources", what, name)
			}
		}
	}
	c.expressions(what, plan, attrs, s, false)
}

// expressions compares arguments: the same names, the same constants, the
// same references.
// With moduleArgs, every argument the plan records must be in the
// sources too (a provider block's are checked by providerExpressions).
func (c *comparison) expressions(what string, plan map[string]*tfjson.Expression, attrs map[string]*hcl.Attribute, s *scope, moduleArgs bool) {
	for name, a := range attrs {
		pe := plan[name]
		if pe == nil || pe.ExpressionData == nil {
			c.diff("config.in_sources_at", what, name)
			continue
		}
		if len(pe.NestedBlocks) > 0 {
			continue // a JSON body's nested block, written as an object
		}
		if len(pe.References) > 0 || len(a.Expr.Variables()) > 0 {
			c.sameRefs(what, name, pe, a)
			continue
		}
		if pe.ConstantValue == nil || pe.ConstantValue == tfjson.UnknownConstantValue {
			continue
		}
		v := c.ev.expr(s, a.Expr, text(what+" "+name))
		if !v.Known() {
			continue
		}
		got, _ := ToJSON(v.Val)
		if !sameJSON(got, pe.ConstantValue) {
			want, _ := json.Marshal(pe.ConstantValue)
			c.diff("config.value_differs", what, name, string(want), Render(v.Val))
		}
	}
	if moduleArgs {
		for name := range plan {
			if attrs[name] == nil {
				c.diff("config.in_plan_at", what, name)
			}
		}
	}
}

// sameRefs reports an argument whose references differ between the plan
// and the sources.
func (c *comparison) sameRefs(what, name string, pe *tfjson.Expression, a *hcl.Attribute) {
	srcRefs := sourceRefs(a.Expr)
	planRefs := map[string]bool{}
	for _, r := range pe.References {
		if n := normalizeRef(r); n != "" {
			planRefs[n] = true
		}
	}
	if !reflect.DeepEqual(srcRefs, planRefs) {
		c.diff("config.refs_differ", what, name, refList(planRefs), refList(srcRefs))
	}
}

// sourceRefs lists the references of an expression in the form
// normalizeRef gives plan JSON's.
func sourceRefs(x hcl.Expression) map[string]bool {
	out := map[string]bool{}
	for _, tr := range x.Variables() {
		if n := normalizeTraversal(tr); n != "" {
			out[n] = true
		}
	}
	return out
}

// normalizeRef reduces a plan JSON reference to the object it names:
// var.x, local.x, module.x, each, count, path.x, terraform.x, TYPE.NAME,
// data.TYPE.NAME.
func normalizeRef(ref string) string {
	tr, diags := hclsyntax.ParseTraversalAbs([]byte(ref), "", hcl.InitialPos)
	if diags.HasErrors() {
		return ref
	}
	return normalizeTraversal(tr)
}

func normalizeTraversal(tr hcl.Traversal) string {
	var names []string
	for _, step := range tr {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			names = append(names, s.Name)
		case hcl.TraverseAttr:
			names = append(names, s.Name)
		default:
			if len(names) > 0 {
				goto done
			}
		}
	}
done:
	if len(names) == 0 {
		return ""
	}
	switch names[0] {
	case "each", "count", "self":
		return names[0]
	case "data":
		if len(names) >= 3 {
			return strings.Join(names[:3], ".")
		}
	}
	if len(names) >= 2 {
		return names[0] + "." + names[1]
	}
	return names[0]
}

func refList(m map[string]bool) string {
	if len(m) == 0 {
		return "nothing"
	}
	keys := slices.Sorted(maps.Keys(m))
	return strings.Join(keys, ", ")
}

func sameJSON(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		return false
	}
	var na, nb any
	_ = json.Unmarshal(ja, &na)
	_ = json.Unmarshal(jb, &nb)
	return reflect.DeepEqual(na, nb)
}

// canonicalKey turns every form of provider configuration key Terraform
// has written into "module.a.module.b:aws.alias" (or "aws.alias" at the
// root); Terraform 0.12–0.15 wrote "a.b:aws".
func canonicalKey(k string) string {
	i := strings.LastIndex(k, ":")
	if i < 0 {
		return k
	}
	prefix, local := k[:i], k[i+1:]
	if strings.HasPrefix(prefix, "module.") {
		tr, diags := hclsyntax.ParseTraversalAbs([]byte(prefix), "", hcl.InitialPos)
		if !diags.HasErrors() {
			var steps []moduleStep
			for j := 0; j+1 < len(tr); j++ {
				if a, ok := tr[j+1].(hcl.TraverseAttr); ok && (j == 0 || isModuleWord(tr[j])) {
					steps = append(steps, moduleStep{name: a.Name, key: cty.NilVal})
				}
			}
			return joinInst(steps) + ":" + local
		}
		return k
	}
	parts := strings.Split(prefix, ".")
	for j, p := range parts {
		parts[j] = "module." + p
	}
	return strings.Join(parts, ".") + ":" + local
}

func isModuleWord(step hcl.Traverser) bool {
	a, ok := step.(hcl.TraverseAttr)
	return ok && a.Name == "module"
}

// splitKey splits a canonical key into a module key ("a.b") and the
// provider key.
func splitKey(k string) (string, string) {
	i := strings.LastIndex(k, ":")
	if i < 0 {
		return "", k
	}
	mods := strings.Split(k[:i], ".")
	var names []string
	for j := 1; j < len(mods); j += 2 {
		names = append(names, mods[j])
	}
	return strings.Join(names, "."), k[i+1:]
}

func displayKey(key string) string {
	if key == "" {
		return "root"
	}
	return moduleDisplay(key)
}
