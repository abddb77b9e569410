package catalog

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// NormalizeSource reduces a provider source address to the catalog's key:
// namespace/type in lower case, without host (registry.terraform.io,
// registry.opentofu.org …). A bare type such as "aws" is returned as is.
func NormalizeSource(source string) string {
	s := strings.ToLower(source)
	// The last two parts, each without spaces around it (normalising
	// twice must give the same key), without allocating when nothing
	// needs trimming.
	i := strings.LastIndexByte(s, '/')
	if i < 0 {
		return strings.TrimSpace(s)
	}
	j := strings.LastIndexByte(s[:i], '/')
	ns, typ := s[j+1:i], s[i+1:]
	tns, ttyp := strings.TrimSpace(ns), strings.TrimSpace(typ)
	if tns == ns && ttyp == typ {
		return s[j+1:]
	}
	return tns + "/" + ttyp
}

// Provider returns the mapping of a Terraform provider source, written
// short ("hashicorp/aws"), full ("registry.terraform.io/hashicorp/aws"), or
// as a bare type when only one known provider has it ("aws"). An unknown
// source is a *NotFoundError listing the known ones.
func (c *Catalog) Provider(source string) (*Provider, error) {
	key := NormalizeSource(source)
	if p, ok := c.providerBySrc[key]; ok {
		return p, nil
	}
	if !strings.Contains(key, "/") && key != "" {
		var match []*Provider
		for _, p := range c.providers {
			if _, typ, _ := strings.Cut(strings.ToLower(p.Source), "/"); typ == key {
				match = append(match, p)
			}
		}
		if len(match) == 1 {
			return match[0], nil
		}
	}
	known := make([]string, len(c.providers))
	for i, p := range c.providers {
		known[i] = p.Source
	}
	hint := i18n.M("catalogfile.hint.provider")
	return nil, &NotFoundError{What: "terraform provider", Name: source, Known: closestFirst(key, known),
		Hint: hint.String(), HintText: hint}
}

// OperatorIDs returns the operators a provider source can map to, in the
// order its rules try them.
func (p *Provider) OperatorIDs() []string {
	out := make([]string, 0, len(p.Operators))
	for _, r := range p.Operators {
		out = append(out, r.Operator)
	}
	return out
}

// ResolveOperator picks the operator of a provider configuration: the first
// rule whose condition holds for the attribute values get returns (get
// reports false for an attribute that is not set). It returns nil when no
// rule matches: the configuration matches no catalog operator.
func (c *Catalog) ResolveOperator(p *Provider, get func(attribute string) (string, bool)) (*Operator, *OperatorRule) {
	for i := range p.Operators {
		rule := &p.Operators[i]
		if w := rule.When; w != nil {
			v, ok := get(w.Attribute)
			if !ok {
				continue
			}
			if w.Equals != "" && !strings.EqualFold(strings.TrimSpace(v), w.Equals) {
				continue
			}
			if w.Matches != "" && !c.compiled[p].conditions[w].MatchString(v) {
				continue
			}
		}
		return c.operatorByID[rule.Operator], rule
	}
	return nil, nil
}

// Match is where a location value written in a configuration or plan
// points.
type Match struct {
	// Input is the value as written.
	Input string
	// Global is set when the value means "no single region" (e.g.
	// "global"); Region is then nil.
	Global bool
	// Region is the region or multi-region the value names.
	Region *Region
	// Zone is the input when it named a zone of Region.
	Zone string
	// Via says how the value was read, for evidence: "region code",
	// "display name", "zone of …", "rewritten by …".
	Via string
}

// Locate reads a location value for a provider: a region code, display name
// or alias, a zone, a path or URL that contains one, or a global value. It
// searches the regions of the given operators, in order (all the
// provider's operators, and the other entities of their brands, when none
// are given).
func (c *Catalog) Locate(p *Provider, operators []string, value string) (Match, bool) {
	explicit := len(operators) > 0
	if !explicit {
		operators = c.providerOperators(p)
	}
	m := Match{Input: value}
	v := strings.TrimSpace(value)
	if len(operators) > 0 && explicit {
		// An operator may give a global value a meaning of its own: for
		// S3NS, "global" is its single region.
		if r, via, ok := c.findIn(operators, v); ok {
			m.Region, m.Via = r, via
			return m, true
		}
	}
	for _, g := range p.GlobalValues {
		if strings.EqualFold(v, g) {
			m.Global, m.Via = true, "global location"
			return m, true
		}
	}
	cp := c.compiled[p]
	var chain, steps []string
	for depth := 0; depth < 4 && v != "" && !slices.Contains(chain, v); depth++ {
		chain = append(chain, v)
		if r, via, ok := c.findIn(operators, v); ok {
			m.Region = r
			m.Via = strings.Join(append(steps, via), ", ")
			// The zone is the last value read before the region that is
			// not a resource path.
			for i := len(chain) - 1; i >= 0 && (via == "zone" || len(steps) > 0); i-- {
				if normKey(chain[i]) != normKey(r.Code) && !strings.Contains(chain[i], "/") {
					m.Zone = chain[i]
					break
				}
			}
			return m, true
		}
		next := ""
		for i, re := range cp.zoneRules {
			if out := re.ReplaceAllString(v, p.ZoneRules[i].Replace); re.MatchString(v) && out != v {
				next = out
				steps = append(steps, fmt.Sprintf("%q read as %q", v, out))
				break
			}
		}
		v = next
	}
	return m, false
}

// findIn looks a value up among the regions, names and zones of operators.
func (c *Catalog) findIn(operators []string, v string) (*Region, string, bool) {
	k := normKey(v)
	for _, op := range operators {
		if r, ok := c.regionKeys[op][k]; ok {
			switch {
			case normKey(r.Code) == k:
				return r, "region code", true
			case normKey(r.DisplayName) == k:
				return r, "display name", true
			}
			return r, "alias", true
		}
	}
	for _, op := range operators {
		if r, ok := c.zoneKeys[op][k]; ok {
			return r, "zone", true
		}
	}
	return nil, "", false
}

// RegionInfo is everything the catalog says about one region of one
// provider.
type RegionInfo struct {
	Provider *Provider
	Operator *Operator
	Region   *Region
	// Zone is the zone the lookup named, empty when it named the region.
	Zone string
	EU   bool
	EEA  bool
	// Qualified is true when a SecNumCloud-qualified, unexpired offer
	// covers the region.
	Qualified bool
	Offers    []*Offer
}

// RegionOf looks up a region (or zone) of a Terraform provider source. An
// unknown provider, an unknown region, or a value that names no single
// region ("global") is an error that says what is known.
func (c *Catalog) RegionOf(source, region string) (*RegionInfo, error) {
	p, err := c.Provider(source)
	if err != nil {
		return nil, err
	}
	if p.NotLocated {
		return nil, fmt.Errorf("the resources of provider %q have no location: it has no regions", p.Source)
	}
	m, ok := c.Locate(p, nil, region)
	if !ok {
		var known []string
		for _, op := range c.providerOperators(p) {
			for _, r := range c.regions {
				if r.Operator == op {
					known = append(known, r.Code)
				}
			}
		}
		scope, hint := i18n.M("catalogfile.scope.provider", p.Source), i18n.M("catalogfile.hint.region")
		return nil, &NotFoundError{What: "region", Name: region, Scope: scope.String(), ScopeText: scope,
			Known: closestFirst(region, known), Hint: hint.String(), HintText: hint}
	}
	if m.Global {
		return nil, fmt.Errorf("%q is not a region of provider %q: it means a global, non-regional location", region, p.Source)
	}
	r := m.Region
	return &RegionInfo{
		Provider:  p,
		Operator:  c.operatorByID[r.Operator],
		Region:    r,
		Zone:      m.Zone,
		EU:        c.RegionInEU(r),
		EEA:       c.RegionInEEA(r),
		Qualified: c.RegionQualified(r),
		Offers:    c.OffersCovering(r),
	}, nil
}

// NonRegional reports whether a resource type of this provider is a
// non-regional service (IAM, DNS, CDN …), by the provider's type globs.
func (p *Provider) NonRegional(resourceType string) bool {
	return matchTypeGlobs(p.NonRegionalTypes, resourceType, false)
}

// matchTypeGlobs matches a resource type against type globs: the last glob
// that matches decides, one starting with "!" excluding; when none
// matches, the answer is otherwise.
func matchTypeGlobs(globs []string, resourceType string, otherwise bool) bool {
	matched := otherwise
	for _, g := range globs {
		neg := strings.HasPrefix(g, "!")
		if ok, _ := path.Match(strings.TrimPrefix(g, "!"), resourceType); ok {
			matched = !neg
		}
	}
	return matched
}

// providerOperators are the operators a provider source maps to, then the
// other legal entities of their brands: a configuration the rules give to
// one entity may name a region another entity of the brand runs.
func (c *Catalog) providerOperators(p *Provider) []string {
	var out []string
	for _, id := range p.OperatorIDs() {
		for _, op := range c.Brand(id) {
			if !slices.Contains(out, op) {
				out = append(out, op)
			}
		}
	}
	return out
}

// RegionsOf returns the regions of the operators a provider source maps to,
// and of the other entities of their brands.
func (c *Catalog) RegionsOf(p *Provider) []*Region {
	var out []*Region
	for _, op := range c.providerOperators(p) {
		for _, r := range c.regions {
			if r.Operator == op {
				out = append(out, r)
			}
		}
	}
	return out
}

// ProvidersOf returns the provider sources that can map to an operator,
// or to another legal entity of its brand (whose configurations may name
// the operator's regions).
func (c *Catalog) ProvidersOf(operator string) []string {
	brand := c.Brand(operator)
	var out []string
	for _, p := range c.providers {
		for _, r := range p.Operators {
			if slices.Contains(brand, r.Operator) {
				out = append(out, p.Source)
				break
			}
		}
	}
	return out
}

// OperatorQualified reports whether any of the operator's offers is
// SecNumCloud-qualified today.
func (c *Catalog) OperatorQualified(id string) bool {
	for _, o := range c.offers {
		if o.Operator == id && c.Qualified(o) {
			return true
		}
	}
	return false
}

// Extract applies an attribute's pattern to a value: the first capture
// group when the pattern matches, the value itself when there is no
// pattern, and false when the pattern does not match.
func (c *Catalog) Extract(p *Provider, a Attribute, value string) (string, bool) {
	if a.Pattern == "" {
		return value, true
	}
	m := c.compiled[p].patterns[a.Pattern].FindStringSubmatch(value)
	if len(m) < 2 || m[1] == "" {
		return "", false
	}
	return m[1], true
}

// AppliesTo reports whether the attribute applies to a resource type:
// to every type without Types; else the last glob that matches decides, a
// glob starting with "!" excluding, as in NonRegionalTypes. A list that
// starts with an exclusion applies to every type it does not exclude
// (["!numspot_bucket"]: every type but numspot_bucket).
func (a Attribute) AppliesTo(resourceType string) bool {
	if len(a.Types) == 0 {
		return true
	}
	return matchTypeGlobs(a.Types, resourceType, strings.HasPrefix(a.Types[0], "!"))
}
