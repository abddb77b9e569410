package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

// A comparison of the embedded catalog with the one it replaces: what an
// architect needs to see at a glance is which offers moved and which plan
// verdicts move with them.

// changes lists, as Markdown list items, how cur differs from prev: offers
// whose status, dates, decision or operator changed (before → after),
// offers added, replaced or removed, operators added or changed, and the
// regions whose SecNumCloud verdict or operator moved. Each catalog is
// judged on the clock of its own as_of date.
type changes struct {
	Offers, Operators, Providers, Verdicts []string
}

func compare(prev *catalog.Document, cur *catalog.Catalog) changes {
	prevNow := asOfTime(prev.AsOf)
	prevOps := map[string]*catalog.Operator{}
	for i := range prev.Operators {
		prevOps[prev.Operators[i].ID] = &prev.Operators[i]
	}
	return changes{
		Offers:    offerChanges(prev, cur, prevNow),
		Operators: operatorChanges(prev, cur, prevOps),
		Providers: providerChanges(prev, cur),
		Verdicts:  verdictChanges(prev, cur, prevNow, prevOps),
	}
}

// offerChanges lists the offers of cur that are new, that changed, or
// that replace offers of prev (listed in their replaces), then the offers
// of prev that are gone.
func offerChanges(prev *catalog.Document, cur *catalog.Catalog, prevNow time.Time) []string {
	var out []string
	prevOffers := map[string]*catalog.Offer{}
	for i := range prev.Offers {
		prevOffers[prev.Offers[i].ID] = &prev.Offers[i]
	}
	matched := map[string]bool{}
	for _, o := range cur.Offers() {
		var before []*catalog.Offer
		for _, id := range append([]string{o.ID}, o.Replaces...) {
			if p, ok := prevOffers[id]; ok {
				before = append(before, p)
				matched[id] = true
			}
		}
		if line := offerChange(cur, o, before, prevNow); line != "" {
			out = append(out, line)
		}
	}
	for _, p := range prev.Offers {
		if !matched[p.ID] {
			out = append(out, fmt.Sprintf("`%s` (%s): removed; it was %s.", p.ID, p.Name, describe(&p, catalog.StandingAt(&p, prevNow))))
		}
	}
	return out
}

// offerChange says how offer o of cur differs from before, the offers of
// the previous catalog with its id or that it replaces: "" when it is
// the same offer, unchanged.
func offerChange(cur *catalog.Catalog, o *catalog.Offer, before []*catalog.Offer, prevNow time.Time) string {
	after := describe(o, cur.Standing(o))
	var same *catalog.Offer
	var replaced []string
	for _, b := range before {
		if b.ID == o.ID {
			same = b
			continue
		}
		replaced = append(replaced, fmt.Sprintf("`%s` (%s)", b.ID, describe(b, catalog.StandingAt(b, prevNow))))
	}
	switch {
	case len(before) == 0:
		return fmt.Sprintf("`%s` (%s, `%s`): new offer, %s.", o.ID, o.Name, o.Operator, after)
	case same != nil:
		diff := offerDiff(same, o, catalog.StandingAt(same, prevNow), cur.Standing(o))
		if len(replaced) > 0 {
			diff = strings.TrimPrefix(diff+"; absorbs "+strings.Join(replaced, " and "), "; ")
		}
		if diff == "" {
			return ""
		}
		return fmt.Sprintf("`%s` (%s): %s.", o.ID, o.Name, diff)
	}
	return fmt.Sprintf("`%s` (%s, `%s`) replaces %s: now %s.", o.ID, o.Name, o.Operator, strings.Join(replaced, " and "), after)
}

// operatorChanges lists the operators added, changed (the legal entity
// and its jurisdiction) and removed.
func operatorChanges(prev *catalog.Document, cur *catalog.Catalog, prevOps map[string]*catalog.Operator) []string {
	var out []string
	for _, o := range cur.Operators() {
		p, ok := prevOps[o.ID]
		if !ok {
			out = append(out, fmt.Sprintf("`%s` added: %s, %s, extraterritorial exposure %s.", o.ID, legal(o), o.Country, exposure(o.ExtraterritorialExposure)))
			continue
		}
		var d []string
		if p.LegalName != o.LegalName {
			d = append(d, fmt.Sprintf("legal name %s → %s", orNone(p.LegalName), orNone(o.LegalName)))
		}
		if p.Country != o.Country || p.ParentJurisdiction != o.ParentJurisdiction {
			d = append(d, fmt.Sprintf("country / parent jurisdiction %s / %s → %s / %s", p.Country, orNone(p.ParentJurisdiction), o.Country, orNone(o.ParentJurisdiction)))
		}
		if exposure(p.ExtraterritorialExposure) != exposure(o.ExtraterritorialExposure) {
			d = append(d, fmt.Sprintf("extraterritorial exposure %s → %s", exposure(p.ExtraterritorialExposure), exposure(o.ExtraterritorialExposure)))
		}
		if len(d) > 0 {
			out = append(out, fmt.Sprintf("`%s`: %s.", o.ID, strings.Join(d, "; ")))
		}
	}
	for _, p := range prev.Operators {
		if _, err := cur.Operator(p.ID); err != nil {
			out = append(out, fmt.Sprintf("`%s` (%s) removed.", p.ID, p.Name))
		}
	}
	return out
}

// providerChanges lists the Terraform provider mappings whose operator
// rules changed: which entity a configuration reaches.
func providerChanges(prev *catalog.Document, cur *catalog.Catalog) []string {
	var out []string
	prevProviders := map[string]*catalog.Provider{}
	for i := range prev.Providers {
		prevProviders[strings.ToLower(prev.Providers[i].Source)] = &prev.Providers[i]
	}
	for _, p := range cur.Providers() {
		was, ok := prevProviders[strings.ToLower(p.Source)]
		if !ok {
			continue
		}
		if a, b := operatorRules(was), operatorRules(p); a != b {
			out = append(out, fmt.Sprintf("`%s`: %s → %s.", p.Source, a, b))
		}
	}
	return out
}

// verdictChanges lists, region by region, what moved: what a level
// requiring SecNumCloud gets, and which legal entity (and so which
// jurisdiction) a region is under. A new region is listed when it is
// qualified.
func verdictChanges(prev *catalog.Document, cur *catalog.Catalog, prevNow time.Time, prevOps map[string]*catalog.Operator) []string {
	var out []string
	prevVerdict := regionVerdicts(prev, prevNow)
	prevRegion := map[string]*catalog.Region{}
	for i := range prev.Regions {
		r := &prev.Regions[i]
		prevRegion[key(r.Operator, r.Code)] = r
	}
	for _, r := range cur.Regions() {
		now := curVerdict(cur, r)
		// The same code under this operator before, or under another
		// entity of its brand (a region moved to its legal entity).
		var was *catalog.Region
		for _, op := range cur.Brand(r.Operator) {
			if p, ok := prevRegion[key(op, r.Code)]; ok {
				was = p
				break
			}
		}
		where := fmt.Sprintf("`%s/%s`", r.Operator, r.Code)
		if was == nil {
			if now.standing == catalog.StandingQualified {
				out = append(out, fmt.Sprintf("%s (new region): %s.", where, now))
			}
			continue
		}
		if d := regionChange(cur, r, was, prevVerdict[key(was.Operator, was.Code)], now, prevOps); len(d) > 0 {
			out = append(out, fmt.Sprintf("%s: %s.", where, strings.Join(d, "; ")))
		}
	}
	return out
}

// regionChange says what moved for region r of cur, was before: its
// operator (with the extraterritorial exposure when that moved too), and
// the verdict at a level requiring SecNumCloud.
func regionChange(cur *catalog.Catalog, r, was *catalog.Region, before, now verdict, prevOps map[string]*catalog.Operator) []string {
	var d []string
	if was.Operator != r.Operator {
		prevOp := prevOps[was.Operator]
		curOp, _ := cur.Operator(r.Operator)
		line := fmt.Sprintf("operator `%s` → `%s`", was.Operator, r.Operator)
		if prevOp != nil && curOp != nil && exposure(prevOp.ExtraterritorialExposure) != exposure(curOp.ExtraterritorialExposure) {
			line += fmt.Sprintf(" (extraterritorial exposure %s → %s)", exposure(prevOp.ExtraterritorialExposure), exposure(curOp.ExtraterritorialExposure))
		}
		d = append(d, line)
	}
	if before.standing != now.standing {
		d = append(d, fmt.Sprintf("at a level requiring SecNumCloud, %s → %s", before, now))
	}
	return d
}

// verdict is what a level requiring SecNumCloud gets in a region: the
// best standing of the offers covering it, and that offer.
type verdict struct {
	standing catalog.Standing
	offer    *catalog.Offer
}

func (v verdict) String() string {
	switch v.standing {
	case catalog.StandingQualified:
		return fmt.Sprintf("qualified (`%s`)", v.offer.ID)
	case catalog.StandingExpired:
		return fmt.Sprintf("expired on %s, renewal not recorded (`%s`)", v.offer.ExpiresOn, v.offer.ID)
	case catalog.StandingUnconfirmed:
		return fmt.Sprintf("qualified (unconfirmed) (`%s`), which satisfies no requirement", v.offer.ID)
	case catalog.StandingPending:
		return fmt.Sprintf("pending at %s (`%s`)", v.offer.Status, v.offer.ID)
	case catalog.StandingUnknown:
		return fmt.Sprintf("unknown (`%s`)", v.offer.ID)
	}
	return "not qualified"
}

// rank orders standings from the one that satisfies a requirement to the
// ones that are furthest from it.
var rank = map[catalog.Standing]int{
	catalog.StandingQualified: 0, catalog.StandingPending: 1, catalog.StandingExpired: 2,
	catalog.StandingUnconfirmed: 3, catalog.StandingUnknown: 4, catalog.StandingNone: 5,
}

func better(v verdict, o *catalog.Offer, s catalog.Standing) verdict {
	if v.offer == nil || rank[s] < rank[v.standing] {
		return verdict{standing: s, offer: o}
	}
	return v
}

func curVerdict(c *catalog.Catalog, r *catalog.Region) verdict {
	v := verdict{standing: catalog.StandingNone}
	for _, o := range c.OffersCovering(r) {
		v = better(v, o, c.Standing(o))
	}
	return v
}

// regionVerdicts works out, for a document that need not be a valid
// catalog any more, the verdict of every region.
func regionVerdicts(d *catalog.Document, now time.Time) map[string]verdict {
	out := map[string]verdict{}
	for i := range d.Offers {
		o := &d.Offers[i]
		op := o.Operator
		if o.RegionsOf != "" {
			op = o.RegionsOf
		}
		s := catalog.StandingAt(o, now)
		for _, code := range o.Regions {
			for _, r := range d.Regions {
				if r.Operator == op && (code == "*" || key(op, code) == key(r.Operator, r.Code)) {
					k := key(r.Operator, r.Code)
					out[k] = better(out[k], o, s)
				}
			}
		}
	}
	for _, r := range d.Regions {
		if _, ok := out[key(r.Operator, r.Code)]; !ok {
			out[key(r.Operator, r.Code)] = verdict{standing: catalog.StandingNone}
		}
	}
	return out
}

func key(operator, code string) string {
	return operator + "/" + strings.ToLower(strings.TrimSpace(code))
}

// offerDiff says how an offer changed, with the standing each catalog gave
// it on its own date; empty when nothing that decides a verdict changed.
func offerDiff(p, o *catalog.Offer, ps, os catalog.Standing) string {
	var d []string
	field := func(name, a, b string) {
		if a != b {
			d = append(d, fmt.Sprintf("%s %s → %s", name, orNone(a), orNone(b)))
		}
	}
	field("status", string(p.Status), string(o.Status))
	field("operator", p.Operator, o.Operator)
	field("qualified on", p.QualifiedOn, o.QualifiedOn)
	field("expires on", p.ExpiresOn, o.ExpiresOn)
	field("decision", p.Decision, o.Decision)
	for _, m := range []string{"J0", "J1", "J2"} {
		field(m, p.Milestones[m], o.Milestones[m])
	}
	if p.Unverified != o.Unverified {
		d = append(d, fmt.Sprintf("unverified %v → %v", p.Unverified, o.Unverified))
	}
	if !slices.Equal(p.Regions, o.Regions) {
		d = append(d, fmt.Sprintf("regions %s → %s", codes(p.Regions), codes(o.Regions)))
	}
	if len(d) == 0 && ps == os {
		return ""
	}
	if ps != os {
		d = append(d, fmt.Sprintf("standing %s → %s", standingText(p, ps), standingText(o, os)))
	}
	return strings.Join(d, "; ")
}

// describe is an offer's standing in words; its status when the standing
// adds nothing to it.
func describe(o *catalog.Offer, s catalog.Standing) string {
	switch s {
	case catalog.StandingQualified, catalog.StandingNone, catalog.StandingUnknown:
		return string(o.Status)
	}
	return standingText(o, s)
}

// standingText is a standing in words, with the date that explains it.
func standingText(o *catalog.Offer, s catalog.Standing) string {
	switch s {
	case catalog.StandingExpired:
		return "expired on " + o.ExpiresOn + ", renewal not recorded"
	case catalog.StandingUnconfirmed:
		return "qualified (unconfirmed)"
	case catalog.StandingPending:
		return "pending (" + string(o.Status) + ")"
	}
	return string(s)
}

// operatorRules writes a provider's operator rules in the order they are
// tried.
func operatorRules(p *catalog.Provider) string {
	var out []string
	for _, r := range p.Operators {
		s := "`" + r.Operator + "`"
		if w := r.When; w != nil {
			cond := "= `" + w.Equals + "`"
			if w.Matches != "" {
				cond = "~ `" + w.Matches + "`"
			}
			s += fmt.Sprintf(" when `%s` %s", w.Attribute, cond)
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return "no operator"
	}
	return strings.Join(out, ", then ")
}

func codes(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return "`" + strings.Join(list, "`, `") + "`"
}

func legal(o *catalog.Operator) string {
	if o.LegalName != "" {
		return o.LegalName
	}
	return o.Name
}

func exposure(b *bool) string {
	switch {
	case b == nil:
		return "unknown"
	case *b:
		return "yes"
	}
	return "no"
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// asOfTime is the instant a catalog's facts are judged at: the start of its
// as_of day, UTC. A catalog without a valid date is judged at the zero
// time, where nothing has expired.
func asOfTime(asOf string) time.Time {
	t, err := time.Parse(time.DateOnly, asOf)
	if err != nil {
		return time.Time{}
	}
	return t
}
