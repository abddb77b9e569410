package catalog

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// These tests check facts of the embedded catalog (data/catalog.json) that
// the product and its users rely on.

func TestEmbeddedDocument(t *testing.T) {
	c := defaultCatalogT(t)
	if _, err := time.Parse(time.DateOnly, c.AsOf); err != nil {
		t.Errorf("as_of %q is not a date: %v", c.AsOf, err)
	}
	if c.Version == "" || c.SchemaVersion != SchemaVersion {
		t.Errorf("version %q, schema_version %q; want a version and %q", c.Version, c.SchemaVersion, SchemaVersion)
	}
	if diff := cmp.Diff([]string{EmbeddedName}, c.Files); diff != "" {
		t.Errorf("Files (-want +got):\n%s", diff)
	}
	// Load without a file is the embedded catalog.
	if l, err := Load(""); err != nil || l != c {
		t.Errorf("Load(\"\") = %p, %v; want Default() %p", l, err, c)
	}
	// The raw document parses on its own, as the provider's catalog data
	// source may expose it.
	if _, err := Parse(EmbeddedName, Embedded()); err != nil {
		t.Errorf("Parse(Embedded()): %v", err)
	}
}

func TestEmbeddedOperators(t *testing.T) {
	c := defaultCatalogT(t)
	// PRODUCT.md: scripts use these ids.
	for _, id := range []string{"aws", "azure", "google", "s3ns", "bleu", "outscale", "numspot", "ovhcloud", "scaleway", "cloudtemple", "ionos", "hetzner", "exoscale", "stackit", "oracle", "ibm"} {
		if _, err := c.Operator(id); err != nil {
			t.Errorf("operator %q: %v", id, err)
		}
	}
	for _, o := range c.Operators() {
		if o.ParentJurisdiction == "US" && (o.ExtraterritorialExposure == nil || !*o.ExtraterritorialExposure) {
			t.Errorf("operator %q has a US parent but extraterritorial_exposure is not true", o.ID)
		}
		if o.ExtraterritorialExposure != nil && *o.ExtraterritorialExposure && len(o.ExtraterritorialLaws) == 0 {
			t.Errorf("operator %q is exposed but lists no extraterritorial law", o.ID)
		}
	}
}

func TestEmbeddedRegionsPerOperator(t *testing.T) {
	c := defaultCatalogT(t)
	count := map[string]int{}
	for _, r := range c.Regions() {
		count[r.Operator]++
	}
	for _, id := range []string{"aws", "azure", "google", "s3ns", "outscale", "ovhcloud", "scaleway", "cloudtemple", "numspot", "ionos", "hetzner", "exoscale", "stackit"} {
		if count[id] == 0 {
			t.Errorf("operator %q has no region", id)
		}
		if len(c.ProvidersOf(id)) == 0 {
			t.Errorf("operator %q has regions but no Terraform provider maps to it", id)
		}
	}
}

func TestEmbeddedAzureRegionNames(t *testing.T) {
	c := defaultCatalogT(t)
	n := 0
	for _, r := range c.Regions() {
		if r.Operator != "azure" {
			continue
		}
		n++
		if r.DisplayName == "" {
			t.Errorf("azure region %q has no display name", r.Code)
			continue
		}
		// azurerm accepts both and normalises one into the other.
		if got := strings.ToLower(strings.ReplaceAll(r.DisplayName, " ", "")); got != r.Code {
			t.Errorf("azure region %q: display name %q normalises to %q", r.Code, r.DisplayName, got)
		}
	}
	if n < 40 {
		t.Errorf("%d azure regions, want the full list (at least 40)", n)
	}
}

func TestEmbeddedSourcesResolve(t *testing.T) {
	c := defaultCatalogT(t)
	check := func(what string, ids []string) {
		t.Helper()
		if len(ids) == 0 {
			t.Errorf("%s has no source", what)
		}
		for _, id := range ids {
			s, ok := c.Source(id)
			if !ok {
				t.Errorf("%s: unknown source %q", what, id)
			} else if strings.TrimSpace(s.Title) == "" {
				t.Errorf("%s: source %q has no title", what, id)
			}
		}
	}
	for _, o := range c.Offers() {
		check("offer "+o.ID, o.SourceIDs)
	}
	for _, r := range c.Regions() {
		check("region "+r.Operator+"/"+r.Code, r.SourceIDs)
	}
	for _, o := range c.Operators() {
		check("operator "+o.ID, o.SourceIDs)
	}
	for _, p := range c.Providers() {
		check("provider "+p.Source, p.SourceIDs)
	}
}

func TestEmbeddedOffers(t *testing.T) {
	c := defaultCatalogT(t)
	offer := func(id string) *Offer {
		t.Helper()
		o, ok := c.Offer(id)
		if !ok {
			t.Fatalf("offer %q is missing", id)
		}
		return o
	}

	bleu := offer("bleu-cloud-de-confiance")
	if c.Qualified(bleu) || bleu.Status == StatusQualified || !bleu.Status.Pending() {
		t.Errorf("Bleu offer: status %q, qualified %v; want a pending status, not qualified", bleu.Status, c.Qualified(bleu))
	}
	if bleu.HybridTechnology != "Microsoft" {
		t.Errorf("Bleu offer hybrid_technology = %q, want Microsoft", bleu.HybridTechnology)
	}

	premi3ns := offer("s3ns-premi3ns")
	got := []string{string(premi3ns.Status), premi3ns.QualifiedOn, premi3ns.HybridTechnology, strings.Join(premi3ns.Regions, ",")}
	if diff := cmp.Diff([]string{"qualified", "2025-12-17", "Google", "u-france-east1"}, got); diff != "" {
		t.Errorf("S3NS PREMI3NS status, qualified_on, hybrid_technology, regions (-want +got):\n%s", diff)
	}
	if !c.WithClock(func() time.Time { return time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC) }).Qualified(premi3ns) {
		t.Error("S3NS PREMI3NS is not qualified on the catalog's as_of date")
	}

	// The public regions of the hybrids' technology suppliers are not
	// qualified.
	for _, id := range []string{"aws-all", "azure-all", "google-all", "s3ns-local-controls", "outscale-public"} {
		if o := offer(id); o.Status == StatusQualified {
			t.Errorf("offer %q is qualified", id)
		}
	}
}

// TestEmbeddedQualifiedRegions lists the regions a qualified offer covers:
// a change to this list is a change to what trustcloud calls SecNumCloud.
func TestEmbeddedQualifiedRegions(t *testing.T) {
	c := defaultCatalogT(t)
	var got []string
	for _, r := range c.Regions() {
		if c.RegionQualified(r) {
			got = append(got, r.Operator+"/"+r.Code)
		}
	}
	want := []string{"cloudtemple/FR1", "outscale/cloudgouv-eu-west-1", "s3ns/u-france-east1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("qualified regions (-want +got):\n%s", diff)
	}
}

func TestEmbeddedAreas(t *testing.T) {
	c := defaultCatalogT(t)
	tests := []struct {
		country string
		eu, eea bool
	}{
		{"FR", true, true},
		{"de", true, true},
		{"NO", false, true},
		{"IS", false, true},
		{"LI", false, true},
		{"CH", false, false},
		{"GB", false, false},
		{"US", false, false},
		{"", false, false},
	}
	for _, tt := range tests {
		if got := []bool{c.InEU(tt.country), c.InEEA(tt.country)}; !cmp.Equal(got, []bool{tt.eu, tt.eea}) {
			t.Errorf("InEU, InEEA(%q) = %v, want %v, %v", tt.country, got, tt.eu, tt.eea)
		}
	}
	var eu, eea int
	for _, a := range c.Areas() {
		switch a.ID {
		case "EU":
			eu = len(a.Countries)
		case "EEA":
			eea = len(a.Countries)
		}
	}
	if eu != 27 || eea != 30 {
		t.Errorf("EU has %d countries, EEA %d; want 27 and 30", eu, eea)
	}
	for _, a := range c.Areas() {
		if a.ID != "EU" {
			continue
		}
		for _, cc := range a.Countries {
			if !c.InEEA(cc) {
				t.Errorf("EU member %s is not in the EEA", cc)
			}
		}
	}
}

// TestEmbeddedSorted: lists come out in a stable order, as the provider's
// data sources and reports rely on.
func TestEmbeddedSorted(t *testing.T) {
	c := defaultCatalogT(t)
	for i := 1; i < len(c.Operators()); i++ {
		if a, b := c.Operators()[i-1].ID, c.Operators()[i].ID; a >= b {
			t.Errorf("operators out of order: %q before %q", a, b)
		}
	}
	for i := 1; i < len(c.Regions()); i++ {
		a, b := c.Regions()[i-1], c.Regions()[i]
		if a.Operator > b.Operator || a.Operator == b.Operator && a.Code >= b.Code {
			t.Errorf("regions out of order: %s/%s before %s/%s", a.Operator, a.Code, b.Operator, b.Code)
		}
	}
	for i := 1; i < len(c.Offers()); i++ {
		a, b := c.Offers()[i-1], c.Offers()[i]
		if a.Operator > b.Operator || a.Operator == b.Operator && a.ID >= b.ID {
			t.Errorf("offers out of order: %s before %s", a.ID, b.ID)
		}
	}
	for i := 1; i < len(c.Sources()); i++ {
		if a, b := c.Sources()[i-1].ID, c.Sources()[i].ID; !sourceLess(a, b) {
			t.Errorf("sources out of order: %q before %q", a, b)
		}
	}
	for i := 1; i < len(c.Providers()); i++ {
		if a, b := c.Providers()[i-1].Source, c.Providers()[i].Source; a >= b {
			t.Errorf("providers out of order: %q before %q", a, b)
		}
	}
}
