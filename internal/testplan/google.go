package testplan

import (
	"fmt"
	"strings"
)

// Google Cloud resources (hashicorp/google 6.x), also used with the S3NS
// universe: zones, regions and multi-region bucket locations, global
// networks and IAM.

func (c *ictx) project() string {
	if c.m.gcp.key == "google.s3ns" {
		return s3nsProject
	}
	return gcpProject
}

func (c *ictx) selfLink(path string) string {
	return "https://www.googleapis.com/compute/v1/projects/" + c.project() + "/" + path
}

var gcpServiceAccount = &block{
	typ: "google_service_account", name: "app", prov: "google",
	values: func(c *ictx) obj {
		id := c.name("")
		if len(id) > 28 {
			id = id[:28]
		}
		email := id + "@" + c.project() + ".iam.gserviceaccount.com"
		return o("account_id", id, "create_ignore_already_exists", nil, "description", "", "disabled", false, "display_name", "Runtime of "+c.m.svc.name,
			"email", email, "id", "projects/"+c.project()+"/serviceAccounts/"+email, "member", "serviceAccount:"+email,
			"name", "projects/"+c.project()+"/serviceAccounts/"+email, "project", c.project(), "timeouts", nil, "unique_id", fmt.Sprintf("10%019d", c.r.intn(1<<60)))
	},
	computed: []string{"email", "id", "member", "unique_id"},
	config: func(c *cctx) obj {
		return o("account_id", refs("var.name"), "display_name", refs("var.name"))
	},
	relevant: "email",
}

var gcpNetwork = &block{
	typ: "google_compute_network", name: "this", prov: "google",
	values: func(c *ictx) obj {
		n := c.name("vpc-")
		return o("auto_create_subnetworks", false, "delete_default_routes_on_create", false, "description", "", "gateway_ipv4", "",
			"id", "projects/"+c.project()+"/global/networks/"+n, "mtu", 1460, "name", n, "project", c.project(),
			"routing_mode", "REGIONAL", "self_link", c.selfLink("global/networks/"+n))
	},
	computed: []string{"id", "self_link"},
	config: func(c *cctx) obj {
		return o("auto_create_subnetworks", constant(false), "name", refs("var.name"))
	},
	relevant: "id",
}

var gcpSubnetwork = &block{
	typ: "google_compute_subnetwork", name: "this", prov: "google", repeat: counted, min: 1, max: 3,
	values: func(c *ictx) obj {
		n := c.name("snet-")
		return o("gateway_address", fmt.Sprintf("10.%d.%d.1", c.m.num%250, c.i+1), "id", "projects/"+c.project()+"/regions/"+c.m.gcp.region+"/subnetworks/"+n,
			"ip_cidr_range", c.cidr(c.i+1), "log_config", []any{}, "name", n, "network", c.selfLink("global/networks/"+c.name("vpc-")),
			"private_ip_google_access", true, "project", c.project(), "purpose", "PRIVATE", "region", c.m.gcp.region,
			"secondary_ip_range", []any{}, "self_link", c.selfLink("regions/"+c.m.gcp.region+"/subnetworks/"+n), "stack_type", "IPV4_ONLY")
	},
	computed: []string{"gateway_address", "id", "self_link"},
	refAttrs: []string{"network"},
	config: func(c *cctx) obj {
		return o("ip_cidr_range", refs("var.cidr_block", "count.index"), "name", refs("var.name", "count.index"), "network", ref("google_compute_network.this", "id"),
			"private_ip_google_access", constant(true), "region", refs("var.region"))
	},
	countExpr: refs("var.subnet_count"),
}

var gcpBucket = &block{
	typ: "google_storage_bucket", name: "data", prov: "google", schema: 3, repeat: forEach, min: 1, max: 3, keys: bucketKeys,
	values: func(c *ictx) obj {
		n := c.name("acme-")
		loc := strings.ToUpper(c.m.gcp.region)
		if c.m.gcp.key == "google" && c.i%4 == 3 {
			loc = "EU"
		}
		return c.gcpLabelled(o("default_event_based_hold", false, "force_destroy", false, "id", n, "location", loc, "name", n,
			"project", c.project(), "public_access_prevention", "enforced", "requester_pays", false,
			"self_link", "https://www.googleapis.com/storage/v1/b/"+n, "storage_class", "STANDARD", "uniform_bucket_level_access", true,
			"url", "gs://"+n, "versioning", []any{o("enabled", true)}))
	},
	computed: []string{"id", "self_link", "url"},
	mutable:  "storage_class",
	config: func(c *cctx) obj {
		return o("labels", refs("local.labels"), "location", refs("var.bucket_location"), "name", refs("var.name", "each.key"),
			"uniform_bucket_level_access", constant(true))
	},
	countExpr: refs("var.buckets"),
	tagged:    0.1,
}

var gcpPubSubTopic = &block{
	typ: "google_pubsub_topic", name: "events", prov: "google", repeat: counted, min: 0, max: 10,
	values: func(c *ictx) obj {
		n := c.name("")
		return c.gcpLabelled(o("id", "projects/"+c.project()+"/topics/"+n, "kms_key_name", "", "message_retention_duration", "86400s",
			"name", n, "project", c.project()))
	},
	computed: []string{"id", "project"},
	mutable:  "message_retention_duration",
	config: func(c *cctx) obj {
		return o("labels", refs("local.labels"), "message_retention_duration", constant("86400s"), "name", refs("var.name", "count.index"))
	},
	countExpr: refs("var.topics"),
}

var gcpPubSubSubscription = &block{
	typ: "google_pubsub_subscription", name: "events", prov: "google", repeat: counted, sameAs: gcpPubSubTopic,
	values: func(c *ictx) obj {
		n := c.name("") + "-worker"
		return c.gcpLabelled(o("ack_deadline_seconds", 60, "enable_message_ordering", false, "id", "projects/"+c.project()+"/subscriptions/"+n,
			"message_retention_duration", "604800s", "name", n, "project", c.project(), "retain_acked_messages", false,
			"topic", "projects/"+c.project()+"/topics/"+c.name("")))
	},
	computed: []string{"id", "project"},
	refAttrs: []string{"topic"},
	mutable:  "ack_deadline_seconds",
	config: func(c *cctx) obj {
		return o("ack_deadline_seconds", constant(60), "labels", refs("local.labels"), "name", refs("var.name", "count.index"),
			"topic", countRef("google_pubsub_topic.events"))
	},
	countExpr: refs("var.topics"),
}

var gcpInstance = &block{
	typ: "google_compute_instance", name: "app", prov: "google", schema: 6, repeat: counted, min: 0, max: 2,
	values: func(c *ictx) obj {
		n := c.name("vm-")
		zone := c.m.gcp.region + "-" + pick(&c.r, "a", "b", "c")
		return c.gcpLabelled(o(
			"boot_disk", []any{o("auto_delete", true, "device_name", "persistent-disk-0", "initialize_params",
				[]any{o("image", "debian-cloud/debian-12", "size", 50, "type", "pd-balanced")}, "mode", "READ_WRITE")},
			"can_ip_forward", false,
			"cpu_platform", "AMD Rome",
			"deletion_protection", false,
			"id", "projects/"+c.project()+"/zones/"+zone+"/instances/"+n,
			"instance_id", fmt.Sprint(1000000000000000000+c.r.intn(1<<50)),
			"machine_type", pick(&c.r, "e2-standard-2", "e2-standard-4", "n2-standard-4"),
			"metadata", o("enable-oslogin", "TRUE"),
			"name", n,
			"network_interface", []any{o("network", c.selfLink("global/networks/"+c.name("vpc-")), "network_ip", fmt.Sprintf("10.%d.1.%d", c.m.num%250, 10+c.i),
				"subnetwork", c.selfLink("regions/"+c.m.gcp.region+"/subnetworks/"+c.name("snet-")))},
			"project", c.project(),
			"self_link", c.selfLink("zones/"+zone+"/instances/"+n),
			"service_account", []any{o("email", c.name("")+"@"+c.project()+".iam.gserviceaccount.com", "scopes", []string{"cloud-platform"})},
			"tags", []string{"app", "internal"},
			"zone", zone,
		))
	},
	computed: []string{"cpu_platform", "id", "instance_id", "self_link"},
	refAttrs: []string{"network_interface"},
	mutable:  "machine_type",
	config: func(c *cctx) obj {
		return o("boot_disk", blocks(o("initialize_params", blocks(o("image", constant("debian-cloud/debian-12"))))),
			"labels", refs("local.labels"), "machine_type", refs("var.machine_type"), "name", refs("var.name", "count.index"),
			"network_interface", blocks(o("subnetwork", refs("google_compute_subnetwork.this[0].id", "google_compute_subnetwork.this[0]", "google_compute_subnetwork.this"))),
			"zone", refs("var.zone"))
	},
	countExpr: refs("var.instances"),
	tagged:    0.15,
}

var gcpSQLInstance = &block{
	typ: "google_sql_database_instance", name: "this", prov: "google", repeat: counted, min: 0, max: 1,
	values: func(c *ictx) obj {
		n := c.name("sql-")
		return o("connection_name", c.project()+":"+c.m.gcp.region+":"+n, "database_version", "POSTGRES_16", "deletion_protection", true,
			"first_ip_address", fmt.Sprintf("10.%d.200.3", c.m.num%250), "id", n, "name", n, "project", c.project(), "region", c.m.gcp.region,
			"root_password", c.r.hex(24), "self_link", "https://sqladmin.googleapis.com/sql/v1beta4/projects/"+c.project()+"/instances/"+n,
			"settings", []any{o("availability_type", "REGIONAL", "backup_configuration", []any{o("enabled", true, "point_in_time_recovery_enabled", true, "start_time", "03:00")},
				"disk_autoresize", true, "disk_size", 100, "tier", "db-custom-2-7680", "user_labels", o("service", strings.ReplaceAll(c.m.svc.name, "_", "-")))})
	},
	computed:  []string{"connection_name", "first_ip_address", "id", "self_link"},
	sensitive: []string{"root_password"},
	config: func(c *cctx) obj {
		return o("database_version", constant("POSTGRES_16"), "name", refs("var.name"), "region", refs("var.region"),
			"root_password", ref("random_password.db", "result"), "settings", blocks(o("tier", constant("db-custom-2-7680"), "user_labels", refs("local.labels"))))
	},
	countExpr: refs("var.database"),
}

var gcpProjectIAMMember = &block{
	typ: "google_project_iam_member", name: "app", prov: "google", repeat: forEach, min: 1, max: 12,
	keys: []string{"roles/logging.logWriter", "roles/monitoring.metricWriter", "roles/cloudtrace.agent", "roles/pubsub.publisher"}, keyFmt: "roles/custom.app%02d",
	values: func(c *ictx) obj {
		m := "serviceAccount:" + c.m.stem() + "@" + c.project() + ".iam.gserviceaccount.com"
		return o("condition", []any{}, "etag", "BwY"+c.r.hex(9), "id", c.project()+"/"+fmt.Sprint(c.key)+"/"+m, "member", m, "project", c.project(), "role", fmt.Sprint(c.key))
	},
	computed: []string{"etag", "id"},
	refAttrs: []string{"member"},
	config: func(c *cctx) obj {
		return o("member", ref("google_service_account.app", "member"), "project", refs("var.project"), "role", refs("each.key"))
	},
	countExpr: refs("var.roles"),
}

var gcpKMSKeyRing = &block{
	typ: "google_kms_key_ring", name: "this", prov: "google",
	values: func(c *ictx) obj {
		n := c.name("kr-")
		return o("id", "projects/"+c.project()+"/locations/"+c.m.gcp.region+"/keyRings/"+n, "location", c.m.gcp.region, "name", n, "project", c.project())
	},
	computed: []string{"id", "project"},
	config: func(c *cctx) obj {
		return o("location", refs("var.region"), "name", refs("var.name"))
	},
	relevant: "id",
}

var gcpKMSCryptoKey = &block{
	typ: "google_kms_crypto_key", name: "this", prov: "google", repeat: forEach, min: 1, max: 2,
	keys: []string{"data", "backups", "logs"},
	values: func(c *ictx) obj {
		ring := "projects/" + c.project() + "/locations/" + c.m.gcp.region + "/keyRings/" + c.name("kr-")
		return c.gcpLabelled(o("id", ring+"/cryptoKeys/"+fmt.Sprint(c.key), "key_ring", ring, "name", fmt.Sprint(c.key), "purpose", "ENCRYPT_DECRYPT",
			"rotation_period", "7776000s", "version_template", []any{o("algorithm", "GOOGLE_SYMMETRIC_ENCRYPTION", "protection_level", "HSM")}))
	},
	computed: []string{"id"},
	refAttrs: []string{"key_ring"},
	mutable:  "rotation_period",
	config: func(c *cctx) obj {
		return o("key_ring", ref("google_kms_key_ring.this", "id"), "labels", refs("local.labels"), "name", refs("each.key"), "rotation_period", constant("7776000s"))
	},
	countExpr: refs("var.keys"),
}

var gcpBigQueryDataset = &block{
	typ: "google_bigquery_dataset", name: "this", prov: "google",
	values: func(c *ictx) obj {
		n := strings.ReplaceAll(c.name(""), "-", "_")
		loc := "EU"
		if c.m.gcp.key != "google" {
			loc = c.m.gcp.region
		}
		return c.gcpLabelled(o("creation_time", 1741944413000, "dataset_id", n, "default_table_expiration_ms", 0, "delete_contents_on_destroy", false,
			"etag", c.r.hex(22), "id", "projects/"+c.project()+"/datasets/"+n, "last_modified_time", 1741944413000, "location", loc,
			"project", c.project(), "self_link", "https://bigquery.googleapis.com/bigquery/v2/projects/"+c.project()+"/datasets/"+n))
	},
	computed: []string{"etag", "id", "self_link"},
	config: func(c *cctx) obj {
		return o("dataset_id", refs("var.name"), "labels", refs("local.labels"), "location", refs("var.dataset_location"))
	},
	tagged: 0.3,
}
