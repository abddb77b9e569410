package testplan

import (
	"fmt"
	"strings"
)

// AWS resources, written as hashicorp/aws 5.x writes them: no top-level
// region argument, so most locations come from the provider configuration
// (availability zones and the S3 bucket's computed region excepted).

var bucketKeys = []string{"raw", "curated", "exports", "uploads", "reports", "archive", "logs", "media", "backups", "tmp"}

var awsKMSKey = &block{
	typ: "aws_kms_key", name: "this", prov: "aws",
	values: func(c *ictx) obj {
		id := c.r.uuid()
		return c.awsTagged(o(
			"arn", c.arn("kms", "key/"+id),
			"deletion_window_in_days", 30,
			"description", c.stem,
			"enable_key_rotation", true,
			"id", id,
			"key_usage", "ENCRYPT_DECRYPT",
		))
	},
	computed: []string{"arn", "id", "key_id"},
	mutable:  "deletion_window_in_days",
	config: func(c *cctx) obj {
		return o("description", c.name(), "enable_key_rotation", constant(true), "tags", tagsExpr())
	},
	relevant: "arn",
}

var awsKMSAlias = &block{
	typ: "aws_kms_alias", name: "this", prov: "aws",
	values: func(c *ictx) obj {
		return o("arn", c.arn("kms", "alias/"+c.stem), "id", "alias/"+c.stem, "name", "alias/"+c.stem, "target_key_id", c.r.uuid())
	},
	computed: []string{"arn", "id", "name_prefix", "target_key_arn"},
	refAttrs: []string{"target_key_id"},
	forceNew: "name",
	config: func(c *cctx) obj {
		return o("name", refs("var.name"), "target_key_id", ref("aws_kms_key.this", "key_id"))
	},
}

var awsS3Bucket = &block{
	typ: "aws_s3_bucket", name: "data", prov: "aws", repeat: forEach, min: 1, max: 6, keys: bucketKeys,
	values: func(c *ictx) obj {
		b := c.name("acme-")
		return c.awsTagged(o(
			"arn", "arn:aws:s3:::"+b,
			"bucket", b,
			"force_destroy", false,
			"id", b,
			"region", c.awsProv().region,
		))
	},
	computed: []string{"arn", "bucket_domain_name", "id", "region"},
	config: func(c *cctx) obj {
		return o("bucket", refs("var.name", "each.key"), "force_destroy", constant(false), "tags", refs("local.tags", "each.key"))
	},
	countExpr: refs("var.buckets"),
	relevant:  "id",
	tagged:    0.08,
}

var awsS3Versioning = &block{
	typ: "aws_s3_bucket_versioning", name: "data", prov: "aws", repeat: forEach, keys: bucketKeys, sameAs: awsS3Bucket,
	values: func(c *ictx) obj {
		b := c.name("acme-")
		return o("bucket", b, "id", b, "versioning_configuration", []any{o("status", "Enabled")})
	},
	computed: []string{"id"},
	refAttrs: []string{"bucket"},
	config: func(c *cctx) obj {
		return o("bucket", eachRef("aws_s3_bucket.data"), "versioning_configuration", blocks(o("status", constant("Enabled"))))
	},
	countExpr: refs("aws_s3_bucket.data"),
}

var awsS3Encryption = &block{
	typ: "aws_s3_bucket_server_side_encryption_configuration", name: "data", prov: "aws", repeat: forEach, keys: bucketKeys, sameAs: awsS3Bucket,
	values: func(c *ictx) obj {
		b := c.name("acme-")
		return o("bucket", b, "id", b,
			"rule", []any{o("apply_server_side_encryption_by_default", []any{o("sse_algorithm", "aws:kms")}, "bucket_key_enabled", true)})
	},
	computed: []string{"id"},
	refAttrs: []string{"bucket"},
	config: func(c *cctx) obj {
		return o("bucket", eachRef("aws_s3_bucket.data"), "rule", blocks(o(
			"apply_server_side_encryption_by_default", blocks(o("kms_master_key_id", ref("aws_kms_key.this", "arn"), "sse_algorithm", constant("aws:kms"))),
			"bucket_key_enabled", constant(true))))
	},
	countExpr: refs("aws_s3_bucket.data"),
}

var awsS3PublicAccessBlock = &block{
	typ: "aws_s3_bucket_public_access_block", name: "data", prov: "aws", repeat: forEach, keys: bucketKeys, sameAs: awsS3Bucket,
	values: func(c *ictx) obj {
		b := c.name("acme-")
		return o("block_public_acls", true, "block_public_policy", true, "bucket", b, "id", b)
	},
	computed: []string{"id"},
	refAttrs: []string{"bucket"},
	config: func(c *cctx) obj {
		return o("block_public_acls", constant(true), "block_public_policy", constant(true), "bucket", eachRef("aws_s3_bucket.data"))
	},
	countExpr: refs("aws_s3_bucket.data"),
}

var awsSQSQueue = &block{
	typ: "aws_sqs_queue", name: "events", prov: "aws", repeat: counted, min: 0, max: 6,
	values: func(c *ictx) obj {
		n := c.name("")
		return c.awsTagged(o(
			"arn", c.arn("sqs", n),
			"id", "https://sqs."+c.awsProv().region+".amazonaws.com/"+awsAccount+"/"+n,
			"message_retention_seconds", 345600,
			"name", n,
			"visibility_timeout_seconds", 60,
		))
	},
	computed: []string{"arn", "id", "url"},
	refAttrs: []string{"kms_master_key_id"},
	mutable:  "visibility_timeout_seconds",
	forceNew: "name",
	config: func(c *cctx) obj {
		return o("kms_master_key_id", ref("aws_kms_alias.this", "name"), "name", refs("var.name", "count.index"), "tags", tagsExpr())
	},
	countExpr: refs("var.queue_count"),
}

const assumeRolePolicy = `{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"}}],"Version":"2012-10-17"}`

var awsIAMRole = &block{
	typ: "aws_iam_role", name: "app", prov: "aws",
	values: func(c *ictx) obj {
		n := c.name("")
		return c.awsTagged(o(
			"arn", c.globalArn("iam", "role/"+n),
			"assume_role_policy", assumeRolePolicy,
			"id", n,
			"max_session_duration", 3600,
			"name", n,
		))
	},
	computed: []string{"arn", "create_date", "id", "unique_id"},
	mutable:  "max_session_duration",
	config: func(c *cctx) obj {
		return o("assume_role_policy", opaqueExpr(), "name", c.name(), "tags", tagsExpr())
	},
}

var awsIAMAttachment = &block{
	typ: "aws_iam_role_policy_attachment", name: "app", prov: "aws", repeat: counted, min: 1, max: 5,
	values: func(c *ictx) obj {
		p := pick(&c.r, "AmazonS3ReadOnlyAccess", "CloudWatchLogsFullAccess", "AWSXRayDaemonWriteAccess", "AmazonSQSFullAccess", "AmazonSSMReadOnlyAccess")
		return o("id", c.m.stem()+"-"+c.r.hex(8), "policy_arn", "arn:aws:iam::aws:policy/"+p, "role", c.m.stem())
	},
	computed: []string{"id"},
	refAttrs: []string{"role"},
	config: func(c *cctx) obj {
		return o("policy_arn", refs("var.policy_arns", "count.index"), "role", ref("aws_iam_role.app", "name"))
	},
	countExpr: refs("var.policy_arns"),
}

var awsLogGroup = &block{
	typ: "aws_cloudwatch_log_group", name: "app", prov: "aws",
	values: func(c *ictx) obj {
		n := "/acme/" + c.stem
		return c.awsTagged(o(
			"arn", c.arn("logs", "log-group:"+n),
			"id", n,
			"name", n,
			"retention_in_days", 30,
		))
	},
	computed: []string{"arn", "id"},
	mutable:  "retention_in_days",
	config: func(c *cctx) obj {
		return o("name", refs("var.name"), "retention_in_days", constant(30), "tags", tagsExpr())
	},
}

var awsLambda = &block{
	typ: "aws_lambda_function", name: "handler", prov: "aws", repeat: counted, min: 0, max: 2, schema: 0,
	values: func(c *ictx) obj {
		n := c.name("")
		return c.awsTagged(o(
			"arn", c.arn("lambda", "function:"+n),
			"environment", []any{o("variables", o("LOG_LEVEL", "info"))},
			"function_name", n,
			"handler", "app.handler",
			"id", n,
			"memory_size", pick(&c.r, 256, 512, 1024),
			"role", c.globalArn("iam", "role/"+c.m.stem()),
			"runtime", "python3.12",
			"source_code_hash", c.r.hex(44),
			"timeout", 30,
		))
	},
	computed: []string{"arn", "id", "invoke_arn"},
	refAttrs: []string{"role"},
	mutable:  "source_code_hash",
	config: func(c *cctx) obj {
		return o("function_name", refs("var.name", "count.index"), "handler", constant("app.handler"), "role", ref("aws_iam_role.app", "arn"),
			"runtime", constant("python3.12"), "tags", tagsExpr())
	},
	countExpr: refs("var.functions"),
}

var awsSSMParameter = &block{
	typ: "aws_ssm_parameter", name: "config", prov: "aws", repeat: forEach, min: 0, max: 20,
	keys: []string{"database_url", "api_token", "feature_flags", "signing_key", "webhook_secret", "smtp_password"}, keyFmt: "setting_%02d",
	values: func(c *ictx) obj {
		n := "/acme/" + c.m.stem() + "/" + fmt.Sprint(c.key)
		return c.awsTagged(o(
			"arn", c.arn("ssm", "parameter"+n),
			"id", n,
			"name", n,
			"type", "SecureString",
			"value", c.r.hex(24),
		))
	},
	computed:  []string{"arn", "id"},
	sensitive: []string{"value"},
	mutable:   "value",
	config: func(c *cctx) obj {
		return o("name", refs("var.name", "each.key"), "tags", tagsExpr(), "type", constant("SecureString"), "value", refs("each.value"))
	},
	countExpr: refs("var.parameters"),
}

var awsVPC = &block{
	typ: "aws_vpc", name: "this", prov: "aws", schema: 1,
	values: func(c *ictx) obj {
		id := c.awsID("vpc")
		return c.awsTagged(o(
			"arn", c.arn("ec2", "vpc/"+id),
			"cidr_block", c.cidr(-1),
			"enable_dns_hostnames", true,
			"id", id,
			"main_route_table_id", c.awsID("rtb"),
		))
	},
	computed: []string{"arn", "id", "main_route_table_id"},
	config: func(c *cctx) obj {
		return o("cidr_block", refs("var.cidr_block"), "enable_dns_hostnames", constant(true), "tags", tagsExpr())
	},
	relevant: "id",
}

var awsSubnet = &block{
	typ: "aws_subnet", name: "private", prov: "aws", schema: 1, repeat: counted, min: 2, max: 3,
	values: func(c *ictx) obj {
		id := c.awsID("subnet")
		i, _ := c.key.(int)
		return c.awsTagged(o(
			"arn", c.arn("ec2", "subnet/"+id),
			"availability_zone", c.awsProv().region+string(rune('a'+i%3)),
			"availability_zone_id", fmt.Sprintf("%s-az%d", azPrefix(c.awsProv().region), i%3+1),
			"cidr_block", c.cidr(i+1),
			"id", id,
			"vpc_id", c.awsID("vpc"),
		))
	},
	computed: []string{"arn", "availability_zone_id", "id"},
	refAttrs: []string{"vpc_id"},
	config: func(c *cctx) obj {
		return o("availability_zone", refs("var.azs", "count.index"), "cidr_block", refs("var.cidr_block", "count.index"),
			"tags", tagsExpr(), "vpc_id", ref("aws_vpc.this", "id"))
	},
	countExpr: refs("var.azs"),
	relevant:  "id",
}

var awsRouteTable = &block{
	typ: "aws_route_table", name: "private", prov: "aws",
	values: func(c *ictx) obj {
		id := c.awsID("rtb")
		return c.awsTagged(o("arn", c.arn("ec2", "route-table/"+id), "id", id, "route", []any{}, "vpc_id", c.awsID("vpc")))
	},
	computed: []string{"arn", "id", "route"},
	refAttrs: []string{"vpc_id"},
	config: func(c *cctx) obj {
		return o("tags", tagsExpr(), "vpc_id", ref("aws_vpc.this", "id"))
	},
}

var awsRouteTableAssociation = &block{
	typ: "aws_route_table_association", name: "private", prov: "aws", repeat: counted, sameAs: awsSubnet,
	values: func(c *ictx) obj {
		return o("id", c.awsID("rtbassoc"), "route_table_id", c.awsID("rtb"), "subnet_id", c.awsID("subnet"))
	},
	computed: []string{"id"},
	refAttrs: []string{"route_table_id", "subnet_id"},
	config: func(c *cctx) obj {
		return o("route_table_id", ref("aws_route_table.private", "id"), "subnet_id", countRef("aws_subnet.private"))
	},
	countExpr: refs("var.azs"),
}

var awsSecurityGroup = &block{
	typ: "aws_security_group", name: "app", prov: "aws", schema: 1,
	values: func(c *ictx) obj {
		id := c.awsID("sg")
		rule := func(port int, cidr string) obj {
			return o("cidr_blocks", []string{cidr}, "from_port", port, "protocol", "tcp", "self", false, "to_port", port)
		}
		return c.awsTagged(o(
			"arn", c.arn("ec2", "security-group/"+id),
			"egress", []any{rule(443, "0.0.0.0/0")},
			"id", id,
			"ingress", []any{rule(443, c.cidr(-1))},
			"name", c.name(""),
			"vpc_id", c.awsID("vpc"),
		))
	},
	computed: []string{"arn", "id", "owner_id"},
	refAttrs: []string{"vpc_id"},
	forceNew: "name",
	config: func(c *cctx) obj {
		return o("ingress", refs("var.cidr_block"), "name", refs("var.name"), "tags", tagsExpr(), "vpc_id", ref("aws_vpc.this", "id"))
	},
}

var awsVPCEndpoint = &block{
	typ: "aws_vpc_endpoint", name: "s3", prov: "aws", repeat: counted, min: 0, max: 1,
	values: func(c *ictx) obj {
		id := c.awsID("vpce")
		return c.awsTagged(o(
			"arn", c.arn("ec2", "vpc-endpoint/"+id),
			"id", id,
			"route_table_ids", []string{c.awsID("rtb")},
			"service_name", "com.amazonaws."+c.awsProv().region+".s3",
			"vpc_endpoint_type", "Gateway",
			"vpc_id", c.awsID("vpc"),
		))
	},
	computed: []string{"arn", "id", "policy"},
	refAttrs: []string{"route_table_ids", "vpc_id"},
	config: func(c *cctx) obj {
		return o("route_table_ids", refs("aws_route_table.private.id", "aws_route_table.private"), "service_name", refs("data.aws_region.current.name", "data.aws_region.current"),
			"vpc_id", ref("aws_vpc.this", "id"))
	},
	countExpr: refs("var.s3_endpoint"),
}

var awsDBSubnetGroup = &block{
	typ: "aws_db_subnet_group", name: "this", prov: "aws",
	values: func(c *ictx) obj {
		n := c.name("")
		return c.awsTagged(o("arn", c.arn("rds", "subgrp:"+n), "id", n, "name", n, "subnet_ids", []string{c.awsID("subnet"), c.awsID("subnet")}))
	},
	computed: []string{"arn", "id", "supported_network_types", "vpc_id"},
	refAttrs: []string{"subnet_ids"},
	config: func(c *cctx) obj {
		return o("name", refs("var.name"), "subnet_ids", refs("var.subnet_ids"), "tags", tagsExpr())
	},
}

var awsDBInstance = &block{
	typ: "aws_db_instance", name: "this", prov: "aws", schema: 2, repeat: counted, min: 0, max: 1,
	values: func(c *ictx) obj {
		n := c.name("")
		host := n + "." + c.r.hex(12) + "." + c.awsProv().region + ".rds.amazonaws.com"
		return c.awsTagged(o(
			"address", host,
			"allocated_storage", pick(&c.r, 50, 100, 200),
			"arn", c.arn("rds", "db:"+n),
			"availability_zone", c.awsProv().region+"b",
			"db_subnet_group_name", n,
			"engine", "postgres",
			"id", "db-"+strings.ToUpper(c.r.hex(26)),
			"identifier", n,
			"instance_class", pick(&c.r, "db.t4g.medium", "db.r6g.large", "db.m6g.large"),
			"password", c.r.hex(24),
			"storage_encrypted", true,
		))
	},
	computed:  []string{"address", "arn", "availability_zone", "id"},
	refAttrs:  []string{"db_subnet_group_name"},
	sensitive: []string{"password"},
	mutable:   "instance_class",
	config: func(c *cctx) obj {
		return o("db_subnet_group_name", ref("aws_db_subnet_group.this", "name"), "engine", constant("postgres"), "identifier", refs("var.name"),
			"instance_class", refs("var.instance_class"), "password", ref("random_password.db", "result"), "tags", tagsExpr())
	},
	countExpr: refs("var.database"),
	tagged:    0.45,
}

var awsDynamoTable = &block{
	typ: "aws_dynamodb_table", name: "this", prov: "aws", schema: 1, repeat: forEach, min: 0, max: 2,
	keys: []string{"sessions", "events", "state", "locks"},
	values: func(c *ictx) obj {
		n := c.name("")
		return c.awsTagged(o(
			"arn", c.arn("dynamodb", "table/"+n),
			"attribute", []any{o("name", "pk", "type", "S")},
			"billing_mode", "PAY_PER_REQUEST",
			"hash_key", "pk",
			"id", n,
			"name", n,
			"replica", []any{},
		))
	},
	computed: []string{"arn", "id", "stream_arn"},
	config: func(c *cctx) obj {
		return o("attribute", blocks(o("name", constant("pk"), "type", constant("S"))), "billing_mode", constant("PAY_PER_REQUEST"),
			"hash_key", constant("pk"), "name", refs("var.name", "each.key"), "tags", tagsExpr())
	},
	countExpr: refs("var.tables"),
	tagged:    0.2,
}

var awsBackupVault = &block{
	typ: "aws_backup_vault", name: "this", prov: "aws",
	values: func(c *ictx) obj {
		n := c.name("")
		return c.awsTagged(o("arn", c.arn("backup", "backup-vault:"+n), "id", n, "name", n, "recovery_points", c.r.intn(400)))
	},
	computed: []string{"arn", "id", "kms_key_arn", "recovery_points"},
	config: func(c *cctx) obj {
		return o("name", refs("var.name"), "tags", tagsExpr())
	},
}

var awsBackupPlan = &block{
	typ: "aws_backup_plan", name: "this", prov: "aws",
	values: func(c *ictx) obj {
		n := c.name("")
		return c.awsTagged(o("arn", c.arn("backup", "backup-plan:"+c.r.uuid()), "id", c.r.uuid(), "name", n,
			"rule", []any{o("lifecycle", []any{o("delete_after", 35)}, "rule_name", "daily", "schedule", "cron(0 3 * * ? *)", "target_vault_name", n)}))
	},
	computed: []string{"arn", "id", "version"},
	config: func(c *cctx) obj {
		return o("name", refs("var.name"), "rule", blocks(o("rule_name", constant("daily"), "schedule", constant("cron(0 3 * * ? *)"),
			"target_vault_name", ref("aws_backup_vault.this", "name"))), "tags", tagsExpr())
	},
}

var awsBackupSelection = &block{
	typ: "aws_backup_selection", name: "this", prov: "aws",
	values: func(c *ictx) obj {
		return o("iam_role_arn", c.globalArn("iam", "role/backup"), "id", c.r.uuid(), "name", c.name(""), "plan_id", c.r.uuid())
	},
	computed: []string{"id"},
	refAttrs: []string{"plan_id"},
	config: func(c *cctx) obj {
		return o("iam_role_arn", refs("var.backup_role_arn"), "name", refs("var.name"), "plan_id", ref("aws_backup_plan.this", "id"), "resources", refs("var.resources"))
	},
}

var awsRoute53Zone = &block{
	typ: "aws_route53_zone", name: "public", prov: "aws",
	values: func(c *ictx) obj {
		id := "Z" + strings.ToUpper(c.r.hex(20))
		return c.awsTagged(o("arn", c.globalArn("route53", "hostedzone/"+id), "id", id, "name", "acme.example", "zone_id", id))
	},
	computed: []string{"arn", "id", "name_servers", "zone_id"},
	config: func(c *cctx) obj {
		return o("name", constant("acme.example"), "tags", refs("local.tags"))
	},
}

var awsRootParameter = &block{
	typ: "aws_ssm_parameter", name: "platform", prov: "aws", repeat: forEach, keyFmt: "param-%05d",
	values: func(c *ictx) obj {
		n := "/platform/" + fmt.Sprint(c.key)
		return c.awsTagged(o("arn", c.arn("ssm", "parameter"+n), "id", n, "name", n, "type", "String", "value", c.r.hex(16)))
	},
	computed: []string{"arn", "id", "version"},
	mutable:  "value",
	config: func(c *cctx) obj {
		return o("name", refs("each.key"), "tags", refs("local.tags"), "type", constant("String"), "value", refs("each.value"))
	},
	countExpr: refs("var.platform_parameters"),
}

var awsPolicyDocument = &dataBlock{
	typ: "aws_iam_policy_document", name: "assume", prov: "aws",
	values: func(c *ictx) obj {
		return o("id", fmt.Sprint(c.r.intn(1<<31)), "json", assumeRolePolicy, "minified_json", assumeRolePolicy,
			"statement", []any{o("actions", []string{"sts:AssumeRole"}, "effect", "Allow", "principals", []any{o("identifiers", []string{"lambda.amazonaws.com"}, "type", "Service")})})
	},
	config: func(c *cctx) obj {
		return o("statement", blocks(o("actions", constant([]any{"sts:AssumeRole"}), "principals", blocks(o("identifiers", constant([]any{"lambda.amazonaws.com"}), "type", constant("Service"))))))
	},
}

var awsRegionData = &dataBlock{
	typ: "aws_region", name: "current", prov: "aws",
	values: func(c *ictx) obj {
		return o("description", "", "endpoint", "ec2."+c.awsProv().region+".amazonaws.com", "id", c.awsProv().region, "name", c.awsProv().region)
	},
	config: func(c *cctx) obj { return obj{} },
}

var awsCallerIdentity = &dataBlock{
	typ: "aws_caller_identity", name: "current", prov: "aws",
	values: func(c *ictx) obj {
		return o("account_id", awsAccount, "arn", c.globalArn("sts", "assumed-role/terraform/ci"), "id", awsAccount, "user_id", "AROA"+strings.ToUpper(c.r.hex(17))+":ci")
	},
	config: func(c *cctx) obj { return obj{} },
}

// azPrefix abbreviates a region as zone ids do: eu-west-3 → euw3.
func azPrefix(region string) string {
	parts := strings.Split(region, "-")
	if len(parts) != 3 || parts[1] == "" {
		return region
	}
	return parts[0] + parts[1][:1] + parts[2]
}

var awsMetricAlarm = &block{
	typ: "aws_cloudwatch_metric_alarm", name: "slo", prov: "aws", repeat: forEach, min: 4, max: 30,
	keys: []string{"errors", "latency_p99", "throttles", "queue_age", "cpu", "memory", "5xx", "4xx", "saturation", "availability"}, keyFmt: "custom_%02d",
	values: func(c *ictx) obj {
		n := c.name("")
		return c.awsTagged(o(
			"alarm_name", n,
			"arn", c.arn("cloudwatch", "alarm:"+n),
			"id", n,
			"metric_name", fmt.Sprint(c.key),
			"threshold", pick(&c.r, 1, 5, 80, 500),
		))
	},
	computed: []string{"arn", "id"},
	mutable:  "threshold",
	config: func(c *cctx) obj {
		return o("alarm_name", refs("var.name", "each.key"), "metric_name", refs("each.key"), "tags", tagsExpr(), "threshold", refs("each.value"))
	},
	countExpr: refs("var.alarms"),
}

var awsRoute53Record = &block{
	typ: "aws_route53_record", name: "service", prov: "aws", repeat: forEach, min: 2, max: 24,
	keys: []string{"api", "www", "admin", "internal", "status"}, keyFmt: "edge-%02d",
	values: func(c *ictx) obj {
		n := fmt.Sprintf("%v.%s.acme.example", c.key, c.m.stem())
		return o("fqdn", n, "id", "Z0ACME_"+n+"_CNAME", "name", n, "records", []string{c.m.stem() + ".edge.acme.example"}, "ttl", 300, "type", "CNAME", "zone_id", "Z0ACME")
	},
	computed: []string{"fqdn", "id"},
	mutable:  "ttl",
	config: func(c *cctx) obj {
		return o("name", refs("each.key"), "records", refs("each.value"), "ttl", constant(300), "type", constant("CNAME"), "zone_id", refs("var.zone_id"))
	},
	countExpr: refs("var.records"),
}
