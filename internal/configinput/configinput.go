// Package configinput makes a configuration directory an input of the
// check, without a plan: it reads the directory with package tfconfig
// (the root module, local modules and the modules `terraform init`
// downloaded), gathers the root variables as Terraform would (tfvars
// files, -var, -var-file, TF_VAR_), expands count and for_each where
// their values are known, and evaluates every managed resource
// instance's arguments. The result has the shape of a decoded plan (every
// resource a create, its configuration section described from the
// sources), so that the inventory, the rules and the reports take it
// through the path they take a plan.
//
// What only a plan could know stays unknown, with the reason: attributes
// a provider computes, data sources' values, a count or for_each that
// depends on them, and the resources of a module that is not downloaded.
// Unknown is never compliant: those resources are listed as Unresolved,
// and the inventory places them nowhere.
package configinput

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// FormatVersion is the format version the synthesized plan records: the
// plan JSON format whose fields it fills.
const FormatVersion = "1.2"

// Options are the inputs of a configuration read besides its directory.
type Options struct {
	// Vars are the -var and -var-file arguments, in order.
	Vars []Var
	// Environ is the environment TF_VAR_ variables are read from
	// (default os.Environ()).
	Environ []string
	// Workspace is the workspace (--workspace, TF_WORKSPACE), when the
	// caller knows it; WorkspaceFrom names where it came from.
	Workspace, WorkspaceFrom string
	// Catalog, when set, says which attributes of a type carry its
	// location and what the provider sets when they are left unset.
	Catalog *catalog.Catalog
}

// Input is a configuration read as a check's input.
type Input struct {
	// Plan has the shape of a decoded plan: resource changes (creates)
	// with the values the configuration gives, the configuration section
	// and the root variables.
	Plan *tfjson.Plan
	// Sources is the configuration read.
	Sources *tfconfig.Config
	// Unresolved are the entries of Plan whose instances the
	// configuration alone cannot tell (an unknown count or for_each, a
	// module not downloaded), by address, with the reason.
	Unresolved map[string]i18n.Msg
	// Workspace and WorkspaceFrom are the workspace the configuration
	// was evaluated in.
	Workspace, WorkspaceFrom string
	// VariableOrigins names where each root variable's value came from.
	VariableOrigins map[string]string
	// Calls are the module calls among the Unresolved entries (a module
	// not downloaded, an unknown count or for_each), by address: where
	// their findings point. File names are as the sources' (joined to
	// Sources.Root by the caller).
	Calls map[string]Place
}

// Place is a file and line of the configuration.
type Place struct {
	File string
	Line int
}

// IsDir reports whether a check's input is a directory.
func IsDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// Load reads the configuration in dir and turns it into a check's input.
func Load(dir string, opts Options) (*Input, error) {
	if !holdsConfig(dir) {
		return nil, tfconfig.Failure(filepath.ToSlash(dir), "dir.no_tf")
	}
	tool := tfconfig.Terraform
	if holdsTofu(dir) {
		tool = tfconfig.OpenTofu
	}
	cfg, err := tfconfig.LoadDirPartial(dir, tool)
	if err != nil {
		return nil, err
	}
	return FromConfig(cfg, opts)
}

// FromConfig turns a configuration read from a directory into a check's
// input.
func FromConfig(cfg *tfconfig.Config, opts Options) (*Input, error) {
	root := cfg.Modules[""]
	if root == nil {
		return nil, i18n.Errorf("dir.no_root", cfg.OriginText)
	}
	environ := opts.Environ
	if environ == nil {
		environ = os.Environ()
	}
	dir := filepath.FromSlash(cfg.Path)
	vals, err := rootVariables(dir, root, opts.Vars, environ)
	if err != nil {
		return nil, err
	}
	in := &Input{Sources: cfg, Unresolved: map[string]i18n.Msg{}, Workspace: opts.Workspace, WorkspaceFrom: opts.WorkspaceFrom,
		VariableOrigins: vals.origins, Calls: map[string]Place{}}
	if in.Workspace == "" && cfg.Workspace == "" {
		// No workspace selected in the directory: Terraform would use
		// the default one.
		in.Workspace, in.WorkspaceFrom = "default", "no workspace selected in "+cfg.Path+": Terraform's default"
	}
	p := &tfjson.Plan{FormatVersion: FormatVersion, Variables: map[string]*tfjson.PlanVariable{}, Config: cfg.PlanConfig()}
	for name, v := range vals.vals {
		p.Variables[name] = &tfjson.PlanVariable{Value: v}
	}
	reads := cfg.AttributesReadOf()
	s := &synth{cfg: cfg, reads: reads, memo: map[string]cty.Value{}, cat: opts.Catalog}
	s.ev = tfconfig.NewEvaluator(cfg, tfconfig.Plan{Variables: vals.vals, Instances: s.instances,
		Workspace: in.Workspace, WorkspaceFrom: in.WorkspaceFrom, ConfigOnly: true, VariableOrigins: vals.origins})
	insts, unexpanded := s.ev.Expand()
	s.byResource = map[string][]tfconfig.ResourceInstance{}
	for _, ri := range insts {
		k := ri.Module + "\x00" + ri.Resource.Address()
		s.byResource[k] = append(s.byResource[k], ri)
	}
	moves := movedBlocks(cfg)
	for _, ri := range insts {
		if ri.Resource.Mode != "managed" {
			continue
		}
		after, unknown := s.value(ri)
		src := s.providerSource(ri.Module, ri.Resource)
		s.providerSets(ri, src, after, unknown)
		p.ResourceChanges = append(p.ResourceChanges, &tfjson.ResourceChange{
			Address: ri.Address(), ModuleAddress: ri.Module, Mode: tfjson.ManagedResourceMode,
			Type: ri.Resource.Type, Name: ri.Resource.Name, Index: index(ri.Key),
			ProviderName: src, PreviousAddress: previousAddress(ri.Address(), ri.Module, moves),
			Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionCreate}, After: after, AfterUnknown: unknown},
		})
	}
	for _, u := range unexpanded {
		rc := &tfjson.ResourceChange{Address: u.Address, ModuleAddress: u.Module, Mode: tfjson.ManagedResourceMode,
			Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionCreate}, After: map[string]any{}, AfterUnknown: map[string]any{}}}
		switch {
		case u.Resource != nil && u.Resource.Mode != "managed":
			continue
		case u.Resource != nil:
			rc.Type, rc.Name = u.Resource.Type, u.Resource.Name
			rc.ProviderName = s.providerSource(u.Module, u.Resource)
			in.Unresolved[u.Address] = i18n.M("ev.instances_config_only", u.Address, u.Reason)
		default:
			rc.Type, rc.Name = "module", u.Call.Name
			in.Calls[u.Address] = Place{File: u.Range.Filename, Line: u.Range.Start.Line}
			in.Unresolved[u.Address] = i18n.M("ev.call_config_only", u.Address, u.Reason)
		}
		p.ResourceChanges = append(p.ResourceChanges, rc)
	}
	slices.SortStableFunc(p.ResourceChanges, func(a, b *tfjson.ResourceChange) int { return strings.Compare(a.Address, b.Address) })
	in.Plan = p
	return in, nil
}

// synth evaluates resource instances, once each.
type synth struct {
	cfg        *tfconfig.Config
	ev         *tfconfig.Evaluator
	reads      map[string]map[string]bool
	byResource map[string][]tfconfig.ResourceInstance
	memo       map[string]cty.Value
	active     map[string]bool
	cat        *catalog.Catalog
}

// value is the planned object of an instance as JSON-like values, and
// its unknown parts: the arguments the configuration cannot tell, and the
// attributes other expressions read that it does not give (computed by
// the provider: only a plan knows them).
func (s *synth) value(ri tfconfig.ResourceInstance) (after, unknown map[string]any) {
	v := s.object(ri)
	after, unknown = map[string]any{}, map[string]any{}
	if !v.Type().IsObjectType() {
		return after, unknown
	}
	for name, av := range v.AsValueMap() {
		j, u := split(av)
		if u != nil {
			unknown[name] = u
		}
		if j != nil || u == nil {
			after[name] = j
		}
	}
	return after, unknown
}

// object is the instance's object, with the attributes other expressions
// read and the configuration does not give as unknown.
func (s *synth) object(ri tfconfig.ResourceInstance) cty.Value {
	k := ri.Address()
	if v, ok := s.memo[k]; ok {
		return v
	}
	if s.active == nil {
		s.active = map[string]bool{}
	}
	if s.active[k] {
		return cty.DynamicVal
	}
	s.active[k] = true
	v, _ := s.ev.ResourceValue(ri.Module, ri.Resource, ri.Key)
	delete(s.active, k)
	if v.Type().IsObjectType() {
		attrs := v.AsValueMap()
		if attrs == nil {
			attrs = map[string]cty.Value{}
		}
		mkey := ""
		if m := s.cfg.Modules[moduleKey(ri.Module)]; m != nil {
			mkey = m.Key
		}
		for name := range s.reads[mkey+"\x00"+ri.Resource.Address()] {
			if _, ok := attrs[name]; !ok {
				attrs[name] = cty.DynamicVal
			}
		}
		v = cty.ObjectVal(attrs)
	}
	s.memo[k] = v
	return v
}

// instances is what the evaluator reads of other resources: their
// objects as the configuration gives them. Data sources have none: only
// a plan reads them.
func (s *synth) instances(module, resource string) []tfconfig.Instance {
	var out []tfconfig.Instance
	for _, ri := range s.byResource[module+"\x00"+resource] {
		if ri.Resource.Mode != "managed" {
			continue
		}
		out = append(out, tfconfig.Instance{Key: ri.Key, Value: s.object(ri)})
	}
	return out
}

// providerSets marks what the provider sets at plan time and the
// configuration does not give, where it decides a verdict:
//   - a location attribute the catalog says the provider sets to a
//     literal default when it is left unset ("US" for a BigQuery
//     dataset) takes that default;
//   - a regional or zonal type that lives in a parent resource (a
//     subnetwork in its network) and whose location attribute is unset
//     gets it from the provider at plan time: it is unknown here, never
//     taken from the parent;
//   - tags_all, when the provider configuration sets default_tags: the
//     provider merges them into it at plan time.
func (s *synth) providerSets(ri tfconfig.ResourceInstance, source string, after, unknown map[string]any) {
	if s.cat != nil {
		if p, err := s.cat.Provider(strings.TrimPrefix(strings.TrimPrefix(source, "registry.terraform.io/"), "registry.opentofu.org/")); err == nil && p != nil {
			if ts, ok := s.cat.TypeScope(p, ri.Resource.Type); ok && len(ts.LocationAttributes) > 0 {
				set := false
				for _, a := range ts.LocationAttributes {
					if _, ok := after[a]; ok {
						set = true
					}
					if _, ok := unknown[a]; ok {
						set = true
					}
				}
				attr := ts.LocationAttributes[0]
				switch {
				case set || strings.ContainsAny(attr, ".[]"):
				case ts.Default != "":
					after[attr] = ts.Default
				case ts.Scope == "regional" || ts.Scope == "zonal":
					s.fromProvider(ri, attr, after, unknown, len(ts.ParentAttributes) > 0)
				}
			}
		}
	}
	if _, ok := after["tags_all"]; ok {
		return
	}
	ref, fail := s.ev.ResourceProvider(ri.Module, ri.Resource.Address(), ri.Key)
	if fail == nil && ref != nil && slices.Contains(s.ev.ProviderArgs(ref), "default_tags") {
		unknown["tags_all"] = true
	}
}

// fromProvider gives a regional or zonal resource whose location
// attribute is unset the value its provider configuration sets under the
// same name, as the provider does at plan time (region, zone); unknown
// when the configuration sets it to a value only a plan knows, or when
// the resource lives in a parent resource and the provider configuration
// does not set it (the parent's location is not the resource's).
func (s *synth) fromProvider(ri tfconfig.ResourceInstance, attr string, after, unknown map[string]any, inParent bool) {
	ref, fail := s.ev.ResourceProvider(ri.Module, ri.Resource.Address(), ri.Key)
	if fail != nil || ref == nil {
		if inParent {
			unknown[attr] = true
		}
		return
	}
	v := s.ev.ProviderAttr(ref, attr)
	switch {
	case v == nil || !v.Set:
		if inParent {
			unknown[attr] = true
		}
	case v.Known():
		if j, ok := tfconfig.ToJSON(v.Val); ok && j != nil {
			after[attr] = j
		}
	default:
		unknown[attr] = true
	}
}

// providerSource is the source address of the provider a resource uses,
// as a plan's provider_name.
func (s *synth) providerSource(module string, r *tfconfig.Resource) string {
	if ref, fail := s.ev.ResourceProvider(module, r.Address(), cty.NilVal); fail == nil && ref != nil {
		if m := s.cfg.Modules[moduleKey(ref.Module)]; m != nil {
			return s.cfg.ProviderSource(m, ref.Local)
		}
	}
	local := r.Type
	if i := strings.Index(local, "_"); i > 0 {
		local = local[:i]
	}
	return s.cfg.ProviderSource(s.cfg.Modules[moduleKey(module)], local)
}

// moduleKey turns a module instance address into a module key:
// `module.a["x"].module.b` → "a.b".
func moduleKey(inst string) string {
	if inst == "" {
		return ""
	}
	var names []string
	rest := inst
	for rest != "" {
		rest = strings.TrimPrefix(rest, "module.")
		end := strings.IndexAny(rest, ".[")
		if end < 0 {
			names = append(names, rest)
			break
		}
		names = append(names, rest[:end])
		rest = rest[end:]
		if strings.HasPrefix(rest, "[") {
			// skip the key, which may hold dots in a string
			if i := closing(rest); i > 0 {
				rest = rest[i:]
			}
		}
		rest = strings.TrimPrefix(rest, ".")
	}
	return strings.Join(names, ".")
}

// closing is the index after the instance key that s starts with.
func closing(s string) int {
	inStr := false
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case inStr && c == '\\':
			i++
		case c == '"':
			inStr = !inStr
		case !inStr && c == ']':
			return i + 1
		}
	}
	return -1
}

func index(k cty.Value) any {
	if k == cty.NilVal || k.IsNull() || !k.IsKnown() {
		return nil
	}
	j, _ := tfconfig.ToJSON(k)
	return j
}

// split turns a value into its known JSON-like part and, where it is not
// known, plan JSON's after_unknown marks (true, or the same shape with
// marks inside).
func split(v cty.Value) (known, unknown any) {
	v, _ = v.UnmarkDeep()
	if !v.IsKnown() {
		return nil, true
	}
	if v.IsWhollyKnown() {
		j, _ := tfconfig.ToJSON(v)
		return j, nil
	}
	t := v.Type()
	switch {
	case t.IsObjectType() || t.IsMapType():
		k, u := map[string]any{}, map[string]any{}
		for name, e := range v.AsValueMap() {
			kj, uj := split(e)
			if uj != nil {
				u[name] = uj
			}
			if kj != nil || uj == nil {
				k[name] = kj
			}
		}
		return k, u
	case t.IsListType() || t.IsTupleType() || t.IsSetType():
		var k, u []any
		for _, e := range v.AsValueSlice() {
			kj, uj := split(e)
			k = append(k, kj)
			if uj == nil {
				uj = false
			}
			u = append(u, uj)
		}
		return k, u
	}
	return nil, true
}

// holdsConfig reports whether a directory holds configuration files.
func holdsConfig(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	return slices.ContainsFunc(entries, func(e os.DirEntry) bool { return !e.IsDir() && tfconfig.IsConfigFile(e.Name()) })
}

// holdsTofu reports whether a directory holds OpenTofu-only files
// (.tofu): OpenTofu is then the tool whose file rules apply.
func holdsTofu(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	return slices.ContainsFunc(entries, func(e os.DirEntry) bool {
		return !e.IsDir() && (strings.HasSuffix(e.Name(), ".tofu") || strings.HasSuffix(e.Name(), ".tofu.json"))
	})
}

// Addresses lists the input's resource addresses, sorted: for tests and
// messages.
func (in *Input) Addresses() []string {
	var out []string
	for _, rc := range in.Plan.ResourceChanges {
		out = append(out, rc.Address)
	}
	return slices.Sorted(slices.Values(out))
}
