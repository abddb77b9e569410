package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// functionVersionChecks fails, rather than skips, a function test on a
// Terraform without provider-defined functions: a skipped test would hide
// that the functions were never exercised.
var functionVersionChecks = []tfversion.TerraformVersionCheck{
	tfversion.RequireAbove(tfversion.Version1_8_0),
}

func TestAccRegionInfoFunction(t *testing.T) {
	t.Parallel()
	c := pure(t)
	outscale, err := c.RegionOf("outscale/outscale", "cloudgouv-eu-west-1a")
	if err != nil {
		t.Fatal(err)
	}
	s3ns, err := c.RegionOf("hashicorp/google", "u-france-east1")
	if err != nil {
		t.Fatal(err)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		TerraformVersionChecks:   functionVersionChecks,
		Steps: []resource.TestStep{{
			Config: providerConfig + `
output "aws_zone" {
  value = provider::trustcloud::region_info("registry.terraform.io/hashicorp/aws", "eu-west-3a")
}

output "outscale" {
  value = provider::trustcloud::region_info("outscale/outscale", "cloudgouv-eu-west-1a")
}

output "s3ns" {
  value = provider::trustcloud::region_info("hashicorp/google", "u-france-east1")
}

output "azure" {
  value = provider::trustcloud::region_info("hashicorp/azurerm", "West Europe")
}

data "trustcloud_region" "aws" {
  terraform_provider = "hashicorp/aws"
  region             = "eu-west-3a"
}

# The function returns exactly the data source's computed attributes. The
# date they are judged on differs (the catalog's as_of for the function,
# today for the data source); AWS has no qualification for it to change.
output "same_as_data_source" {
  value = jsonencode({
    for k, v in provider::trustcloud::region_info("hashicorp/aws", "eu-west-3a") : k => v if k != "evaluated_on"
    }) == jsonencode({
    for k, v in data.trustcloud_region.aws : k => v if !contains(["terraform_provider", "region", "evaluated_on"], k)
  })
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("aws_zone", knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"operator":                  knownvalue.StringExact("aws"),
					"code":                      knownvalue.StringExact("eu-west-3"),
					"zone":                      knownvalue.StringExact("eu-west-3a"),
					"country":                   knownvalue.StringExact("FR"),
					"eu":                        knownvalue.Bool(true),
					"eea":                       knownvalue.Bool(true),
					"secnumcloud_qualified":     knownvalue.Bool(false),
					"extraterritorial_exposure": knownvalue.Bool(true),
				})),
				statecheck.ExpectKnownOutputValue("outscale", knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"operator":              knownvalue.StringExact("outscale"),
					"code":                  knownvalue.StringExact("cloudgouv-eu-west-1"),
					"zone":                  knownvalue.StringExact("cloudgouv-eu-west-1a"),
					"secnumcloud_qualified": knownvalue.Bool(outscale.Qualified),
					"evaluated_on":          knownvalue.StringExact(c.AsOf),
					"offers": knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"status":   knownvalue.StringExact("qualified"),
						"standing": knownvalue.StringExact(string(c.Standing(outscale.Offers[0]))),
					})}),
				})),
				statecheck.ExpectKnownOutputValue("s3ns", knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"operator":              knownvalue.StringExact("s3ns"),
					"zone":                  knownvalue.Null(),
					"secnumcloud_qualified": knownvalue.Bool(s3ns.Qualified),
				})),
				statecheck.ExpectKnownOutputValue("azure", knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"code":    knownvalue.StringExact("westeurope"),
					"country": knownvalue.StringExact("NL"),
				})),
				statecheck.ExpectKnownOutputValue("same_as_data_source", knownvalue.Bool(true)),
			},
		}},
	})
}

// regionFunctionErrors are the failures every region function must report
// as errors, never as a false or empty result.
var regionFunctionErrors = []struct {
	name, args string
	// want are fragments of the error in order; NAME stands for the
	// function's name.
	want []string
}{
	{"unknown region", `"hashicorp/aws", "eu-west-33"`, []string{"Invalid function argument", "provider::trustcloud::NAME", `Invalid value for "region" parameter: unknown region "eu-west-33"`, "known (closest first): eu-west-3"}},
	{"unknown provider", `"hashicorp/awz", "eu-west-3"`, []string{"Invalid function argument", "provider::trustcloud::NAME", `Invalid value for "terraform_provider" parameter: unknown terraform provider "hashicorp/awz"`, "hashicorp/aws"}},
	{"global location", `"hashicorp/google", "global"`, []string{"Invalid function argument", "provider::trustcloud::NAME", `Invalid value for "region" parameter: "global" is not a region`}},
	{"provider without regions", `"hashicorp/random", "eu-west-3"`, []string{"Invalid function argument", "provider::trustcloud::NAME", `Invalid value for "terraform_provider" parameter`, "no location"}},
	{"empty region", `"hashicorp/aws", ""`, []string{"Invalid function argument", "provider::trustcloud::NAME", `Invalid value for "region" parameter`, "length must be at least 1"}},
	{"null region", `"hashicorp/aws", null`, []string{"Invalid function argument", "provider::trustcloud::NAME", `Invalid value for "region" parameter`, "must not be null"}},
}

// testRegionFunctionErrors runs regionFunctionErrors against one function.
func testRegionFunctionErrors(t *testing.T, name string) {
	for _, tt := range regionFunctionErrors {
		want := make([]string, len(tt.want))
		for i, w := range tt.want {
			want[i] = strings.ReplaceAll(w, "NAME", name)
		}
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				TerraformVersionChecks:   functionVersionChecks,
				Steps: []resource.TestStep{{
					Config: providerConfig + `
output "x" {
  value = provider::trustcloud::` + name + `(` + tt.args + `)
}
`,
					ExpectError: expectError(want...),
				}},
			})
		})
	}
}

func TestAccRegionInfoFunction_errors(t *testing.T) {
	t.Parallel()
	testRegionFunctionErrors(t, "region_info")
}
