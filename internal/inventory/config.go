package inventory

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/tfaddr"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// configIndex indexes a plan's configuration: modules by path (without
// instance keys), their resources, and the provider configurations.
type configIndex struct {
	plan      *tfjson.Plan
	modules   map[string]*configModule
	providers map[string]*tfjson.ProviderConfig // by canonical key
	// changes maps a resource address without instance keys to its
	// changes, to read the planned values of referenced resources.
	changes map[string][]*tfjson.ResourceChange
	// Every resource of a provider configuration asks the same questions
	// of it: the answers are computed once.
	confs map[string]*providerConf
	// confsFor holds providerConfig's answers by its arguments.
	confsFor map[[3]string]*providerConf
	attrs    map[string]evaluated
	// ev evaluates the configuration's sources; nil when only plan JSON
	// is at hand (values read through references are then inferred).
	ev *tfconfig.Evaluator
	// resolvedKeys is set when the plan's provider_config_key names the
	// configuration Terraform used (Terraform 1.1 and later, OpenTofu):
	// a module's key then means the module's own provider block.
	resolvedKeys bool
	// modPaths holds the module path (module.a.module.b, no instance
	// keys) of each module instance address met.
	modPaths map[string]string
}

// modulePath is tfaddr.SplitModule's path of a module instance address,
// computed once per address: every resource of a module asks.
func (ix *configIndex) modulePath(addr string) string {
	if p, ok := ix.modPaths[addr]; ok {
		return p
	}
	_, p := tfaddr.SplitModule(addr)
	if ix.modPaths == nil {
		ix.modPaths = map[string]string{}
	}
	ix.modPaths[addr] = p
	return p
}

type configModule struct {
	path   string
	call   *tfjson.ModuleCall // the call in the parent; nil at the root
	module *tfjson.ConfigModule
	// resources by address within the module ("aws_vpc.main",
	// "data.aws_region.current").
	resources map[string]*configResource
}

type configResource struct {
	module *configModule
	res    *tfjson.ConfigResource
}

func newConfigIndex(p *tfjson.Plan) *configIndex {
	ix := &configIndex{plan: p, modules: map[string]*configModule{}, providers: map[string]*tfjson.ProviderConfig{},
		changes: map[string][]*tfjson.ResourceChange{}, confs: map[string]*providerConf{}, attrs: map[string]evaluated{},
		resolvedKeys: resolvesProviderKeys(p.TerraformVersion)}
	if p.Config != nil {
		for key, pc := range p.Config.ProviderConfigs {
			if pc == nil {
				continue
			}
			m, local := tfaddr.CanonicalProviderKey(key)
			ix.providers[tfaddr.JoinProviderKey(m, local)] = pc
		}
		if p.Config.RootModule != nil {
			ix.addModule("", nil, p.Config.RootModule)
		}
	}
	for _, rc := range p.ResourceChanges {
		if rc == nil {
			continue
		}
		k := tfaddr.StripKeys(rc.Address)
		ix.changes[k] = append(ix.changes[k], rc)
	}
	return ix
}

func (ix *configIndex) addModule(path string, call *tfjson.ModuleCall, m *tfjson.ConfigModule) {
	cm := &configModule{path: path, call: call, module: m, resources: map[string]*configResource{}}
	ix.modules[path] = cm
	for _, r := range m.Resources {
		if r == nil {
			continue
		}
		cm.resources[r.Address] = &configResource{module: cm, res: r}
	}
	names := make([]string, 0, len(m.ModuleCalls))
	for n := range m.ModuleCalls {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		mc := m.ModuleCalls[n]
		if mc == nil || mc.Module == nil {
			continue
		}
		child := "module." + n
		if path != "" {
			child = path + "." + child
		}
		ix.addModule(child, mc, mc.Module)
	}
}

// resource returns the configuration of a resource change.
func (ix *configIndex) resource(rc *tfjson.ResourceChange) *configResource {
	path := ix.modulePath(rc.ModuleAddress)
	m := ix.modules[path]
	if m == nil {
		return nil
	}
	addr := rc.Type + "." + rc.Name
	if rc.Mode == tfjson.DataResourceMode {
		addr = "data." + addr
	}
	return m.resources[addr]
}

// providerConf is a resolved provider configuration.
type providerConf struct {
	// key is the canonical key; module where it is declared.
	key, module, local string
	pc                 *tfjson.ProviderConfig
	// ref is the configuration as the sources decide it (nil without
	// sources).
	ref *tfconfig.ProviderRef
	// failed says why the configuration could not be determined.
	failed i18n.Msg
	// inferred says why, without sources, the configuration is a guess
	// (a module's key that Terraform before 1.1 also wrote for an
	// inherited configuration).
	inferred i18n.Msg
}

// display names the configuration in evidence: provider aws.paris (root).
func (p *providerConf) display() i18n.Msg {
	if p.ref != nil {
		return p.ref.DisplayMsg()
	}
	return i18n.M("ev.provider_conf", p.local, moduleName(p.module))
}

// moduleName names a module in evidence: its address, or the root module
// in the report's language.
func moduleName(path string) i18n.Localizer {
	if path == "" {
		return i18n.M("ev.root")
	}
	return i18n.Text(path)
}

// providerConfig finds the provider configuration a resource uses. A key
// naming a module's provider that has no configuration of its own (only a
// version constraint, as Terraform writes for inherited providers)
// resolves to the same local name in the parent module, up to the root.
func (ix *configIndex) providerConfig(key, fallbackModule, fallbackLocal string) *providerConf {
	memo := [3]string{key, fallbackModule, fallbackLocal}
	if c, ok := ix.confsFor[memo]; ok {
		return c
	}
	c := ix.findProviderConfig(key, fallbackModule, fallbackLocal)
	if ix.confsFor == nil {
		ix.confsFor = map[[3]string]*providerConf{}
	}
	ix.confsFor[memo] = c
	return c
}

func (ix *configIndex) findProviderConfig(key, fallbackModule, fallbackLocal string) *providerConf {
	module, local := fallbackModule, fallbackLocal
	if key != "" {
		module, local = tfaddr.CanonicalProviderKey(key)
	}
	var inferred i18n.Msg
	for {
		k := tfaddr.JoinProviderKey(module, local)
		pc := ix.providers[k]
		if pc != nil && (len(pc.Expressions) > 0 || pc.Alias != "" || module == "" || (ix.resolvedKeys && key != "")) {
			// Since Terraform 1.1 a resource's key names the
			// configuration used: a module's key with no arguments is
			// the module's own empty provider block, which inherits
			// nothing.
			return &providerConf{key: k, module: module, local: local, pc: pc, inferred: inferred}
		}
		if module == "" {
			// A provider nobody configured: its settings all come from
			// the environment.
			return &providerConf{key: k, module: module, local: local, inferred: inferred}
		}
		if pc != nil && key != "" && inferred.IsZero() {
			inferred = i18n.M("ev.inherited_key", orUnknown(ix.plan.TerraformVersion), k)
		}
		module = tfaddr.ParentModule(module)
	}
}

// resolvesProviderKeys reports whether a Terraform version writes, as a
// resource's provider_config_key, the key of the configuration it uses
// (1.1 and later; OpenTofu forked from 1.6). Earlier versions wrote the
// module's own key for inherited configurations too.
func resolvesProviderKeys(version string) bool {
	var major, minor int
	if _, err := fmt.Sscanf(version, "%d.%d", &major, &minor); err != nil {
		return false
	}
	return major > 1 || major == 1 && minor >= 1
}

func orUnknown(s string) i18n.Localizer {
	if s == "" {
		return i18n.M("ev.version_unknown")
	}
	return i18n.Text(s)
}

// evaluated is the value of an expression and how it was found.
type evaluated struct {
	value any
	set   bool // the expression exists
	known bool // its value is known at plan time
	// evidence is the chain, outermost last: `var.region = "eu-west-3" (root)`.
	evidence []i18n.Msg
	// reason says why an expression is not known.
	reason i18n.Msg
	// inferred says why a known value is not verified: it was read
	// through references of plan JSON, not evaluated.
	inferred i18n.Msg
}

var (
	varRef    = regexp.MustCompile(`^var\.([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z_][A-Za-z0-9_-]*|\[[^\]]*\])*)$`)
	moduleRef = regexp.MustCompile(`^module\.([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z_][A-Za-z0-9_-]*|\[[^\]]*\])*)$`)
)

const maxDepth = 24

// eval evaluates a configuration expression of the module at path:
// constants, variables followed through module calls to the root
// variables of the plan, module outputs, and attributes of other
// resources read from their planned values.
func (ix *configIndex) eval(e *tfjson.Expression, path string, depth int) evaluated {
	if e == nil || e.ExpressionData == nil {
		return evaluated{}
	}
	if len(e.NestedBlocks) > 0 {
		// A nested block: hand back its expressions as a list of maps
		// for the caller to walk.
		return evaluated{value: e.NestedBlocks, set: true, known: true}
	}
	if e.ConstantValue != nil && e.ConstantValue != tfjson.UnknownConstantValue {
		return evaluated{value: e.ConstantValue, set: true, known: true}
	}
	if len(e.References) == 0 {
		if e.ConstantValue == tfjson.UnknownConstantValue {
			return evaluated{set: true, reason: i18n.M("ev.unknown_until_apply")}
		}
		// constant_value null, or an expression Terraform could not
		// describe.
		return evaluated{set: e.ConstantValue != nil, known: false, reason: i18n.M("ev.expression_no_value")}
	}
	if depth > maxDepth {
		return evaluated{set: true, reason: i18n.M("ev.chain_too_long")}
	}
	// Terraform lists the most specific reference first (var.a.b, then
	// var.a). The expression may do anything with it (upper(var.a),
	// "${var.a}-2", var.a == "x" ? … : …): what the reference leads to is
	// at best an inference.
	ref := e.References[0]
	v := ix.evalRef(ref, path, depth)
	if v.known && v.inferred.IsZero() {
		v.inferred = i18n.M("ev.expression_over", refsText(e.References))
	}
	return v
}

// refsText lists the references of an expression, without those that
// only repeat a longer one's prefix (var.a.b and var.a: var.a.b).
func refsText(refs []string) string {
	var out []string
	for _, r := range refs {
		covered := false
		for _, o := range refs {
			if o != r && strings.HasPrefix(o, r) {
				covered = true
				break
			}
		}
		if !covered && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return strings.Join(out, ", ")
}

func (ix *configIndex) evalRef(ref, path string, depth int) evaluated {
	where := moduleName(path)
	switch {
	case varRef.MatchString(ref):
		m := varRef.FindStringSubmatch(ref)
		name, rest := m[1], m[2]
		v := ix.variable(name, path, depth)
		if !v.known {
			return v
		}
		if rest != "" {
			val, ok := index(v.value, rest)
			if !ok {
				return evaluated{set: true, reason: i18n.M("ev.not_in_var", ref, name, where), evidence: v.evidence}
			}
			v.value = val
		}
		return v
	case moduleRef.MatchString(ref):
		m := moduleRef.FindStringSubmatch(ref)
		child := "module." + m[1]
		if path != "" {
			child = path + "." + child
		}
		cm := ix.modules[child]
		if cm == nil || cm.module.Outputs[m[2]] == nil {
			return evaluated{set: true, reason: i18n.M("ev.not_in_configuration", ref)}
		}
		v := ix.eval(cm.module.Outputs[m[2]].Expression, child, depth+1)
		if !v.known {
			return v
		}
		if m[3] != "" {
			val, ok := index(v.value, m[3])
			if !ok {
				return evaluated{set: true, reason: i18n.M("ev.no_value", ref)}
			}
			v.value = val
		}
		v.evidence = append([]i18n.Msg{i18n.M("ev.value_in", ref, quote(v.value), where)}, v.evidence...)
		return v
	case strings.HasPrefix(ref, "local."):
		return evaluated{set: true, reason: i18n.M("ev.local_value", ref, where)}
	case strings.HasPrefix(ref, "each.") || strings.HasPrefix(ref, "count."):
		return evaluated{set: true, reason: i18n.M("ev.per_instance", ref, where)}
	}
	return ix.resourceRef(ref, path)
}

// variable resolves var.name in the module at path.
func (ix *configIndex) variable(name, path string, depth int) evaluated {
	if path == "" {
		if pv, ok := ix.plan.Variables[name]; ok && pv != nil && pv.Value != nil {
			return evaluated{value: pv.Value, set: true, known: true,
				evidence: []i18n.Msg{i18n.M("ev.var_root", name, quote(pv.Value))}}
		}
		if m := ix.modules[""]; m != nil {
			if cv := m.module.Variables[name]; cv != nil && cv.Default != nil {
				return evaluated{value: cv.Default, set: true, known: true,
					evidence: []i18n.Msg{i18n.M("ev.var_root_default", name, quote(cv.Default))}}
			}
		}
		return evaluated{set: true, reason: i18n.M("ev.var_no_value", name)}
	}
	m := ix.modules[path]
	if m == nil {
		return evaluated{set: true, reason: i18n.M("ev.module_not_in_configuration", path)}
	}
	if m.call != nil {
		if e := m.call.Expressions[name]; e != nil {
			v := ix.eval(e, tfaddr.ParentModule(path), depth+1)
			if v.set {
				step := i18n.M("ev.var_module_call", name, exprText(e), path)
				if text := exprText(e).In(i18n.English); v.known && !strings.HasPrefix(text, "var.") && text != quote(v.value) {
					step = i18n.M("ev.var_module_call", name, quote(v.value), path)
				}
				v.evidence = append([]i18n.Msg{step}, v.evidence...)
				return v
			}
		}
	}
	if cv := m.module.Variables[name]; cv != nil && cv.Default != nil {
		return evaluated{value: cv.Default, set: true, known: true,
			evidence: []i18n.Msg{i18n.M("ev.var_default", name, quote(cv.Default), path)}}
	}
	return evaluated{set: true, reason: i18n.M("ev.var_of_no_value", name, path)}
}

// resourceRef reads another resource's attribute from its planned values
// (first instance). Unknown values are computed at apply time.
func (ix *configIndex) resourceRef(ref, path string) evaluated {
	parts := strings.Split(tfaddr.StripKeys(ref), ".")
	n := 2
	if parts[0] == "data" {
		n = 3
	}
	if len(parts) <= n {
		return evaluated{set: true, reason: i18n.M("ev.computed", ref)}
	}
	addr := strings.Join(parts[:n], ".")
	if path != "" {
		addr = path + "." + addr
	}
	attr := strings.Join(parts[n:], ".")
	for _, rc := range ix.changes[addr] {
		if rc.Change == nil {
			continue
		}
		after, _ := planfile.AsAttrs(rc.Change.After)
		for _, pv := range lookupPath(after, rc.Change.AfterUnknown, attr) {
			if pv.unknown {
				return evaluated{set: true, reason: i18n.M("ev.computed", ref)}
			}
			return evaluated{value: pv.value, set: true, known: true,
				evidence: []i18n.Msg{i18n.M("ev.planned_value", ref, quote(pv.value))}}
		}
	}
	return evaluated{set: true, reason: i18n.M("ev.computed", ref)}
}

// exprText renders an expression for evidence: its constant or its first
// reference.
func exprText(e *tfjson.Expression) i18n.Localizer {
	if e == nil || e.ExpressionData == nil {
		return i18n.Text("null")
	}
	if e.ConstantValue != nil && e.ConstantValue != tfjson.UnknownConstantValue {
		return i18n.Text(quote(e.ConstantValue))
	}
	if len(e.References) > 0 {
		return i18n.Text(e.References[0])
	}
	return anExpression
}

// anExpression is how evidence shows an expression it cannot write.
var anExpression = i18n.M("ev.expression")

// index applies ".a.b" / `["a"]` / "[0]" accessors to a value.
func index(v any, accessors string) (any, bool) {
	s := accessors
	for s != "" {
		switch {
		case strings.HasPrefix(s, "."):
			s = s[1:]
			end := strings.IndexAny(s, ".[")
			if end < 0 {
				end = len(s)
			}
			obj, ok := v.(map[string]any)
			if !ok {
				return nil, false
			}
			v, s = obj[s[:end]], s[end:]
		case strings.HasPrefix(s, "["):
			end := tfaddr.SkipKey(s)
			key := strings.Trim(s[1:end-1], `"`)
			s = s[end:]
			switch t := v.(type) {
			case map[string]any:
				v = t[key]
			case []any:
				var i int
				if _, err := fmt.Sscanf(key, "%d", &i); err != nil || i < 0 || i >= len(t) {
					return nil, false
				}
				v = t[i]
			default:
				return nil, false
			}
		default:
			return nil, false
		}
		if v == nil {
			return nil, false
		}
	}
	return v, true
}

// providerAttr evaluates an attribute of a provider configuration, through
// nested blocks ("api.region", "endpoints[].api", "default_tags.tags").
func (ix *configIndex) providerAttr(p *providerConf, path string) evaluated {
	if p != nil && p.ref != nil {
		// The instance key too: OpenTofu's provider for_each makes one
		// configuration per key.
		memo := p.key + keyString(p.ref.Key) + "\x00" + path
		if v, ok := ix.attrs[memo]; ok {
			return v
		}
		v := fromSources(ix.ev.ProviderAttr(p.ref, path))
		ix.attrs[memo] = v
		return v
	}
	if p == nil || p.pc == nil {
		return evaluated{}
	}
	memo := p.key + "\x00" + path
	if v, ok := ix.attrs[memo]; ok {
		return v
	}
	v := ix.evalProviderAttr(p, path)
	ix.attrs[memo] = v
	return v
}

func (ix *configIndex) evalProviderAttr(p *providerConf, path string) evaluated {
	exprs := p.pc.Expressions
	segs := strings.Split(path, ".")
	for i, seg := range segs {
		e := exprs[strings.TrimSuffix(seg, "[]")]
		if e == nil || e.ExpressionData == nil {
			return evaluated{}
		}
		if i == len(segs)-1 {
			v := ix.eval(e, p.module, 0)
			if v.set {
				v.evidence = append([]i18n.Msg{i18n.M("ev.conf_attr_value", p.display(), path, exprTextOrValue(e, v))}, v.evidence...)
			}
			if v.known && !v.inferred.IsZero() {
				v.inferred = i18n.M("ev.not_evaluated", p.display(), path, v.inferred)
			}
			if v.known && !p.inferred.IsZero() && v.inferred.IsZero() {
				v.inferred = p.inferred
			}
			return v
		}
		if len(e.NestedBlocks) == 0 {
			return evaluated{}
		}
		exprs = e.NestedBlocks[0]
	}
	return evaluated{}
}

func exprTextOrValue(e *tfjson.Expression, v evaluated) i18n.Localizer {
	opaque := e != nil && e.ExpressionData != nil && (e.ConstantValue == nil || e.ConstantValue == tfjson.UnknownConstantValue) && len(e.References) == 0
	if opaque && v.known {
		return i18n.Text(quote(v.value))
	}
	return exprText(e)
}

// providerArgs lists the arguments a provider configuration sets, and its
// nested blocks that hold any (alias, version and for_each are not
// arguments of the provider).
func (ix *configIndex) providerArgs(p *providerConf) []string {
	if p == nil {
		return nil
	}
	if p.ref != nil {
		return ix.ev.ProviderArgs(p.ref)
	}
	if p.pc == nil {
		return nil
	}
	var out []string
	for name, e := range p.pc.Expressions {
		if e == nil || e.ExpressionData == nil {
			continue
		}
		if e.NestedBlocks != nil {
			empty := true
			for _, b := range e.NestedBlocks {
				if len(b) > 0 {
					empty = false
				}
			}
			if empty {
				continue
			}
		}
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}
