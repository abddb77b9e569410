package catalog

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// queryFile is the catalog of the query tests; queryNow is the instant
// they judge standings and expiries at.
const queryFile = "testdata/query.json"

var queryNow = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

// queryCatalog loads testdata/query.json on the clock queryNow.
func queryCatalog(t *testing.T) *Catalog {
	t.Helper()
	data, err := os.ReadFile(queryFile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(queryFile, data)
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(Named{Name: queryFile, Doc: doc})
	if err != nil {
		t.Fatalf("%s does not load:\n%v", queryFile, err)
	}
	return c.WithClock(func() time.Time { return queryNow })
}

// checkQuery compares what a query found, as ids, with want, or its error
// with the filter a *FilterError must name.
func checkQuery(t *testing.T, got []string, err error, want []string, wantFilter Filter) {
	t.Helper()
	if wantFilter != "" {
		var fe *FilterError
		if !errors.As(err, &fe) || fe.Filter != wantFilter || !IsNotFound(err) {
			t.Fatalf("error %v (%T), want a *FilterError on %s wrapping a *NotFoundError", err, err, wantFilter)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if got == nil {
		t.Fatal("nil result: a query that finds nothing returns an empty list")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("found (-want +got):\n%s", diff)
	}
}

// ids names each entry a query found, keeping a nil result nil.
func ids[T any](list []T, id func(T) string) []string {
	if list == nil {
		return nil
	}
	out := []string{}
	for _, v := range list {
		out = append(out, id(v))
	}
	return out
}

func regionID(r *Region) string { return r.Operator + "/" + r.Code }

func TestFindRegions(t *testing.T) {
	c := queryCatalog(t)
	all := []string{"acme/de-fra", "acme/eu", "acme/fr-lyo", "acme/fr-par", "acme-us/us-east",
		"bigco/EU", "bigco/US", "bigco/eu-de", "bigco/us-1", "nordic/no-osl"}
	tests := []struct {
		name   string
		q      RegionQuery
		want   []string
		filter Filter
	}{
		{"everything", RegionQuery{}, all, ""},
		{"operator, in any case, without its brand", RegionQuery{Operator: "ACME"}, []string{"acme/de-fra", "acme/eu", "acme/fr-lyo", "acme/fr-par"}, ""},
		{"unknown operator", RegionQuery{Operator: "acmee"}, nil, FilterOperator},
		{"provider reaches its operator's brand", RegionQuery{Provider: "acme/acme"},
			[]string{"acme/de-fra", "acme/eu", "acme/fr-lyo", "acme/fr-par", "acme-us/us-east"}, ""},
		// zeta/cloud tries nordic before bigco: the answer is still in
		// the catalog's order.
		{"provider, full address, sorted by operator", RegionQuery{Provider: "registry.terraform.io/zeta/cloud"},
			[]string{"bigco/EU", "bigco/US", "bigco/eu-de", "bigco/us-1", "nordic/no-osl"}, ""},
		{"unknown provider", RegionQuery{Provider: "zeta/clouds"}, nil, FilterProvider},
		{"unknown operator before unknown provider", RegionQuery{Operator: "nope", Provider: "nope/nope"}, nil, FilterOperator},
		{"provider and operator", RegionQuery{Provider: "acme/acme", Operator: "acme-us"}, []string{"acme-us/us-east"}, ""},
		// A multi-region entirely in the country matches; one that spans
		// it and others does not.
		{"country with a multi-region in it alone", RegionQuery{Country: "us"}, []string{"acme-us/us-east", "bigco/US", "bigco/us-1"}, ""},
		{"country and operator (Google's US case)", RegionQuery{Country: "US", Operator: "bigco"}, []string{"bigco/US", "bigco/us-1"}, ""},
		{"country spanned by multi-regions", RegionQuery{Country: "FR"}, []string{"acme/fr-lyo", "acme/fr-par"}, ""},
		{"country DE", RegionQuery{Country: "de"}, []string{"acme/de-fra", "bigco/eu-de"}, ""},
		{"country without regions", RegionQuery{Country: "JP"}, []string{}, ""},
		{"EU", RegionQuery{EU: true}, []string{"acme/de-fra", "acme/eu", "acme/fr-lyo", "acme/fr-par", "bigco/EU", "bigco/eu-de"}, ""},
		{"EU and operator", RegionQuery{EU: true, Operator: "bigco"}, []string{"bigco/EU", "bigco/eu-de"}, ""},
		// Only acme-iaas stands qualified: acme-caas is unconfirmed,
		// acme-old expired.
		{"qualified", RegionQuery{Qualified: true}, []string{"acme/fr-par"}, ""},
		{"qualified and country", RegionQuery{Qualified: true, Country: "DE"}, []string{}, ""},
		{"every filter", RegionQuery{Operator: "acme", Provider: "acme", Country: "FR", EU: true, Qualified: true}, []string{"acme/fr-par"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.FindRegions(tt.q)
			checkQuery(t, ids(got, regionID), err, tt.want, tt.filter)
		})
	}
}

// TestFindRegionsEmbedded: Google's US multi-regions are in the United
// States, its EU multi-region is not in France.
func TestFindRegionsEmbedded(t *testing.T) {
	c := defaultCatalogT(t)
	us, err := c.FindRegions(RegionQuery{Operator: "google", Country: "US"})
	if err != nil {
		t.Fatal(err)
	}
	found := ids(us, regionID)
	for _, want := range []string{"google/US", "google/NAM4", "google/nam5", "google/us-central1"} {
		if !slices.Contains(found, want) {
			t.Errorf("google regions in the US: %v, want %s among them", found, want)
		}
	}
	fr, err := c.FindRegions(RegionQuery{Provider: "hashicorp/google", Country: "FR"})
	if err != nil {
		t.Fatal(err)
	}
	found = ids(fr, regionID)
	if slices.Contains(found, "google/EU") || !slices.Contains(found, "google/europe-west9") || !slices.Contains(found, "s3ns/u-france-east1") {
		t.Errorf("hashicorp/google regions in France: %v, want europe-west9 and u-france-east1, not the EU multi-region", found)
	}
}

func TestFindOffers(t *testing.T) {
	c := queryCatalog(t)
	day := 24 * time.Hour
	tests := []struct {
		name   string
		q      OfferQuery
		want   []string
		filter Filter
	}{
		{"everything", OfferQuery{}, []string{"acme-caas", "acme-iaas", "acme-next", "acme-old", "bigco-cloud", "nordic-saas"}, ""},
		{"operator, in any case", OfferQuery{Operator: "Acme"}, []string{"acme-caas", "acme-iaas", "acme-next", "acme-old"}, ""},
		{"unknown operator", OfferQuery{Operator: "acme-eu"}, nil, FilterOperator},
		// The recorded status, whatever it means today.
		{"status qualified", OfferQuery{Status: StatusQualified}, []string{"acme-caas", "acme-iaas", "acme-old"}, ""},
		{"status J1", OfferQuery{Status: StatusJ1}, []string{"acme-next"}, ""},
		{"status J2", OfferQuery{Status: StatusJ2}, []string{}, ""},
		{"standing qualified", OfferQuery{Standing: StandingQualified}, []string{"acme-iaas"}, ""},
		{"standing unconfirmed", OfferQuery{Standing: StandingUnconfirmed}, []string{"acme-caas"}, ""},
		{"standing expired", OfferQuery{Standing: StandingExpired}, []string{"acme-old"}, ""},
		{"standing pending", OfferQuery{Standing: StandingPending}, []string{"acme-next"}, ""},
		{"standing unknown", OfferQuery{Standing: StandingUnknown}, []string{"nordic-saas"}, ""},
		{"standing none", OfferQuery{Standing: StandingNone}, []string{"bigco-cloud"}, ""},
		{"model, in any case, in a list", OfferQuery{Model: "iaas"}, []string{"acme-iaas", "acme-next", "acme-old", "bigco-cloud"}, ""},
		{"model CaaS", OfferQuery{Model: "CaaS"}, []string{"acme-caas", "bigco-cloud"}, ""},
		// acme-iaas expires on 2026-07-01, 16 calendar days after
		// 2026-06-15; acme-caas on 2027-06-01, unconfirmed but not
		// expired; acme-old has expired and never expires soon.
		{"expiring on the last day of the window", OfferQuery{Expiring: Horizon{Days: 16}}, []string{"acme-iaas"}, ""},
		{"expiring the day after the window", OfferQuery{Expiring: Horizon{Days: 15}}, []string{}, ""},
		{"expiring, unconfirmed included", OfferQuery{Expiring: Horizon{Days: 400}}, []string{"acme-caas", "acme-iaas"}, ""},
		// A duration counts from now, not from midnight: 16 days from
		// noon ends before the end of 2026-07-01.
		{"expiring within a duration", OfferQuery{Expiring: Horizon{Duration: 16 * day}}, []string{}, ""},
		{"expiring within a longer duration", OfferQuery{Expiring: Horizon{Duration: 17 * day}}, []string{"acme-iaas"}, ""},
		{"expiring and standing", OfferQuery{Expiring: Horizon{Days: 400}, Standing: StandingQualified}, []string{"acme-iaas"}, ""},
		{"every filter", OfferQuery{Operator: "acme", Status: StatusQualified, Standing: StandingQualified, Model: "PaaS",
			Expiring: Horizon{Days: 30}}, []string{"acme-iaas"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.FindOffers(tt.q)
			checkQuery(t, ids(got, func(o *Offer) string { return o.ID }), err, tt.want, tt.filter)
		})
	}
}

func TestFindOperators(t *testing.T) {
	c := queryCatalog(t)
	tests := []struct {
		name string
		q    OperatorQuery
		want []string
	}{
		{"everything", OperatorQuery{}, []string{"acme", "acme-us", "bigco", "nordic"}},
		{"country, in any case", OperatorQuery{Country: "us"}, []string{"acme-us", "bigco"}},
		{"qualified", OperatorQuery{Qualified: true}, []string{"acme"}},
		{"qualified and country", OperatorQuery{Qualified: true, Country: "US"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(c.FindOperators(tt.q), func(o *Operator) string { return o.ID })
			checkQuery(t, got, nil, tt.want, "")
		})
	}
}

func TestFindTypes(t *testing.T) {
	c := queryCatalog(t)
	tests := []struct {
		name   string
		q      TypeQuery
		want   []string
		filter Filter
	}{
		{"everything, sorted", TypeQuery{}, []string{"acme/acme acme_bucket", "acme/acme acme_bucket_policy", "acme/acme acme_iam_role",
			"acme/acme data.acme_bucket", "zeta/cloud zeta_vm"}, ""},
		{"provider, bare type", TypeQuery{Provider: "acme"}, []string{"acme/acme acme_bucket", "acme/acme acme_bucket_policy",
			"acme/acme acme_iam_role", "acme/acme data.acme_bucket"}, ""},
		{"unknown provider", TypeQuery{Provider: "acme/acmee"}, nil, FilterProvider},
		{"glob", TypeQuery{Type: "acme_bucket*"}, []string{"acme/acme acme_bucket", "acme/acme acme_bucket_policy"}, ""},
		{"data sources", TypeQuery{Type: "data.*"}, []string{"acme/acme data.acme_bucket"}, ""},
		{"malformed glob", TypeQuery{Type: "acme_[bucket"}, []string{}, ""},
		{"scope", TypeQuery{Scope: ScopeRegional}, []string{"acme/acme acme_bucket", "acme/acme data.acme_bucket"}, ""},
		{"provider and scope", TypeQuery{Provider: "zeta/cloud", Scope: ScopeRegional}, []string{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.FindTypes(tt.q)
			checkQuery(t, ids(got, func(ts *TypeScope) string { return ts.Source + " " + ts.Type }), err, tt.want, tt.filter)
		})
	}
}

func TestHorizonWindow(t *testing.T) {
	now := time.Date(2026, 12, 3, 15, 4, 5, 0, time.UTC)
	tests := []struct {
		h    Horizon
		want time.Time // the last instant that is within
	}{
		{Horizon{Days: 1}, time.Date(2026, 12, 4, 23, 59, 59, 999999999, time.UTC)},
		{Horizon{Days: 30}, time.Date(2027, 1, 2, 23, 59, 59, 999999999, time.UTC)},
		{Horizon{Duration: 36 * time.Hour}, time.Date(2026, 12, 5, 3, 4, 5, 0, time.UTC)},
	}
	for _, tt := range tests {
		if got := now.Add(tt.h.window(now)); !got.Equal(tt.want) {
			t.Errorf("%+v ends at %s, want %s", tt.h, got, tt.want)
		}
	}
	if !(Horizon{}).IsZero() || (Horizon{Days: 1}).IsZero() || (Horizon{Duration: time.Hour}).IsZero() {
		t.Error("only the zero Horizon is zero")
	}
}

func TestHasModel(t *testing.T) {
	tests := []struct {
		model, want string
		ok          bool
	}{
		{"IaaS/CaaS/PaaS", "caas", true},
		{"IaaS/CaaS/PaaS", "PaaS", true},
		{"IaaS / CaaS", "CaaS", true},
		{"IaaS/CaaS/PaaS", "SaaS", false},
		{"IaaS", "IaaS", true},
		{"", "IaaS", false},
	}
	for _, tt := range tests {
		o := &Offer{Model: tt.model}
		if got := o.HasModel(tt.want); got != tt.ok {
			t.Errorf("Offer{Model: %q}.HasModel(%q) = %v, want %v", tt.model, tt.want, got, tt.ok)
		}
	}
}

func TestParseStatusAndStanding(t *testing.T) {
	for _, s := range Statuses {
		for _, in := range []string{string(s), strings.ToUpper(string(s)), strings.ToLower(string(s))} {
			if got, ok := ParseStatus(in); !ok || got != s {
				t.Errorf("ParseStatus(%q) = %q, %v; want %q", in, got, ok, s)
			}
		}
	}
	for _, s := range Standings {
		if got, ok := ParseStanding(strings.ToUpper(string(s))); !ok || got != s {
			t.Errorf("ParseStanding(%q) = %q, %v; want %q", strings.ToUpper(string(s)), got, ok, s)
		}
	}
	for _, bad := range []string{"", "J4", "lapsed", "qualified "} {
		if _, ok := ParseStatus(bad); ok {
			t.Errorf("ParseStatus(%q) accepted", bad)
		}
		if _, ok := ParseStanding(bad); ok {
			t.Errorf("ParseStanding(%q) accepted", bad)
		}
	}
}
