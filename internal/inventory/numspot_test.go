package inventory

import (
	"strings"
	"testing"
)

// NumSpot has no region argument: the API host (numspot_host) names the
// region of everything but buckets, which are on the object storage host
// (numspot_host_os). The real provider needs both, so a NumSpot host in
// numspot_host_os must not make the configuration unverifiable.
const numspotPlan = `{
  "format_version": "1.2",
  "resource_changes": [
    {"address": "numspot_vpc.gov", "mode": "managed", "type": "numspot_vpc", "name": "gov", "provider_name": "registry.terraform.io/numspot/numspot",
     "change": {"actions": ["create"], "after": {"ip_range": "10.0.0.0/16"}, "after_unknown": {"id": true}}},
    {"address": "numspot_bucket.gov", "mode": "managed", "type": "numspot_bucket", "name": "gov", "provider_name": "registry.terraform.io/numspot/numspot",
     "change": {"actions": ["create"], "after": {"name": "gov"}, "after_unknown": {"id": true}}},
    {"address": "numspot_bucket.split", "mode": "managed", "type": "numspot_bucket", "name": "split", "provider_name": "registry.terraform.io/numspot/numspot",
     "change": {"actions": ["create"], "after": {"name": "split"}, "after_unknown": {"id": true}}},
    {"address": "numspot_vpc.split", "mode": "managed", "type": "numspot_vpc", "name": "split", "provider_name": "registry.terraform.io/numspot/numspot",
     "change": {"actions": ["create"], "after": {"ip_range": "10.1.0.0/16"}, "after_unknown": {"id": true}}},
    {"address": "numspot_bucket.env", "mode": "managed", "type": "numspot_bucket", "name": "env", "provider_name": "registry.terraform.io/numspot/numspot",
     "change": {"actions": ["create"], "after": {"name": "env"}, "after_unknown": {"id": true}}},
    {"address": "numspot_vpc.env", "mode": "managed", "type": "numspot_vpc", "name": "env", "provider_name": "registry.terraform.io/numspot/numspot",
     "change": {"actions": ["create"], "after": {"ip_range": "10.2.0.0/16"}, "after_unknown": {"id": true}}},
    {"address": "numspot_vpc.minio", "mode": "managed", "type": "numspot_vpc", "name": "minio", "provider_name": "registry.terraform.io/numspot/numspot",
     "change": {"actions": ["create"], "after": {"ip_range": "10.3.0.0/16"}, "after_unknown": {"id": true}}}
  ],
  "configuration": {
    "provider_config": {
      "numspot": {"name": "numspot", "full_name": "registry.terraform.io/numspot/numspot", "expressions": {
        "numspot_host": {"constant_value": "https://api.cloudgouv-eu-west-1.numspot.com"},
        "numspot_host_os": {"constant_value": "https://objectstorage.cloudgouv-eu-west-1.numspot.com"}}},
      "numspot.split": {"name": "numspot", "full_name": "registry.terraform.io/numspot/numspot", "alias": "split", "expressions": {
        "numspot_host": {"constant_value": "https://api.cloudgouv-eu-west-1.numspot.com"},
        "numspot_host_os": {"constant_value": "https://objectstorage.eu-west-2.numspot.com"}}},
      "numspot.env": {"name": "numspot", "full_name": "registry.terraform.io/numspot/numspot", "alias": "env", "expressions": {
        "numspot_host": {"constant_value": "https://api.cloudgouv-eu-west-1.numspot.com"}}},
      "numspot.minio": {"name": "numspot", "full_name": "registry.terraform.io/numspot/numspot", "alias": "minio", "expressions": {
        "numspot_host": {"constant_value": "https://api.cloudgouv-eu-west-1.numspot.com"},
        "numspot_host_os": {"constant_value": "https://minio.example.org"}}}
    },
    "root_module": {
      "resources": [
        {"address": "numspot_vpc.gov", "mode": "managed", "type": "numspot_vpc", "name": "gov", "provider_config_key": "numspot"},
        {"address": "numspot_bucket.gov", "mode": "managed", "type": "numspot_bucket", "name": "gov", "provider_config_key": "numspot"},
        {"address": "numspot_bucket.split", "mode": "managed", "type": "numspot_bucket", "name": "split", "provider_config_key": "numspot.split"},
        {"address": "numspot_vpc.split", "mode": "managed", "type": "numspot_vpc", "name": "split", "provider_config_key": "numspot.split"},
        {"address": "numspot_bucket.env", "mode": "managed", "type": "numspot_bucket", "name": "env", "provider_config_key": "numspot.env"},
        {"address": "numspot_vpc.env", "mode": "managed", "type": "numspot_vpc", "name": "env", "provider_config_key": "numspot.env"},
        {"address": "numspot_vpc.minio", "mode": "managed", "type": "numspot_vpc", "name": "minio", "provider_config_key": "numspot.minio"}
      ]
    }
  }
}`

func TestNumSpotHosts(t *testing.T) {
	rs := buildFixture(t, numspotPlan)
	for _, tc := range []struct {
		addr, status, region, operator, evidence string
	}{
		// Both hosts in the qualified region.
		{"numspot_vpc.gov", StatusKnown, "cloudgouv-eu-west-1", "numspot", `numspot_host = "https://api.cloudgouv-eu-west-1.numspot.com"`},
		{"numspot_bucket.gov", StatusKnown, "cloudgouv-eu-west-1", "numspot", `numspot_host_os = "https://objectstorage.cloudgouv-eu-west-1.numspot.com"`},
		// A bucket is where the object storage host is, whatever the
		// API host says; everything else where the API host is.
		{"numspot_bucket.split", StatusKnown, "eu-west-2", "numspot", `numspot_host_os = "https://objectstorage.eu-west-2.numspot.com"`},
		{"numspot_vpc.split", StatusKnown, "cloudgouv-eu-west-1", "numspot", `numspot_host = "https://api.cloudgouv-eu-west-1.numspot.com"`},
		// Without numspot_host_os in the block, NUMSPOT_HOST_OS decides
		// where buckets are: invisible to the plan.
		{"numspot_bucket.env", StatusUnknown, "", "numspot", "sets no numspot_host or numspot_host_os"},
		{"numspot_vpc.env", StatusKnown, "cloudgouv-eu-west-1", "numspot", `numspot_host = "https://api.cloudgouv-eu-west-1.numspot.com"`},
		// An object storage host that is not NumSpot's: the calls go
		// somewhere the catalog does not know.
		{"numspot_vpc.minio", StatusUnknown, "", "", `numspot_host_os = "https://minio.example.org": the provider's API calls go to a place the catalog does not know`},
	} {
		r := rs[tc.addr]
		if r == nil {
			t.Fatalf("%s missing", tc.addr)
		}
		op := ""
		if r.Operator != nil {
			op = *r.Operator
		}
		if r.Location.Status != tc.status || r.Location.Region != tc.region || op != tc.operator {
			t.Errorf("%s: %s %q operator %q, want %s %q operator %q (%v)", tc.addr, r.Location.Status, r.Location.Region, op,
				tc.status, tc.region, tc.operator, r.Location.Evidence)
		}
		if ev := strings.Join(English(r.Location.Evidence), " | "); !strings.Contains(ev, tc.evidence) {
			t.Errorf("%s: evidence %q lacks %q", tc.addr, ev, tc.evidence)
		}
	}
}
