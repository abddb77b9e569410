package main

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// awsVersion6 and awsVersion5 are the releases of hashicorp/aws the test
// provider mimics: 6 by default (the scenarios' `~> 6.0`), 5 when the
// binary is invoked as terraform-provider-aws_v5.<minor>.<patch> (see
// lookupProvider). The difference that matters here: since 6.0 every
// regional resource has a top-level region argument that defaults to the
// provider's at plan time; in 5.x a plan shows a resource's region nowhere
// (only aws_s3_bucket has a computed region, known after apply), and the
// place is in the provider configuration and the environment alone.
const (
	awsVersion6 = "6.0.0"
	awsVersion5 = "5.100.0"
)

// awsProvider serves hashicorp/aws as of major version 6.
func awsProvider() *providerSpec { return awsProviderVersion(awsVersion6) }

// awsProviderVersion serves hashicorp/aws as of a release: a 5.x version
// selects the 5.x tables, anything else 6.x.
func awsProviderVersion(version string) *providerSpec {
	v5 := strings.HasPrefix(version, "5.")
	if !v5 {
		version = awsVersion6
	}
	var regionArg []string
	if !v5 {
		regionArg = []string{"region?~"}
	}
	return &providerSpec{
		typeName: "aws",
		source:   "hashicorp/aws",
		version:  version,
		legacy:   true,
		real:     newRealSchema("aws-5.100.0.json.gz"),
		extend:   awsExtend(v5),
		config:   awsConfig(),
		defaults: map[string]func(p *providerConfig) (string, bool){"region": awsDefaultRegion},
		fill:     map[string][]string{"region": {"region"}},
		hooks:    []planHook{awsTagsAll(v5)},
		applied: func(p *providerConfig, m map[string]tftypes.Value) {
			if region, _ := awsRegion(p, m); region != "" {
				setIfUnknown(m, "region", stringVal(region))
				setIfUnknown(m, "availability_zone", stringVal(region+"a"))
				setIfUnknown(m, "bucket_region", stringVal(region))
			}
		},
		land:      awsLanding,
		resources: awsTypes{v5: v5}.resources(),
		dataSources: map[string]typeSpec{
			"aws_region":             {attrs: attrs(append(regionArg, awsRegionName(v5), "endpoint~", "description~")...), read: awsRegionRead},
			"aws_availability_zones": {attrs: attrs(append(regionArg, "state", "names:list~", "zone_ids:list~")...), read: awsAZRead},
			"aws_caller_identity":    {attrs: attrs("account_id~", "arn~", "user_id~"), read: awsCallerRead},
		},
	}
}

// awsConfig is the schema of the provider block, the same in 5.x and
// 6.x.
func awsConfig() typeSpec {
	var endpoints []any
	for _, svc := range awsEndpointKeys() {
		endpoints = append(endpoints, svc)
	}
	return ty("region", "profile", "access_key*", "secret_key*", "token*", "shared_config_files:list",
		"shared_credentials_files:list", "skip_credentials_validation:bool", "skip_requesting_account_id:bool",
		"skip_metadata_api_check", "skip_region_validation:bool", "allowed_account_ids:set", "forbidden_account_ids:set",
		"sts_region", "custom_ca_bundle", "use_fips_endpoint:bool", "use_dualstack_endpoint:bool", "s3_use_path_style:bool",
		"max_retries:int",
		blk("default_tags", 1, "tags:map"),
		blk("assume_role", 0, "role_arn", "session_name", "external_id"),
		blk("endpoints", 0, endpoints...),
		blk("ignore_tags", 1, "keys:set", "key_prefixes:set"))
}

// awsTags are the tags arguments of a taggable resource.
var awsTags = []string{"tags:map", "tags_all:map?~"}

// awsTypes builds the resource types of a release of hashicorp/aws, 5.x
// when v5 is set, else 6.x.
type awsTypes struct{ v5 bool }

// regional is a resource of a regional service: since 6.0 every one has
// a top-level region (Optional+Computed) that defaults to the provider's.
func (a awsTypes) regional(items ...any) typeSpec {
	if a.v5 {
		return ty(items...)
	}
	return ty(items...).with("region?~")
}

// awsRegional is a regional resource with tags and tags_all.
func (a awsTypes) awsRegional(items ...any) typeSpec { return a.regional(items...).with(awsTags...) }

// awsGlobal is a resource of a global AWS service (IAM, Route 53,
// CloudFront): no region attribute.
func (a awsTypes) awsGlobal(items ...any) typeSpec { return ty(items...).with(awsTags...) }

// s3Sub is a bucket's sub-resource (versioning, encryption …). The 6.x
// tables give them tags and tags_all, which the real provider does not
// have: the committed scenario plans were generated with them and must
// not change, so only the 5.x tables (checked against the real 5.100.0
// schema by internal/testtf) are exact there.
func (a awsTypes) s3Sub(items ...any) typeSpec {
	if a.v5 {
		return a.regional(items...)
	}
	return a.awsRegional(items...)
}

// bucket is aws_s3_bucket. Its inline configuration blocks (deprecated
// for the aws_s3_bucket_* resources) are Optional+Computed: the real
// provider plans them unknown when the configuration leaves them out.
func (a awsTypes) bucket() typeSpec {
	bucket := a.awsRegional("bucket?~", "bucket_prefix", "force_destroy:bool", "object_lock_enabled:bool?~",
		"arn~", "bucket_domain_name~", "bucket_regional_domain_name~", "hosted_zone_id~",
		blk("cors_rule~", 0), blk("grant~", 0), blk("lifecycle_rule~", 0), blk("logging~", 1),
		blk("object_lock_configuration~", 1), blk("replication_configuration~", 1),
		blk("server_side_encryption_configuration~", 1), blk("versioning~", 1), blk("website~", 1))
	if a.v5 {
		// 5.x: the bucket's region, computed (known after apply).
		return bucket.with("region~")
	}
	return bucket.with("bucket_region~")
}

// awsIngress is a security group's ingress or egress block.
func awsIngress(name string) blockSpec {
	return blk(name, 0, "from_port:int!", "to_port:int!", "protocol!", "cidr_blocks:list", "security_groups:set", "description")
}

// resources are the resource types the test provider serves.
func (a awsTypes) resources() map[string]typeSpec {
	regional, awsRegional, awsGlobal, s3Sub := a.regional, a.awsRegional, a.awsGlobal, a.s3Sub
	bucket, ingress := a.bucket(), awsIngress
	return map[string]typeSpec{
		"aws_instance": awsRegional("ami!", "instance_type!", "availability_zone?~", "subnet_id?~", "vpc_security_group_ids:set?~",
			"key_name?~", "associate_public_ip_address:bool?~", "user_data", "iam_instance_profile?~", "monitoring:bool",
			"arn~", "private_ip?~", "public_ip~", "instance_state~",
			blk("root_block_device", 1, "volume_size:int?~", "volume_type?~", "encrypted:bool?~", "kms_key_id?~"),
			blk("metadata_options", 1, "http_tokens?~", "http_endpoint?~")),
		"aws_s3_bucket":            bucket,
		"aws_s3_bucket_versioning": s3Sub(blk("versioning_configuration", 1, "status!")).with("bucket!"),
		"aws_s3_bucket_server_side_encryption_configuration": s3Sub("bucket!",
			blk("rule", 0, "bucket_key_enabled:bool", blk("apply_server_side_encryption_by_default", 1, "sse_algorithm!", "kms_master_key_id"))),
		"aws_s3_bucket_public_access_block": s3Sub("bucket!", "block_public_acls:bool", "block_public_policy:bool",
			"ignore_public_acls:bool", "restrict_public_buckets:bool"),
		"aws_s3_bucket_replication_configuration": s3Sub("bucket!", "role!",
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
			"max_session_duration:int", "arn~", "unique_id~", "create_date~", blk("inline_policy~", 0)),
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
		"aws_kms_alias": regional("name?~", "target_key_id!", "arn~", "target_key_arn~"),
		"aws_dynamodb_table": awsRegional("name!", "hash_key", "range_key", "billing_mode", "read_capacity:int?~",
			"write_capacity:int?~", "stream_enabled:bool", "stream_view_type?~", "table_class", "deletion_protection_enabled:bool",
			"arn~", "stream_arn~",
			blk("attribute", 0, "name!", "type!"),
			blk("replica", 0, "region_name!", "kms_key_arn?~", "point_in_time_recovery:bool=false", "propagate_tags:bool=false", "arn~"),
			blk("point_in_time_recovery~", 1, "enabled:bool!"),
			blk("server_side_encryption~", 1, "enabled:bool!", "kms_key_arn?~"),
			blk("ttl~", 1)),
		"aws_lambda_function": awsRegional("function_name!", "role!", "handler", "runtime", "filename", "s3_bucket", "s3_key",
			"image_uri", "package_type", "memory_size:int", "timeout:int", "architectures:list?~", "kms_key_arn",
			"source_code_hash?~", "arn~", "invoke_arn~", "version~",
			blk("environment", 1, "variables:map"),
			blk("vpc_config", 1, "subnet_ids:set!", "security_group_ids:set!")),
		"aws_lambda_event_source_mapping": regional("event_source_arn", "function_name!", "starting_position", "batch_size:int?~",
			"enabled:bool", "uuid~", "function_arn~"),
		"aws_sqs_queue": awsRegional("name?~", "name_prefix?~", "fifo_queue:bool", "message_retention_seconds:int?~",
			"visibility_timeout_seconds:int?~", "kms_master_key_id?~", "sqs_managed_sse_enabled:bool?~", "redrive_policy?~",
			"arn~", "url~"),
		"aws_backup_plan": awsRegional("name!",
			blk("rule", 0, "rule_name!", "target_vault_name!", "schedule", "completion_window:int=180",
				"enable_continuous_backup:bool=false", "schedule_expression_timezone=Etc/UTC", "start_window:int=60")),
		"aws_cloudwatch_log_group": awsRegional("name?~", "retention_in_days:int", "kms_key_id", "arn~"),
	}
}

// awsExtend makes the 5.100.0 schema a 6.x one: every type of a regional
// service gets the top-level region, optional and computed (defaulted to
// the provider's at plan by fill); aws_s3_bucket's computed region becomes
// that argument and bucket_region the bucket's own. In 5.x mode the
// schema is served as it is.
func awsExtend(v5 bool) func(name string, t typeSpec) typeSpec {
	if v5 {
		return nil
	}
	var regional map[string]bool
	return func(name string, t typeSpec) typeSpec {
		if !t.real {
			return t
		}
		if regional == nil {
			regional = textLines("schemas/aws-v6-regional.txt")
		}
		if regional[name] {
			t = t.without("region").with("region?~")
		}
		if name == "aws_s3_bucket" {
			t = t.without("bucket_region").with("bucket_region~")
		}
		return t
	}
}

// awsTagsAll plans tags_all: tags merged over the provider's default_tags.
// When the merge is empty (no tags, no default tags) the real provider
// plans tags_all unknown, not {}: checked against the real 5.100.0 by
// internal/testtf. The 6.x tables keep {}, which the committed scenario
// plans were generated with.
func awsTagsAll(v5 bool) planHook {
	merge := mergeTagsHook("tags", []string{"default_tags", "tags"}, "tags_all")
	if !v5 {
		return merge
	}
	return func(p *providerConfig, t typeSpec, planned map[string]tftypes.Value) {
		merge(p, t, planned)
		if m, ok := stringMap(planned["tags_all"]); ok && len(m) == 0 && t.has("tags_all") {
			planned["tags_all"] = unknownOf(tftypes.Map{ElementType: tftypes.String})
		}
	}
}

// awsRegionName is aws_region's name: the argument that chose the region
// in 5.x, a computed copy of region in 6.x.
func awsRegionName(v5 bool) string {
	if v5 {
		return "name?~"
	}
	return "name~"
}

// awsService is the AWS service a resource type calls: the key of the
// provider's endpoints block, the service id in the SDK's
// AWS_ENDPOINT_URL_<ID> variable, and whether the service is global (its
// resources have no region).
type awsService struct {
	key, envID string
	global     bool
}

// awsServices maps resource type prefixes (disjoint) to services.
var awsServices = []struct {
	prefix string
	svc    awsService
}{
	{"aws_s3_", awsService{key: "s3", envID: "S3"}},
	{"aws_instance", awsService{key: "ec2", envID: "EC2"}},
	{"aws_vpc", awsService{key: "ec2", envID: "EC2"}},
	{"aws_subnet", awsService{key: "ec2", envID: "EC2"}},
	{"aws_internet_gateway", awsService{key: "ec2", envID: "EC2"}},
	{"aws_security_group", awsService{key: "ec2", envID: "EC2"}},
	{"aws_db_", awsService{key: "rds", envID: "RDS"}},
	{"aws_iam_", awsService{key: "iam", envID: "IAM", global: true}},
	{"aws_route53_", awsService{key: "route53", envID: "ROUTE_53", global: true}},
	{"aws_cloudfront_", awsService{key: "cloudfront", envID: "CLOUDFRONT", global: true}},
	{"aws_acm_", awsService{key: "acm", envID: "ACM"}},
	{"aws_kms_", awsService{key: "kms", envID: "KMS"}},
	{"aws_dynamodb_", awsService{key: "dynamodb", envID: "DYNAMODB"}},
	{"aws_lambda_", awsService{key: "lambda", envID: "LAMBDA"}},
	{"aws_sqs_", awsService{key: "sqs", envID: "SQS"}},
	{"aws_cloudwatch_log_", awsService{key: "logs", envID: "CLOUDWATCH_LOGS"}},
	{"aws_lb", awsService{key: "elbv2", envID: "ELASTIC_LOAD_BALANCING_V2"}},
}

func awsServiceOf(typeName string) (awsService, bool) {
	for _, s := range awsServices {
		if strings.HasPrefix(typeName, s.prefix) {
			return s.svc, true
		}
	}
	return awsService{}, false
}

// awsEndpointKeys are the attributes of the provider's endpoints block that
// the test provider knows: the services of its resources, and STS (which
// the provider calls to check credentials). The real block has some 300.
func awsEndpointKeys() []string {
	seen := map[string]bool{"sts": true}
	for _, s := range awsServices {
		seen[s.svc.key] = true
	}
	return sortedKeys(seen)
}

// awsDefaultRegion is the region of a provider block that sets none, as
// the real provider (aws-sdk-go-base) finds it: AWS_REGION, then
// AWS_DEFAULT_REGION, then the region of the profile in the shared config
// files.
func awsDefaultRegion(p *providerConfig) (string, bool) {
	if r, ok := firstEnv(p, "AWS_REGION", "AWS_DEFAULT_REGION"); ok {
		return r, true
	}
	return awsProfileRegion(p)
}

// awsProfileName is the profile the provider uses: the block's profile,
// else AWS_PROFILE, else "default"; named says whether one was chosen.
func awsProfileName(p *providerConfig) (name string, named bool) {
	if s, ok := knownString(lookup(p.raw, "profile")); ok && s != "" {
		return s, true
	}
	if s := p.env("AWS_PROFILE"); s != "" {
		return s, true
	}
	return "default", false
}

// awsConfigFiles are the shared config files read: the block's
// shared_config_files, else AWS_CONFIG_FILE, else ~/.aws/config.
func awsConfigFiles(p *providerConfig) []string {
	if files := stringsOf(lookup(p.raw, "shared_config_files")); len(files) > 0 {
		return files
	}
	if f := p.env("AWS_CONFIG_FILE"); f != "" {
		return []string{f}
	}
	if home := p.env("HOME"); home != "" {
		return []string{filepath.Join(home, ".aws", "config")}
	}
	return nil
}

// awsProfileRegion is the region of the provider's profile in the shared
// config files ([default] or [profile NAME] sections); a later file wins,
// as in the SDK. Files that cannot be read are skipped, as the SDK skips a
// missing ~/.aws/config.
func awsProfileRegion(p *providerConfig) (string, bool) {
	name, _ := awsProfileName(p)
	section := "profile " + name
	if name == "default" {
		section = "default"
	}
	region := ""
	for _, path := range awsConfigFiles(p) {
		if r, ok := iniValue(path, section, "region"); ok {
			region = r
		}
	}
	return region, region != ""
}

// iniValue reads key in [section] of an AWS-style INI file.
func iniValue(path, section, key string) (string, bool) {
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer func() { _ = f.Close() }()
	in := false
	value, found := "", false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			in = strings.Join(strings.Fields(line[1:len(line)-1]), " ") == section
		case in:
			k, v, ok := strings.Cut(line, "=")
			if ok && strings.TrimSpace(k) == key {
				value, found = strings.TrimSpace(v), true
			}
		}
	}
	return value, found
}

// awsRegion is the region a resource is in: its own region attribute
// (6.x, or a 5.x bucket's computed region once known), else the
// provider's, with its defaults; unknown says why there is none.
func awsRegion(p *providerConfig, m map[string]tftypes.Value) (region, unknown string) {
	if r, ok := attrString(m, "region"); ok {
		return r, ""
	}
	if r, ok := p.str("region"); ok {
		return r, ""
	}
	name, _ := awsProfileName(p)
	return "", "no region: neither the resource, the provider block, AWS_REGION, AWS_DEFAULT_REGION nor the shared config of profile " +
		name + " sets one (the real provider fails to configure)"
}

// awsLanding: a regional resource lands in its region (see awsRegion), a
// resource of a global service (IAM, Route 53, CloudFront) is "global", a
// DynamoDB table with replicas in all their regions.
// The calls go to the endpoint the provider's endpoints block sets for the
// service, else AWS_ENDPOINT_URL_<SERVICE>, else AWS_ENDPOINT_URL (the
// SDK's precedence), else AWS's own (recorded as "").
func awsLanding(p *providerConfig, typeName string, _ typeSpec, m map[string]tftypes.Value) landing {
	var l landing
	svc, known := awsServiceOf(typeName)
	if svc.global {
		l.Region = "global"
	} else {
		l.Region, l.Unknown = awsRegion(p, m)
	}
	// A DynamoDB global table is created in its region and in the region
	// of every replica.
	if replicas := nestedStrings(m["replica"], "region_name"); len(replicas) > 0 && l.Region != "" {
		l.Region = joinRegions(append(replicas, l.Region))
	}
	l.Zone = firstString(m, "availability_zone")
	if known {
		if e, ok := p.str("endpoints", svc.key); ok {
			l.Endpoint = endpointHost(e)
		} else if e, ok := firstEnv(p, "AWS_ENDPOINT_URL_"+svc.envID, "AWS_ENDPOINT_URL"); ok {
			l.Endpoint = endpointHost(e)
		}
	}
	if name, named := awsProfileName(p); named {
		l.Profile = name
	} else if _, ok := awsProfileRegion(p); ok {
		l.Profile = name
	}
	return l
}

// awsEffectiveRegion is the data source's region argument (6.x) or name
// (aws_region in 5.x), else the provider's; a data source cannot answer
// without one.
func awsEffectiveRegion(p *providerConfig, config map[string]tftypes.Value) (string, error) {
	for _, arg := range []string{"region", "name"} {
		if r, ok := knownString(config[arg]); ok && r != "" {
			return r, nil
		}
	}
	if r, ok := p.str("region"); ok {
		return r, nil
	}
	return "", errors.New("no region: set region in the provider block or on the data source, or AWS_REGION in the environment")
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
