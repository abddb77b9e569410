// Command catalogdoc writes the catalog coverage guide (a tfplugindocs
// template) from the embedded catalog, so the documentation cannot drift
// from the data. `make docs` runs it.
//
// The guide judges every offer on the clock of the catalog's own as_of
// date, not on the day it is generated, so the same catalog always gives
// the same file. It also compares the catalog with the previous embedded
// one (data/previous-catalog.json, the catalog this version replaced) and
// says which verdicts moved.
package main

import (
	_ "embed"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

// previous is the embedded catalog this version replaced, kept as it was
// shipped. It is only parsed, not validated: it need not meet the rules of
// the current format.
//
//go:embed data/previous-catalog.json
var previous []byte

// warnWindow is the default warning window of the expiring-qualification
// finding.
const warnWindow = 60 * 24 * time.Hour

func main() {
	c, err := catalog.Default()
	if err != nil {
		fmt.Fprintln(os.Stderr, "catalogdoc:", err)
		os.Exit(2)
	}
	prev, err := catalog.Parse("data/previous-catalog.json", previous)
	if err != nil {
		fmt.Fprintln(os.Stderr, "catalogdoc:", err)
		os.Exit(2)
	}
	write(os.Stdout, c, prev)
}

func write(w io.Writer, c *catalog.Catalog, prev *catalog.Document) {
	p := func(format string, args ...any) { _, _ = fmt.Fprintf(w, format, args...) }
	asOf := asOfTime(c.AsOf)
	c = c.WithClock(func() time.Time { return asOf })
	regions := map[string]int{}
	unverifiedRegions := 0
	for _, r := range c.Regions() {
		regions[r.Operator]++
		if r.Unverified {
			unverifiedRegions++
		}
	}
	writeIntro(p, c, unverifiedRegions)
	writeChanges(p, prev, compare(prev, c))
	writeAudit(w)
	writeOperators(p, c, regions)
	writeOffers(p, c)
	writeRegions(p, c, regions)
	writeProviders(p, c)
	writeTypes(p, c)
	writeSources(p, c)
}

// writeIntro writes the page's front matter and what the catalog holds,
// how to read it and how to extend it.
func writeIntro(p func(string, ...any), c *catalog.Catalog, unverifiedRegions int) {
	p("---\npage_title: \"The trustcloud catalog: coverage and sources\"\nsubcategory: \"\"\ndescription: |-\n  What the embedded catalog knows: operators, offers and their SecNumCloud status, regions, Terraform provider mappings, and the sources of every fact.\n---\n\n")
	p("# The trustcloud catalog\n\n")
	p("This page is generated from the embedded catalog (version `%s`, facts as of **%s**) by `make docs`.\n", c.Version, c.AsOf)
	if c.AnssiEdition != "" {
		p("Its SecNumCloud statuses reflect the **%s** edition of the ANSSI catalogue of qualified services: what ANSSI decided after that edition is not in it.\n", c.AnssiEdition)
	}
	p("It holds %d operators, %d offers, %d regions (%d of them marked unverified), %d Terraform provider mappings and %d sources.\n\n",
		len(c.Operators()), len(c.Offers()), len(c.Regions()), unverifiedRegions, len(c.Providers()), len(c.Sources()))
	p("Every entry points at its sources. **Unverified** marks a fact that rests on a secondary source only, or a record that lacks what ANSSI publishes: treat it as a lead, not as data. ")
	p("A qualified offer marked unverified is **qualified (unconfirmed)**: it never satisfies a SecNumCloud requirement. ")
	p("The authoritative list of SecNumCloud qualifications is the ANSSI catalogue of qualified products and services; check it before relying on a `qualified` status.\n\n")
	p("**Standing** is what a status means on a given day: a qualification past its `expires_on` with no renewal recorded is *expired*. ")
	p("On this page every standing is computed on the catalog's as_of date (%s), not on the day you read it, so that the page only changes when the catalog does; `trustcloud check` uses the clock of the run. ", c.AsOf)
	p("*Expires soon* marks a qualification that ends within %d days of that date, the default warning window.\n\n", int(warnWindow.Hours()/24))
	p("A catalog file (`catalog_file` in the provider) adds entries or replaces entries with the same key (id; operator and code for regions; source for Terraform providers). It is validated like the embedded catalog, and its errors name the file and the JSON path.\n\n")
}

// writeChanges writes how the catalog differs from the previous one,
// section by section.
func writeChanges(p func(string, ...any), prev *catalog.Document, ch changes) {
	p("## What changed since the previous catalog\n\n")
	p("Compared with the previous embedded catalog (version `%s`, facts as of %s), each judged on its own as_of date.\n\n", prev.Version, prev.AsOf)
	list := func(title string, items []string) {
		p("### %s\n\n", title)
		if len(items) == 0 {
			p("None.\n\n")
			return
		}
		for _, it := range items {
			p("- %s\n", it)
		}
		p("\n")
	}
	list("Offers: status, dates, decision, operator", ch.Offers)
	list("Verdicts that flip, region by region", ch.Verdicts)
	list("Operators: legal entities and jurisdiction", ch.Operators)
	list("Terraform provider mappings: which entity a configuration reaches", ch.Providers)
}

// writeOperators writes the table of operators, regions[id] the number of
// regions of each.
func writeOperators(p func(string, ...any), c *catalog.Catalog, regions map[string]int) {
	p("## Operators\n\nAn operator is a legal entity: its jurisdiction is what applies to the data. Entities that sell under one brand share a **brand**.\n\n")
	p("| id | name | brand | legal name | country | parent jurisdiction | extraterritorial exposure | Terraform providers | regions |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, o := range c.Operators() {
		exp := "unknown"
		if o.ExtraterritorialExposure != nil {
			exp = map[bool]string{true: "yes", false: "no"}[*o.ExtraterritorialExposure]
			if len(o.ExtraterritorialLaws) > 0 {
				exp += " (" + strings.Join(o.ExtraterritorialLaws, "; ") + ")"
			}
		}
		p("| `%s` | %s%s | %s | %s | %s | %s | %s | %s | %d |\n", o.ID, o.Name, unverified(o.Unverified), orDash(o.Brand), orDash(o.LegalName), o.Country, orDash(o.ParentJurisdiction), exp,
			orDash(codeList(c.ProvidersOf(o.ID))), regions[o.ID])
	}
}

// writeOffers writes the table of offers, their standing on the
// catalog's as_of date, then their notes.
func writeOffers(p func(string, ...any), c *catalog.Catalog) {
	p("\n## Offers\n\n")
	p("| id | operator | name | model | status | standing on %s | qualified on | expires on | ANSSI decision | ANSSI edition | perimeter | regions | unverified | sources |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n", c.AsOf)
	for _, o := range c.Offers() {
		p("| `%s` | `%s` | %s | %s | **%s** | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", o.ID, o.Operator, orDash(o.Name), orDash(o.Model), statusText(o),
			standingCell(c, o), orDash(o.QualifiedOn), orDash(o.ExpiresOn), orDash(o.Decision), orDash(o.Edition), perimeterCell(o), regionList(o),
			unverifiedCell(c, o), strings.Join(o.SourceIDs, ", "))
	}
	p("\n### Notes on the offers\n\n")
	for _, o := range c.Offers() {
		if o.Notes != "" {
			p("- `%s`: %s\n", o.ID, o.Notes)
		}
	}
}

// writeRegions writes a table of regions per operator, the operators
// (the keys of regions) in order.
func writeRegions(p func(string, ...any), c *catalog.Catalog, regions map[string]int) {
	p("\n## Regions\n\n")
	ops := make([]string, 0, len(regions))
	for op := range regions {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	for _, op := range ops {
		p("### %s\n\n| code | city | country | EU | EEA | SecNumCloud | zones | sources |\n|---|---|---|---|---|---|---|---|\n", op)
		for _, r := range c.Regions() {
			if r.Operator != op {
				continue
			}
			name := "`" + r.Code + "`"
			if r.DisplayName != "" {
				name += " (" + r.DisplayName + ")"
			}
			if r.IsMulti() {
				name += " multi-region"
			}
			p("| %s%s | %s | %s | %s | %s | %s | %s | %s |\n", name, unverified(r.Unverified), orDash(r.City), strings.Join(r.CountryList(), ", "),
				yes(c.RegionInEU(r)), yes(c.RegionInEEA(r)), yes(c.RegionQualified(r)), orDash(strings.Join(r.Zones, ", ")), strings.Join(r.SourceIDs, ", "))
		}
		p("\n")
	}
}

// writeProviders writes the table of Terraform provider mappings: the
// operator rules, tried in order, and the location attributes.
func writeProviders(p func(string, ...any), c *catalog.Catalog) {
	p("## Terraform providers\n\n| source | operators | provider-block location | resource location | non-regional types |\n|---|---|---|---|---|\n")
	for _, tp := range c.Providers() {
		var rules []string
		for _, r := range tp.Operators {
			s := "`" + r.Operator + "`"
			if r.When != nil {
				cond := r.When.Equals
				if cond == "" {
					cond = "~ " + r.When.Matches
				}
				s += fmt.Sprintf(" when `%s` = `%s`", r.When.Attribute, strings.ReplaceAll(cond, "|", "\\|"))
			}
			rules = append(rules, s)
		}
		ops := strings.Join(rules, ", then ")
		if tp.NotLocated {
			ops = "none: its resources have no location"
		}
		if tp.DefaultRegion != "" {
			ops += fmt.Sprintf(" (always region `%s`)", tp.DefaultRegion)
		}
		p("| `%s`%s | %s | %s | %s | %s |\n", tp.Source, unverified(tp.Unverified), ops, attrList(tp.ProviderAttributes), attrList(tp.ResourceAttributes),
			orDash(codeList(tp.NonRegionalTypes)))
	}
}

// writeSources writes the table of sources.
func writeSources(p func(string, ...any), c *catalog.Catalog) {
	p("\n## Sources\n\n| id | title | date |\n|---|---|---|\n")
	for _, s := range c.Sources() {
		title := s.Title
		if s.URL != "" {
			title = "[" + s.Title + "](" + s.URL + ")"
		}
		p("| %s | %s | %s |\n", s.ID, strings.ReplaceAll(title, "|", "\\|"), orDash(s.Date))
	}
}

// writeTypes summarises the type tables generated from the providers'
// metadata: types per scope and data flows per flow, by provider source.
func writeTypes(p func(string, ...any), c *catalog.Catalog) {
	p("\n## Type scopes and data flows\n\n")
	p("Generated from the providers' own metadata (`internal/catalog/metadata`, repositories and commits in its `SOURCES.md`) by `make catalog`. " +
		"A type's scope says where its resources live; its data flows, where their data also goes (TC006). A catalog file extends or overrides both, type by type (`type_scopes`, `data_flows`); " +
		"the \"non-regional types\" above apply only to types without a row.\n\n")
	scopes := map[string]map[string]int{}
	var sources []string
	for _, t := range c.TypeScopes() {
		if scopes[t.Source] == nil {
			scopes[t.Source] = map[string]int{}
			sources = append(sources, t.Source)
		}
		scopes[t.Source][t.Scope]++
	}
	sort.Strings(sources)
	head := "| source | types |"
	sep := "|---|---|"
	for _, sc := range catalog.Scopes {
		head += " " + sc + " |"
		sep += "---|"
	}
	p("%s data flows |\n%s---|\n", head, sep)
	for _, src := range sources {
		total := 0
		for _, n := range scopes[src] {
			total += n
		}
		row := fmt.Sprintf("| `%s` | %d |", src, total)
		for _, sc := range catalog.Scopes {
			row += fmt.Sprintf(" %d |", scopes[src][sc])
		}
		pr, err := c.Provider(src)
		n := 0
		if err == nil {
			n = c.CountDataFlows(pr)
		}
		p("%s %d |\n", row, n)
	}
}

// writeAudit renders catalog.AuditRows: what the catalog did with each
// finding of the audit of December 2026.
func writeAudit(w io.Writer) {
	p := func(format string, args ...any) { _, _ = fmt.Fprintf(w, format, args...) }
	p("## Audit of December 2026, row by row\n\n")
	p("An audit dated %s checked the previous catalog fact by fact against the ANSSI catalogue, the press and public code. ", catalog.AuditDate)
	p("The table lists every row it found contradicted, stale, unverified or missing, and the confirmed rows this catalog departs from, with what the catalog did about each. ")
	p("For a contradicted, stale or missing row, **applied** means the catalog now records the fact the audit gives, **partly applied** that it records part of it, **not applied** that it records none of it; the note says what is recorded, or why not. ")
	p("For an unverified row, **applied** means the catalog marks the fact as unverified where it is recorded (a flag, or a note where the fact has no flag) and no verdict rests on it alone; **partly applied** means the mark is a note although the entry has a flag, or a verdict still rests on the fact. ")
	p("The test suite checks every applied and partly applied row against the catalog.\n\n")
	count := map[catalog.Resolution]int{}
	for _, r := range catalog.AuditRows {
		count[r.Resolution]++
	}
	p("%d rows: %d applied, %d partly applied, %d not applied.\n\n", len(catalog.AuditRows),
		count[catalog.ResolutionApplied], count[catalog.ResolutionPartlyApplied], count[catalog.ResolutionNotApplied])
	p("| row | verdict | subject | resolution | note |\n|---|---|---|---|---|\n")
	for _, r := range catalog.AuditRows {
		p("| %s | %s | %s | %s | %s |\n", r.ID, r.Verdict, orDash(r.Subject), r.Resolution, orDash(r.Note))
	}
	p("\n")
}

// statusText is the status with the milestone dates a pending offer has
// reached.
func statusText(o *catalog.Offer) string {
	s := string(o.Status)
	var ms []string
	for _, m := range []string{"J0", "J1", "J2"} {
		if d := o.Milestones[m]; d != "" {
			ms = append(ms, m+" "+d)
		}
	}
	if len(ms) > 0 {
		s += " (" + strings.Join(ms, ", ") + ")"
	}
	return s
}

// standingCell is the offer's standing on the catalog's clock, with the
// date that explains it.
func standingCell(c *catalog.Catalog, o *catalog.Offer) string {
	st := c.Standing(o)
	switch st {
	case catalog.StandingQualified:
		if end, soon := c.ExpiresWithin(o, warnWindow); soon {
			days := int(end.Sub(c.Now()).Hours() / 24)
			return fmt.Sprintf("qualified, **expires soon** (in %d days), no renewal recorded", days)
		}
		return "qualified"
	case catalog.StandingExpired:
		return "**expired** on " + o.ExpiresOn + ", renewal not recorded"
	case catalog.StandingUnconfirmed:
		return "qualified (unconfirmed)"
	case catalog.StandingPending:
		return "pending (" + string(o.Status) + ")"
	}
	return string(st)
}

// unverifiedCell says what about an offer rests on secondary sources.
func unverifiedCell(c *catalog.Catalog, o *catalog.Offer) string {
	var out []string
	if o.Unverified {
		if o.Status == catalog.StatusQualified {
			out = append(out, "the qualification record (see notes)")
		} else {
			out = append(out, "the status")
		}
	}
	n := 0
	for _, code := range o.Regions {
		for _, r := range c.Regions() {
			if r.Operator == o.RegionOperator() && (code == "*" || strings.EqualFold(r.Code, code)) && r.Unverified {
				n++
			}
		}
	}
	if n > 0 {
		out = append(out, fmt.Sprintf("%d region(s)", n))
	}
	return orDash(strings.Join(out, "; "))
}

func unverified(b bool) string {
	if b {
		return " *(unverified)*"
	}
	return ""
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return strings.ReplaceAll(s, "|", "\\|")
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func codeList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = "`" + s + "`"
	}
	return strings.Join(out, ", ")
}

func regionList(o *catalog.Offer) string {
	if len(o.Regions) == 0 {
		return "not mapped to region codes"
	}
	s := codeList(o.Regions)
	if len(o.Regions) == 1 && o.Regions[0] == "*" {
		s = "all"
	}
	if o.RegionsOf != "" {
		s += " (regions of `" + o.RegionsOf + "`)"
	}
	return s
}

func attrList(as []catalog.Attribute) string {
	out := make([]string, 0, len(as))
	for _, a := range as {
		s := "`" + a.Path + "`"
		if len(a.Types) > 0 {
			s += " (" + strings.Join(a.Types, ", ") + ")"
		}
		if a.Role == "replica" {
			s += " replica"
		}
		out = append(out, s)
	}
	return orDash(strings.Join(out, ", "))
}

// perimeterCell is the perimeter ANSSI names and, when the catalog narrows
// the offer to some resource types, those types: the others are not
// covered.
func perimeterCell(o *catalog.Offer) string {
	if len(o.ResourceTypes) == 0 {
		return orDash(o.Perimeter)
	}
	return orDash(o.Perimeter) + "; covers only the resource types " + codeList(o.ResourceTypes)
}
