package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccRegionsDataSource(t *testing.T) {
	t.Parallel()
	// Whether Outscale's SecNumCloud region is qualified today is the
	// embedded catalog's answer (its qualification expires).
	info, err := embedded(t).RegionOf("outscale/outscale", "cloudgouv-eu-west-1")
	if err != nil {
		t.Fatal(err)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerConfig + `
data "trustcloud_regions" "all" {}

data "trustcloud_regions" "outscale_qualified" {
  terraform_provider = "outscale/outscale"
  secnumcloud_only   = true
}

data "trustcloud_regions" "aws_france" {
  operator = "aws"
  country  = "fr"
}

data "trustcloud_regions" "google" {
  terraform_provider = "registry.terraform.io/hashicorp/google"
}

data "trustcloud_regions" "eu" {
  eu_only = true
}

data "trustcloud_regions" "qualified" {
  secnumcloud_only = true
}

locals {
  outscale_qualified = [for r in data.trustcloud_regions.outscale_qualified.regions : r.code]
  google_operators   = distinct([for r in data.trustcloud_regions.google.regions : r.operator])
  qualified          = [for r in data.trustcloud_regions.qualified.regions : "${r.operator}/${r.code}"]
}

output "outscale_qualified_has_cloudgouv" {
  value = contains(local.outscale_qualified, "cloudgouv-eu-west-1")
}

output "outscale_qualified_has_eu_west_2" {
  value = contains(local.outscale_qualified, "eu-west-2")
}

output "google_operators" {
  value = sort(local.google_operators)
}

output "eu_all_eu" {
  value = alltrue([for r in data.trustcloud_regions.eu.regions : r.eu && r.eea])
}

output "eu_fewer_than_all" {
  value = length(data.trustcloud_regions.eu.regions) < length(data.trustcloud_regions.all.regions)
}

output "eu_has_us_east_1" {
  value = anytrue([for r in data.trustcloud_regions.eu.regions : r.operator == "aws" && r.code == "us-east-1"])
}

output "qualified_has_s3ns" {
  value = contains(local.qualified, "s3ns/u-france-east1")
}

output "qualified_has_google_paris" {
  value = contains(local.qualified, "google/europe-west9")
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("outscale_qualified_has_cloudgouv", knownvalue.Bool(info.Qualified)),
				statecheck.ExpectKnownOutputValue("outscale_qualified_has_eu_west_2", knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.trustcloud_regions.aws_france", tfjsonpath.New("regions"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"operator":              knownvalue.StringExact("aws"),
						"code":                  knownvalue.StringExact("eu-west-3"),
						"kind":                  knownvalue.StringExact("region"),
						"country":               knownvalue.StringExact("FR"),
						"countries":             knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("FR")}),
						"eu":                    knownvalue.Bool(true),
						"eea":                   knownvalue.Bool(true),
						"secnumcloud_qualified": knownvalue.Bool(false),
					}),
				})),
				// The google provider reaches both Google Cloud and S3NS.
				statecheck.ExpectKnownOutputValue("google_operators", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("google"), knownvalue.StringExact("s3ns"),
				})),
				statecheck.ExpectKnownOutputValue("eu_all_eu", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("eu_fewer_than_all", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("eu_has_us_east_1", knownvalue.Bool(false)),
				statecheck.ExpectKnownOutputValue("qualified_has_s3ns", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("qualified_has_google_paris", knownvalue.Bool(false)),
			},
		}},
	})
}

func TestAccRegionsDataSource_errors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, args string
		want       []string
	}{
		{"unknown provider", `terraform_provider = "hashicorp/awz"`, []string{"Unknown Terraform provider", `unknown terraform provider "hashicorp/awz"`, "hashicorp/aws"}},
		{"unknown operator", `operator = "amazon"`, []string{"Unknown operator", `unknown operator "amazon"`, "aws"}},
		{"invalid country", `country = "France"`, []string{"Invalid Attribute Value Match", "ISO 3166-1 alpha-2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      providerConfig + "\ndata \"trustcloud_regions\" \"x\" {\n  " + tt.args + "\n}\n",
					ExpectError: expectError(tt.want...),
				}},
			})
		})
	}
}
