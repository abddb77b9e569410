package cli

import (
	"flag"
	"fmt"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/report"
)

func (e *env) catalog(args []string) error {
	fs := flag.NewFlagSet("catalog", flag.ContinueOnError)
	catalogFile := fs.String("catalog", "", "catalog file (JSON) merged over the embedded catalog")
	format := fs.String("format", "text", "output format: text or json")
	operator := fs.String("operator", "", "only this operator (offers, regions)")
	provider := fs.String("provider", "", "only the regions or types of this Terraform provider source (regions, types)")
	typeGlob := fs.String("type", "", "only the resource types matching this glob, data sources as data.TYPE (types)")
	scope := fs.String("scope", "", "only the types of this scope (types): "+strings.Join(catalog.Scopes, ", "))
	country := fs.String("country", "", "only this ISO country code (operators, regions)")
	status := fs.String("status", "", "only this SecNumCloud status (offers): qualified, J0, J1, J2, in_progress, unknown, none")
	standing := fs.String("standing", "", "only this standing today (offers): qualified, unconfirmed, expired, pending, unknown, none")
	expiring := fs.String("expiring", "", "only qualified offers that expire within DURATION of today (offers): 90d, 12w, 2160h")
	euOnly := fs.Bool("eu-only", false, "only regions in the EU (regions)")
	sncOnly := fs.Bool("secnumcloud-only", false, "only SecNumCloud-qualified regions or operators")
	positional, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(positional) != 1 {
		return usage("cli.catalog_what")
	}
	if *format != "text" && *format != "json" {
		return usage("cli.unknown_format_text_json", "catalog", *format)
	}
	c, err := catalog.Load(*catalogFile)
	if err != nil {
		return err
	}
	if *operator != "" {
		op, err := c.Operator(*operator)
		if err != nil {
			return err
		}
		*operator = op.ID
	}
	*country = strings.ToUpper(*country)
	if *country != "" && !catalog.ValidCountry(*country) {
		return usage("cli.catalog_country", *country)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	defer tw.Flush()
	switch positional[0] {
	case "providers":
		list := c.Providers()
		if *format == "json" {
			return report.WriteJSON(e.stdout, list)
		}
		fmt.Fprintln(tw, "SOURCE\tOPERATORS\tLOCATION IN PROVIDER BLOCK\tLOCATION ON RESOURCES")
		for _, p := range list {
			ops := strings.Join(p.OperatorIDs(), ", ")
			if p.NotLocated {
				ops = "(no location)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", p.Source, orDash(ops), orDash(attrPaths(p.ProviderAttributes)), orDash(attrPaths(p.ResourceAttributes)))
		}
	case "operators":
		var list []*catalog.Operator
		for _, o := range c.Operators() {
			if (*country == "" || o.Country == *country) && (!*sncOnly || c.OperatorQualified(o.ID)) {
				list = append(list, o)
			}
		}
		if *format == "json" {
			return report.WriteJSON(e.stdout, list)
		}
		fmt.Fprintln(tw, "ID\tNAME\tCOUNTRY\tEXTRATERRITORIAL EXPOSURE\tSECNUMCLOUD")
		for _, o := range list {
			exp := "unknown"
			if o.ExtraterritorialExposure != nil {
				exp = yesNo(*o.ExtraterritorialExposure)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", o.ID, o.Name, o.Country, exp, yesNo(c.OperatorQualified(o.ID)))
		}
	case "offers":
		if *status != "" {
			s, ok := lookupStatus(*status)
			if !ok {
				return usage("cli.catalog_offer_status", *status, strings.Join(statusNames(), ", "))
			}
			*status = string(s)
		}
		if *standing != "" {
			s, ok := lookupStanding(*standing)
			if !ok {
				return usage("cli.catalog_standing", *standing, strings.Join(standingNames(), ", "))
			}
			*standing = string(s)
		}
		var window time.Duration
		if *expiring != "" {
			d, ok := expiringWindow(c.Now(), *expiring)
			if !ok {
				return usage("cli.catalog_expiring", *expiring)
			}
			window = d
		}
		var list []*catalog.Offer
		for _, o := range c.Offers() {
			if *operator != "" && o.Operator != *operator || *status != "" && string(o.Status) != *status ||
				*standing != "" && string(c.Standing(o)) != *standing {
				continue
			}
			if *expiring != "" {
				if _, soon := c.ExpiresWithin(o, window); !soon {
					continue
				}
			}
			list = append(list, o)
		}
		if *format == "json" {
			type row struct {
				*catalog.Offer
				Standing catalog.Standing `json:"standing"`
			}
			rows := make([]row, len(list))
			for i, o := range list {
				rows[i] = row{o, c.Standing(o)}
			}
			return report.WriteJSON(e.stdout, rows)
		}
		fmt.Fprintln(tw, "OPERATOR\tOFFER\tSTATUS\tSTANDING\tQUALIFIED ON\tEXPIRES ON\tDECISION\tREGIONS\tNOTE")
		for _, o := range list {
			st := c.Standing(o)
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", o.Operator, o.Name, o.Status, standingText(st),
				orDash(o.QualifiedOn), orDash(o.ExpiresOn), orDash(o.Decision), orDash(strings.Join(o.Regions, ", ")), offerNote(o, st))
		}
	case "regions":
		var list []*catalog.Region
		candidates := c.Regions()
		if *provider != "" {
			p, err := c.Provider(*provider)
			if err != nil {
				return err
			}
			candidates = c.RegionsOf(p)
		}
		for _, r := range candidates {
			if *operator != "" && r.Operator != *operator {
				continue
			}
			if *country != "" && r.Country != *country {
				continue
			}
			if *euOnly && !c.RegionInEU(r) || *sncOnly && !c.RegionQualified(r) {
				continue
			}
			list = append(list, r)
		}
		if *format == "json" {
			type row struct {
				*catalog.Region
				EU        bool `json:"eu"`
				EEA       bool `json:"eea"`
				Qualified bool `json:"secnumcloud_qualified"`
			}
			rows := make([]row, len(list))
			for i, r := range list {
				rows[i] = row{r, c.RegionInEU(r), c.RegionInEEA(r), c.RegionQualified(r)}
			}
			return report.WriteJSON(e.stdout, rows)
		}
		fmt.Fprintln(tw, "OPERATOR\tREGION\tCITY\tCOUNTRY\tEU\tSECNUMCLOUD")
		for _, r := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Operator, r.Code, orDash(r.City), strings.Join(r.CountryList(), ","), yesNo(c.RegionInEU(r)), yesNo(c.RegionQualified(r)))
		}
	case "types":
		return e.catalogTypes(c, tw, *format, *provider, *typeGlob, *scope)
	default:
		return usage("cli.catalog_list", positional[0])
	}
	return nil
}

// catalogTypes lists the type tables: each type's scope, location and
// parent attributes, and data flows, with the row they come from.
func (e *env) catalogTypes(c *catalog.Catalog, tw *tabwriter.Writer, format, provider, typeGlob, scope string) error {
	if scope != "" && !slices.Contains(catalog.Scopes, scope) {
		return usage("cli.catalog_scope", scope, strings.Join(catalog.Scopes, ", "))
	}
	if provider != "" {
		p, err := c.Provider(provider)
		if err != nil {
			return err
		}
		provider = p.Source
	}
	type row struct {
		*catalog.TypeScope
		DataFlows []*catalog.DataFlow `json:"data_flows"`
	}
	var rows []row
	for _, t := range c.TypeScopes() {
		if provider != "" && !strings.EqualFold(t.Source, provider) || scope != "" && t.Scope != scope {
			continue
		}
		if typeGlob != "" {
			if ok, _ := path.Match(typeGlob, t.Type); !ok {
				continue
			}
		}
		flows := []*catalog.DataFlow{}
		if p, err := c.Provider(t.Source); err == nil {
			flows = append(flows, c.DataFlows(p, t.Type)...)
		}
		rows = append(rows, row{t, flows})
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Source != rows[j].Source {
			return rows[i].Source < rows[j].Source
		}
		return rows[i].Type < rows[j].Type
	})
	if format == "json" {
		return report.WriteJSON(e.stdout, rows)
	}
	fmt.Fprintln(tw, "SOURCE\tTYPE\tSCOPE\tLOCATION\tPARENT\tDATA FLOWS\tROW")
	for _, r := range rows {
		var flows []string
		for _, f := range r.DataFlows {
			flows = append(flows, f.Flow+" "+f.Path)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Source, r.Type, r.Scope, orDash(strings.Join(r.LocationAttributes, ", ")),
			orDash(strings.Join(r.ParentAttributes, ", ")), orDash(strings.Join(flows, "; ")), r.Ref)
	}
	return nil
}

// standings are the values of catalog.Standing, in the order the help
// lists them.
var standings = []catalog.Standing{catalog.StandingQualified, catalog.StandingUnconfirmed, catalog.StandingExpired,
	catalog.StandingPending, catalog.StandingUnknown, catalog.StandingNone}

// lookupStatus finds a status whatever its case ("j1" is J1).
func lookupStatus(s string) (catalog.Status, bool) {
	for _, st := range catalog.Statuses {
		if strings.EqualFold(string(st), s) {
			return st, true
		}
	}
	return "", false
}

func statusNames() []string {
	out := make([]string, len(catalog.Statuses))
	for i, s := range catalog.Statuses {
		out[i] = string(s)
	}
	return out
}

// lookupStanding finds a standing whatever its case.
func lookupStanding(s string) (catalog.Standing, bool) {
	for _, st := range standings {
		if strings.EqualFold(string(st), s) {
			return st, true
		}
	}
	return "", false
}

func standingNames() []string {
	out := make([]string, len(standings))
	for i, s := range standings {
		out[i] = string(s)
	}
	return out
}

// maxExpiringDays bounds --expiring: a century is longer than any
// qualification, and the duration cannot overflow.
const maxExpiringDays = 36500

// expiringWindow reads --expiring as the time from now to the end of the
// window: a number of days ("90d") or weeks ("12w"), counted in calendar
// days (UTC) so that an expiry on the last day is in, whatever the time
// now; or a Go duration ("2160h"), counted from now, of at least an hour:
// "3m" is three minutes, surely meant as months, and is refused.
func expiringWindow(now time.Time, s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if unit := s[max(len(s)-1, 0):]; len(s) > 1 && (unit == "d" || unit == "w") {
		days, err := strconv.Atoi(s[:len(s)-1])
		if err != nil {
			return 0, false
		}
		if unit == "w" {
			days *= 7
		}
		if days < 1 || days > maxExpiringDays {
			return 0, false
		}
		y, m, d := now.UTC().Date()
		end := time.Date(y, m, d+days+1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)
		return end.Sub(now), true
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < time.Hour {
		return 0, false
	}
	return d, true
}

// standingText is the standing as the text table shows it: an
// unconfirmed qualification is "qualified (unconfirmed)", never plain
// "qualified".
func standingText(s catalog.Standing) string {
	if s == catalog.StandingUnconfirmed {
		return "qualified (unconfirmed)"
	}
	return string(s)
}

// offerNote says what to check about an offer.
func offerNote(o *catalog.Offer, s catalog.Standing) string {
	switch {
	case s == catalog.StandingUnconfirmed:
		return "confirm in ANSSI's catalogue"
	case s == catalog.StandingExpired:
		return "renewal not recorded"
	case o.Unverified:
		return "unverified"
	}
	return ""
}

func attrPaths(as []catalog.Attribute) string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Path
	}
	return strings.Join(out, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
