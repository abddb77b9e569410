package catalog

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMinimalLoads makes sure the base of every validation case is valid,
// so that each case's error comes from its own edit.
func TestMinimalLoads(t *testing.T) {
	c := minimalCatalog(t)
	if diff := cmp.Diff([]string{minimalFile}, c.Files); diff != "" {
		t.Errorf("Files (-want +got):\n%s", diff)
	}
	if c.AsOf != "2026-01-15" || c.Version != "test-1" || c.SchemaVersion != "1" {
		t.Errorf("as_of, version, schema_version = %q, %q, %q; want 2026-01-15, test-1, 1", c.AsOf, c.Version, c.SchemaVersion)
	}
}

// TestValidVariants are documents that differ from the minimal one in ways
// the format allows; none may be refused.
func TestValidVariants(t *testing.T) {
	tests := []struct {
		name  string
		edits []edit
	}{
		{"minor schema version", []edit{{"$.schema_version", "1.7"}}},
		{"year-only and month dates", []edit{{"$.offers[0].qualified_on", "2025"}, {"$.offers[0].expires_on", "2028"}, {"$.sources[0].date", "2026-01"}}},
		{"all regions of the operator", []edit{{"$.offers[0].regions", raw(`["*"]`)}}},
		{"regions not known", []edit{{"$.offers[0].regions", raw(`[]`)}}},
		{"region code in another case", []edit{{"$.offers[0].regions", raw(`["FR-PAR"]`)}}},
		{"unknown exposure", []edit{{"$.operators[0].extraterritorial_exposure", nil}}},
		{"null optional list", []edit{{"$.regions[0].zones", nil}}},
		{"pending status without dates", []edit{{"$.offers[0].status", "J1"}, {"$.offers[0].qualified_on", remove}, {"$.offers[0].expires_on", remove}}},
		{"multi-region", []edit{{"$.regions[+]", raw(`{"operator": "acme", "code": "eu", "kind": "multi_region", "countries": ["FR", "DE"], "source_ids": ["s1"]}`)}}},
		{"explicit region kind", []edit{{"$.regions[0].kind", "region"}}},
		{"conditional rule before a fallback", []edit{{"$.terraform_providers[0].operators", raw(`[{"operator": "acme", "when": {"attribute": "endpoint", "matches": "acme\\.test$"}}, {"operator": "acme"}]`)}}},
		{"default region", []edit{{"$.terraform_providers[0].default_region", "FR-PAR"}}},
		{"negated glob", []edit{{"$.terraform_providers[0].non_regional_types[+]", "!acme_iam_region_*"}}},
		{"not-located provider", []edit{{"$.terraform_providers[+]", raw(`{"source": "acme/random", "not_located": true, "source_ids": ["s2"]}`)}}},
		{"unconfirmed qualification without dates or decision", []edit{
			{"$.offers[0].unverified", true}, {"$.offers[0].qualified_on", remove}, {"$.offers[0].expires_on", remove},
			{"$.offers[0].decision", remove}, {"$.offers[0].anssi_edition", remove}, {"$.offers[0].source_ids", raw(`["s2"]`)}}},
		{"anssi_edition on the as_of date", []edit{{"$.offers[0].anssi_edition", "2026-01-15"}, {"$.anssi_edition", "2026-01-15"}}},
		{"an operator without regions needs no parent jurisdiction", []edit{
			{"$.operators[+]", raw(`{"id": "saas-only", "name": "SaaS only", "country": "FR", "source_ids": ["s1"]}`)}}},
		{"a brand no operator id names", []edit{{"$.operators[0].brand", "acme-group"}}},
		{"an offer replacing an offer of an earlier catalog", []edit{{"$.offers[0].replaces", raw(`["acme-old", "acme-legacy"]`)}}},
		{"the same zone name in two operators", []edit{
			{"$.operators[+]", raw(`{"id": "beta", "name": "Beta", "country": "DE", "parent_jurisdiction": "DE", "source_ids": ["s1"]}`)},
			{"$.regions[+]", raw(`{"operator": "beta", "code": "fr-par", "country": "FR", "zones": ["fr-par-1"], "source_ids": ["s1"]}`)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			minimalCatalog(t, tt.edits...)
		})
	}
}

// TestValidationErrors has one case per kind of error. Each must name the
// document, the JSON path of the faulty value and say what is wrong; and it
// must be the only error, so that the case really tests its own check.
func TestValidationErrors(t *testing.T) {
	tests := []struct {
		name     string
		edits    []edit
		wantPath string
		wantMsg  string
	}{
		// Shape, found by Parse.
		{"unknown field", []edit{{"$.offers[0].qualified", true}},
			"$.offers[0].qualified", `unknown field "qualified"; known fields: qualified_on`},
		{"wrong type", []edit{{"$.operators[0].name", 42}},
			"$.operators[0].name", "expected a string, got a number"},
		{"wrong type in a list", []edit{{"$.regions[0].zones[1]", true}},
			"$.regions[0].zones[1]", "expected a string, got a boolean"},
		{"object where a list goes", []edit{{"$.sources", raw(`{"id": "s1"}`)}},
			"$.sources", "expected an array, got an object"},

		// The document.
		{"missing schema_version", []edit{{"$.schema_version", remove}},
			"$.schema_version", `missing; this trustcloud reads catalog schema version "1"`},
		{"unsupported schema_version", []edit{{"$.schema_version", "2.0"}},
			"$.schema_version", `unsupported catalog schema version "2.0"`},
		{"missing as_of", []edit{{"$.as_of", remove}},
			"$.as_of", "missing: the date the catalog's facts were checked"},
		{"invalid as_of", []edit{{"$.as_of", "2026-02-30"}},
			"$.as_of", `"2026-02-30" is not a date (YYYY-MM-DD)`},
		{"as_of not a full date", []edit{{"$.as_of", "2026-01"}},
			"$.as_of", `"2026-01" is not a date (YYYY-MM-DD)`},
		{"missing version", []edit{{"$.version", ""}},
			"$.version", "missing: the catalog's version"},
		{"missing EU area", []edit{{"$.areas[0].id", "EU27"}},
			"$.areas", `the area "EU" is missing`},

		// Duplicates within one document.
		{"duplicate source id", []edit{{"$.sources[+]", raw(`{"id": "s1", "title": "again"}`)}},
			"$.sources[2]", `duplicate id "s1": also at $.sources[0]`},
		{"duplicate area id", []edit{{"$.areas[+]", raw(`{"id": "EEA", "name": "again", "countries": ["FR"], "source_ids": ["s1"]}`)}},
			"$.areas[2]", `duplicate id "EEA": also at $.areas[1]`},
		{"duplicate operator id", []edit{{"$.operators[+]", raw(`{"id": "acme", "name": "Acme again", "country": "FR", "source_ids": ["s1"]}`)}},
			"$.operators[1]", `duplicate id "acme": also at $.operators[0]`},
		{"duplicate offer id", []edit{{"$.offers[+]", raw(`{"id": "acme-iaas", "operator": "acme", "name": "again", "status": "none", "regions": [], "source_ids": ["s1"]}`)}},
			"$.offers[1]", `duplicate id "acme-iaas": also at $.offers[0]`},
		{"duplicate region, code in another case", []edit{{"$.regions[+]", raw(`{"operator": "acme", "code": "FR-PAR", "country": "FR", "source_ids": ["s1"]}`)}},
			"$.regions[1]", `duplicate region (operator and code) "acme/fr-par": also at $.regions[0]`},
		{"duplicate terraform provider, source in another case", []edit{{"$.terraform_providers[+]", raw(`{"source": "Acme/ACME", "operators": [{"operator": "acme"}], "source_ids": ["s1"]}`)}},
			"$.terraform_providers[1]", `duplicate terraform provider source "acme/acme": also at $.terraform_providers[0]`},

		// References.
		{"unknown operator of an offer", []edit{{"$.offers[0].operator", "acne"}, {"$.offers[0].regions", raw(`[]`)}},
			"$.offers[0].operator", `unknown operator "acne"; known: acme`},
		{"missing operator of an offer", []edit{{"$.offers[0].operator", ""}, {"$.offers[0].regions", raw(`[]`)}},
			"$.offers[0].operator", "missing; this field is required"},
		{"offer region of an operator without regions", []edit{
			{"$.operators[+]", raw(`{"id": "beta", "name": "Beta", "country": "DE", "source_ids": ["s1"]}`)},
			{"$.offers[0].regions_of", "beta"},
		},
			"$.offers[0].regions[0]", `unknown region "fr-par" of operator "beta"; known: none`},
		{"unknown operator of a region", []edit{{"$.regions[+]", raw(`{"operator": "nobody", "code": "x-1", "country": "FR", "source_ids": ["s1"]}`)}},
			"$.regions[1].operator", `unknown operator "nobody"`},
		{"unknown operator of a provider rule", []edit{{"$.terraform_providers[0].operators[0].operator", "nobody"}},
			"$.terraform_providers[0].operators[0].operator", `unknown operator "nobody"`},
		{"unknown operator in regions_of", []edit{{"$.offers[0].regions_of", "nobody"}, {"$.offers[0].regions", raw(`[]`)}},
			"$.offers[0].regions_of", `unknown operator "nobody"`},
		{"unknown source id", []edit{{"$.regions[0].source_ids[0]", "s9"}},
			"$.regions[0].source_ids[0]", `unknown source "s9"; known: s1, s2`},
		{"empty source_ids of an offer", []edit{{"$.offers[0].source_ids", raw(`[]`)}},
			"$.offers[0].source_ids", "missing: every fact must point at the sources"},
		{"missing source_ids of a region", []edit{{"$.regions[0].source_ids", remove}},
			"$.regions[0].source_ids", "missing: every fact must point at the sources"},
		{"offer region not among the operator's regions", []edit{{"$.offers[0].regions[0]", "fr-mrs"}},
			"$.offers[0].regions[0]", `unknown region "fr-mrs" of operator "acme"; known: fr-par`},
		{"missing offer regions", []edit{{"$.offers[0].regions", nil}},
			"$.offers[0].regions", "missing: list the region codes the offer covers"},

		// Countries.
		{"operator country not ISO 3166", []edit{{"$.operators[0].country", "EU"}},
			"$.operators[0].country", `"EU" is not an ISO 3166-1 alpha-2 country code`},
		{"operator parent jurisdiction not ISO 3166", []edit{{"$.operators[0].parent_jurisdiction", "USA"}},
			"$.operators[0].parent_jurisdiction", `"USA" is not an ISO 3166-1 alpha-2 country code`},
		{"region country not ISO 3166", []edit{{"$.regions[0].country", "UK"}},
			"$.regions[0].country", `"UK" is not an ISO 3166-1 alpha-2 country code`},
		{"missing region country", []edit{{"$.regions[0].country", remove}},
			"$.regions[0].country", `missing; give an ISO 3166-1 alpha-2 country code such as "FR"`},
		{"multi-region country not ISO 3166", []edit{{"$.regions[+]", raw(`{"operator": "acme", "code": "eu", "kind": "multi_region", "countries": ["FR", "XX"], "source_ids": ["s1"]}`)}},
			"$.regions[1].countries[1]", `"XX" is not an ISO 3166-1 alpha-2 country code`},
		{"area country in lower case", []edit{{"$.areas[1].countries[2]", "no"}},
			"$.areas[1].countries[2]", `"no" is not an ISO 3166-1 alpha-2 country code`},
		{"area without countries", []edit{{"$.areas[1].countries", raw(`[]`)}},
			"$.areas[1].countries", "missing: list the member countries"},

		// Dates and statuses.
		{"invalid qualified_on", []edit{{"$.offers[0].qualified_on", "2025-06-31"}},
			"$.offers[0].qualified_on", `"2025-06-31" is not a date`},
		{"invalid expires_on", []edit{{"$.offers[0].expires_on", "12/2028"}},
			"$.offers[0].expires_on", `"12/2028" is not a date`},
		{"invalid milestone date", []edit{{"$.offers[0].milestones.J1", "2024-9-30"}},
			"$.offers[0].milestones.J1", `"2024-9-30" is not a date`},
		{"invalid source date", []edit{{"$.sources[0].date", "January 2026"}},
			"$.sources[0].date", `"January 2026" is not a date`},
		{"expires before qualified", []edit{{"$.offers[0].expires_on", "2025-05"}},
			"$.offers[0].expires_on", "2025-05 is before the qualification date 2025-06-01"},
		{"expires on the qualification date", []edit{{"$.offers[0].expires_on", "2025-06-01"}},
			"$.offers[0].expires_on", "2025-06-01 is the qualification date"},
		{"confirmed qualification without qualified_on", []edit{{"$.offers[0].qualified_on", remove}},
			"$.offers[0].qualified_on", "missing: a confirmed qualified offer needs the date of the ANSSI decision"},
		{"confirmed qualification without expires_on", []edit{{"$.offers[0].expires_on", remove}},
			"$.offers[0].expires_on", "missing: a confirmed qualified offer needs the end of its validity"},
		{"confirmed qualification without decision", []edit{{"$.offers[0].decision", " "}},
			"$.offers[0].decision", "missing: a confirmed qualified offer needs the ANSSI decision number"},
		{"confirmed qualification without anssi_edition", []edit{{"$.offers[0].anssi_edition", remove}},
			"$.offers[0].anssi_edition", "missing: a confirmed qualified offer needs the date of the ANSSI catalogue edition"},
		{"confirmed qualification without a dated source", []edit{{"$.offers[0].source_ids", raw(`["s2"]`)}},
			"$.offers[0].source_ids", "no source of this confirmed qualified offer has a date"},
		{"qualified offer without a source", []edit{{"$.offers[0].unverified", true}, {"$.offers[0].source_ids", raw(`[]`)}},
			"$.offers[0].source_ids", "missing: every fact must point at the sources"},
		{"offer anssi_edition not a full date", []edit{{"$.offers[0].anssi_edition", "2026-01"}},
			"$.offers[0].anssi_edition", `"2026-01" is not a date: write the ANSSI catalogue edition as YYYY-MM-DD`},
		{"offer anssi_edition after as_of", []edit{{"$.offers[0].anssi_edition", "2026-02-01"}},
			"$.offers[0].anssi_edition", "2026-02-01 is after the catalog's as_of 2026-01-15"},
		{"document anssi_edition after as_of", []edit{{"$.anssi_edition", "2026-03-01"}},
			"$.anssi_edition", "2026-03-01 is after the catalog's as_of 2026-01-15"},
		{"document anssi_edition not a date", []edit{{"$.anssi_edition", "15/09/2026"}},
			"$.anssi_edition", `"15/09/2026" is not a date`},
		{"qualified_on with a pending status", []edit{{"$.offers[0].status", "J2"}},
			"$.offers[0].qualified_on", `set, but the status is "J2"`},
		{"unknown status", []edit{{"$.offers[0].status", "certified"}, {"$.offers[0].qualified_on", remove}},
			"$.offers[0].status", `unknown status "certified"; one of qualified, J0, J1, J2, in_progress, unknown, none`},
		{"missing status", []edit{{"$.offers[0].status", remove}, {"$.offers[0].qualified_on", remove}},
			"$.offers[0].status", "missing; one of qualified, J0"},
		{"unknown model token", []edit{{"$.offers[0].model", "IaaS/DBaaS"}},
			"$.offers[0].model", `unknown service model "DBaaS" in "IaaS/DBaaS"`},
		{"unknown milestone key", []edit{{"$.offers[0].milestones.J3", "2025-06-01"}},
			"$.offers[0].milestones.J3", `unknown milestone "J3"; use J0, J1 or J2`},

		// Regions and their operators.
		{"operator with regions but no parent jurisdiction", []edit{{"$.operators[0].parent_jurisdiction", remove}},
			"$.operators[0].parent_jurisdiction", `missing: operator "acme" runs regions`},
		{"brand not a label", []edit{{"$.operators[0].brand", "Acme Group"}},
			"$.operators[0].brand", `"Acme Group" is not a valid brand label`},
		{"offer replacing an offer still in the catalog", []edit{{"$.offers[0].replaces", raw(`["acme-iaas"]`)}},
			"$.offers[0].replaces[0]", `"acme-iaas" is an offer of this catalog`},
		{"unknown region kind", []edit{{"$.regions[0].kind", "zone"}},
			"$.regions[0].kind", `unknown kind "zone"; use "region" or "multi_region"`},
		{"multi-region with one country", []edit{{"$.regions[0].kind", "multi_region"}, {"$.regions[0].countries", raw(`["FR", "DE"]`)}},
			"$.regions[0].country", `a multi_region lists its countries in "countries"`},
		{"multi-region without countries", []edit{{"$.regions[0].kind", "multi_region"}, {"$.regions[0].country", remove}},
			"$.regions[0].countries", "missing: list the countries the multi-region spans"},
		{"region with countries", []edit{{"$.regions[0].countries", raw(`["FR"]`)}},
			"$.regions[0].countries", "only a multi_region lists countries"},
		{"zone claimed by two regions of one operator", []edit{{"$.regions[+]", raw(`{"operator": "acme", "code": "fr-mrs", "country": "FR", "zones": ["fr-mrs-1", "FR-PAR-2"], "source_ids": ["s1"]}`)}},
			"$.regions[1].zones[1]", `"FR-PAR-2" is already a name or zone of region "fr-par" of operator "acme"`},
		{"display name claimed by two regions of one operator", []edit{{"$.regions[+]", raw(`{"operator": "acme", "code": "fr-aaa", "display_name": "paris", "country": "FR", "source_ids": ["s1"]}`)}},
			"$.regions[1].display_name", `"paris" is already a name or zone of region "fr-par"`},
		{"empty alias", []edit{{"$.regions[0].aliases", raw(`[" "]`)}},
			"$.regions[0].aliases[0]", "empty name"},

		// Terraform providers.
		{"invalid zone rule", []edit{{"$.terraform_providers[0].zone_rules[0].match", "^([a-z]{2}-[a-z]{3}-[0-9]+$"}},
			"$.terraform_providers[0].zone_rules[0].match", "invalid regular expression"},
		{"invalid condition regex", []edit{{"$.terraform_providers[0].operators[0].when", raw(`{"attribute": "endpoint", "matches": "acme\\.(test"}`)}},
			"$.terraform_providers[0].operators[0].when.matches", "invalid regular expression"},
		{"attribute pattern without capture group", []edit{{"$.terraform_providers[0].provider_attributes[1].pattern", `^https://api\.[a-z0-9-]+\.acme\.test`}},
			"$.terraform_providers[0].provider_attributes[1].pattern", "needs a capture group around the location"},
		{"rule without condition not last", []edit{{"$.terraform_providers[0].operators[+]", raw(`{"operator": "acme", "when": {"attribute": "endpoint", "equals": "x"}}`)}},
			"$.terraform_providers[0].operators[0]", "a rule without a condition must come last"},
		{"condition with both equals and matches", []edit{{"$.terraform_providers[0].operators[0].when", raw(`{"attribute": "endpoint", "equals": "x", "matches": "x"}`)}},
			"$.terraform_providers[0].operators[0].when", `give exactly one of "equals" and "matches"`},
		{"condition with neither equals nor matches", []edit{{"$.terraform_providers[0].operators[0].when", raw(`{"attribute": "endpoint"}`)}},
			"$.terraform_providers[0].operators[0].when", `give exactly one of "equals" and "matches"`},
		{"condition without attribute", []edit{{"$.terraform_providers[0].operators[0].when", raw(`{"equals": "x"}`)}},
			"$.terraform_providers[0].operators[0].when.attribute", "missing: the provider attribute to test"},
		{"invalid glob", []edit{{"$.terraform_providers[0].non_regional_types[0]", "acme_[iam_*"}},
			"$.terraform_providers[0].non_regional_types[0]", `"acme_[iam_*" is not a valid type glob`},
		{"invalid resource type glob of an offer", []edit{{"$.offers[0].perimeter", "IaaS"}, {"$.offers[0].resource_types", raw(`["acme_vm", "acme_[db"]`)}},
			"$.offers[0].resource_types[1]", `"acme_[db" is not a valid type glob`},
		{"resource types of an offer without its perimeter", []edit{{"$.offers[0].resource_types", raw(`["acme_vm"]`)}},
			"$.offers[0].resource_types", "needs the perimeter it comes from"},
		{"empty negated glob", []edit{{"$.terraform_providers[0].resource_attributes[1].types[0]", "!"}},
			"$.terraform_providers[0].resource_attributes[1].types[0]", `"!" is not a valid type glob`},
		{"attribute without path", []edit{{"$.terraform_providers[0].resource_attributes[0].path", ""}},
			"$.terraform_providers[0].resource_attributes[0].path", "missing: the attribute path"},
		{"unknown attribute role", []edit{{"$.terraform_providers[0].resource_attributes[1].role", "backup"}},
			"$.terraform_providers[0].resource_attributes[1].role", `unknown role "backup"`},
		{"default_region not a region of the provider's operators", []edit{{"$.terraform_providers[0].default_region", "de-fra"}},
			"$.terraform_providers[0].default_region", `"de-fra" is not a region of this provider's operators`},
		{"not_located with operators", []edit{{"$.terraform_providers[0].not_located", true}},
			"$.terraform_providers[0].not_located", "a provider whose resources have no location cannot map to operators"},
		{"source address with host", []edit{{"$.terraform_providers[0].source", "registry.terraform.io/acme/acme"}},
			"$.terraform_providers[0].source", `"registry.terraform.io/acme/acme" is not a provider source address without host`},

		// Ids, names and URLs.
		{"invalid URL", []edit{{"$.sources[0].url", "example.org/one"}},
			"$.sources[0].url", `"example.org/one" is not an http(s) URL`},
		{"invalid id", []edit{{"$.offers[0].id", "Acme IaaS"}},
			"$.offers[0].id", `"Acme IaaS" is not a valid id`},
		{"missing title", []edit{{"$.sources[1].title", " "}},
			"$.sources[1].title", "missing; this field is required"},
		{"extraterritorial_laws with exposure false", []edit{{"$.operators[0].extraterritorial_laws", raw(`["US CLOUD Act"]`)}},
			"$.operators[0].extraterritorial_exposure", "must be true when extraterritorial_laws are listed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := minimalDoc(t)
			applyEdits(t, doc, tt.edits)
			_, err := buildDoc(t, minimalFile, doc)
			if err == nil {
				t.Fatalf("the catalog loads; want an error at %s", tt.wantPath)
			}
			es := catalogErrors(t, err)
			if diff := cmp.Diff([]where{{minimalFile, tt.wantPath}}, places(es)); diff != "" {
				t.Fatalf("error places (-want +got):\n%s\nerror:\n%v", diff, err)
			}
			if !strings.Contains(es[0].Msg, tt.wantMsg) {
				t.Errorf("message %q does not contain %q", es[0].Msg, tt.wantMsg)
			}
			if want := minimalFile + ": " + tt.wantPath + ": "; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %q does not start with %q", err, want)
			}
		})
	}
}

// TestValidationReportsEveryError checks that one pass reports all the
// problems of a document, each at its place, not just the first.
func TestValidationReportsEveryError(t *testing.T) {
	doc := minimalDoc(t)
	applyEdits(t, doc, []edit{
		{"$.sources[0].url", "ftp://example.org/one"},
		{"$.operators[0].country", "fr"},
		{"$.offers[0].status", "Qualified"},
		{"$.offers[0].qualified_on", remove},
		{"$.terraform_providers[0].zone_rules[0].match", "("},
	})
	_, err := buildDoc(t, "several.json", doc)
	if err == nil {
		t.Fatal("the catalog loads; want errors")
	}
	want := []where{
		{"several.json", "$.sources[0].url"},
		{"several.json", "$.operators[0].country"},
		{"several.json", "$.offers[0].status"},
		{"several.json", "$.terraform_providers[0].zone_rules[0].match"},
	}
	if diff := cmp.Diff(want, places(catalogErrors(t, err))); diff != "" {
		t.Errorf("error places (-want +got):\n%s", diff)
	}
	if got := strings.Count(err.Error(), "\n") + 1; got != len(want) {
		t.Errorf("Error() has %d lines, want one per error (%d):\n%v", got, len(want), err)
	}
}
