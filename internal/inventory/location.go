package inventory

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/tfaddr"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// genericAttributes are tried on resources of providers the catalog does
// not know: a location they name cannot be placed, but it is reported.
var genericAttributes = []catalog.Attribute{{Path: "region"}, {Path: "location"}, {Path: "zone"}, {Path: "availability_zone"}}

// genericZone is the zone-to-region rule for providers the catalog does
// not know: a zone is its region followed by a letter (ru-central1-a,
// us-east-1a).
var genericZone = regexp.MustCompile(`^([a-z]+(?:-[a-z]+)*-?[0-9]+)-?[a-z]$`)

// resolver works out where each resource lives.
type resolver struct {
	cat *catalog.Catalog
	cfg *configIndex
	// byConfig maps a resource address without instance keys to its
	// inventory entries, across module instances.
	byConfig map[string][]*Resource
	// byInstance maps a module instance and a resource block in it
	// (blockKey) to its inventory entries, to follow references: a
	// reference in a module instance names that instance's resources only.
	byInstance map[string][]*Resource
	// byValue maps provider + name/id/bucket value to resources, built
	// when first needed.
	byValue map[string][]*Resource
	// refSets and namedSets are findRefs's and namedAllSet's answers,
	// shared (candidates).
	refSets   map[refsKey]*candidates
	namedSets map[namedKey]*candidates
	// byIdent maps a name, id, bucket, ARN or self-link value to the
	// resources that have it, for data flows (any provider).
	byIdent map[string][]*Resource
	// types caches the type tables' answers by provider and type.
	types map[typeKey]typeTables
	// projects maps a google_project's project_id to it, built when
	// first needed (classification by container).
	projects map[string][]*Resource
	// prior holds the data sources read while planning (prior state),
	// by address without instance keys and module instance.
	prior  map[string][]*Resource
	done   map[*Resource]bool
	active map[*Resource]bool
	// nonRegionalTypes caches the catalog's answer by provider and type.
	nonRegionalTypes map[string]bool
	// redirects caches redirected's answer per provider configuration,
	// providerLocs fromProvider's per configuration and resource type.
	redirects    map[redirectKey]i18n.Msg
	providerLocs map[providerLocKey]providerLoc
	// operators caches operator's answer per provider configuration.
	operators map[operatorKey]operatorAnswer
	// offers are the offer references made, one per catalog offer.
	offers map[*catalog.Offer]*OfferRef
	// unresolved are the entries of a configuration-only check whose
	// instances only a plan knows (Options.Unresolved): unknown.
	unresolved map[string]i18n.Msg
	// trustedRegistries are registry hosts, besides the public Terraform
	// and OpenTofu registries, whose providers are taken for the ones of
	// the same namespace and type (private mirrors).
	trustedRegistries []string
	// state is set when the input is a deployed state: identifiers that
	// carry a region are location evidence (identifiers.go).
	state bool
}

// ctx is what the resolver knows about one resource.
type ctx struct {
	r        *Resource
	p        *catalog.Provider
	conf     *providerConf
	operator *catalog.Operator
	ops      []string
	// scope is the type's row of the catalog's type tables, nil when it
	// has none; flows are its data flows.
	scope *catalog.TypeScope
	flows []*catalog.DataFlow
	// byDefault is set when the operator is the provider's default (its
	// rule has no condition): a region only another operator of the
	// provider runs then names that operator (u-france-east1 is S3NS's
	// even when universe_domain comes from the environment).
	byDefault bool
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
	defer func() {
		delete(rv.active, r)
		if why, ok := rv.unresolved[r.Address]; ok {
			// Set before anything reads it: a resource that refers to
			// this one sees its final location, whichever comes first.
			unresolved(r, why)
		}
		rv.done[r] = true
	}()

	c, settled := rv.newCtx(r)
	if settled {
		return
	}
	op := rv.assignOperator(c)
	redirect := rv.redirected(c)
	if !redirect.IsZero() {
		// The API calls go to a host the catalog does not know: who runs
		// it and where is anybody's guess.
		r.Operator, c.operator, c.ops = nil, nil, nil
	}
	loc := rv.findLocation(c)
	if !redirect.IsZero() && loc.Status != StatusNotApplicable {
		loc = Location{Status: StatusUnknown, Reason: redirect, Evidence: append([]i18n.Msg{redirect}, loc.Evidence...)}
	}
	loc = rv.withOperator(c, loc, op)
	loc = rv.globalScope(c, loc)
	r.Location = loc
	r.DataLocations = rv.dataLocations(c)
	if len(r.DataLocations) > 0 {
		r.DataOf = rv.dataOwner(c)
	}
	if r.Location.Status == StatusGlobal {
		r.Location = rv.placedByData(c, r.Location)
	}
	rv.offer(c)
}

// newCtx gathers what the resolver knows about a resource before reading
// its location: its provider, type tables and provider configuration.
// settled is true when that decides the location already: a provider the
// catalog does not know (read generically), one whose resources have no
// location, or one that is not the provider the catalog describes.
func (rv *resolver) newCtx(r *Resource) (c *ctx, settled bool) {
	p, err := rv.cat.Provider(r.Provider)
	c = &ctx{r: r, p: p}
	if err == nil {
		t := rv.typeTables(p, r)
		c.scope, c.flows = t.scope, t.flows
	}
	c.conf = rv.cfg.confFor(r)
	r.ProviderConfig = c.conf.key
	if err != nil {
		rv.locateUnknownProvider(c)
		return c, true
	}
	if p.NotLocated {
		r.Location = Location{Status: StatusNotApplicable,
			Evidence: []i18n.Msg{i18n.M("ev.provider_not_located", p.Source, r.Type)}}
		return c, true
	}
	if why := rv.untrustedSource(r, p); !why.IsZero() {
		// Not the provider the catalog describes: neither its operator
		// nor its location attributes mean what the catalog says.
		r.Location = Location{Status: StatusUnknown, Evidence: []i18n.Msg{why}, Reason: why}
		return c, true
	}
	return c, false
}

// operatorFound is what rv.operator said besides the operator: the
// evidence of a conditional rule ("" when the operator is the provider's
// default), why the operator is not verified, why it is unknown.
type operatorFound struct {
	evidence, unverified, unknown i18n.Msg
}

// assignOperator gives the resource the operator its provider
// configuration maps to, when there is one.
func (rv *resolver) assignOperator(c *ctx) operatorFound {
	op, evidence, unverified, unknown := rv.operator(c)
	if op != nil {
		c.operator = op
		id := op.ID
		c.r.Operator = &id
		c.ops = []string{id}
		c.byDefault = evidence.IsZero()
	}
	return operatorFound{evidence: evidence, unverified: unverified, unknown: unknown}
}

// findLocation reads a resource's location from the first source that
// gives one, in order, each where it applies: the type's scope when it
// creates nothing in a cloud; for a part of another resource, its own
// location arguments when its configuration sets them, else its
// parent's; the resource's location attributes; the type's scope; the
// catalog's non-regional types; the parent; the provider configuration;
// the provider's only region. Failing all, the location is unknown, with
// the reason.
func (rv *resolver) findLocation(c *ctx) Location {
	var loc Location
	ok := false
	if c.scope != nil && c.scope.Scope == catalog.ScopeNone {
		loc, ok = Location{Status: StatusNotApplicable, Evidence: []i18n.Msg{i18n.M("ev.type_not_located", c.r.Type, c.scope.Ref)}}, true
	}
	if !ok && c.scope != nil && c.scope.Scope == catalog.ScopeParent && !c.p.RegionalAPI {
		// A part of another resource (an object of a bucket, a rule of a
		// security group) is where that resource is, whatever location
		// the provider filled in — unless its configuration names a
		// location itself. Where the provider's region picks a regional
		// API (AWS, Outscale, OpenStack), that region is authoritative:
		// a parent elsewhere cannot be reached through it, and the
		// resource's own region comes first, as for any type.
		if rv.setsLocation(c) {
			loc, ok = rv.fromAttributes(c)
		}
		if !ok {
			loc, ok = rv.fromParent(c)
		}
		if !ok {
			// Its container is neither in the plan nor read by a data
			// source: the provider's region says nothing of where an
			// object of a bucket created elsewhere lands.
			loc, ok = rv.parentNotFound(c), true
		}
	}
	if !ok {
		loc, ok = rv.fromAttributes(c)
		if rv.state {
			loc, ok = rv.withIdentifiers(c, loc, ok)
		}
	}
	if !ok {
		loc, ok = rv.fromScope(c)
	}
	if !ok && c.scope == nil {
		loc, ok = rv.nonRegional(c)
	}
	if !ok && (c.scope == nil || c.scope.Scope != catalog.ScopeProvider) {
		loc, ok = rv.fromParent(c)
	}
	if !ok {
		loc, ok = rv.fromProvider(c)
	}
	if !ok && c.p.DefaultRegion != "" && c.conf.failed.IsZero() {
		loc, ok = rv.place(c, c.p.DefaultRegion, i18n.M("ev.provider_default_region", c.p.Source, c.p.DefaultRegion))
	}
	if !ok {
		loc = rv.unknown(c)
	}
	return loc
}

// withOperator adds to a location what the operator's resolution found:
// an operator that is unknown after all is dropped, its evidence and why
// it is not verified are kept; and a region that belongs to another
// operator than the configuration's (another legal entity of the brand,
// or the only operator of the provider with that code) names that one.
func (rv *resolver) withOperator(c *ctx, loc Location, op operatorFound) Location {
	r := c.r
	if !op.unknown.IsZero() {
		r.Operator, c.operator = nil, nil
		loc.Evidence = append(loc.Evidence, op.unknown)
	}
	if !op.evidence.IsZero() {
		loc.Evidence = append(loc.Evidence, op.evidence)
	}
	if !op.unverified.IsZero() && loc.Unverified.IsZero() && r.Operator != nil {
		loc.Unverified = op.unverified
	}
	if owner := rv.regionOwner(c, loc); owner != "" && r.Operator != nil && owner != *r.Operator {
		// The region belongs to another legal entity of the brand, or is
		// the only one of its code among the provider's operators.
		if owner, err := rv.cat.Operator(owner); err == nil {
			loc.Evidence = append(loc.Evidence, i18n.M("ev.region_owner", loc.Region, owner.ID, orDash(owner.LegalName), *r.Operator, owner.ID))
			id := owner.ID
			r.Operator, c.operator, c.ops = &id, owner, []string{id}
		}
	}
	return loc
}

// confFor finds the provider configuration a resource uses: from the
// sources when they are at hand, else from the plan's provider key.
func (ix *configIndex) confFor(r *Resource) *providerConf {
	if ix.ev != nil {
		return ix.sourceConf(r)
	}
	key := ""
	if r.config != nil {
		key = r.config.res.ProviderConfigKey
	} else if r.stateKey != "" {
		key = r.stateKey
	}
	return ix.providerConfig(key, ix.modulePath(r.Module), providerLocalName(r))
}

// publicRegistries are the registries whose namespaces the catalog's
// provider sources name.
var publicRegistries = []string{"registry.terraform.io", "registry.opentofu.org", "terraform.io"}

// untrustedSource says why a resource's provider cannot be taken for the
// catalog's: a registry host nobody vouched for, or a resource type that
// provider does not serve (aws_* types under another source are a renamed
// or forked provider, not what the catalog describes).
func (rv *resolver) untrustedSource(r *Resource, p *catalog.Provider) i18n.Msg {
	if host, ok := registryHost(r.Provider); ok && !slices.Contains(publicRegistries, strings.ToLower(host)) && !slices.Contains(rv.trustedRegistries, strings.ToLower(host)) {
		return i18n.M("ev.untrusted_registry", r.Provider, host, p.Source)
	}
	if !p.Serves(r.Type) {
		return i18n.M("ev.foreign_type", r.Type, r.Provider)
	}
	return i18n.Msg{}
}

// registryHost is the registry host of a provider source written in full
// (HOST/NAMESPACE/TYPE: exactly three parts).
func registryHost(source string) (string, bool) {
	if strings.Count(source, "/") != 2 {
		return "", false
	}
	host, _, _ := strings.Cut(source, "/")
	return host, true
}

// firstStep is the first step of an attribute path ("api" of
// "api.region").
func firstStep(path string) string {
	step, _, _ := strings.Cut(path, ".")
	return step
}

func providerLocalName(r *Resource) string {
	src := r.Provider
	if i := strings.LastIndex(src, "/"); i >= 0 {
		src = src[i+1:]
	}
	return src
}

// operator picks the catalog operator from the provider configuration.
// It returns the operator, the evidence of a conditional choice, why the
// choice is only inferred (an attribute read through references of plan
// JSON), and why no operator can be chosen (an attribute that decides is
// unknown, or set to a value no rule recognises).
func (rv *resolver) operator(c *ctx) (op *catalog.Operator, evidence, unverified, unknownWhy i18n.Msg) {
	// The answer depends on the provider and its configuration only:
	// the resources of one configuration share it.
	k := operatorKey{c.p, c.conf}
	if a, ok := rv.operators[k]; ok {
		return a.op, a.evidence, a.unverified, a.unknown
	}
	op, evidence, unverified, unknownWhy = rv.findOperator(c)
	if c.conf.failed.IsZero() {
		if rv.operators == nil {
			rv.operators = map[operatorKey]operatorAnswer{}
		}
		rv.operators[k] = operatorAnswer{op: op, evidence: evidence, unverified: unverified, unknown: unknownWhy}
	}
	return op, evidence, unverified, unknownWhy
}

// operatorKey and operatorAnswer are operator's memory.
type operatorKey struct {
	p    *catalog.Provider
	conf *providerConf
}

type operatorAnswer struct {
	op                            *catalog.Operator
	evidence, unverified, unknown i18n.Msg
}

// findOperator is operator, worked out.
func (rv *resolver) findOperator(c *ctx) (op *catalog.Operator, evidence, unverified, unknownWhy i18n.Msg) {
	none := i18n.Msg{}
	if !c.conf.failed.IsZero() && hasConditions(c.p) {
		return nil, none, none, i18n.M("ev.operator_conf_unknown", c.conf.failed)
	}
	values := map[string]evaluated{}
	set := false
	get := func(attr string) (string, bool) {
		v, ok := values[attr]
		if !ok {
			v = rv.cfg.providerAttr(c.conf, attr)
			values[attr] = v
		}
		if s, ok := v.value.(string); ok && v.known {
			return s, true
		}
		return "", false
	}
	for _, rule := range c.p.Operators {
		if rule.When == nil {
			continue
		}
		get(rule.When.Attribute)
		v := values[rule.When.Attribute]
		if v.set && !v.known {
			return nil, none, none, i18n.M("ev.operator_attr_unknown", c.conf.display(), rule.When.Attribute, v.reason)
		}
		set = set || v.set
		if !v.inferred.IsZero() && unverified.IsZero() {
			unverified = v.inferred
		}
	}
	op, rule := rv.cat.ResolveOperator(c.p, get)
	if op == nil || rule == nil || rule.When == nil {
		if set && op != nil {
			// The configuration chose the default operator explicitly
			// (universe_domain = "googleapis.com"): say so, which also
			// keeps a region of another operator from re-assigning it.
			return op, i18n.M("ev.operator_default_explicit", c.conf.display(), op.ID), unverified, none
		}
		return op, none, unverified, none
	}
	v, _ := get(rule.When.Attribute)
	return op, i18n.M("ev.operator_rule", c.conf.display(), rule.When.Attribute, v, op.ID), unverified, none
}

func hasConditions(p *catalog.Provider) bool {
	for _, r := range p.Operators {
		if r.When != nil {
			return true
		}
	}
	return false
}

// redirected says why the provider configuration sends its API calls to a
// place the catalog does not know: an endpoint override, a profile or
// configuration file, an API environment it does not list.
func (rv *resolver) redirected(c *ctx) i18n.Msg {
	if len(c.p.Redirects) == 0 {
		return i18n.Msg{}
	}
	// Every resource of a configuration asks the same question.
	key := redirectKey{c.conf, c.p}
	if why, ok := rv.redirects[key]; ok {
		return why
	}
	why := rv.findRedirect(c)
	if rv.redirects == nil {
		rv.redirects = map[redirectKey]i18n.Msg{}
	}
	rv.redirects[key] = why
	return why
}

type redirectKey struct {
	conf *providerConf
	p    *catalog.Provider
}

func (rv *resolver) findRedirect(c *ctx) i18n.Msg {
	for _, name := range rv.cfg.providerArgs(c.conf) {
		for _, rd := range c.p.Redirects {
			if ok, _ := path.Match(rd.Path, name); !ok {
				continue
			}
			v := rv.cfg.providerAttr(c.conf, name)
			s, isString := v.value.(string)
			if !v.set || (v.known && !isString && v.value != nil) {
				// A block with arguments (endpoints { s3 = … }), or a
				// list or map of settings.
				return i18n.M("ev.redirect_block", c.conf.display(), name)
			}
			if !v.known {
				return i18n.M("ev.redirect_unknown", c.conf.display(), name, v.reason)
			}
			if isString && (strings.TrimSpace(s) == "" || containsFold(rd.Known, s)) {
				continue
			}
			if isString && rv.placesEndpoint(c, s) {
				continue
			}
			return i18n.M("ev.redirect_value", c.conf.display(), name, quote(v.value))
		}
	}
	return i18n.Msg{}
}

func containsFold(list []string, s string) bool {
	for _, k := range list {
		if strings.EqualFold(strings.TrimSpace(s), k) {
			return true
		}
	}
	return false
}

// placesEndpoint reports whether an endpoint value is one the catalog
// places through an endpoint attribute's pattern.
func (rv *resolver) placesEndpoint(c *ctx, value string) bool {
	for _, a := range c.p.ProviderAttributes {
		if a.Role != catalog.RoleEndpoint {
			continue
		}
		if v, ok := rv.cat.Extract(c.p, a, value); ok {
			if _, found := rv.cat.Locate(c.p, c.ops, v); found {
				return true
			}
		}
	}
	return false
}

// values returns the resource's values: planned (after), or prior
// (before) for a resource being deleted.
func (r *Resource) values() (planfile.Attrs, any) {
	if r.DeleteOnly() || r.after == nil {
		return r.before, nil
	}
	return r.after, r.afterUnknown
}

// fromAttributes reads the location attributes of the resource itself.
// Every value found must name the same place: a zone of another region,
// or a region attribute that disagrees with another, is a conflict, and
// a conflict is unknown with both values as evidence. A value the
// configuration does not set (the provider filled it in) must also agree
// with the provider configuration's region.
func (rv *resolver) fromAttributes(c *ctx) (Location, bool) {
	ap := rv.attributePlaces(c)
	// A configured argument known only at apply decides nothing yet:
	// unknown — unless it is a zone and the provider's region picks a
	// regional API, which only serves that region's zones.
	if ap.pending != nil && (!ap.pendingZone || !c.p.RegionalAPI) {
		return Location{Status: StatusUnknown, Evidence: []i18n.Msg{i18n.M("ev.attr_pending", ap.pending.at)},
			Reason: i18n.M("ev.computed", ap.pending.at)}, true
	}
	found, paths, fromConfig := ap.found, ap.paths, ap.fromConfig
	if len(found) == 0 {
		return Location{}, false
	}
	for i, other := range found[1:] {
		if !samePlace(found[0], other) {
			if !c.p.RegionalAPI && !slices.ContainsFunc(paths, func(p string) bool { return p != paths[0] }) {
				// Every value of one list (OVHcloud's regions): the
				// resource spans them all.
				if l, ok := combine(found, i18n.M("ev.spans_list", paths[0])); ok {
					return l, true
				}
			}
			return conflict(found[0], found[i+1]), true
		}
	}
	// A resource value the configuration does not set came from the
	// provider: it must be the provider's region. Where the provider's
	// region picks a regional API (AWS, Outscale, OpenStack), a zone must
	// be in that region whoever set it. A data source's values are not
	// filled in by the provider but read from the cloud: what it read is
	// where the thing is (a bucket another configuration made in Iowa,
	// read under a provider block of Paris).
	zoned := found[0].Zone != "" && c.p.RegionalAPI
	read := c.r.Mode == string(tfjson.DataResourceMode)
	if (!fromConfig[0] && !read) || zoned {
		if pl, ok := rv.fromProvider(c); ok && pl.Status == StatusKnown && found[0].Status == StatusKnown && !samePlace(found[0], pl) {
			if !c.r.hasOwnRegion(c.p) || !fromConfig[0] {
				return conflict(found[0], pl), true
			}
		}
	}
	return found[0], true
}

// attrPlaces are the places a resource's location attributes name:
// found, with the catalog path of the attribute each comes from and
// whether the configuration sets it (or the provider filled it in).
// pending is the first argument the configuration sets that is computed
// at apply time, pendingZone whether every such argument is a zone.
type attrPlaces struct {
	found       []Location
	paths       []string
	fromConfig  []bool
	pending     *pathValue
	pendingZone bool
}

// attributePlaces reads the places the resource's location attributes
// name, in the catalog's order of the attributes; a value the catalog's
// pattern does not extract a location from, or that names no place, is
// passed over.
func (rv *resolver) attributePlaces(c *ctx) attrPlaces {
	attrs, unknown := c.r.values()
	var vals any = attrs // boxed once, not per attribute
	ap := attrPlaces{pendingZone: true}
	for _, a := range rv.locationAttributes(c) {
		for _, pv := range lookupPath(vals, unknown, a.Path) {
			if pv.unknown {
				if c.r.configSets(firstStep(a.Path)) {
					if ap.pending == nil {
						pv := pv
						ap.pending = &pv
					}
					ap.pendingZone = ap.pendingZone && strings.Contains(a.Path, "zone")
				}
				continue
			}
			for _, s := range stringsOf(pv.value) {
				v, ok := rv.cat.Extract(c.p, a, s)
				if !ok {
					continue
				}
				loc, ok := rv.place(c, v, i18n.M("ev.attr_value", pv.at, s))
				if ok {
					ap.found = append(ap.found, loc)
					ap.paths = append(ap.paths, a.Path)
					ap.fromConfig = append(ap.fromConfig, c.r.config == nil || c.r.configSets(firstStep(a.Path)))
				}
			}
		}
	}
	return ap
}

// hasOwnRegion reports whether the resource's configuration sets a region
// of its own (AWS v6 region, Google region or location …), which then
// overrides the provider's: a zone must be in that region, not the
// provider's.
func (r *Resource) hasOwnRegion(p *catalog.Provider) bool {
	for _, a := range p.ResourceAttributes {
		if a.Role == catalog.RoleReplica || !a.AppliesTo(r.Type) || strings.Contains(a.Path, "zone") {
			continue
		}
		if r.configSets(firstStep(a.Path)) {
			return true
		}
	}
	return false
}

// samePlace reports whether two locations name the same region (or the
// same multi-region, or are both global).
func samePlace(a, b Location) bool {
	if a.Status != b.Status {
		return false
	}
	return strings.EqualFold(a.Region, b.Region)
}

// conflict is the location of a resource whose location arguments
// disagree: unknown, with both as evidence.
func conflict(a, b Location) Location {
	where := func(l Location) i18n.Localizer {
		if l.Status == StatusGlobal {
			return i18n.M("ev.global")
		}
		return i18n.Text(l.Region)
	}
	reason := i18n.M("ev.conflict", firstOr(a.Evidence), where(a), firstOr(b.Evidence), where(b))
	ev := append(append([]i18n.Msg{reason}, a.Evidence...), b.Evidence...)
	return Location{Status: StatusUnknown, Reason: reason, Evidence: ev}
}

func firstOr(ev []i18n.Msg) i18n.Msg {
	if len(ev) == 0 {
		return i18n.M("ev.no_evidence")
	}
	return ev[0]
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
func (rv *resolver) place(c *ctx, value string, evidence i18n.Msg) (Location, bool) {
	m, found := rv.cat.Locate(c.p, c.ops, value)
	if !found && len(c.ops) == 1 {
		// Not a region of the operator: one of another entity of its
		// brand (Outscale's US regions), or, for a default operator, one
		// that only another operator of the provider runs (locate then
		// gives the resource to that operator: regionOwner).
		if other, ok := rv.cat.Locate(c.p, nil, value); ok && !other.Global && other.Region != nil && rv.mayOwn(c, other.Region) {
			m, found = other, true
		}
	}
	if found && m.Global {
		return Location{Status: StatusGlobal, Evidence: []i18n.Msg{i18n.M("ev.place.global", evidence)}}, true
	}
	if !found {
		// A value the catalog cannot place is still where the resource
		// is: report it as known but without a country.
		return Location{Status: StatusKnown, Region: value, Evidence: []i18n.Msg{i18n.M("ev.place.not_in_catalog", evidence, c.p.Source)}}, true
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
		ev = i18n.M("ev.place.zone", ev, reg.Code)
	case m.Via == "display name" || m.Via == "alias":
		ev = i18n.M("ev.place.via", ev, i18n.Or("ev.via."+m.Via, m.Via), reg.Code)
	case normKeyEq(value, reg.Code) && value != reg.Code:
		ev = i18n.M("ev.place.region", ev, reg.Code)
	case !normKeyEq(value, reg.Code):
		ev = i18n.M("ev.place.region", ev, reg.Code)
	}
	if reg.IsMulti() {
		ev = i18n.M("ev.place.multi", ev, strings.Join(reg.Countries, ", "))
	}
	loc.Evidence = []i18n.Msg{ev}
	if c.operator == nil && len(c.ops) == 0 {
		// The provider configuration named no operator, but the region
		// belongs to one: say so without claiming it.
		loc.Evidence = append(loc.Evidence, i18n.M("ev.region_of_operator", reg.Code, reg.Operator))
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
	return Location{Status: StatusGlobal, Evidence: []i18n.Msg{i18n.M("ev.non_regional", c.r.Type, c.p.Source)}}, true
}

// fromParent follows the catalog's parent attributes (bucket, vpc_id …)
// to the resource that contains this one. A reference in the
// configuration places the resource only when it is the containment
// itself: the attribute's planned value is the parent's identity (its
// name, id …), or, with the sources, the argument is written as a plain
// reference to the parent. Anything else (a conditional, a function, a
// string built around the reference) names some other container: the
// location taken from the parent is then only inferred.
func (rv *resolver) fromParent(c *ctx) (Location, bool) {
	attrs := c.p.ParentAttributes
	if c.scope != nil && len(c.scope.ParentAttributes) > 0 {
		attrs = append(slices.Clone(c.scope.ParentAttributes), attrs...)
	}
	for _, attr := range attrs {
		if parents := rv.referencedSet(c.r, attr); parents != nil {
			parent, why := rv.verifiedParent(c.r, attr, parents)
			if loc, ok := rv.inherit(c, parent, i18n.M("ev.refers_to", attr, parent.Address)); ok {
				if !why.IsZero() && loc.Unverified.IsZero() {
					loc.Unverified = why
				}
				return loc, true
			}
		}
		if c.r.config != nil {
			// The configuration's references are authoritative: a name
			// that happens to match is no evidence.
			continue
		}
		if parent, value := rv.named(c.r, attr); parent != nil {
			if loc, ok := rv.inherit(c, parent, i18n.M("ev.names", attr, value, parent.Address)); ok {
				return loc, true
			}
		}
	}
	return Location{}, false
}

// unverifiedContainment says why a parent found through a reference of
// the configuration may not be the container: "" when the attribute's
// planned value is the parent's identity, or when the sources show the
// argument is the reference itself.
func (rv *resolver) unverifiedContainment(r *Resource, attr string, parent *Resource) i18n.Msg {
	vals, _ := r.values()
	if s, ok := vals.GetString(attr); ok && namesIdentity(s, parent) {
		return i18n.Msg{}
	}
	if rv.cfg.ev != nil {
		module, res, _, ok := tfconfig.ParseResourceAddress(r.Address)
		if ok && rv.cfg.ev.PlainReference(module, res, attr, parent.Address) {
			return i18n.Msg{}
		}
	}
	return i18n.M("ev.containment_inferred", attr, r.Address, parent.Address, parent.Address)
}

// namesIdentity reports whether a value names resource t: it is t's name,
// id, bucket, ARN or self-link, or an id path or ARN that ends with one
// (projects/p/global/networks/n, arn:aws:s3:::bucket).
func namesIdentity(s string, t *Resource) bool {
	if s == "" {
		return false
	}
	tvals, _ := t.values()
	for _, id := range identityAttributes {
		ts, ok := tvals.GetString(id)
		if ok && ts != "" && (ts == s || strings.HasSuffix(s, "/"+ts) || strings.HasSuffix(s, ":"+ts)) {
			return true
		}
	}
	return false
}

// identityAttributes are the attributes by which a resource is named in
// another one's arguments.
var identityAttributes = []string{"name", "id", "bucket", "arn", "self_link"}

// named finds the resource of the same provider that a parent attribute
// names by value: plans without configuration (or with references Terraform
// did not record) still say virtual_network_name = "vnet-hub". A name
// that resources of several module instances share (one module called
// per country, each with its dataset "exports") names the one in r's own
// module instance; when none is there and several instances have one, the
// name says nothing about which: nil, so that the location is not taken
// from a container that may be another.
func (rv *resolver) named(r *Resource, attr string) (*Resource, string) {
	cands, value := rv.namedAllSet(r, attr)
	if cands == nil || !cands.oneModule() {
		return nil, ""
	}
	return cands.list[0], value
}

// namedAllSet returns the resources of the same provider whose identity is
// the value of r's attribute, those of r's module instance only when there
// are some (they are preferred, as Terraform's references are), in plan
// order, shared (nil for none), and the value.
func (rv *resolver) namedAllSet(r *Resource, attr string) (*candidates, string) {
	vals, _ := r.values()
	v, _ := vals.Get(attr)
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
					idv, _ := ov.Get(id)
					if s, ok := idv.(string); ok && s != "" {
						k := o.Provider + "\x00" + s
						rv.byValue[k] = append(rv.byValue[k], o)
					}
				}
			}
		}
	}
	return rv.namedSet(r, value), value
}

func (rv *resolver) inherit(c *ctx, parent *Resource, head i18n.Msg) (Location, bool) {
	rv.locate(parent)
	pl := parent.Location
	switch pl.Status {
	case StatusKnown, StatusMultiRegion, StatusGlobal:
	case StatusUnknown:
		// The resource is where its container is: nowhere known.
		reason := i18n.M("ev.parent_unknown", head, pl.Reason)
		return Location{Status: StatusUnknown, Reason: reason, Evidence: append([]i18n.Msg{reason}, pl.Evidence...)}, true
	default:
		return Location{}, false
	}
	loc := pl
	loc.Zone = ""
	var where i18n.Localizer = i18n.Text(pl.Region)
	if pl.Status == StatusGlobal {
		where = i18n.M("ev.a_global_location")
	}
	loc.Evidence = append([]i18n.Msg{i18n.M("ev.located_in", head, where)}, pl.Evidence...)
	return loc, true
}

// referenced returns the resources of the plan an attribute's
// expression refers to, in the same module, in the order of the
// references.
func (rv *resolver) referenced(r *Resource, attr string) []*Resource {
	return rv.referencedSet(r, attr).items()
}

// findRefs returns the resources of the plan that references of r's
// configuration name, in the order of the references (refsSet shares the
// answer). A reference in a module instance names
// the block's instances in that module instance only, as Terraform
// evaluates it: resolving it to every instance of the block across the
// module's instances would judge a resource by another stack's resources
// (and cost one look-up per instance of every stack).
func (rv *resolver) findRefs(r *Resource, refs []string) []*Resource {
	var out []*Resource
	// seen replaces a scan of out once it grows (a reference names every
	// instance of a counted block).
	var seen map[*Resource]bool
	for _, ref := range refs {
		parts := strings.Split(tfaddr.StripKeys(ref), ".")
		n := 2
		if parts[0] == "data" {
			n = 3
		}
		if len(parts) < n || parts[0] == "var" || parts[0] == "local" || parts[0] == "module" || parts[0] == "each" || parts[0] == "count" || parts[0] == "path" || parts[0] == "terraform" || parts[0] == "self" {
			continue
		}
		local := strings.Join(parts[:n], ".")
		targets := rv.byInstance[blockKey(r.Module, local)]
		if len(targets) == 0 && parts[0] == "data" {
			addr := local
			if r.config.module.path != "" {
				addr = r.config.module.path + "." + local
			}
			targets = rv.priorData(addr, r)
		}
		for _, t := range targets {
			if seen == nil && len(out) >= 16 {
				seen = make(map[*Resource]bool, len(out)+len(targets))
				for _, o := range out {
					seen[o] = true
				}
			}
			switch {
			case seen != nil:
				if !seen[t] {
					seen[t] = true
					out = append(out, t)
				}
			case !slices.Contains(out, t):
				out = append(out, t)
			}
		}
	}
	return out
}

// blockKey is byInstance's key: a module instance address ("" for the
// root module) and a resource block's address in it without instance key
// (type.name, data.type.name).
func blockKey(module, local string) string {
	return module + " " + local
}

// localAddress is a resource's block address in its module, without
// instance key.
func localAddress(r *Resource) string {
	if r.Mode == string(tfjson.DataResourceMode) {
		return "data." + r.Type + "." + r.Name
	}
	return r.Type + "." + r.Name
}

// priorData returns the instances of a data source read while planning,
// which are in the plan's prior state only, as resources to locate (never
// in the inventory): a replication destination may be a bucket that another
// configuration manages, read here through a data source. Their provider
// is the referring resource's, when it serves the type.
func (rv *resolver) priorData(addr string, from *Resource) []*Resource {
	if rv.prior == nil {
		rv.prior = map[string][]*Resource{}
		if ps := rv.cfg.plan.PriorState; ps != nil && ps.Values != nil && ps.Values.RootModule != nil {
			var walk func(m *tfjson.StateModule)
			walk = func(m *tfjson.StateModule) {
				for _, sr := range m.Resources {
					if sr.Mode != tfjson.DataResourceMode {
						continue
					}
					module, res, _, ok := tfconfig.ParseResourceAddress(sr.Address)
					parts := strings.Split(res, ".")
					if !ok || len(parts) != 3 {
						continue
					}
					r := &Resource{Address: sr.Address, Module: module, Type: parts[1], Name: parts[2], Mode: "data", Actions: []string{"read"}}
					r.after, _ = planfile.AsAttrs(sr.AttributeValues)
					r.config = rv.cfg.resource(&tfjson.ResourceChange{ModuleAddress: module, Type: r.Type, Name: r.Name, Mode: tfjson.DataResourceMode})
					// By address without keys and module instance: each
					// of a thousand module instances reads its own.
					k := tfaddr.StripKeys(sr.Address) + "\x00" + module
					rv.prior[k] = append(rv.prior[k], r)
				}
				for _, c := range m.ChildModules {
					walk(c)
				}
			}
			walk(ps.Values.RootModule)
		}
	}
	var out []*Resource
	for _, r := range rv.prior[addr+"\x00"+from.Module] {
		if r.Provider == "" {
			p, err := rv.cat.Provider(from.Provider)
			if err != nil || !p.Serves(r.Type) {
				continue
			}
			r.Provider = from.Provider
		}
		out = append(out, r)
	}
	return out
}

// fromProvider reads the location of the provider configuration: the
// first region argument it sets, in the catalog's order of precedence
// (api.region before region …), and every API endpoint it sets, which
// must place the same region: an endpoint decides where the calls go.
func (rv *resolver) fromProvider(c *ctx) (Location, bool) {
	// Every resource of a type under one configuration gets the same
	// answer (attributes apply by type): computed once, copied out.
	key := providerLocKey{c.conf, c.r.Type}
	cached, ok := rv.providerLocs[key]
	if !ok {
		cached.loc, cached.ok = rv.providerLocation(c)
		if rv.providerLocs == nil {
			rv.providerLocs = map[providerLocKey]providerLoc{}
		}
		rv.providerLocs[key] = cached
	}
	loc := cached.loc
	loc.Evidence = slices.Clone(loc.Evidence)
	return loc, cached.ok
}

type providerLocKey struct {
	conf *providerConf
	typ  string
}

type providerLoc struct {
	loc Location
	ok  bool
}

// providerLocation is fromProvider, not cached.
func (rv *resolver) providerLocation(c *ctx) (Location, bool) {
	if !c.conf.failed.IsZero() {
		return Location{Status: StatusUnknown, Reason: c.conf.failed, Evidence: []i18n.Msg{c.conf.failed}}, true
	}
	var chain *Location
	var endpoints []Location
	for _, a := range c.p.ProviderAttributes {
		if !a.AppliesTo(c.r.Type) {
			continue
		}
		endpoint := a.Role == catalog.RoleEndpoint
		if !endpoint && chain != nil {
			continue // a region argument of lower precedence
		}
		v := rv.cfg.providerAttr(c.conf, a.Path)
		if !v.set {
			continue
		}
		if !v.known {
			reason := v.reason
			if !strings.HasPrefix(reason.String(), c.conf.display().String()) {
				reason = i18n.M("ev.conf_attr_reason", c.conf.display(), a.Path, reason)
			}
			return Location{Status: StatusUnknown, Evidence: slices.Clone(v.evidence), Reason: reason}, true
		}
		for _, s := range stringsOf(v.value) {
			val, ok := rv.cat.Extract(c.p, a, s)
			if !ok {
				if endpoint {
					why := i18n.M("ev.unknown_api_host", c.conf.display(), a.Path, s)
					return Location{Status: StatusUnknown, Reason: why, Evidence: append([]i18n.Msg{why}, v.evidence...)}, true
				}
				continue
			}
			loc, ok := rv.place(c, val, firstOr(v.evidence))
			if !ok {
				continue
			}
			if len(v.evidence) > 1 {
				loc.Evidence = append(loc.Evidence, v.evidence[1:]...)
			}
			loc.Unverified = v.inferred
			if endpoint {
				endpoints = append(endpoints, loc)
				continue
			}
			chain = &loc
			break
		}
	}
	return rv.providerPlaces(c, chain, endpoints)
}

// providerPlaces is the location of a provider configuration from the
// places its arguments name: chain from its region argument of highest
// precedence (nil when none is set), endpoints from its API endpoints.
// They must agree, or the location is a conflict; it is not verified when
// one of them is not, or when a dynamic block could have set another.
func (rv *resolver) providerPlaces(c *ctx, chain *Location, endpoints []Location) (Location, bool) {
	var found []Location
	if chain != nil {
		found = append(found, *chain)
	}
	found = append(found, endpoints...)
	if len(found) == 0 {
		return Location{}, false
	}
	for _, other := range found[1:] {
		if !samePlace(found[0], other) {
			return conflict(found[0], other), true
		}
	}
	loc := found[0]
	for _, other := range found[1:] {
		if loc.Unverified.IsZero() {
			loc.Unverified = other.Unverified
		}
	}
	if loc.Unverified.IsZero() {
		loc.Unverified = rv.invisibleBlocks(c)
	}
	return loc, true
}

// invisibleBlocks says why, without the sources, a location read from a
// provider configuration is not verified: plan JSON does not show dynamic
// blocks, and a nested block of the provider that can set the location
// or redirect its API (Outscale's api {} and endpoints {}, AWS's
// endpoints {}) could be generated by one. "" when the sources were
// evaluated or every such block is written out.
func (rv *resolver) invisibleBlocks(c *ctx) i18n.Msg {
	if c.conf.ref != nil || c.conf.pc == nil {
		return i18n.Msg{}
	}
	var blocks []string
	for _, a := range c.p.ProviderAttributes {
		if first, _, nested := strings.Cut(a.Path, "."); nested && a.AppliesTo(c.r.Type) {
			blocks = append(blocks, strings.TrimSuffix(first, "[]"))
		}
	}
	for _, rd := range c.p.Redirects {
		if rd.Block {
			blocks = append(blocks, rd.Path)
		}
	}
	var missing []string
	for _, b := range blocks {
		if e := c.conf.pc.Expressions[b]; (e == nil || e.ExpressionData == nil || len(e.NestedBlocks) == 0) && !slices.Contains(missing, b) {
			missing = append(missing, b)
		}
	}
	if len(missing) == 0 {
		return i18n.Msg{}
	}
	return i18n.M("ev.invisible_provider_blocks", orList(missing), c.conf.display())
}

// unknown explains why no location could be found.
func (rv *resolver) unknown(c *ctx) Location {
	var names []string
	for _, a := range c.p.ProviderAttributes {
		names = append(names, a.Path)
	}
	reason := i18n.M("ev.no_location", c.r.Type, c.conf.display())
	switch {
	case rv.state:
		reason = i18n.M("ev.no_location_state", c.r.Type, c.conf.display())
	case len(names) > 0:
		reason = i18n.M("ev.no_location_env", c.conf.display(), orList(names), c.r.Type)
	}
	return Location{Status: StatusUnknown, Evidence: []i18n.Msg{reason}, Reason: reason}
}

// parentNotFound is the location of a part of another resource whose
// container trustcloud cannot find: unknown, naming the attribute that
// names the container and what it says, and how to make it known.
func (rv *resolver) parentNotFound(c *ctx) Location {
	attrs := c.scope.ParentAttributes
	vals, _ := c.r.values()
	reason := i18n.M("ev.parent_not_found_unnamed", c.r.Type, orList(attrs))
	for _, a := range attrs {
		if v, ok := vals.GetString(a); ok && v != "" {
			reason = i18n.M("ev.parent_not_found", c.r.Type, a, v)
			break
		}
	}
	return Location{Status: StatusUnknown, Evidence: []i18n.Msg{reason}, Reason: reason}
}

// locateUnknownProvider handles providers the catalog does not know.
func (rv *resolver) locateUnknownProvider(c *ctx) {
	r := c.r
	vals, unknown := r.values()
	for _, a := range genericAttributes {
		for _, pv := range lookupPath(vals, unknown, a.Path) {
			if ss := stringsOf(pv.value); len(ss) > 0 {
				s := ss[0]
				loc := Location{Status: StatusKnown, Region: s,
					Evidence: []i18n.Msg{i18n.M("ev.generic_region", pv.at, s, r.Provider, a.Path)}}
				if m := genericZone.FindStringSubmatch(s); m != nil && (strings.Contains(a.Path, "zone") || a.Path == "location") {
					loc.Region, loc.Zone = m[1], s
					loc.Evidence = []i18n.Msg{i18n.M("ev.generic_zone", pv.at, s, m[1], r.Provider)}
				}
				r.Location = loc
				return
			}
		}
	}
	reason := i18n.M("ev.provider_not_in_catalog", r.Provider)
	r.Location = Location{Status: StatusUnknown, Evidence: []i18n.Msg{reason}, Reason: reason}
}

// offer records the catalog offer of the resource's operator that covers
// its region and, when the offer's perimeter lists resource types, its
// type: the one whose standing is best (qualified, then unconfirmed,
// expired, pending, unknown, none).
func (rv *resolver) offer(c *ctx) {
	r := c.r
	if r.Operator == nil || !r.Location.InCatalog || r.Location.Status != StatusKnown && r.Location.Status != StatusMultiRegion {
		return
	}
	// A location over several regions ("GRA11+SBG5") is covered by an
	// offer that covers every one of them.
	var regions []*catalog.Region
	for code := range strings.SplitSeq(r.Location.Region, "+") {
		m, ok := rv.cat.Locate(c.p, c.ops, code)
		if !ok || m.Region == nil {
			return
		}
		regions = append(regions, m.Region)
	}
	var best *catalog.Offer
	rank := func(o *catalog.Offer) int {
		return len(standingOrder) - slices.Index(standingOrder, rv.cat.Standing(o))
	}
	for _, o := range rv.cat.OffersCovering(regions[0]) {
		if o.Operator != *r.Operator {
			continue
		}
		if !slices.ContainsFunc(regions[1:], func(reg *catalog.Region) bool { return !slices.Contains(rv.cat.OffersCovering(reg), o) }) {
			if !o.CoversType(r.Type) {
				r.Location.Evidence = append(r.Location.Evidence, i18n.M("ev.offer_perimeter", o.Name, r.Location.Region, o.Perimeter, r.Type))
				continue
			}
			if best == nil || rank(o) > rank(best) {
				best = o
			}
		}
	}
	if best != nil {
		// One reference per offer, shared by the resources it covers.
		if r.Offer = rv.offers[best]; r.Offer == nil {
			r.Offer = &OfferRef{ID: best.ID, Name: best.Name, Status: string(best.Status), Standing: string(rv.cat.Standing(best)),
				QualifiedOn: best.QualifiedOn, ExpiresOn: best.ExpiresOn, Decision: best.Decision}
			if rv.offers == nil {
				rv.offers = map[*catalog.Offer]*OfferRef{}
			}
			rv.offers[best] = r.Offer
		}
	}
}

// standingOrder ranks standings, best first.
var standingOrder = []catalog.Standing{catalog.StandingQualified, catalog.StandingUnconfirmed, catalog.StandingExpired,
	catalog.StandingPending, catalog.StandingUnknown, catalog.StandingNone}

// mayOwn reports whether a region of another operator than the one the
// configuration names can be the resource's: one of another legal entity
// of its brand, or, when the operator is the provider's default, the only
// region of that code among the provider's operators.
func (rv *resolver) mayOwn(c *ctx, r *catalog.Region) bool {
	return slices.Contains(rv.cat.Brand(c.ops[0]), r.Operator) || c.byDefault && rv.onlyOwner(c.p, r)
}

// regionOwner is the operator that runs the resource's region when it is
// another than the configuration's and may own it (mayOwn); "" otherwise.
func (rv *resolver) regionOwner(c *ctx, loc Location) string {
	if !loc.InCatalog || len(c.ops) != 1 || loc.Status != StatusKnown && loc.Status != StatusMultiRegion {
		return ""
	}
	if m, ok := rv.cat.Locate(c.p, c.ops, loc.Region); ok && m.Region != nil {
		return "" // the configuration's operator runs it
	}
	if m, ok := rv.cat.Locate(c.p, nil, loc.Region); ok && m.Region != nil && rv.mayOwn(c, m.Region) {
		return m.Region.Operator
	}
	return ""
}

// onlyOwner reports whether no other operator of the provider (or of
// their brands) has a region of that code.
func (rv *resolver) onlyOwner(p *catalog.Provider, r *catalog.Region) bool {
	for _, o := range rv.cat.RegionsOf(p) {
		if o != r && strings.EqualFold(o.Code, r.Code) {
			return false
		}
	}
	return true
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// catalogType is the resource's type as the catalog's type tables write
// it: data sources as "data.TYPE".
func (r *Resource) catalogType() string {
	if r.Mode == "data" {
		return "data." + r.Type
	}
	return r.Type
}

// locationAttributes are the attributes that locate the resource: its
// type's own (from the providers' metadata), then the provider's.
func (rv *resolver) locationAttributes(c *ctx) []catalog.Attribute {
	k := typeKey{c.p, c.r.Mode, c.r.Type}
	t := rv.types[k]
	if !t.attrsSet {
		t.attrs, t.attrsSet = rv.typeLocationAttributes(c), true
		rv.types[k] = t
	}
	return t.attrs
}

func (rv *resolver) typeLocationAttributes(c *ctx) []catalog.Attribute {
	var out []catalog.Attribute
	seen := map[string]bool{}
	if c.scope != nil {
		// An attribute through which the type's data goes elsewhere (a
		// bucket's replication destination) is not where the resource
		// is, even where the metadata also lists it among the location
		// attributes beside the resource's own. (A location list, a
		// storage policy, or a location whose pair receives the copies,
		// is where the resource is; so is a type's only location.)
		flowsTo := map[string]bool{}
		for _, f := range c.flows {
			switch f.Flow {
			case catalog.FlowMultiLocation, catalog.FlowStoragePolicy, catalog.FlowPairedRegion:
			default:
				flowsTo[strings.ReplaceAll(f.Path, "[]", "")] = true
			}
		}
		var own []string
		for _, path := range c.scope.LocationAttributes {
			if !flowsTo[strings.ReplaceAll(path, "[]", "")] {
				own = append(own, path)
			}
		}
		if len(own) == 0 {
			own = c.scope.LocationAttributes
		}
		for _, path := range own {
			if !seen[path] {
				seen[path] = true
				out = append(out, catalog.Attribute{Path: path})
			}
			seen[strings.ReplaceAll(path, "[]", "")] = true
		}
		for path := range flowsTo {
			if !slices.Contains(own, path) {
				seen[path] = true
			}
		}
	}
	for _, a := range c.p.ResourceAttributes {
		if a.Role == catalog.RoleReplica || !a.AppliesTo(c.r.Type) || seen[a.Path] || seen[strings.ReplaceAll(a.Path, "[]", "")] {
			continue
		}
		seen[a.Path] = true
		out = append(out, a)
	}
	return out
}

// fromScope places a global or project-level type: it has no location of
// its own (globalScope then says where its operator runs such services).
func (rv *resolver) fromScope(c *ctx) (Location, bool) {
	if c.scope == nil {
		return Location{}, false
	}
	switch c.scope.Scope {
	case catalog.ScopeGlobal:
		return Location{Status: StatusGlobal, Evidence: []i18n.Msg{i18n.M("ev.scope_global", c.r.Type, c.p.Source, c.scope.Ref)}}, true
	case catalog.ScopeProject:
		return Location{Status: StatusGlobal, Evidence: []i18n.Msg{i18n.M("ev.scope_provider", c.r.Type, c.p.Source, c.scope.Ref)}}, true
	}
	return Location{}, false
}

// globalScope turns a global location into the region where the
// resource's operator runs its global services, when it runs them in one
// region (S3NS): global there means in that region.
func (rv *resolver) globalScope(c *ctx, loc Location) Location {
	if loc.Status != StatusGlobal || c.r.Operator == nil {
		return loc
	}
	reg, ok := rv.cat.GlobalScope(*c.r.Operator)
	if !ok {
		return loc
	}
	placed, ok := rv.place(c, reg.Code, i18n.M("ev.global_scope", *c.r.Operator, reg.Code))
	if !ok || placed.Status != StatusKnown {
		return loc
	}
	placed.Evidence = append(loc.Evidence, placed.Evidence...)
	placed.Unverified = loc.Unverified
	return placed
}

// setsLocation reports whether the resource's configuration sets one of
// its location attributes.
func (rv *resolver) setsLocation(c *ctx) bool {
	for _, a := range rv.locationAttributes(c) {
		if c.r.configSets(strings.TrimSuffix(firstStep(a.Path), "[]")) {
			return true
		}
	}
	return false
}

type typeKey struct {
	p    *catalog.Provider
	mode string
	typ  string
}

type typeTables struct {
	scope *catalog.TypeScope
	// flows are the data flows trustcloud follows (follows).
	flows []*catalog.DataFlow
	// attrs are the location attributes (locationAttributes), computed
	// on first use.
	attrs    []catalog.Attribute
	attrsSet bool
	// containers are the attributes that name the resource's containers
	// (containerAttributes, and the parent attributes of a type placed by
	// its parent), for classification.
	containers []string
}

// typeTables returns the catalog's row and data flows of a resource's
// type, looked up once per provider and type.
func (rv *resolver) typeTables(p *catalog.Provider, r *Resource) typeTables {
	k := typeKey{p, r.Mode, r.Type}
	if t, ok := rv.types[k]; ok {
		return t
	}
	var t typeTables
	typ := r.catalogType()
	t.containers = containerAttributes
	if ts, ok := rv.cat.TypeScope(p, typ); ok {
		t.scope = ts
		if ts.Scope == catalog.ScopeParent {
			for _, a := range ts.ParentAttributes {
				if !slices.Contains(t.containers, a) {
					t.containers = append(slices.Clone(t.containers), a)
				}
			}
		}
	}
	for _, f := range rv.cat.DataFlows(p, typ) {
		if follows(f) {
			t.flows = append(t.flows, f)
		}
	}
	if rv.types == nil {
		rv.types = map[typeKey]typeTables{}
	}
	rv.types[k] = t
	return t
}
