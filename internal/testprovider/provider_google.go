package main

import (
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// gLabelled adds Google's labels and the computed effective_labels and
// terraform_labels (labels merged over the provider's default_labels).
func gLabelled(t typeSpec) typeSpec {
	return t.with("labels:map", "effective_labels:map~", "terraform_labels:map~")
}

// googleProvider serves hashicorp/google or hashicorp/google-beta (same
// schemas). The real provider defaults project, region and zone from the
// provider block at plan time, and upper-cases a bucket's location and the
// regions of its custom_placement_config data_locations.
func googleProvider(typeName string) *providerSpec {
	project := "project?~"
	return &providerSpec{
		typeName: typeName,
		source:   "hashicorp/" + typeName,
		legacy:   true,
		config: ty("project", "region", "zone", "universe_domain", "credentials*", "access_token*", "billing_project",
			"user_project_override:bool", "impersonate_service_account", "default_labels:map", "add_terraform_attribution_label:bool"),
		fill: map[string][]string{"project": {"project"}, "region": {"region"}, "zone": {"zone"}},
		// HandleSDKDefaults in the real provider: the environment fills
		// what the provider block leaves out.
		defaults: map[string]func(p *providerConfig) (string, bool){
			"project": envDefault("GOOGLE_PROJECT", "GOOGLE_CLOUD_PROJECT", "GCLOUD_PROJECT", "CLOUDSDK_CORE_PROJECT"),
			"region":  envDefault("GOOGLE_REGION", "GCLOUD_REGION", "CLOUDSDK_COMPUTE_REGION"),
			"zone":    envDefault("GOOGLE_ZONE", "GCLOUD_ZONE", "CLOUDSDK_COMPUTE_ZONE"),
		},
		land:  googleLanding,
		hooks: []planHook{mergeTagsHook("labels", []string{"default_labels"}, "effective_labels", "terraform_labels")},
		resources: map[string]typeSpec{
			"google_compute_instance": gLabelled(ty("name!", "machine_type!", "zone?~", project, "tags:set", "metadata:map",
				"metadata_startup_script", "can_ip_forward:bool", "deletion_protection:bool", "allow_stopping_for_update:bool",
				"self_link~", "instance_id~", "cpu_platform~",
				blk("boot_disk", 1, "auto_delete:bool", "device_name?~", "source?~", "kms_key_self_link?~",
					blk("initialize_params", 1, "image?~", "size:int?~", "type?~", "labels:map?~")),
				blk("network_interface", 0, "network?~", "subnetwork?~", "subnetwork_project?~", "network_ip?~", "name~",
					blk("access_config", 0, "nat_ip?~", "network_tier?~")),
				blk("service_account", 1, "email?~", "scopes:set!"),
				blk("shielded_instance_config", 1, "enable_secure_boot:bool", "enable_vtpm:bool", "enable_integrity_monitoring:bool"))),
			"google_compute_disk": gLabelled(ty("name!", "zone?~", project, "size:int?~", "type", "image", "snapshot",
				"physical_block_size_bytes:int?~", "self_link~", "users:list~",
				blk("disk_encryption_key", 1, "kms_key_self_link", "sha256~"))),
			"google_compute_network": ty("name!", project, "auto_create_subnetworks:bool", "routing_mode?~", "mtu:int?~",
				"description", "delete_default_routes_on_create:bool", "self_link~", "gateway_ipv4~"),
			"google_compute_subnetwork": ty("name!", "ip_cidr_range!", "region?~", "network!", project, "private_ip_google_access:bool?~",
				"purpose?~", "description", "self_link~", "gateway_address~",
				blk("secondary_ip_range", 0, "range_name!", "ip_cidr_range!"),
				blk("log_config", 1, "aggregation_interval", "flow_sampling:num", "metadata")),
			"google_compute_firewall": ty("name!", "network!", project, "direction?~", "priority:int", "source_ranges:set?~",
				"destination_ranges:set?~", "source_tags:set", "target_tags:set", "description", "self_link~",
				blk("allow", 0, "protocol!", "ports:list"), blk("deny", 0, "protocol!", "ports:list")),
			"google_compute_router": ty("name!", "network!", "region?~", project, "self_link~"),
			"google_compute_router_nat": ty("name!", "router!", "region?~", project, "nat_ip_allocate_option!",
				"source_subnetwork_ip_ranges_to_nat!"),
			"google_compute_address": gLabelled(ty("name!", "region?~", project, "address?~", "address_type", "network_tier?~",
				"subnetwork", "purpose?~", "self_link~")),
			"google_compute_global_address": gLabelled(ty("name!", project, "address?~", "address_type", "purpose", "prefix_length:int",
				"network", "self_link~")),
			"google_storage_bucket": gLabelled(ty("name!", "location!", project, "storage_class", "force_destroy:bool",
				"uniform_bucket_level_access:bool?~", "public_access_prevention?~", "url~", "self_link~",
				blk("versioning", 1, "enabled:bool!"),
				blk("custom_placement_config", 1, "data_locations:set!"),
				blk("encryption", 1, "default_kms_key_name!"),
				blk("lifecycle_rule", 0, blk("action", 1, "type!", "storage_class"), blk("condition", 1, "age:int", "with_state?~")))).
				normalized("location", strings.ToUpper).normalized("data_locations", strings.ToUpper),
			"google_storage_bucket_object": ty("name!", "bucket!", "source", "content*", "content_type?~", "storage_class?~",
				"md5hash~", "crc32c~", "self_link~", "media_link~", "output_name~"),
			"google_storage_bucket_iam_member": ty("bucket!", "role!", "member!", "etag~"),
			"google_sql_database_instance": ty("name?~", "database_version!", "region?~", project, "deletion_protection:bool",
				"root_password*", "master_instance_name?~", "connection_name~", "self_link~", "first_ip_address~",
				blk("settings", 1, "tier!", "edition?~", "availability_type?~", "user_labels:map?~", "disk_size:int?~",
					"disk_autoresize:bool", "deletion_protection_enabled:bool",
					blk("ip_configuration", 1, "ipv4_enabled:bool?~", "private_network", "ssl_mode?~"),
					blk("backup_configuration", 1, "enabled:bool", "start_time?~", "location", "point_in_time_recovery_enabled:bool",
						"binary_log_enabled:bool", "transaction_log_retention_days:int?~",
						blk("backup_retention_settings", 1, "retained_backups:int!", "retention_unit")),
					blk("location_preference", 1, "zone", "secondary_zone"))),
			"google_sql_database": ty("name!", "instance!", project, "charset?~", "collation?~", "self_link~"),
			"google_container_cluster": ty("name!", "location?~", project, "initial_node_count:int", "remove_default_node_pool:bool",
				"network?~", "subnetwork?~", "deletion_protection:bool", "resource_labels:map", "enable_autopilot:bool",
				"min_master_version", "endpoint~", "self_link~", "master_version~",
				blk("private_cluster_config", 1, "enable_private_nodes:bool", "enable_private_endpoint:bool", "master_ipv4_cidr_block?~"),
				blk("workload_identity_config", 1, "workload_pool"),
				blk("release_channel", 1, "channel!")),
			"google_container_node_pool": ty("name?~", "cluster!", "location?~", project, "node_count:int?~",
				blk("node_config", 1, "machine_type?~", "disk_size_gb:int?~", "labels:map?~", "service_account?~", "oauth_scopes:set?~"),
				blk("autoscaling", 1, "min_node_count:int", "max_node_count:int")),
			"google_kms_key_ring": ty("name!", "location!", project),
			"google_kms_crypto_key": gLabelled(ty("name!", "key_ring!", "rotation_period", "purpose", "destroy_scheduled_duration?~",
				blk("version_template", 1, "algorithm!", "protection_level"))),
			"google_kms_crypto_key_iam_member": ty("crypto_key_id!", "role!", "member!", "etag~"),
			"google_project_iam_member":        ty("project!", "role!", "member!", "etag~"),
			"google_project_service":           ty("service!", project, "disable_on_destroy:bool"),
			"google_service_account":           ty("account_id!", "display_name", "description", project, "email~", "unique_id~", "member~", "name~"),
			"google_bigquery_dataset":          gLabelled(ty("dataset_id!", "location?~=US", project, "friendly_name", "description", "default_table_expiration_ms:int", "delete_contents_on_destroy:bool", "self_link~", "creation_time:int~", blk("default_encryption_configuration", 1, "kms_key_name!"))),
			"google_bigquery_table":            gLabelled(ty("dataset_id!", "table_id!", project, "deletion_protection:bool", "schema?~", "self_link~")),
			// The structures below follow hashicorp/google 6.x (registry
			// documentation): replication and storage policies are where a
			// secret's or a topic's data may be kept.
			"google_pubsub_topic": gLabelled(ty("name!", project, "kms_key_name", "message_retention_duration",
				blk("message_storage_policy", 1, "allowed_persistence_regions:set!", "enforce_in_transit:bool"),
				blk("schema_settings", 1, "schema!", "encoding"))),
			"google_secret_manager_secret": gLabelled(ty("secret_id!", project, "name~", "create_time~", "expire_time?~", "ttl",
				"version_destroy_ttl", "annotations:map", "effective_annotations:map~", "version_aliases:map", "deletion_protection:bool",
				blk("replication", 1,
					blk("auto", 1, blk("customer_managed_encryption", 1, "kms_key_name!")),
					blk("user_managed", 1, blk("replicas", 0, "location!", blk("customer_managed_encryption", 1, "kms_key_name!")))),
				blk("topics", 0, "name!"),
				blk("rotation", 1, "next_rotation_time", "rotation_period"))),
			"google_cloud_run_v2_service":         gLabelled(ty("name!", "location!", project, "ingress?~", "deletion_protection:bool", "uri~", blk("template", 1, blk("containers", 0, "image!")))),
			"google_artifact_registry_repository": gLabelled(ty("repository_id!", "location?~", "format!", project, "description", "name~")),
		},
		dataSources: googleDataSources(),
	}
}

// googleDataSources are the Google data sources: the provider's own
// settings and project, and the buckets of world.json.
func googleDataSources() map[string]typeSpec {
	return map[string]typeSpec{
		"google_client_config": {attrs: attrs("project~", "region~", "zone~", "access_token~*", "default_labels:map~"), read: googleClientRead},
		"google_project":       {attrs: attrs("project_id?~", "number~", "name~"), read: googleProjectRead},
		"google_storage_bucket": {attrs: attrs("name!", "location~", "project?~", "labels:map~", "effective_labels:map~",
			"storage_class~", "self_link~", "url~"), read: googleBucketRead},
	}
}

// normalized returns t with a StateFunc-like rewrite of attribute name.
func (t typeSpec) normalized(name string, fn func(string) string) typeSpec {
	n := map[string]func(string) string{}
	for k, v := range t.normalize {
		n[k] = v
	}
	n[name] = fn
	t.normalize = n
	return t
}

func googleClientRead(p *providerConfig, _ map[string]tftypes.Value) (map[string]tftypes.Value, error) {
	out := map[string]tftypes.Value{"access_token": stringVal("ya29.test-token")}
	for _, k := range []string{"project", "region", "zone"} {
		v := p.get(k)
		if s, ok := knownString(v); ok {
			out[k] = stringVal(s)
		} else {
			out[k] = tftypes.NewValue(tftypes.String, nil)
		}
	}
	project, _ := knownString(p.get("project"))
	region, _ := knownString(p.get("region"))
	zone, _ := knownString(p.get("zone"))
	out["id"] = stringVal("projects/" + project + "/regions/" + region + "/zones/" + zone)
	labels, ok := stringMap(p.get("default_labels"))
	if !ok {
		labels = map[string]string{}
	}
	out["default_labels"] = stringMapVal(labels)
	return out, nil
}

func googleProjectRead(p *providerConfig, config map[string]tftypes.Value) (map[string]tftypes.Value, error) {
	project, ok := knownString(config["project_id"])
	if !ok {
		project, _ = knownString(p.get("project"))
	}
	return map[string]tftypes.Value{
		"id": stringVal("projects/" + project), "project_id": stringVal(project),
		"number": stringVal("123456789012"), "name": stringVal(project),
	}, nil
}

// googleGlobal are the Google resource types that are global: no region,
// zone or location of their own, and none of a parent.
var googleGlobal = map[string]bool{
	"google_compute_network": true, "google_compute_firewall": true, "google_compute_global_address": true,
	"google_project_iam_member": true, "google_project_service": true, "google_service_account": true,
	"google_pubsub_topic": true, "google_secret_manager_secret": true,
}

// googleZone matches a zone name (europe-west9-b): a location of that form
// is a zone, whose region is the name without its last letter.
var googleZone = regexp.MustCompile(`^[a-z]+-[a-z]+[0-9]+-[a-z]$`)

// googleLanding: a resource lands in its location (a region, a zone, or a
// multi-region such as EU), else its region and zone, which default to the
// provider's (GOOGLE_REGION …); the universe is the provider's
// universe_domain (googleapis.com unless set: S3NS is s3nsapis.fr).
func googleLanding(p *providerConfig, typeName string, t typeSpec, m map[string]tftypes.Value) landing {
	l := landing{Universe: "googleapis.com"}
	if u, ok := p.str("universe_domain"); ok {
		l.Universe = u
	}
	if googleGlobal[typeName] {
		l.Region = "global"
		return l
	}
	if !t.has("location") && !t.has("region") && !t.has("zone") {
		l.Unknown = typeName + " has no location of its own: it is where the resource it belongs to is"
		return l
	}
	l.Region = firstString(m, "region")
	l.Zone = firstString(m, "zone")
	if loc, ok := attrString(m, "location"); ok {
		if googleZone.MatchString(loc) {
			l.Zone = loc
		} else {
			l.Region = loc
		}
	}
	if l.Zone == "" && t.has("zone") {
		l.Zone, _ = p.str("zone")
	}
	if l.Region == "" && l.Zone != "" {
		l.Region = l.Zone[:strings.LastIndex(l.Zone, "-")]
	}
	if l.Region == "" {
		if r, ok := p.str("region"); ok {
			l.Region = r
		} else if z, ok := p.str("zone"); ok && googleZone.MatchString(z) {
			l.Region = z[:strings.LastIndex(z, "-")]
		}
	}
	if l.Region == "" {
		l.Unknown = "no location: neither the resource, the provider block nor GOOGLE_REGION/GOOGLE_ZONE sets one (the real provider fails: cannot determine region)"
	}
	return l
}
