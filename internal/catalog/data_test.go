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
	for _, id := range []string{"aws", "azure", "google", "s3ns", "outscale", "ovhcloud", "scaleway", "cloudtemple", "numspot", "ionos", "hetzner", "exoscale", "stackit",
		"ovhcloud-us", "outscale-us", "hetzner-us", "ionos-us"} {
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
	got := []string{string(premi3ns.Status), premi3ns.QualifiedOn, premi3ns.ExpiresOn, premi3ns.Decision, premi3ns.HybridTechnology, strings.Join(premi3ns.Regions, ",")}
	if diff := cmp.Diff([]string{"qualified", "2025-12-17", "2028-12-17", "2057", "Google", "u-france-east1"}, got); diff != "" {
		t.Errorf("S3NS PREMI3NS status, qualified_on, expires_on, decision, hybrid_technology, regions (-want +got):\n%s", diff)
	}
	if !asOfCatalog(t).Qualified(premi3ns) {
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

// asOfCatalog is the embedded catalog on the clock of its own as_of date,
// so that what these tests say does not change with the day they run.
func asOfCatalog(t *testing.T) *Catalog {
	t.Helper()
	c := defaultCatalogT(t)
	asOf, err := time.Parse(time.DateOnly, c.AsOf)
	if err != nil {
		t.Fatalf("as_of %q: %v", c.AsOf, err)
	}
	return c.WithClock(func() time.Time { return asOf })
}

// TestEmbeddedQualifiedRegions lists the regions a qualified offer covers
// on the catalog's as_of date: a change to this list is a change to what
// trustcloud calls SecNumCloud.
func TestEmbeddedQualifiedRegions(t *testing.T) {
	c := asOfCatalog(t)
	var got []string
	for _, r := range c.Regions() {
		if c.RegionQualified(r) {
			got = append(got, r.Operator+"/"+r.Code)
		}
	}
	// Outscale's cloudgouv-eu-west-1 left the list when its qualification
	// expired on 2026-11-30 with no renewal recorded.
	want := []string{"cloudtemple/FR1", "numspot/cloudgouv-eu-west-1", "ovhcloud/eu-west-rbx-snc", "ovhcloud/eu-west-sbg-snc", "s3ns/u-france-east1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("qualified regions (-want +got):\n%s", diff)
	}
}

// TestEmbeddedStandings pins what each SecNumCloud offer means on the
// catalog's as_of date, as re-baselined on the ANSSI catalogue.
func TestEmbeddedStandings(t *testing.T) {
	c := asOfCatalog(t)
	want := map[string]Standing{
		"outscale-iaas-secnumcloud":           StandingExpired,
		"ovhcloud-hpc-secnumcloud":            StandingQualified,
		"ovhcloud-bare-metal-pod-secnumcloud": StandingQualified,
		"ovhcloud-secnumcloud-platform":       StandingQualified,
		"numspot-iaas-paas":                   StandingQualified,
		"orange_business-secnumcloud":         StandingQualified,
		"cegedim-secnumcloud":                 StandingQualified,
		"cloudtemple-iaas-vmware":             StandingQualified,
		"cloudtemple-paas-openshift":          StandingQualified,
		"s3ns-premi3ns":                       StandingQualified,
		"worldline-secnumcloud":               StandingUnconfirmed,
		"whaller-secnumcloud":                 StandingUnconfirmed,
		"cloud_solutions-wimi":                StandingUnconfirmed,
		"index_education-secnumcloud":         StandingUnconfirmed,
		"oodrive-meet":                        StandingUnconfirmed,
		"oodrive-work":                        StandingUnconfirmed,
		"oodrive-work-share":                  StandingUnconfirmed,
		"bleu-cloud-de-confiance":             StandingPending,
		"scaleway-secnumcloud":                StandingPending,
		"its_integra-secnumcloud":             StandingPending,
		"cloudtemple-llmaas":                  StandingNone,
	}
	for id, w := range want {
		o, ok := c.Offer(id)
		if !ok {
			t.Errorf("offer %q is missing", id)
			continue
		}
		if got := c.Standing(o); got != w {
			t.Errorf("offer %q: standing %q on %s, want %q", id, got, c.AsOf, w)
		}
	}
	for _, gone := range []string{"docaposte-secnumcloud", "oodrive-secnumcloud", "cloudtemple-openiaas", "cloudtemple-object-storage"} {
		if _, ok := c.Offer(gone); ok {
			t.Errorf("offer %q is still in the catalog; it was replaced", gone)
		}
	}
	// OVH Hosted Private Cloud ends 26 days after as_of: inside the default
	// 60-day warning window.
	hpc, _ := c.Offer("ovhcloud-hpc-secnumcloud")
	if end, soon := c.ExpiresWithin(hpc, 60*24*time.Hour); !soon || end.Format(time.DateOnly) != "2026-12-29" {
		t.Errorf("OVH HPC ExpiresWithin(60 days) = %v, %v; want 2026-12-29, true", end, soon)
	}
	bleu, _ := c.Offer("bleu-cloud-de-confiance")
	if bleu.Status != StatusJ1 || bleu.Milestones["J0"] != "2025-04-17" || bleu.Milestones["J1"] != "2025-11-17" {
		t.Errorf("Bleu: status %q, milestones %v; want J1 with J0 2025-04-17 and J1 2025-11-17", bleu.Status, bleu.Milestones)
	}
}

// TestEmbeddedQualificationRecords: every confirmed qualification carries
// what ANSSI publishes for it, read from the edition the catalog reflects
// or an earlier one.
func TestEmbeddedQualificationRecords(t *testing.T) {
	c := asOfCatalog(t)
	if c.AnssiEdition != "2026-09-15" {
		t.Errorf("anssi_edition = %q, want 2026-09-15", c.AnssiEdition)
	}
	confirmed := 0
	for _, o := range c.Offers() {
		if o.Status != StatusQualified {
			if o.QualifiedOn != "" || o.Decision != "" {
				t.Errorf("offer %q is %q but has a qualification date or decision", o.ID, o.Status)
			}
			continue
		}
		if o.Unverified {
			if !strings.Contains(o.Notes, "confirm") {
				t.Errorf("unconfirmed offer %q: its notes do not say what to confirm", o.ID)
			}
			continue
		}
		confirmed++
		for field, v := range map[string]string{"qualified_on": o.QualifiedOn, "expires_on": o.ExpiresOn, "decision": o.Decision, "anssi_edition": o.Edition} {
			if v == "" {
				t.Errorf("confirmed qualified offer %q has no %s", o.ID, field)
			}
		}
		if o.Edition > c.AnssiEdition {
			t.Errorf("offer %q: anssi_edition %s is after the catalog's %s", o.ID, o.Edition, c.AnssiEdition)
		}
		dated := false
		for _, id := range o.SourceIDs {
			s, _ := c.Source(id)
			dated = dated || s.Date != ""
		}
		if !dated {
			t.Errorf("confirmed qualified offer %q has no dated source", o.ID)
		}
	}
	if confirmed < 10 {
		t.Errorf("%d confirmed qualified offers, want the ten ANSSI lists with dates and decisions", confirmed)
	}
}

// TestEmbeddedLegalEntities: jurisdiction follows the legal entity, not the
// brand. Every region in the United States of a European brand belongs to
// a US entity that is exposed to US law.
func TestEmbeddedLegalEntities(t *testing.T) {
	c := asOfCatalog(t)
	s3ns, _ := c.Operator("s3ns")
	if s3ns.LegalName != "Thales Cloud Sécurisé" {
		t.Errorf("S3NS legal_name = %q, want Thales Cloud Sécurisé (the holder ANSSI lists)", s3ns.LegalName)
	}
	for _, r := range c.Regions() {
		op, err := c.Operator(r.Operator)
		if err != nil {
			t.Fatal(err)
		}
		if op.ParentJurisdiction == "" {
			t.Errorf("operator %q runs region %s but has no parent jurisdiction", op.ID, r.Code)
		}
		if r.Country == "US" && op.Brand != "" && (op.Country != "US" || op.ExtraterritorialExposure == nil || !*op.ExtraterritorialExposure) {
			t.Errorf("US region %s/%s belongs to %q (country %s), not to an exposed US entity of brand %q", r.Operator, r.Code, op.ID, op.Country, op.Brand)
		}
	}
	for _, tt := range []struct{ id, brand string }{{"ovhcloud", "ovhcloud"}, {"ovhcloud-us", "ovhcloud"}, {"outscale", "outscale"}, {"outscale-us", "outscale"}} {
		if op, err := c.Operator(tt.id); err != nil || op.Brand != tt.brand {
			t.Errorf("operator %q: brand %q, %v; want %q", tt.id, op.Brand, err, tt.brand)
		}
	}
	if diff := cmp.Diff([]string{"ovhcloud-us", "ovhcloud"}, c.Brand("ovhcloud-us")); diff != "" {
		t.Errorf("Brand(ovhcloud-us) (-want +got):\n%s", diff)
	}
	// AWS's European Sovereign Cloud is still Amazon's.
	info, err := c.RegionOf("hashicorp/aws", "eusc-de-east-1")
	if err != nil || info.Operator.ID != "aws" || !*info.Operator.ExtraterritorialExposure {
		t.Errorf("RegionOf(aws, eusc-de-east-1) = %+v, %v; want the exposed operator aws", info, err)
	}
}

// TestEmbeddedOperatorRules: the auth hosts and API endpoints a plan shows
// pick the legal entity.
func TestEmbeddedOperatorRules(t *testing.T) {
	c := asOfCatalog(t)
	tests := []struct {
		source, attr, value, want string
	}{
		{"terraform-provider-openstack/openstack", "auth_url", "https://auth.cloud.ovh.us/v3", "ovhcloud-us"},
		{"terraform-provider-openstack/openstack", "auth_url", "https://auth.cloud.ovh.us/v3/", "ovhcloud-us"},
		{"terraform-provider-openstack/openstack", "auth_url", "https://AUTH.CLOUD.OVH.US/v3", "ovhcloud-us"},
		{"terraform-provider-openstack/openstack", "auth_url", "https://auth.us.ovhcloud.com/", "ovhcloud-us"},
		{"terraform-provider-openstack/openstack", "auth_url", "https://auth.cloud.ovh.net/v3", "ovhcloud"},
		{"terraform-provider-openstack/openstack", "auth_url", "https://auth.cloud.ovh.ca/v3", "ovhcloud"},
		{"terraform-provider-openstack/openstack", "auth_url", "https://auth.cloud.ovh.us.example.org/v3", ""},
		{"terraform-provider-openstack/openstack", "auth_url", "https://keystone.example.org/v3", ""},
		{"ovh/ovh", "endpoint", "ovh-us", "ovhcloud-us"},
		{"ovh/ovh", "endpoint", "https://api.us.ovhcloud.com/1.0", "ovhcloud-us"},
		{"ovh/ovh", "endpoint", "ovh-eu", "ovhcloud"},
		{"ovh/ovh", "endpoint", "ovh-ca", "ovhcloud"},
		{"ovh/ovh", "", "", "ovhcloud"},
	}
	for _, tt := range tests {
		t.Run(tt.source+" "+tt.value, func(t *testing.T) {
			p, err := c.Provider(tt.source)
			if err != nil {
				t.Fatal(err)
			}
			op, _ := c.ResolveOperator(p, func(a string) (string, bool) { return tt.value, a == tt.attr && tt.attr != "" })
			got := ""
			if op != nil {
				got = op.ID
			}
			if got != tt.want {
				t.Errorf("operator = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestEmbeddedRegionsIdentify: region codes and zones that only one entity
// runs place a resource with it.
func TestEmbeddedRegionsIdentify(t *testing.T) {
	c := asOfCatalog(t)
	tests := []struct {
		source, value, operator, region string
		eu                              bool
	}{
		{"hashicorp/google", "u-france-east1-a", "s3ns", "u-france-east1", true},
		{"hashicorp/google", "u-france-east1-b", "s3ns", "u-france-east1", true},
		{"hashicorp/google", "u-france-east1-c", "s3ns", "u-france-east1", true},
		{"terraform-provider-openstack/openstack", "US-EAST-VA-1", "ovhcloud-us", "US-EAST-VA-1", false},
		{"ovh/ovh", "US-WEST-OR-1", "ovhcloud-us", "US-WEST-OR-1", false},
		{"ovh/ovh", "eu-west-rbx-snc", "ovhcloud", "eu-west-rbx-snc", true},
		{"terraform-provider-openstack/openstack", "EU-WEST-LZ-ZRH", "ovhcloud", "EU-WEST-LZ-ZRH", false},
		{"terraform-provider-openstack/openstack", "EU-WEST-LZ-BRU-A", "ovhcloud", "EU-WEST-LZ-BRU", true},
		{"outscale/outscale", "us-east-2a", "outscale-us", "us-east-2", false},
		{"hashicorp/aws", "eu-isoe-west-1", "aws", "eu-isoe-west-1", false},
		{"hashicorp/aws", "us-isof-south-1", "aws", "us-isof-south-1", false},
		{"ionoscloud/ionoscloud", "us/las", "ionos-us", "us/las", false},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			source := tt.source
			if source == "ionoscloud/ionoscloud" {
				source = "ionos-cloud/ionoscloud"
			}
			info, err := c.RegionOf(source, tt.value)
			if err != nil {
				t.Fatal(err)
			}
			got := []any{info.Operator.ID, info.Region.Code, info.EU}
			if diff := cmp.Diff([]any{tt.operator, tt.region, tt.eu}, got); diff != "" {
				t.Errorf("operator, region, EU (-want +got):\n%s", diff)
			}
		})
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
