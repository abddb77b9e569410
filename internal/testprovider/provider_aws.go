package main

import (
	"errors"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// awsRegional is a regional AWS resource: since provider v6 every one has a
// top-level region (Optional+Computed) that defaults to the provider's, and
// most have tags and tags_all.
func awsRegional(items ...any) typeSpec {
	return ty(items...).with("region?~", "tags:map", "tags_all:map~")
}

// awsGlobal is a resource of a global AWS service (IAM, Route 53,
// CloudFront): no region attribute.
func awsGlobal(items ...any) typeSpec {
	return ty(items...).with("tags:map", "tags_all:map~")
}

func awsProvider() *providerSpec {
	ingress := func(name string) blockSpec {
		return blk(name, 0, "from_port:int!", "to_port:int!", "protocol!", "cidr_blocks:list", "security_groups:set", "description")
	}
	return &providerSpec{
		typeName: "aws",
		source:   "hashicorp/aws",
		legacy:   true,
		config: ty("region", "profile", "access_key*", "secret_key*", "token*", "shared_config_files:list",
			"skip_credentials_validation:bool", "skip_requesting_account_id:bool", "skip_metadata_api_check",
			"skip_region_validation:bool", "allowed_account_ids:set",
			blk("default_tags", 1, "tags:map"),
			blk("assume_role", 0, "role_arn", "session_name", "external_id"),
			blk("ignore_tags", 1, "keys:set", "key_prefixes:set")),
		fill:  map[string][]string{"region": {"region"}},
		hooks: []planHook{mergeTagsHook("tags", []string{"default_tags", "tags"}, "tags_all")},
		applied: func(_ *providerConfig, m map[string]tftypes.Value) {
			if region, ok := knownString(m["region"]); ok {
				setIfUnknown(m, "availability_zone", stringVal(region+"a"))
				setIfUnknown(m, "bucket_region", stringVal(region))
			}
		},
		resources: map[string]typeSpec{
			"aws_instance": awsRegional("ami!", "instance_type!", "availability_zone?~", "subnet_id?~", "vpc_security_group_ids:set?~",
				"key_name?~", "associate_public_ip_address:bool?~", "user_data", "iam_instance_profile?~", "monitoring:bool",
				"arn~", "private_ip?~", "public_ip~", "instance_state~",
				blk("root_block_device", 1, "volume_size:int?~", "volume_type?~", "encrypted:bool?~", "kms_key_id?~"),
				blk("metadata_options", 1, "http_tokens?~", "http_endpoint?~")),
			"aws_s3_bucket": awsRegional("bucket?~", "bucket_prefix", "force_destroy:bool", "object_lock_enabled:bool?~",
				"arn~", "bucket_domain_name~", "bucket_regional_domain_name~", "bucket_region~", "hosted_zone_id~"),
			"aws_s3_bucket_versioning": awsRegional(blk("versioning_configuration", 1, "status!")).with("bucket!"),
			"aws_s3_bucket_server_side_encryption_configuration": awsRegional("bucket!",
				blk("rule", 0, "bucket_key_enabled:bool", blk("apply_server_side_encryption_by_default", 1, "sse_algorithm!", "kms_master_key_id"))),
			"aws_s3_bucket_public_access_block": awsRegional("bucket!", "block_public_acls:bool", "block_public_policy:bool",
				"ignore_public_acls:bool", "restrict_public_buckets:bool"),
			"aws_s3_bucket_replication_configuration": awsRegional("bucket!", "role!",
				blk("rule", 0, "id", "status!", blk("destination", 1, "bucket!", "storage_class"))),
			"aws_s3_object": awsRegional("bucket!", "key!", "source", "content", "content_type?~", "etag?~", "kms_key_id?~",
				"server_side_encryption?~", "storage_class?~", "version_id~"),
			"aws_db_subnet_group": awsRegional("name?~", "description", "subnet_ids:set!", "arn~"),
			"aws_db_instance": awsRegional("identifier?~", "engine?~", "engine_version?~", "instance_class!", "allocated_storage:int?~",
				"db_name?~", "username?~", "password*", "multi_az:bool?~", "availability_zone?~", "storage_encrypted:bool",
				"kms_key_id?~", "db_subnet_group_name?~", "vpc_security_group_ids:set?~", "skip_final_snapshot:bool",
				"backup_retention_period:int?~", "replicate_source_db", "publicly_accessible:bool", "deletion_protection:bool",
				"endpoint~", "address~", "arn~"),
			"aws_vpc": awsRegional("cidr_block?~", "enable_dns_hostnames:bool?~", "enable_dns_support:bool", "instance_tenancy?~",
				"arn~", "default_security_group_id~", "main_route_table_id~"),
			"aws_subnet": awsRegional("vpc_id!", "cidr_block", "availability_zone?~", "availability_zone_id?~",
				"map_public_ip_on_launch:bool", "arn~"),
			"aws_internet_gateway": awsRegional("vpc_id", "arn~"),
			"aws_security_group": awsRegional("name?~", "name_prefix?~", "description", "vpc_id?~", "revoke_rules_on_delete:bool",
				"arn~", "owner_id~", ingress("ingress"), ingress("egress")),
			"aws_lb": awsRegional("name?~", "internal:bool?~", "load_balancer_type", "security_groups:set?~", "subnets:set?~",
				"arn~", "dns_name~", "zone_id~"),
			"aws_iam_role": awsGlobal("name?~", "name_prefix?~", "assume_role_policy!", "description", "path",
				"max_session_duration:int", "arn~", "unique_id~", "create_date~"),
			"aws_iam_policy":                 awsGlobal("name?~", "name_prefix?~", "policy!", "description", "path", "arn~", "policy_id~"),
			"aws_iam_role_policy_attachment": ty("role!", "policy_arn!"),
			"aws_iam_instance_profile":       awsGlobal("name?~", "role", "path", "arn~", "unique_id~"),
			"aws_route53_zone": awsGlobal("name!", "comment", "force_destroy:bool", "delegation_set_id", "zone_id~",
				"name_servers:list~", "arn~", blk("vpc", 0, "vpc_id!", "vpc_region?~")),
			"aws_route53_record": ty("zone_id!", "name!", "type!", "ttl:int", "records:set", "set_identifier", "fqdn~",
				blk("alias", 1, "name!", "zone_id!", "evaluate_target_health:bool!")),
			"aws_cloudfront_origin_access_control": ty("name!", "description", "origin_access_control_origin_type!",
				"signing_behavior!", "signing_protocol!", "etag~"),
			"aws_cloudfront_distribution": awsGlobal("enabled:bool!", "comment", "default_root_object", "price_class",
				"aliases:set", "is_ipv6_enabled:bool", "web_acl_id", "domain_name~", "arn~", "hosted_zone_id~", "status~",
				blk("origin", 0, "domain_name!", "origin_id!", "origin_access_control_id", "origin_path"),
				blk("default_cache_behavior", 1, "target_origin_id!", "viewer_protocol_policy!", "allowed_methods:set!",
					"cached_methods:set!", "cache_policy_id", "compress:bool"),
				blk("restrictions", 1, blk("geo_restriction", 1, "restriction_type!", "locations:set?~")),
				blk("viewer_certificate", 1, "cloudfront_default_certificate:bool", "acm_certificate_arn", "ssl_support_method",
					"minimum_protocol_version")),
			"aws_acm_certificate": awsRegional("domain_name!", "validation_method?~", "subject_alternative_names:set?~",
				"key_algorithm?~", "arn~", "status~"),
			"aws_kms_key": awsRegional("description?~", "deletion_window_in_days:int", "enable_key_rotation:bool",
				"multi_region:bool?~", "key_usage?~", "policy?~", "key_id~", "arn~"),
			"aws_kms_alias": ty("name?~", "target_key_id!", "arn~", "target_key_arn~").with("region?~"),
			"aws_dynamodb_table": awsRegional("name!", "hash_key", "range_key", "billing_mode", "read_capacity:int?~",
				"write_capacity:int?~", "stream_enabled:bool", "stream_view_type?~", "table_class", "deletion_protection_enabled:bool",
				"arn~", "stream_arn~",
				blk("attribute", 0, "name!", "type!"),
				blk("replica", 0, "region_name!", "kms_key_arn?~", "point_in_time_recovery:bool", "propagate_tags:bool", "arn~"),
				blk("point_in_time_recovery", 1, "enabled:bool!"),
				blk("server_side_encryption", 1, "enabled:bool!", "kms_key_arn?~")),
			"aws_lambda_function": awsRegional("function_name!", "role!", "handler", "runtime", "filename", "s3_bucket", "s3_key",
				"image_uri", "package_type", "memory_size:int", "timeout:int", "architectures:list?~", "kms_key_arn",
				"source_code_hash?~", "arn~", "invoke_arn~", "version~",
				blk("environment", 1, "variables:map"),
				blk("vpc_config", 1, "subnet_ids:set!", "security_group_ids:set!")),
			"aws_lambda_event_source_mapping": ty("event_source_arn", "function_name!", "starting_position", "batch_size:int?~",
				"enabled:bool", "uuid~", "function_arn~").with("region?~"),
			"aws_sqs_queue": awsRegional("name?~", "name_prefix?~", "fifo_queue:bool", "message_retention_seconds:int?~",
				"visibility_timeout_seconds:int?~", "kms_master_key_id?~", "sqs_managed_sse_enabled:bool?~", "redrive_policy?~",
				"arn~", "url~"),
			"aws_cloudwatch_log_group": awsRegional("name?~", "retention_in_days:int", "kms_key_id", "arn~"),
		},
		dataSources: map[string]typeSpec{
			"aws_region":             {attrs: attrs("region?~", "name~", "endpoint~", "description~"), read: awsRegionRead},
			"aws_availability_zones": {attrs: attrs("state", "region?~", "names:list~", "zone_ids:list~"), read: awsAZRead},
			"aws_caller_identity":    {attrs: attrs("account_id~", "arn~", "user_id~"), read: awsCallerRead},
		},
	}
}

// awsEffectiveRegion is the data source's region argument, else the
// provider's; a data source cannot answer without one.
func awsEffectiveRegion(p *providerConfig, config map[string]tftypes.Value) (string, error) {
	if r, ok := knownString(config["region"]); ok {
		return r, nil
	}
	if r, ok := knownString(p.get("region")); ok {
		return r, nil
	}
	return "", errors.New("no region: set region in the provider block or on the data source (the test provider reads no AWS_REGION)")
}

func awsRegionRead(p *providerConfig, config map[string]tftypes.Value) (map[string]tftypes.Value, error) {
	r, err := awsEffectiveRegion(p, config)
	if err != nil {
		return nil, err
	}
	return map[string]tftypes.Value{
		"id": stringVal(r), "region": stringVal(r), "name": stringVal(r),
		"endpoint": stringVal("ec2." + r + ".amazonaws.com"), "description": stringVal(""),
	}, nil
}

func awsAZRead(p *providerConfig, config map[string]tftypes.Value) (map[string]tftypes.Value, error) {
	r, err := awsEffectiveRegion(p, config)
	if err != nil {
		return nil, err
	}
	return map[string]tftypes.Value{
		"id": stringVal(r), "region": stringVal(r),
		"names":    stringListVal(r+"a", r+"b", r+"c"),
		"zone_ids": stringListVal(r+"-az1", r+"-az2", r+"-az3"),
	}, nil
}

func awsCallerRead(*providerConfig, map[string]tftypes.Value) (map[string]tftypes.Value, error) {
	return map[string]tftypes.Value{
		"id": stringVal("123456789012"), "account_id": stringVal("123456789012"),
		"arn": stringVal("arn:aws:iam::123456789012:user/terraform"), "user_id": stringVal("AIDAEXAMPLEUSERID"),
	}, nil
}
