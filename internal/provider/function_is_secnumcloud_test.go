package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func TestAccIsSecNumCloudFunction(t *testing.T) {
	tests := []struct {
		output, provider, region string
		want                     bool
	}{
		{"outscale_cloudgouv", "outscale/outscale", "cloudgouv-eu-west-1", true},
		{"outscale_cloudgouv_zone", "outscale/outscale", "cloudgouv-eu-west-1a", true},
		{"outscale_public", "outscale/outscale", "eu-west-2", false},
		{"s3ns", "hashicorp/google", "u-france-east1", true},
		{"google_paris", "hashicorp/google", "europe-west9", false},
		{"aws_paris", "hashicorp/aws", "eu-west-3", false},
		{"aws_paris_zone", "registry.terraform.io/hashicorp/aws", "eu-west-3a", false},
		// NumSpot's offer is only at J1: pending is not qualified.
		{"numspot_pending", "numspot/numspot", "cloudgouv-eu-west-1", false},
	}
	config := providerConfig
	var checks []statecheck.StateCheck
	for _, tt := range tests {
		config += `
output "` + tt.output + `" {
  value = provider::trustcloud::is_secnumcloud("` + tt.provider + `", "` + tt.region + `")
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

func TestAccIsSecNumCloudFunction_errors(t *testing.T) {
	testRegionFunctionErrors(t, "is_secnumcloud")
}
