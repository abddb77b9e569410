package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

// pure is the catalog the functions read by default: the embedded one on
// its as_of clock.
func pure(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, ferr := functionCatalog()
	if ferr != nil {
		t.Fatalf("functionCatalog: %v", ferr)
	}
	return c
}

func TestAccIsSecNumCloudFunction(t *testing.T) {
	t.Parallel()
	c := pure(t)
	// qualified is the embedded catalog's answer on its as_of date: which
	// offers are qualified changes as ANSSI publishes, so it is read from
	// the catalog rather than written here.
	qualified := func(source, region string) bool {
		info, err := c.RegionOf(source, region)
		if err != nil {
			t.Fatalf("%s %s: %v", source, region, err)
		}
		return info.Qualified
	}
	tests := []struct {
		output, provider, region string
		want                     bool
	}{
		{"outscale_cloudgouv", "outscale/outscale", "cloudgouv-eu-west-1", qualified("outscale/outscale", "cloudgouv-eu-west-1")},
		{"outscale_cloudgouv_zone", "outscale/outscale", "cloudgouv-eu-west-1a", qualified("outscale/outscale", "cloudgouv-eu-west-1")},
		{"outscale_public", "outscale/outscale", "eu-west-2", false},
		{"s3ns", "hashicorp/google", "u-france-east1", qualified("hashicorp/google", "u-france-east1")},
		{"google_paris", "hashicorp/google", "europe-west9", false},
		{"aws_paris", "hashicorp/aws", "eu-west-3", false},
		{"aws_paris_zone", "registry.terraform.io/hashicorp/aws", "eu-west-3a", false},
		{"numspot", "numspot/numspot", "cloudgouv-eu-west-1", qualified("numspot/numspot", "cloudgouv-eu-west-1")},
	}
	config := providerConfig
	var checks []statecheck.StateCheck
	for _, tt := range tests {
		config += `
output "` + tt.output + `" {
  value = provider::trustcloud::is_secnumcloud("` + tt.provider + `", "` + tt.region + `")
}
`
		checks = append(checks, statecheck.ExpectKnownOutputValue(tt.output, knownvalue.Bool(tt.want)))
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		TerraformVersionChecks:   functionVersionChecks,
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: checks}},
	})
}

// TestAccIsSecNumCloudFunction_standing gives the functions the standing
// fixture as their catalog, with as_of fixtureAsOf, and the data sources
// the same offers as a catalog_file. tc-lapsed expired after that as_of
// and before today: the function, which judges on the catalog's date,
// still counts it, and says so in evaluated_on; the data source, which
// judges on today's, does not. Expired, unconfirmed, pending and unknown
// offers never count. Not parallel: it replaces the functions' catalog
// for the whole process, and runs before the parallel tests start.
func TestAccIsSecNumCloudFunction_standing(t *testing.T) {
	f := newStandingFixture()
	fnCatalog := f.alone(t)
	saved := functionCatalogSource
	functionCatalogSource = func() (*catalog.Catalog, error) { return fnCatalog, nil }
	t.Cleanup(func() { functionCatalogSource = saved })
	file := f.file(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		TerraformVersionChecks:   functionVersionChecks,
		Steps: []resource.TestStep{{
			Config: requiredProviders + `
provider "trustcloud" {
  catalog_file = "` + file + `"
}

data "trustcloud_region" "nice" {
  terraform_provider = "tc-test/tc"
  region             = "tc-nice-1"
}

output "nice" {
  value = provider::trustcloud::is_secnumcloud("tc-test/tc", "tc-nice-1")
}

output "paris" {
  value = provider::trustcloud::is_secnumcloud("tc-test/tc", "tc-paris-1a")
}

output "lyon" {
  value = provider::trustcloud::is_secnumcloud("tc-test/tc", "tc-lyon-1")
}

output "nice_info" {
  value = provider::trustcloud::region_info("tc-test/tc", "tc-nice-1")
}

output "lyon_standings" {
  value = [for o in provider::trustcloud::region_info("tc-test/tc", "tc-lyon-1").offers : o.standing]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("nice", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("paris", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("lyon", knownvalue.Bool(false)),
				statecheck.ExpectKnownOutputValue("nice_info", knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"secnumcloud_qualified": knownvalue.Bool(true),
					"evaluated_on":          knownvalue.StringExact(fixtureAsOf),
					"offers": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id":                    knownvalue.StringExact("tc-lapsed"),
						"standing":              knownvalue.StringExact("qualified"),
						"secnumcloud_qualified": knownvalue.Bool(true),
						"expires_on":            knownvalue.StringExact(lapsedExpiry),
						"decision":              knownvalue.StringExact("TC-2003"),
						"anssi_edition":         knownvalue.StringExact(fixtureEdition),
					})}),
				})),
				statecheck.ExpectKnownOutputValue("lyon_standings", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("expired"), knownvalue.StringExact("pending"),
					knownvalue.StringExact("unconfirmed"), knownvalue.StringExact("unknown"),
				})),
				statecheck.ExpectKnownValue("data.trustcloud_region.nice", tfjsonpath.New("secnumcloud_qualified"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.trustcloud_region.nice", tfjsonpath.New("evaluated_on"), f.todayCheck()),
			},
		}},
	})
}

func TestAccIsSecNumCloudFunction_errors(t *testing.T) {
	t.Parallel()
	testRegionFunctionErrors(t, "is_secnumcloud")
}
