// Command catalogdoc writes the catalog coverage guide (a tfplugindocs
// template) from the embedded catalog, so the documentation cannot drift
// from the data. `make docs` runs it.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

func main() {
	c, err := catalog.Default()
	if err != nil {
		fmt.Fprintln(os.Stderr, "catalogdoc:", err)
		os.Exit(2)
	}
	write(os.Stdout, c)
}

func write(w io.Writer, c *catalog.Catalog) {
	p := func(format string, args ...any) { _, _ = fmt.Fprintf(w, format, args...) }
	regions := map[string]int{}
	unverifiedRegions := 0
	for _, r := range c.Regions() {
		regions[r.Operator]++
		if r.Unverified {
			unverifiedRegions++
		}
	}
	p("---\npage_title: \"The trustcloud catalog: coverage and sources\"\nsubcategory: \"\"\ndescription: |-\n  What the embedded catalog knows: operators, offers and their SecNumCloud status, regions, Terraform provider mappings, and the sources of every fact.\n---\n\n")
	p("# The trustcloud catalog\n\n")
	p("This page is generated from the embedded catalog (version `%s`, facts as of **%s**) by `make docs`.\n", c.Version, c.AsOf)
	p("It holds %d operators, %d offers, %d regions (%d of them marked unverified), %d Terraform provider mappings and %d sources.\n\n",
		len(c.Operators()), len(c.Offers()), len(c.Regions()), unverifiedRegions, len(c.Providers()), len(c.Sources()))
	p("Every entry points at its sources. **Unverified** marks a fact that could not be confirmed from a source read when the catalog was compiled: treat it as a lead, not as data. ")
	p("The authoritative list of SecNumCloud qualifications is the ANSSI catalogue of qualified products and services; check it before relying on a `qualified` status.\n\n")
	p("A catalog file (`catalog_file` in the provider) adds entries or replaces entries with the same key (id; operator and code for regions; source for Terraform providers). It is validated like the embedded catalog, and its errors name the file and the JSON path.\n\n")

	p("## Operators\n\n| id | name | country | parent jurisdiction | extraterritorial exposure | Terraform providers | regions |\n|---|---|---|---|---|---|---|\n")
	for _, o := range c.Operators() {
		exp := "unknown"
		if o.ExtraterritorialExposure != nil {
			exp = map[bool]string{true: "yes", false: "no"}[*o.ExtraterritorialExposure]
			if len(o.ExtraterritorialLaws) > 0 {
				exp += " (" + strings.Join(o.ExtraterritorialLaws, "; ") + ")"
			}
		}
		p("| `%s` | %s%s | %s | %s | %s | %s | %d |\n", o.ID, o.Name, unverified(o.Unverified), o.Country, orDash(o.ParentJurisdiction), exp,
			orDash(codeList(c.ProvidersOf(o.ID))), regions[o.ID])
	}

	p("\n## Offers\n\n| id | operator | name | model | status | version | qualified on | expires on | regions | sources |\n|---|---|---|---|---|---|---|---|---|---|\n")
	for _, o := range c.Offers() {
		p("| `%s` | `%s` | %s%s | %s | **%s** | %s | %s | %s | %s | %s |\n", o.ID, o.Operator, o.Name, unverified(o.Unverified), orDash(o.Model), o.Status,
			orDash(o.Version), orDash(o.QualifiedOn), orDash(o.ExpiresOn), regionList(o), strings.Join(o.SourceIDs, ", "))
	}

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
				s += fmt.Sprintf(" when `%s` = `%s`", r.When.Attribute, cond)
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

	p("\n## Sources\n\n| id | title | date |\n|---|---|---|\n")
	for _, s := range c.Sources() {
		title := s.Title
		if s.URL != "" {
			title = "[" + s.Title + "](" + s.URL + ")"
		}
		p("| %s | %s | %s |\n", s.ID, strings.ReplaceAll(title, "|", "\\|"), orDash(s.Date))
	}
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
