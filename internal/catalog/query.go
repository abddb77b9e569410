package catalog

import (
	"path"
	"slices"
	"strings"
	"time"
)

// The catalog's queries: the one place where the lists of regions, offers,
// operators and resource types are filtered. The provider's data sources
// and the `trustcloud catalog` command both call them, so that the same
// question gets the same answer from either. A query's zero value selects
// everything; each field that is set narrows the selection, and a result
// must match every one. Results keep the catalog's order.

// Filter names the field of a query that a FilterError is about.
type Filter string

// The filters that name a catalog entry, and so can name one that does not
// exist.
const (
	FilterOperator Filter = "operator"
	FilterProvider Filter = "provider"
)

// FilterError is a query field that names no entry of the catalog: an
// unknown operator id or Terraform provider source. Its message is Err's,
// which lists the known values, closest first.
type FilterError struct {
	Filter Filter
	// Err is the catalog's *NotFoundError.
	Err error
}

func (e *FilterError) Error() string { return e.Err.Error() }

// Unwrap gives the *NotFoundError.
func (e *FilterError) Unwrap() error { return e.Err }

// RegionQuery selects regions.
type RegionQuery struct {
	// Operator is an operator id, in any case: its regions only (not
	// those of the other entities of its brand).
	Operator string
	// Provider is a Terraform provider source, short, full or bare (see
	// Catalog.Provider): the regions of the operators it can reach, and
	// of the other entities of their brands (RegionsOf).
	Provider string
	// Country is an ISO 3166-1 alpha-2 code, in any case: the regions
	// located entirely in that country. A multi-region matches when every
	// one of its countries is this one (Google's US multi-region for US),
	// not when it merely includes it (Google's EU for FR): data stored
	// there may be in any of its countries.
	Country string
	// EU keeps the regions whose every country is an EU member state.
	EU bool
	// Qualified keeps the regions that an offer standing qualified today
	// covers (RegionQualified).
	Qualified bool
}

// FindRegions returns the regions that match the query, sorted by
// operator then code. An unknown operator or provider is a *FilterError.
func (c *Catalog) FindRegions(q RegionQuery) ([]*Region, error) {
	operator, err := c.queryOperator(q.Operator)
	if err != nil {
		return nil, err
	}
	var reach map[*Region]bool
	if q.Provider != "" {
		p, err := c.Provider(q.Provider)
		if err != nil {
			return nil, &FilterError{Filter: FilterProvider, Err: err}
		}
		reach = map[*Region]bool{}
		for _, r := range c.RegionsOf(p) {
			reach[r] = true
		}
	}
	out := []*Region{}
	for _, r := range c.regions {
		switch {
		case operator != "" && r.Operator != operator,
			reach != nil && !reach[r],
			q.Country != "" && !r.EntirelyIn(q.Country),
			q.EU && !c.RegionInEU(r),
			q.Qualified && !c.RegionQualified(r):
			continue
		}
		out = append(out, r)
	}
	return out, nil
}

// EntirelyIn reports whether every country of the region is country (an
// ISO 3166-1 alpha-2 code, in any case). A region that says no country is
// in none.
func (r *Region) EntirelyIn(country string) bool {
	countries := r.CountryList()
	for _, cc := range countries {
		if !strings.EqualFold(cc, country) {
			return false
		}
	}
	return len(countries) > 0
}

// OperatorQuery selects operators.
type OperatorQuery struct {
	// Country is an ISO 3166-1 alpha-2 code, in any case: the operators
	// incorporated in that country.
	Country string
	// Qualified keeps the operators that have an offer standing qualified
	// today (OperatorQualified).
	Qualified bool
}

// FindOperators returns the operators that match the query, sorted by id.
func (c *Catalog) FindOperators(q OperatorQuery) []*Operator {
	out := []*Operator{}
	for _, o := range c.operators {
		if q.Country != "" && !strings.EqualFold(o.Country, q.Country) || q.Qualified && !c.OperatorQualified(o.ID) {
			continue
		}
		out = append(out, o)
	}
	return out
}

// OfferQuery selects offers.
type OfferQuery struct {
	// Operator is an operator id, in any case: the offers it sells.
	Operator string
	// Status keeps the offers whose status, as the catalog records it, is
	// this one: StatusQualified includes expired and unconfirmed
	// qualifications (see Standing for today's answer).
	Status Status
	// Standing keeps the offers with this standing today.
	Standing Standing
	// Model is a service model (IaaS, CaaS, PaaS, SaaS), in any case: the
	// offers whose model includes it (Offer.HasModel).
	Model string
	// Expiring keeps the offers recorded as qualified, not yet expired,
	// whose qualification expires within the horizon (ExpiresWithin); an
	// offer with no expires_on never matches. The zero Horizon does not
	// filter.
	Expiring Horizon
}

// FindOffers returns the offers that match the query, sorted by operator
// then id. An unknown operator is a *FilterError.
func (c *Catalog) FindOffers(q OfferQuery) ([]*Offer, error) {
	operator, err := c.queryOperator(q.Operator)
	if err != nil {
		return nil, err
	}
	// One instant for every offer: the window of a horizon in days ends
	// at a midnight, whatever the time it is read.
	now := c.now()
	out := []*Offer{}
	for _, o := range c.offers {
		switch {
		case operator != "" && o.Operator != operator,
			q.Status != "" && o.Status != q.Status,
			q.Standing != "" && StandingAt(o, now) != q.Standing,
			q.Model != "" && !o.HasModel(q.Model),
			!q.Expiring.IsZero() && !q.Expiring.takesIn(o, now):
			continue
		}
		out = append(out, o)
	}
	return out, nil
}

// HasModel reports whether the offer's "/"-separated model, such as
// "IaaS/CaaS/PaaS", includes want, in any case.
func (o *Offer) HasModel(want string) bool {
	for _, m := range strings.Split(o.Model, "/") {
		if strings.EqualFold(strings.TrimSpace(m), want) {
			return true
		}
	}
	return false
}

// MaxHorizonDays bounds a Horizon in days: a century is longer than any
// qualification lasts, and the duration stays far from overflowing.
const MaxHorizonDays = 36500

// Horizon is how far ahead an expiry filter looks: Days calendar days
// (UTC), so that an expiry on the last of them is within it whatever the
// time now, or else Duration from now. The zero Horizon is no filter.
type Horizon struct {
	Days     int
	Duration time.Duration
}

// IsZero reports whether the horizon is unset.
func (h Horizon) IsZero() bool { return h.Days == 0 && h.Duration == 0 }

// takesIn reports whether a qualified, unexpired offer expires within the
// horizon seen from now.
func (h Horizon) takesIn(o *Offer, now time.Time) bool {
	_, soon := expiresWithin(o, now, h.window(now))
	return soon
}

// window is the time from now to the end of the horizon: with Days, the
// end (UTC) of the day that is Days after today's.
func (h Horizon) window(now time.Time) time.Duration {
	if h.Days == 0 {
		return h.Duration
	}
	y, m, d := now.UTC().Date()
	end := time.Date(y, m, d+h.Days+1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)
	return end.Sub(now)
}

// Standings lists every Standing, from the one that satisfies a
// requirement to the ones furthest from it.
var Standings = []Standing{StandingQualified, StandingUnconfirmed, StandingExpired, StandingPending, StandingUnknown, StandingNone}

// ParseStatus reads a status whatever its case ("j1" is J1).
func ParseStatus(s string) (Status, bool) {
	i := slices.IndexFunc(Statuses, func(st Status) bool { return strings.EqualFold(string(st), s) })
	if i < 0 {
		return "", false
	}
	return Statuses[i], true
}

// ParseStanding reads a standing whatever its case.
func ParseStanding(s string) (Standing, bool) {
	i := slices.IndexFunc(Standings, func(st Standing) bool { return strings.EqualFold(string(st), s) })
	if i < 0 {
		return "", false
	}
	return Standings[i], true
}

// TypeQuery selects the rows of the type tables.
type TypeQuery struct {
	// Provider is a Terraform provider source, short, full or bare: its
	// types only.
	Provider string
	// Type is a glob (path.Match) on the type; data sources are written
	// data.TYPE. A malformed glob matches nothing.
	Type string
	// Scope keeps the types of this scope (one of Scopes).
	Scope string
}

// FindTypes returns the type table rows that match the query, sorted by
// provider source then type. An unknown provider is a *FilterError.
func (c *Catalog) FindTypes(q TypeQuery) ([]*TypeScope, error) {
	source := ""
	if q.Provider != "" {
		p, err := c.Provider(q.Provider)
		if err != nil {
			return nil, &FilterError{Filter: FilterProvider, Err: err}
		}
		source = p.Source
	}
	out := []*TypeScope{}
	for _, t := range c.typeScopes {
		if source != "" && !strings.EqualFold(t.Source, source) || q.Scope != "" && t.Scope != q.Scope {
			continue
		}
		if ok, _ := path.Match(q.Type, t.Type); q.Type != "" && !ok {
			continue
		}
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b *TypeScope) int {
		if a.Source != b.Source {
			return strings.Compare(a.Source, b.Source)
		}
		return strings.Compare(a.Type, b.Type)
	})
	return out, nil
}

// queryOperator resolves a query's operator id: "" when the query names
// none.
func (c *Catalog) queryOperator(id string) (string, error) {
	if id == "" {
		return "", nil
	}
	op, err := c.Operator(id)
	if err != nil {
		return "", &FilterError{Filter: FilterOperator, Err: err}
	}
	return op.ID, nil
}
