package plan

import (
	"fmt"
	"strings"
)

// tagAttributes are the map attributes that carry tags or labels, in the
// order they are read; tags_all includes the provider's default_tags.
var tagAttributes = []string{"tags", "tags_all", "labels", "effective_labels", "terraform_labels"}

// classify gives a resource its sensitivity level, strongest source first:
// a module glob of the policy, a tag or label, a module input, a module
// input of an enclosing module (inheritance), the policy default.
func (b *builder) classify(r *Resource) {
	pol := b.policy
	names, _ := splitModule(r.Module)
	// 1. A module glob, on the module or an enclosing one.
	for i := len(names); i > 0; i-- {
		addr := moduleAddrPrefix(r.Module, i)
		if level, glob, ok := pol.ModuleLevel(addr); ok {
			ev := fmt.Sprintf("module %s matches the policy's module rule %q", addr, glob)
			if i < len(names) {
				ev = fmt.Sprintf("enclosing module %s matches the policy's module rule %q", addr, glob)
			}
			r.Sensitivity = Sensitivity{Level: level, Evidence: []string{ev}}
			return
		}
	}
	// 2. A tag or label on the resource.
	if level, ev, ok := b.fromTags(r); ok {
		r.Sensitivity = Sensitivity{Level: level, Evidence: ev}
		return
	}
	// 3. A module input given in the module call, innermost first.
	for i := len(names); i > 0; i-- {
		inst := moduleAddrPrefix(r.Module, i)
		if level, ev, ok := b.fromModuleInput(inst); ok {
			if i < len(names) {
				ev = append([]string{fmt.Sprintf("inherited from enclosing module %s", inst)}, ev...)
			}
			r.Sensitivity = Sensitivity{Level: level, Evidence: ev}
			return
		}
	}
	level := pol.Classification.DefaultLevel
	r.Sensitivity = Sensitivity{Level: level, Evidence: []string{fmt.Sprintf("policy default level %s", level)}}
}

// rank orders the policy's levels, least sensitive first (-1: unknown).
func (b *builder) rank(name string) int {
	for i, l := range b.policy.Levels {
		if l.Name == name {
			return i
		}
	}
	return -1
}

// unclassifiedLevel is the level of a resource whose classification
// signal is present but cannot be read (not evaluated, unknown until
// apply): "sensitive" where the policy has it, else its strictest level.
// What trustcloud cannot establish is never the lenient answer.
func (b *builder) unclassifiedLevel() string {
	if b.rank("sensitive") >= 0 {
		return "sensitive"
	}
	return b.policy.Levels[len(b.policy.Levels)-1].Name
}

// moduleAddrPrefix returns the first n module steps of a module address,
// instance keys included.
func moduleAddrPrefix(addr string, n int) string {
	count := 0
	for i := 0; i < len(addr); i++ {
		if addr[i] == '[' {
			i += skipKey(addr[i:]) - 1
			continue
		}
		if strings.HasPrefix(addr[i:], ".module.") {
			count++
			if count == n {
				return addr[:i]
			}
		}
	}
	return addr
}

func (b *builder) fromTags(r *Resource) (string, []string, bool) {
	vals, _ := r.values()
	for _, key := range b.policy.Classification.TagKeys {
		for _, attr := range tagAttributes {
			v, ok := vals.get(attr)
			if !ok || v == nil {
				continue
			}
			for _, tag := range tagValues(v, key) {
				if level, ok := b.policy.NormalizeLevel(tag); ok {
					ev := fmt.Sprintf("%s %s=%s", tagWord(attr), key, tag)
					if attr == "tags_all" {
						ev += " (includes the provider's default_tags)"
					}
					return level, []string{ev}, true
				}
				b.warnf("%s: %s %s=%q is not a sensitivity level of the policy: ignored", r.Address, tagWord(attr), key, tag)
			}
		}
	}
	// tags_all is unknown at plan time for some providers: read the
	// provider's default_tags from the configuration, for resources that
	// take tags at all.
	if r.taggable() {
		if tags, inferred := b.defaultTags(r); tags != nil {
			for _, key := range b.policy.Classification.TagKeys {
				if s, ok := tags[key].(string); ok {
					if level, ok := b.policy.NormalizeLevel(s); ok {
						if inferred != "" && b.rank(level) < b.rank(b.unclassifiedLevel()) {
							strict := b.unclassifiedLevel()
							b.warnf("%s: provider default_tags %s=%s is only inferred (%s): judged at level %s", r.Address, key, s, inferred, strict)
							return strict, []string{fmt.Sprintf("provider default_tags %s=%s is only inferred (%s): an inferred value cannot lower the level, judged at level %s", key, s, inferred, strict)}, true
						}
						ev := []string{fmt.Sprintf("provider default_tags %s=%s", key, s)}
						if inferred != "" {
							ev = append(ev, "inferred: "+inferred)
						}
						return level, ev, true
					}
				}
			}
		}
	}
	return "", nil, false
}

// taggable reports whether the resource has a tags attribute (set,
// null or unknown), so that the provider's default_tags apply to it.
func (r *Resource) taggable() bool {
	vals, unknown := r.values()
	u, _ := asAttrs(unknown)
	for _, k := range []string{"tags", "tags_all"} {
		if _, ok := vals.get(k); ok {
			return true
		}
		if _, ok := u.get(k); ok {
			return true
		}
	}
	return false
}

func tagWord(attr string) string {
	if strings.Contains(attr, "labels") {
		return "label"
	}
	if attr == "tags_all" {
		return "tags_all"
	}
	return "tag"
}

// tagValues returns the values of a tag key in a tags attribute written as
// a map, a list of "key=value" (or "key:value") strings, or a list of
// {key, value} blocks.
func tagValues(v any, key string) []string {
	switch t := v.(type) {
	case map[string]any:
		if s, ok := t[key].(string); ok {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range t {
			switch el := e.(type) {
			case string:
				for _, sep := range []string{"=", ":"} {
					if k, val, ok := strings.Cut(el, sep); ok && strings.TrimSpace(k) == key {
						out = append(out, strings.TrimSpace(val))
						break
					}
				}
			case map[string]any:
				if k, _ := el["key"].(string); k == key {
					if val, ok := el["value"].(string); ok {
						out = append(out, val)
					}
				}
			}
		}
		return out
	}
	return nil
}

// defaultTags evaluates the default_tags block of the resource's provider
// configuration; inferred says why the value is not verified.
func (b *builder) defaultTags(r *Resource) (map[string]any, string) {
	conf := b.cfg.confFor(r)
	v := b.cfg.providerAttr(conf, "default_tags.tags")
	if m, ok := v.value.(map[string]any); ok && v.known {
		return m, v.inferred
	}
	return nil, ""
}

// fromModuleInput reads the module inputs of the policy in the call of
// the module instance inst: evaluated from the sources, or read from plan
// JSON (an inferred level then counts only when it does not lower the
// resource's level below the policy's default).
func (b *builder) fromModuleInput(inst string) (string, []string, bool) {
	for _, input := range b.policy.Classification.ModuleInputs {
		var v evaluated
		if b.cfg.ev != nil {
			v = fromSources(b.cfg.ev.ModuleArg(inst, input))
		} else {
			_, path := splitModule(inst)
			m := b.cfg.modules[path]
			if m == nil || m.call == nil {
				return "", nil, false
			}
			e := m.call.Expressions[input]
			if e == nil {
				continue
			}
			v = b.cfg.eval(e, parentModule(path), 0)
			if v.inferred != "" {
				v.inferred = fmt.Sprintf("module %s %s = %s, not evaluated (plan JSON records only its references): give the binary plan file or --config-dir", inst, input, v.inferred)
			}
		}
		if !v.set {
			continue
		}
		s, ok := v.value.(string)
		if !v.known || !ok {
			// The module is classified, but by a value trustcloud cannot
			// read: judged strictly until it can.
			level := b.unclassifiedLevel()
			why := v.reason
			if v.known {
				why = fmt.Sprintf("not a string: %s", quote(v.value))
			}
			b.warnf("module %s: %s cannot be read (%s): judged at level %s", inst, input, why, level)
			return level, append([]string{fmt.Sprintf("module %s argument %s cannot be read (%s): judged at level %s, the level of what cannot be classified", inst, input, why, level)}, v.evidence...), true
		}
		if level, ok := b.policy.NormalizeLevel(s); ok {
			if v.inferred != "" && b.rank(level) < b.rank(b.unclassifiedLevel()) {
				strict := b.unclassifiedLevel()
				b.warnf("module %s: %s = %q is only inferred (%s): judged at level %s", inst, input, s, v.inferred, strict)
				return strict, append([]string{fmt.Sprintf("module %s argument %s = %q is only inferred (%s): an inferred value cannot lower the level, judged at level %s", inst, input, s, v.inferred, strict)}, v.evidence...), true
			}
			// The evaluator's chain starts with the argument as written;
			// plan JSON's with the references it followed.
			ev := v.evidence
			if b.cfg.ev == nil {
				ev = append([]string{fmt.Sprintf("module %s called with %s = %q", inst, input, s)}, v.evidence...)
			}
			if v.inferred != "" {
				ev = append(ev, "inferred: "+v.inferred)
			}
			return level, ev, true
		}
		b.warnf("module %s: %s = %q is not a sensitivity level of the policy: ignored", inst, input, s)
	}
	return "", nil, false
}
