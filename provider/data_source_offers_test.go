package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

func TestAccOffersDataSource(t *testing.T) {
	t.Parallel()
	c := embedded(t)
	bleu, outscale := embeddedOffer(t, c, "bleu", ""), embeddedOffer(t, c, "", "outscale-iaas-secnumcloud")
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
				// Status and standing come from the embedded catalog, which
				// changes as ANSSI publishes: the expected values are read
				// from it (on today's clock, as the data source does).
				statecheck.ExpectKnownValue("data.trustcloud_offers.bleu", tfjsonpath.New("offers"), knownvalue.ListPartial(map[int]knownvalue.Check{
					0: knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"operator":              knownvalue.StringExact("bleu"),
						"status":                knownvalue.StringExact(string(bleu.Status)),
						"standing":              knownvalue.StringExact(string(c.Standing(bleu))),
						"secnumcloud_qualified": knownvalue.Bool(false),
						"qualified_on":          optStringCheck(bleu.QualifiedOn),
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
						"standing":              knownvalue.StringExact(string(c.Standing(outscale))),
						"secnumcloud_qualified": knownvalue.Bool(c.Qualified(outscale)),
						"expires_on":            optStringCheck(outscale.ExpiresOn),
						"decision":              optStringCheck(outscale.Decision),
						"regions":               knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("cloudgouv-eu-west-1")}),
						"unverified":            knownvalue.Bool(outscale.Unverified),
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
	t.Parallel()
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
	t.Parallel()
	tests := []struct {
		name, args string
		want       []string
	}{
		{"unknown operator", `operator = "outscal"`, []string{"Unknown operator", `unknown operator "outscal"`, "known (closest first): outscale"}},
		{"unknown status", `status = "J3"`, []string{"Invalid Attribute Value Match", "status", `"qualified"`, `"in_progress"`, `"unknown"`}},
		{"unknown standing", `standing = "lapsed"`, []string{"Invalid Attribute Value Match", "standing", `"qualified"`, `"unconfirmed"`, `"expired"`}},
		{"no expiry window", `expiring_within_days = 0`, []string{"Invalid Attribute Value", "expiring_within_days", "between 1 and 36500, got: 0"}},
		{"negative expiry window", `expiring_within_days = -90`, []string{"Invalid Attribute Value", "expiring_within_days", "got: -90"}},
		{"unknown model", `model = "XaaS"`, []string{"Invalid Attribute Value Match", "model", `"IaaS"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
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

// embedded is the embedded catalog, on today's clock.
func embedded(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Default()
	if err != nil {
		t.Fatalf("embedded catalog: %v", err)
	}
	return c
}

// embeddedOffer is the offer with that id, or the only offer of that
// operator.
func embeddedOffer(t *testing.T, c *catalog.Catalog, operator, id string) *catalog.Offer {
	t.Helper()
	var found []*catalog.Offer
	for _, o := range c.Offers() {
		if o.ID == id || id == "" && o.Operator == operator {
			found = append(found, o)
		}
	}
	if len(found) != 1 {
		t.Fatalf("the embedded catalog has %d offers %q of operator %q, want 1", len(found), id, operator)
	}
	return found[0]
}

// offerIDs expects a list of offers with exactly these ids, in order.
func offerIDs(ids ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(ids))
	for i, id := range ids {
		checks[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(id)})
	}
	return knownvalue.ListExact(checks)
}

// TestAccOffersDataSource_standing reads, through Terraform, every offer
// attribute issue 12 added and the standing and expiry filters, on a user
// catalog whose offers take every standing (standingFixture).
func TestAccOffersDataSource_standing(t *testing.T) {
	t.Parallel()
	f := newStandingFixture()
	file := f.file(t)
	all := "data.trustcloud_offers.all"
	offer := func(i int) tfjsonpath.Path { return tfjsonpath.New("offers").AtSliceIndex(i) }
	filtered := func(name string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("data.trustcloud_offers."+name, tfjsonpath.New("offers"), map[string]knownvalue.Check{
			"expiring_30":  offerIDs("tc-expiring", "tc-unconfirmed"),
			"expiring_20":  offerIDs("tc-expiring", "tc-unconfirmed"),
			"expiring_19":  offerIDs("tc-unconfirmed"),
			"expiring_500": offerIDs("tc-expiring", "tc-qualified", "tc-unconfirmed"),
			"expired":      offerIDs("tc-expired", "tc-lapsed"),
			"unconfirmed":  offerIDs("tc-unconfirmed"),
			"qualified":    offerIDs("tc-expiring", "tc-qualified"),
			"unknown":      offerIDs("tc-unknown"),
			"both":         offerIDs("tc-expiring"),
		}[name])
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: requiredProviders + `
provider "trustcloud" {
  catalog_file = "` + file + `"
}

data "trustcloud_offers" "all" {
  operator = "tc-test"
}

data "trustcloud_offers" "expiring_30" {
  operator             = "tc-test"
  expiring_within_days = 30
}

# An offer expiring on the last day of the window is in it.
data "trustcloud_offers" "expiring_20" {
  operator             = "tc-test"
  expiring_within_days = 20
}

data "trustcloud_offers" "expiring_19" {
  operator             = "tc-test"
  expiring_within_days = 19
}

data "trustcloud_offers" "expiring_500" {
  operator             = "tc-test"
  expiring_within_days = 500
}

data "trustcloud_offers" "expired" {
  operator = "tc-test"
  standing = "expired"
}

data "trustcloud_offers" "unconfirmed" {
  operator = "tc-test"
  standing = "unconfirmed"
}

data "trustcloud_offers" "qualified" {
  operator = "tc-test"
  standing = "qualified"
}

data "trustcloud_offers" "unknown" {
  status = "unknown"
  operator = "tc-test"
}

data "trustcloud_offers" "both" {
  operator             = "tc-test"
  standing             = "qualified"
  expiring_within_days = 30
}

output "qualified_count_matches_standing" {
  value = length([for o in data.trustcloud_offers.all.offers : o if o.secnumcloud_qualified]) == length([for o in data.trustcloud_offers.all.offers : o if o.standing == "qualified"])
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(all, tfjsonpath.New("evaluated_on"), f.todayCheck()),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("offers"), offerIDs(
					"tc-expired", "tc-expiring", "tc-lapsed", "tc-pending", "tc-qualified", "tc-unconfirmed", "tc-unknown")),
				// Expired: the status stays qualified; the standing says what it means today.
				statecheck.ExpectKnownValue(all, offer(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"status":                knownvalue.StringExact("qualified"),
					"standing":              knownvalue.StringExact("expired"),
					"secnumcloud_qualified": knownvalue.Bool(false),
					"qualified_on":          knownvalue.StringExact("2020-01-15"),
					"expires_on":            knownvalue.StringExact("2023-01-15"),
					"decision":              knownvalue.StringExact("TC-2001"),
					"anssi_edition":         knownvalue.StringExact(fixtureEdition),
					"perimeter":             knownvalue.Null(),
				})),
				statecheck.ExpectKnownValue(all, offer(1), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                    knownvalue.StringExact("tc-expiring"),
					"operator":              knownvalue.StringExact("tc-test"),
					"name":                  knownvalue.StringExact("Expiring offer"),
					"model":                 knownvalue.StringExact("IaaS"),
					"status":                knownvalue.StringExact("qualified"),
					"standing":              knownvalue.StringExact("qualified"),
					"secnumcloud_qualified": knownvalue.Bool(true),
					"version":               knownvalue.StringExact("3.2"),
					"qualified_on":          knownvalue.StringExact(f.inDays(-300)),
					"expires_on":            knownvalue.StringExact(f.inDays(20)),
					"decision":              knownvalue.StringExact("TC-2002"),
					"anssi_edition":         knownvalue.StringExact(fixtureEdition),
					"perimeter":             knownvalue.StringExact("Compute and block storage, Paris site"),
					"milestones":            knownvalue.MapExact(map[string]knownvalue.Check{}),
					"regions":               knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("tc-paris-1")}),
					"hybrid_technology":     knownvalue.Null(),
					"source_ids":            knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("tc-anssi")}),
					"unverified":            knownvalue.Bool(false),
				})),
				// Past its expiry today, although the catalog's as_of may be before it.
				statecheck.ExpectKnownValue(all, offer(2), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"id":                    knownvalue.StringExact("tc-lapsed"),
					"standing":              knownvalue.StringExact("expired"),
					"secnumcloud_qualified": knownvalue.Bool(false),
					"expires_on":            knownvalue.StringExact(lapsedExpiry),
				})),
				statecheck.ExpectKnownValue(all, offer(3), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"status":                knownvalue.StringExact("J1"),
					"standing":              knownvalue.StringExact("pending"),
					"secnumcloud_qualified": knownvalue.Bool(false),
					"qualified_on":          knownvalue.Null(),
					"decision":              knownvalue.Null(),
					"milestones": knownvalue.MapExact(map[string]knownvalue.Check{
						"J0": knownvalue.StringExact("2025-03-01"),
						"J1": knownvalue.StringExact("2026-02-01"),
					}),
				})),
				statecheck.ExpectKnownValue(all, offer(4), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"standing":              knownvalue.StringExact("qualified"),
					"secnumcloud_qualified": knownvalue.Bool(true),
					"expires_on":            knownvalue.StringExact(f.inDays(400)),
					"decision":              knownvalue.StringExact("TC-2004"),
				})),
				// Qualified on an unverified source only: never silently qualified.
				statecheck.ExpectKnownValue(all, offer(5), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"status":                knownvalue.StringExact("qualified"),
					"standing":              knownvalue.StringExact("unconfirmed"),
					"secnumcloud_qualified": knownvalue.Bool(false),
					"unverified":            knownvalue.Bool(true),
					"decision":              knownvalue.Null(),
					"anssi_edition":         knownvalue.Null(),
				})),
				statecheck.ExpectKnownValue(all, offer(6), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"status":                knownvalue.StringExact("unknown"),
					"standing":              knownvalue.StringExact("unknown"),
					"secnumcloud_qualified": knownvalue.Bool(false),
				})),
				filtered("expiring_30"),
				filtered("expiring_20"),
				filtered("expiring_19"),
				filtered("expiring_500"),
				filtered("expired"),
				filtered("unconfirmed"),
				filtered("qualified"),
				filtered("unknown"),
				filtered("both"),
				statecheck.ExpectKnownValue("data.trustcloud_offers.expiring_30", tfjsonpath.New("expiring_within_days"), knownvalue.Int64Exact(30)),
				statecheck.ExpectKnownOutputValue("qualified_count_matches_standing", knownvalue.Bool(true)),
			},
		}},
	})
}
