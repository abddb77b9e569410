package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

// examplesDir holds the tfplugindocs examples; every one must plan and
// apply against the provider.
const examplesDir = "../examples"

// wantExamples are the examples tfplugindocs needs: one per data source
// and function, and the provider's.
var wantExamples = []string{
	"data-sources/trustcloud_catalog/data-source.tf",
	"data-sources/trustcloud_offers/data-source.tf",
	"data-sources/trustcloud_operators/data-source.tf",
	"data-sources/trustcloud_region/data-source.tf",
	"data-sources/trustcloud_regions/data-source.tf",
	"functions/is_eu/function.tf",
	"functions/is_secnumcloud/function.tf",
	"functions/region_info/function.tf",
	"provider/provider.tf",
}

// exampleFiles lists the .tf files under examples/provider,
// examples/data-sources and examples/functions, relative to examplesDir.
func exampleFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{"provider", "data-sources", "functions"} {
		err := filepath.WalkDir(filepath.Join(examplesDir, dir), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(p, ".tf") {
				rel, err := filepath.Rel(examplesDir, p)
				if err != nil {
					return err
				}
				files = append(files, filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			t.Fatalf("listing examples: %v", err)
		}
	}
	slices.Sort(files)
	return files
}

// exampleConfig reads an example; examples other than the provider's do
// not declare the provider source, as in the documentation, so it is added.
func exampleConfig(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(examplesDir, rel))
	if err != nil {
		t.Fatalf("reading example: %v", err)
	}
	cfg := string(b)
	if !strings.Contains(cfg, "required_providers") {
		cfg = requiredProviders + "\n" + cfg
	}
	return cfg
}

func TestAccExamples(t *testing.T) {
	t.Parallel()
	files := exampleFiles(t)
	for _, want := range wantExamples {
		if !slices.Contains(files, want) {
			t.Errorf("missing example %s", want)
		}
	}
	for _, rel := range files {
		t.Run(rel, func(t *testing.T) {
			t.Parallel()
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				TerraformVersionChecks:   functionVersionChecks,
				Steps: []resource.TestStep{{
					Config:            exampleConfig(t, rel),
					ConfigStateChecks: exampleOutputs[rel],
				}},
			})
		})
	}
}

// exampleOutputs are what some examples must output with their default
// variables: the documentation shows them, so they must stay true.
var exampleOutputs = map[string][]statecheck.StateCheck{
	"data-sources/trustcloud_catalog/data-source.tf": {
		statecheck.ExpectKnownOutputValue("trustcloud_catalog", knownvalue.ObjectExact(map[string]knownvalue.Check{
			"as_of":         knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)),
			"anssi_edition": optStringCheck(embeddedEdition()),
			"version":       knownvalue.NotNull(),
		})),
		statecheck.ExpectKnownOutputValue("anssi_sources", knownvalue.ListPartial(map[int]knownvalue.Check{
			0: knownvalue.StringRegexp(regexp.MustCompile(`cyber\.gouv\.fr`)),
		})),
	},
	"data-sources/trustcloud_operators/data-source.tf": {
		statecheck.ExpectKnownOutputValue("qualified_french_operators", qualifiedFrenchOperators()),
	},
	"data-sources/trustcloud_offers/data-source.tf": {
		// Bleu is in the process (its milestone is the catalog's), not qualified.
		statecheck.ExpectKnownOutputValue("bleu_offers", knownvalue.MapExact(map[string]knownvalue.Check{
			bleuOfferName(): knownvalue.StringExact(bleuOfferStatus()),
		})),
		statecheck.ExpectKnownOutputValue("qualified_iaas_offers", knownvalue.ListPartial(map[int]knownvalue.Check{
			0: knownvalue.NotNull(),
		})),
	},
	"data-sources/trustcloud_region/data-source.tf": {
		statecheck.ExpectKnownOutputValue("database_location", knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"region":  knownvalue.StringExact("u-france-east1"),
			"zone":    knownvalue.StringExact("u-france-east1-a"),
			"country": knownvalue.StringExact("FR"),
			"offers":  knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.StringRegexp(regexp.MustCompile(`: qualified until \d{4}-\d{2}-\d{2}$`))}),
		})),
	},
	"data-sources/trustcloud_regions/data-source.tf": {
		statecheck.ExpectKnownOutputValue("french_regions", knownvalue.MapPartial(map[string]knownvalue.Check{
			"outscale/cloudgouv-eu-west-1": embeddedRegionQualified("outscale/outscale", "cloudgouv-eu-west-1"),
			"aws/eu-west-3":                knownvalue.Bool(false),
		})),
	},
	"functions/is_secnumcloud/function.tf": {
		statecheck.ExpectKnownOutputValue("sensitive_workload_region", knownvalue.StringExact("u-france-east1")),
	},
	"functions/region_info/function.tf": {
		statecheck.ExpectKnownOutputValue("aws_location", knownvalue.ObjectExact(map[string]knownvalue.Check{
			"region":                    knownvalue.StringExact("eu-west-3"),
			"country":                   knownvalue.StringExact("FR"),
			"secnumcloud_qualified":     knownvalue.Bool(false),
			"extraterritorial_exposure": knownvalue.Bool(true),
		})),
	},
}

// TestAccExamples_refuse proves that the examples' guards work: given a
// region they must refuse, the plan fails with their message.
func TestAccExamples_refuse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		example   string
		variables config.Variables
		want      []string
	}{
		{"data-sources/trustcloud_region/data-source.tf", config.Variables{"region": config.StringVariable("europe-west9")},
			[]string{"Resource precondition failed", "Region europe-west9", "is not covered by a SecNumCloud-qualified offer"}},
		{"data-sources/trustcloud_regions/data-source.tf", config.Variables{"region": config.StringVariable("europe-west9")},
			[]string{"Resource precondition failed", "u-france-east1; europe-west9 is not SecNumCloud-qualified"}},
		{"functions/is_secnumcloud/function.tf", config.Variables{"region": config.StringVariable("europe-west9")},
			[]string{"Resource precondition failed", "Region europe-west9 is not covered"}},
		{"functions/is_eu/function.tf", config.Variables{"location": config.StringVariable("UK South")},
			[]string{"Resource precondition failed", "UK South is not in an EU member state"}},
		{"functions/is_eu/function.tf", config.Variables{"location": config.StringVariable("Atlantis")},
			[]string{`unknown region "Atlantis"`, `for provider "hashicorp/azurerm"`}},
	}
	for _, tt := range tests {
		t.Run(tt.example, func(t *testing.T) {
			t.Parallel()
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				TerraformVersionChecks:   functionVersionChecks,
				Steps: []resource.TestStep{{
					Config:          exampleConfig(t, tt.example),
					ConfigVariables: tt.variables,
					ExpectError:     expectError(tt.want...),
				}},
			})
		})
	}
}

// qualifiedFrenchOperators expects the French operators that have a
// qualification valid today in the embedded catalog, by id.
func qualifiedFrenchOperators() knownvalue.Check {
	c, err := catalog.Default()
	if err != nil {
		return knownvalue.StringExact("embedded catalog: " + err.Error())
	}
	want := map[string]knownvalue.Check{}
	for _, o := range c.Operators() {
		if o.Country == "FR" && c.OperatorQualified(o.ID) {
			want[o.ID] = knownvalue.StringExact(o.Name)
		}
	}
	return knownvalue.MapExact(want)
}

// embeddedRegionQualified expects whether the region is qualified today in
// the embedded catalog: statuses and expiries change as ANSSI publishes.
func embeddedRegionQualified(source, region string) knownvalue.Check {
	c, err := catalog.Default()
	if err != nil {
		return knownvalue.StringExact("embedded catalog: " + err.Error())
	}
	info, err := c.RegionOf(source, region)
	if err != nil {
		return knownvalue.StringExact(err.Error())
	}
	return knownvalue.Bool(info.Qualified)
}

// embeddedEdition is the embedded catalog's anssi_edition.
func embeddedEdition() string {
	c, err := catalog.Default()
	if err != nil {
		return "embedded catalog: " + err.Error()
	}
	return c.AnssiEdition
}

// bleuOfferStatus is the status of Bleu's offer in the embedded catalog.
func bleuOfferStatus() string {
	c, err := catalog.Default()
	if err != nil {
		return "embedded catalog: " + err.Error()
	}
	for _, o := range c.Offers() {
		if o.Operator == "bleu" {
			return string(o.Status)
		}
	}
	return "no Bleu offer"
}

// bleuOfferName is the name of Bleu's offer in the embedded catalog; the
// test fails if there is not exactly one.
func bleuOfferName() string {
	c, err := catalog.Default()
	if err != nil {
		return "embedded catalog: " + err.Error()
	}
	var names []string
	for _, o := range c.Offers() {
		if o.Operator == "bleu" {
			names = append(names, o.Name)
		}
	}
	if len(names) != 1 {
		return fmt.Sprintf("Bleu has %d offers, want 1", len(names))
	}
	return names[0]
}
