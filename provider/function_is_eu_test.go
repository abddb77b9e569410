package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func TestAccIsEUFunction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		output, provider, region string
		want                     bool
	}{
		{"outscale_cloudgouv", "outscale/outscale", "cloudgouv-eu-west-1", true},
		{"aws_paris", "hashicorp/aws", "eu-west-3", true},
		{"aws_paris_zone", "registry.terraform.io/hashicorp/aws", "eu-west-3a", true},
		{"aws_virginia", "hashicorp/aws", "us-east-1", false},
		{"outscale_us", "outscale/outscale", "us-east-2", false},
		{"google_paris", "hashicorp/google", "europe-west9", true},
		{"azure_west_europe", "hashicorp/azurerm", "West Europe", true},
	}
	config := providerConfig
	var checks []statecheck.StateCheck
	for _, tt := range tests {
		config += `
output "` + tt.output + `" {
  value = provider::trustcloud::is_eu("` + tt.provider + `", "` + tt.region + `")
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

func TestAccIsEUFunction_errors(t *testing.T) {
	t.Parallel()
	testRegionFunctionErrors(t, "is_eu")
}
