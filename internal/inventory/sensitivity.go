package inventory

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"github.com/trustcloud/trustcloud/internal/i18n"

	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/tfaddr"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// tagAttributes are the attributes that carry tags or labels, in the
// order they are read; tags_all includes the provider's default_tags.
// Nested ones (a Cloud SQL instance's settings.user_labels) and OpenStack's
// metadata count as well.
var tagAttributes = []string{"tags", "tags_all", "labels", "effective_labels", "terraform_labels",
	"user_labels", "resource_labels", "metadata", "settings[].user_labels"}

// containerAttributes refer to the resource that contains another and
// whose classification it inherits: an Azure resource group, a Google
// project.
var containerAttributes = []string{"resource_group_name", "resource_group_id", "project"}

// signal is one thing that says how sensitive a resource is: a level, or
// why it cannot be read (unreadable: judged at the unclassified level,
// reported as TC012).
type signal struct {
	// kind is one of policy.SignalKinds.
	kind       string
	level      string
	evidence   []i18n.Msg
	unreadable i18n.Msg
}

// classify gives a resource its sensitivity level: the strictest of every
// signal — the policy's module rules (on the module and every enclosing
// one, and as nested in them), the resource's tags and labels, the
// provider's default_tags, the module inputs of every enclosing module
// call, the tags of the container it is in — each with its evidence. A
// signal that is present but cannot be read (not a level, unknown at plan
// time, not evaluated, a near-miss key) is judged at the policy's
// unclassified level and recorded for TC012. Only when there is no
// signal at all does the policy's default level apply.
func (b *builder) classify(r *Resource, rv *resolver) {
	var sigs []signal
	kind := func(k string, ss []signal) {
		for _, sg := range ss {
			sg.kind = k
			sigs = append(sigs, sg)
		}
	}
	kind(policy.SignalModuleRule, b.moduleRulesOf(r))
	kind(policy.SignalTag, b.tagSignals(r, ""))
	kind(policy.SignalDefaultTags, b.defaultTagSignals(r))
	kind(policy.SignalModuleInput, b.moduleInputsOf(r))
	if rv != nil {
		kind(policy.SignalContainer, b.containerSignals(r, rv))
	}
	if len(sigs) == 0 {
		level := b.policy.Classification.DefaultLevel
		if b.defaultEvidence == nil {
			b.defaultEvidence = []i18n.Msg{i18n.M("ev.default_level", levelName(level))}
		}
		r.Sensitivity = Sensitivity{Level: level, Evidence: b.defaultEvidence}
		return
	}
	unclassified := b.policy.Unclassified()
	best := -1
	for i, sg := range sigs {
		level := sg.level
		if !sg.unreadable.IsZero() {
			level = unclassified
			sigs[i].level = level
			r.Sensitivity.Unclassified = append(r.Sensitivity.Unclassified, sg.unreadable)
		}
		if best < 0 || b.rank(level) > b.rank(sigs[best].level) {
			best = i
		}
	}
	// A policy may let some kinds of signal lower the level: the
	// strictest readable signal of those kinds then decides, and the
	// evidence says what it lowered.
	var lowered i18n.Msg
	if may := b.policy.Classification.MayLower; len(may) > 0 && len(r.Sensitivity.Unclassified) == 0 {
		low := -1
		for i, sg := range sigs {
			if sg.unreadable.IsZero() && slices.Contains(may, sg.kind) && (low < 0 || b.rank(sg.level) > b.rank(sigs[low].level)) {
				low = i
			}
		}
		if low >= 0 && b.rank(sigs[low].level) < b.rank(sigs[best].level) {
			lowered = i18n.M("ev.lowered", levelName(sigs[best].level), sigs[low].kind, sigs[low].kind)
			best = low
		}
	}
	// Sized once: the best signal's evidence, what it lowered, a line per
	// other signal.
	ev := append(make([]i18n.Msg, 0, len(sigs[best].evidence)+len(sigs)), sigs[best].evidence...)
	if !lowered.IsZero() {
		ev = append(ev, lowered)
	}
	for i, sg := range sigs {
		if i == best || len(sg.evidence) == 0 {
			continue
		}
		ev = append(ev, i18n.M("ev.also", sg.evidence[0], levelName(sg.level)))
	}
	r.Sensitivity.Level, r.Sensitivity.Evidence = sigs[best].level, ev
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

// unclassifiedLevel is the level of what cannot be classified.
func (b *builder) unclassifiedLevel() string { return b.policy.Unclassified() }

// moduleRulesOf is moduleRules, computed once per module instance for the
// resources that did not move: most resources share their module.
func (b *builder) moduleRulesOf(r *Resource) []signal {
	if r.previous != "" {
		return b.moduleRules(r)
	}
	return b.moduleSignals(r).rules
}

// moduleInputsOf is moduleInputSignals, computed once per module
// instance.
func (b *builder) moduleInputsOf(r *Resource) []signal {
	sigs := b.moduleSignals(r)
	if !sigs.inputsDone {
		sigs.inputs, sigs.inputsDone = b.moduleInputSignals(r), true
	}
	return sigs.inputs
}

// moduleSignals returns the entry of r's module instance in byModule,
// making it (with its module rules) when there is none.
func (b *builder) moduleSignals(r *Resource) *moduleSigs {
	if sigs, ok := b.byModule[r.Module]; ok {
		return sigs
	}
	if b.byModule == nil {
		b.byModule = map[string]*moduleSigs{}
	}
	sigs := &moduleSigs{rules: b.moduleRules(&Resource{Module: r.Module})}
	b.byModule[r.Module] = sigs
	return sigs
}

// moduleSigs are the signals a module instance gives each of its
// resources: the policy's module rules and the module inputs.
type moduleSigs struct {
	rules, inputs []signal
	inputsDone    bool
}

// moduleRules are the policy's module rules matching the resource's module
// or an enclosing one, anchored, or as nested in another module (a module
// wrapped in another still matches "module.health_*").
func (b *builder) moduleRules(r *Resource) []signal {
	var out []signal
	if r.previous != "" {
		// A resource moved out of a classified module keeps its level:
		// a moved block is no way around a module rule.
		module, _, _, ok := tfconfig.ParseResourceAddress(r.previous)
		if ok && module != "" && module != r.Module {
			for _, sg := range b.moduleRules(&Resource{Module: module}) {
				sg.evidence = []i18n.Msg{i18n.M("ev.moved", r.Address, r.previous, sg.evidence[0])}
				out = append(out, sg)
			}
		}
	}
	names, _ := tfaddr.SplitModule(r.Module)
	seen := map[string]bool{}
	for i := len(names); i > 0; i-- {
		addr := moduleAddrPrefix(r.Module, i)
		for _, cand := range moduleSuffixes(addr) {
			level, glob, ok := b.moduleLevel(cand)
			if !ok || seen[glob+"\x00"+addr] {
				continue
			}
			seen[glob+"\x00"+addr] = true
			ev := i18n.M("ev.module_rule", addr, glob)
			if i < len(names) {
				ev = i18n.M("ev.enclosing_module_rule", addr, glob)
			}
			if cand != addr {
				ev = i18n.M("ev.module_rule_nested", ev, cand)
			}
			out = append(out, signal{level: level, evidence: []i18n.Msg{ev}})
			break
		}
	}
	return out
}

// moduleSuffixes are a module address and its tails that start with a
// module step: module.a.module.b → module.a.module.b, module.b.
func moduleSuffixes(addr string) []string {
	out := []string{addr}
	for i := 1; i < len(addr); i++ {
		if addr[i] == '[' {
			i += tfaddr.SkipKey(addr[i:]) - 1
			continue
		}
		if strings.HasPrefix(addr[i:], ".module.") {
			out = append(out, addr[i+1:])
		}
	}
	return out
}

// moduleAddrPrefix returns the first n module steps of a module address,
// instance keys included.
func moduleAddrPrefix(addr string, n int) string {
	count := 0
	for i := 0; i < len(addr); i++ {
		if addr[i] == '[' {
			i += tfaddr.SkipKey(addr[i:]) - 1
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

// tagSignals reads the policy's tag keys in every tag and label attribute
// of r: a level; a value that is not one, or unknown at plan time, or a key
// that only nearly matches (other case, spaces, look-alike or invisible
// characters) — unreadable. container is r's address when r is a
// container of the resource classified: the evidence then names it.
func (b *builder) tagSignals(r *Resource, container string) []signal {
	attrs, unknown := r.values()
	// Boxed once, not once per attribute looked up.
	var vals any = attrs
	var out []signal
	seen := map[[2]string]bool{}
	for _, attr := range tagAttributes {
		for _, pv := range lookupPath(vals, unknown, attr) {
			word := tagWord(attr)
			if pv.unknown {
				if attr != "tags_all" && r.config != nil && r.setsFlow(pv.at) {
					why := inContainer(container, i18n.M("ev.tags_pending", r.Address, pv.at, orList(b.policy.Classification.TagKeys)))
					out = append(out, signal{unreadable: why, evidence: []i18n.Msg{why}})
				}
				continue
			}
			for _, ps := range b.pairSignals(r, container, word, attr, pv.value) {
				// tags_all repeats tags: one signal per key and value.
				if seen[ps.kv] {
					continue
				}
				seen[ps.kv] = true
				out = append(out, ps.sigs...)
			}
			if u, ok := unknownTags(unknown, pv.at); ok {
				for _, key := range b.policy.Classification.TagKeys {
					if u[key] == true {
						why := inContainer(container, i18n.M("ev.tag_pending", word, pv.at, key))
						out = append(out, signal{unreadable: why, evidence: []i18n.Msg{why}})
					}
				}
			}
		}
	}
	return out
}

// pairSignal is a key=value of a tags attribute the policy reads, and what
// tagSignal made of it.
type pairSignal struct {
	kv   [2]string
	sigs []signal
}

// tagKey identifies a tags value the reader shared between resources
// (planfile decodes a repeated tags object once): its attribute, and the
// address and length of its map or list.
type tagKey struct {
	attr string
	ptr  uintptr
	n    int
}

// pairSignals judges the pairs of a tags attribute's value: once per
// value the reader shared, for the resource's own tags (no container),
// as the evidence then names nothing but the tags.
func (b *builder) pairSignals(r *Resource, container string, word i18n.Optional, attr string, v any) []pairSignal {
	var key tagKey
	memo := false
	if container == "" {
		if rv := reflect.ValueOf(v); (rv.Kind() == reflect.Map || rv.Kind() == reflect.Slice) && rv.Len() > 0 {
			key, memo = tagKey{attr: attr, ptr: rv.Pointer(), n: rv.Len()}, true
			if out, ok := b.byTags[key]; ok {
				return out
			}
		}
	}
	var out []pairSignal
	for _, kv := range tagPairsWhere(v, b.readsTagKey) {
		out = append(out, pairSignal{kv: kv, sigs: b.tagSignal(container, word, attr, kv)})
	}
	if memo {
		if b.byTags == nil {
			b.byTags = map[tagKey][]pairSignal{}
		}
		b.byTags[key] = out
	}
	return out
}

// tagSignal judges one key=value of a tags attribute.
func (b *builder) tagSignal(container string, word i18n.Optional, attr string, kv [2]string) []signal {
	key, value := kv[0], kv[1]
	for _, want := range b.policy.Classification.TagKeys {
		if key == want {
			if level, ok := b.policy.NormalizeLevel(value); ok {
				ev := i18n.M("ev.tag", word, key, value)
				if attr == "tags_all" {
					ev = i18n.M("ev.tag_with_defaults", ev)
				}
				return []signal{{level: level, evidence: []i18n.Msg{inContainer(container, ev)}}}
			}
			why := i18n.M("ev.tag_not_level", word, key, value)
			if near, ok := b.nearLevel(value); ok {
				why = i18n.M("ev.looks_like", why, near)
			}
			why = inContainer(container, why)
			return []signal{{unreadable: why, evidence: []i18n.Msg{why}}}
		}
		if fold(key) == fold(want) {
			why := inContainer(container, i18n.M("ev.tag_key_near", word, key, want))
			return []signal{{unreadable: why, evidence: []i18n.Msg{why}}}
		}
	}
	return nil
}

// levelName is a level's name in the report's language: a built-in
// level's translation, the name itself for a level a policy invents.
func levelName(name string) i18n.Optional { return i18n.Or("level."+name, name) }

// inContainer names the container a signal was read on, when there is
// one.
func inContainer(container string, m i18n.Msg) i18n.Msg {
	if container == "" {
		return m
	}
	return i18n.M("ev.container", container, m)
}

// readsTagKey reports whether tagSignal judges a tag of this key: one of
// the policy's tag keys, or a key that looks like one.
func (b *builder) readsTagKey(key string) bool {
	if b.foldedTagKeys == nil {
		for _, want := range b.policy.Classification.TagKeys {
			b.foldedTagKeys = append(b.foldedTagKeys, fold(want))
		}
	}
	for i, want := range b.policy.Classification.TagKeys {
		if key == want {
			return true
		}
		if f := fold(key); f == b.foldedTagKeys[i] {
			return true
		}
	}
	return false
}

// nearLevel reports the level a value would be once folded, when it is
// not one as written.
func (b *builder) nearLevel(value string) (string, bool) {
	f := fold(value)
	for _, l := range b.policy.Levels {
		if fold(l.Name) == f {
			return l.Name, true
		}
	}
	for alias, level := range b.policy.Classification.Aliases {
		if fold(alias) == f {
			return level, true
		}
	}
	return "", false
}

// fold is a key or value as a careless or malicious author may have
// disguised it: lower case, without spaces, hyphens, underscores or
// invisible characters, look-alike letters replaced by Latin ones.
func fold(s string) string {
	// Most keys are plain ASCII: lower case them and drop the separators
	// without decoding runes (the hot path of big tag maps); return s
	// itself when there is nothing to change.
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') || foldDrop[c] {
			break
		}
	}
	if i == len(s) {
		return s
	}
	if ascii := foldASCII(s, i); ascii != "" {
		return ascii
	}
	return foldRunes(s)
}

// foldRunes is fold for any text, rune by rune.
func foldRunes(s string) string {
	var sb strings.Builder
	for _, c := range strings.ToLower(s) {
		if unicode.IsSpace(c) || c == '-' || c == '_' || unicode.Is(unicode.Cf, c) || unicode.Is(unicode.Mn, c) {
			continue
		}
		if l, ok := confusables[c]; ok {
			c = l
		}
		sb.WriteRune(c)
	}
	return sb.String()
}

// foldDrop marks the ASCII bytes fold drops: white space, hyphen and
// underscore.
var foldDrop = [128]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true, '-': true, '_': true}

// foldASCII is fold of s when s is ASCII, whose first i bytes need no
// change; "" when s is not ASCII (or folds to nothing).
func foldASCII(s string, i int) string {
	b := make([]byte, i, len(s))
	copy(b, s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return ""
		case foldDrop[c]:
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// confusables map Cyrillic and Greek letters that look like Latin ones.
var confusables = map[rune]rune{
	'а': 'a', 'в': 'b', 'с': 'c', 'е': 'e', 'һ': 'h', 'і': 'i', 'ј': 'j', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o',
	'р': 'p', 'ѕ': 's', 'т': 't', 'у': 'y', 'х': 'x', 'ԁ': 'd', 'ӏ': 'l',
	'α': 'a', 'β': 'b', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x',
	'ı': 'i', 'ℓ': 'l', '０': '0', '１': '1',
}

// tagPairs returns the key=value pairs of a tags attribute written as a
// map, a list of "key=value" (or "key:value") strings, or a list of {key,
// value} blocks.
func tagPairs(v any) [][2]string { return tagPairsWhere(v, nil) }

// tagPairsWhere is tagPairs keeping only the pairs whose key keep
// accepts (all when keep is nil), sorted after that: a resource may carry
// hundreds of tags, of which the policy reads one or two.
func tagPairsWhere(v any, keep func(string) bool) [][2]string {
	var out [][2]string
	switch t := v.(type) {
	case string:
		// One element of a list of "key=value" strings.
		return tagPairsWhere([]any{t}, keep)
	case map[string]any:
		if k, ok := t["key"].(string); ok && len(t) <= 2 {
			// One {key, value} block of a list.
			if val, ok := t["value"].(string); ok {
				return [][2]string{{k, val}}
			}
			return nil
		}
		for k, val := range t {
			if s, ok := val.(string); ok && (keep == nil || keep(k)) {
				out = append(out, [2]string{k, s})
			}
		}
	case planfile.Attrs:
		if k, ok := t.GetString("key"); ok && len(t) <= 2 {
			if val, ok := t.GetString("value"); ok {
				return [][2]string{{k, val}}
			}
			return nil
		}
		for _, a := range t {
			if s, ok := a.Value.(string); ok && (keep == nil || keep(a.Key)) {
				out = append(out, [2]string{a.Key, s})
			}
		}
	case []any:
		out = listTagPairs(t)
		if keep != nil {
			out = slices.DeleteFunc(out, func(kv [2]string) bool { return !keep(kv[0]) })
		}
	}
	slices.SortFunc(out, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	return out
}

// listTagPairs returns the pairs of a tags attribute written as a list:
// of "key=value" (or "key:value") strings, each cut at its first
// separator, or of {key, value} blocks; other elements, and blocks without
// a key, are passed over.
func listTagPairs(list []any) [][2]string {
	var out [][2]string
	for _, e := range list {
		switch el := e.(type) {
		case string:
			for _, sep := range []string{"=", ":"} {
				if k, val, ok := strings.Cut(el, sep); ok {
					out = append(out, [2]string{strings.TrimSpace(k), strings.TrimSpace(val)})
					break
				}
			}
		case map[string]any:
			k, _ := el["key"].(string)
			if val, ok := el["value"].(string); ok && k != "" {
				out = append(out, [2]string{k, val})
			}
		}
	}
	return out
}

// unknownTags returns the after_unknown map of a tags attribute at a path,
// when some of its values are unknown.
func unknownTags(unknown any, at string) (map[string]any, bool) {
	u := unknown
	for seg := range strings.SplitSeq(at, ".") {
		name, idx := seg, -1
		if open := strings.IndexByte(seg, '['); open >= 0 {
			name = seg[:open]
			if _, err := fmt.Sscanf(seg[open:], "[%d]", &idx); err != nil {
				return nil, false
			}
		}
		u = field(u, name)
		if idx >= 0 {
			list, _ := u.([]any)
			if idx >= len(list) {
				return nil, false
			}
			u = list[idx]
		}
	}
	m, ok := u.(map[string]any)
	if !ok {
		if a, isAttrs := u.(planfile.Attrs); isAttrs {
			m = map[string]any{}
			for _, kv := range a {
				m[kv.Key] = kv.Value
			}
			return m, true
		}
	}
	return m, ok
}

// defaultTagSignals reads the provider's default_tags from the
// configuration, for resources that take tags at all (tags_all is unknown
// at plan time for some providers). A value only inferred cannot lower the
// level below the unclassified one.
func (b *builder) defaultTagSignals(r *Resource) []signal {
	if !r.taggable() {
		return nil
	}
	tags, inferred := b.defaultTags(r)
	if tags == nil {
		return nil
	}
	var out []signal
	for _, key := range b.policy.Classification.TagKeys {
		s, ok := tags[key].(string)
		if !ok {
			continue
		}
		level, ok := b.policy.NormalizeLevel(s)
		if !ok {
			why := i18n.M("ev.default_tag_not_level", key, s)
			out = append(out, signal{unreadable: why, evidence: []i18n.Msg{why}})
			continue
		}
		if !inferred.IsZero() && b.rank(level) < b.rank(b.unclassifiedLevel()) {
			strict := b.unclassifiedLevel()
			out = append(out, signal{level: strict, evidence: []i18n.Msg{i18n.M("ev.default_tag_inferred", key, s, inferred, levelName(strict))}})
			continue
		}
		ev := []i18n.Msg{i18n.M("ev.default_tag", key, s)}
		if !inferred.IsZero() {
			ev = append(ev, i18n.M("ev.inferred", inferred))
		}
		out = append(out, signal{level: level, evidence: ev})
	}
	return out
}

// containerSignals are the levels of the resources r is in (its resource
// group, its project, and for a type the catalog places by its parent,
// that parent: an object's bucket, a table's dataset), read from their own
// tags and labels. Data written into a container classified sensitive is
// that sensitive data, wherever the container is managed (a bucket read
// through a data source counts too).
func (b *builder) containerSignals(r *Resource, rv *resolver) []signal {
	var out []signal
	for _, attr := range rv.containerAttributes(r) {
		cs := rv.referencedSet(r, attr)
		if cs == nil && r.config == nil {
			// Every resource the name may be: the strictest decides.
			cs, _ = rv.namedAllSet(r, attr)
		}
		if cs == nil && attr == "project" {
			// A Google project of the plan, named by its project_id.
			if ps := rv.projectNamed(r); len(ps) > 0 {
				cs = &candidates{list: ps}
			}
		}
		if cs == nil && !slices.Contains(containerAttributes, attr) {
			if ref := unreadDataRef(r, attr); ref != "" {
				// The container (a bucket read by a data source) is not
				// read: without a plan, or read only at apply. What it
				// says of its data is unknown, never the default level.
				why := i18n.M("ev.container_data_unread", attr, ref)
				out = append(out, signal{unreadable: why, evidence: []i18n.Msg{why}})
			}
		}
		out = append(out, b.containerSignalsOf(r, attr, cs)...)
	}
	return out
}

// unreadDataRef returns the data source an attribute of r's configuration
// refers to ("data.google_storage_bucket.archive"), "" when it refers to
// none.
func unreadDataRef(r *Resource, attr string) string {
	if r.config == nil {
		return ""
	}
	e := r.config.res.Expressions[attr]
	if e == nil || e.ExpressionData == nil {
		return ""
	}
	for _, ref := range e.References {
		if strings.HasPrefix(ref, "data.") {
			parts := strings.SplitN(tfaddr.StripKeys(ref), ".", 4)
			if len(parts) >= 3 {
				return strings.Join(parts[:3], ".")
			}
		}
	}
	return ""
}

// containerAttributes are the attributes that name r's containers:
// containerAttributes, then the parent attributes of r's type when the
// catalog places it by its parent.
func (rv *resolver) containerAttributes(r *Resource) []string {
	p, err := rv.cat.Provider(r.Provider)
	if err != nil {
		return containerAttributes
	}
	return rv.typeTables(p, r).containers
}

// taggable reports whether the resource has a tags attribute (set,
// null or unknown), so that the provider's default_tags apply to it.
func (r *Resource) taggable() bool {
	vals, unknown := r.values()
	u, _ := planfile.AsAttrs(unknown)
	for _, k := range []string{"tags", "tags_all"} {
		if _, ok := vals.Get(k); ok {
			return true
		}
		if _, ok := u.Get(k); ok {
			return true
		}
	}
	return false
}

func tagWord(attr string) i18n.Optional {
	if strings.Contains(attr, "labels") {
		return i18n.Or("ev.word.label", "label")
	}
	if attr == "tags_all" {
		return i18n.Optional{Fallback: "tags_all"}
	}
	return i18n.Or("ev.word.tag", "tag")
}

// defaultTags evaluates the default_tags block of the resource's provider
// configuration; inferred says why the value is not verified.
func (b *builder) defaultTags(r *Resource) (map[string]any, i18n.Msg) {
	conf := b.cfg.confFor(r)
	v := b.cfg.providerAttr(conf, "default_tags.tags")
	if m, ok := v.value.(map[string]any); ok && v.known {
		return m, v.inferred
	}
	return nil, i18n.Msg{}
}

// moduleInputSignals reads the policy's module inputs in the call of every
// module instance enclosing r, innermost first.
func (b *builder) moduleInputSignals(r *Resource) []signal {
	names, _ := tfaddr.SplitModule(r.Module)
	var out []signal
	for i := len(names); i > 0; i-- {
		inst := moduleAddrPrefix(r.Module, i)
		for _, sg := range b.fromModuleInput(inst) {
			if i < len(names) && sg.unreadable.IsZero() {
				sg.evidence = append([]i18n.Msg{i18n.M("ev.inherited_module", inst)}, sg.evidence...)
			}
			out = append(out, sg)
		}
	}
	return out
}

// fromModuleInput reads the module inputs of the policy in the call of
// the module instance inst: evaluated from the sources, or read from plan
// JSON (an inferred level then counts only when it does not lower the
// resource's level below the unclassified level).
func (b *builder) fromModuleInput(inst string) []signal {
	var out []signal
	for _, input := range b.policy.Classification.ModuleInputs {
		if b.state {
			// The argument may classify the module's resources, and
			// nothing says it does not: what cannot be read is judged
			// at the unclassified level, never at the default.
			msg := i18n.M("ev.module_arg_state", inst, input)
			out = append(out, signal{unreadable: msg, evidence: []i18n.Msg{msg}})
			continue
		}
		var v evaluated
		if b.cfg.ev != nil {
			v = fromSources(b.cfg.ev.ModuleArg(inst, input))
		} else {
			_, path := tfaddr.SplitModule(inst)
			m := b.cfg.modules[path]
			if m == nil || m.call == nil {
				return out
			}
			e := m.call.Expressions[input]
			if e == nil {
				continue
			}
			v = b.cfg.eval(e, tfaddr.ParentModule(path), 0)
			if !v.inferred.IsZero() {
				v.inferred = i18n.M("ev.module_not_evaluated", inst, input, v.inferred)
			}
		}
		if !v.set {
			continue
		}
		s, ok := v.value.(string)
		if !v.known || !ok {
			why := v.reason
			if v.known {
				why = i18n.M("ev.not_a_string", quote(v.value))
			}
			msg := i18n.M("ev.module_arg_unreadable", inst, input, why)
			out = append(out, signal{unreadable: msg, evidence: append([]i18n.Msg{msg}, v.evidence...)})
			continue
		}
		level, ok := b.policy.NormalizeLevel(s)
		if !ok {
			msg := i18n.M("ev.module_arg_not_level", inst, input, s)
			if near, ok := b.nearLevel(s); ok {
				msg = i18n.M("ev.looks_like", msg, near)
			}
			out = append(out, signal{unreadable: msg, evidence: append([]i18n.Msg{msg}, v.evidence...)})
			continue
		}
		if !v.inferred.IsZero() && b.rank(level) < b.rank(b.unclassifiedLevel()) {
			strict := b.unclassifiedLevel()
			out = append(out, signal{level: strict, evidence: append([]i18n.Msg{i18n.M("ev.module_arg_inferred", inst, input, s, v.inferred, levelName(strict))}, v.evidence...)})
			continue
		}
		// The evaluator's chain starts with the argument as written;
		// plan JSON's with the references it followed.
		ev := v.evidence
		if b.cfg.ev == nil {
			ev = append([]i18n.Msg{i18n.M("ev.module_called_with", inst, input, s)}, v.evidence...)
		}
		if !v.inferred.IsZero() {
			ev = append(ev, i18n.M("ev.inferred", v.inferred))
		}
		out = append(out, signal{level: level, evidence: ev})
	}
	return out
}

// projectNamed returns the google_project resources of the plan whose
// project_id is r's project argument (indexed once).
func (rv *resolver) projectNamed(r *Resource) []*Resource {
	vals, _ := r.values()
	id, ok := vals.GetString("project")
	if !ok || id == "" {
		return nil
	}
	if rv.projects == nil {
		rv.projects = map[string][]*Resource{}
		for _, list := range rv.byConfig {
			for _, o := range list {
				if o.Type != "google_project" {
					continue
				}
				ov, _ := o.values()
				if pid, _ := ov.GetString("project_id"); pid != "" {
					rv.projects[pid] = append(rv.projects[pid], o)
				}
			}
		}
	}
	var out []*Resource
	for _, o := range rv.projects[id] {
		if o != r {
			out = append(out, o)
		}
	}
	return out
}
