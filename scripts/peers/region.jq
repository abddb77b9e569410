# trustcloud peer filter: the same check as scripts/peers/policy/trustcloud.rego, in jq.
# Prints one JSON string per denial: "ADDRESS: LEVEL data in non-EU region REGION".
#
#   jq -f scripts/peers/region.jq PLAN          # (jq 1.6 or later)
#
# For every managed resource_changes entry that is not only deleted, whose level (tag
# data_sensitivity on tags, tags_all or labels, else the nearest module call passing a
# constant data_sensitivity input) is sensitive or stronger, the region is change.after.region,
# else change.after.location, else a zone (availability_zone, zone, subregion_name) without its
# zone suffix, else the provider configuration's region constant; deny when it is not EU.

def sensitive_levels: {"sensitive": true, "sensible": true, "restricted": true, "diffusion-restreinte": true, "dr": true};

def google_eu: ["eu", "europe-west1", "europe-west3", "europe-west4", "europe-west8", "europe-west9",
  "europe-west10", "europe-west12", "europe-north1", "europe-north2", "europe-central2",
  "europe-southwest1", "u-france-east1"];
def ovh_eu: ["gra", "sbg", "rbx", "waw", "de", "eu-west-par", "eu-south-mil", "eu-west-gra",
  "eu-west-rbx", "eu-west-sbg", "eu-west-lim", "eu-central-waw"];

# Provider type -> EU regions. London (aws eu-west-2) and Zurich (aws eu-central-2) are not EU;
# Outscale's and NumSpot's eu-west-2 is in France.
def eu_lists: {
  "aws": ["eu-west-1", "eu-west-3", "eu-central-1", "eu-north-1", "eu-south-1", "eu-south-2", "eusc-de-east-1"],
  "azurerm": ["francecentral", "francesouth", "westeurope", "northeurope", "germanywestcentral",
    "germanynorth", "swedencentral", "swedensouth", "italynorth", "polandcentral", "spaincentral",
    "austriaeast", "belgiumcentral", "denmarkeast"],
  "google": google_eu,
  "google-beta": google_eu,
  "outscale": ["eu-west-2", "cloudgouv-eu-west-1"],
  "numspot": ["eu-west-2", "cloudgouv-eu-west-1"],
  "scaleway": ["fr-par", "nl-ams", "pl-waw", "it-mil"],
  "ovh": ovh_eu,
  "openstack": ovh_eu,
  "hcloud": ["fsn1", "nbg1", "hel1"],
  "exoscale": ["at-vie-1", "at-vie-2", "bg-sof-1", "de-fra-1", "de-muc-1", "hr-zag-1"]
};

# Resource types of non-regional services (IAM, Route 53, CloudFront, DNS, Entra ID …).
def global_types: "^(aws_(iam|route53|route53domains|cloudfront|organizations|globalaccelerator|shield|waf|budgets|ce)_|azuread_|azurerm_(dns_|private_dns_|role_|management_group|policy_|subscription|cdn_frontdoor_|frontdoor|traffic_manager_)|google_(compute_global_|organization_|folder|service_account|dns_|billing_|project$|project_service$|compute_(network|network_peering|firewall|route|health_check|backend_service|backend_bucket|url_map|target_https?_proxy|ssl_certificate|managed_ssl_certificate|ssl_policy|security_policy)$|.*_iam_(member|binding|policy|audit_config)$))";
def is_global_type: test(global_types) and (startswith("aws_route53_resolver_") | not);

def nonempty_string: type == "string" and . != "";

def normalize: ascii_downcase | gsub(" "; "");

# eu-west-3a -> eu-west-3, europe-west9-b -> europe-west9, fr-par-1 -> fr-par.
def zone_region:
  normalize
  | if test("[0-9][a-z]$") then .[:-1]
    elif test("-[a-z0-9]$") then .[:-2]
    else . end;

# "module.a[0].module.b[\"x\"]" -> "module.a.module.b"; null -> "".
def module_path: if type == "string" then gsub("\\[[^\\]]*\\]"; "") else "" end;

# [path, module] for the root module and every module below it, path as ["module", NAME, ...].
def module_tree($path):
  [$path, .],
  ((.module_calls // {}) | to_entries[]
   | ($path + ["module", .key]) as $p | (.value.module // {}) | module_tree($p));

# {key: "module.a.module.b", value: LEVEL} for every module call passing a constant data_sensitivity.
def call_levels($path):
  (.module_calls // {}) | to_entries[]
  | ($path + ["module", .key]) as $p
  | (.value.expressions.data_sensitivity.constant_value
     | if type == "string" then {key: ($p | join(".")), value: ascii_downcase} else empty end),
    (.value.module // {} | call_levels($p));

. as $plan
| ($plan.configuration // {}) as $cfg
| ($cfg.provider_config // {}) as $providers
| ($cfg.root_module // {}) as $root
# configuration address ("module.a.module.b.TYPE.NAME") -> provider_config_key
# (from_entries, not a nested reduce: jq 1.6 copies the accumulator there, which is quadratic)
| ([ $root | module_tree([]) as [$p, $m] | $m.resources[]?
     | {key: (($p + [.address]) | join(".")), value: .provider_config_key} ] | from_entries) as $config_keys
| ([ $root | call_levels([]) ] | from_entries) as $module_levels
| (eu_lists | map_values(map({(.): true}) | add)) as $eu
| ([ eu_lists[][] ] | map({(.): true}) | add) as $all_eu

| $plan.resource_changes[]?
| select(.mode == "managed" and .change.actions != ["delete"])
| . as $rc
| ($rc.change.after // {}) as $a
| ($rc.module_address | module_path) as $mod

# level: resource tag, else nearest tagged module call
| ( if ($a.tags | type) == "object" and ($a.tags.data_sensitivity | type) == "string" then $a.tags.data_sensitivity
    elif ($a.tags_all | type) == "object" and ($a.tags_all.data_sensitivity | type) == "string" then $a.tags_all.data_sensitivity
    elif ($a.labels | type) == "object" and ($a.labels.data_sensitivity | type) == "string" then $a.labels.data_sensitivity
    elif $mod == "" then null
    else ($mod | split(".")) as $parts
      | first( range(($parts | length) / 2; 0; -1) as $i
               | $module_levels[$parts[0:2 * $i] | join(".")] // empty ) // null
    end
  | if type == "string" then ascii_downcase else . end ) as $level
| select($level != null and sensitive_levels[$level])
| select($rc.type | is_global_type | not)

# region: planned attribute, else zone, else provider configuration constant
| ( if ($a.region | nonempty_string) then $a.region | normalize
    elif ($a.location | nonempty_string) then $a.location | normalize
    elif ($a.availability_zone | nonempty_string) then $a.availability_zone | zone_region
    elif ($a.zone | nonempty_string) then $a.zone | zone_region
    elif ($a.subregion_name | nonempty_string) then $a.subregion_name | zone_region
    else
      ( (if $mod == "" then "" else $mod + "." end) + $rc.type + "." + $rc.name ) as $caddr
      | $config_keys[$caddr] as $key
      | if $key == null then null
        else ($providers[$key] // $providers[$mod + ":" + $key]) as $pc
          | ($pc.expressions.region.constant_value // null)
          | if type == "string" then normalize else null end
        end
    end ) as $region
| select($region != null and $region != "global")

| ($rc.provider_name | split("/") | last) as $ptype
| select(if $eu[$ptype] then $eu[$ptype][$region] | not else $all_eu[$region] | not end)
| "\($rc.address): \($level) data in non-EU region \($region)"
