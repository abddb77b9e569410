package planfile

import (
	"slices"
	"strconv"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/jsonpos"
	"github.com/trustcloud/trustcloud/internal/tfaddr"
)

// validate checks what the analysis relies on and well-formed JSON does
// not promise: every resource change says what it is (address, mode,
// type, name, provider) and has a change, and no resource appears twice.
// (Empty actions are accepted: such a resource is analysed as if it
// stayed, which never hides a finding.) Terraform has written all of this since plan
// format 0.1; a plan without it was edited or merged by hand, and
// guessing would let a resource go unchecked.
//
// It also checks that the plan agrees with itself, as Terraform's always
// does: an adversary who edits a plan could otherwise show the gate
// something other than what Terraform will do. A change's mode, type,
// name and module are those of its address, and its mode is the one its
// configuration declares; every resource of planned_values has a change
// (Terraform derives planned_values from the changes).
func validate(name string, p *tfjson.Plan, facts *planFacts) error {
	decls, err := declaredResources(name, p.Config)
	if err != nil {
		return err
	}
	first := make(map[string]int, len(p.ResourceChanges))
	for i, rc := range p.ResourceChanges {
		if rc == nil {
			return failure(name, changePath(i), "plan.change_null")
		}
		for _, f := range []struct{ key, value string }{
			{"address", rc.Address},
			{"mode", string(rc.Mode)},
			{"type", rc.Type},
			{"name", rc.Name},
			{"provider_name", rc.ProviderName},
		} {
			if f.value == "" {
				return failure(name, changePath(i), "plan.change_missing", f.key)
			}
		}
		if rc.Change == nil {
			return failure(name, changePath(i), "plan.change_no_change", rc.Address)
		}
		if err := checkChangeAddress(name, i, rc, decls); err != nil {
			return err
		}
		// A deposed object shares the address of the current one.
		key := rc.Address
		if rc.DeposedKey != "" {
			key += "\x00" + rc.DeposedKey
		}
		if j, dup := first[key]; dup {
			return failure(name, changePath(i)+".address", "plan.change_twice", rc.Address, j)
		}
		first[key] = i
	}
	return checkPlanned(name, p, facts, first, decls)
}

// changePath is the JSON path of the i-th resource change, built only for
// errors.
func changePath(i int) string { return "$.resource_changes[" + strconv.Itoa(i) + "]" }

// checkChangeAddress checks that the i-th resource change's mode, type,
// name and module_address are those of its address, and that its mode is
// the one its configuration declares. The rules read only managed
// resources: a managed resource written as a data source would go
// unchecked.
func checkChangeAddress(name string, i int, rc *tfjson.ResourceChange, decls *declarations) error {
	mode := string(rc.Mode)
	switch mode {
	case "managed", "data", "ephemeral":
	default:
		return failure(name, changePath(i)+".mode", "plan.bad_mode", rc.Address, mode)
	}
	module, step := splitAddress(rc.Address)
	if stepMode(step) != mode {
		return failure(name, changePath(i)+".mode", "plan.mode_address", rc.Address, mode, modeNoun(addressMode(rc.Address)))
	}
	if !isStep(step, mode, rc.Type, rc.Name) {
		return failure(name, changePath(i), "plan.type_name_address", rc.Address, rc.Type, rc.Name, step)
	}
	if rc.ModuleAddress != module {
		return failure(name, changePath(i)+".module_address", "plan.module_address", rc.Address, rc.ModuleAddress, moduleNoun(module))
	}
	if decls == nil || orphanActions(rc.Change.Actions) {
		return nil
	}
	bit := modeBit(mode)
	if all := decls.byName[typeName{rc.Type, rc.Name}]; all == 0 || all == bit {
		return nil // declared in no other mode, in any module
	}
	modulePath, declaredIn := decls.module(module)
	mask := decls.modesIn(modulePath, rc.Type, rc.Name)
	if mask == 0 || mask&bit != 0 {
		return nil
	}
	other := "managed"
	for _, m := range []string{"managed", "data", "ephemeral"} {
		if mask&modeBit(m) != 0 {
			other = m
			break
		}
	}
	return failure(name, changePath(i)+".mode", "plan.mode_config", rc.Address, mode, declaredIn, rc.Type+"."+rc.Name, modeNoun(other))
}

// orphanActions reports whether actions are those of an object that may
// have no configuration of its mode: a resource removed from the
// configuration (deleted, forgotten, or already gone: no-op) while a data
// source or resource of the same type and name was added.
func orphanActions(actions tfjson.Actions) bool {
	if len(actions) != 1 {
		return false
	}
	switch actions[0] {
	case tfjson.ActionDelete, tfjson.ActionNoop, tfjson.ActionForget:
		return true
	}
	return false
}

// checkPlanned checks planned_values against the resource changes.
// Terraform derives planned_values from the changes (every change but
// deletions), so that a resource it lists without a change, or a plan
// with planned resources and no resource_changes, was edited. The
// configuration is no such evidence: a refresh-only plan, a destroy plan
// with nothing to destroy, a targeted plan and a resource of count 0
// all declare resources and have no resource_changes. Only when
// planned_values is missing too, which Terraform always writes, do
// declared resources say that changes were removed.
func checkPlanned(name string, p *tfjson.Plan, facts *planFacts, first map[string]int, decls *declarations) error {
	pr := &facts.planned
	if facts.changes != "array" {
		state := i18n.M("plan.state_missing")
		if facts.changes == "null" {
			state = i18n.M("plan.state_null")
		}
		if len(pr.list) > 0 {
			r := pr.list[0]
			return failure(name, "$.resource_changes", "plan.changes_planned", state, string(pr.address(0)), pr.path(int(r.module), int(r.index)))
		}
		if !facts.plannedValues && decls != nil && decls.managed != "" {
			return failure(name, "$.resource_changes", "plan.changes_declared", state, decls.managedAddr, decls.managed)
		}
		return nil
	}
	var deposedOnly map[string]bool
	for _, rc := range p.ResourceChanges {
		if rc.DeposedKey != "" {
			if deposedOnly == nil {
				deposedOnly = map[string]bool{}
			}
			deposedOnly[rc.Address] = true
		}
	}
	for i := range pr.list {
		addr := pr.address(i)
		if _, ok := first[string(addr)]; ok || deposedOnly[string(addr)] {
			continue
		}
		r := pr.list[i]
		return failure(name, pr.path(int(r.module), int(r.index)), "plan.planned_no_change", string(addr))
	}
	return nil
}

// declarations are the resources the configuration declares.
type declarations struct {
	// byName holds the modes declared for each type and name, in any
	// module (modeBit): most are declared in one mode only, and need no
	// more.
	byName map[typeName]uint8
	// modes holds the modes declared in each module, indexed only when a
	// change needs it (modesIn).
	modes map[declared]uint8
	// root is the configuration, walked again by modesIn.
	root *tfjson.ConfigModule
	// modules maps module paths without instance keys ("module.a.module.b",
	// "" for the root) to the JSON path of their configuration.
	modules map[string]string
	// paths caches the module paths of module addresses with instance
	// keys.
	paths map[string]string
	// managed is the JSON path of the first managed resource, and
	// managedAddr its address, "" when there is none.
	managed, managedAddr string
}

type typeName struct{ typ, name string }

// declared is a resource of a module of the configuration, mode aside.
type declared struct{ module, typ, name string }

// modeBit is a mode's bit in declarations.byName and modes.
func modeBit(mode string) uint8 {
	switch mode {
	case "managed":
		return 1
	case "data":
		return 2
	case "ephemeral":
		return 4
	}
	return 8
}

// module returns the module path of a module address with instance keys,
// and the JSON path of its configuration ("" when it has none).
func (d *declarations) module(address string) (string, string) {
	path, ok := d.paths[address]
	if !ok {
		_, path = tfaddr.SplitModule(address)
		d.paths[address] = path
	}
	return path, d.modules[path]
}

// declaredResources indexes the resources of a configuration, checking
// that each one's address is that of its mode, type and name (the reader
// of the configuration finds resources by address, the checks of
// changes by mode). Nil when the plan has no configuration.
func declaredResources(name string, cfg *tfjson.Config) (*declarations, error) {
	if cfg == nil || cfg.RootModule == nil {
		return nil, nil
	}
	d := &declarations{byName: map[typeName]uint8{}, modules: map[string]string{}, paths: map[string]string{"": ""}, root: cfg.RootModule}
	err := walkConfig(cfg.RootModule, "", "$.configuration.root_module", func(module, path string, i int, r *tfjson.ConfigResource) error {
		d.modules[module] = path
		if r == nil {
			return nil
		}
		mode := string(r.Mode)
		if r.Address != "" && mode != "" && !isStep(r.Address, mode, r.Type, r.Name) {
			return failure(name, path+".resources["+strconv.Itoa(i)+"]", "plan.config_address", r.Address, mode, r.Type, r.Name, modePrefix(mode)+r.Type+"."+r.Name)
		}
		if mode == "managed" && d.managed == "" {
			d.managed, d.managedAddr = path+".resources["+strconv.Itoa(i)+"]", r.Address
		}
		if mode != "" {
			d.byName[typeName{r.Type, r.Name}] |= modeBit(mode)
		}
		return nil
	})
	return d, err
}

// modesIn returns the modes a module declares a type and name in.
func (d *declarations) modesIn(module, typ, name string) uint8 {
	if d.modes == nil {
		d.modes = map[declared]uint8{}
		_ = walkConfig(d.root, "", "", func(module, _ string, _ int, r *tfjson.ConfigResource) error {
			if r != nil && r.Mode != "" {
				d.modes[declared{module, r.Type, r.Name}] |= modeBit(string(r.Mode))
			}
			return nil
		})
	}
	return d.modes[declared{module, typ, name}]
}

// walkConfig calls fn for each resource of a configuration module and its
// children, with the module path, the JSON path of the module ("" when
// path is "") and the index of the resource; and once with a nil resource
// for each module.
func walkConfig(m *tfjson.ConfigModule, module, path string, fn func(module, path string, i int, r *tfjson.ConfigResource) error) error {
	if err := fn(module, path, -1, nil); err != nil {
		return err
	}
	for i, r := range m.Resources {
		if r == nil {
			continue
		}
		if err := fn(module, path, i, r); err != nil {
			return err
		}
	}
	calls := make([]string, 0, len(m.ModuleCalls))
	for call := range m.ModuleCalls {
		calls = append(calls, call)
	}
	slices.Sort(calls)
	for _, call := range calls {
		mc := m.ModuleCalls[call]
		if mc == nil || mc.Module == nil {
			continue
		}
		child := "module." + call
		if module != "" {
			child = module + "." + child
		}
		childPath := ""
		if path != "" {
			childPath = jsonpos.Member(path+".module_calls", call) + ".module"
		}
		if err := walkConfig(mc.Module, child, childPath, fn); err != nil {
			return err
		}
	}
	return nil
}

// modePrefix is what an address starts its resource step with for a
// mode: nothing for managed resources, "data." for data sources.
func modePrefix(mode string) string {
	switch mode {
	case "managed":
		return ""
	case "data":
		return "data."
	case "ephemeral":
		return "ephemeral."
	}
	return mode + "."
}

// isStep reports whether step is the resource step of an address of
// mode, type and name: "data.aws_region.current".
func isStep(step, mode, typ, name string) bool {
	prefix := modePrefix(mode)
	n := len(prefix) + len(typ)
	return len(step) == n+1+len(name) && step[:len(prefix)] == prefix && step[len(prefix):n] == typ &&
		step[n] == '.' && step[n+1:] == name
}

// addressMode returns the mode a resource address says: "data" for
// "module.a.data.t.n", "ephemeral" for "ephemeral.t.n", else "managed".
func addressMode[T string | []byte](addr T) string {
	_, step := splitAddress(addr)
	return stepMode(step)
}

// stepMode returns the mode of a resource step.
func stepMode[T string | []byte](step T) string {
	switch {
	case hasPrefix(step, "data."):
		return "data"
	case hasPrefix(step, "ephemeral."):
		return "ephemeral"
	}
	return "managed"
}

// modeError is a mode its resource address disagrees with.
func modeError(addr, mode string) error {
	return i18n.Errorf("plan.mode_address", addr, mode, modeNoun(addressMode(addr)))
}

// modeNoun names what a resource of a mode is, in messages: "a data
// source".
func modeNoun(mode string) i18n.Msg {
	switch mode {
	case "managed", "data", "ephemeral":
		return i18n.M("plan.mode_noun." + mode)
	}
	return i18n.M("plan.mode_noun.unknown", mode)
}

// moduleNoun names a module in messages: "the root module", or its
// address quoted.
func moduleNoun(module string) i18n.Localizer {
	if module == "" {
		return i18n.M("plan.root_module")
	}
	return i18n.Text(strconv.Quote(module))
}

// splitAddress splits a resource instance address into its module part,
// instance keys included ("module.a[0].module.b", "" at the root), and
// its resource step without instance key ("data.aws_region.current").
// Keys may be quoted strings holding dots or brackets.
func splitAddress[T string | []byte](addr T) (module, step T) {
	i := 0
	for hasPrefix(addr[i:], "module.") {
		j := i + len("module.")
		for j < len(addr) && addr[j] != '.' && addr[j] != '[' {
			j++
		}
		if j < len(addr) && addr[j] == '[' {
			j += tfaddr.SkipKey(addr[j:])
		}
		if j >= len(addr) || addr[j] != '.' {
			break // the resource step, or no valid address
		}
		i = j + 1
	}
	module = addr[:max(i-1, 0)]
	step = addr[i:]
	for k := 0; k < len(step); k++ {
		if step[k] == '[' {
			return module, step[:k]
		}
	}
	return module, step
}

func hasPrefix[T string | []byte](s T, prefix string) bool {
	return len(s) >= len(prefix) && string(s[:len(prefix)]) == prefix
}
