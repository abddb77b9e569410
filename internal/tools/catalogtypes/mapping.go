package main

// The tables below map every raw value the metadata uses to the catalog's
// vocabulary. A value missing here is a generator error, never a silent
// pass-through: a new upstream value has to be read and decided.

// format is the column layout of one provider's metadata.
type format int

const (
	formatAWS format = iota
	formatGoogle
	formatAzureRM
	formatAzureAD
	formatEU
)

// folder is one provider folder of the metadata.
type folder struct {
	format format
	// sources are the provider source addresses of the folder's rows; for
	// Google, the first one (hashicorp/google) only gets the rows whose
	// versions include ga.
	sources []string
}

const (
	sourceGoogle     = "hashicorp/google"
	sourceGoogleBeta = "hashicorp/google-beta"
	sourceAzureRM    = "hashicorp/azurerm"
	sourceAzureAD    = "hashicorp/azuread"
)

// folders maps every metadata folder to its format and provider sources.
var folders = map[string]folder{
	"aws":         {formatAWS, []string{"hashicorp/aws"}},
	"google":      {formatGoogle, []string{sourceGoogle, sourceGoogleBeta}},
	"azurerm":     {formatAzureRM, []string{sourceAzureRM}},
	"scaleway":    {formatEU, []string{"scaleway/scaleway"}},
	"outscale":    {formatEU, []string{"outscale/outscale"}},
	"ovh":         {formatEU, []string{"ovh/ovh"}},
	"openstack":   {formatEU, []string{"terraform-provider-openstack/openstack"}},
	"numspot":     {formatEU, []string{"numspot/numspot"}},
	"cloudtemple": {formatEU, []string{"Cloud-Temple/cloudtemple"}},
	"exoscale":    {formatEU, []string{"exoscale/exoscale"}},
	"stackit":     {formatEU, []string{"stackitcloud/stackit"}},
	"ionoscloud":  {formatEU, []string{"ionos-cloud/ionoscloud"}},
	"hcloud":      {formatEU, []string{"hetznercloud/hcloud"}},
}

// scope is a normalised scope, with the literal location the raw scope
// implies when it pins one.
type scope struct {
	name     string
	location string
}

// scopes maps each format's raw scope values. The table is per format so
// that a value one provider uses cannot slip unread into another's rows.
var scopes = map[format]map[string]scope{
	formatAWS: {
		"global":   {name: "global"},
		"regional": {name: "regional"},
		"parent":   {name: "parent"},
		// The provider sends every call of these services to us-east-1
		// (endpoint_region_overrides), whatever the provider's region: the
		// service is global and its control plane sits in us-east-1.
		"us-east-1-pinned": {name: "global", location: "us-east-1"},
	},
	formatGoogle: {
		"global":   {name: "global"},
		"regional": {name: "regional"},
		"zonal":    {name: "zonal"},
		"location": {name: "location"},
		"project":  {name: "project"},
		"parent":   {name: "parent"},
	},
	formatAzureRM: {
		"global":   {name: "global"},
		"regional": {name: "regional"},
		"parent":   {name: "parent"},
		// Data sources that compute a value locally (SAS builders, templates).
		"not_applicable": {name: "none"},
	},
	formatAzureAD: {
		"global": {name: "global"},
	},
	formatEU: {
		"global":   {name: "global"},
		"regional": {name: "regional"},
		"zonal":    {name: "zonal"},
		"parent":   {name: "parent"},
		"provider": {name: "provider"},
	},
}

// awsRegionAttr says whether an AWS type has the region argument.
var awsRegionAttr = map[string]bool{
	"yes":    true,
	"legacy": true,
	"no":     false,
}

// googleVersions are the provider versions a Google row may name.
var googleVersions = map[string]bool{"ga": true, "beta": true}

// flows maps every raw dataflow kind to the catalog's.
var flows = map[string]string{
	"replica":     "replica",
	"replication": "replica",
	"copy":        "replica",

	"backup":     "backup",
	"geo_backup": "backup",

	"failover": "failover",

	"secondary":          "secondary",
	"secondary_location": "secondary",

	"storage_policy": "storage_policy",

	"multi_region_list":   "multi_location",
	"multi_location_list": "multi_location",
	"multi-location":      "multi_location",

	"paired_region": "paired_region",

	"auto_global": "automatic",

	"destination":      "destination",
	"log_destination":  "destination",
	"log-export":       "destination",
	"export":           "destination",
	"telemetry-export": "destination",
	"event-push":       "destination",
	"message-push":     "destination",

	"copy-in":      "inbound",
	"import":       "inbound",
	"origin":       "inbound",
	"event-source": "inbound",
	"restore":      "inbound",
	"log-ingest":   "inbound",

	"network-interconnect": "link",
	"service-link":         "link",
	"network-move":         "link",
	"traffic-mirror":       "link",
}

// values maps every raw kind of dataflow value to the catalog's.
var values = map[string]string{
	"region":             "region",
	"region_code":        "region",
	"zone":               "zone",
	"zone_code":          "zone",
	"location":           "location",
	"multi_region":       "multi_region",
	"arn":                "arn",
	"resource_reference": "reference",
	"resource_id":        "reference",
	"bucket":             "bucket",
	"bucket_name":        "bucket",
	"enum":               "enum",
	"bool":               "bool",
	"config":             "config",
	"account_id":         "account",
	"url_or_host":        "url",
}
