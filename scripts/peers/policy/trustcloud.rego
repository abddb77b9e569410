# trustcloud peer policy: "sensitive data in a non-EU region", written in Rego for
# conftest and opa so that scripts/peers/run.sh can time them against trustcloud on
# the same plans. It is the spirit of trustcloud's TC001 rule, kept simple:
#
#   for every resource_changes entry that is managed and not only deleted,
#   whose sensitivity level is sensitive (or stronger):
#     - tags.data_sensitivity, else tags_all.data_sensitivity, else labels.data_sensitivity
#       (Google labels), else
#     - the nearest module call (the resource's module or an ancestor) that passes a constant
#       data_sensitivity input ("tagged modules"),
#   work out its region:
#     - change.after.region, else change.after.location (Azure, Google), else a zone
#       (availability_zone, zone, subregion_name) with its zone suffix dropped,
#     - else the region constant of the provider configuration it uses
#       (configuration.provider_config[provider_config_key].expressions.region.constant_value),
#   and deny when that region is not in the EU list of its provider.
#
# Non-regional services (IAM, Route 53, CloudFront, DNS, Entra ID …: global_types below) and
# the location "global" have no region and are not denied (trustcloud reports them as TC004,
# global service), nor is a resource whose region cannot be worked out (trustcloud's TC003,
# unknown location): this policy imitates TC001 only.
#
# conftest: conftest test --policy scripts/peers/policy --all-namespaces PLAN
# opa:      opa eval --format raw --data scripts/peers/policy/trustcloud.rego --input PLAN 'data.main.deny'
package main

# Sensitivity values that require an EU region (French aliases included).
sensitive_levels := {"sensitive", "sensible", "restricted", "diffusion-restreinte", "dr"}

# EU regions per provider type (the last segment of provider_name). London (aws eu-west-2),
# Zurich (aws eu-central-2), Switzerland, Norway and the UK are not EU. Outscale's and
# NumSpot's eu-west-2 is in France, hence the per-provider lists.
eu_regions := {
	"aws": {
		"eu-west-1", "eu-west-3", "eu-central-1", "eu-north-1", "eu-south-1",
		"eu-south-2", "eusc-de-east-1",
	},
	"azurerm": {
		"francecentral", "francesouth", "westeurope", "northeurope", "germanywestcentral",
		"germanynorth", "swedencentral", "swedensouth", "italynorth", "polandcentral",
		"spaincentral", "austriaeast", "belgiumcentral", "denmarkeast",
	},
	"google": google_eu,
	"google-beta": google_eu,
	"outscale": {"eu-west-2", "cloudgouv-eu-west-1"},
	"numspot": {"eu-west-2", "cloudgouv-eu-west-1"},
	"scaleway": {"fr-par", "nl-ams", "pl-waw", "it-mil"},
	"ovh": ovh_eu,
	"openstack": ovh_eu,
	"hcloud": {"fsn1", "nbg1", "hel1"},
	"exoscale": {"at-vie-1", "at-vie-2", "bg-sof-1", "de-fra-1", "de-muc-1", "hr-zag-1"},
}

google_eu := {
	"eu", "europe-west1", "europe-west3", "europe-west4", "europe-west8", "europe-west9",
	"europe-west10", "europe-west12", "europe-north1", "europe-north2", "europe-central2",
	"europe-southwest1", "u-france-east1",
}

ovh_eu := {
	"gra", "sbg", "rbx", "waw", "de", "eu-west-par", "eu-south-mil", "eu-west-gra",
	"eu-west-rbx", "eu-west-sbg", "eu-west-lim", "eu-central-waw",
}

# Every EU region, for providers missing from eu_regions.
all_eu_regions := {r | some regions in eu_regions; some r in regions}

deny contains msg if {
	some rc in input.resource_changes
	rc.mode == "managed"
	rc.change.actions != ["delete"]
	level := level_of(rc)
	sensitive_levels[level]
	not is_global_type(rc.type)
	region := region_of(rc)
	region != "global"
	not is_eu(rc.provider_name, region)
	msg := sprintf("%s: %s data in non-EU region %s", [rc.address, level, region])
}

# ---- sensitivity -------------------------------------------------------------------------

level_of(rc) := lower(rc.change.after.tags.data_sensitivity) if {
	is_string(rc.change.after.tags.data_sensitivity)
} else := lower(rc.change.after.tags_all.data_sensitivity) if {
	is_string(rc.change.after.tags_all.data_sensitivity)
} else := lower(rc.change.after.labels.data_sensitivity) if {
	is_string(rc.change.after.labels.data_sensitivity)
} else := module_level(module_path(rc))

# module_path("module.a[0].module.b[\"x\"]") = "module.a.module.b"; "" at the root.
module_path(rc) := regex.replace(rc.module_address, `\[[^\]]*\]`, "") if {
	is_string(rc.module_address)
} else := ""

# The level passed to the nearest tagged module call: the module itself, then its ancestors.
module_level(path) := level if {
	path != ""
	parts := split(path, ".")
	levels := [l |
		some i in numbers.range(count(parts) / 2, 1)
		l := module_levels[concat(".", array.slice(parts, 0, 2 * i))]
	]
	level := levels[0]
}

# Module path -> level, for module calls passing a constant data_sensitivity (three levels deep).
# Built once as a complete object: looking a key up in a partial object rule would evaluate
# the rule bodies again for every resource.
module_levels := {path: level | some [path, level] in module_level_pairs}

module_level_pairs contains [concat(".", ["module", n1]), lower(c1.expressions.data_sensitivity.constant_value)] if {
	some n1, c1 in input.configuration.root_module.module_calls
	is_string(c1.expressions.data_sensitivity.constant_value)
}

module_level_pairs contains [concat(".", ["module", n1, "module", n2]), lower(c2.expressions.data_sensitivity.constant_value)] if {
	some n1, c1 in input.configuration.root_module.module_calls
	some n2, c2 in c1.module.module_calls
	is_string(c2.expressions.data_sensitivity.constant_value)
}

module_level_pairs contains [concat(".", ["module", n1, "module", n2, "module", n3]), lower(c3.expressions.data_sensitivity.constant_value)] if {
	some n1, c1 in input.configuration.root_module.module_calls
	some n2, c2 in c1.module.module_calls
	some n3, c3 in c2.module.module_calls
	is_string(c3.expressions.data_sensitivity.constant_value)
}

# ---- region ------------------------------------------------------------------------------

region_of(rc) := normalize(rc.change.after.region) if {
	is_string(rc.change.after.region)
	rc.change.after.region != ""
} else := normalize(rc.change.after.location) if {
	is_string(rc.change.after.location)
	rc.change.after.location != ""
} else := zone_region(rc.change.after.availability_zone) if {
	is_string(rc.change.after.availability_zone)
	rc.change.after.availability_zone != ""
} else := zone_region(rc.change.after.zone) if {
	is_string(rc.change.after.zone)
	rc.change.after.zone != ""
} else := zone_region(rc.change.after.subregion_name) if {
	is_string(rc.change.after.subregion_name)
	rc.change.after.subregion_name != ""
} else := provider_region(rc)

# "West Europe" -> "westeurope", "EU" -> "eu".
normalize(s) := lower(replace(s, " ", ""))

# eu-west-3a -> eu-west-3 (AWS, Outscale), europe-west9-b -> europe-west9 (Google),
# fr-par-1 -> fr-par (Scaleway).
zone_region(z) := substring(n, 0, count(n) - 1) if {
	n := normalize(z)
	regex.match(`[0-9][a-z]$`, n)
} else := substring(n, 0, count(n) - 2) if {
	n := normalize(z)
	regex.match(`-[a-z0-9]$`, n)
} else := normalize(z)

provider_region(rc) := normalize(provider_config(rc).expressions.region.constant_value)

# The provider configuration a resource uses: its provider_config_key as written, or
# prefixed by the module path (the form Terraform writes for providers configured
# inside a module).
provider_config(rc) := input.configuration.provider_config[key] if {
	key := config_keys[config_address(rc)]
} else := input.configuration.provider_config[concat(":", [module_path(rc), key])] if {
	key := config_keys[config_address(rc)]
}

# "module.a.module.b.aws_s3_bucket.x" for the resource_changes entry module.a[0].module.b.aws_s3_bucket.x[3].
config_address(rc) := concat(".", [rc.type, rc.name]) if {
	module_path(rc) == ""
} else := concat(".", [module_path(rc), rc.type, rc.name])

# Configuration address -> provider_config_key, for the root module and three module levels,
# built once as a complete object (see module_levels).
config_keys := {address: key | some [address, key] in config_key_pairs}

config_key_pairs contains [r.address, r.provider_config_key] if {
	some r in input.configuration.root_module.resources
}

config_key_pairs contains [concat(".", ["module", n1, r.address]), r.provider_config_key] if {
	some n1, c1 in input.configuration.root_module.module_calls
	some r in c1.module.resources
}

config_key_pairs contains [concat(".", ["module", n1, "module", n2, r.address]), r.provider_config_key] if {
	some n1, c1 in input.configuration.root_module.module_calls
	some n2, c2 in c1.module.module_calls
	some r in c2.module.resources
}

config_key_pairs contains [concat(".", ["module", n1, "module", n2, "module", n3, r.address]), r.provider_config_key] if {
	some n1, c1 in input.configuration.root_module.module_calls
	some n2, c2 in c1.module.module_calls
	some n3, c3 in c2.module.module_calls
	some r in c3.module.resources
}

# Resource types of non-regional services.
global_types := `^(aws_(iam|route53|route53domains|cloudfront|organizations|globalaccelerator|shield|waf|budgets|ce)_|azuread_|azurerm_(dns_|private_dns_|role_|management_group|policy_|subscription|cdn_frontdoor_|frontdoor|traffic_manager_)|google_(compute_global_|organization_|folder|service_account|dns_|billing_|project$|project_service$|compute_(network|network_peering|firewall|route|health_check|backend_service|backend_bucket|url_map|target_https?_proxy|ssl_certificate|managed_ssl_certificate|ssl_policy|security_policy)$|.*_iam_(member|binding|policy|audit_config)$))`

is_global_type(type) if {
	regex.match(global_types, type)
	not startswith(type, "aws_route53_resolver_")
}

# ---- EU ----------------------------------------------------------------------------------

provider_type(name) := parts[count(parts) - 1] if parts := split(name, "/")

is_eu(provider_name, region) if eu_regions[provider_type(provider_name)][region]

is_eu(provider_name, region) if {
	not eu_regions[provider_type(provider_name)]
	all_eu_regions[region]
}
