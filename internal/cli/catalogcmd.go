package cli

import (
	"flag"
	"fmt"
	"github.com/trustcloud/trustcloud/internal/report"
	"strings"
	"text/tabwriter"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

func (e *env) catalog(args []string) error {
	fs := flag.NewFlagSet("catalog", flag.ContinueOnError)
	catalogFile := fs.String("catalog", "", "catalog file (JSON) merged over the embedded catalog")
	format := fs.String("format", "text", "output format: text or json")
	operator := fs.String("operator", "", "only this operator (offers, regions)")
	provider := fs.String("provider", "", "only the regions of this Terraform provider source (regions)")
	country := fs.String("country", "", "only this ISO country code (operators, regions)")
	status := fs.String("status", "", "only this SecNumCloud status (offers): qualified, J0, J1, J2, in_progress, none")
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
			valid := false
			for _, s := range catalog.Statuses {
				valid = valid || strings.EqualFold(string(s), *status)
				if strings.EqualFold(string(s), *status) {
					*status = string(s)
				}
			}
			if !valid {
				return usage("cli.catalog_status", *status)
			}
		}
		var list []*catalog.Offer
		for _, o := range c.Offers() {
			if (*operator == "" || o.Operator == *operator) && (*status == "" || string(o.Status) == *status) {
				list = append(list, o)
			}
		}
		if *format == "json" {
			return report.WriteJSON(e.stdout, list)
		}
		fmt.Fprintln(tw, "OPERATOR\tOFFER\tSTATUS\tQUALIFIED ON\tREGIONS\tNOTE")
		for _, o := range list {
			note := ""
			if o.Unverified {
				note = "unverified"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", o.Operator, o.Name, o.Status, orDash(o.QualifiedOn), orDash(strings.Join(o.Regions, ", ")), note)
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
	default:
		return usage("cli.catalog_list", positional[0])
	}
	return nil
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
