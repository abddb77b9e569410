package plan

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

// genericAttributes are tried on resources of providers the catalog does
// not know: a location they name cannot be placed, but it is reported.
var genericAttributes = []catalog.Attribute{{Path: "region"}, {Path: "location"}, {Path: "zone"}, {Path: "availability_zone"}}

// resolver works out where each resource lives.
type resolver struct {
	cat *catalog.Catalog
	cfg *configIndex
	// byConfig maps a resource address without instance keys to its
	// inventory entries, to follow references.
	byConfig map[string][]*Resource
	// byValue maps provider + name/id/bucket value to resources, built
	// when first needed.
	byValue map[string][]*Resource
	done    map[*Resource]bool
	active  map[*Resource]bool
	// nonRegionalTypes caches the catalog's answer by provider and type.
	nonRegionalTypes map[string]bool
}

// ctx is what the resolver knows about one resource.
type ctx struct {
	r        *Resource
	p        *catalog.Provider
	conf     *providerConf
	operator *catalog.Operator
	ops      []string
}

func (rv *resolver) locate(r *Resource) {
	if rv.done[r] {
		return
	}
	if rv.active[r] {
		// A reference cycle: leave the location to the outer call.
		return
	}
	rv.active[r] = true
	defer func() { delete(rv.active, r); rv.done[r] = true }()

	p, err := rv.cat.Provider(r.Provider)
	c := &ctx{r: r, p: p}
	local := providerLocalName(r)
	key := ""
	if r.config != nil {
		key = r.config.res.ProviderConfigKey
	}
	_, modPath := splitModule(r.Module)
	c.conf = rv.cfg.providerConfig(key, modPath, local)
	r.ProviderConfig = c.conf.key
	if err != nil {
		rv.locateUnknownProvider(c)
		return
	}
	if p.NotLocated {
		r.Location = Location{Status: StatusNotApplicable,
			Evidence: []string{fmt.Sprintf("provider %s creates nothing in a cloud: %s has no location", p.Source, r.Type)}}
		return
	}
	var opEvidence string
	c.operator, opEvidence = rv.operator(c)
	if c.operator != nil {
		id := c.operator.ID
		r.Operator = &id
		c.ops = []string{id}
	}
	loc, ok := rv.fromAttributes(c)
	if !ok {
		loc, ok = rv.nonRegional(c)
	}
	if !ok {
		loc, ok = rv.fromParent(c)
	}
	if !ok {
		loc, ok = rv.fromProvider(c)
	}
	if !ok && p.DefaultRegion != "" {
		loc, ok = rv.place(c, p.DefaultRegion, fmt.Sprintf("every resource of provider %s is in region %s", p.Source, p.DefaultRegion))
	}
	if !ok {
		loc, ok = rv.fromAnyReference(c)
	}
	if !ok {
		loc = rv.unknown(c)
	}
	if opEvidence != "" {
		loc.Evidence = append(loc.Evidence, opEvidence)
	}
	r.Location = loc
	r.Replicas = rv.replicas(c)
	rv.offer(c)
}

func providerLocalName(r *Resource) string {
	src := r.Provider
	if i := strings.LastIndex(src, "/"); i >= 0 {
		src = src[i+1:]
	}
	return src
}

// operator picks the catalog operator from the provider configuration.
func (rv *resolver) operator(c *ctx) (*catalog.Operator, string) {
	get := func(attr string) (string, bool) {
		v := rv.cfg.providerAttr(c.conf, attr)
		if s, ok := v.value.(string); ok && v.known {
			return s, true
		}
		return "", false
	}
	op, rule := rv.cat.ResolveOperator(c.p, get)
	if op == nil || rule == nil || rule.When == nil {
		return op, ""
	}
	v, _ := get(rule.When.Attribute)
	return op, fmt.Sprintf("%s %s = %q: operator %s", c.conf.display(), rule.When.Attribute, v, op.ID)
}

// values returns the resource's values: planned (after), or prior
// (before) for a resource being deleted.
func (r *Resource) values() (attrs, any) {
	if r.DeleteOnly() || r.after == nil {
		return r.before, nil
	}
	return r.after, r.afterUnknown
}

// fromAttributes reads the location attributes of the resource itself.
func (rv *resolver) fromAttributes(c *ctx) (Location, bool) {
	vals, unknown := c.r.values()
	for _, a := range c.p.ResourceAttributes {
		if a.Role == "replica" || !a.AppliesTo(c.r.Type) {
			continue
		}
		for _, pv := range lookupPath(vals, unknown, a.Path) {
			if pv.unknown {
				if c.r.configSets(strings.Split(a.Path, ".")[0]) {
					return Location{Status: StatusUnknown, Evidence: []string{fmt.Sprintf("%s is set in the configuration but computed at apply time", pv.at)},
						Reason: fmt.Sprintf("%s is computed at apply time", pv.at)}, true
				}
				continue
			}
			for _, s := range stringsOf(pv.value) {
				v, ok := rv.cat.Extract(c.p, a, s)
				if !ok {
					continue
				}
				loc, ok := rv.place(c, v, fmt.Sprintf("%s = %q", pv.at, s))
				if ok {
					return loc, true
				}
			}
		}
	}
	return Location{}, false
}

// configSets reports whether the resource's configuration sets an
// attribute (as opposed to leaving it to the provider).
func (r *Resource) configSets(attr string) bool {
	if r.config == nil {
		return false
	}
	e := r.config.res.Expressions[attr]
	return e != nil && e.ExpressionData != nil
}

// place turns a location value into a Location, through the catalog.
func (rv *resolver) place(c *ctx, value, evidence string) (Location, bool) {
	m, found := rv.cat.Locate(c.p, c.ops, value)
	if found && m.Global {
		return Location{Status: StatusGlobal, Evidence: []string{evidence + ": a global, non-regional location"}}, true
	}
	if !found {
		// A value the catalog cannot place is still where the resource
		// is: report it as known but without a country.
		return Location{Status: StatusKnown, Region: value, Evidence: []string{evidence + fmt.Sprintf(": not a region the catalog knows for %s", c.p.Source)}}, true
	}
	reg := m.Region
	loc := Location{Status: StatusKnown, Region: reg.Code, Zone: m.Zone, InCatalog: true}
	eu := rv.cat.RegionInEU(reg)
	loc.EU = &eu
	if reg.IsMulti() {
		loc.Status = StatusMultiRegion
		loc.Countries = reg.Countries
	} else {
		country := reg.Country
		loc.Country = &country
	}
	ev := evidence
	switch {
	case m.Zone != "" && m.Via != "region code":
		ev += fmt.Sprintf(": zone of region %s", reg.Code)
	case m.Via == "display name" || m.Via == "alias":
		ev += fmt.Sprintf(": %s of region %s", m.Via, reg.Code)
	case normKeyEq(value, reg.Code) && value != reg.Code:
		ev += fmt.Sprintf(": region %s", reg.Code)
	case !normKeyEq(value, reg.Code):
		ev += fmt.Sprintf(": region %s", reg.Code)
	}
	if reg.IsMulti() {
		ev += fmt.Sprintf(" (multi-region over %s)", strings.Join(reg.Countries, ", "))
	}
	loc.Evidence = []string{ev}
	if c.operator == nil && len(c.ops) == 0 {
		// The provider configuration named no operator, but the region
		// belongs to one: say so without claiming it.
		loc.Evidence = append(loc.Evidence, fmt.Sprintf("region %s is one of operator %s's; the provider configuration does not say it is that operator", reg.Code, reg.Operator))
	}
	return loc, true
}

func normKeyEq(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

// nonRegional applies the catalog's non-regional resource types.
func (rv *resolver) nonRegional(c *ctx) (Location, bool) {
	key := c.p.Source + "\x00" + c.r.Type
	global, ok := rv.nonRegionalTypes[key]
	if !ok {
		global = c.p.NonRegional(c.r.Type)
		rv.nonRegionalTypes[key] = global
	}
	if !global {
		return Location{}, false
	}
	return Location{Status: StatusGlobal, Evidence: []string{fmt.Sprintf("%s is a non-regional service of %s (catalog)", c.r.Type, c.p.Source)}}, true
}

// fromParent follows the catalog's parent attributes (bucket, vpc_id …)
// to the resource that contains this one.
func (rv *resolver) fromParent(c *ctx) (Location, bool) {
	for _, attr := range c.p.ParentAttributes {
		if parent := rv.referenced(c.r, attr); parent != nil {
			if loc, ok := rv.inherit(c, parent, fmt.Sprintf("%s refers to %s", attr, parent.Address)); ok {
				return loc, true
			}
		}
		if c.r.config != nil {
			// The configuration's references are authoritative: a name
			// that happens to match is no evidence.
			continue
		}
		if parent, value := rv.named(c.r, attr); parent != nil {
			if loc, ok := rv.inherit(c, parent, fmt.Sprintf("%s = %q names %s", attr, value, parent.Address)); ok {
				return loc, true
			}
		}
	}
	return Location{}, false
}

// identityAttributes are the attributes by which a resource is named in
// another one's arguments.
var identityAttributes = []string{"name", "id", "bucket", "arn", "self_link"}

// named finds the resource of the same provider that a parent attribute
// names by value: plans without configuration (or with references Terraform
// did not record) still say virtual_network_name = "vnet-hub".
func (rv *resolver) named(r *Resource, attr string) (*Resource, string) {
	vals, _ := r.values()
	v, _ := vals.get(attr)
	value, ok := v.(string)
	if !ok || value == "" {
		return nil, ""
	}
	if rv.byValue == nil {
		rv.byValue = map[string][]*Resource{}
		for _, list := range rv.byConfig {
			for _, o := range list {
				ov, _ := o.values()
				for _, id := range identityAttributes {
					idv, _ := ov.get(id)
					if s, ok := idv.(string); ok && s != "" {
						k := o.Provider + "\x00" + s
						rv.byValue[k] = append(rv.byValue[k], o)
					}
				}
			}
		}
	}
	for _, o := range rv.byValue[r.Provider+"\x00"+value] {
		if o != r && o.Managed() && o.Type != r.Type {
			return o, value
		}
	}
	return nil, ""
}

// fromAnyReference takes the location of any located resource of the same
// provider that the resource refers to, when nothing else tells.
func (rv *resolver) fromAnyReference(c *ctx) (Location, bool) {
	if c.r.config == nil {
		return Location{}, false
	}
	attrs := make([]string, 0, len(c.r.config.res.Expressions))
	for k := range c.r.config.res.Expressions {
		attrs = append(attrs, k)
	}
	sort.Strings(attrs)
	for _, attr := range attrs {
		if parent := rv.referenced(c.r, attr); parent != nil && parent.Provider == c.r.Provider {
			rv.locate(parent)
			if parent.Location.Status == StatusGlobal {
				// Referring to a global resource (an IAM role) says
				// nothing about where this one is.
				continue
			}
			if loc, ok := rv.inherit(c, parent, fmt.Sprintf("%s refers to %s", attr, parent.Address)); ok {
				return loc, true
			}
		}
	}
	return Location{}, false
}

func (rv *resolver) inherit(c *ctx, parent *Resource, head string) (Location, bool) {
	rv.locate(parent)
	pl := parent.Location
	if pl.Status != StatusKnown && pl.Status != StatusMultiRegion && pl.Status != StatusGlobal {
		return Location{}, false
	}
	loc := pl
	loc.Zone = ""
	where := pl.Region
	if pl.Status == StatusGlobal {
		where = "a global location"
	}
	loc.Evidence = append([]string{fmt.Sprintf("%s, located in %s", head, where)}, pl.Evidence...)
	return loc, true
}

// referenced returns the resource of the plan an attribute's expression
// refers to, in the same module.
func (rv *resolver) referenced(r *Resource, attr string) *Resource {
	if r.config == nil {
		return nil
	}
	e := r.config.res.Expressions[attr]
	if e == nil || e.ExpressionData == nil {
		return nil
	}
	for _, ref := range e.References {
		parts := strings.Split(stripKeys(ref), ".")
		n := 2
		if parts[0] == "data" {
			n = 3
		}
		if len(parts) < n || parts[0] == "var" || parts[0] == "local" || parts[0] == "module" || parts[0] == "each" || parts[0] == "count" || parts[0] == "path" || parts[0] == "terraform" || parts[0] == "self" {
			continue
		}
		addr := strings.Join(parts[:n], ".")
		if r.config.module.path != "" {
			addr = r.config.module.path + "." + addr
		}
		if targets := rv.byConfig[addr]; len(targets) > 0 {
			return targets[0]
		}
	}
	return nil
}

// fromProvider reads the location of the provider configuration.
func (rv *resolver) fromProvider(c *ctx) (Location, bool) {
	for _, a := range c.p.ProviderAttributes {
		v := rv.cfg.providerAttr(c.conf, a.Path)
		if !v.set {
			continue
		}
		if !v.known {
			return Location{Status: StatusUnknown, Evidence: slices.Clone(v.evidence), Reason: fmt.Sprintf("%s %s: %s", c.conf.display(), a.Path, v.reason)}, true
		}
		for _, s := range stringsOf(v.value) {
			val, ok := rv.cat.Extract(c.p, a, s)
			if !ok {
				continue
			}
			loc, ok := rv.place(c, val, v.evidence[0])
			if ok {
				loc.Evidence = append(loc.Evidence, v.evidence[1:]...)
				return loc, true
			}
		}
	}
	return Location{}, false
}

// unknown explains why no location could be found.
func (rv *resolver) unknown(c *ctx) Location {
	var names []string
	for _, a := range c.p.ProviderAttributes {
		names = append(names, a.Path)
	}
	reason := fmt.Sprintf("neither %s nor %s sets a location", c.r.Type, c.conf.display())
	if len(names) > 0 {
		reason = fmt.Sprintf("%s sets no %s and %s has no location attribute: the location comes from the environment (or provider defaults) at apply time",
			c.conf.display(), strings.Join(names, " or "), c.r.Type)
	}
	return Location{Status: StatusUnknown, Evidence: []string{reason}, Reason: reason}
}

// locateUnknownProvider handles providers the catalog does not know.
func (rv *resolver) locateUnknownProvider(c *ctx) {
	r := c.r
	vals, unknown := r.values()
	for _, a := range genericAttributes {
		for _, pv := range lookupPath(vals, unknown, a.Path) {
			for _, s := range stringsOf(pv.value) {
				r.Location = Location{Status: StatusKnown, Region: s,
					Evidence: []string{fmt.Sprintf("%s = %q; provider %s is not in the catalog, so the region cannot be placed", pv.at, s, r.Provider)}}
				return
			}
		}
	}
	reason := fmt.Sprintf("provider %s is not in the catalog: add it with a catalog file to place its resources", r.Provider)
	r.Location = Location{Status: StatusUnknown, Evidence: []string{reason}, Reason: reason}
}

// replicas reads replication and backup destinations.
func (rv *resolver) replicas(c *ctx) []Location {
	var out []Location
	vals, unknown := c.r.values()
	for _, a := range c.p.ResourceAttributes {
		if a.Role != "replica" || !a.AppliesTo(c.r.Type) {
			continue
		}
		for _, pv := range lookupPath(vals, unknown, a.Path) {
			if pv.unknown {
				out = append(out, Location{Status: StatusUnknown, Attribute: pv.at, Reason: pv.at + " is computed at apply time",
					Evidence: []string{pv.at + " is computed at apply time"}})
				continue
			}
			for _, s := range stringsOf(pv.value) {
				if loc, ok := rv.place(c, s, fmt.Sprintf("replica %s = %q", pv.at, s)); ok {
					loc.Attribute = pv.at
					out = append(out, loc)
				}
			}
		}
	}
	return out
}

// offer records the catalog offer of the resource's operator that covers
// its region: qualified first, then pending, then any.
func (rv *resolver) offer(c *ctx) {
	r := c.r
	if r.Operator == nil || !r.Location.InCatalog || r.Location.Status != StatusKnown && r.Location.Status != StatusMultiRegion {
		return
	}
	m, ok := rv.cat.Locate(c.p, c.ops, r.Location.Region)
	if !ok || m.Region == nil {
		return
	}
	var best *catalog.Offer
	rank := func(o *catalog.Offer) int {
		switch {
		case rv.cat.Qualified(o):
			return 3
		case o.Status.Pending():
			return 2
		}
		return 1
	}
	for _, o := range rv.cat.OffersCovering(m.Region) {
		if o.Operator != *r.Operator {
			continue
		}
		if best == nil || rank(o) > rank(best) {
			best = o
		}
	}
	if best != nil {
		r.Offer = &OfferRef{ID: best.ID, Name: best.Name, Status: string(best.Status)}
	}
}
