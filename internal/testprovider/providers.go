package main

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// providers lists every provider the binary serves.
func providers() []*providerSpec {
	return []*providerSpec{
		awsProvider(),
		azurermProvider(),
		googleProvider("google"),
		googleProvider("google-beta"),
		scalewayProvider(),
		outscaleProvider(),
		ovhProvider(),
		openstackProvider(),
		numspotProvider(),
		randomProvider(),
		nullProvider(),
		tlsProvider(),
		timeProvider(),
	}
}

// lookupProvider finds the provider served under a type name; version
// (from the executable's name, "" for none) selects the tables of a major
// version where the real provider's differ: hashicorp/aws 5.x.
func lookupProvider(typeName, version string) *providerSpec {
	if typeName == "aws" && strings.HasPrefix(version, "5.") {
		return awsProviderVersion(version)
	}
	for _, p := range providers() {
		if p.typeName == typeName {
			return p
		}
	}
	return nil
}

func providerTypes() []string {
	var out []string
	for _, p := range providers() {
		out = append(out, p.typeName)
	}
	return out
}

// mergeTagsHook computes a computed map attribute as a configured map
// merged over a map of the provider block: AWS tags_all (default_tags),
// Google effective_labels and terraform_labels (default_labels). An
// unknown input makes the result unknown, as in the real providers.
func mergeTagsHook(from string, providerPath []string, to ...string) planHook {
	return func(p *providerConfig, t typeSpec, planned map[string]tftypes.Value) {
		for _, attr := range to {
			if !t.has(attr) || !t.has(from) {
				continue
			}
			own, ok := stringMap(planned[from])
			def, okDef := stringMap(p.get(providerPath...))
			if !ok || !okDef {
				planned[attr] = unknownOf(tftypes.Map{ElementType: tftypes.String})
				continue
			}
			planned[attr] = stringMapVal(mergeMaps(def, own))
		}
	}
}

// azureLocation normalises an Azure location the way azurerm does: the
// display name "West Europe" is stored as "westeurope".
func azureLocation(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, " ", ""))
}
