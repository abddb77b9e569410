package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// regionFacts are facts of the catalog that the provider must report
// exactly, whichever way the region is written. Whether a region is
// SecNumCloud-qualified today depends on the embedded catalog's statuses
// and expiries, which change as ANSSI publishes: the tests read it from
// the catalog, except for operators that have no qualified offer.
var regionFacts = []struct {
	name, provider, region string
	want                   map[string]knownvalue.Check
}{
	{
		name: "outscale_cloudgouv", provider: "outscale/outscale", region: "cloudgouv-eu-west-1",
		want: map[string]knownvalue.Check{
			"operator":                  knownvalue.StringExact("outscale"),
			"code":                      knownvalue.StringExact("cloudgouv-eu-west-1"),
			"zone":                      knownvalue.Null(),
			"country":                   knownvalue.StringExact("FR"),
			"eu":                        knownvalue.Bool(true),
			"extraterritorial_exposure": knownvalue.Bool(false),
			"offers": knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"id":     knownvalue.StringExact("outscale-iaas-secnumcloud"),
				"status": knownvalue.StringExact("qualified"),
			})}),
		},
	},
	{
		name: "outscale_cloudgouv_zone", provider: "outscale/outscale", region: "cloudgouv-eu-west-1a",
		want: map[string]knownvalue.Check{
			"code": knownvalue.StringExact("cloudgouv-eu-west-1"),
			"zone": knownvalue.StringExact("cloudgouv-eu-west-1a"),
		},
	},
	{
		name: "outscale_public", provider: "outscale/outscale", region: "eu-west-2",
		want: map[string]knownvalue.Check{
			"code":                  knownvalue.StringExact("eu-west-2"),
			"country":               knownvalue.StringExact("FR"),
			"eu":                    knownvalue.Bool(true),
			"secnumcloud_qualified": knownvalue.Bool(false),
		},
	},
	{
		name: "aws_paris", provider: "hashicorp/aws", region: "eu-west-3",
		want: map[string]knownvalue.Check{
			"operator":                  knownvalue.StringExact("aws"),
			"operator_name":             knownvalue.NotNull(),
			"code":                      knownvalue.StringExact("eu-west-3"),
			"kind":                      knownvalue.StringExact("region"),
			"country":                   knownvalue.StringExact("FR"),
			"countries":                 knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("FR")}),
			"eu":                        knownvalue.Bool(true),
			"eea":                       knownvalue.Bool(true),
			"secnumcloud_qualified":     knownvalue.Bool(false),
			"extraterritorial_exposure": knownvalue.Bool(true),
		},
	},
	{
		name: "aws_paris_zone_full_source", provider: "registry.terraform.io/hashicorp/aws", region: "eu-west-3a",
		want: map[string]knownvalue.Check{
			"operator":              knownvalue.StringExact("aws"),
			"code":                  knownvalue.StringExact("eu-west-3"),
			"zone":                  knownvalue.StringExact("eu-west-3a"),
			"country":               knownvalue.StringExact("FR"),
			"secnumcloud_qualified": knownvalue.Bool(false),
		},
	},
	{
		name: "aws_virginia", provider: "hashicorp/aws", region: "us-east-1",
		want: map[string]knownvalue.Check{
			"country": knownvalue.StringExact("US"),
			"eu":      knownvalue.Bool(false),
			"eea":     knownvalue.Bool(false),
		},
	},
	{
		name: "s3ns", provider: "hashicorp/google", region: "u-france-east1",
		want: map[string]knownvalue.Check{
			"operator":                  knownvalue.StringExact("s3ns"),
			"country":                   knownvalue.StringExact("FR"),
			"eu":                        knownvalue.Bool(true),
			"extraterritorial_exposure": knownvalue.Bool(false),
		},
	},
	{
		name: "google_paris", provider: "hashicorp/google", region: "europe-west9",
		want: map[string]knownvalue.Check{
			"operator":                  knownvalue.StringExact("google"),
			"country":                   knownvalue.StringExact("FR"),
			"eu":                        knownvalue.Bool(true),
			"secnumcloud_qualified":     knownvalue.Bool(false),
			"extraterritorial_exposure": knownvalue.Bool(true),
		},
	},
	{
		name: "google_eu_multi_region", provider: "hashicorp/google", region: "EU",
		want: map[string]knownvalue.Check{
			"operator": knownvalue.StringExact("google"),
			"kind":     knownvalue.StringExact("multi_region"),
			"country":  knownvalue.Null(),
			"eu":       knownvalue.Bool(true),
		},
	},
	{
		name: "azure_display_name", provider: "hashicorp/azurerm", region: "West Europe",
		want: map[string]knownvalue.Check{
			"operator":     knownvalue.StringExact("azure"),
			"code":         knownvalue.StringExact("westeurope"),
			"display_name": knownvalue.StringExact("West Europe"),
			"country":      knownvalue.StringExact("NL"),
			"eu":           knownvalue.Bool(true),
		},
	},
}

func TestAccRegionDataSource(t *testing.T) {
	t.Parallel()
	c := embedded(t)
	config := providerConfig
	var checks []statecheck.StateCheck
	for _, f := range regionFacts {
		config += `
data "trustcloud_region" "` + f.name + `" {
  terraform_provider = "` + f.provider + `"
  region             = "` + f.region + `"
}
`
		addr := "data.trustcloud_region." + f.name
		checks = append(checks,
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("terraform_provider"), knownvalue.StringExact(f.provider)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("region"), knownvalue.StringExact(f.region)))
		for attr, want := range f.want {
			checks = append(checks, statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), want))
		}
		info, err := c.RegionOf(f.provider, f.region)
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		checks = append(checks,
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("secnumcloud_qualified"), knownvalue.Bool(info.Qualified)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("offers"), knownvalue.ListSizeExact(len(info.Offers))))
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: checks}},
	})
}

func TestAccRegionDataSource_errors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, provider, region string
		want                   []string
	}{
		{"unknown region", "hashicorp/aws", "eu-west-33", []string{"Unknown region", `unknown region "eu-west-33"`, "known (closest first): eu-west-3"}},
		{"unknown provider", "hashicorp/awz", "eu-west-3", []string{"Unknown Terraform provider", `unknown terraform provider "hashicorp/awz"`, "hashicorp/aws"}},
		{"provider without regions", "hashicorp/random", "eu-west-3", []string{"Not a regional location", "hashicorp/random", "no location"}},
		{"global location", "hashicorp/google", "global", []string{"Not a regional location", "global"}},
		{"empty region", "hashicorp/aws", "", []string{"Invalid Attribute Value Length", "region"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: providerConfig + `
data "trustcloud_region" "r" {
  terraform_provider = "` + tt.provider + `"
  region             = "` + tt.region + `"
}
`,
					ExpectError: expectError(tt.want...),
				}},
			})
		})
	}
}

// TestAccRegionDataSource_standing: a region is SecNumCloud-qualified only
// when an offer whose standing is qualified today covers it; the offers
// say why the others do not count. The user catalog is standingFixture.
func TestAccRegionDataSource_standing(t *testing.T) {
	t.Parallel()
	f := newStandingFixture()
	file := f.file(t)
	standings := func(pairs ...string) knownvalue.Check {
		var checks []knownvalue.Check
		for i := 0; i < len(pairs); i += 2 {
			checks = append(checks, knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"id":       knownvalue.StringExact(pairs[i]),
				"standing": knownvalue.StringExact(pairs[i+1]),
			}))
		}
		return knownvalue.ListExact(checks)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: requiredProviders + `
provider "trustcloud" {
  catalog_file = "` + file + `"
}

data "trustcloud_region" "paris" {
  terraform_provider = "tc-test/tc"
  region             = "tc-paris-1a"
}

data "trustcloud_region" "lyon" {
  terraform_provider = "tc-test/tc"
  region             = "tc-lyon-1"
}

data "trustcloud_region" "nice" {
  terraform_provider = "tc-test/tc"
  region             = "tc-nice-1"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.trustcloud_region.paris", tfjsonpath.New("code"), knownvalue.StringExact("tc-paris-1")),
				statecheck.ExpectKnownValue("data.trustcloud_region.paris", tfjsonpath.New("secnumcloud_qualified"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.trustcloud_region.paris", tfjsonpath.New("evaluated_on"), f.todayCheck()),
				statecheck.ExpectKnownValue("data.trustcloud_region.paris", tfjsonpath.New("offers"),
					standings("tc-expiring", "qualified", "tc-qualified", "qualified")),
				// Offers recorded as qualified cover Lyon, but one has expired
				// and the other is unconfirmed: not qualified.
				statecheck.ExpectKnownValue("data.trustcloud_region.lyon", tfjsonpath.New("secnumcloud_qualified"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.trustcloud_region.lyon", tfjsonpath.New("offers"),
					standings("tc-expired", "expired", "tc-pending", "pending", "tc-unconfirmed", "unconfirmed", "tc-unknown", "unknown")),
				statecheck.ExpectKnownValue("data.trustcloud_region.nice", tfjsonpath.New("secnumcloud_qualified"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.trustcloud_region.nice", tfjsonpath.New("offers").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"id":         knownvalue.StringExact("tc-lapsed"),
					"standing":   knownvalue.StringExact("expired"),
					"expires_on": knownvalue.StringExact(lapsedExpiry),
					"decision":   knownvalue.StringExact("TC-2003"),
				})),
			},
		}},
	})
}
