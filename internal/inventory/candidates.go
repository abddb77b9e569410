package inventory

import (
	"slices"
	"strings"
	"unsafe"

	"github.com/zclconf/go-cty/cty"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// candidates are the resources a reference or a name may designate,
// worked out once and shared, read-only, by every resource that asks the
// same question. A counted or for_each resource block whose instances
// each refer to the instance of the same key of another block
// (bucket = aws_s3_bucket.b[count.index].id) names, in plan JSON, the
// whole block: each of N instances has the same N candidates. Whatever is
// asked of them per resource — which one the planned value names, which
// ones share the resource's instance key, what their tags say — is
// answered from indexes built once per list, never by walking the N
// candidates again: N² look-ups (and N² lines of evidence) are what made
// a plan of a few thousand such pairs take minutes and gigabytes.
type candidates struct {
	list []*Resource
	// pos is each candidate's first position in list.
	pos map[*Resource]int
	// byIdentity is the first position of a candidate by each of its
	// identity values (identityAttributes).
	byIdentity map[string]int
	// byAddress is the first position of a candidate by its parsed
	// address (addressKey).
	byAddress map[string]int
	// byModule, byModuleKey and byKey are the candidates by module
	// instance, by module instance and instance key, and by instance key,
	// in list order.
	byModule, byModuleKey, byKey map[string]*candidates
	// places is the first candidate of each place (placeKey), in list
	// order, once every candidate is located (placesKnown).
	places      []*Resource
	placesKnown bool
	// signals are containerSignals' answers, by attribute.
	signals map[string][]signal
	// spread is 1 when every candidate is in one module instance, 2
	// when not, 0 until asked.
	spread int
}

// refsKey identifies the question findRefs answers: the references
// (the configuration's slice, shared by every instance of the block) read
// from a module instance, by a resource of a provider (a data source of
// the prior state takes the provider of the first resource that reads it).
type refsKey struct {
	module, provider, modPath string
	refs                      *string
	n                         int
}

// namedKey identifies the question namedAllSet answers.
type namedKey struct {
	provider, value, typ, module string
}

// referencedSet is referenced's list, shared: nil when there is none.
func (rv *resolver) referencedSet(r *Resource, attr string) *candidates {
	if r.config == nil {
		return nil
	}
	e := r.config.res.Expressions[attr]
	if e == nil || e.ExpressionData == nil {
		return nil
	}
	return rv.refsSet(r, e.References)
}

// refsSet is findRefs's answer, worked out once per module instance,
// provider and references.
func (rv *resolver) refsSet(r *Resource, refs []string) *candidates {
	if len(refs) == 0 {
		return nil
	}
	modPath := ""
	if r.config != nil {
		modPath = r.config.module.path
	}
	k := refsKey{module: r.Module, provider: r.Provider, modPath: modPath, refs: unsafe.SliceData(refs), n: len(refs)}
	if c, ok := rv.refSets[k]; ok {
		return c
	}
	list := rv.findRefs(r, refs)
	c := newCandidates(list)
	if rv.refSets == nil {
		rv.refSets = map[refsKey]*candidates{}
	}
	rv.refSets[k] = c
	return c
}

// items is the list, nil for no candidates.
func (c *candidates) items() []*Resource {
	if c == nil {
		return nil
	}
	return c.list
}

// has reports whether r is one of the candidates.
func (c *candidates) has(r *Resource) bool {
	if c == nil {
		return false
	}
	if c.pos == nil {
		c.pos = make(map[*Resource]int, len(c.list))
		for i, o := range c.list {
			if _, ok := c.pos[o]; !ok {
				c.pos[o] = i
			}
		}
	}
	_, ok := c.pos[r]
	return ok
}

// firstNamedBy is the position of the first candidate whose identity the
// value names (namesIdentity), -1 when none: the value itself, or what
// follows a "/" or ":" in it (a path or an ARN ending with the identity).
func (c *candidates) firstNamedBy(s string) int {
	if s == "" {
		return -1
	}
	if c.byIdentity == nil {
		c.byIdentity = map[string]int{}
		for i, o := range c.list {
			vals, _ := o.values()
			for _, id := range identityAttributes {
				if ts, ok := vals.GetString(id); ok && ts != "" {
					if _, seen := c.byIdentity[ts]; !seen {
						c.byIdentity[ts] = i
					}
				}
			}
		}
	}
	best := -1
	try := func(ts string) {
		if i, ok := c.byIdentity[ts]; ok && (best < 0 || i < best) {
			best = i
		}
	}
	try(s)
	for i := 0; i < len(s); i++ {
		if s[i] == '/' || s[i] == ':' {
			try(s[i+1:])
		}
	}
	return best
}

// addressKey is the key of byAddress: a module instance, a resource
// address in it and its instance key, as ParseResourceAddress reads them.
func addressKey(module, res string, key cty.Value) string {
	return module + "\x00" + res + "\x00" + key.GoString()
}

// firstAt is the position of the candidate at a parsed address, -1 when
// none is there.
func (c *candidates) firstAt(module, res, key string) int {
	if c.byAddress == nil {
		c.byAddress = map[string]int{}
		for i, o := range c.list {
			m, rs, k, ok := tfconfig.ParseResourceAddress(o.Address)
			if !ok {
				continue
			}
			ak := addressKey(m, rs, k)
			if _, seen := c.byAddress[ak]; !seen {
				c.byAddress[ak] = i
			}
		}
	}
	if i, ok := c.byAddress[module+"\x00"+res+"\x00"+key]; ok { // addressKey
		return i
	}
	return -1
}

// verifiedParent is the first candidate r's attribute names for sure
// (unverifiedContainment says nothing against it): the planned value is
// its identity, or the sources write the argument as a plain reference to
// it. Without one, it is the first candidate, with why its containment is
// only inferred.
func (rv *resolver) verifiedParent(r *Resource, attr string, parents *candidates) (*Resource, i18n.Msg) {
	best := -1
	vals, _ := r.values()
	if s, ok := vals.GetString(attr); ok {
		best = parents.firstNamedBy(s)
	}
	if rv.cfg.ev != nil {
		if module, res, _, ok := tfconfig.ParseResourceAddress(r.Address); ok {
			if tres, tkey, ok := rv.cfg.ev.PlainReferenceTarget(module, res, attr); ok {
				if i := parents.firstAt(module, tres, tkey.GoString()); i >= 0 && (best < 0 || i < best) &&
					rv.cfg.ev.PlainReference(module, res, attr, parents.list[i].Address) {
					best = i
				}
			}
		}
	}
	if best >= 0 {
		return parents.list[best], i18n.Msg{}
	}
	return parents.list[0], rv.unverifiedContainment(r, attr, parents.list[0])
}

// flowTargets narrows the candidates of a flow as the resolver's
// flowTargets does, from the indexes: those of r's module instance when
// there are some, then, of those, the ones of r's instance key when there
// are some. r must not be a candidate.
func (c *candidates) flowTargets(r *Resource, key string) *candidates {
	if len(c.list) < 2 {
		return c
	}
	if c.byModule == nil {
		c.byModule, c.byModuleKey, c.byKey = map[string]*candidates{}, map[string]*candidates{}, map[string]*candidates{}
		add := func(m map[string]*candidates, k string, t *Resource) {
			if m[k] == nil {
				m[k] = &candidates{}
			}
			m[k].list = append(m[k].list, t)
		}
		for _, t := range c.list {
			k := instanceKey(t.Address)
			add(c.byModule, t.Module, t)
			add(c.byModuleKey, t.Module+"\x00"+k, t)
			add(c.byKey, k, t)
		}
	}
	if same := c.byModule[r.Module]; same != nil {
		if key != "" {
			if own := c.byModuleKey[r.Module+"\x00"+key]; own != nil {
				return own
			}
		}
		return same
	}
	if key != "" {
		if own := c.byKey[key]; own != nil {
			return own
		}
	}
	return c
}

// verifiedTarget is the first candidate a flow attribute names for sure
// (verifiedRef): its planned value is the candidate's identity, or the
// sources write it as a plain reference to the candidate. nil when none.
func (rv *resolver) verifiedTarget(r *Resource, pv pathValue, cands *candidates) *Resource {
	best := -1
	if s, ok := pv.value.(string); ok && !pv.unknown {
		best = cands.firstNamedBy(s)
	}
	if rv.cfg.ev != nil {
		module, res, key, ok := tfconfig.ParseResourceAddress(r.Address)
		if tres, tkey, found := rv.cfg.ev.PlainReferenceAtTarget(module, res, key, pv.at); ok && found {
			if i := cands.firstAt(module, tres, tkey.GoString()); i >= 0 && (best < 0 || i < best) &&
				rv.cfg.ev.PlainReferenceAt(module, res, key, pv.at, cands.list[i].Address) {
				best = i
			}
		}
	}
	if best < 0 {
		return nil
	}
	return cands.list[best]
}

// placeKey is what a data location taken from a flow target's location
// is told apart by (dataLocations keeps one per place): its status, as
// targetLocation makes it, and its region.
func placeKey(l Location) string {
	status := l.Status
	if status == StatusNotApplicable {
		return StatusUnknown + "\x00"
	}
	return status + "\x00" + strings.ToLower(l.Region)
}

// firstPerPlace is the first candidate of each place, in list order: the
// data locations a flow that may go to any candidate adds (dataLocations
// keeps the first of each place). ok is false while a candidate is still
// being located (a reference cycle): its place is not known yet.
func (rv *resolver) firstPerPlace(c *candidates) ([]*Resource, bool) {
	if c.placesKnown {
		return c.places, true
	}
	seen := map[string]bool{}
	var out []*Resource
	for _, t := range c.list {
		rv.locate(t)
		if !rv.done[t] {
			return nil, false
		}
		if k := placeKey(t.Location); !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	c.places, c.placesKnown = slices.Clip(out), true
	return c.places, true
}

// namedSet is namedAllSet's answer, worked out once per provider, value,
// type and module instance: it does not depend on the resource otherwise
// (a resource is never among its own candidates, which are of other
// types).
func (rv *resolver) namedSet(r *Resource, value string) *candidates {
	k := namedKey{r.Provider, value, r.Type, r.Module}
	if c, ok := rv.namedSets[k]; ok {
		return c
	}
	var all, same []*Resource
	for _, o := range rv.byValue[r.Provider+"\x00"+value] {
		// A resource is listed once per identity attribute that has
		// the value, one after the other.
		if o != r && o.Managed() && o.Type != r.Type && (len(all) == 0 || all[len(all)-1] != o) {
			all = append(all, o)
			if o.Module == r.Module {
				same = append(same, o)
			}
		}
	}
	list := all
	if len(same) > 0 {
		list = same
	}
	c := newCandidates(list)
	if rv.namedSets == nil {
		rv.namedSets = map[namedKey]*candidates{}
	}
	rv.namedSets[k] = c
	return c
}

// newCandidates is the shared list of list's resources, nil when it is
// empty.
func newCandidates(list []*Resource) *candidates {
	if len(list) == 0 {
		return nil
	}
	return &candidates{list: slices.Clip(list)}
}

// oneModule reports whether every candidate is in the same module
// instance.
func (c *candidates) oneModule() bool {
	if c.spread == 0 {
		c.spread = 1
		for _, o := range c.list[1:] {
			if o.Module != c.list[0].Module {
				c.spread = 2
				break
			}
		}
	}
	return c.spread == 1
}

// maxListedContainers is how many containers a resource's sensitivity
// evidence names one by one; beyond, the containers that say the same are
// named as one signal (the first and how many others), at the same
// level: the level is the strictest either way.
const maxListedContainers = 8

// containerSignalsOf is what the tags of the candidates say of r's data,
// through attr: a signal per tag signal of each container, or, with more
// containers than maxListedContainers, one per level (and one for the
// unreadable ones) naming the first container and how many others.
func (b *builder) containerSignalsOf(r *Resource, attr string, cs *candidates) []signal {
	if cs == nil {
		return nil
	}
	shared := !cs.has(r)
	if shared {
		if sg, ok := cs.signals[attr]; ok {
			return sg
		}
	}
	type group struct {
		last *Resource
		n    int
		sig  signal
	}
	var out []signal
	var groups []*group
	byClass := map[string]*group{}
	contributing := 0
	for _, c := range cs.list {
		if c == r {
			continue
		}
		tags := b.containerTagsOf(c)
		if len(tags) > 0 {
			contributing++
		}
		for _, sg := range tags {
			if sg.unreadable.IsZero() {
				sg.evidence = []i18n.Msg{i18n.M("ev.in_container", c.Address, attr, sg.evidence[0])}
			}
			out = append(out, sg)
			class := "unreadable"
			if sg.unreadable.IsZero() {
				class = "level\x00" + sg.level
			}
			if g := byClass[class]; g != nil {
				if g.last != c {
					g.last, g.n = c, g.n+1
				}
				continue
			}
			g := &group{last: c, n: 1, sig: sg}
			byClass[class] = g
			groups = append(groups, g)
		}
	}
	if contributing > maxListedContainers {
		out = out[:0:0]
		for _, g := range groups {
			sg := g.sig
			if g.n > 1 {
				if sg.unreadable.IsZero() {
					sg.evidence = []i18n.Msg{i18n.M("ev.in_containers", sg.evidence[0], g.n-1, attr)}
				} else {
					sg.unreadable = i18n.M("ev.in_containers", sg.unreadable, g.n-1, attr)
					sg.evidence = []i18n.Msg{sg.unreadable}
				}
			}
			out = append(out, sg)
		}
	}
	out = slices.Clip(out)
	if shared {
		if cs.signals == nil {
			cs.signals = map[string][]signal{}
		}
		cs.signals[attr] = out
	}
	return out
}

// containerTagsOf is what a container's own tags say, worked out once
// per container.
func (b *builder) containerTagsOf(c *Resource) []signal {
	tags, ok := b.containerTags[c]
	if !ok {
		tags = b.tagSignals(c, c.Address)
		if b.containerTags == nil {
			b.containerTags = map[*Resource][]signal{}
		}
		b.containerTags[c] = tags
	}
	return tags
}
