package plan

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// Data locations: where a resource's data goes besides the resource itself
// — replicas, backups, failovers, storage policies, every value of a
// location list, destinations it refers to. Each is resolved like a
// location; one that cannot be resolved is unknown, with the reason, never
// dropped.

// notData matches the attributes of a flow that authorise, encrypt or
// certify it (an IAM role, an encryption key, a TLS certificate) rather
// than say where the data goes.
var notData = regexp.MustCompile(`(^|[._\[\]])((logging_)?role|role_arn|iam_role_arn)$|kms_key|kms_master_key|encryption_key|key_management|certificate`)

// pathSegment finds the location segment of a resource path or self-link
// (projects/p/regions/r/…, …/locations/l/…, …/zones/z/…).
var pathSegment = regexp.MustCompile(`(?:^|/)(?:regions|locations|zones)/([^/]+)`)

// placeFlows are the flows that say, on a global type, where its data is
// stored (Pub/Sub message storage policies, user-managed replicas).
var placeFlows = []string{catalog.FlowStoragePolicy, catalog.FlowReplica, catalog.FlowMultiLocation}

// dataLocations reads the resource's data flows: the catalog's replica
// attributes and the data flows of its type.
func (rv *resolver) dataLocations(c *ctx) []Location {
	var out []Location
	seen := map[string]bool{}
	add := func(l Location) {
		l = rv.globalScope(c, l)
		if l.Status == c.r.Location.Status && (l.Status == StatusKnown || l.Status == StatusMultiRegion) && l.Unverified == "" &&
			strings.EqualFold(l.Region, c.r.Location.Region) {
			return // where the resource itself is
		}
		k := l.Attribute + "\x00" + l.Status + "\x00" + strings.ToLower(l.Region)
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, l)
	}
	vals, unknown := c.r.values()
	for _, a := range c.p.ResourceAttributes {
		if a.Role != catalog.RoleReplica || !a.AppliesTo(c.r.Type) {
			continue
		}
		f := &catalog.DataFlow{Path: a.Path, Flow: catalog.FlowReplica, Value: catalog.ValueRegion, Ref: "catalog " + c.p.Source + " resource_attributes"}
		for _, pv := range lookupPath(vals, unknown, a.Path) {
			for _, l := range rv.placeFlow(c, f, pv) {
				add(l)
			}
		}
	}
	for _, f := range rv.cat.DataFlows(c.p, c.r.catalogType()) {
		if !f.Located() || notData.MatchString(f.Path) {
			continue
		}
		pvs := lookupPath(vals, unknown, f.Path)
		if len(pvs) == 0 && f.Value == catalog.ValueEnum && f.Default != "" && c.r.attrAbsent(f.Path) {
			// The provider assumes the default when the attribute is left
			// out (Azure SQL's geo-redundant backups).
			pvs = []pathValue{{value: f.Default, at: f.Path + " (provider default)"}}
		}
		for _, pv := range pvs {
			if pv.unknown && f.Value != catalog.ValueARN && f.Value != catalog.ValueReference && f.Value != catalog.ValueBucket && !c.r.setsFlow(pv.at) {
				// Computed by the provider, not set by the configuration
				// (aws_s3_bucket's legacy replication_configuration, a
				// storage account's secondary_location): the flow is set
				// up elsewhere, or follows from attributes read here.
				continue
			}
			var ls []Location
			switch f.Value {
			case catalog.ValueRegion, catalog.ValueZone, catalog.ValueLocation, catalog.ValueMultiRegion:
				ls = rv.placeFlow(c, f, pv)
				if f.Flow == catalog.FlowPairedRegion {
					// The value is a region whose pair receives the copies
					// (a Key Vault's location): the pair is the data
					// location.
					ls = rv.pairsOf(c, f, ls)
				}
			case catalog.ValueARN, catalog.ValueReference, catalog.ValueBucket:
				ls = rv.targetFlow(c, f, pv)
			case catalog.ValueEnum:
				ls = rv.enumFlow(c, f, pv)
			}
			for _, l := range ls {
				add(l)
			}
		}
	}
	return out
}

// setsFlow reports whether the configuration sets the attribute a flow
// path starts with; without a configuration in the plan, whether it is set
// cannot be told, and it counts as set (fail closed).
func (r *Resource) setsFlow(at string) bool {
	if r.config == nil {
		return true
	}
	exprs := r.config.res.Expressions
	segs := strings.Split(at, ".")
	for i, seg := range segs {
		name, idx := seg, 0
		if open := strings.IndexByte(seg, '['); open >= 0 {
			name = seg[:open]
			idx, _ = strconv.Atoi(strings.TrimSuffix(seg[open+1:], "]"))
		}
		e := exprs[name]
		if e == nil {
			return false
		}
		if len(e.NestedBlocks) == 0 {
			// An attribute: set when it has an expression (a nested
			// value given whole counts as set).
			return e.ExpressionData != nil
		}
		if i == len(segs)-1 {
			return true
		}
		if idx >= len(e.NestedBlocks) {
			idx = len(e.NestedBlocks) - 1
		}
		exprs = e.NestedBlocks[idx]
	}
	return false
}

// attrAbsent reports whether the first segment of a path is absent from
// the resource's values (not null: absent, as in a plan of an older
// provider).
func (r *Resource) attrAbsent(path string) bool {
	vals, _ := r.values()
	name := strings.TrimSuffix(strings.Split(path, ".")[0], "[]")
	_, ok := vals.get(name)
	return !ok
}

// flowHead is how evidence names a flow: "replica rule[0].destination[0].bucket".
func flowHead(f *catalog.DataFlow, at string) string {
	return strings.ReplaceAll(f.Flow, "_", " ") + " " + at
}

// metaRef is the metadata row of a flow, for evidence.
func metaRef(f *catalog.DataFlow) string {
	if strings.HasPrefix(f.Ref, "catalog ") {
		return "(" + f.Ref + ")"
	}
	return "(provider metadata " + f.Ref + ")"
}

func unknownFlow(f *catalog.DataFlow, at, why string) Location {
	reason := fmt.Sprintf("%s: %s", flowHead(f, at), why)
	return Location{Status: StatusUnknown, Attribute: at, Flow: f.Flow, Reason: reason, Evidence: []string{reason + " " + metaRef(f)}}
}

// placeFlow places the region, zone or location values of a flow: every
// value of a list.
func (rv *resolver) placeFlow(c *ctx, f *catalog.DataFlow, pv pathValue) []Location {
	if pv.unknown {
		return []Location{unknownFlow(f, pv.at, "computed at apply time, so where the data goes is not known at plan time")}
	}
	var out []Location
	for _, s := range stringsOf(pv.value) {
		l, ok := rv.place(c, s, fmt.Sprintf("%s = %q", flowHead(f, pv.at), s))
		if !ok {
			continue
		}
		l.Attribute, l.Flow = pv.at, f.Flow
		l.Evidence[0] += " " + metaRef(f)
		out = append(out, l)
	}
	return out
}

// targetFlow places a flow whose value names another resource (an ARN, an
// id, a bucket name): where that resource is. The configuration's
// references come first, then a resource of the plan the value names,
// then a region written in the value itself (an ARN's region, a path's
// regions/…/ segment). Anything else names a resource outside the plan:
// unknown.
func (rv *resolver) targetFlow(c *ctx, f *catalog.DataFlow, pv pathValue) []Location {
	for _, t := range rv.referencedAt(c.r, pv.at) {
		if t == c.r {
			continue
		}
		l := rv.targetLocation(c, f, pv.at, t, fmt.Sprintf("%s refers to %s", flowHead(f, pv.at), t.Address))
		if l.Unverified == "" && l.Status != StatusUnknown && !rv.verifiedRef(c.r, pv, t) {
			// A reference only says the expression reads the resource:
			// a conditional or a string built around it names another.
			l.Unverified = fmt.Sprintf("%s of %s refers to %s, but neither its planned value nor (without the sources) its expression shows that it is that resource: where the data goes is taken from %s only as an inference",
				pv.at, c.r.Address, t.Address, t.Address)
		}
		return []Location{l}
	}
	if pv.unknown {
		if !c.r.setsFlow(pv.at) {
			return nil
		}
		return []Location{unknownFlow(f, pv.at, "computed at apply time and not a reference to a resource of this plan, so where the data goes is not known at plan time")}
	}
	var out []Location
	for _, s := range stringsOf(pv.value) {
		head := fmt.Sprintf("%s = %q", flowHead(f, pv.at), s)
		if t := rv.byIdentity(c.r, s); t != nil {
			out = append(out, rv.targetLocation(c, f, pv.at, t, head+" names "+t.Address))
			continue
		}
		if region, ok := regionIn(s); ok {
			l, placed := rv.place(c, region, head)
			if placed {
				l.Attribute, l.Flow = pv.at, f.Flow
				l.Evidence[0] += " " + metaRef(f)
				out = append(out, l)
				continue
			}
		}
		out = append(out, unknownFlow(f, pv.at, fmt.Sprintf("%q names a resource that is not in this plan and carries no region, so where the data goes cannot be verified", s)))
	}
	return out
}

// verifiedRef reports whether a flow attribute that refers to t names t
// itself: its planned value is t's identity (its name, id, ARN …, or a path
// or ARN ending with it), or, with the sources, it is written as a plain
// reference to t.
func (rv *resolver) verifiedRef(r *Resource, pv pathValue, t *Resource) bool {
	if s, ok := pv.value.(string); ok && s != "" && !pv.unknown {
		tvals, _ := t.values()
		for _, id := range identityAttributes {
			ts, ok := tvals.getString(id)
			if ok && ts != "" && (ts == s || strings.HasSuffix(s, "/"+ts) || strings.HasSuffix(s, ":"+ts) || s == "arn:aws:s3:::"+ts) {
				return true
			}
		}
	}
	if rv.cfg.ev != nil {
		module, res, _, ok := tfconfig.ParseResourceAddress(r.Address)
		return ok && rv.cfg.ev.PlainReferenceAt(module, res, pv.at, t.Address)
	}
	return false
}

// regionIn finds the region written in an identifier: an ARN's region
// field, a resource path's regions/, locations/ or zones/ segment.
func regionIn(s string) (string, bool) {
	if strings.HasPrefix(s, "arn:") {
		parts := strings.SplitN(s, ":", 6)
		if len(parts) == 6 && parts[3] != "" {
			return parts[3], true
		}
		if len(parts) == 6 && parts[2] == "s3" {
			return "", false
		}
		return "", false
	}
	if m := pathSegment.FindStringSubmatch(s); m != nil {
		return m[1], true
	}
	return "", false
}

// targetLocation is the location of the resource a flow names, as a data
// location of c.
func (rv *resolver) targetLocation(c *ctx, f *catalog.DataFlow, at string, t *Resource, head string) Location {
	rv.locate(t)
	tl := t.Location
	l := tl
	l.Attribute, l.Flow, l.Zone = at, f.Flow, ""
	switch tl.Status {
	case StatusUnknown:
		reason := fmt.Sprintf("%s, whose location is unknown: %s", head, tl.Reason)
		l.Reason = reason
		l.Evidence = append([]string{reason + " " + metaRef(f)}, tl.Evidence...)
	case StatusNotApplicable:
		reason := fmt.Sprintf("%s, which has no location", head)
		l = Location{Status: StatusUnknown, Attribute: at, Flow: f.Flow, Reason: reason, Evidence: []string{reason + " " + metaRef(f)}}
	default:
		where := tl.Region
		if tl.Status == StatusGlobal {
			where = "a global location"
		}
		l.Evidence = append([]string{fmt.Sprintf("%s, located in %s %s", head, where, metaRef(f))}, tl.Evidence...)
	}
	return l
}

// enumFlow follows a flow set by a value of a list of choices: Google's
// automatic replication goes anywhere; Azure's geo-redundant choices
// (when the value meets the flow's condition) copy to the paired region.
// A value that is itself a region is that region. Other choices only say
// that a flow exists whose destination another attribute gives (or that
// stays in the resource's region): they place nothing.
func (rv *resolver) enumFlow(c *ctx, f *catalog.DataFlow, pv pathValue) []Location {
	if f.Flow != catalog.FlowAutomatic && f.When == "" {
		return nil
	}
	if pv.unknown {
		return []Location{unknownFlow(f, pv.at, "computed at apply time, so whether and where the data is copied is not known at plan time")}
	}
	value, ok := enumValue(pv.value)
	if !ok || !f.Holds(value) {
		return nil
	}
	head := fmt.Sprintf("%s = %s", flowHead(f, pv.at), strconv.Quote(value))
	if f.Flow == catalog.FlowAutomatic {
		return []Location{{Status: StatusGlobal, Attribute: pv.at, Flow: f.Flow,
			Evidence: []string{head + ": the operator replicates the data wherever it chooses " + metaRef(f)}}}
	}
	if l, ok := rv.place(c, value, head); ok && l.InCatalog {
		l.Attribute, l.Flow = pv.at, f.Flow
		l.Evidence[0] += " " + metaRef(f)
		return []Location{l}
	}
	switch f.Flow {
	case catalog.FlowPairedRegion, catalog.FlowBackup, catalog.FlowSecondary:
		return []Location{rv.pairedRegion(c, f, pv.at, head)}
	case catalog.FlowDestination:
		return []Location{unknownFlow(f, pv.at, fmt.Sprintf("%q sends the data to a place the catalog cannot name", value))}
	}
	return nil
}

// enumValue is a choice as a string: a string, a bool, a number, or a
// block that is present (a non-empty list or object).
func enumValue(v any) (string, bool) {
	switch t := v.(type) {
	case string:
		return t, true
	case bool:
		return strconv.FormatBool(t), true
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64), true
	case []any:
		if len(t) == 0 {
			return "", false
		}
		return "true", true
	case map[string]any, attrs:
		return "true", true
	}
	return fmt.Sprint(v), v != nil
}

// pairedRegion is the region the catalog pairs with the resource's own.
func (rv *resolver) pairedRegion(c *ctx, f *catalog.DataFlow, at, head string) Location {
	own := c.r.Location
	if own.Status != StatusKnown || !own.InCatalog {
		return unknownFlow(f, at, fmt.Sprintf("%s copies the data to the region paired with the resource's, and the resource's region is not known", strings.TrimPrefix(head, flowHead(f, at)+" = ")))
	}
	m, ok := rv.cat.Locate(c.p, c.ops, own.Region)
	if !ok || m.Region == nil {
		return unknownFlow(f, at, "the resource's region "+own.Region+" is not in the catalog, so its paired region is not known")
	}
	pair, ok := rv.cat.Pair(m.Region)
	if !ok {
		return unknownFlow(f, at, fmt.Sprintf("copies the data to the region paired with %s, and the catalog knows no pair for it", own.Region))
	}
	l, ok := rv.place(c, pair.Code, fmt.Sprintf("%s: geo-redundant copy in %s, the region paired with %s", head, pair.Code, own.Region))
	if !ok {
		return unknownFlow(f, at, "the paired region "+pair.Code+" cannot be placed")
	}
	l.Attribute, l.Flow, l.Unverified = at, f.Flow, own.Unverified
	l.Evidence[0] += " " + metaRef(f)
	return l
}

// pairsOf replaces each located region by the region the catalog pairs
// with it; a region without a known pair is an unknown data location.
func (rv *resolver) pairsOf(c *ctx, f *catalog.DataFlow, ls []Location) []Location {
	var out []Location
	for _, l := range ls {
		if l.Status != StatusKnown || !l.InCatalog {
			out = append(out, l)
			continue
		}
		m, ok := rv.cat.Locate(c.p, c.ops, l.Region)
		if !ok || m.Region == nil {
			out = append(out, unknownFlow(f, l.Attribute, "the region "+l.Region+" is not in the catalog, so its paired region is not known"))
			continue
		}
		pair, ok := rv.cat.Pair(m.Region)
		if !ok {
			out = append(out, unknownFlow(f, l.Attribute, fmt.Sprintf("copies the data to the region paired with %s, and the catalog knows no pair for it", l.Region)))
			continue
		}
		p, ok := rv.place(c, pair.Code, fmt.Sprintf("%s: copies go to %s, the region paired with %s %s", flowHead(f, l.Attribute), pair.Code, l.Region, metaRef(f)))
		if !ok {
			continue
		}
		p.Attribute, p.Flow = l.Attribute, f.Flow
		out = append(out, p)
	}
	return out
}

// placedByData locates a global type by its data: a Pub/Sub topic whose
// storage policy allows only some regions, a secret replicated to chosen
// locations, is stored there, not "anywhere". Only when every such data
// location is known; otherwise the type stays global.
func (rv *resolver) placedByData(c *ctx, loc Location) Location {
	var ls []Location
	for _, d := range c.r.DataLocations {
		if !slices.Contains(placeFlows, d.Flow) {
			continue
		}
		if d.Status != StatusKnown && d.Status != StatusMultiRegion || !d.InCatalog || d.Unverified != "" {
			return loc
		}
		ls = append(ls, d)
	}
	if len(ls) == 0 {
		return loc
	}
	var codes []string
	for _, d := range ls {
		codes = append(codes, d.Region)
	}
	out, ok := combine(ls, fmt.Sprintf("%s is global, but its data is stored only where %s says: %s", c.r.Type, ls[0].Attribute, strings.Join(codes, ", ")))
	if !ok {
		return loc
	}
	out.Evidence = append(out.Evidence, loc.Evidence...)
	return out
}

// combine is the location of something in every one of several places:
// the place itself when they are one, else a multi-region whose code joins
// theirs with "+" and whose countries are all of theirs. Every place must
// be in the catalog.
func combine(ls []Location, head string) (Location, bool) {
	var codes, countries, ev []string
	eu := true
	for _, d := range ls {
		if d.Status != StatusKnown && d.Status != StatusMultiRegion || !d.InCatalog {
			return Location{}, false
		}
		if !slices.ContainsFunc(codes, func(c string) bool { return strings.EqualFold(c, d.Region) }) {
			codes = append(codes, d.Region)
			ev = append(ev, d.Evidence...)
		}
		for _, cc := range d.CountryList() {
			if !slices.Contains(countries, cc) {
				countries = append(countries, cc)
			}
		}
		eu = eu && d.EU != nil && *d.EU
	}
	if len(codes) == 1 {
		out := ls[0]
		out.Attribute, out.Flow = "", ""
		out.Evidence = append([]string{head}, ls[0].Evidence...)
		return out, true
	}
	out := Location{Status: StatusMultiRegion, Region: strings.Join(codes, "+"), Countries: countries, InCatalog: true, EU: &eu,
		Evidence: append([]string{head}, ev...)}
	for _, d := range ls {
		if d.Unverified != "" {
			out.Unverified = d.Unverified
		}
	}
	return out, true
}

// CountryList is the countries of a location: its country, or those of a
// multi-region.
func (l Location) CountryList() []string {
	if l.Country != nil {
		return []string{*l.Country}
	}
	return l.Countries
}

// referencedAt returns the resources of the plan the configuration's
// expression at a concrete attribute path ("rule[0].destination[0].bucket")
// refers to.
func (rv *resolver) referencedAt(r *Resource, at string) []*Resource {
	if r.config == nil {
		return nil
	}
	exprs := r.config.res.Expressions
	segs := strings.Split(at, ".")
	var e *tfjson.Expression
	for i, seg := range segs {
		name, idx := seg, -1
		if open := strings.IndexByte(seg, '['); open >= 0 {
			name = seg[:open]
			idx, _ = strconv.Atoi(strings.TrimSuffix(seg[open+1:], "]"))
		}
		e = exprs[name]
		if e == nil {
			return nil
		}
		if i == len(segs)-1 {
			break
		}
		if len(e.NestedBlocks) == 0 {
			// A nested value given whole as an attribute: its references.
			break
		}
		if idx < 0 || idx >= len(e.NestedBlocks) {
			idx = 0
		}
		exprs = e.NestedBlocks[idx]
	}
	if e == nil || e.ExpressionData == nil {
		return nil
	}
	return rv.resolveRefs(r, e.References)
}

// byIdentity finds a resource of the plan, other than r, whose name, id,
// bucket, ARN or self-link is the value (for an S3 bucket ARN, the bucket
// name in it).
func (rv *resolver) byIdentity(r *Resource, value string) *Resource {
	if rv.byIdent == nil {
		rv.byIdent = map[string][]*Resource{}
		for _, list := range rv.byConfig {
			for _, o := range list {
				ov, _ := o.values()
				for _, id := range identityAttributes {
					if s, ok := ov.getString(id); ok && s != "" {
						rv.byIdent[s] = append(rv.byIdent[s], o)
					}
				}
			}
		}
	}
	try := []string{value}
	if rest, ok := strings.CutPrefix(value, "arn:aws:s3:::"); ok {
		try = append(try, strings.SplitN(rest, "/", 2)[0])
	}
	for _, v := range try {
		for _, o := range rv.byIdent[v] {
			if o != r {
				return o
			}
		}
	}
	return nil
}

// dataOwner is the resource whose data a part's flows carry: the parent
// its type's metadata names (a replication configuration's bucket), when
// the configuration refers to it or, without a configuration, its value
// names it.
func (rv *resolver) dataOwner(c *ctx) string {
	if c.scope == nil {
		return ""
	}
	for _, attr := range c.scope.ParentAttributes {
		for _, p := range rv.referenced(c.r, attr) {
			if p != c.r {
				return p.Address
			}
		}
		if c.r.config == nil {
			if p, _ := rv.named(c.r, attr); p != nil {
				return p.Address
			}
		}
	}
	return ""
}
