// Command testprovider is a Terraform provider for trustcloud's tests only.
// One binary serves several providers, chosen by the name it is invoked as
// (terraform-provider-aws, terraform-provider-google …), whose schemas mimic
// the real providers' under their real source addresses, so that real
// Terraform can plan test configurations offline (through dev_overrides) and
// the analyzer can be tested on plans Terraform itself produced.
//
// Linked as terraform-provider-aws_v5.100.0 (any 5.x), it serves the 5.x
// tables of hashicorp/aws instead of the 6.x ones. With TESTPROVIDER_LANDING
// set, it records where each resource it creates lands (landing.go).
//
// Usage outside Terraform:
//
//	testprovider -sources   print "<type> <source>" for every provider served
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

func main() {
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr *os.File) int {
	if len(args) > 1 && args[1] == "-sources" {
		for _, p := range providers() {
			_, _ = fmt.Fprintf(stdout, "%s %s\n", p.typeName, p.source)
		}
		return 0
	}
	name := providerName(args[0])
	if as := servedAs(args[0]); as != "" {
		name = as
	}
	spec := lookupProvider(name, providerVersion(args[0]))
	if spec == nil {
		_, _ = fmt.Fprintf(stderr, "testprovider: invoked as %q: no test provider of type %q; link the binary as terraform-provider-<type>, one of: %s\n",
			filepath.Base(args[0]), name, strings.Join(providerTypes(), ", "))
		return 2
	}
	err := tf6server.Serve("registry.terraform.io/"+spec.source, func() tfprotov6.ProviderServer {
		srv := newSchemaServer(spec)
		if spec.legacy {
			return legacyServer{srv}
		}
		return srv
	})
	if err != nil {
		_, _ = fmt.Fprintf(stderr, "testprovider: %s: %v\n", spec.source, err)
		return 1
	}
	return 0
}

// providerName is the provider type in an executable name such as
// terraform-provider-google-beta or terraform-provider-aws_v6.0.0.
func providerName(exe string) string {
	base := strings.TrimSuffix(filepath.Base(exe), ".exe")
	base = strings.TrimPrefix(base, "terraform-provider-")
	name, _, _ := strings.Cut(base, "_")
	return name
}

// servedAs is the provider type an executable linked as
// terraform-provider-<type>_as-<other> serves: another provider's tables
// under this source address, as a renamed or forked provider would (the
// adversarial tests use it). "" for every other name.
func servedAs(exe string) string {
	base := strings.TrimSuffix(filepath.Base(exe), ".exe")
	if _, as, ok := strings.Cut(base, "_as-"); ok {
		return as
	}
	return ""
}

// providerVersion is the version in an executable name, as in a
// provider package (terraform-provider-aws_v5.100.0_x5 → "5.100.0"); ""
// when the name has none. Linking the binary under such a name selects
// the tables of that major version (lookupProvider).
func providerVersion(exe string) string {
	base := strings.TrimSuffix(filepath.Base(exe), ".exe")
	_, rest, ok := strings.Cut(strings.TrimPrefix(base, "terraform-provider-"), "_v")
	if !ok {
		return ""
	}
	version, _, _ := strings.Cut(rest, "_")
	return version
}

// legacyServer marks plans and applies as coming from a provider on the
// legacy type system, as SDKv2 providers (the real aws, azurerm, google …)
// do: Terraform then accepts a planned value that differs from the
// configuration, which is how those providers normalise a location
// ("West Europe" → "westeurope", "eu" → "EU"). The flag is deprecated for
// new providers; mimicking the old ones is the point here.
type legacyServer struct {
	tfprotov6.ProviderServer
}

func (s legacyServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := s.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		resp.UnsafeToUseLegacyTypeSystem = true //nolint:staticcheck // deliberate: behave like an SDKv2 provider
	}
	return resp, err
}

func (s legacyServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp, err := s.ProviderServer.ApplyResourceChange(ctx, req)
	if resp != nil {
		resp.UnsafeToUseLegacyTypeSystem = true //nolint:staticcheck // deliberate: behave like an SDKv2 provider
	}
	return resp, err
}
