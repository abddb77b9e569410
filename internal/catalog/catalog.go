package catalog

import (
	_ "embed"
	"errors"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

//go:embed data/catalog.json
var embedded []byte

// EmbeddedName is how errors name the embedded default catalog.
const EmbeddedName = "embedded catalog"

// Embedded returns the raw embedded default catalog document.
func Embedded() []byte { return embedded }

// Catalog is a validated, merged and indexed catalog. It is read-only once
// built and safe for concurrent use.
type Catalog struct {
	// SchemaVersion, Version and AsOf describe the merged catalog: those of
	// the last document that sets them.
	SchemaVersion string
	Version       string
	AsOf          string
	// AnssiEdition is the date of the edition of ANSSI's catalogue of
	// qualified services the statuses reflect.
	AnssiEdition string
	// Files names the documents merged into this catalog, in order.
	Files []string

	sources   []*Source
	areas     []*Area
	operators []*Operator
	offers    []*Offer
	regions   []*Region
	providers []*Provider

	sourceByID   map[string]*Source
	areaByID     map[string]map[string]bool
	operatorByID map[string]*Operator
	offerByID    map[string]*Offer
	// regionKeys maps operator → normalised code, display name or alias →
	// region; zoneKeys maps operator → normalised zone → region.
	regionKeys map[string]map[string]*Region
	zoneKeys   map[string]map[string]*Region
	// offersByRegion maps operator+"\x00"+code to the offers covering it.
	offersByRegion map[string][]*Offer
	providerBySrc  map[string]*Provider
	compiled       map[*Provider]*compiledProvider
	// typeScopes and dataFlows are keyed by typeKey.
	typeScopes map[string]*TypeScope
	dataFlows  map[string][]*DataFlow
	// typeAttrs, when set, are TypeAttributes' answer, worked out with
	// the generated tables (the catalog has no type entries of its own).
	typeAttrs []string

	// now is the clock used to decide whether a qualification has expired.
	now func() time.Time
}

var defaultCatalog = sync.OnceValues(func() (*Catalog, error) {
	// The type tables are parsed on another core meanwhile: New waits for
	// them (start-up time of a small plan's check).
	go func() { _, _ = generatedTables() }()
	doc, err := parseEmbedded()
	if err != nil {
		return nil, err
	}
	// The embedded catalog alone is valid (TestEmbeddedValidates): it
	// is not validated again at every start.
	return build([]Named{{Name: EmbeddedName, Doc: doc}}, false)
})

// generatedTables are the embedded type tables, parsed once.
var generatedTables = sync.OnceValues(parseGenerated)

// Default returns the embedded default catalog, parsed and validated once.
func Default() (*Catalog, error) { return defaultCatalog() }

// Load returns the embedded default catalog merged with the user catalog
// file at path (no file when path is empty). Errors name the file and the
// JSON path of the problem.
func Load(path string) (*Catalog, error) {
	if path == "" {
		return Default()
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, errorAt(path, "", "catalogfile.cannot_read", unwrapPathError(err))
	}
	user, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	base, err := parseEmbedded()
	if err != nil {
		return nil, err
	}
	return New(Named{Name: EmbeddedName, Doc: base}, Named{Name: path, Doc: user})
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Named is a parsed document and the name errors give it.
type Named struct {
	Name string
	Doc  *Document
}

// New merges documents in order — a later document adds entries, or
// replaces the entries of earlier ones that have the same key (id; operator
// and code for regions; source for Terraform providers) — then validates
// and indexes the result.
func New(docs ...Named) (*Catalog, error) {
	if len(docs) == 0 {
		// Validation names the first document in errors about the catalog
		// as a whole: there must be one.
		return nil, errorAt("", "", "catalogfile.no_document")
	}
	return build(docs, true)
}

// build is New, validating the merged catalog when check is set.
func build(docs []Named, check bool) (*Catalog, error) {
	m := newMerger()
	for _, d := range docs {
		m.add(d)
	}
	if err := m.errs.orNil(); err != nil {
		return nil, err
	}
	c := m.catalog()
	if check {
		if err := validate(c, m.origins); err != nil {
			return nil, err
		}
		if err := validateTypes(docs); err != nil {
			return nil, err
		}
	}
	c.index()
	var g *generated
	for _, d := range docs {
		if d.Name == EmbeddedName {
			var err error
			if g, err = generatedTables(); err != nil {
				return nil, err
			}
		}
	}
	c.indexTypes(g, docs)
	return c, nil
}

// UserFiles names the documents merged over the embedded catalog, in
// order: nil when there are none.
func (c *Catalog) UserFiles() []string {
	var out []string
	for _, f := range c.Files {
		if f != EmbeddedName {
			out = append(out, f)
		}
	}
	return out
}

// WithClock returns a copy of the catalog that uses now to decide whether
// a qualification has expired. Tests use it; the default is time.Now.
func (c *Catalog) WithClock(now func() time.Time) *Catalog {
	cp := *c
	cp.now = now
	return &cp
}

// Sources returns every source, sorted by id.
func (c *Catalog) Sources() []*Source { return c.sources }

// Areas returns every area (EU, EEA …).
func (c *Catalog) Areas() []*Area { return c.areas }

// Operators returns every operator, sorted by id.
func (c *Catalog) Operators() []*Operator { return c.operators }

// Offers returns every offer, sorted by operator then id.
func (c *Catalog) Offers() []*Offer { return c.offers }

// Regions returns every region, sorted by operator then code.
func (c *Catalog) Regions() []*Region { return c.regions }

// Providers returns every Terraform provider mapping, sorted by source.
func (c *Catalog) Providers() []*Provider { return c.providers }

// Source returns the source with that id.
func (c *Catalog) Source(id string) (*Source, bool) {
	s, ok := c.sourceByID[id]
	return s, ok
}

// Offer returns the offer with that id.
func (c *Catalog) Offer(id string) (*Offer, bool) {
	o, ok := c.offerByID[id]
	return o, ok
}

// Operator returns the operator with that id, or a *NotFoundError that
// lists the known ids.
func (c *Catalog) Operator(id string) (*Operator, error) {
	if o, ok := c.operatorByID[id]; ok {
		return o, nil
	}
	if o, ok := c.operatorByID[strings.ToLower(strings.TrimSpace(id))]; ok {
		return o, nil
	}
	ids := make([]string, len(c.operators))
	for i, o := range c.operators {
		ids[i] = o.ID
	}
	return nil, &NotFoundError{What: "operator", Name: id, Known: closestFirst(id, ids)}
}

// Brand returns the operators of the brand of operator id, id first and
// the others sorted by id: the legal entities that sell under one brand.
// An operator without a brand (or an unknown id) is alone.
func (c *Catalog) Brand(id string) []string {
	o, ok := c.operatorByID[id]
	if !ok {
		return []string{id}
	}
	out := []string{id}
	if o.Brand == "" {
		return out
	}
	for _, other := range c.operators {
		if other.ID != id && other.Brand == o.Brand {
			out = append(out, other.ID)
		}
	}
	return out
}

// InArea reports whether country is a member of the area (e.g. "EU").
func (c *Catalog) InArea(area, country string) bool {
	return c.areaByID[area][strings.ToUpper(country)]
}

// InEU reports whether country is an EU member state.
func (c *Catalog) InEU(country string) bool { return c.InArea("EU", country) }

// InEEA reports whether country is in the European Economic Area.
func (c *Catalog) InEEA(country string) bool { return c.InArea("EEA", country) }

// RegionInEU reports whether every country of the region is in the EU.
func (c *Catalog) RegionInEU(r *Region) bool { return c.regionIn("EU", r) }

// RegionInEEA reports whether every country of the region is in the EEA.
func (c *Catalog) RegionInEEA(r *Region) bool { return c.regionIn("EEA", r) }

func (c *Catalog) regionIn(area string, r *Region) bool {
	countries := r.CountryList()
	if len(countries) == 0 {
		return false
	}
	for _, cc := range countries {
		if !c.InArea(area, cc) {
			return false
		}
	}
	return true
}

// CountryList returns the region's country, or a multi-region's countries.
func (r *Region) CountryList() []string {
	if r.Country != "" {
		return []string{r.Country}
	}
	return r.Countries
}

// OffersCovering returns the offers that cover the region, sorted by
// operator then id.
func (c *Catalog) OffersCovering(r *Region) []*Offer {
	return c.offersByRegion[regionKey(r.Operator, r.Code)]
}

// Standing is what an offer's SecNumCloud status means on the catalog's
// clock: only StandingQualified satisfies a requirement.
type Standing string

// Standings.
const (
	// StandingQualified: qualified, on a confirmed source, not expired.
	StandingQualified Standing = "qualified"
	// StandingUnconfirmed: recorded as qualified, but the qualification
	// rests on an unverified or secondary source only.
	StandingUnconfirmed Standing = "unconfirmed"
	// StandingExpired: the qualification's expires_on has passed and no
	// renewal is recorded.
	StandingExpired Standing = "expired"
	// StandingPending: at J0–J2 or in progress.
	StandingPending Standing = "pending"
	// StandingUnknown: the catalog does not know.
	StandingUnknown Standing = "unknown"
	// StandingNone: not qualified, not in progress.
	StandingNone Standing = "none"
)

// Standing says what an offer's status means today.
func (c *Catalog) Standing(o *Offer) Standing { return StandingAt(o, c.now()) }

// StandingAt says what an offer's status means at the instant now, for an
// offer read from a document that is not (or no longer) a valid catalog,
// such as a previous version being compared with this one.
func StandingAt(o *Offer, now time.Time) Standing {
	switch {
	case o.Status == StatusQualified && expiredAt(o, now):
		return StandingExpired
	case o.Status == StatusQualified && o.Unverified:
		return StandingUnconfirmed
	case o.Status == StatusQualified:
		return StandingQualified
	case o.Status.Pending():
		return StandingPending
	case o.Status == StatusUnknown:
		return StandingUnknown
	}
	return StandingNone
}

// Qualified reports whether the offer is SecNumCloud-qualified today: its
// status is qualified on a confirmed source and its expiry date, if
// known, has not passed. An unconfirmed qualification never satisfies a
// requirement silently.
func (c *Catalog) Qualified(o *Offer) bool { return c.Standing(o) == StandingQualified }

// ExpiresWithin reports whether a qualified offer's expiry date falls
// within d of the catalog's clock, and the date.
func (c *Catalog) ExpiresWithin(o *Offer, d time.Duration) (time.Time, bool) {
	return expiresWithin(o, c.now(), d)
}

// expiresWithin is ExpiresWithin at the instant now.
func expiresWithin(o *Offer, now time.Time, d time.Duration) (time.Time, bool) {
	if o.Status != StatusQualified || o.ExpiresOn == "" || expiredAt(o, now) {
		return time.Time{}, false
	}
	end, ok := dateEnd(o.ExpiresOn)
	if !ok {
		return time.Time{}, false
	}
	return end, end.Sub(now) <= d
}

// Now is the catalog's clock.
func (c *Catalog) Now() time.Time { return c.now() }

// Expired reports whether the offer's qualification has an expiry date that
// has passed.
func (c *Catalog) Expired(o *Offer) bool { return expiredAt(o, c.now()) }

func expiredAt(o *Offer, now time.Time) bool {
	if o.ExpiresOn == "" {
		return false
	}
	end, ok := dateEnd(o.ExpiresOn)
	return ok && now.After(end)
}

// CoversType reports whether the offer's perimeter takes in a resource
// type (see Offer.ResourceTypes).
func (o *Offer) CoversType(resourceType string) bool {
	return len(o.ResourceTypes) == 0 || matchTypeGlobs(o.ResourceTypes, resourceType, false)
}

// OutsidePerimeter returns the offers of an operator that cover a region
// and stand qualified, but whose perimeter leaves out a resource type.
func (c *Catalog) OutsidePerimeter(operator, region, resourceType string) []*Offer {
	var out []*Offer
	for _, o := range c.offersByRegion[regionKey(operator, region)] {
		if o.Operator == operator && !o.CoversType(resourceType) && c.Qualified(o) {
			out = append(out, o)
		}
	}
	return out
}

// RegionQualified reports whether a SecNumCloud-qualified offer covers the
// region.
func (c *Catalog) RegionQualified(r *Region) bool {
	for _, o := range c.OffersCovering(r) {
		if c.Qualified(o) {
			return true
		}
	}
	return false
}

func regionKey(operator, code string) string {
	return operator + "\x00" + normKey(code)
}

// normKey is how region codes, display names, aliases and zones are
// compared: case does not matter, nor do spaces ("West Europe" is
// "westeurope").
func normKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.ContainsAny(s, " \t") {
		s = strings.Join(strings.Fields(s), "")
	}
	return s
}

func (c *Catalog) index() {
	c.sourceByID = map[string]*Source{}
	for _, s := range c.sources {
		c.sourceByID[s.ID] = s
	}
	c.areaByID = map[string]map[string]bool{}
	for _, a := range c.areas {
		set := map[string]bool{}
		for _, cc := range a.Countries {
			set[cc] = true
		}
		c.areaByID[a.ID] = set
	}
	c.operatorByID = map[string]*Operator{}
	for _, o := range c.operators {
		c.operatorByID[o.ID] = o
	}
	c.regionKeys = map[string]map[string]*Region{}
	c.zoneKeys = map[string]map[string]*Region{}
	for _, r := range c.regions {
		if c.regionKeys[r.Operator] == nil {
			c.regionKeys[r.Operator] = map[string]*Region{}
			c.zoneKeys[r.Operator] = map[string]*Region{}
		}
		for _, k := range r.names() {
			c.regionKeys[r.Operator][normKey(k)] = r
		}
		for _, z := range r.Zones {
			c.zoneKeys[r.Operator][normKey(z)] = r
		}
	}
	c.offerByID = map[string]*Offer{}
	c.offersByRegion = map[string][]*Offer{}
	for _, o := range c.offers {
		c.offerByID[o.ID] = o
		// An offer may name a region twice ("*" and its code, or the code
		// in two cases); it covers the region once.
		cover := func(r *Region) {
			k := regionKey(r.Operator, r.Code)
			if list := c.offersByRegion[k]; len(list) > 0 && list[len(list)-1] == o {
				return
			}
			c.offersByRegion[k] = append(c.offersByRegion[k], o)
		}
		for _, code := range o.Regions {
			if code == "*" {
				for _, r := range c.regions {
					if r.Operator == o.RegionOperator() {
						cover(r)
					}
				}
				continue
			}
			cover(c.regionKeys[o.RegionOperator()][normKey(code)])
		}
	}
	c.providerBySrc = map[string]*Provider{}
	c.compiled = map[*Provider]*compiledProvider{}
	for _, p := range c.providers {
		c.providerBySrc[strings.ToLower(p.Source)] = p
		c.compiled[p] = compileProvider(p)
	}
	if c.now == nil {
		c.now = time.Now
	}
}

// names are the strings a region may be written as.
func (r *Region) names() []string {
	out := []string{r.Code}
	if r.DisplayName != "" {
		out = append(out, r.DisplayName)
	}
	return append(out, r.Aliases...)
}

type compiledProvider struct {
	zoneRules  []*regexp.Regexp
	conditions map[*Condition]*regexp.Regexp
	patterns   map[string]*regexp.Regexp // by Attribute.Pattern
}

func compileProvider(p *Provider) *compiledProvider {
	cp := &compiledProvider{conditions: map[*Condition]*regexp.Regexp{}, patterns: map[string]*regexp.Regexp{}}
	for _, list := range [][]Attribute{p.ProviderAttributes, p.ResourceAttributes} {
		for _, a := range list {
			if a.Pattern != "" {
				cp.patterns[a.Pattern] = regexp.MustCompile(a.Pattern)
			}
		}
	}
	for _, z := range p.ZoneRules {
		cp.zoneRules = append(cp.zoneRules, regexp.MustCompile(z.Match))
	}
	for i := range p.Operators {
		if w := p.Operators[i].When; w != nil && w.Matches != "" {
			cp.conditions[w] = regexp.MustCompile(w.Matches)
		}
	}
	return cp
}

// sortEntries gives every list a deterministic order.
func (c *Catalog) sortEntries() {
	sort.SliceStable(c.sources, func(i, j int) bool { return sourceLess(c.sources[i].ID, c.sources[j].ID) })
	sort.SliceStable(c.operators, func(i, j int) bool { return c.operators[i].ID < c.operators[j].ID })
	sort.SliceStable(c.offers, func(i, j int) bool {
		if c.offers[i].Operator != c.offers[j].Operator {
			return c.offers[i].Operator < c.offers[j].Operator
		}
		return c.offers[i].ID < c.offers[j].ID
	})
	sort.SliceStable(c.regions, func(i, j int) bool {
		if c.regions[i].Operator != c.regions[j].Operator {
			return c.regions[i].Operator < c.regions[j].Operator
		}
		return c.regions[i].Code < c.regions[j].Code
	})
	sort.SliceStable(c.providers, func(i, j int) bool { return c.providers[i].Source < c.providers[j].Source })
}

// sourceLess orders "s2" before "s10".
func sourceLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}
