// Package catalog is trustcloud's knowledge base: cloud operators, their
// offers and SecNumCloud status, their regions, and how each Terraform
// provider expresses where a resource lives. Both the Terraform provider and
// the plan analyzer read it; it has no Terraform framework dependency.
package catalog

import "strings"

// SchemaVersion is the version of the catalog document format that this
// package reads. A document with another major version is refused.
const SchemaVersion = "1"

// Status is the SecNumCloud qualification status of an offer.
type Status string

// SecNumCloud statuses. J0–J2 are the ANSSI milestones before the
// qualification decision (J3, reported as qualified); InProgress means the
// process is under way at an unpublished milestone.
const (
	StatusQualified  Status = "qualified"
	StatusJ0         Status = "J0"
	StatusJ1         Status = "J1"
	StatusJ2         Status = "J2"
	StatusInProgress Status = "in_progress"
	// StatusUnknown says the catalog does not know: never a claim of
	// progress or of its absence.
	StatusUnknown Status = "unknown"
	StatusNone    Status = "none"
)

// Statuses lists every valid Status, in milestone order.
var Statuses = []Status{StatusQualified, StatusJ0, StatusJ1, StatusJ2, StatusInProgress, StatusUnknown, StatusNone}

// Pending reports whether the status is a qualification under way (J0–J2 or
// in progress).
func (s Status) Pending() bool {
	switch s {
	case StatusJ0, StatusJ1, StatusJ2, StatusInProgress:
		return true
	}
	return false
}

// Region kinds.
const (
	KindRegion      = "region"
	KindMultiRegion = "multi_region"
)

// Document is the catalog as written in JSON: the embedded default, or a user
// file that adds or overrides entries.
type Document struct {
	SchemaVersion string `json:"schema_version"`
	Version       string `json:"version,omitempty"`
	AsOf          string `json:"as_of,omitempty"`
	// AnssiEdition is the date of the edition of ANSSI's catalogue of
	// qualified services the statuses reflect.
	AnssiEdition string     `json:"anssi_edition,omitempty"`
	Notes        string     `json:"notes,omitempty"`
	Sources      []Source   `json:"sources,omitempty"`
	Areas        []Area     `json:"areas,omitempty"`
	Operators    []Operator `json:"operators,omitempty"`
	Offers       []Offer    `json:"offers,omitempty"`
	Regions      []Region   `json:"regions,omitempty"`
	Providers    []Provider `json:"terraform_providers,omitempty"`
	// TypeScopes and DataFlows extend or override, type by type, the
	// tables generated from the providers' metadata (types.tsv and
	// dataflows.tsv): where resources of a type live, and through which
	// attributes their data goes elsewhere.
	TypeScopes []TypeScope `json:"type_scopes,omitempty"`
	DataFlows  []DataFlow  `json:"data_flows,omitempty"`
}

// Source is a document a fact was taken from.
type Source struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
	// Date is the publication or consultation date (YYYY, YYYY-MM or
	// YYYY-MM-DD), empty when the source carries none.
	Date  string `json:"date,omitempty"`
	Notes string `json:"notes,omitempty"`
}

// Area is a named group of countries, such as the EU or the EEA.
type Area struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Countries []string `json:"countries"`
	SourceIDs []string `json:"source_ids"`
	Notes     string   `json:"notes,omitempty"`
}

// Operator is a legal entity that runs a cloud: the company whose
// jurisdiction applies to the data, not the brand it sells under. One brand
// may have several operators (OVH SAS in France and OVH US LLC in the United
// States); Brand groups them.
type Operator struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Brand is a label shared by the operators (legal entities) that sell
	// under one brand, such as "ovhcloud" for OVH SAS and OVH US LLC. It
	// lets a resolver that met a region code of another entity of the same
	// brand (a US region in a configuration the catalog attributed to the
	// French entity) move the resource to that entity. It need not be the
	// id of an operator; operators without a brand stand alone.
	Brand              string `json:"brand,omitempty"`
	LegalName          string `json:"legal_name,omitempty"`
	Country            string `json:"country"`
	ParentJurisdiction string `json:"parent_jurisdiction,omitempty"`
	// ExtraterritorialExposure is nil when the ownership chain is not known.
	ExtraterritorialExposure *bool    `json:"extraterritorial_exposure"`
	ExtraterritorialLaws     []string `json:"extraterritorial_laws,omitempty"`
	HybridTechnology         string   `json:"hybrid_technology,omitempty"`
	// GlobalScope is the region where the operator runs its global and
	// project-level services, when it runs them in one region only (S3NS:
	// its French region). Empty: worldwide, as for AWS, Azure and Google,
	// whose global services are served from anywhere.
	GlobalScope string   `json:"global_scope,omitempty"`
	SourceIDs   []string `json:"source_ids"`
	Unverified  bool     `json:"unverified,omitempty"`
	Notes       string   `json:"notes,omitempty"`
}

// Offer is a commercial cloud offer and its SecNumCloud status.
type Offer struct {
	ID       string `json:"id"`
	Operator string `json:"operator"`
	Name     string `json:"name"`
	// Model is one or more of IaaS, CaaS, PaaS, SaaS joined by "/".
	Model       string `json:"model,omitempty"`
	Status      Status `json:"status"`
	Version     string `json:"version,omitempty"`
	QualifiedOn string `json:"qualified_on,omitempty"`
	ExpiresOn   string `json:"expires_on,omitempty"`
	// Decision is the ANSSI decision (certificate) number of the
	// qualification.
	Decision string `json:"decision,omitempty"`
	// Edition is the date (YYYY-MM-DD) of the edition of ANSSI's catalogue
	// of qualified services the status was read from.
	Edition string `json:"anssi_edition,omitempty"`
	// Perimeter is the service perimeter ANSSI names, when it names one.
	Perimeter string `json:"perimeter,omitempty"`
	// ResourceTypes, when the perimeter is narrower than the operator's
	// services (IaaS only, say), are the Terraform resource types the
	// qualification covers: globs, the last that matches deciding, one
	// starting with "!" excluding. A type no glob admits is outside the
	// perimeter: the offer does not cover it, whatever its region. Empty:
	// every type of the operator in the offer's regions.
	ResourceTypes []string `json:"resource_types,omitempty"`
	// Milestones maps J0, J1, J2 to the date each was reached.
	Milestones map[string]string `json:"milestones,omitempty"`
	// Regions are region codes of RegionsOf (the offer's operator when
	// empty) that the offer covers.
	Regions          []string `json:"regions"`
	RegionsOf        string   `json:"regions_of,omitempty"`
	HybridTechnology string   `json:"hybrid_technology,omitempty"`
	// Replaces lists the ids of offers of an earlier catalog that this
	// offer replaces: renamed, split into several offers, or attributed to
	// another operator. A catalog comparison follows them; no offer of
	// this catalog may have one of these ids.
	Replaces  []string `json:"replaces,omitempty"`
	SourceIDs []string `json:"source_ids"`
	// Unverified: the status rests only on an unverified or secondary
	// source. A qualified, unverified offer is "unconfirmed" (see
	// Catalog.Standing) and never satisfies a requirement.
	Unverified bool   `json:"unverified,omitempty"`
	Notes      string `json:"notes,omitempty"`
}

// RegionOperator is the operator whose region table the offer's regions
// refer to.
func (o *Offer) RegionOperator() string {
	if o.RegionsOf != "" {
		return o.RegionsOf
	}
	return o.Operator
}

// Region is a place where an operator runs resources: a region, or a
// multi-region spanning several countries.
type Region struct {
	Operator    string   `json:"operator"`
	Code        string   `json:"code"`
	Kind        string   `json:"kind,omitempty"`
	DisplayName string   `json:"display_name,omitempty"`
	Aliases     []string `json:"aliases,omitempty"`
	City        string   `json:"city,omitempty"`
	// Country is the ISO 3166-1 alpha-2 code of a region; empty for a
	// multi-region, which lists Countries instead.
	Country   string   `json:"country,omitempty"`
	Countries []string `json:"countries,omitempty"`
	Zones     []string `json:"zones,omitempty"`
	// PairedRegion is the region the operator pairs this one with for
	// geo-redundant copies (Azure's region pairs); set from the providers'
	// metadata (region-pairs.tsv) unless the catalog gives it.
	PairedRegion string   `json:"paired_region,omitempty"`
	SourceIDs    []string `json:"source_ids"`
	Unverified   bool     `json:"unverified,omitempty"`
	Notes        string   `json:"notes,omitempty"`
}

// IsMulti reports whether the region is a multi-region.
func (r *Region) IsMulti() bool { return r.Kind == KindMultiRegion }

// Provider says how a Terraform provider source maps to operators and where
// its configurations and resources write their location.
type Provider struct {
	// Source is the provider source address without host, e.g.
	// "hashicorp/aws".
	Source string `json:"source"`
	// Operators are tried in order; the first whose condition holds (or
	// that has none) is the operator. No match means no catalog operator.
	Operators []OperatorRule `json:"operators,omitempty"`
	// NotLocated marks providers whose resources have no location at all
	// (random, null, tls, time …).
	NotLocated bool `json:"not_located,omitempty"`
	// ProviderAttributes are the provider-block attributes that carry the
	// default location, in order of precedence.
	ProviderAttributes []Attribute `json:"provider_attributes,omitempty"`
	// ResourceAttributes are the resource attributes that carry a location,
	// in order of precedence.
	ResourceAttributes []Attribute `json:"resource_attributes,omitempty"`
	// ParentAttributes name the attributes through which a resource that
	// has no location of its own refers to the resource containing it
	// (bucket, vpc_id, virtual_network_name …): it is where its parent is.
	ParentAttributes []string `json:"parent_attributes,omitempty"`
	// ZoneRules rewrite a zone (or a path such as projects/p/zones/z) into
	// the code of a region; they are applied in order until a known region
	// is found.
	ZoneRules []Rewrite `json:"zone_rules,omitempty"`
	// GlobalValues are location values that mean "not in one region", such
	// as Azure's and Google's "global".
	GlobalValues []string `json:"global_values,omitempty"`
	// NonRegionalTypes are resource type globs of services that have no
	// region (IAM, DNS, CDN …). A glob starting with "!" excludes.
	NonRegionalTypes []string `json:"non_regional_types,omitempty"`
	// Redirects are provider arguments that can send the provider's API
	// calls somewhere its location arguments do not say: endpoint
	// overrides, profiles and configuration files, API environments.
	// When one is set to a value the catalog does not know, the location
	// cannot be verified from the plan.
	Redirects []Redirect `json:"redirect_attributes,omitempty"`
	// TypePrefixes are the prefixes of the resource types the provider
	// serves; empty means its type name followed by "_" (aws_ for
	// hashicorp/aws). A resource of another type under this source is a
	// renamed or forked provider, not the one the catalog describes.
	TypePrefixes []string `json:"type_prefixes,omitempty"`
	// RegionalAPI is set when the provider's region picks a regional API
	// endpoint (AWS, Outscale, OpenStack …): a resource's zone must then
	// be in that region (or in the resource's own region, where it can
	// set one); a zone of another region is a conflict, not a location.
	RegionalAPI bool `json:"regional_api,omitempty"`
	// DefaultRegion is the region every resource of this provider is in
	// when the provider cannot express a location at all.
	DefaultRegion string   `json:"default_region,omitempty"`
	SourceIDs     []string `json:"source_ids"`
	Unverified    bool     `json:"unverified,omitempty"`
	Notes         string   `json:"notes,omitempty"`
}

// OperatorRule picks an operator for a provider configuration.
type OperatorRule struct {
	Operator string     `json:"operator"`
	When     *Condition `json:"when,omitempty"`
}

// Condition tests one attribute of the provider configuration.
type Condition struct {
	Attribute string `json:"attribute"`
	Equals    string `json:"equals,omitempty"`
	// Matches is a regular expression (RE2) the value must match.
	Matches string `json:"matches,omitempty"`
}

// Attribute names a location-bearing attribute.
type Attribute struct {
	// Path is a dotted attribute path; "[]" after a name means every
	// element of a list or set ("nodes[].region", "api.region").
	Path string `json:"path"`
	// Pattern, if set, is a regular expression whose first group is the
	// location within the value (e.g. the region inside an endpoint URL).
	Pattern string `json:"pattern,omitempty"`
	// Types restricts the attribute to resource type globs; a glob
	// starting with "!" excludes, and the last glob that matches decides
	// (AppliesTo).
	Types []string `json:"types,omitempty"`
	// Role is "location" (default) or "replica" for replication and backup
	// destinations. On a provider attribute, "endpoint" marks an API host
	// (Pattern extracts its region): the host decides where calls go, so
	// it must agree with the region arguments.
	Role string `json:"role,omitempty"`
}

// Attribute roles.
const (
	RoleLocation = "location"
	RoleReplica  = "replica"
	RoleEndpoint = "endpoint"
)

// Redirect is a provider argument that can send API calls elsewhere.
type Redirect struct {
	// Path is a top-level argument or block name of the provider
	// configuration; a glob ("*_custom_endpoint") matches several.
	Path string `json:"path"`
	// Block marks a nested block (endpoints {}): any argument in it
	// redirects, and plan JSON cannot show a dynamic one.
	Block bool `json:"block,omitempty"`
	// Known are values that send the calls nowhere unexpected (the
	// provider's default, or a value an operator rule recognises).
	Known []string `json:"known_values,omitempty"`
	Notes string   `json:"notes,omitempty"`
}

// Rewrite is a regular-expression rewrite of a location value.
type Rewrite struct {
	Match   string `json:"match"`
	Replace string `json:"replace"`
	Notes   string `json:"notes,omitempty"`
}

// Serves reports whether a resource type is one of the provider's.
func (p *Provider) Serves(resourceType string) bool {
	prefixes := p.TypePrefixes
	if len(prefixes) == 0 {
		typ := p.Source[strings.LastIndex(p.Source, "/")+1:]
		prefixes = []string{strings.ToLower(typ) + "_"}
	}
	for _, pre := range prefixes {
		if strings.HasPrefix(resourceType, pre) {
			return true
		}
	}
	return false
}
