package main

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestNumSpotLanding(t *testing.T) {
	ns := numspotProvider()
	s := stringVal
	none := map[string]tftypes.Value(nil)
	hosts := func(api, os string) tftypes.Value {
		set := map[string]tftypes.Value{"space_id": s("space")}
		if api != "" {
			set["numspot_host"] = s(api)
		}
		if os != "" {
			set["numspot_host_os"] = s(os)
		}
		return configBlock(t, ns, set, nil)
	}
	gov := hosts("https://api.cloudgouv-eu-west-1.numspot.com", "https://objectstorage.cloudgouv-eu-west-1.numspot.com")
	tests := []struct {
		name     string
		typeName string
		block    tftypes.Value
		state    map[string]tftypes.Value
		env      map[string]string
		want     landing
	}{
		{"region from numspot_host", "numspot_vpc", gov, none, map[string]string{"NUMSPOT_HOST": "https://api.eu-west-2.numspot.com"},
			landing{Region: "cloudgouv-eu-west-1", Endpoint: "api.cloudgouv-eu-west-1.numspot.com"}},
		{"NUMSPOT_HOST when the block has none", "numspot_postgres_cluster", hosts("", ""), none,
			map[string]string{"NUMSPOT_HOST": "https://api.eu-west-2.numspot.com"},
			landing{Region: "eu-west-2", Endpoint: "api.eu-west-2.numspot.com"}},
		{"zonal resource in its zone's region", "numspot_volume", gov,
			map[string]tftypes.Value{"availability_zone_name": s("cloudgouv-eu-west-1b")}, nil,
			landing{Region: "cloudgouv-eu-west-1", Zone: "cloudgouv-eu-west-1b", Endpoint: "api.cloudgouv-eu-west-1.numspot.com"}},
		{"zone of another region than the host's", "numspot_volume", gov,
			map[string]tftypes.Value{"availability_zone_name": s("eu-west-2a")}, nil,
			landing{Zone: "eu-west-2a", Endpoint: "api.cloudgouv-eu-west-1.numspot.com",
				Unknown: "availability zone eu-west-2a is not in region cloudgouv-eu-west-1 of numspot_host https://api.cloudgouv-eu-west-1.numspot.com, whose API serves only that region's zones"}},
		{"bucket on the object storage host", "numspot_bucket",
			hosts("https://api.cloudgouv-eu-west-1.numspot.com", "https://objectstorage.eu-west-2.numspot.com"), none, nil,
			landing{Region: "eu-west-2", Endpoint: "objectstorage.eu-west-2.numspot.com"}},
		{"bucket, NUMSPOT_HOST_OS", "numspot_bucket", hosts("https://api.cloudgouv-eu-west-1.numspot.com", ""), none,
			map[string]string{"NUMSPOT_HOST_OS": "https://objectstorage.eu-west-2.numspot.com"},
			landing{Region: "eu-west-2", Endpoint: "objectstorage.eu-west-2.numspot.com"}},
		{"a host that names no region", "numspot_keypair", hosts("https://numspot.internal.example", ""), none, nil,
			landing{Endpoint: "numspot.internal.example", Unknown: "numspot_host https://numspot.internal.example names no NumSpot region (api.<region>.numspot.com)"}},
		{"an API host in numspot_host_os", "numspot_bucket", hosts("", "https://api.eu-west-2.numspot.com"), none, nil,
			landing{Endpoint: "api.eu-west-2.numspot.com", Unknown: "numspot_host_os https://api.eu-west-2.numspot.com names no NumSpot region (objectstorage.<region>.numspot.com)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := landed(t, ns, tt.typeName, tt.block, tt.state, tt.env)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("landing (-want +got):\n%s", diff)
			}
		})
	}
}

// The real provider has no region argument and computes the zones it
// picks: unknown at plan; apply fills a subnet's with a zone of the host's
// region, and leaves a NIC's (its subnet's, which the test provider cannot
// see) to resolveUnknowns.
func TestNumSpotPlanAndApply(t *testing.T) {
	ns := numspotProvider()
	s := stringVal
	block := map[string]tftypes.Value{"numspot_host": s("https://api.cloudgouv-eu-west-1.numspot.com")}
	tests := []struct {
		typeName string
		config   map[string]tftypes.Value
		applied  string
	}{
		{"numspot_subnet", map[string]tftypes.Value{"vpc_id": s("vpc-1"), "ip_range": s("10.0.1.0/24")}, "cloudgouv-eu-west-1a"},
		{"numspot_nic", map[string]tftypes.Value{"subnet_id": s("subnet-1")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.typeName, func(t *testing.T) {
			got := planned(t, ns, tt.typeName, block, tt.config)
			if got["availability_zone_name"].IsKnown() {
				t.Errorf("plan: availability_zone_name = %v, want unknown like the real provider", got["availability_zone_name"])
			}
			r := &genericResource{spec: ns, typeName: tt.typeName,
				cfg: &providerConfig{spec: ns, raw: configBlock(t, ns, block, nil), getenv: mapEnv(nil)}}
			typ := resourceSchema(r.typ()).Type().TerraformType(context.Background())
			state, err := resolveUnknowns(r.complete(tftypes.NewValue(typ, got)), "id-1")
			if err != nil {
				t.Fatal(err)
			}
			if zone, _ := knownString(objectAttrs(state)["availability_zone_name"]); zone != tt.applied {
				t.Errorf("apply: availability_zone_name = %q, want %q", zone, tt.applied)
			}
		})
	}
	got := planned(t, ns, "numspot_volume", block, map[string]tftypes.Value{"availability_zone_name": s("cloudgouv-eu-west-1b")})
	if zone, _ := knownString(got["availability_zone_name"]); zone != "cloudgouv-eu-west-1b" {
		t.Errorf("volume: availability_zone_name = %v, want the configured cloudgouv-eu-west-1b", got["availability_zone_name"])
	}
	if ns.legacy {
		t.Error("numspot/numspot is a plugin framework provider: not legacy")
	}
}

// Like the real Configure: numspot_host, numspot_host_os and space_id
// each come from the block, else from NUMSPOT_HOST, NUMSPOT_HOST_OS and
// NUMSPOT_SPACE_ID; missing from both (or unknown in the block), the
// provider fails.
func TestNumSpotConfigure(t *testing.T) {
	ns := numspotProvider()
	s := stringVal
	unknown := unknownOf(tftypes.String)
	all := map[string]tftypes.Value{"numspot_host": s("https://api.eu-west-2.numspot.com"),
		"numspot_host_os": s("https://objectstorage.eu-west-2.numspot.com"), "space_id": s("space")}
	without := func(attr string, v tftypes.Value) map[string]tftypes.Value {
		out := map[string]tftypes.Value{}
		for k, x := range all {
			if k != attr {
				out[k] = x
			}
		}
		if v.Type() != nil {
			out[attr] = v
		}
		return out
	}
	tests := []struct {
		name  string
		block map[string]tftypes.Value
		env   map[string]string
		want  []string // summaries of the errors, in order
	}{
		{"all in the block", all, nil, nil},
		{"all from the environment", nil, map[string]string{"NUMSPOT_HOST": "https://api.eu-west-2.numspot.com",
			"NUMSPOT_HOST_OS": "https://objectstorage.eu-west-2.numspot.com", "NUMSPOT_SPACE_ID": "space"}, nil},
		{"no host", without("numspot_host", tftypes.Value{}), nil, []string{"Missing NumSpot API host"}},
		{"NUMSPOT_HOST", without("numspot_host", tftypes.Value{}), map[string]string{"NUMSPOT_HOST": "https://api.eu-west-2.numspot.com"}, nil},
		{"empty host", without("numspot_host", s("")), map[string]string{"NUMSPOT_HOST": "https://api.eu-west-2.numspot.com"}, []string{"Missing NumSpot API host"}},
		{"unknown host", without("numspot_host", unknown), map[string]string{"NUMSPOT_HOST": "https://api.eu-west-2.numspot.com"}, []string{"Missing NumSpot API host"}},
		{"nothing", nil, nil, []string{"Missing NumSpot API host", "Missing NumSpot object storage host", "Missing NumSpot space ID"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, a := range numspotArgs {
				t.Setenv(a.env, tt.env[a.env])
			}
			srv := providerserver.NewProtocol6(&testProvider{spec: ns})()
			block := configBlock(t, ns, tt.block, nil)
			cfg, err := tfprotov6.NewDynamicValue(block.Type(), block)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := srv.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{Config: &cfg})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range resp.Diagnostics {
				if d.Severity == tfprotov6.DiagnosticSeverityError {
					got = append(got, d.Summary)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}
