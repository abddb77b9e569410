package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func TestAccOperatorsDataSource(t *testing.T) {
	t.Parallel()
	// Whether Outscale has a qualification today is the embedded catalog's
	// answer (its qualification expires, renewals are recorded late).
	outscaleQualified := embedded(t).OperatorQualified("outscale")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerConfig + `
data "trustcloud_operators" "all" {}

data "trustcloud_operators" "qualified" {
  secnumcloud_only = true
}

data "trustcloud_operators" "french" {
  country = "fr"
}

locals {
  all       = { for o in data.trustcloud_operators.all.operators : o.id => o }
  ids       = [for o in data.trustcloud_operators.all.operators : o.id]
  qualified = [for o in data.trustcloud_operators.qualified.operators : o.id]
  french    = [for o in data.trustcloud_operators.french.operators : o.id]
}

output "aws" {
  value = local.all["aws"]
}

output "outscale" {
  value = local.all["outscale"]
}

output "ids_sorted" {
  value = join(",", local.ids) == join(",", sort(local.ids))
}

output "qualified_has_outscale" {
  value = contains(local.qualified, "outscale")
}

output "qualified_has_aws" {
  value = contains(local.qualified, "aws")
}

output "qualified_has_bleu" {
  value = contains(local.qualified, "bleu")
}

output "qualified_all_flagged" {
  value = alltrue([for o in data.trustcloud_operators.qualified.operators : o.secnumcloud_qualified])
}

output "french_all_fr" {
  value = alltrue([for o in data.trustcloud_operators.french.operators : o.country == "FR"])
}

output "french_has_s3ns" {
  value = contains(local.french, "s3ns")
}

output "french_has_google" {
  value = contains(local.french, "google")
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("aws", knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"country":                   knownvalue.StringExact("US"),
					"parent_jurisdiction":       knownvalue.StringExact("US"),
					"extraterritorial_exposure": knownvalue.Bool(true),
					"secnumcloud_qualified":     knownvalue.Bool(false),
					"terraform_providers":       knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.StringExact("hashicorp/aws")}),
				})),
				statecheck.ExpectKnownOutputValue("outscale", knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"country":                   knownvalue.StringExact("FR"),
					"extraterritorial_exposure": knownvalue.Bool(false),
					"secnumcloud_qualified":     knownvalue.Bool(outscaleQualified),
					"terraform_providers":       knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("outscale/outscale")}),
				})),
				statecheck.ExpectKnownOutputValue("ids_sorted", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("qualified_has_outscale", knownvalue.Bool(outscaleQualified)),
				statecheck.ExpectKnownOutputValue("qualified_has_aws", knownvalue.Bool(false)),
				statecheck.ExpectKnownOutputValue("qualified_has_bleu", knownvalue.Bool(false)),
				statecheck.ExpectKnownOutputValue("qualified_all_flagged", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("french_all_fr", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("french_has_s3ns", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("french_has_google", knownvalue.Bool(false)),
			},
		}},
	})
}

func TestAccOperatorsDataSource_invalidCountry(t *testing.T) {
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerConfig + `
data "trustcloud_operators" "x" {
  country = "FRA"
}
`,
			ExpectError: expectError("Invalid Attribute Value Match", "ISO 3166-1 alpha-2"),
		}},
	})
}
