package provider

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// netRecorder fails and records every outgoing HTTP request and every
// host name lookup of the process.
type netRecorder struct {
	mu    sync.Mutex
	calls []string
}

func (n *netRecorder) add(call string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.calls = append(n.calls, call)
}

func (n *netRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	n.add(req.Method + " " + req.URL.String())
	return nil, errors.New("network access is disabled in this test")
}

// block routes the process's default HTTP transport and resolver to the
// recorder until the test ends.
func (n *netRecorder) block(t *testing.T) {
	transport, resolver := http.DefaultTransport, net.DefaultResolver
	http.DefaultTransport = n
	net.DefaultResolver = &net.Resolver{PreferGo: true, Dial: func(_ context.Context, network, address string) (net.Conn, error) {
		n.add("resolve via " + network + " " + address)
		return nil, errors.New("network access is disabled in this test")
	}}
	t.Cleanup(func() { http.DefaultTransport, net.DefaultResolver = transport, resolver })
}

// TestAccProviderMakesNoNetworkCall serves the provider in this process to
// real Terraform with a user catalog file, and reads every data source and
// calls every function, while the process's HTTP transport and resolver
// fail and record any use: the provider must answer from its catalog
// alone. (A dial to a literal IP address would bypass both; the
// provider's code has none.) Not parallel: the recorder is the process's,
// and it runs before the parallel tests start, so that it sees this test's
// calls only.
func TestAccProviderMakesNoNetworkCall(t *testing.T) {
	var rec netRecorder
	rec.block(t)
	file := writeFile(t, "catalog.json", userCatalog)
	// The embedded catalog's answer, which changes as ANSSI publishes.
	info, err := pure(t).RegionOf("outscale/outscale", "cloudgouv-eu-west-1")
	if err != nil {
		t.Fatal(err)
	}
	secnumcloud := info.Qualified
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		TerraformVersionChecks:   functionVersionChecks,
		Steps: []resource.TestStep{{
			Config: requiredProviders + `
provider "trustcloud" {
  catalog_file = "` + file + `"
}

data "trustcloud_catalog" "c" {}

data "trustcloud_operators" "o" {
  secnumcloud_only = true
}

data "trustcloud_offers" "f" {
  operator = "outscale"
}

data "trustcloud_regions" "r" {
  terraform_provider = "outscale/outscale"
  eu_only            = true
}

data "trustcloud_region" "one" {
  terraform_provider = "outscale/outscale"
  region             = "tc-test-1z"
}

output "version" {
  value = data.trustcloud_catalog.c.version
}

output "operators" {
  value = length(data.trustcloud_operators.o.operators) > 0 && length(data.trustcloud_offers.f.offers) > 0 && length(data.trustcloud_regions.r.regions) > 0
}

output "region" {
  value = data.trustcloud_region.one.code
}

output "info" {
  value = provider::trustcloud::region_info("hashicorp/aws", "eu-west-3a").country
}

output "eu" {
  value = provider::trustcloud::is_eu("hashicorp/aws", "eu-west-3")
}

output "secnumcloud" {
  value = provider::trustcloud::is_secnumcloud("outscale/outscale", "cloudgouv-eu-west-1")
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("version", knownvalue.StringExact("test-override")),
				statecheck.ExpectKnownOutputValue("operators", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("region", knownvalue.StringExact("tc-test-1")),
				statecheck.ExpectKnownOutputValue("info", knownvalue.StringExact("FR")),
				statecheck.ExpectKnownOutputValue("eu", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("secnumcloud", knownvalue.Bool(secnumcloud)),
			},
		}},
	})
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.calls) > 0 {
		t.Errorf("network calls during the run: %v", rec.calls)
	}
}

// TestNetRecorderCatches: the recorder sees what the provider would do
// if it reached the network, so that the test above can fail.
func TestNetRecorderCatches(t *testing.T) {
	var rec netRecorder
	rec.block(t)
	if _, err := http.Get("https://checkpoint-api.hashicorp.com/v1/check/terraform"); err == nil {
		t.Error("an HTTP request went through")
	}
	if _, err := net.LookupHost("registry.terraform.io"); err == nil {
		t.Error("a host name resolved")
	}
	if _, err := net.Dial("tcp", "registry.terraform.io:443"); err == nil {
		t.Error("a dial by host name went through")
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.calls) < 3 {
		t.Errorf("recorded %v, want the request, the lookup and the dial", rec.calls)
	}
}
