package main

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// numspotProvider serves numspot/numspot. The real provider is built on the
// plugin framework (not legacy), and has no region argument: the region is
// the one in the host names of the provider block, numspot_host for the API
// (https://api.eu-west-2.numspot.com) and numspot_host_os for object
// storage (https://objectstorage.eu-west-2.numspot.com). Each of
// numspot_host, numspot_host_os and space_id is read from NUMSPOT_HOST,
// NUMSPOT_HOST_OS and NUMSPOT_SPACE_ID first, then replaced by a block value
// that is not null; with neither, Configure fails.
//
// Only zonal resources carry a location, availability_zone_name: required
// on a volume, optional and computed on a subnet (the API picks a zone of
// the host's region), computed only on a NIC (its subnet's). The other
// types served (VPC, keypair, PostgreSQL cluster, bucket) are placed by the
// provider block alone. numspot_vm is left out: its zone is
// placement.availability_zone_name, a single nested attribute that the
// spec notation cannot declare. Tags are left out too: the reference data
// mimicked here (provider-metadata/numspot) does not describe them.
func numspotProvider() *providerSpec {
	return &providerSpec{
		typeName: "numspot",
		source:   "numspot/numspot",
		real:     newRealSchema("numspot.json.gz"),
		config:   ty("numspot_host", "numspot_host_os", "space_id", "client_id", "client_secret*"),
		defaults: map[string]func(p *providerConfig) (string, bool){
			"numspot_host":    envDefault("NUMSPOT_HOST"),
			"numspot_host_os": envDefault("NUMSPOT_HOST_OS"),
			"space_id":        envDefault("NUMSPOT_SPACE_ID"),
		},
		check: numspotCheck,
		applied: func(p *providerConfig, m map[string]tftypes.Value) {
			if _, onSubnet := m["subnet_id"]; onSubnet {
				// A NIC is in its subnet's zone, which the test provider
				// cannot see from the subnet's id: left empty.
				return
			}
			if region, ok := numspotHostRegion(p, "numspot_host"); ok {
				setIfUnknown(m, "availability_zone_name", stringVal(region+"a"))
			}
		},
		land: numspotLanding,
		resources: map[string]typeSpec{
			"numspot_vpc": ty("ip_range!", "dhcp_options_set_id?~", "tenancy?~", "state~"),
			"numspot_subnet": ty("vpc_id!", "ip_range!", "availability_zone_name?~", "map_public_ip_on_launch:bool?~",
				"available_ips_count:int~", "state~"),
			"numspot_volume": ty("availability_zone_name!", "size:int?~", "type?~=standard", "iops:int?~", "snapshot_id?~",
				"state~", "creation_date~"),
			"numspot_nic":              ty("subnet_id!", "description?~", "availability_zone_name~", "vpc_id~", "mac_address~", "private_dns_name~"),
			"numspot_keypair":          ty("name!", "public_key?~", "fingerprint~", "private_key~*"),
			"numspot_postgres_cluster": ty("name!", "replica_count:int?~", "version?~", "status~", "host~", "port:int~"),
			"numspot_bucket":           ty("name!"),
		},
	}
}

// numspotArgs are the provider arguments the real Configure requires
// (from the block or the environment), in its order: what each names,
// the variable it is read from, and for a host, the service part of its
// name.
var numspotArgs = []struct{ attr, what, env, service string }{
	{"numspot_host", "NumSpot API host", "NUMSPOT_HOST", "api"},
	{"numspot_host_os", "NumSpot object storage host", "NUMSPOT_HOST_OS", "objectstorage"},
	{"space_id", "NumSpot space ID", "NUMSPOT_SPACE_ID", ""},
}

func numspotArg(attr string) (what, env, service string) {
	for _, a := range numspotArgs {
		if a.attr == attr {
			return a.what, a.env, a.service
		}
	}
	return attr, "", ""
}

// numspotHostPattern is a NumSpot host name: <service>.<region>.numspot.com.
var numspotHostPattern = regexp.MustCompile(`^([a-z]+)\.([a-z0-9-]+)\.numspot\.com$`)

// numspotHostRegion is the region in the host a provider argument names
// (block value, else its environment variable).
func numspotHostRegion(p *providerConfig, attr string) (string, bool) {
	u, ok := p.str(attr)
	if !ok {
		return "", false
	}
	_, _, service := numspotArg(attr)
	m := numspotHostPattern.FindStringSubmatch(endpointHost(u))
	if m == nil || m[1] != service {
		return "", false
	}
	return m[2], true
}

// numspotZone is a NumSpot availability zone: a region code and a letter
// (cloudgouv-eu-west-1a is in cloudgouv-eu-west-1).
var numspotZone = regexp.MustCompile(`^(.+-[0-9]+)[a-z]$`)

// numspotCheck fails the provider's configuration as the real Configure
// does when numspot_host, numspot_host_os or space_id is missing from both
// the block and the environment. A block value unknown at plan fails too:
// the real provider takes every non-null block value, and reads an unknown
// one as the empty string.
func numspotCheck(p *providerConfig) []configError {
	var errs []configError
	for _, a := range numspotArgs {
		if _, ok := p.str(a.attr); ok {
			continue
		}
		detail := fmt.Sprintf("The provider cannot create the NumSpot API client as there is a missing or empty value for the %s. "+
			"Set %s in the configuration or use the %s environment variable.", a.what, a.attr, a.env)
		if !p.get(a.attr).IsKnown() {
			detail = fmt.Sprintf("The provider cannot create the NumSpot API client as %s is not known until apply, and an unknown value reads as empty. "+
				"Set it statically in the configuration or use the %s environment variable.", a.attr, a.env)
		}
		errs = append(errs, configError{attr: a.attr, summary: "Missing " + a.what, detail: detail})
	}
	return errs
}

// numspotLanding: a zonal resource lands in its zone's region, which must
// be the region of numspot_host (each region has its own API host, which
// serves only its own zones); every other resource lands in the region of
// numspot_host, and a bucket in the region of numspot_host_os. The
// endpoint is the host the calls went to.
func numspotLanding(p *providerConfig, typeName string, _ typeSpec, m map[string]tftypes.Value) landing {
	attr := "numspot_host"
	if typeName == "numspot_bucket" {
		attr = "numspot_host_os"
	}
	var l landing
	host, set := p.str(attr)
	if set {
		l.Endpoint = endpointHost(host)
	}
	region, named := numspotHostRegion(p, attr)
	l.Zone = firstString(m, "availability_zone_name", "availability_zone")
	switch {
	case l.Zone != "":
		zm := numspotZone.FindStringSubmatch(l.Zone)
		switch {
		case zm == nil:
			l.Unknown = fmt.Sprintf("availability zone %q is not a NumSpot zone (<region><letter>)", l.Zone)
		case named && zm[1] != region:
			l.Unknown = fmt.Sprintf("availability zone %s is not in region %s of %s %s, whose API serves only that region's zones", l.Zone, region, attr, host)
		default:
			l.Region = zm[1]
		}
	case !set:
		_, env, _ := numspotArg(attr)
		l.Unknown = fmt.Sprintf("%s is set neither in the provider block nor in %s", attr, env)
	case !named:
		_, _, service := numspotArg(attr)
		l.Unknown = fmt.Sprintf("%s %s names no NumSpot region (%s.<region>.numspot.com)", attr, host, service)
	default:
		l.Region = region
	}
	return l
}
