// Package inventory builds trustcloud's inventory from a decoded plan
// (package planfile), the configuration's sources (package tfconfig) and
// the catalog: every resource with its operator, its resolved location,
// its data locations and its sensitivity level, each with the evidence
// that led there. It reads no bytes itself.
package inventory

import (
	"bytes"
	"encoding/json"

	"github.com/trustcloud/trustcloud/internal/i18n"

	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/policy"
)

// FormatVersion is the version of the inventory JSON format.
const FormatVersion = "1"

// Location statuses.
const (
	StatusKnown         = "known"
	StatusUnknown       = "unknown"
	StatusGlobal        = "global"
	StatusMultiRegion   = "multi_region"
	StatusNotApplicable = "not_applicable"
)

// Inventory is every resource of a plan, attributed.
type Inventory struct {
	FormatVersion string      `json:"format_version"`
	Catalog       CatalogRef  `json:"catalog"`
	Plan          PlanRef     `json:"plan"`
	Resources     []*Resource `json:"resources"`
	Summary       *Summary    `json:"summary,omitempty"`
	Policy        *PolicyRef  `json:"policy,omitempty"`
	// Evaluation says whether configuration values were evaluated from
	// the sources or read from plan JSON alone.
	Evaluation *Evaluation `json:"evaluation,omitempty"`
}

// CatalogRef identifies the catalog an inventory was built with.
type CatalogRef struct {
	AsOf    string `json:"as_of"`
	Version string `json:"version,omitempty"`
	// AnssiEdition is the edition of ANSSI's catalogue of qualified
	// services the catalog's statuses reflect.
	AnssiEdition string `json:"anssi_edition,omitempty"`
	// Files are the user catalog files merged over the embedded catalog
	// (--catalog): what they say changes verdicts, so reports name them.
	Files []string `json:"files,omitempty"`
}

// PolicyRef identifies the policy an inventory was classified with.
type PolicyRef struct {
	Profile string `json:"profile,omitempty"`
	File    string `json:"file,omitempty"`
	// Source says how the policy was chosen: "flag" (--policy), "env"
	// (TRUSTCLOUD_POLICY), "discovered" (trustcloud.hcl in the
	// configuration directory) or "builtin" (the profile alone).
	Source string `json:"source,omitempty"`
	// SHA256 is the hex SHA-256 of the policy file's content.
	SHA256 string `json:"sha256,omitempty"`
	// Relaxations are what the file relaxes relative to its profile.
	Relaxations []policy.Relaxation `json:"relaxations,omitempty"`
}

// PlanRef describes the plan read.
type PlanRef struct {
	File             string `json:"file,omitempty"`
	FormatVersion    string `json:"format_version"`
	TerraformVersion string `json:"terraform_version,omitempty"`
}

// Summary counts the inventory's resources by location status.
type Summary struct {
	Resources int            `json:"resources"`
	ByStatus  map[string]int `json:"by_status"`
	// UnknownOperator counts located resources whose provider
	// configuration matches no catalog operator.
	UnknownOperator int `json:"unknown_operator"`
}

// Resource is one resource (or data source) instance of the plan.
type Resource struct {
	Address string   `json:"address"`
	Module  string   `json:"module"`
	Type    string   `json:"type"`
	Name    string   `json:"-"`
	Mode    string   `json:"mode"`
	Actions []string `json:"actions"`
	// Importing is set when the change imports an existing object
	// (`import` blocks, Terraform 1.5+): Actions may then be a no-op, yet
	// the object is new to the configuration.
	Importing bool `json:"importing,omitempty"`
	// Provider is the provider source address as the plan wrote it,
	// normalised to its full form when the plan used a legacy short name.
	Provider string `json:"provider"`
	// ProviderConfig is the key of the provider configuration used.
	ProviderConfig string `json:"provider_config,omitempty"`
	// Operator is the catalog operator id, nil when none matches.
	Operator *string  `json:"operator"`
	Location Location `json:"location"`
	// DataLocations are where the resource's data also goes: replicas,
	// backups, failovers, storage policies, every value of a location
	// list, destinations it refers to (Location.Flow and Attribute say
	// which).
	DataLocations []Location `json:"data_locations,omitempty"`
	// DataOf, for a resource with data locations that is part of another
	// (a bucket's replication configuration, a server's failover group),
	// is the address of that resource: the data its flows carry is that
	// resource's, judged at the stricter of the two levels.
	DataOf      string      `json:"data_of,omitempty"`
	Offer       *OfferRef   `json:"offer"`
	Sensitivity Sensitivity `json:"sensitivity"`

	// previous is the address the resource had before a moved block
	// renamed it (or its module), "" when it did not move.
	previous string
	// before and after are the change's values, kept for resolution.
	after, before planfile.Attrs
	afterUnknown  planfile.Attrs
	config        *configResource
	// stateKey is the provider configuration key a state records
	// (planfile.State.ProviderKeys), "" for a plan.
	stateKey string
}

// DeleteOnly reports whether the resource is only being deleted.
func (r *Resource) DeleteOnly() bool {
	return len(r.Actions) == 1 && r.Actions[0] == "delete"
}

// Creates reports whether the plan creates the resource: a create, or the
// create half of a replacement.
func (r *Resource) Creates() bool {
	for _, a := range r.Actions {
		if a == "create" {
			return true
		}
	}
	return false
}

// Replaces reports whether the plan replaces the resource (delete then
// create, or create then delete).
func (r *Resource) Replaces() bool { return len(r.Actions) == 2 && r.Creates() }

// Managed reports whether the resource is a managed resource (not data).
func (r *Resource) Managed() bool { return r.Mode == "managed" }

// Location is where a resource lives and why trustcloud thinks so.
type Location struct {
	Status string `json:"status"`
	// Region is the region code (catalog spelling when known), or the
	// multi-region code.
	Region string `json:"region,omitempty"`
	// Zone is the zone the plan named, when it named one.
	Zone string `json:"zone,omitempty"`
	// Country is nil when the catalog cannot place the region.
	Country   *string  `json:"country"`
	Countries []string `json:"countries,omitempty"`
	// EU is nil when the catalog cannot place the region.
	EU *bool `json:"eu"`
	// InCatalog is false when the region code is not in the catalog.
	InCatalog bool `json:"in_catalog"`
	// Attribute names the resource attribute a data location comes from,
	// Flow what the flow does (replica, backup …): data locations only.
	Attribute string `json:"attribute,omitempty"`
	Flow      string `json:"flow,omitempty"`
	// Evidence, Reason and Unverified are messages, rendered in the
	// language of the report that shows them (English in JSON).
	Evidence []i18n.Msg `json:"evidence"`
	// Reason explains an unknown location.
	Reason i18n.Msg `json:"reason,omitempty"`
	// Unverified, when set, says why the location (or the operator it
	// was placed for) is only inferred: it was read through an expression
	// trustcloud did not evaluate. It may fail a requirement, never
	// satisfy one.
	Unverified i18n.Msg `json:"unverified,omitempty"`
}

// MarshalJSON writes region as null, not absent, when there is none: the
// inventory's consumers read location.region without guarding.
func (l Location) MarshalJSON() ([]byte, error) {
	type plain Location
	out := struct {
		plain
		Evidence   []string `json:"evidence"`
		Reason     string   `json:"reason,omitempty"`
		Unverified string   `json:"unverified,omitempty"`
		Region     *string  `json:"region"`
	}{plain: plain(l), Evidence: English(l.Evidence), Reason: l.Reason.String(), Unverified: l.Unverified.String()}
	if l.Region != "" {
		out.Region = &l.Region
	}
	return json.Marshal(out)
}

// OfferRef is the catalog offer covering a resource's region.
type OfferRef struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"`
	// Standing is what the status means on the catalog's clock:
	// qualified, unconfirmed, expired, pending, unknown or none.
	Standing    string `json:"standing"`
	QualifiedOn string `json:"qualified_on,omitempty"`
	ExpiresOn   string `json:"expires_on,omitempty"`
	Decision    string `json:"decision,omitempty"`
}

// Sensitivity is a resource's level and why.
type Sensitivity struct {
	Level    string     `json:"level"`
	Evidence []i18n.Msg `json:"evidence"`
	// Unclassified says why classification signals of the resource could
	// not be read: each judged it at the policy's unclassified level
	// (TC012).
	Unclassified []i18n.Msg `json:"unclassified,omitempty"`
}

// MarshalJSON writes the evidence in English, as strings. HTML characters
// are left as they are: the encoder that calls it escapes them if it does.
func (s Sensitivity) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(struct {
		Level        string   `json:"level"`
		Evidence     []string `json:"evidence"`
		Unclassified []string `json:"unclassified,omitempty"`
	}{s.Level, English(s.Evidence), English(s.Unclassified)})
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), err
}

// UnmarshalJSON reads a location as MarshalJSON writes it: the evidence
// becomes texts, as written.
func (l *Location) UnmarshalJSON(data []byte) error {
	type plain Location
	var in struct {
		plain
		Evidence   []string `json:"evidence"`
		Reason     string   `json:"reason"`
		Unverified string   `json:"unverified"`
		Region     *string  `json:"region"`
	}
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	*l = Location(in.plain)
	l.Evidence, l.Reason, l.Unverified = Texts(in.Evidence), Text(in.Reason), Text(in.Unverified)
	if in.Region != nil {
		l.Region = *in.Region
	}
	return nil
}

// UnmarshalJSON reads a sensitivity as MarshalJSON writes it.
func (s *Sensitivity) UnmarshalJSON(data []byte) error {
	var in struct {
		Level        string   `json:"level"`
		Evidence     []string `json:"evidence"`
		Unclassified []string `json:"unclassified"`
	}
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	*s = Sensitivity{Level: in.Level, Evidence: Texts(in.Evidence), Unclassified: Texts(in.Unclassified)}
	return nil
}

// Text is evidence as it was written, the same in every language: read
// back from a JSON report, or worded by the sources' evaluator. "" is no
// message.
func Text(s string) i18n.Msg {
	if s == "" {
		return i18n.Msg{}
	}
	return i18n.M("ev.text", s)
}

// Texts is Text of each string; nil stays nil.
func Texts(ss []string) []i18n.Msg {
	if ss == nil {
		return nil
	}
	out := make([]i18n.Msg, len(ss))
	for i, s := range ss {
		out[i] = i18n.M("ev.text", s)
	}
	return out
}

// English renders messages in English, as the inventory's JSON writes
// them; nil stays nil.
func English(ms []i18n.Msg) []string {
	if ms == nil {
		return nil
	}
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.String()
	}
	return out
}
