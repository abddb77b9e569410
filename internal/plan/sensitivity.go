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
	_, path := splitModule(r.Module)
	for p, first := path, true; p != ""; p, first = parentModule(p), false {
		if level, ev, ok := b.fromModuleInput(p); ok {
			if !first {
				ev = append([]string{fmt.Sprintf("inherited from enclosing module %s", p)}, ev...)
			}
			r.Sensitivity = Sensitivity{Level: level, Evidence: ev}
			return
		}
	}
	level := pol.Classification.DefaultLevel
	r.Sensitivity = Sensitivity{Level: level, Evidence: []string{fmt.Sprintf("policy default level %s", level)}}
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
		if tags := b.defaultTags(r); tags != nil {
			for _, key := range b.policy.Classification.TagKeys {
				if s, ok := tags[key].(string); ok {
					if level, ok := b.policy.NormalizeLevel(s); ok {
						return level, []string{fmt.Sprintf("provider default_tags %s=%s", key, s)}, true
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
// configuration.
func (b *builder) defaultTags(r *Resource) map[string]any {
	conf := b.cfg.providerConfig(r.ProviderConfig, "", providerLocalName(r))
	v := b.cfg.providerAttr(conf, "default_tags.tags")
	if m, ok := v.value.(map[string]any); ok && v.known {
		return m
	}
	return nil
}

// fromModuleInput reads the module inputs of the policy in the call of
// the module at path.
func (b *builder) fromModuleInput(path string) (string, []string, bool) {
	m := b.cfg.modules[path]
	if m == nil || m.call == nil {
		return "", nil, false
	}
	for _, input := range b.policy.Classification.ModuleInputs {
		e := m.call.Expressions[input]
		if e == nil {
			continue
		}
		v := b.cfg.eval(e, parentModule(path), 0)
		s, ok := v.value.(string)
		if !v.known || !ok {
			continue
		}
		if level, ok := b.policy.NormalizeLevel(s); ok {
			ev := []string{fmt.Sprintf("module %s called with %s = %q", path, input, s)}
			if len(v.evidence) > 0 {
				ev = append(ev, v.evidence...)
			}
			return level, ev, true
		}
		b.warnf("module %s: %s = %q is not a sensitivity level of the policy: ignored", path, input, s)
	}
	return "", nil, false
}
