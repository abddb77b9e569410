package main

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"math/big"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// European clouds and the utility providers. The clouds leave region and zone
// computed when the configuration omits them (known only after apply), as
// the real providers do: the plan then tells the location only through the
// provider block.

func scalewayProvider() *providerSpec {
	zonal := func(items ...any) typeSpec { return ty(items...).with("zone?~", "project_id?~", "organization_id~") }
	regional := func(items ...any) typeSpec { return ty(items...).with("region?~", "project_id?~", "organization_id~") }
	return &providerSpec{
		typeName: "scaleway",
		source:   "scaleway/scaleway",
		legacy:   true,
		real:     newRealSchema("scaleway.json.gz"),
		config:   ty("region", "zone", "project_id", "organization_id", "access_key", "secret_key*", "profile", "api_url"),
		applied: func(p *providerConfig, m map[string]tftypes.Value) {
			zone, region, _ := scalewayDefaults(p)
			setIfUnknown(m, "zone", stringVal(zone))
			setIfUnknown(m, "region", stringVal(region))
			setIfUnknown(m, "project_id", p.get("project_id"))
		},
		land: scalewayLanding,
		resources: map[string]typeSpec{
			"scaleway_instance_server": zonal("name?~", "type!", "image", "tags:list", "enable_dynamic_ip:bool", "ip_id",
				"ip_ids:list?~", "security_group_id?~", "placement_group_id", "state?~", "user_data:map?~", "private_ip~", "public_ip~",
				blk("root_volume", 1, "size_in_gb:int?~", "volume_type?~", "delete_on_termination:bool", "volume_id~"),
				blk("private_network", 0, "pn_id!", "mac_address~", "status~")),
			"scaleway_instance_ip":             zonal("type?~", "tags:list", "address~"),
			"scaleway_instance_security_group": zonal("name?~", "description", "inbound_default_policy", "outbound_default_policy", "stateful:bool", "tags:list", blk("inbound_rule", 0, "action!", "protocol", "port:int", "ip_range")),
			"scaleway_instance_volume":         zonal("name?~", "type!", "size_in_gb:int", "tags:list", "server_id~"),
			"scaleway_rdb_instance": regional("name?~", "node_type!", "engine!", "is_ha_cluster:bool", "disable_backup:bool",
				"backup_schedule_frequency:int?~", "backup_schedule_retention:int?~", "backup_same_region:bool?~",
				"user_name?~", "password*", "volume_type", "volume_size_in_gb:int?~", "encryption_at_rest:bool", "tags:list",
				"endpoint_ip~", "endpoint_port:int~", blk("private_network", 1, "pn_id!", "ip_net?~", "enable_ipam:bool?~")),
			"scaleway_rdb_database": regional("instance_id!", "name!", "managed~", "owner~", "size~"),
			"scaleway_object_bucket": regional("name!", "tags:map", "force_destroy:bool", "object_lock_enabled:bool", "endpoint~",
				"api_endpoint~", blk("versioning", 1, "enabled:bool"), blk("lifecycle_rule", 0, "id?~", "enabled:bool!", "prefix", blk("expiration", 1, "days:int!"))),
			"scaleway_vpc":                 regional("name?~", "tags:list", "enable_routing:bool?~", "is_default~"),
			"scaleway_vpc_private_network": regional("name?~", "tags:list", "vpc_id?~", blk("ipv4_subnet", 1, "subnet?~")),
			"scaleway_lb":                  zonal("name?~", "type!", "ip_ids:list?~", "tags:list", "ip_address~"),
			"scaleway_k8s_cluster": regional("name!", "version!", "cni!", "type?~", "tags:list", "private_network_id",
				"delete_additional_resources:bool!", "apiserver_url~", "wildcard_dns~"),
		},
	}
}

func outscaleProvider() *providerSpec {
	tags := blk("tags", 0, "key!", "value!")
	return &providerSpec{
		typeName: "outscale",
		source:   "outscale/outscale",
		legacy:   true,
		real:     newRealSchema("outscale.json.gz"),
		config: ty("access_key_id*", "secret_key_id*", "region", "profile", "config_file", "insecure:bool",
			blk("api", 1, "endpoint", "region", "x509_cert_path", "x509_key_path"),
			blk("oks", 1, "endpoint", "region"),
			blk("endpoints", 0, "api")),
		defaults: map[string]func(p *providerConfig) (string, bool){
			"region":  envDefault("OSC_REGION"),
			"profile": envDefault("OSC_PROFILE"),
		},
		applied: func(p *providerConfig, m map[string]tftypes.Value) {
			if region := outscaleRegion(p); region != "" {
				setIfUnknown(m, "placement_subregion_name", stringVal(region+"a"))
				setIfUnknown(m, "subregion_name", stringVal(region+"a"))
			}
		},
		land: outscaleLanding,
		resources: map[string]typeSpec{
			"outscale_vm": ty("image_id!", "vm_type?~", "keypair_name?~", "placement_subregion_name?~", "placement_tenancy?~",
				"subnet_id?~", "security_group_ids:list?~", "private_ips:set?~", "user_data", "deletion_protection:bool?~",
				"vm_initiated_shutdown_behavior?~", "state?~", "vm_id~", "private_ip~", "public_ip~", "request_id~", tags,
				blk("block_device_mappings", 0, "device_name", blk("bsu", 1, "volume_size:int", "volume_type", "delete_on_vm_deletion:bool", "iops:int"))),
			"outscale_volume": ty("subregion_name!", "size:int?~", "volume_type?~", "iops:int?~", "snapshot_id", "state~",
				"volume_id~", "request_id~", tags),
			"outscale_volume_link": ty("vm_id!", "volume_id!", "device_name!", "state~"),
			"outscale_net":         ty("ip_range!", "tenancy?~", "dhcp_options_set_id~", "net_id~", "state~", "request_id~", tags),
			"outscale_subnet": ty("net_id!", "ip_range!", "subregion_name?~", "map_public_ip_on_launch:bool?~", "subnet_id~",
				"available_ips_count:int~", "state~", "request_id~", tags),
			"outscale_security_group": ty("security_group_name!", "description!", "net_id", "remove_default_outbound_rule:bool",
				"security_group_id~", "account_id~", "request_id~", tags),
			"outscale_security_group_rule": ty("flow!", "security_group_id!", "from_port_range:int", "to_port_range:int",
				"ip_protocol", "ip_range", "request_id~"),
			"outscale_keypair":   ty("keypair_name!", "public_key", "keypair_fingerprint~", "private_key~*", "keypair_id~", tags),
			"outscale_public_ip": ty("public_ip~", "public_ip_id~", "request_id~", tags),
			"outscale_load_balancer": ty("load_balancer_name!", "subnets:list?~", "subregion_names:list?~", "security_groups:list?~",
				"load_balancer_type?~", "dns_name~", blk("listeners", 0, "backend_port:int!", "backend_protocol!", "load_balancer_port:int!", "load_balancer_protocol!"), tags),
		},
	}
}

func ovhProvider() *providerSpec {
	return &providerSpec{
		typeName: "ovh",
		source:   "ovh/ovh",
		legacy:   true,
		real:     newRealSchema("ovh.json.gz"),
		config:   ty("endpoint", "application_key", "application_secret*", "consumer_key*", "client_id", "client_secret*", "access_token*"),
		defaults: map[string]func(p *providerConfig) (string, bool){"endpoint": envDefault("OVH_ENDPOINT")},
		land:     ovhLanding,
		resources: map[string]typeSpec{
			"ovh_cloud_project_kube": ty("service_name!", "name", "region!", "version?~", "private_network_id", "update_policy?~",
				"kube_proxy_mode?~", "kubeconfig~*", "url~", "status~", "control_plane_is_up_to_date:bool~",
				blk("private_network_configuration", 1, "default_vrack_gateway!", "private_network_routing_as_default:bool!")),
			"ovh_cloud_project_kube_nodepool": ty("service_name!", "kube_id!", "name?~", "flavor_name!", "desired_nodes:int?~",
				"min_nodes:int?~", "max_nodes:int?~", "autoscale:bool?~", "monthly_billed:bool?~", "status~"),
			"ovh_cloud_project_database": ty("service_name!", "engine!", "version!", "plan!", "flavor!", "description?~",
				"disk_size:int?~", "backup_time?~", "status~", "created_at~",
				blk("nodes", 0, "region!", "network_id", "subnet_id"),
				blk("ip_restrictions", 0, "ip!", "description")),
			"ovh_cloud_project_database_user": ty("service_name!", "engine!", "cluster_id!", "name!", "password~*", "status~"),
			"ovh_cloud_project_instance": ty("service_name!", "region!", "name", "billing_period!", "user_data", "status~",
				"addresses:list~",
				blk("flavor", 1, "flavor_id!"),
				blk("boot_from", 1, "image_id", "volume_id"),
				blk("ssh_key", 1, "name!"),
				blk("network", 1, "public:bool")),
			"ovh_cloud_project_containerregistry": ty("service_name!", "name!", "region!", "plan_id?~", "url~", "status~"),
			"ovh_cloud_project_network_private":   ty("service_name!", "name!", "vlan_id:int?~", "regions:set?~", "status~"),
			"ovh_cloud_project_user":              ty("service_name!", "description", "role_name", "username~", "password~*"),
		},
	}
}

func openstackProvider() *providerSpec {
	regional := func(items ...any) typeSpec { return ty(items...).with("region?~") }
	return &providerSpec{
		typeName: "openstack",
		source:   "terraform-provider-openstack/openstack",
		legacy:   true,
		real:     newRealSchema("openstack.json.gz"),
		config: ty("auth_url", "region", "tenant_name", "tenant_id", "user_name", "user_id", "password*", "user_domain_name",
			"project_domain_name", "domain_name", "cloud", "application_credential_id", "application_credential_secret*",
			"endpoint_type", "insecure:bool"),
		defaults: map[string]func(p *providerConfig) (string, bool){
			"region":   envDefault("OS_REGION_NAME"),
			"auth_url": envDefault("OS_AUTH_URL"),
			"cloud":    envDefault("OS_CLOUD"),
		},
		applied: func(p *providerConfig, m map[string]tftypes.Value) {
			setIfUnknown(m, "region", p.get("region"))
		},
		land: openstackLanding,
		resources: map[string]typeSpec{
			"openstack_compute_instance_v2": regional("name!", "availability_zone?~", "flavor_name?~", "flavor_id?~",
				"image_name?~", "image_id?~", "key_pair", "security_groups:set?~", "metadata:map", "user_data", "power_state",
				"access_ip_v4?~", "access_ip_v6?~", "all_metadata:map~",
				blk("network", 0, "name?~", "uuid?~", "port?~", "fixed_ip_v4?~", "mac~"),
				blk("block_device", 0, "uuid", "source_type!", "destination_type", "boot_index:int", "volume_size:int",
					"delete_on_termination:bool")),
			"openstack_compute_keypair_v2":          regional("name!", "public_key?~", "fingerprint~", "private_key~*"),
			"openstack_compute_volume_attach_v2":    regional("instance_id!", "volume_id!", "device?~"),
			"openstack_networking_network_v2":       regional("name", "admin_state_up:bool?~", "tenant_id?~", "shared:bool?~", "tags:set", "mtu:int?~", "all_tags:set~"),
			"openstack_networking_subnet_v2":        regional("name", "network_id!", "cidr?~", "ip_version:int", "enable_dhcp:bool?~", "gateway_ip?~", "dns_nameservers:list", "tenant_id?~"),
			"openstack_networking_router_v2":        regional("name", "external_network_id?~", "admin_state_up:bool?~"),
			"openstack_networking_secgroup_v2":      regional("name!", "description?~", "delete_default_rules:bool", "tags:set"),
			"openstack_networking_secgroup_rule_v2": regional("security_group_id!", "direction!", "ethertype!", "protocol", "port_range_min:int?~", "port_range_max:int?~", "remote_ip_prefix?~"),
			"openstack_blockstorage_volume_v3": regional("name", "size:int!", "availability_zone?~", "volume_type?~", "description",
				"image_id", "snapshot_id", "metadata:map?~", "enable_online_resize:bool", "attachment:list~"),
			"openstack_objectstorage_container_v1": regional("name!", "storage_policy?~", "container_read", "container_write",
				"metadata:map", "force_destroy:bool"),
		},
	}
}

func randomProvider() *providerSpec {
	return &providerSpec{
		typeName: "random",
		source:   "hashicorp/random",
		applied:  randomApplied,
		resources: map[string]typeSpec{
			"random_id": ty("byte_length:int!", "prefix", "keepers:map", "hex~", "b64_url~", "b64_std~", "dec~"),
			"random_string": ty("length:int!", "special:bool?~", "upper:bool?~", "lower:bool?~", "numeric:bool?~",
				"min_numeric:int?~", "override_special", "keepers:map", "result~"),
			"random_password": ty("length:int!", "special:bool?~", "upper:bool?~", "lower:bool?~", "numeric:bool?~",
				"min_special:int?~", "override_special", "keepers:map", "result~*", "bcrypt_hash~*"),
			"random_pet":     ty("length:int?~", "prefix", "separator?~", "keepers:map"),
			"random_integer": ty("min:int!", "max:int!", "seed", "keepers:map", "result:int~"),
			"random_uuid":    ty("keepers:map", "result~"),
		},
	}
}

// randomApplied draws a random_id's bytes on create, as the real provider
// does: two instances of one configuration get two different values (a
// bucket named from it is named differently in each module instance).
// The id is the bytes in unpadded URL-safe base64; hex, b64_url, b64_std
// and dec carry the prefix.
func randomApplied(_ *providerConfig, m map[string]tftypes.Value) {
	if _, ok := m["hex"]; !ok {
		return
	}
	n := 0
	if v := m["byte_length"]; v.IsKnown() && !v.IsNull() {
		var f big.Float
		if err := v.As(&f); err == nil {
			i, _ := f.Int64()
			n = int(i)
		}
	}
	if n < 1 || n > 1024 {
		return
	}
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return
	}
	prefix, _ := knownString(m["prefix"])
	setIfUnknown(m, "id", stringVal(base64.RawURLEncoding.EncodeToString(b)))
	setIfUnknown(m, "hex", stringVal(prefix+hex.EncodeToString(b)))
	setIfUnknown(m, "b64_url", stringVal(prefix+base64.RawURLEncoding.EncodeToString(b)))
	setIfUnknown(m, "b64_std", stringVal(prefix+base64.StdEncoding.EncodeToString(b)))
	setIfUnknown(m, "dec", stringVal(prefix+new(big.Int).SetBytes(b).String()))
}

func nullProvider() *providerSpec {
	return &providerSpec{
		typeName:  "null",
		source:    "hashicorp/null",
		resources: map[string]typeSpec{"null_resource": ty("triggers:map")},
	}
}

func tlsProvider() *providerSpec {
	return &providerSpec{
		typeName: "tls",
		source:   "hashicorp/tls",
		resources: map[string]typeSpec{
			"tls_private_key": ty("algorithm!", "rsa_bits:int?~", "ecdsa_curve?~", "private_key_pem~*", "private_key_openssh~*",
				"public_key_pem~", "public_key_openssh~", "public_key_fingerprint_sha256~"),
			"tls_self_signed_cert": ty("private_key_pem!*", "validity_period_hours:int!", "allowed_uses:list!",
				"dns_names:list", "is_ca_certificate:bool?~", "cert_pem~", "validity_start_time~", "validity_end_time~",
				blk("subject", 1, "common_name", "organization", "country")),
		},
	}
}

func timeProvider() *providerSpec {
	return &providerSpec{
		typeName: "time",
		source:   "hashicorp/time",
		resources: map[string]typeSpec{
			"time_sleep":    ty("create_duration", "destroy_duration", "triggers:map"),
			"time_static":   ty("triggers:map", "rfc3339?~", "unix:int~", "year:int~", "month:int~", "day:int~"),
			"time_rotating": ty("rotation_days:int", "rotation_months:int", "triggers:map", "rfc3339?~", "rotation_rfc3339?~"),
			"time_offset":   ty("offset_days:int", "offset_hours:int", "base_rfc3339?~", "rfc3339~", "triggers:map"),
		},
	}
}

// scalewayDefaults are the zone and region a Scaleway resource takes when
// its configuration sets none, as the real provider merges its profiles
// (meta.loadProfile): built-in fr-par-1 / fr-par, then the config file's
// active profile, then the provider block, then SCW_DEFAULT_ZONE /
// SCW_DEFAULT_REGION, the later winning. So the environment overrides the
// provider block, and a block that sets only zone = "nl-ams-1" still puts
// regional resources in fr-par. The config file (~/.config/scw/config.yaml)
// is not read: unknown says so when a profile is named and neither the
// block nor the environment decides.
func scalewayDefaults(p *providerConfig) (zone, region, unknown string) {
	zone, region = "fr-par-1", "fr-par"
	_, named := scalewayProfile(p)
	fromFile := named
	if z, ok := p.str("zone"); ok {
		zone, fromFile = z, false
	}
	if r, ok := p.str("region"); ok {
		region, fromFile = r, false
	}
	if z := p.env("SCW_DEFAULT_ZONE"); z != "" {
		zone, fromFile = z, false
	}
	if r := p.env("SCW_DEFAULT_REGION"); r != "" {
		region, fromFile = r, false
	}
	if fromFile {
		unknown = "the zone and region may come from the Scaleway config file's profile, which the test provider does not read"
	}
	return zone, region, unknown
}

// scalewayProfile is the profile named by SCW_PROFILE or the block.
func scalewayProfile(p *providerConfig) (string, bool) {
	if s := p.env("SCW_PROFILE"); s != "" {
		return s, true
	}
	return p.str("profile")
}

// scalewayLanding: a zonal resource lands in its zone (and that zone's
// region), a regional one in its region; both default as scalewayDefaults
// says. The calls go to SCW_API_URL, else the block's api_url (the
// environment wins here too), else Scaleway's own.
func scalewayLanding(p *providerConfig, _ string, t typeSpec, m map[string]tftypes.Value) landing {
	var l landing
	zone, region, unknown := scalewayDefaults(p)
	switch {
	case t.has("zone"):
		l.Zone = firstString(m, "zone")
		if l.Zone == "" {
			l.Zone = zone
		}
		l.Region = l.Zone
		if i := strings.LastIndex(l.Zone, "-"); i > 0 {
			l.Region = l.Zone[:i]
		}
	default:
		l.Region = firstString(m, "region")
		if l.Region == "" {
			l.Region = region
		}
	}
	if firstString(m, "zone", "region") == "" {
		l.Unknown = unknown
	}
	if u := p.env("SCW_API_URL"); u != "" {
		l.Endpoint = endpointHost(u)
	} else if u, ok := p.str("api_url"); ok {
		l.Endpoint = endpointHost(u)
	}
	l.Profile, _ = scalewayProfile(p)
	return l
}

// outscaleRegion is the provider's api { region }, else its region, else
// OSC_REGION.
func outscaleRegion(p *providerConfig) string {
	if r, ok := p.str("api", "region"); ok {
		return r
	}
	r, _ := p.str("region")
	return r
}

// outscaleLanding: every Outscale resource lands in the provider's region
// (a subregion only places it inside); the calls go to endpoints { api },
// else api { endpoint }, else OSC_ENDPOINT_API, else Outscale's own for the
// region.
func outscaleLanding(p *providerConfig, _ string, _ typeSpec, m map[string]tftypes.Value) landing {
	l := landing{Region: outscaleRegion(p), Zone: firstString(m, "subregion_name", "placement_subregion_name")}
	if l.Region == "" {
		l.Unknown = "no region: neither api { region }, region nor OSC_REGION is set"
	}
	if e, ok := p.str("endpoints", "api"); ok {
		l.Endpoint = endpointHost(e)
	} else if e, ok := p.str("api", "endpoint"); ok {
		l.Endpoint = endpointHost(e)
	} else if e := p.env("OSC_ENDPOINT_API"); e != "" {
		l.Endpoint = endpointHost(e)
	}
	l.Profile, _ = p.str("profile")
	return l
}

// openstackLanding: a resource lands in its region, which defaults to the
// provider's (OS_REGION_NAME); which cloud that region belongs to is told
// by the identity service the provider authenticates with: the auth_url
// host (OS_AUTH_URL), recorded as the endpoint (auth.cloud.ovh.net is
// OVHcloud's). A clouds.yaml cloud (cloud, OS_CLOUD) is recorded as the
// profile.
func openstackLanding(p *providerConfig, _ string, _ typeSpec, m map[string]tftypes.Value) landing {
	l := landing{Region: firstString(m, "region"), Zone: firstString(m, "availability_zone")}
	if l.Region == "" {
		l.Region, _ = p.str("region")
	}
	if u, ok := p.str("auth_url"); ok {
		l.Endpoint = endpointHost(u)
	}
	l.Profile, _ = p.str("cloud")
	switch {
	case l.Region == "" && l.Profile != "":
		l.Unknown = "no region in the configuration or OS_REGION_NAME: the clouds.yaml entry " + l.Profile + " may set one (not read by the test provider)"
	case l.Region == "":
		l.Unknown = "no region: neither the resource, the provider block nor OS_REGION_NAME sets one (the service catalog's first endpoint is used)"
	}
	return l
}

// ovhGlobal are OVHcloud resource types with no region: project-wide.
var ovhGlobal = map[string]bool{"ovh_cloud_project_user": true}

// ovhLanding: an OVHcloud resource lands in its region (region, the
// regions of a private network, the regions of a database's nodes); the
// endpoint is the OVHcloud API the provider calls (endpoint, OVH_ENDPOINT:
// ovh-eu, ovh-ca, ovh-us …), which decides the OVHcloud entity.
func ovhLanding(p *providerConfig, typeName string, t typeSpec, m map[string]tftypes.Value) landing {
	var l landing
	if e, ok := p.str("endpoint"); ok {
		l.Endpoint = endpointHost(e)
	}
	regions := append(stringsOf(m["regions"]), nestedStrings(m["nodes"], "region")...)
	if r, ok := attrString(m, "region"); ok {
		regions = append(regions, r)
	}
	switch {
	case len(regions) > 0:
		l.Region = joinRegions(regions)
	case ovhGlobal[typeName]:
		l.Region = "global"
	case t.has("regions"):
		l.Unknown = "no regions set: the real provider makes " + typeName + " available in every region of the project"
	case t.has("region"):
		l.Unknown = typeName + ": no region"
	default:
		l.Unknown = typeName + " has no region of its own: it is where the resource it belongs to is"
	}
	return l
}
