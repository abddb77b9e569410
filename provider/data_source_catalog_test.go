package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

func TestAccCatalogDataSource(t *testing.T) {
	t.Parallel()
	c, err := catalog.Default()
	if err != nil {
		t.Fatalf("embedded catalog: %v", err)
	}
	if len(c.Sources()) == 0 {
		t.Fatal("the embedded catalog has no sources")
	}
	first := c.Sources()[0]
	addr := "data.trustcloud_catalog.c"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerConfig + `
data "trustcloud_catalog" "c" {}

output "source_ids" {
  value = [for s in data.trustcloud_catalog.c.sources : s.id]
}

output "every_source_titled" {
  value = alltrue([for s in data.trustcloud_catalog.c.sources : s.title != ""])
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("as_of"), knownvalue.StringExact(c.AsOf)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("as_of"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`))),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.StringExact(c.Version)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("anssi_edition"), optStringCheck(c.AnssiEdition)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("sources"), knownvalue.ListSizeExact(len(c.Sources()))),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("sources").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":    knownvalue.StringExact(first.ID),
					"title": knownvalue.StringExact(first.Title),
					"url":   optStringCheck(first.URL),
					"date":  optStringCheck(first.Date),
				})),
				statecheck.ExpectKnownOutputValue("every_source_titled", knownvalue.Bool(true)),
			},
		}},
	})
}

// TestAccCatalogDataSource_userFile: a catalog_file that sets as_of and
// anssi_edition overrides the embedded ones.
func TestAccCatalogDataSource_userFile(t *testing.T) {
	t.Parallel()
	f := newStandingFixture()
	f.doc.AsOf = "2026-11-30"
	file := f.file(t)
	addr := "data.trustcloud_catalog.c"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: requiredProviders + `
provider "trustcloud" {
  catalog_file = "` + file + `"
}

data "trustcloud_catalog" "c" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("as_of"), knownvalue.StringExact("2026-11-30")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("anssi_edition"), knownvalue.StringExact(fixtureEdition)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.StringExact("test-standing")),
			},
		}},
	})
}

// optStringCheck expects the catalog's empty string as null.
func optStringCheck(s string) knownvalue.Check {
	if s == "" {
		return knownvalue.Null()
	}
	return knownvalue.StringExact(s)
}
