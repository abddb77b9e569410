package catalog

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func offerIDs(offers []*Offer) []string {
	out := make([]string, len(offers))
	for i, o := range offers {
		out[i] = o.ID
	}
	return out
}

// TestLoadUserOverride loads testdata/user/override.json over the embedded
// catalog: it makes the Bleu offer qualified and adds an operator, a region
// and a Terraform provider mapping.
func TestLoadUserOverride(t *testing.T) {
	const file = "testdata/user/override.json"
	c, err := Load(file)
	if err != nil {
		t.Fatalf("Load(%q):\n%v", file, err)
	}
	base := defaultCatalogT(t)

	t.Run("document fields from the user file", func(t *testing.T) {
		got := []string{c.AsOf, c.Version, c.SchemaVersion}
		if diff := cmp.Diff([]string{"2027-01-10", "user-2027.01", "1"}, got); diff != "" {
			t.Errorf("as_of, version, schema_version (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{EmbeddedName, file}, c.Files); diff != "" {
			t.Errorf("Files (-want +got):\n%s", diff)
		}
	})

	t.Run("overridden offer", func(t *testing.T) {
		o, ok := c.Offer("bleu-cloud-de-confiance")
		if !ok {
			t.Fatal("offer bleu-cloud-de-confiance is missing")
		}
		got := []string{string(o.Status), o.QualifiedOn, strings.Join(o.SourceIDs, ","), strings.Join(o.Regions, ",")}
		if diff := cmp.Diff([]string{"qualified", "2027-01-05", "u1,s4", "fr-central"}, got); diff != "" {
			t.Errorf("status, qualified_on, source_ids, regions (-want +got):\n%s", diff)
		}
		if !c.Qualified(o) {
			t.Error("Qualified(overridden Bleu offer) = false, want true")
		}
		if s, ok := c.Source("u1"); !ok || s.Date != "2027-01-05" {
			t.Errorf("Source(u1) = %+v, %v; want the user file's source", s, ok)
		}
		// The offer is replaced, not added: one Bleu offer, and the
		// embedded catalog itself is unchanged.
		n := 0
		for _, o := range c.Offers() {
			if o.Operator == "bleu" {
				n++
			}
		}
		if n != 1 || len(c.Offers()) != len(base.Offers())+1 {
			t.Errorf("%d Bleu offers and %d offers; want 1 and %d (one offer added by the file)", n, len(c.Offers()), len(base.Offers())+1)
		}
		if orig, _ := base.Offer("bleu-cloud-de-confiance"); orig.Status != StatusJ1 {
			t.Errorf("embedded Bleu offer status = %q after Load, want J1", orig.Status)
		}
	})

	t.Run("the region reflects the override", func(t *testing.T) {
		info, err := c.RegionOf("example/bleu", "France Central (Bleu)")
		if err != nil {
			t.Fatal(err)
		}
		if !info.Qualified || !c.RegionQualified(info.Region) {
			t.Errorf("Qualified = %v, RegionQualified = %v; want true, true", info.Qualified, c.RegionQualified(info.Region))
		}
		if diff := cmp.Diff([]string{"bleu-cloud-de-confiance"}, offerIDs(c.OffersCovering(info.Region))); diff != "" {
			t.Errorf("OffersCovering (-want +got):\n%s", diff)
		}
		if got := info.Operator.ID + "/" + info.Region.Code; got != "bleu/fr-central" {
			t.Errorf("region = %s, want bleu/fr-central", got)
		}
		if !c.OperatorQualified("bleu") || base.OperatorQualified("bleu") {
			t.Errorf("OperatorQualified(bleu) = %v with the file, %v without; want true, false", c.OperatorQualified("bleu"), base.OperatorQualified("bleu"))
		}
	})

	t.Run("new operator, region and provider", func(t *testing.T) {
		info, err := c.RegionOf("registry.terraform.io/example/examplecloud", "ex-fra-2")
		if err != nil {
			t.Fatal(err)
		}
		got := regionWant{
			Operator: info.Operator.ID, Code: info.Region.Code, Zone: info.Zone, Country: info.Region.Country,
			EU: info.EU, EEA: info.EEA, Qualified: info.Qualified, Exposure: info.Operator.ExtraterritorialExposure,
		}
		want := regionWant{Operator: "examplecloud", Code: "ex-fra", Zone: "ex-fra-2", Country: "DE", EU: true, EEA: true, Exposure: ptr(false)}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("RegionOf (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"examplecloud-public"}, offerIDs(info.Offers)); diff != "" {
			t.Errorf("offers (-want +got):\n%s", diff)
		}
		if _, err := base.RegionOf("example/examplecloud", "ex-fra"); !IsNotFound(err) {
			t.Errorf("embedded catalog RegionOf(example/examplecloud) error = %v, want a NotFoundError", err)
		}
	})

	t.Run("embedded entries still there", func(t *testing.T) {
		info, err := c.RegionOf("hashicorp/google", "u-france-east1")
		if err != nil || !info.Qualified {
			t.Errorf("RegionOf(google, u-france-east1) = %+v, %v; want a qualified region", info, err)
		}
	})
}

// TestLoadUserErrors: problems in a user file are reported in that file, at
// its own JSON paths, never in the embedded catalog.
func TestLoadUserErrors(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		want    []where
		wantMsg []string
	}{
		{
			name: "dangling references of an override",
			file: "testdata/user/dangling.json",
			want: []where{
				{"testdata/user/dangling.json", "$.offers[1].regions[0]"},
				{"testdata/user/dangling.json", "$.offers[1].source_ids[1]"},
				{"testdata/user/dangling.json", "$.terraform_providers[0].operators[0].operator"},
			},
			wantMsg: []string{`unknown region "cloudgouv-eu-west-9" of operator "numspot"; known: cloudgouv-eu-west-1`, `unknown source "u404"`, `unknown operator "nowhere"`},
		},
		{
			name:    "duplicate within the user file",
			file:    "testdata/user/duplicate.json",
			want:    []where{{"testdata/user/duplicate.json", "$.regions[1]"}},
			wantMsg: []string{`duplicate region (operator and code) "scaleway/fr-par": also at $.regions[0]`},
		},
		{
			// The user's fr-aaa sorts before the embedded fr-par; the clash
			// is still the user file's.
			name:    "zone of an embedded region claimed by a user region",
			file:    "testdata/user/zone-clash.json",
			want:    []where{{"testdata/user/zone-clash.json", "$.regions[0].zones[1]"}},
			wantMsg: []string{`"fr-par-1" is already a name or zone of region "fr-par" of operator "scaleway"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.file)
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			es := catalogErrors(t, err)
			sortWhere := cmpopts.SortSlices(func(a, b where) bool { return a.Path < b.Path })
			if diff := cmp.Diff(tt.want, places(es), sortWhere); diff != "" {
				t.Fatalf("error places (-want +got):\n%s\nerror:\n%v", diff, err)
			}
			all := err.Error()
			for _, msg := range tt.wantMsg {
				if !strings.Contains(all, msg) {
					t.Errorf("error does not contain %q:\n%v", msg, all)
				}
			}
			if strings.Contains(all, EmbeddedName) {
				t.Errorf("error blames the embedded catalog:\n%v", all)
			}
		})
	}
}

// TestNewMergesNamedDocuments merges documents given directly to New.
func TestNewMergesNamedDocuments(t *testing.T) {
	base, err := Parse(minimalFile, mustRead(t, minimalFile))
	if err != nil {
		t.Fatal(err)
	}
	parse := func(name, data string) *Document {
		t.Helper()
		d, err := Parse(name, []byte(data))
		if err != nil {
			t.Fatal(err)
		}
		return d
	}

	t.Run("later document replaces and adds", func(t *testing.T) {
		second := parse("second.json", `{
  "schema_version": "1",
  "operators": [{"id": "acme", "name": "Acme Cloud (renamed)", "country": "DE", "parent_jurisdiction": "DE", "source_ids": ["s2"]}],
  "regions": [{"operator": "acme", "code": "de-fra", "country": "DE", "source_ids": ["s2"]}],
  "offers": [{"id": "acme-iaas", "operator": "acme", "name": "Acme IaaS", "status": "J1", "regions": ["de-fra", "fr-par"], "source_ids": ["s2"]}]
}`)
		c, err := New(Named{Name: minimalFile, Doc: base}, Named{Name: "second.json", Doc: second})
		if err != nil {
			t.Fatal(err)
		}
		// as_of and version are not in the second document: the first
		// one's stay.
		if c.AsOf != "2026-01-15" || c.Version != "test-1" {
			t.Errorf("as_of, version = %q, %q; want the first document's", c.AsOf, c.Version)
		}
		op, err := c.Operator("acme")
		if err != nil || op.Name != "Acme Cloud (renamed)" || op.Country != "DE" {
			t.Errorf("Operator(acme) = %+v, %v; want the second document's", op, err)
		}
		var codes []string
		for _, r := range c.Regions() {
			codes = append(codes, r.Code)
		}
		if diff := cmp.Diff([]string{"de-fra", "fr-par"}, codes); diff != "" {
			t.Errorf("region codes (-want +got):\n%s", diff)
		}
		for _, r := range c.Regions() {
			if c.RegionQualified(r) {
				t.Errorf("region %s is qualified; the J1 offer replaced the qualified one", r.Code)
			}
			if diff := cmp.Diff([]string{"acme-iaas"}, offerIDs(c.OffersCovering(r))); diff != "" {
				t.Errorf("OffersCovering(%s) (-want +got):\n%s", r.Code, diff)
			}
		}
	})

	t.Run("dangling reference blamed on the later document", func(t *testing.T) {
		second := parse("second.json", `{"schema_version": "1", "offers": [{"id": "acme-iaas", "operator": "acme", "name": "x", "status": "none", "regions": ["xx-nowhere"], "source_ids": ["s1"]}]}`)
		_, err := New(Named{Name: minimalFile, Doc: base}, Named{Name: "second.json", Doc: second})
		if err == nil {
			t.Fatal("New succeeded, want an error")
		}
		if diff := cmp.Diff([]where{{"second.json", "$.offers[0].regions[0]"}}, places(catalogErrors(t, err))); diff != "" {
			t.Errorf("error places (-want +got):\n%s", diff)
		}
	})

	t.Run("invalid as_of of the later document", func(t *testing.T) {
		second := parse("second.json", `{"schema_version": "1", "as_of": "27/01/2027"}`)
		_, err := New(Named{Name: minimalFile, Doc: base}, Named{Name: "second.json", Doc: second})
		if err == nil {
			t.Fatal("New succeeded, want an error")
		}
		if diff := cmp.Diff([]where{{"second.json", "$.as_of"}}, places(catalogErrors(t, err))); diff != "" {
			t.Errorf("error places (-want +got):\n%s", diff)
		}
	})

	t.Run("later document without schema_version", func(t *testing.T) {
		_, err := New(Named{Name: minimalFile, Doc: base}, Named{Name: "second.json", Doc: &Document{}})
		if err == nil {
			t.Fatal("New succeeded, want an error")
		}
		if diff := cmp.Diff([]where{{"second.json", "$.schema_version"}}, places(catalogErrors(t, err))); diff != "" {
			t.Errorf("error places (-want +got):\n%s", diff)
		}
	})
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
