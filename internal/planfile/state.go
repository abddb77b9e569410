package planfile

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/tfaddr"
)

// State input: what is deployed rather than what a plan would do. Two
// forms are read, by the same reader as plans (size limit, UTF-8, depth,
// duplicate members):
//
//   - `terraform show -json` without a plan file: format_version and
//     values.root_module (resources with address, mode, type, name,
//     index, provider_name and values; child_modules); an empty state is
//     {"format_version":"1.0"}.
//   - a state file (terraform.tfstate, `terraform state pull`), format
//     version 4 and later: version, serial, lineage and resources (module,
//     mode, type, name, provider, instances with index_key and
//     attributes).
//
// Each managed resource instance becomes a no-op resource change whose
// values are the recorded ones, and each provider string a provider
// configuration without arguments (a state records none); there is no
// configuration of resources, as for plan JSON without one. The
// inventory then judges every resource where it is deployed, by the
// rules of plans.

// State kinds.
const (
	// StateShowJSON is `terraform show -json` without a plan file.
	StateShowJSON = "show_json"
	// StateFile is a state file (terraform.tfstate), format 4 or later.
	StateFile = "tfstate"
)

// State says what a state input recorded about itself.
type State struct {
	// Kind is StateShowJSON or StateFile.
	Kind string
	// Version is a state file's format version (4 …); 0 for
	// StateShowJSON.
	Version int
	// Serial and Lineage identify a state file's snapshot; `terraform
	// show -json` writes neither (HasSerial false, Lineage "").
	Serial    uint64
	HasSerial bool
	Lineage   string
	// ProviderKeys maps the address of each managed resource instance
	// to the key of its provider configuration ("aws.eu",
	// "module.a:aws"), in the form of plans' provider_config_key: the
	// state file's provider string; for `terraform show -json`, which
	// names the provider only, the root's configuration of it.
	ProviderKeys map[string]string
}

// Input is a plan or a state read by LoadInput.
type Input struct {
	// Plan is the plan, or for a state the resource changes and provider
	// configurations that stand for it (see State).
	Plan *tfjson.Plan
	// Name is the input's name in messages.
	Name string
	// State is set when the input is a state.
	State *State
}

// minStateVersion is the oldest state file format read: version 4 is
// Terraform 0.12's; older ones keep values in flat strings and modules
// in another shape.
const minStateVersion = 4

// The members of a state's objects the reader decodes, for skipOther.
var (
	rawStateResourceMembers = []string{"module", "mode", "type", "name", "provider", "instances"}
	rawInstanceMembers      = []string{"index_key", "attributes", "attributes_flat", "deposed"}
	showModuleMembers       = []string{"address", "resources", "child_modules"}
	showResourceMembers     = []string{"address", "mode", "type", "name", "index", "provider_name", "values", "deposed_key"}
)

// stateDoc collects what the reader saw of a state.
type stateDoc struct {
	// values is set when a show-json "values" member was read.
	values bool
	// version, serial, lineage are a state file's (has* when present).
	version, serial          float64
	hasVersion, hasSerial    bool
	lineage                  string
	hasLineage, hasResources bool
	list                     []*stateResource
}

// stateResource is one resource instance of a state.
type stateResource struct {
	path                             string
	address, module, mode, typ, name string
	index                            any
	provider                         string
	// key is the provider configuration key ("aws.eu",
	// "module.a:aws"), "" when the state does not say (show -json).
	key     string
	deposed string
	values  any
}

// raw reports whether the document is a state file.
func (d *stateDoc) raw() bool { return d.hasVersion || d.hasSerial || d.hasLineage || d.hasResources }

// rawStateMember reads a state file's top-level member that a plan does
// not have: version, serial, lineage, resources.
func (s *scanner) rawStateMember(d *stateDoc, key string, keep func(string) bool) error {
	path := "$." + key
	switch key {
	case "version", "serial":
		v, err := s.readValue(0)
		if err != nil {
			return at(path, err)
		}
		f, ok := v.(float64)
		if !ok || f < 0 || f != math.Trunc(f) || f > 1<<53 {
			return at(path, errors.New("expected a whole number"))
		}
		if key == "version" {
			d.version, d.hasVersion = f, true
		} else {
			d.serial, d.hasSerial = f, true
		}
		return nil
	case "lineage":
		v, err := s.optString(false)
		d.lineage, d.hasLineage = v, true
		return at(path, err)
	}
	d.hasResources = true
	i := 0
	return at(path, s.arrayOf(func() error {
		i++
		return s.rawStateResource(d, "$.resources["+strconv.Itoa(i-1)+"]", keep)
	}))
}

// rawStateResource reads a resource of a state file: one entry per
// instance (and deposed object).
func (s *scanner) rawStateResource(d *stateDoc, path string, keep func(string) bool) error {
	if c, err := s.peek(); err != nil {
		return at(path, err)
	} else if c != '{' {
		return at(path, errors.New("expected a resource object"))
	}
	var module, mode, typ, name, provider string
	var instances []*stateResource
	err := s.object(func(key string) error {
		var err error
		switch key {
		case "module":
			module, err = s.optString(true)
		case "mode":
			mode, err = s.optString(true)
		case "type":
			typ, err = s.optString(true)
		case "name":
			name, err = s.optString(false)
		case "provider":
			provider, err = s.optString(true)
		case "instances":
			i := 0
			err = s.arrayOf(func() error {
				ip := path + ".instances[" + strconv.Itoa(i) + "]"
				i++
				r, err := s.rawInstance(ip, keep)
				if err == nil {
					instances = append(instances, r)
				}
				return err
			})
		default:
			return skipOther(s, key, rawStateResourceMembers)
		}
		return at(path+"."+key, err)
	})
	if err != nil {
		return at(path, err)
	}
	for _, f := range []struct{ key, value string }{{"mode", mode}, {"type", typ}, {"name", name}, {"provider", provider}} {
		if f.value == "" {
			return at(path, fmt.Errorf("missing %q: every resource of a state file has one; was the state edited by hand?", f.key))
		}
	}
	if mode != string(tfjson.ManagedResourceMode) && mode != string(tfjson.DataResourceMode) {
		return at(path+".mode", fmt.Errorf("%q is neither \"managed\" nor \"data\"", mode))
	}
	if module != "" {
		if names, _ := tfaddr.SplitModule(module + ".x.y"); len(names) == 0 {
			return at(path+".module", fmt.Errorf("%q is not a module address", module))
		}
	}
	source, key, err := parseProviderString(provider)
	if err != nil {
		return at(path+".provider", err)
	}
	step := typ + "." + name
	if mode == string(tfjson.DataResourceMode) {
		step = "data." + step
	}
	for _, r := range instances {
		r.module, r.mode, r.typ, r.name, r.provider, r.key = module, mode, typ, name, source, key
		r.address = step + indexText(r.index)
		if module != "" {
			r.address = module + "." + r.address
		}
		d.list = append(d.list, r)
	}
	return nil
}

// rawInstance reads an instance of a state file's resource.
func (s *scanner) rawInstance(path string, keep func(string) bool) (*stateResource, error) {
	if c, err := s.peek(); err != nil {
		return nil, at(path, err)
	} else if c != '{' {
		return nil, at(path, errors.New("expected an instance object"))
	}
	r := &stateResource{path: path}
	var flat any
	err := s.object(func(key string) error {
		switch key {
		case "index_key":
			v, err := s.readValue(0)
			switch k := v.(type) {
			case nil, string:
			case float64:
				if k < 0 || k != math.Trunc(k) || k > 1<<31 {
					return at(path+".index_key", errors.New("expected a string or a whole number"))
				}
			default:
				return at(path+".index_key", errors.New("expected a string or a whole number"))
			}
			r.index = v
			return at(path+".index_key", err)
		case "attributes":
			if c, err := s.peek(); err == nil && c != '{' && c != 'n' {
				return at(path+".attributes", errors.New("expected an object"))
			}
			v, err := s.values(keep, false)
			r.values = v
			return at(path+".attributes", err)
		case "attributes_flat":
			// Written by Terraform 0.11 and kept until the provider
			// upgrades the schema: flat strings ("tags.%").
			v, err := s.readValue(0)
			if _, ok := v.(map[string]any); err == nil && v != nil && !ok {
				return at(path+".attributes_flat", errors.New("expected an object"))
			}
			flat = v
			return at(path+".attributes_flat", err)
		case "deposed":
			v, err := s.optString(false)
			r.deposed = v
			return at(path+".deposed", err)
		}
		return skipOther(s, key, rawInstanceMembers)
	})
	if err != nil {
		return nil, at(path, err)
	}
	if r.values == nil {
		if m, ok := flat.(map[string]any); ok {
			r.values = m
		}
	}
	return r, nil
}

// showStateValues reads the values member of `terraform show -json`'s
// state output.
func (s *scanner) showStateValues(d *stateDoc, keep func(string) bool) error {
	const path = "$.values"
	d.values = true
	return at(path, s.objectOf(func(key string) error {
		if key != "root_module" {
			return skipOther(s, key, valuesMembers)
		}
		return s.showStateModule(d, path+".root_module", keep, 0)
	}))
}

func (s *scanner) showStateModule(d *stateDoc, path string, keep func(string) bool, depth int) error {
	if depth > maxModuleDepth {
		return at(path, fmt.Errorf("modules nested more than %d levels deep", maxModuleDepth))
	}
	if c, err := s.peek(); err != nil {
		return at(path, err)
	} else if c != '{' && c != 'n' {
		return at(path, errors.New("expected a module object"))
	}
	return at(path, s.objectOf(func(key string) error {
		switch key {
		case "address":
			_, err := s.optString(false)
			return at(path+".address", err)
		case "resources":
			i := 0
			return at(path+".resources", s.arrayOf(func() error {
				i++
				return s.showStateResource(d, path+".resources["+strconv.Itoa(i-1)+"]", keep)
			}))
		case "child_modules":
			i := 0
			return at(path+".child_modules", s.arrayOf(func() error {
				i++
				return s.showStateModule(d, path+".child_modules["+strconv.Itoa(i-1)+"]", keep, depth+1)
			}))
		}
		return skipOther(s, key, showModuleMembers)
	}))
}

func (s *scanner) showStateResource(d *stateDoc, path string, keep func(string) bool) error {
	if c, err := s.peek(); err != nil {
		return at(path, err)
	} else if c != '{' {
		return at(path, errors.New("expected a resource object"))
	}
	r := &stateResource{path: path}
	err := s.object(func(key string) error {
		var err error
		switch key {
		case "address":
			r.address, err = s.optString(false)
		case "mode":
			r.mode, err = s.optString(true)
		case "type":
			r.typ, err = s.optString(true)
		case "name":
			r.name, err = s.optString(false)
		case "provider_name":
			r.provider, err = s.optString(true)
		case "deposed_key":
			r.deposed, err = s.optString(false)
		case "index":
			r.index, err = s.readValue(0)
			switch r.index.(type) {
			case nil, string, float64:
			default:
				err = errors.New("expected a string or a number")
			}
		case "values":
			if c, perr := s.peek(); perr == nil && c != '{' && c != 'n' {
				return at(path+".values", errors.New("expected an object"))
			}
			r.values, err = s.values(keep, false)
		default:
			return skipOther(s, key, showResourceMembers)
		}
		return at(path+"."+key, err)
	})
	if err != nil {
		return at(path, err)
	}
	for _, f := range []struct{ key, value string }{{"address", r.address}, {"mode", r.mode}, {"type", r.typ}, {"name", r.name}, {"provider_name", r.provider}} {
		if f.value == "" {
			return at(path, fmt.Errorf("missing %q: every resource of `terraform show -json` has one; was the state edited by hand?", f.key))
		}
	}
	module, step := splitAddress(r.address)
	if m := addressMode(r.address); m != r.mode {
		return at(path+".mode", modeError(r.address, r.mode))
	}
	if !isStep(step, r.mode, r.typ, r.name) {
		return at(path+".address", fmt.Errorf("%q is not the address of %s %s.%s", r.address, r.mode, r.typ, r.name))
	}
	r.module = module
	d.list = append(d.list, r)
	return nil
}

// indexText writes an instance key as Terraform writes it in addresses:
// [0], ["key"].
func indexText(k any) string {
	switch v := k.(type) {
	case float64:
		return "[" + strconv.FormatInt(int64(v), 10) + "]"
	case string:
		return "[" + strconv.Quote(v) + "]"
	}
	return ""
}

// parseProviderString reads a state file's provider string:
// provider["registry.terraform.io/hashicorp/aws"], with an .alias, after
// a module path where the module declares the configuration; Terraform
// 0.12 wrote provider.aws (and provider.aws.alias). It returns the
// provider's source (the local name for 0.12's form) and the
// configuration's key, in the form of plans' provider_config_key.
func parseProviderString(s string) (source, key string, err error) {
	module := ""
	rest := s
	if i := strings.Index(s, "provider["); i >= 0 {
		module, rest = s[:i], s[i+len("provider["):]
		end := strings.Index(rest, "]")
		if end < 0 || len(rest) < 2 || rest[0] != '"' || rest[end-1] != '"' || end < 2 {
			return "", "", fmt.Errorf("%q: expected provider[\"SOURCE\"]", s)
		}
		source, rest = rest[1:end-1], rest[end+1:]
	} else if i := strings.Index(s, "provider."); i >= 0 && (i == 0 || s[i-1] == '.') {
		module, rest = s[:i], s[i+len("provider."):]
		source, rest, _ = strings.Cut(rest, ".")
		if rest != "" {
			rest = "." + rest
		}
	} else {
		return "", "", fmt.Errorf("%q: expected provider[\"SOURCE\"] (a state file's provider string)", s)
	}
	if source == "" || strings.ContainsAny(source, "\"[] ") {
		return "", "", fmt.Errorf("%q: the provider's source is missing or malformed", s)
	}
	alias := ""
	if rest != "" {
		if rest[0] != '.' || len(rest) == 1 || strings.ContainsAny(rest[1:], ".[]\" ") {
			return "", "", fmt.Errorf("%q: unexpected %q after the provider's source", s, rest)
		}
		alias = rest[1:]
	}
	if module != "" {
		if !strings.HasSuffix(module, ".") || !strings.HasPrefix(module, "module.") {
			return "", "", fmt.Errorf("%q: %q is not a module path", s, strings.TrimSuffix(module, "."))
		}
		_, module = tfaddr.SplitModule(strings.TrimSuffix(module, "."))
	}
	local := source
	if i := strings.LastIndex(local, "/"); i >= 0 {
		local = local[i+1:]
	}
	if alias != "" {
		local += "." + alias
	}
	return source, tfaddr.JoinProviderKey(module, local), nil
}

// finishState checks a state document against itself and turns it into
// the plan that stands for it; formatVersion says whether the document
// has a format_version (`terraform show -json`).
func finishState(name string, p *tfjson.Plan, d *stateDoc, formatVersion bool) (*State, error) {
	st := &State{Kind: StateShowJSON}
	if d.raw() {
		if formatVersion || d.values {
			return nil, &Error{File: name, Msg: "the document mixes `terraform show -json` members (format_version, values) with a state file's (version, serial, lineage, resources): neither a state nor a plan; was it edited by hand?"}
		}
		if !d.hasVersion {
			return nil, failure(name, "$.version", "state.no_version")
		}
		if d.version < minStateVersion {
			return nil, failure(name, "$.version", "state.old_version", int(d.version))
		}
		st = &State{Kind: StateFile, Version: int(d.version), Serial: uint64(d.serial), HasSerial: d.hasSerial, Lineage: d.lineage}
	}
	if major, _, _ := strings.Cut(p.FormatVersion, "."); st.Kind == StateShowJSON && major != "0" && major != "1" {
		return nil, failure(name, "$.format_version", "plan.format_version", p.FormatVersion)
	}
	seen := map[string]int{}
	cfg := &tfjson.Config{ProviderConfigs: map[string]*tfjson.ProviderConfig{}}
	st.ProviderKeys = map[string]string{}
	var data []*tfjson.StateResource
	for i, r := range d.list {
		k := r.address + "\x00" + r.deposed
		if j, dup := seen[k]; dup {
			return nil, &Error{File: name, Where: r.path, Msg: fmt.Sprintf("%q is there twice (also %s): a state lists each resource instance once; were two states merged?", r.address, d.list[j].path)}
		}
		seen[k] = i
		vals, _ := AsAttrs(r.values)
		if vals == nil {
			vals = Attrs{}
		}
		if r.mode == string(tfjson.DataResourceMode) {
			// As in a plan's prior state: data sources are read, not
			// deployed; they are there for references.
			if r.deposed == "" {
				m := make(map[string]any, len(vals))
				for _, a := range vals {
					m[a.Key] = a.Value
				}
				data = append(data, &tfjson.StateResource{Address: r.address, Mode: tfjson.DataResourceMode, Type: r.typ, Name: r.name,
					Index: r.index, ProviderName: r.provider, AttributeValues: m})
			}
			continue
		}
		p.ResourceChanges = append(p.ResourceChanges, &tfjson.ResourceChange{
			Address: r.address, ModuleAddress: r.module, Mode: tfjson.ResourceMode(r.mode), Type: r.typ, Name: r.name,
			Index: r.index, ProviderName: r.provider, DeposedKey: r.deposed,
			Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionNoop}, Before: vals, After: vals},
		})
		// The provider configurations that stand for the state's, with
		// no arguments: a state records none.
		key := r.key
		if key == "" {
			// `terraform show -json` names the provider, not its
			// configuration: the root's, which modules inherit.
			key = providerLocal(r.provider)
		}
		st.ProviderKeys[r.address] = key
		if cfg.ProviderConfigs[key] == nil {
			mod, local := tfaddr.CanonicalProviderKey(key)
			pname, alias, _ := strings.Cut(local, ".")
			cfg.ProviderConfigs[key] = &tfjson.ProviderConfig{Name: pname, FullName: r.provider, Alias: alias, ModuleAddress: mod}
		}
	}
	if len(data) > 0 {
		p.PriorState = &tfjson.State{Values: &tfjson.StateValues{RootModule: &tfjson.StateModule{Resources: data}}}
	}
	p.Config = cfg
	return st, nil
}

// providerLocal is a provider source's local name: its type.
func providerLocal(source string) string {
	if i := strings.LastIndex(source, "/"); i >= 0 {
		return source[i+1:]
	}
	return source
}

// isState reports whether the top-level members seen are a state's: a
// state file's (version, serial, lineage, resources), `terraform show
// -json`'s (values), or format_version alone (and terraform_version),
// which is how `terraform show -json` writes an empty state. Other
// `terraform ... -json` outputs have members of their own.
func isState(seen map[string]bool) bool {
	for _, k := range []string{"values", "version", "serial", "lineage", "resources"} {
		if seen[k] {
			return true
		}
	}
	for k := range seen {
		if k != "format_version" && k != "terraform_version" {
			return false
		}
	}
	return seen["format_version"]
}
