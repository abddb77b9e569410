package cli

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/report"
)

// catalogFlags are the flags of `trustcloud catalog`. Every list accepts
// them all and reads those it filters on.
type catalogFlags struct {
	file, format                string
	operator, provider, country string
	typeGlob, scope             string
	status, standing, expiring  string
	euOnly, secNumCloudOnly     bool
}

// catalogLists are the lists `trustcloud catalog` writes, by name: each
// maps its flags to a catalog query and writes the answer as a text table
// or JSON.
var catalogLists = map[string]func(*env, *catalog.Catalog, catalogFlags) error{
	"providers": (*env).catalogProviders,
	"operators": (*env).catalogOperators,
	"offers":    (*env).catalogOffers,
	"regions":   (*env).catalogRegions,
	"types":     (*env).catalogTypes,
}

// catalog runs `trustcloud catalog LIST [flags]`.
func (e *env) catalog(args []string) error {
	f, what, err := parseCatalogFlags(args)
	if err != nil {
		return err
	}
	c, err := catalog.Load(f.file)
	if err != nil {
		return err
	}
	// An operator or country that names nothing is an error whatever the
	// list: it is a typo, not a filter that keeps nothing.
	if f.operator != "" {
		if _, err := c.Operator(f.operator); err != nil {
			return err
		}
	}
	if f.country != "" && !catalog.ValidCountry(f.country) {
		return usage("cli.catalog_country", f.country)
	}
	list, ok := catalogLists[what]
	if !ok {
		return &usageError{msg: suggested(i18n.M("cli.catalog_list", what), what, slices.Sorted(maps.Keys(catalogLists)), "")}
	}
	return list(e, c, f)
}

// parseCatalogFlags reads the arguments of `trustcloud catalog`: the flags
// and the name of the list.
func parseCatalogFlags(args []string) (catalogFlags, string, error) {
	var f catalogFlags
	fs := newFlagSet("catalog")
	fs.StringVar(&f.file, "catalog", "", "flag.catalog")
	fs.StringVar(&f.format, "format", "text", "flag.format_text_json")
	fs.StringVar(&f.operator, "operator", "", "flag.catalog.operator")
	fs.StringVar(&f.provider, "provider", "", "flag.catalog.provider")
	fs.StringVar(&f.typeGlob, "type", "", "flag.catalog.type")
	fs.StringVar(&f.scope, "scope", "", "flag.catalog.scope")
	fs.StringVar(&f.country, "country", "", "flag.catalog.country")
	fs.StringVar(&f.status, "status", "", "flag.catalog.status")
	fs.StringVar(&f.standing, "standing", "", "flag.catalog.standing")
	fs.StringVar(&f.expiring, "expiring", "", "flag.catalog.expiring")
	fs.BoolVar(&f.euOnly, "eu-only", false, "flag.catalog.eu_only")
	fs.BoolVar(&f.secNumCloudOnly, "secnumcloud-only", false, "flag.catalog.secnumcloud_only")
	positional, err := parse(fs, args)
	if err != nil {
		return f, "", err
	}
	if len(positional) != 1 {
		return f, "", usage("cli.catalog_what")
	}
	if f.format != "text" && f.format != "json" {
		return f, "", usage("cli.unknown_format_text_json", "catalog", f.format)
	}
	f.country = strings.ToUpper(f.country)
	return f, positional[0], nil
}

// catalogProviders lists the Terraform provider mappings.
func (e *env) catalogProviders(c *catalog.Catalog, f catalogFlags) error {
	list := c.Providers()
	if f.format == "json" {
		return report.WriteJSON(e.stdout, list)
	}
	rows := make([][]string, 0, len(list))
	for _, p := range list {
		ops := strings.Join(p.OperatorIDs(), ", ")
		if p.NotLocated {
			ops = e.t("catalog.no_location")
		}
		rows = append(rows, []string{p.Source, orDash(ops), orDash(attrPaths(p.ProviderAttributes)), orDash(attrPaths(p.ResourceAttributes))})
	}
	e.writeTable([]string{"catalog.col.source", "catalog.col.operators", "catalog.col.location_provider", "catalog.col.location_resources"}, rows)
	return nil
}

// catalogOperators lists the operators: --country, --secnumcloud-only.
func (e *env) catalogOperators(c *catalog.Catalog, f catalogFlags) error {
	list := c.FindOperators(catalog.OperatorQuery{Country: f.country, Qualified: f.secNumCloudOnly})
	if f.format == "json" {
		return report.WriteJSON(e.stdout, list)
	}
	rows := make([][]string, 0, len(list))
	for _, o := range list {
		exp := e.t("catalog.unknown")
		if o.ExtraterritorialExposure != nil {
			exp = e.yesNo(*o.ExtraterritorialExposure)
		}
		rows = append(rows, []string{o.ID, o.Name, o.Country, exp, e.yesNo(c.OperatorQualified(o.ID))})
	}
	e.writeTable([]string{"catalog.col.id", "catalog.col.name", "catalog.col.country", "catalog.col.exposure", "catalog.col.secnumcloud"}, rows)
	return nil
}

// catalogOffers lists the offers: --operator, --status, --standing,
// --expiring.
func (e *env) catalogOffers(c *catalog.Catalog, f catalogFlags) error {
	q, err := f.offerQuery()
	if err != nil {
		return err
	}
	list, err := c.FindOffers(q)
	if err != nil {
		return err
	}
	if f.format == "json" {
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
	rows := make([][]string, 0, len(list))
	for _, o := range list {
		st := c.Standing(o)
		rows = append(rows, []string{o.Operator, o.Name, string(o.Status), e.standingText(st), orDash(o.QualifiedOn),
			orDash(o.ExpiresOn), orDash(o.Decision), orDash(strings.Join(o.Regions, ", ")), e.offerNote(o, st)})
	}
	e.writeTable([]string{"catalog.col.operator", "catalog.col.offer", "catalog.col.status", "catalog.col.standing", "catalog.col.qualified_on", "catalog.col.expires_on", "catalog.col.decision", "catalog.col.regions", "catalog.col.note"}, rows)
	return nil
}

// offerQuery reads the offer filters, in any case.
func (f catalogFlags) offerQuery() (catalog.OfferQuery, error) {
	q := catalog.OfferQuery{Operator: f.operator}
	if f.status != "" {
		s, ok := catalog.ParseStatus(f.status)
		if !ok {
			return q, usage("cli.catalog_offer_status", f.status, strings.Join(names(catalog.Statuses), ", "))
		}
		q.Status = s
	}
	if f.standing != "" {
		s, ok := catalog.ParseStanding(f.standing)
		if !ok {
			return q, usage("cli.catalog_standing", f.standing, strings.Join(names(catalog.Standings), ", "))
		}
		q.Standing = s
	}
	if f.expiring != "" {
		h, ok := expiringHorizon(f.expiring)
		if !ok {
			return q, usage("cli.catalog_expiring", f.expiring)
		}
		q.Expiring = h
	}
	return q, nil
}

// catalogRegions lists the regions: --operator, --provider, --country,
// --eu-only, --secnumcloud-only.
func (e *env) catalogRegions(c *catalog.Catalog, f catalogFlags) error {
	list, err := c.FindRegions(catalog.RegionQuery{Operator: f.operator, Provider: f.provider, Country: f.country,
		EU: f.euOnly, Qualified: f.secNumCloudOnly})
	if err != nil {
		return err
	}
	if f.format == "json" {
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
	rows := make([][]string, 0, len(list))
	for _, r := range list {
		rows = append(rows, []string{r.Operator, r.Code, orDash(r.City), strings.Join(r.CountryList(), ","),
			e.yesNo(c.RegionInEU(r)), e.yesNo(c.RegionQualified(r))})
	}
	e.writeTable([]string{"catalog.col.operator", "catalog.col.region", "catalog.col.city", "catalog.col.country", "catalog.col.eu", "catalog.col.secnumcloud"}, rows)
	return nil
}

// catalogTypes lists the type tables: each type's scope, location and
// parent attributes, and data flows, with the row they come from:
// --provider, --type, --scope.
func (e *env) catalogTypes(c *catalog.Catalog, f catalogFlags) error {
	if f.scope != "" && !slices.Contains(catalog.Scopes, f.scope) {
		return usage("cli.catalog_scope", f.scope, strings.Join(catalog.Scopes, ", "))
	}
	list, err := c.FindTypes(catalog.TypeQuery{Provider: f.provider, Type: f.typeGlob, Scope: f.scope})
	if err != nil {
		return err
	}
	type row struct {
		*catalog.TypeScope
		DataFlows []*catalog.DataFlow `json:"data_flows"`
	}
	rows := make([]row, len(list))
	for i, t := range list {
		rows[i] = row{t, []*catalog.DataFlow{}}
		if p, err := c.Provider(t.Source); err == nil {
			rows[i].DataFlows = append(rows[i].DataFlows, c.DataFlows(p, t.Type)...)
		}
	}
	if f.format == "json" {
		return report.WriteJSON(e.stdout, rows)
	}
	cells := make([][]string, 0, len(rows))
	for _, r := range rows {
		var flows []string
		for _, fl := range r.DataFlows {
			flows = append(flows, fl.Flow+" "+fl.Path)
		}
		cells = append(cells, []string{r.Source, r.Type, r.Scope, orDash(strings.Join(r.LocationAttributes, ", ")),
			orDash(strings.Join(r.ParentAttributes, ", ")), orDash(strings.Join(flows, "; ")), r.Ref})
	}
	e.writeTable([]string{"catalog.col.source", "catalog.col.type", "catalog.col.scope", "catalog.col.location", "catalog.col.parent", "catalog.col.data_flows", "catalog.col.row"}, cells)
	return nil
}

// writeTable writes a text table to stdout: the header (message keys,
// in the run's language), then the rows,
// columns aligned.
func (e *env) writeTable(header []string, rows [][]string) {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	cols := make([]string, len(header))
	for i, k := range header {
		cols[i] = e.t(k)
	}
	fmt.Fprintln(tw, strings.Join(cols, "\t"))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	tw.Flush()
}

// names are the values of a list of statuses or standings, as the help
// lists them.
func names[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// expiringHorizon reads --expiring: a number of days ("90d") or weeks
// ("12w"), counted in calendar days (UTC) so that an expiry on the last
// day is in, whatever the time now; or a Go duration ("2160h"), counted
// from now, of at least an hour: "3m" is three minutes, surely meant as
// months, and is refused.
func expiringHorizon(s string) (catalog.Horizon, bool) {
	s = strings.TrimSpace(s)
	if unit := s[max(len(s)-1, 0):]; len(s) > 1 && (unit == "d" || unit == "w") {
		days, err := strconv.Atoi(s[:len(s)-1])
		if err != nil {
			return catalog.Horizon{}, false
		}
		if unit == "w" {
			days *= 7
		}
		if days < 1 || days > catalog.MaxHorizonDays {
			return catalog.Horizon{}, false
		}
		return catalog.Horizon{Days: days}, true
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < time.Hour {
		return catalog.Horizon{}, false
	}
	return catalog.Horizon{Duration: d}, true
}

// standingText is the standing as the text table shows it: an
// unconfirmed qualification is "qualified (unconfirmed)", never plain
// "qualified".
func (e *env) standingText(s catalog.Standing) string {
	return e.t("catalog.standing." + string(s))
}

// offerNote says what to check about an offer.
func (e *env) offerNote(o *catalog.Offer, s catalog.Standing) string {
	switch {
	case s == catalog.StandingUnconfirmed:
		return e.t("catalog.note.confirm")
	case s == catalog.StandingExpired:
		return e.t("catalog.note.renewal")
	case o.Unverified:
		return e.t("catalog.note.unverified")
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

func (e *env) yesNo(b bool) string {
	if b {
		return e.t("catalog.yes")
	}
	return e.t("catalog.no")
}
