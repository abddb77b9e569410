// Package rules evaluates an inventory against a policy and the catalog
// into findings with stable rule ids (TC001–TC008).
package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/plan"
	"github.com/trustcloud/trustcloud/internal/policy"
)

// Rule describes one rule.
type Rule struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Summary says when the rule fires.
	Summary string `json:"summary"`
}

// Rules lists every rule, by id.
var Rules = []Rule{
	{"TC001", "non-eu-region", "The resource's location is outside the area its sensitivity level allows (EU/EEA by default, a list of countries if the level sets one)."},
	{"TC002", "not-qualified", "The level requires SecNumCloud and no qualified (or pending) offer of the resource's operator covers its region; an operator missing from the catalog counts as not qualified."},
	{"TC003", "unknown-location", "The level requires a location and the plan does not tell it, or tells a region code the catalog cannot place in a country."},
	{"TC004", "global-service", "A non-regional service (IAM, DNS, CDN …) is used at a level that requires a known location."},
	{"TC005", "extraterritorial-exposure", "The level does not allow extraterritorial exposure (without requiring SecNumCloud) and the operator is subject to non-EU extraterritorial law."},
	{"TC006", "cross-border-replication", "A replica, backup or secondary location of the resource is outside the allowed area."},
	{"TC007", "waiver-expired", "A waiver matched a finding but its expiry date has passed; the finding it covered is reported too."},
	{"TC008", "qualification-pending", "The level requires SecNumCloud and the operator's offer for the region is only at J0–J2 or in progress."},
}

// RuleByID returns the rule with that id.
func RuleByID(id string) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// Finding is one violation of the policy by one resource.
type Finding struct {
	Rule     string          `json:"rule"`
	Name     string          `json:"name"`
	Severity policy.Severity `json:"severity"`
	Address  string          `json:"address"`
	Module   string          `json:"module"`
	Type     string          `json:"type"`
	Message  string          `json:"message"`
	// Remediation says what to do.
	Remediation string           `json:"remediation"`
	Operator    *string          `json:"operator"`
	Location    plan.Location    `json:"location"`
	Sensitivity plan.Sensitivity `json:"sensitivity"`
	Waived      bool             `json:"waived"`
	Waiver      *WaiverRef       `json:"waiver"`
	resource    *plan.Resource   `json:"-"`
}

// WaiverRef is the waiver that covers (or covered) a finding.
type WaiverRef struct {
	ID         string `json:"id"`
	Reason     string `json:"reason"`
	Expires    string `json:"expires"`
	ApprovedBy string `json:"approved_by"`
	Expired    bool   `json:"expired"`
}

// Evaluator evaluates inventories.
type Evaluator struct {
	Catalog *catalog.Catalog
	Policy  *policy.Policy
	// Now decides whether waivers have expired; time.Now when nil.
	Now func() time.Time
	// alternatives caches qualifiedIn by country list.
	alternatives map[string]string
}

// Evaluate returns the findings of an inventory, sorted by address then
// rule id.
func (e *Evaluator) Evaluate(inv *plan.Inventory) []*Finding {
	now := time.Now
	if e.Now != nil {
		now = e.Now
	}
	var out []*Finding
	for _, r := range inv.Resources {
		if !r.Managed() || r.DeleteOnly() {
			continue
		}
		level := e.Policy.Level(r.Sensitivity.Level)
		if level == nil || !level.HasRequirements() {
			continue
		}
		for _, f := range e.check(r, level) {
			out = append(out, e.waive(f, level, now())...)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Address != out[j].Address {
			return out[i].Address < out[j].Address
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}

func (e *Evaluator) newFinding(r *plan.Resource, level *policy.Level, rule, msg, remediation string) *Finding {
	meta, _ := RuleByID(rule)
	return &Finding{Rule: rule, Name: meta.Name, Severity: e.Policy.Severity(level.Name, rule), Address: r.Address, Module: r.Module, Type: r.Type,
		Message: msg, Remediation: remediation, Operator: r.Operator, Location: r.Location, Sensitivity: r.Sensitivity, resource: r}
}

// requiresLocation reports whether a level asks anything of a location.
func requiresLocation(l *policy.Level) bool {
	return l.AllowedArea != policy.AreaAny || len(l.AllowedCountries) > 0 || l.RequireSecNumCloud || l.RequireKnownLocation || !l.AllowExtraterritorial
}

func (e *Evaluator) check(r *plan.Resource, level *policy.Level) []*Finding {
	var fs []*Finding
	loc := r.Location
	lv := fmt.Sprintf("at level %s", level.Name)
	switch loc.Status {
	case plan.StatusNotApplicable:
		return nil
	case plan.StatusUnknown:
		if requiresLocation(level) {
			// Policy.Severity gives TC003 severity low at a level whose
			// unknown_location is "warn", unless the level's rule_severity
			// says otherwise.
			fs = append(fs, e.newFinding(r, level, "TC003", fmt.Sprintf("the location of %s is unknown (%s); %s it must be known", r.Address, loc.Reason, lv),
				"Set the region explicitly in the provider configuration or on the resource, with a value known at plan time, so that the plan records it."))
		}
		return fs
	case plan.StatusGlobal:
		if level.RequireKnownLocation {
			fs = append(fs, e.newFinding(r, level, "TC004", fmt.Sprintf("%s is a non-regional (global) service; %s data must stay in a known region", r.Type, lv),
				"Keep data of this level out of global services, or classify the resource at a level that allows them (module rule or tag)."))
		}
		return fs
	}
	// known or multi_region
	countries := loc.Countries
	if loc.Country != nil {
		countries = []string{*loc.Country}
	}
	if len(countries) == 0 {
		if requiresLocation(level) {
			fs = append(fs, e.newFinding(r, level, "TC003", fmt.Sprintf("region %q of %s is not in the catalog: its country is unknown; %s the location must be known", loc.Region, r.Address, lv),
				"Check the region code, or add the region to a catalog file (--catalog) with its country and sources."))
		}
		return fs
	}
	if outside := e.outside(level, countries); len(outside) > 0 {
		fs = append(fs, e.newFinding(r, level, "TC001",
			fmt.Sprintf("%s is in %s (%s), outside the area allowed %s (%s)", r.Address, loc.Region, strings.Join(outside, ", "), lv, e.areaText(level)),
			e.remediationArea(level, r)))
	}
	if level.RequireSecNumCloud {
		fs = append(fs, e.qualification(r, level, countries)...)
	} else if !level.AllowExtraterritorial {
		if f := e.exposure(r, level); f != nil {
			fs = append(fs, f)
		}
	}
	for _, rep := range r.Replicas {
		repCountries := rep.Countries
		if rep.Country != nil {
			repCountries = []string{*rep.Country}
		}
		if len(repCountries) == 0 {
			continue
		}
		if outside := e.outside(level, repCountries); len(outside) > 0 {
			fs = append(fs, e.newFinding(r, level, "TC006",
				fmt.Sprintf("%s replicates to %s (%s, from %s), outside the area allowed %s (%s)", r.Address, rep.Region, strings.Join(outside, ", "), rep.Attribute, lv, e.areaText(level)),
				"Keep replicas, backups and secondary locations inside the allowed area, or remove the replication."))
		}
	}
	return fs
}

// outside returns the countries not allowed by the level.
func (e *Evaluator) outside(level *policy.Level, countries []string) []string {
	var out []string
	for _, c := range countries {
		if !e.allowed(level, c) {
			out = append(out, c)
		}
	}
	return out
}

func (e *Evaluator) allowed(level *policy.Level, country string) bool {
	if len(level.AllowedCountries) > 0 {
		return slices.Contains(level.AllowedCountries, country)
	}
	switch level.AllowedArea {
	case policy.AreaEU:
		return e.Catalog.InEU(country)
	case policy.AreaEEA:
		return e.Catalog.InEEA(country)
	}
	return true
}

func (e *Evaluator) areaText(level *policy.Level) string {
	if len(level.AllowedCountries) > 0 {
		return strings.Join(level.AllowedCountries, ", ")
	}
	return level.AllowedArea
}

func (e *Evaluator) remediationArea(level *policy.Level, r *plan.Resource) string {
	return fmt.Sprintf("Deploy %s in a region located in %s.", r.Address, e.areaText(level))
}

// qualification implements TC002 and TC008.
func (e *Evaluator) qualification(r *plan.Resource, level *policy.Level, countries []string) []*Finding {
	lv := fmt.Sprintf("level %s", level.Name)
	alternatives := e.qualifiedIn(countries)
	remediation := "Move the resource to a SecNumCloud-qualified offer"
	if alternatives != "" {
		remediation += "; qualified in " + strings.Join(countries, ", ") + ": " + alternatives
	}
	remediation += ", or record a temporary waiver (dérogation) in the policy."
	if r.Operator == nil {
		return []*Finding{e.newFinding(r, level, "TC002", fmt.Sprintf("%s requires SecNumCloud, but the provider configuration of %s matches no operator of the catalog, so no qualification can be established", lv, r.Address), remediation)}
	}
	if r.Offer != nil {
		o, _ := e.Catalog.Offer(r.Offer.ID)
		switch {
		case o != nil && e.Catalog.Qualified(o):
			return nil
		case o != nil && o.Status.Pending():
			if level.AllowPending {
				return nil
			}
			return []*Finding{e.newFinding(r, level, "TC008", fmt.Sprintf("%s requires SecNumCloud; the offer %q of %s covering %s is only at qualification stage %s", lv, o.Name, *r.Operator, r.Location.Region, o.Status),
				"Wait for the qualification, move to an offer already qualified"+suffix(alternatives)+", or allow pending qualifications for this level (allow_pending = true) if the doctrine lets you.")}
		case o != nil && e.Catalog.Expired(o):
			return []*Finding{e.newFinding(r, level, "TC002", fmt.Sprintf("%s requires SecNumCloud; the qualification of %q covering %s expired on %s", lv, o.Name, r.Location.Region, o.ExpiresOn), remediation)}
		}
	}
	return []*Finding{e.newFinding(r, level, "TC002", fmt.Sprintf("%s requires SecNumCloud, and no qualified offer of %s covers %s", lv, *r.Operator, r.Location.Region), remediation)}
}

func suffix(alternatives string) string {
	if alternatives == "" {
		return ""
	}
	return " (" + alternatives + ")"
}

// qualifiedIn lists the regions covered by a qualified offer in the given
// countries: what the user can move to.
func (e *Evaluator) qualifiedIn(countries []string) string {
	key := strings.Join(countries, ",")
	if alt, ok := e.alternatives[key]; ok {
		return alt
	}
	if e.alternatives == nil {
		e.alternatives = map[string]string{}
	}
	alt := e.findQualifiedIn(countries)
	e.alternatives[key] = alt
	return alt
}

func (e *Evaluator) findQualifiedIn(countries []string) string {
	var out []string
	for _, reg := range e.Catalog.Regions() {
		if reg.IsMulti() || !slices.Contains(countries, reg.Country) || !e.Catalog.RegionQualified(reg) {
			continue
		}
		for _, o := range e.Catalog.OffersCovering(reg) {
			if e.Catalog.Qualified(o) {
				out = append(out, fmt.Sprintf("%s %s (%s)", reg.Operator, reg.Code, o.Name))
				break
			}
		}
	}
	return strings.Join(out, "; ")
}

// exposure implements TC005.
func (e *Evaluator) exposure(r *plan.Resource, level *policy.Level) *Finding {
	if r.Operator == nil {
		return e.newFinding(r, level, "TC005", fmt.Sprintf("level %s does not allow extraterritorial exposure, and the provider configuration of %s matches no operator of the catalog: its exposure cannot be established", level.Name, r.Address),
			"Use an operator the catalog knows to be immune to non-EU extraterritorial law, or describe this one in a catalog file.")
	}
	op, err := e.Catalog.Operator(*r.Operator)
	if err != nil {
		// Unknown is never silently treated as compliant.
		return e.newFinding(r, level, "TC005", fmt.Sprintf("level %s does not allow extraterritorial exposure, and operator %q of %s is not in the catalog: its exposure cannot be established", level.Name, *r.Operator, r.Address),
			"Use an operator the catalog knows to be immune to non-EU extraterritorial law, or describe this one in a catalog file.")
	}
	switch {
	case op.ExtraterritorialExposure == nil:
		return e.newFinding(r, level, "TC005", fmt.Sprintf("level %s does not allow extraterritorial exposure, and the catalog does not know whether %s is exposed", level.Name, op.Name),
			"Use an operator the catalog knows to be immune to non-EU extraterritorial law.")
	case *op.ExtraterritorialExposure:
		laws := strings.Join(op.ExtraterritorialLaws, ", ")
		if laws == "" {
			laws = "non-EU extraterritorial law"
		}
		return e.newFinding(r, level, "TC005", fmt.Sprintf("level %s does not allow extraterritorial exposure, and %s is subject to %s, even in its EU regions", level.Name, op.Name, laws),
			"Use an EU operator that is not subject to non-EU extraterritorial law.")
	}
	return nil
}

// waive applies the policy's waivers to a finding: an unexpired waiver
// marks it waived; an expired one leaves it and adds TC007.
func (e *Evaluator) waive(f *Finding, level *policy.Level, now time.Time) []*Finding {
	ws := e.Policy.MatchWaivers(f.Address, f.Rule)
	if len(ws) == 0 {
		return []*Finding{f}
	}
	for _, w := range ws {
		if !w.Expired(now) {
			f.Waived = true
			f.Waiver = waiverRef(w, false)
			return []*Finding{f}
		}
	}
	w := ws[0]
	f.Waiver = waiverRef(w, true)
	exp := e.newFinding(f.resource, level, "TC007",
		fmt.Sprintf("waiver %s (%s) covered %s on %s but expired on %s", w.ID, w.Reason, f.Rule, f.Address, w.Expires.Format(time.DateOnly)),
		"Fix the finding it covered, or renew the waiver with a new expiry date and approval.")
	exp.Waiver = waiverRef(w, true)
	return []*Finding{f, exp}
}

func waiverRef(w *policy.Waiver, expired bool) *WaiverRef {
	return &WaiverRef{ID: w.ID, Reason: w.Reason, Expires: w.Expires.Format(time.DateOnly), ApprovedBy: w.ApprovedBy, Expired: expired}
}

// Resource returns the inventory entry the finding is about.
func (f *Finding) Resource() *plan.Resource { return f.resource }
