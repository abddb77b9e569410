package catalog_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

// userName is how the fuzz targets name the user catalog file.
const userName = "user.json"

// FuzzCatalog feeds arbitrary bytes to the catalog loader as a user file
// merged over the embedded catalog, as `--catalog FILE` and the provider's
// catalog_file do. Whatever the input: no panic; an error names a document
// on every line ("user.json: …" or "embedded catalog: …"); a catalog that
// loads finds every region of every operator by its code and by each of
// its zones. Seeds: the embedded catalog and the files of testdata/.
func FuzzCatalog(f *testing.F) {
	f.Add(catalog.Embedded())
	seeds, err := filepath.Glob("testdata/*.json")
	if err != nil {
		f.Fatal(err)
	}
	more, _ := filepath.Glob("testdata/*/*.json")
	for _, s := range append(seeds, more...) {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"schema_version":"1","regions":[{"operator":"outscale","code":"x","country":"FR","zones":["x-a"],"source_ids":["nope"]}]}`))
	base, err := catalog.Parse(catalog.EmbeddedName, catalog.Embedded())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := catalog.Parse(userName, data)
		if err != nil {
			checkCatalogError(t, err)
			return
		}
		c, err := catalog.New(catalog.Named{Name: catalog.EmbeddedName, Doc: base}, catalog.Named{Name: userName, Doc: doc})
		if err != nil {
			checkCatalogError(t, err)
			return
		}
		for _, p := range c.Providers() {
			for _, r := range c.RegionsOf(p) {
				m, ok := c.Locate(p, []string{r.Operator}, r.Code)
				if !ok || m.Region != r {
					t.Fatalf("provider %s, operator %s: region code %q locates to %+v, %v", p.Source, r.Operator, r.Code, m.Region, ok)
				}
				for _, z := range r.Zones {
					m, ok := c.Locate(p, []string{r.Operator}, z)
					if !ok || m.Region != r {
						t.Fatalf("provider %s, operator %s: zone %q of %q locates to %+v, %v", p.Source, r.Operator, z, r.Code, m.Region, ok)
					}
				}
			}
		}
	})
}

// checkCatalogError asserts that a catalog error names its document on
// every line.
func checkCatalogError(t *testing.T, err error) {
	t.Helper()
	var ce *catalog.Error
	if !errors.As(err, &ce) {
		t.Fatalf("error %v (%T) is not a *catalog.Error", err, err)
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if !strings.HasPrefix(line, userName+": ") && !strings.HasPrefix(line, catalog.EmbeddedName+": ") {
			t.Fatalf("error line %q does not name the document", line)
		}
	}
}

// FuzzLocate feeds arbitrary provider sources and location values to the
// region/zone normaliser of the embedded catalog (what the plan resolver,
// the provider's data sources and its functions call). Whatever the input:
// no panic; NormalizeSource is idempotent; an unknown provider or region
// is a *NotFoundError or an error that says why; a value that locates
// names a region or "global", and the region found locates to itself by
// its code; RegionOf agrees with Locate.
func FuzzLocate(f *testing.F) {
	c, err := catalog.Default()
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range c.Providers() {
		for _, r := range c.RegionsOf(p) {
			f.Add(p.Source, r.Code)
			for _, z := range r.Zones {
				f.Add("registry.terraform.io/"+p.Source, z)
			}
			if r.DisplayName != "" {
				f.Add(strings.ToUpper(p.Source), r.DisplayName)
			}
		}
	}
	for _, s := range [][2]string{
		{"hashicorp/aws", "eu-west-3a"}, {"scaleway/scaleway", "fr-par-2"}, {"hashicorp/google", "europe-west9-b"},
		{"hashicorp/google", "projects/p/zones/us-central1-a"}, {"hashicorp/azurerm", "West Europe"},
		{"hashicorp/google", "EU"}, {"hashicorp/azurerm", "global"}, {"aws", " EU-WEST-3 "}, {"", ""},
		{"registry.opentofu.org/outscale/outscale", "cloudgouv-eu-west-1a"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, source, value string) {
		norm := catalog.NormalizeSource(source)
		if again := catalog.NormalizeSource(norm); again != norm {
			t.Fatalf("NormalizeSource(%q) = %q, but NormalizeSource(%q) = %q", source, norm, norm, again)
		}
		p, err := c.Provider(source)
		if err != nil {
			if !catalog.IsNotFound(err) {
				t.Fatalf("Provider(%q): %v is not a NotFoundError", source, err)
			}
			return
		}
		m, ok := c.Locate(p, nil, value)
		info, infoErr := c.RegionOf(source, value)
		switch {
		case p.NotLocated:
			if infoErr == nil {
				t.Fatalf("RegionOf(%q, %q) located a value of a provider without regions", source, value)
			}
			return
		case !ok:
			if m.Region != nil || m.Global {
				t.Fatalf("Locate(%q, %q) failed but says %+v", source, value, m)
			}
			if infoErr == nil || !catalog.IsNotFound(infoErr) {
				t.Fatalf("RegionOf(%q, %q) = %v, want a NotFoundError", source, value, infoErr)
			}
			return
		case m.Global:
			if m.Region != nil {
				t.Fatalf("Locate(%q, %q) is global and names region %q", source, value, m.Region.Code)
			}
			if infoErr == nil {
				t.Fatalf("RegionOf(%q, %q) gave a region for a global value", source, value)
			}
			return
		}
		if m.Region == nil {
			t.Fatalf("Locate(%q, %q) succeeded without a region", source, value)
		}
		if infoErr != nil || info.Region != m.Region {
			t.Fatalf("RegionOf(%q, %q) = %v, %v; Locate found %q", source, value, info, infoErr, m.Region.Code)
		}
		if info.EU && !info.EEA {
			t.Fatalf("%s: in the EU but not in the EEA", m.Region.Code)
		}
		back, ok := c.Locate(p, []string{m.Region.Operator}, m.Region.Code)
		if !ok || back.Region != m.Region {
			t.Fatalf("%q locates to %s/%s, whose code locates to %+v", value, m.Region.Operator, m.Region.Code, back.Region)
		}
	})
}
