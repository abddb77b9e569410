package catalog

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func at(s string) func() time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return func() time.Time { return t }
}

// TestExpiry checks, with a fixed clock, when a qualification with an
// expiry date stops counting.
func TestExpiry(t *testing.T) {
	tests := []struct {
		name          string
		expiresOn     string
		now           string
		wantQualified bool
		wantExpired   bool
	}{
		{"before a month expiry", "2028-12", "2027-06-01T00:00:00Z", true, false},
		{"month expiry lasts through its last day", "2028-12", "2028-12-31T23:59:59Z", true, false},
		{"month expiry passed", "2028-12", "2029-01-01T00:00:00Z", false, true},
		{"day expiry lasts through the day", "2026-03-31", "2026-03-31T23:59:59Z", true, false},
		{"day expiry passed", "2026-03-31", "2026-04-01T00:00:00Z", false, true},
		{"year expiry lasts through December", "2028", "2028-12-31T12:00:00Z", true, false},
		{"year expiry passed", "2028", "2029-01-01T00:00:01Z", false, true},
		{"expired long ago", "2025-12-31", "2026-11-23T00:00:00Z", false, true},
		{"far expiry", "2999-12-31", "2099-01-01T00:00:00Z", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expires := any(tt.expiresOn)
			if tt.expiresOn == "" {
				expires = remove
			}
			c := minimalCatalog(t, edit{"$.offers[0].expires_on", expires}).WithClock(at(tt.now))
			o, ok := c.Offer("acme-iaas")
			if !ok {
				t.Fatal("offer acme-iaas is missing")
			}
			r := c.Regions()[0]
			got := []bool{c.Qualified(o), c.Expired(o), c.RegionQualified(r), c.OperatorQualified("acme")}
			want := []bool{tt.wantQualified, tt.wantExpired, tt.wantQualified, tt.wantQualified}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Qualified, Expired, RegionQualified, OperatorQualified (-want +got):\n%s", diff)
			}
			info, err := c.RegionOf("acme/acme", "fr-par-1")
			if err != nil {
				t.Fatal(err)
			}
			if info.Qualified != tt.wantQualified {
				t.Errorf("RegionOf(...).Qualified = %v, want %v", info.Qualified, tt.wantQualified)
			}
		})
	}
}

// TestExpiryOnlyForQualified: an expired date does not make a pending offer
// qualified, and Expired is about the date alone.
func TestExpiryOnlyForQualified(t *testing.T) {
	c := minimalCatalog(t,
		edit{"$.offers[0].status", "J2"},
		edit{"$.offers[0].qualified_on", remove},
		edit{"$.offers[0].expires_on", "2030-01-01"},
	).WithClock(at("2026-01-01T00:00:00Z"))
	o, _ := c.Offer("acme-iaas")
	if c.Qualified(o) || c.Expired(o) {
		t.Errorf("J2 offer: Qualified = %v, Expired = %v; want false, false", c.Qualified(o), c.Expired(o))
	}
}

// TestWithClockCopies: WithClock leaves the catalog it is called on alone.
func TestWithClockCopies(t *testing.T) {
	c := minimalCatalog(t, edit{"$.offers[0].expires_on", "2026-02"})
	past := c.WithClock(at("2026-01-01T00:00:00Z"))
	future := c.WithClock(at("2026-03-01T00:00:00Z"))
	o, _ := c.Offer("acme-iaas")
	if !past.Qualified(o) || future.Qualified(o) {
		t.Errorf("Qualified in January, March = %v, %v; want true, false", past.Qualified(o), future.Qualified(o))
	}
	// The original keeps the real clock: 2026-02 is past by the time this
	// test can run.
	if now := time.Now(); now.After(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) && c.Qualified(o) {
		t.Errorf("original catalog: Qualified = true at %v, want the real clock's answer (expired)", now)
	}
}

func TestDateEnd(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"2026-01-15", "2026-01-15T23:59:59.999999999Z", true},
		{"2024-02", "2024-02-29T23:59:59.999999999Z", true},
		{"2028", "2028-12-31T23:59:59.999999999Z", true},
		{"2026-02-29", "", false},
		{"26", "", false},
		{"02026", "", false},
		{"2026-1-5", "", false},
		{"2026/01/15", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := dateEnd(tt.in)
		if ok != tt.wantOK || ok && got.Format(time.RFC3339Nano) != tt.want {
			t.Errorf("dateEnd(%q) = %v, %v; want %s, %v", tt.in, got.Format(time.RFC3339Nano), ok, tt.want, tt.wantOK)
		}
	}
}

func TestStatusPending(t *testing.T) {
	want := map[Status]bool{StatusQualified: false, StatusJ0: true, StatusJ1: true, StatusJ2: true, StatusInProgress: true, StatusUnknown: false, StatusNone: false, "bogus": false}
	got := map[Status]bool{}
	for s := range want {
		got[s] = s.Pending()
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Pending (-want +got):\n%s", diff)
	}
	if len(Statuses) != 7 {
		t.Errorf("Statuses has %d entries, want 7", len(Statuses))
	}
}

// TestStanding: only a confirmed, unexpired qualification satisfies a
// requirement; the catalog's clock decides expiry.
func TestStanding(t *testing.T) {
	at := func(day string) *Catalog {
		now, err := time.Parse(time.DateOnly, day)
		if err != nil {
			t.Fatal(err)
		}
		return defaultCatalogT(t).WithClock(func() time.Time { return now })
	}
	c := at("2026-12-03")
	for _, tc := range []struct {
		offer Offer
		want  Standing
	}{
		{Offer{Status: StatusQualified, ExpiresOn: "2028-12-17"}, StandingQualified},
		{Offer{Status: StatusQualified}, StandingQualified},
		{Offer{Status: StatusQualified, ExpiresOn: "2026-11-30"}, StandingExpired},
		{Offer{Status: StatusQualified, ExpiresOn: "2026-12-03"}, StandingQualified},
		{Offer{Status: StatusQualified, Unverified: true}, StandingUnconfirmed},
		{Offer{Status: StatusQualified, Unverified: true, ExpiresOn: "2020-01-01"}, StandingExpired},
		{Offer{Status: StatusJ1}, StandingPending},
		{Offer{Status: StatusInProgress}, StandingPending},
		{Offer{Status: StatusUnknown}, StandingUnknown},
		{Offer{Status: StatusNone}, StandingNone},
	} {
		o := tc.offer
		if got := c.Standing(&o); got != tc.want {
			t.Errorf("%+v: standing %s, want %s", tc.offer, got, tc.want)
		}
		if c.Qualified(&o) != (tc.want == StandingQualified) {
			t.Errorf("%+v: Qualified disagrees with its standing", tc.offer)
		}
	}
	o := &Offer{Status: StatusQualified, ExpiresOn: "2026-12-29"}
	if end, ok := c.ExpiresWithin(o, 60*24*time.Hour); !ok || end.Format(time.DateOnly) != "2026-12-29" {
		t.Errorf("expiring in 26 days: %v %v", end, ok)
	}
	if _, ok := c.ExpiresWithin(o, 20*24*time.Hour); ok {
		t.Error("26 days away is not within 20 days")
	}
	if _, ok := at("2027-01-01").ExpiresWithin(o, 60*24*time.Hour); ok {
		t.Error("an expired qualification is not expiring")
	}
}

func TestOperatorLookup(t *testing.T) {
	c := defaultCatalogT(t)
	for _, id := range []string{"aws", " AWS ", "S3NS"} {
		if o, err := c.Operator(id); err != nil {
			t.Errorf("Operator(%q): %v", id, err)
		} else if want := strings.ToLower(strings.TrimSpace(id)); o.ID != want {
			t.Errorf("Operator(%q).ID = %q, want %q", id, o.ID, want)
		}
	}
	_, err := c.Operator("ovh")
	var nf *NotFoundError
	if !errors.As(err, &nf) {
		t.Fatalf("Operator(ovh) error = %v, want a NotFoundError", err)
	}
	if nf.What != "operator" || len(nf.Known) != len(c.Operators()) || nf.Known[0] != "ovhcloud" {
		t.Errorf("NotFoundError = %+v; want What operator, every operator, ovhcloud first", nf)
	}
}

func TestRegionAreas(t *testing.T) {
	c := defaultCatalogT(t)
	tests := []struct {
		region  Region
		eu, eea bool
	}{
		{Region{Country: "FR"}, true, true},
		{Region{Country: "NO"}, false, true},
		{Region{Kind: KindMultiRegion, Countries: []string{"FR", "DE"}}, true, true},
		{Region{Kind: KindMultiRegion, Countries: []string{"FR", "NO"}}, false, true},
		{Region{Kind: KindMultiRegion, Countries: []string{"FR", "CH"}}, false, false},
		{Region{}, false, false},
	}
	for _, tt := range tests {
		r := tt.region
		if got := []bool{c.RegionInEU(&r), c.RegionInEEA(&r)}; !cmp.Equal(got, []bool{tt.eu, tt.eea}) {
			t.Errorf("RegionInEU, RegionInEEA(%v) = %v, want %v, %v", r.CountryList(), got, tt.eu, tt.eea)
		}
	}
}

// TestOfferNamesARegionTwice: a region listed twice by one offer (by "*"
// and by code, or in two cases) is covered by that offer once.
func TestOfferNamesARegionTwice(t *testing.T) {
	c := minimalCatalog(t,
		edit{"$.regions[+]", raw(`{"operator": "acme", "code": "de-fra", "country": "DE", "source_ids": ["s1"]}`)},
		edit{"$.offers[0].regions", raw(`["fr-par", "FR-PAR", "*"]`)},
	)
	for _, r := range c.Regions() {
		if diff := cmp.Diff([]string{"acme-iaas"}, offerIDs(c.OffersCovering(r))); diff != "" {
			t.Errorf("OffersCovering(%s) (-want +got):\n%s", r.Code, diff)
		}
	}
}

func TestNewWithoutDocuments(t *testing.T) {
	c, err := New()
	if err == nil {
		t.Fatalf("New() = %v, want an error", c)
	}
	if diff := cmp.Diff([]where{{"", ""}}, places(catalogErrors(t, err))); diff != "" {
		t.Errorf("error places (-want +got):\n%s", diff)
	}
}

// TestCoversType: an offer without resource types covers every type; with
// them, only the types a glob admits, the last match deciding.
func TestCoversType(t *testing.T) {
	all := &Offer{ID: "all"}
	iaas := &Offer{ID: "iaas", ResourceTypes: []string{"acme_*", "!acme_db_*", "acme_db_backup"}}
	for _, c := range []struct {
		o    *Offer
		typ  string
		want bool
	}{
		{all, "acme_db_cluster", true},
		{iaas, "acme_vm", true},
		{iaas, "acme_db_cluster", false},
		{iaas, "acme_db_backup", true},
		{iaas, "other_vm", false},
	} {
		if got := c.o.CoversType(c.typ); got != c.want {
			t.Errorf("%s covers %s: %v, want %v", c.o.ID, c.typ, got, c.want)
		}
	}
}

// TestOutsidePerimeter: the embedded catalog's NumSpot qualification is
// IaaS only: a managed PostgreSQL in its region is outside it, a volume
// is not.
func TestOutsidePerimeter(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	c = c.WithClock(func() time.Time { return time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC) })
	if got := c.OutsidePerimeter("numspot", "cloudgouv-eu-west-1", "numspot_postgres_cluster"); len(got) != 1 || got[0].ID != "numspot-iaas-paas" {
		t.Errorf("numspot_postgres_cluster: %v, want numspot-iaas-paas", got)
	}
	if got := c.OutsidePerimeter("numspot", "cloudgouv-eu-west-1", "numspot_volume"); len(got) != 0 {
		t.Errorf("numspot_volume: %v, want none", got)
	}
	if got := c.OutsidePerimeter("ovhcloud", "eu-west-rbx-snc", "ovh_cloud_project_kube"); len(got) != 1 {
		t.Errorf("ovh_cloud_project_kube in eu-west-rbx-snc: %v, want the SNC Cloud Platform", got)
	}
}
