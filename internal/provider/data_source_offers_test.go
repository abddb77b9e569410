package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccOffersDataSource(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerConfig + `
data "trustcloud_offers" "all" {}

data "trustcloud_offers" "bleu" {
  operator = "bleu"
}

data "trustcloud_offers" "qualified" {
  status = "qualified"
}

data "trustcloud_offers" "caas" {
  model = "caas"
}

data "trustcloud_offers" "outscale_qualified_iaas" {
  operator = "Outscale"
  status   = "qualified"
  model    = "IaaS"
}

locals {
  qualified_ids = [for o in data.trustcloud_offers.qualified.offers : o.id]
}

output "all_count_positive" {
  value = length(data.trustcloud_offers.all.offers) > length(data.trustcloud_offers.qualified.offers)
}

output "qualified_all_status" {
  value = alltrue([for o in data.trustcloud_offers.qualified.offers : o.status == "qualified"])
}

output "qualified_has_outscale" {
  value = contains(local.qualified_ids, "outscale-iaas-secnumcloud")
}

output "qualified_has_bleu" {
  value = anytrue([for o in data.trustcloud_offers.qualified.offers : o.operator == "bleu"])
}

output "caas_all_caas" {
  value = alltrue([for o in data.trustcloud_offers.caas.offers : contains(split("/", o.model), "CaaS")])
}

output "caas_has_s3ns" {
  value = anytrue([for o in data.trustcloud_offers.caas.offers : o.operator == "s3ns"])
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.trustcloud_offers.bleu", tfjsonpath.New("offers"), knownvalue.ListPartial(map[int]knownvalue.Check{
					0: knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"operator":              knownvalue.StringExact("bleu"),
						"status":                knownvalue.StringExact("J0"),
						"secnumcloud_qualified": knownvalue.Bool(false),
						"qualified_on":          knownvalue.Null(),
						"hybrid_technology":     knownvalue.NotNull(),
						"source_ids":            knownvalue.NotNull(),
					}),
				})),
				statecheck.ExpectKnownValue("data.trustcloud_offers.outscale_qualified_iaas", tfjsonpath.New("offers"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id":                    knownvalue.StringExact("outscale-iaas-secnumcloud"),
						"operator":              knownvalue.StringExact("outscale"),
						"model":                 knownvalue.StringExact("IaaS"),
						"status":                knownvalue.StringExact("qualified"),
						"secnumcloud_qualified": knownvalue.Bool(true),
						"regions":               knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("cloudgouv-eu-west-1")}),
						"unverified":            knownvalue.Bool(false),
					}),
				})),
				statecheck.ExpectKnownOutputValue("all_count_positive", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("qualified_all_status", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("qualified_has_outscale", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("qualified_has_bleu", knownvalue.Bool(false)),
				statecheck.ExpectKnownOutputValue("caas_all_caas", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("caas_has_s3ns", knownvalue.Bool(true)),
			},
		}},
	})
}

// An offer whose catalog regions are "*" lists every region of its
// operator, so that users can compare codes.
func TestAccOffersDataSource_wildcardRegions(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerConfig + `
data "trustcloud_offers" "aws" {
  operator = "aws"
}

data "trustcloud_regions" "aws" {
  operator = "aws"
}

output "covers_every_region" {
  value = alltrue([for o in data.trustcloud_offers.aws.offers :
    length(o.regions) == length(data.trustcloud_regions.aws.regions) && contains(o.regions, "eu-west-3") && !contains(o.regions, "*")
  ])
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.trustcloud_offers.aws", tfjsonpath.New("offers"), knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.NotNull()})),
				statecheck.ExpectKnownOutputValue("covers_every_region", knownvalue.Bool(true)),
			},
		}},
	})
}

func TestAccOffersDataSource_errors(t *testing.T) {
	tests := []struct {
		name, args string
		want       []string
	}{
		{"unknown operator", `operator = "outscal"`, []string{"Unknown operator", `unknown operator "outscal"`, "known (closest first): outscale"}},
		{"unknown status", `status = "J3"`, []string{"Invalid Attribute Value Match", "status", `"qualified"`, `"in_progress"`}},
		{"unknown model", `model = "XaaS"`, []string{"Invalid Attribute Value Match", "model", `"IaaS"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      providerConfig + "\ndata \"trustcloud_offers\" \"x\" {\n  " + tt.args + "\n}\n",
					ExpectError: expectError(tt.want...),
				}},
			})
		})
	}
}
