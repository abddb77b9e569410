package catalog

import (
	"cmp"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

var (
	idPattern     = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
	sourcePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_-]*$`)
	models        = map[string]bool{"IaaS": true, "CaaS": true, "PaaS": true, "SaaS": true}
	milestoneKeys = map[string]bool{"J0": true, "J1": true, "J2": true}
)

// validator checks the merged catalog; each error points at the document
// and JSON path that wrote the faulty entry.
type validator struct {
	c       *Catalog
	origins map[any]origin
	errs    Errors
	// regions by operator → normalised name → code, to detect names that
	// two regions of one operator share.
	names map[string]map[string]string
}

func validate(c *Catalog, origins map[any]origin) error {
	v := &validator{c: c, origins: origins, names: map[string]map[string]string{}}
	v.document()
	for _, s := range c.sources {
		v.source(s)
	}
	for _, a := range c.areas {
		v.area(a)
	}
	for _, o := range c.operators {
		v.operator(o)
	}
	// Regions claim their names and zones in the order they were written,
	// so that a clash is reported at the later entry (the one a user file
	// adds) rather than at the embedded entry it clashes with.
	regions := slices.Clone(c.regions)
	slices.SortStableFunc(regions, func(a, b *Region) int { return cmp.Compare(origins[a].seq, origins[b].seq) })
	for _, r := range regions {
		v.region(r)
	}
	v.regionOwners()
	ids := map[string]bool{}
	for _, o := range c.offers {
		ids[o.ID] = true
	}
	for _, o := range c.offers {
		v.offer(o, ids)
	}
	for _, p := range c.providers {
		v.provider(p)
	}
	return v.errs.orNil()
}

// add reports an error at sub of entry: key and args of the i18n
// catalogs (catalogfile.*).
func (v *validator) add(entry any, sub, key string, args ...any) {
	v.errs = append(v.errs, v.origins[entry].errorAt(sub, key, args...))
}

func (v *validator) document() {
	o := v.origins["as_of"]
	if v.c.AsOf == "" {
		v.errs = append(v.errs, errorAt(v.c.Files[0], "$.as_of", "catalogfile.as_of_missing"))
	} else if _, err := time.Parse(time.DateOnly, v.c.AsOf); err != nil {
		v.errs = append(v.errs, o.errorAt(".as_of", "catalogfile.as_of_not_date", v.c.AsOf))
	}
	if e := v.c.AnssiEdition; e != "" {
		v.edition(v.origins["anssi_edition"], ".anssi_edition", e)
	}
	if v.c.Version == "" {
		v.errs = append(v.errs, errorAt(v.c.Files[0], "$.version", "catalogfile.version_missing"))
	}
	for _, area := range []string{"EU", "EEA"} {
		found := false
		for _, a := range v.c.areas {
			found = found || a.ID == area
		}
		if !found {
			v.errs = append(v.errs, errorAt(v.c.Files[0], "$.areas", "catalogfile.area_missing", area))
		}
	}
}

func (v *validator) required(entry any, field, value string) bool {
	if strings.TrimSpace(value) == "" {
		v.add(entry, "."+field, "catalogfile.required")
		return false
	}
	return true
}

func (v *validator) id(entry any, value string) {
	if v.required(entry, "id", value) && !idPattern.MatchString(value) {
		v.add(entry, ".id", "catalogfile.invalid_id", value)
	}
}

func (v *validator) country(entry any, field, value string, required bool) {
	if value == "" {
		if required {
			v.add(entry, "."+field, "catalogfile.country_missing")
		}
		return
	}
	if !ValidCountry(value) {
		v.add(entry, "."+field, "catalogfile.invalid_country", value)
	}
}

func (v *validator) date(entry any, field, value string) {
	if value == "" {
		return
	}
	if _, ok := dateEnd(value); !ok {
		v.add(entry, "."+field, "catalogfile.invalid_date", value)
	}
}

func (v *validator) sourceIDs(entry any, ids []string) {
	if len(ids) == 0 {
		v.add(entry, ".source_ids", "catalogfile.source_ids_missing")
		return
	}
	for i, id := range ids {
		if _, ok := v.c.findSource(id); !ok {
			v.add(entry, fmt.Sprintf(".source_ids[%d]", i), "catalogfile.unknown_source", id, v.c.known("source", id))
		}
	}
}

func (v *validator) regexp(entry any, field, expr string, minGroups int) {
	re, err := regexp.Compile(expr)
	if err != nil {
		v.add(entry, "."+field, "catalogfile.invalid_regexp", expr, err)
		return
	}
	if re.NumSubexp() < minGroups {
		v.add(entry, "."+field, "catalogfile.regexp_group", expr)
	}
}

func (v *validator) source(s *Source) {
	v.id(s, s.ID)
	v.required(s, "title", s.Title)
	v.date(s, "date", s.Date)
	if s.URL != "" {
		u, err := url.Parse(s.URL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			v.add(s, ".url", "catalogfile.invalid_url", s.URL)
		}
	}
}

func (v *validator) area(a *Area) {
	v.required(a, "id", a.ID)
	v.required(a, "name", a.Name)
	if len(a.Countries) == 0 {
		v.add(a, ".countries", "catalogfile.countries_missing")
	}
	for i, cc := range a.Countries {
		v.country(a, fmt.Sprintf("countries[%d]", i), cc, true)
	}
	v.sourceIDs(a, a.SourceIDs)
}

// edition checks the date of an ANSSI catalogue edition: a full date that
// is not after the catalog's as_of (a catalog cannot have read an edition
// published after the date its facts were checked).
func (v *validator) edition(o origin, sub, value string) {
	t, err := time.Parse(time.DateOnly, value)
	if err != nil {
		v.errs = append(v.errs, o.errorAt(sub, "catalogfile.invalid_edition", value))
		return
	}
	if asOf, err := time.Parse(time.DateOnly, v.c.AsOf); err == nil && t.After(asOf) {
		v.errs = append(v.errs, o.errorAt(sub, "catalogfile.edition_after_as_of", value, v.c.AsOf))
	}
}

// regionOwners checks that every operator that runs a region is a legal
// entity with a jurisdiction: the region's data is subject to it.
func (v *validator) regionOwners() {
	owners := map[string]bool{}
	for _, r := range v.c.regions {
		owners[r.Operator] = true
	}
	for _, o := range v.c.operators {
		if owners[o.ID] && strings.TrimSpace(o.ParentJurisdiction) == "" {
			v.add(o, ".parent_jurisdiction", "catalogfile.parent_jurisdiction_missing", o.ID)
		}
	}
}

func (v *validator) operator(o *Operator) {
	v.id(o, o.ID)
	v.required(o, "name", o.Name)
	if o.Brand != "" && !idPattern.MatchString(o.Brand) {
		v.add(o, ".brand", "catalogfile.invalid_brand", o.Brand)
	}
	v.country(o, "country", o.Country, true)
	v.country(o, "parent_jurisdiction", o.ParentJurisdiction, false)
	if len(o.ExtraterritorialLaws) > 0 && (o.ExtraterritorialExposure == nil || !*o.ExtraterritorialExposure) {
		v.add(o, ".extraterritorial_exposure", "catalogfile.exposure_with_laws")
	}
	v.sourceIDs(o, o.SourceIDs)
}

func (v *validator) knownOperator(entry any, field, id string) bool {
	if !v.required(entry, field, id) {
		return false
	}
	if _, ok := v.c.findOperator(id); !ok {
		v.add(entry, "."+field, "catalogfile.unknown_operator", id, v.c.known("operator", id))
		return false
	}
	return true
}

func (v *validator) region(r *Region) {
	v.knownOperator(r, "operator", r.Operator)
	v.required(r, "code", r.Code)
	switch r.Kind {
	case "", KindRegion:
		v.country(r, "country", r.Country, true)
		if len(r.Countries) > 0 {
			v.add(r, ".countries", "catalogfile.region_countries")
		}
	case KindMultiRegion:
		if r.Country != "" {
			v.add(r, ".country", "catalogfile.multi_region_country")
		}
		if len(r.Countries) == 0 {
			v.add(r, ".countries", "catalogfile.multi_region_countries_missing")
		}
		for i, cc := range r.Countries {
			v.country(r, fmt.Sprintf("countries[%d]", i), cc, true)
		}
	default:
		v.add(r, ".kind", "catalogfile.unknown_kind", r.Kind, KindRegion, KindMultiRegion)
	}
	v.sourceIDs(r, r.SourceIDs)
	if v.names[r.Operator] == nil {
		v.names[r.Operator] = map[string]string{}
	}
	claim := func(sub, name string) {
		k := normKey(name)
		if k == "" {
			v.add(r, sub, "catalogfile.empty_name")
			return
		}
		if other, ok := v.names[r.Operator][k]; ok && other != r.Code {
			v.add(r, sub, "catalogfile.name_taken", name, other, r.Operator)
			return
		}
		v.names[r.Operator][k] = r.Code
	}
	claim(".code", r.Code)
	if r.DisplayName != "" {
		claim(".display_name", r.DisplayName)
	}
	for i, a := range r.Aliases {
		claim(fmt.Sprintf(".aliases[%d]", i), a)
	}
	for i, z := range r.Zones {
		claim(fmt.Sprintf(".zones[%d]", i), z)
	}
}

func (v *validator) offer(o *Offer, ids map[string]bool) {
	v.id(o, o.ID)
	v.knownOperator(o, "operator", o.Operator)
	v.required(o, "name", o.Name)
	switch {
	case o.Status == "":
		v.add(o, ".status", "catalogfile.status_missing", statusList())
	case !validStatus(o.Status):
		v.add(o, ".status", "catalogfile.unknown_status", o.Status, statusList())
	}
	if o.Model != "" {
		for _, m := range strings.Split(o.Model, "/") {
			if !models[m] {
				v.add(o, ".model", "catalogfile.unknown_model", m, o.Model)
			}
		}
	}
	for i, g := range o.ResourceTypes {
		v.glob(o, fmt.Sprintf(".resource_types[%d]", i), g)
	}
	if len(o.ResourceTypes) > 0 && o.Perimeter == "" {
		v.add(o, ".resource_types", "catalogfile.perimeter_missing")
	}
	v.date(o, "qualified_on", o.QualifiedOn)
	v.date(o, "expires_on", o.ExpiresOn)
	if o.QualifiedOn != "" && o.ExpiresOn != "" {
		q, ok1 := dateEnd(o.QualifiedOn)
		e, ok2 := dateEnd(o.ExpiresOn)
		switch {
		case !ok1 || !ok2:
		case e.Before(q):
			v.add(o, ".expires_on", "catalogfile.expires_before", o.ExpiresOn, o.QualifiedOn)
		case e.Equal(q):
			v.add(o, ".expires_on", "catalogfile.expires_same_day", o.ExpiresOn)
		}
	}
	if o.Edition != "" {
		v.edition(v.origins[o], ".anssi_edition", o.Edition)
	}
	if o.Status == StatusQualified {
		v.qualification(o)
	}
	for i, id := range o.Replaces {
		switch {
		case !idPattern.MatchString(id):
			v.add(o, fmt.Sprintf(".replaces[%d]", i), "catalogfile.invalid_replaces", id)
		case id == o.ID || ids[id]:
			v.add(o, fmt.Sprintf(".replaces[%d]", i), "catalogfile.replaces_existing", id)
		}
	}
	if o.Status != StatusQualified && o.QualifiedOn != "" {
		v.add(o, ".qualified_on", "catalogfile.qualified_on_status", o.Status)
	}
	for _, k := range sortedKeys(o.Milestones) {
		if !milestoneKeys[k] {
			v.add(o, ".milestones."+k, "catalogfile.unknown_milestone", k)
		}
		v.date(o, "milestones."+k, o.Milestones[k])
	}
	regionOp := o.RegionOperator()
	if o.RegionsOf != "" {
		v.knownOperator(o, "regions_of", o.RegionsOf)
	}
	if o.Regions == nil {
		v.add(o, ".regions", "catalogfile.regions_missing")
	}
	for i, code := range o.Regions {
		if code == "*" {
			continue
		}
		if !v.c.hasRegion(regionOp, code) {
			v.add(o, fmt.Sprintf(".regions[%d]", i), "catalogfile.unknown_region", code, regionOp, v.c.known("region:"+regionOp, code))
		}
	}
	v.sourceIDs(o, o.SourceIDs)
}

// qualification checks what a qualified offer must carry. Every one
// needs a source. A confirmed one (not unverified) is a claim trustcloud
// acts on: it needs the qualification's dates, the ANSSI decision and the
// catalogue edition it was read from, and a dated source, so that its
// expiry can be enforced and the claim checked.
func (v *validator) qualification(o *Offer) {
	if len(o.SourceIDs) == 0 || o.Unverified {
		// A missing source list is reported for every entry, qualified
		// or not (sourceIDs).
		return
	}
	for _, f := range []struct {
		field, value string
		what         i18n.Msg
	}{
		{"qualified_on", o.QualifiedOn, i18n.M("catalogfile.qualification.qualified_on")},
		{"expires_on", o.ExpiresOn, i18n.M("catalogfile.qualification.expires_on")},
		{"decision", o.Decision, i18n.M("catalogfile.qualification.decision")},
		{"anssi_edition", o.Edition, i18n.M("catalogfile.qualification.anssi_edition")},
	} {
		if strings.TrimSpace(f.value) == "" {
			v.add(o, "."+f.field, "catalogfile.qualification_missing", f.what)
		}
	}
	for _, id := range o.SourceIDs {
		if s, ok := v.c.findSource(id); ok && s.Date != "" {
			return
		}
	}
	v.add(o, ".source_ids", "catalogfile.qualification_undated")
}

func (v *validator) provider(p *Provider) {
	if v.required(p, "source", p.Source) && !sourcePattern.MatchString(p.Source) {
		v.add(p, ".source", "catalogfile.invalid_source", p.Source)
	}
	if p.NotLocated && (len(p.Operators) > 0 || len(p.ResourceAttributes) > 0 || len(p.ProviderAttributes) > 0) {
		v.add(p, ".not_located", "catalogfile.not_located_mapped")
	}
	v.operatorRules(p)
	for i, a := range p.ParentAttributes {
		if strings.TrimSpace(a) == "" {
			v.add(p, fmt.Sprintf(".parent_attributes[%d]", i), "catalogfile.empty_attribute")
		}
	}
	v.locationAttributes(p, "provider_attributes", p.ProviderAttributes)
	v.locationAttributes(p, "resource_attributes", p.ResourceAttributes)
	for i, a := range p.ResourceAttributes {
		if a.Role == RoleEndpoint {
			v.add(p, fmt.Sprintf(".resource_attributes[%d].role", i), "catalogfile.endpoint_role")
		}
	}
	for i, r := range p.Redirects {
		if strings.TrimSpace(r.Path) == "" {
			v.add(p, fmt.Sprintf(".redirect_attributes[%d].path", i), "catalogfile.redirect_path_missing")
		} else {
			v.glob(p, fmt.Sprintf(".redirect_attributes[%d].path", i), r.Path)
		}
	}
	for i, z := range p.ZoneRules {
		v.regexp(p, fmt.Sprintf("zone_rules[%d].match", i), z.Match, 0)
	}
	for i, g := range p.NonRegionalTypes {
		v.glob(p, fmt.Sprintf(".non_regional_types[%d]", i), g)
	}
	v.defaultRegion(p)
	v.sourceIDs(p, p.SourceIDs)
}

// operatorRules checks a provider's operator rules: each names a known
// operator; a condition tests one provider attribute with exactly one of
// equals and matches; only the last rule may go without a condition,
// since the rules after one without are never tried.
func (v *validator) operatorRules(p *Provider) {
	for i := range p.Operators {
		rule := &p.Operators[i]
		sub := fmt.Sprintf(".operators[%d]", i)
		if _, ok := v.c.findOperator(rule.Operator); !ok {
			v.add(p, sub+".operator", "catalogfile.unknown_operator", rule.Operator, v.c.known("operator", rule.Operator))
		}
		if w := rule.When; w != nil {
			if w.Attribute == "" {
				v.add(p, sub+".when.attribute", "catalogfile.when_attribute_missing")
			}
			if (w.Equals == "") == (w.Matches == "") {
				v.add(p, sub+".when", "catalogfile.when_one_of")
			}
			if w.Matches != "" {
				v.regexp(p, sub[1:]+".when.matches", w.Matches, 0)
			}
		} else if i != len(p.Operators)-1 {
			v.add(p, sub, "catalogfile.rule_order")
		}
	}
}

// locationAttributes checks the location attributes of a provider listed
// under field: each has a path, a pattern that compiles, a known role,
// and valid type globs.
func (v *validator) locationAttributes(p *Provider, field string, list []Attribute) {
	for i, a := range list {
		sub := fmt.Sprintf("%s[%d]", field, i)
		if a.Path == "" {
			v.add(p, "."+sub+".path", "catalogfile.attribute_path_missing")
		}
		if a.Pattern != "" {
			v.regexp(p, sub+".pattern", a.Pattern, 1)
		}
		if a.Role != "" && a.Role != RoleLocation && a.Role != RoleReplica && a.Role != RoleEndpoint {
			v.add(p, "."+sub+".role", "catalogfile.unknown_role", a.Role)
		}
		for j, g := range a.Types {
			v.glob(p, fmt.Sprintf(".%s.types[%d]", sub, j), g)
		}
	}
}

// defaultRegion checks that a provider's default region, when it has
// one, is a region of one of its operators.
func (v *validator) defaultRegion(p *Provider) {
	if p.DefaultRegion == "" {
		return
	}
	found := false
	for _, rule := range p.Operators {
		found = found || v.c.hasRegion(rule.Operator, p.DefaultRegion)
	}
	if !found {
		v.add(p, ".default_region", "catalogfile.default_region", p.DefaultRegion)
	}
}

func (v *validator) glob(entry any, sub, g string) {
	if _, err := path.Match(strings.TrimPrefix(g, "!"), ""); err != nil || strings.TrimPrefix(g, "!") == "" {
		v.add(entry, sub, "catalogfile.invalid_glob", g)
	}
}

func validStatus(s Status) bool {
	for _, k := range Statuses {
		if s == k {
			return true
		}
	}
	return false
}

func statusList() string {
	out := make([]string, len(Statuses))
	for i, s := range Statuses {
		out[i] = string(s)
	}
	return strings.Join(out, ", ")
}

// dateEnd parses YYYY, YYYY-MM or YYYY-MM-DD and returns the last instant
// of that period, so that an expiry written "2028-12" lasts all December.
// LastDay is the first instant (UTC midnight) of the last day a date
// written as YYYY-MM-DD, YYYY-MM or YYYY covers.
func LastDay(s string) (time.Time, bool) {
	end, ok := dateEnd(s)
	if !ok {
		return time.Time{}, false
	}
	y, m, d := end.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
}

func dateEnd(s string) (time.Time, bool) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.AddDate(0, 0, 1).Add(-time.Nanosecond), true
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return t.AddDate(0, 1, 0).Add(-time.Nanosecond), true
	}
	if t, err := time.Parse("2006", s); err == nil && len(s) == 4 {
		return t.AddDate(1, 0, 0).Add(-time.Nanosecond), true
	}
	return time.Time{}, false
}

// Lookups used while validating, before the indexes exist.

func (c *Catalog) findSource(id string) (*Source, bool) {
	for _, s := range c.sources {
		if s.ID == id {
			return s, true
		}
	}
	return nil, false
}

func (c *Catalog) findOperator(id string) (*Operator, bool) {
	for _, o := range c.operators {
		if o.ID == id {
			return o, true
		}
	}
	return nil, false
}

func (c *Catalog) hasRegion(operator, code string) bool {
	k := normKey(code)
	for _, r := range c.regions {
		if r.Operator == operator && normKey(r.Code) == k {
			return true
		}
	}
	return false
}

// known lists the names of one kind of entry, closest to name first, for
// error messages.
func (c *Catalog) known(kind, name string) i18n.Localizer {
	var all []string
	switch {
	case kind == "source":
		for _, s := range c.sources {
			all = append(all, s.ID)
		}
	case kind == "operator":
		for _, o := range c.operators {
			all = append(all, o.ID)
		}
	case strings.HasPrefix(kind, "region:"):
		op := strings.TrimPrefix(kind, "region:")
		for _, r := range c.regions {
			if r.Operator == op {
				all = append(all, r.Code)
			}
		}
	}
	if len(all) == 0 {
		return i18n.M("catalogfile.known_none")
	}
	return knownList(closestFirst(name, all))
}
