package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestMain makes the configurations' required_providers source,
// trustcloud/trustcloud, resolve to the provider under test: without it
// terraform-plugin-testing registers it as hashicorp/trustcloud and
// terraform init looks for trustcloud/trustcloud in the registry.
func TestMain(m *testing.M) {
	if os.Getenv(resource.EnvTfAccProviderNamespace) == "" {
		if err := os.Setenv(resource.EnvTfAccProviderNamespace, "trustcloud"); err != nil {
			fmt.Fprintln(os.Stderr, "setting", resource.EnvTfAccProviderNamespace+":", err)
			os.Exit(2)
		}
	}
	os.Exit(m.Run())
}

// protoV6ProviderFactories serve the provider in-process to the real
// Terraform CLI.
var protoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"trustcloud": providerserver.NewProtocol6WithError(New("test")()),
}

// providerConfig declares the provider the way users do; every test
// configuration starts with it.
const providerConfig = `
terraform {
  required_providers {
    trustcloud = {
      source = "trustcloud/trustcloud"
    }
  }
}

provider "trustcloud" {}
`

// requiredProviders is providerConfig without the provider block, for
// tests that configure the provider themselves.
const requiredProviders = `
terraform {
  required_providers {
    trustcloud = {
      source = "trustcloud/trustcloud"
    }
  }
}
`

// userCatalog adds a qualified region to Outscale, an operator whose
// ownership is not known, and renames the catalog's version: all must show
// through the data sources.
const userCatalog = `{
  "schema_version": "1",
  "version": "test-override",
  "sources": [{"id": "test-src", "title": "Test fixture", "date": "2026-01-01"}],
  "operators": [{"id": "test-unknown-owner", "name": "Test operator", "country": "FR", "source_ids": ["test-src"]}],
  "regions": [{"operator": "outscale", "code": "tc-test-1", "city": "Lyon", "country": "FR",
               "zones": ["tc-test-1z"], "source_ids": ["test-src"]}],
  "offers": [{"id": "outscale-test-qualified", "operator": "outscale", "name": "Test offer",
              "model": "IaaS", "status": "qualified", "qualified_on": "2026-01-01", "expires_on": "2099-01-01",
              "decision": "TEST-1", "anssi_edition": "2026-01-01",
              "regions": ["tc-test-1"], "source_ids": ["test-src"]}]
}`

// expectError matches an error output that contains the fragments in
// order. Terraform wraps long messages, so any space in a fragment matches
// any run of white space.
func expectError(fragments ...string) *regexp.Regexp {
	quoted := make([]string, len(fragments))
	for i, f := range fragments {
		words := strings.Fields(f)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		quoted[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(p)
}

func TestAccProvider_catalogFile(t *testing.T) {
	t.Parallel()
	file := writeFile(t, "catalog.json", userCatalog)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: requiredProviders + `
provider "trustcloud" {
  catalog_file = "` + file + `"
}

data "trustcloud_catalog" "c" {}

data "trustcloud_region" "r" {
  terraform_provider = "outscale/outscale"
  region             = "tc-test-1z"
}

data "trustcloud_operators" "all" {}

output "unknown_owner" {
  value = one([for o in data.trustcloud_operators.all.operators : o if o.id == "test-unknown-owner"])
}

data "trustcloud_region" "default" {
  terraform_provider = "outscale/outscale"
  region             = "cloudgouv-eu-west-1"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.trustcloud_catalog.c", tfjsonpath.New("version"), knownvalue.StringExact("test-override")),
				// as_of is not set by the user file: the embedded one stays.
				statecheck.ExpectKnownValue("data.trustcloud_catalog.c", tfjsonpath.New("as_of"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`))),
				statecheck.ExpectKnownValue("data.trustcloud_region.r", tfjsonpath.New("code"), knownvalue.StringExact("tc-test-1")),
				statecheck.ExpectKnownValue("data.trustcloud_region.r", tfjsonpath.New("zone"), knownvalue.StringExact("tc-test-1z")),
				statecheck.ExpectKnownValue("data.trustcloud_region.r", tfjsonpath.New("city"), knownvalue.StringExact("Lyon")),
				statecheck.ExpectKnownValue("data.trustcloud_region.r", tfjsonpath.New("secnumcloud_qualified"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.trustcloud_region.r", tfjsonpath.New("offers").AtSliceIndex(0).AtMapKey("id"), knownvalue.StringExact("outscale-test-qualified")),
				// Unknown exposure is null, never a reassuring false.
				statecheck.ExpectKnownOutputValue("unknown_owner", knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"country":                   knownvalue.StringExact("FR"),
					"extraterritorial_exposure": knownvalue.Null(),
					"parent_jurisdiction":       knownvalue.Null(),
					"secnumcloud_qualified":     knownvalue.Bool(false),
				})),
				// The embedded default is still there under the user file.
				statecheck.ExpectKnownValue("data.trustcloud_region.default", tfjsonpath.New("code"), knownvalue.StringExact("cloudgouv-eu-west-1")),
				statecheck.ExpectKnownValue("data.trustcloud_region.default", tfjsonpath.New("offers").AtSliceIndex(0).AtMapKey("id"), knownvalue.StringExact("outscale-iaas-secnumcloud")),
			},
		}},
	})
}

func TestAccProvider_catalogFileErrors(t *testing.T) {
	t.Parallel()
	missing := filepath.ToSlash(filepath.Join(t.TempDir(), "nope.json"))
	badRef := writeFile(t, "bad.json", `{
  "schema_version": "1",
  "regions": [{"operator": "outscal", "code": "x-1", "country": "FR", "source_ids": ["s1"]}]
}`)
	badJSON := writeFile(t, "broken.json", `{"schema_version": "1",`)
	tests := []struct {
		name, file string
		want       *regexp.Regexp
	}{
		{"missing file", missing, expectError("Invalid catalog", "nope.json: cannot read the catalog file")},
		{"unknown operator reference", badRef, expectError("bad.json:", `$.regions[0].operator: unknown operator "outscal"; known: outscale`)},
		{"invalid JSON", badJSON, expectError("broken.json:", "invalid JSON")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: requiredProviders + `
provider "trustcloud" {
  catalog_file = "` + tt.file + `"
}

data "trustcloud_catalog" "c" {}
`,
					ExpectError: tt.want,
				}},
			})
		})
	}
}
