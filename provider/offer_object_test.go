package provider

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

// Facts of the standing fixture that do not depend on the day the tests run.
const (
	// fixtureEdition is the ANSSI catalogue edition the fixture's offers
	// cite; it is not after any as_of the fixture is merged under.
	fixtureEdition = "2026-06-15"
	// fixtureAsOf is the as_of of the fixture when it stands alone as the
	// functions' catalog: after fixtureEdition, before the lapsed offer's
	// expiry.
	fixtureAsOf = "2026-06-30"
	// lapsedExpiry is the expiry of tc-lapsed: after fixtureAsOf, before
	// the day these tests were written, so always in the past.
	lapsedExpiry = "2026-07-31"
)

// standingFixture is a user catalog of one operator, tc-test, whose offers
// take every standing. The data sources judge expiry on today's date, so
// the dates that must be in the future are relative to today; the embedded
// catalog under it may change without changing any answer.
//
//	tc-expired      qualified, expired 2023-01-15                     tc-lyon-1
//	tc-expiring     qualified, expires in 20 days                     tc-paris-1
//	tc-lapsed       qualified, expired lapsedExpiry (after fixtureAsOf) tc-nice-1
//	tc-pending      J1, milestones J0 and J1                          tc-lyon-1
//	tc-qualified    qualified, expires in 400 days                    tc-paris-1
//	tc-unconfirmed  qualified on an unverified source, expires in 10  tc-lyon-1
//	tc-unknown      status unknown                                    tc-lyon-1
type standingFixture struct {
	today time.Time
	doc   catalog.Document
}

// inDays is the date days after the fixture's today.
func (f standingFixture) inDays(days int) string {
	return f.today.AddDate(0, 0, days).Format(time.DateOnly)
}

func newStandingFixture() standingFixture {
	f := standingFixture{today: time.Now().UTC()}
	exposed := false
	src := []string{"tc-anssi"}
	qualified := func(id, name, region, from, until, decision string) catalog.Offer {
		return catalog.Offer{ID: id, Operator: "tc-test", Name: name, Model: "IaaS", Status: catalog.StatusQualified,
			Version: "3.2", QualifiedOn: from, ExpiresOn: until, Decision: decision, Edition: fixtureEdition,
			Regions: []string{region}, SourceIDs: src}
	}
	expiring := qualified("tc-expiring", "Expiring offer", "tc-paris-1", f.inDays(-300), f.inDays(20), "TC-2002")
	expiring.Perimeter = "Compute and block storage, Paris site"
	unconfirmed := qualified("tc-unconfirmed", "Unconfirmed offer", "tc-lyon-1", "2025-06-01", f.inDays(10), "")
	unconfirmed.Edition, unconfirmed.Unverified = "", true
	f.doc = catalog.Document{
		SchemaVersion: catalog.SchemaVersion,
		Version:       "test-standing",
		AnssiEdition:  fixtureEdition,
		Sources: []catalog.Source{{ID: "tc-anssi", Title: "Test edition of ANSSI's catalogue of qualified services",
			URL: "https://example.test/anssi.pdf", Date: fixtureEdition}},
		Operators: []catalog.Operator{{ID: "tc-test", Name: "Test cloud", LegalName: "Test Cloud SAS", Country: "FR",
			ParentJurisdiction: "FR", ExtraterritorialExposure: &exposed, SourceIDs: src}},
		Regions: []catalog.Region{
			{Operator: "tc-test", Code: "tc-paris-1", City: "Paris", Country: "FR", Zones: []string{"tc-paris-1a"}, SourceIDs: src},
			{Operator: "tc-test", Code: "tc-lyon-1", City: "Lyon", Country: "FR", SourceIDs: src},
			{Operator: "tc-test", Code: "tc-nice-1", City: "Nice", Country: "FR", SourceIDs: src},
		},
		Offers: []catalog.Offer{
			qualified("tc-expired", "Expired offer", "tc-lyon-1", "2020-01-15", "2023-01-15", "TC-2001"),
			expiring,
			qualified("tc-lapsed", "Lapsed offer", "tc-nice-1", "2023-07-31", lapsedExpiry, "TC-2003"),
			{ID: "tc-pending", Operator: "tc-test", Name: "Pending offer", Status: catalog.StatusJ1,
				Milestones: map[string]string{"J0": "2025-03-01", "J1": "2026-02-01"}, Regions: []string{"tc-lyon-1"}, SourceIDs: src},
			qualified("tc-qualified", "Qualified offer", "tc-paris-1", "2025-01-15", f.inDays(400), "TC-2004"),
			unconfirmed,
			{ID: "tc-unknown", Operator: "tc-test", Name: "Unknown offer", Status: catalog.StatusUnknown,
				Regions: []string{"tc-lyon-1"}, SourceIDs: src},
		},
		Providers: []catalog.Provider{{Source: "tc-test/tc", Operators: []catalog.OperatorRule{{Operator: "tc-test"}},
			ProviderAttributes: []catalog.Attribute{{Path: "region"}}, ResourceAttributes: []catalog.Attribute{{Path: "region"}},
			SourceIDs: src}},
	}
	return f
}

// file writes the fixture as a user catalog file, merged over the
// embedded catalog (whose as_of it keeps).
func (f standingFixture) file(t *testing.T) string {
	t.Helper()
	b, err := json.MarshalIndent(f.doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, "standing.json", string(b))
}

// alone is the fixture as a catalog of its own, with the as_of
// fixtureAsOf and the areas a complete catalog needs, on the clock the
// functions use.
func (f standingFixture) alone(t *testing.T) *catalog.Catalog {
	t.Helper()
	doc := f.doc
	doc.AsOf = fixtureAsOf
	eu := []string{"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
		"LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}
	doc.Areas = []catalog.Area{
		{ID: "EU", Name: "European Union", Countries: eu, SourceIDs: []string{"tc-anssi"}},
		{ID: "EEA", Name: "European Economic Area", Countries: append([]string{"IS", "LI", "NO"}, eu...), SourceIDs: []string{"tc-anssi"}},
	}
	c, err := catalog.New(catalog.Named{Name: "standing fixture", Doc: &doc})
	if err != nil {
		t.Fatalf("standing fixture: %v", err)
	}
	c, err = onAsOf(c)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// todayCheck matches the date the data sources judge on: today (UTC), or
// tomorrow when the test runs across midnight.
func (f standingFixture) todayCheck() knownvalue.Check {
	return knownvalue.StringRegexp(regexpOneOf(f.inDays(0), f.inDays(1)))
}

// regexpOneOf matches exactly one of the strings.
func regexpOneOf(s ...string) *regexp.Regexp {
	for i := range s {
		s[i] = regexp.QuoteMeta(s[i])
	}
	return regexp.MustCompile(`^(` + strings.Join(s, "|") + `)$`)
}

// TestOnAsOf: the functions' catalog judges expiry on its as_of date,
// whatever the wall clock says, and keeps every other answer.
func TestOnAsOf(t *testing.T) {
	f := newStandingFixture()
	c := f.alone(t)
	if got := c.Now().Format(time.DateOnly); got != fixtureAsOf {
		t.Errorf("clock = %s, want the as_of %s", got, fixtureAsOf)
	}
	for id, want := range map[string]catalog.Standing{
		"tc-lapsed":      catalog.StandingQualified, // expired today, not on as_of
		"tc-expired":     catalog.StandingExpired,
		"tc-expiring":    catalog.StandingQualified,
		"tc-unconfirmed": catalog.StandingUnconfirmed,
		"tc-unknown":     catalog.StandingUnknown,
		"tc-pending":     catalog.StandingPending,
	} {
		o, ok := c.Offer(id)
		if !ok {
			t.Fatalf("offer %s missing", id)
		}
		if got := c.Standing(o); got != want {
			t.Errorf("%s: standing %s on %s, want %s", id, got, fixtureAsOf, want)
		}
	}
	if want := fixtureAsOf + "T00:00:00Z"; c.Now().Format(time.RFC3339Nano) != want {
		t.Errorf("the clock reads %s, want %s", c.Now().Format(time.RFC3339Nano), want)
	}

	if _, err := onAsOf(c.WithClock(time.Now)); err != nil {
		t.Errorf("onAsOf on a valid catalog: %v", err)
	}
	bad := *c
	bad.AsOf = "30/06/2026"
	if _, err := onAsOf(&bad); err == nil {
		t.Error("onAsOf accepted an as_of that is not a date")
	}
}

// TestPureCatalog: the catalog the functions read by default is the
// embedded one, on its as_of clock.
func TestPureCatalog(t *testing.T) {
	c, ferr := functionCatalog()
	if ferr != nil {
		t.Fatalf("functionCatalog: %v", ferr)
	}
	if got := c.Now().Format(time.DateOnly); got != c.AsOf {
		t.Errorf("the functions' clock reads %s, want the catalog's as_of %s", got, c.AsOf)
	}
	again, _ := functionCatalog()
	if !again.Now().Equal(c.Now()) {
		t.Errorf("two calls give two clocks: %s and %s", c.Now(), again.Now())
	}
}
