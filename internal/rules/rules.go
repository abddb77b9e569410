// Package rules evaluates an inventory against a policy and the catalog
// into findings with the stable ids of the rule registry (ruledef).
package rules

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/ruledef"
)

// Finding is one violation of the policy by one resource.
type Finding struct {
	Rule     string          `json:"rule"`
	Name     string          `json:"name"`
	Severity policy.Severity `json:"severity"`
	Address  string          `json:"address"`
	Module   string          `json:"module"`
	Type     string          `json:"type"`
	// Message says what is wrong, rendered only when a report asks: in
	// English in JSON and the other machine-readable outputs (its text
	// form), in the reader's language in the reports written for people.
	Message i18n.Msg `json:"message"`
	// Remediation says what to do, in English.
	Remediation string `json:"remediation"`
	// RemediationText is Remediation not yet rendered, for the reports
	// written for people in their language.
	RemediationText i18n.Msg `json:"-"`
	Operator        *string  `json:"operator"`
	// Location and Sensitivity are the resource's, shared with the
	// inventory rather than copied into each finding.
	Location    *inventory.Location    `json:"location"`
	Sensitivity *inventory.Sensitivity `json:"sensitivity"`
	// DataLocation, on a TC006, is the data location it is about: where
	// the data goes, through which attribute.
	DataLocation *inventory.Location `json:"data_location,omitempty"`
	Waived       bool                `json:"waived"`
	Waiver       *WaiverRef          `json:"waiver"`
	resource     *inventory.Resource `json:"-"`
}

// WaiverRef is the waiver that covers (or covered) a finding.
type WaiverRef struct {
	ID         string `json:"id"`
	Reason     string `json:"reason"`
	Expires    string `json:"expires"`
	ApprovedBy string `json:"approved_by"`
	Expired    bool   `json:"expired"`
	// Refused says why a waiver that matches does not cover the finding
	// (it was granted for existing resources, and this change creates
	// the resource).
	Refused string `json:"refused,omitempty"`
	// RefusedText is Refused not yet rendered, for the reports written
	// for people in their language.
	RefusedText i18n.Msg `json:"-"`
	// Source is WaiverInline for a waiver written as a comment in the .tf
	// files, at At (file:line); empty for a waiver of the policy file.
	Source string `json:"source,omitempty"`
	At     string `json:"at,omitempty"`
}

// refuse says why the waiver does not cover the finding.
func (w *WaiverRef) refuse(text i18n.Msg) {
	w.Refused, w.RefusedText = text.String(), text
}

// RefusedIn is Refused in a language.
func (w *WaiverRef) RefusedIn(l i18n.Lang) string {
	if w.RefusedText.IsZero() {
		return w.Refused
	}
	return w.RefusedText.In(l)
}

// WaiverInline is the Source of an inline waiver.
const WaiverInline = "inline"

// Evaluator evaluates inventories.
type Evaluator struct {
	Catalog *catalog.Catalog
	Policy  *policy.Policy
	// Now decides whether waivers have expired; time.Now when nil.
	Now func() time.Time
	// BaselinePolicySHA256 is the SHA-256 of the policy file the baseline
	// was made with (--baseline): a policy that changed since, and relaxes
	// its profile, is a TC013 however it was given.
	BaselinePolicySHA256 string
	// Inline are the waiver comments of the configuration, judged (see
	// InlineWaivers); those in force waive findings like the policy's
	// waivers, after them, and count what they waive.
	Inline []*InlineWaiver
	// waivers indexes the policy's waivers, inline those of Inline
	// (inlineAt: their positions there), built on first use.
	waivers  *policy.WaiverIndex
	inline   *policy.WaiverIndex
	inlineAt []int
	// alternatives caches qualifiedIn by country list.
	alternatives map[string]string
	// texts holds one copy of each remediation text: thousands of
	// findings of a rule share a few.
	texts map[string]string
	// levels holds the "at level NAME" and "level NAME" messages of each
	// level (messages are not changed once made: they are shared).
	levels map[*policy.Level]levelMsgs
}

// levelMsgs are the messages that name a level.
type levelMsgs struct{ at, the i18n.Msg }

// levelMsgs returns the messages naming level, made once per level.
func (e *Evaluator) levelMsgs(l *policy.Level) levelMsgs {
	if m, ok := e.levels[l]; ok {
		return m
	}
	if e.levels == nil {
		e.levels = map[*policy.Level]levelMsgs{}
	}
	m := levelMsgs{at: atLevel(l), the: theLevel(l)}
	e.levels[l] = m
	return m
}

// shared returns the one copy of s the evaluator keeps.
func (e *Evaluator) shared(s string) string {
	if t, ok := e.texts[s]; ok {
		return t
	}
	if e.texts == nil {
		e.texts = map[string]string{}
	}
	e.texts[s] = s
	return s
}

// Evaluate returns the findings of an inventory, sorted by address then
// rule id.
func (e *Evaluator) Evaluate(inv *inventory.Inventory) []*Finding {
	now := time.Now
	if e.Now != nil {
		now = e.Now
	}
	var out []*Finding
	var byAddr map[string]*inventory.Resource
	for _, r := range inv.Resources {
		if r.DataOf != "" && byAddr == nil {
			byAddr = map[string]*inventory.Resource{}
			for _, o := range inv.Resources {
				byAddr[o.Address] = o
			}
		}
	}
	for _, r := range inv.Resources {
		if !r.Managed() || r.DeleteOnly() || r.Location.Status == inventory.StatusNotApplicable {
			continue
		}
		level := e.Policy.Level(r.Sensitivity.Level)
		if level != nil {
			// TC012: a classification signal that could not be read
			// judged the resource at the unclassified level; say which.
			for _, why := range r.Sensitivity.Unclassified {
				f := e.newFinding(r, level, ruledef.TC012, i18n.M("finding.TC012", r.Address, why, LevelName(level.Name)), i18n.M("fix.TC012"))
				out = append(out, e.waive(f, level, now())...)
			}
		}
		if level != nil && level.HasRequirements() {
			for _, f := range e.checkLocation(r, level) {
				out = append(out, e.waive(f, level, now())...)
			}
		}
		// The data a part's flows carry is its owner's (a bucket's, for
		// its replication configuration): judged at the stricter level.
		dataLevel, sens := level, (*inventory.Sensitivity)(nil)
		if owner := byAddr[r.DataOf]; owner != nil && e.Policy.LevelRank(owner.Sensitivity.Level) > e.Policy.LevelRank(r.Sensitivity.Level) {
			dataLevel = e.Policy.Level(owner.Sensitivity.Level)
			sens = &inventory.Sensitivity{Level: owner.Sensitivity.Level,
				Evidence: append([]i18n.Msg{i18n.M("ev.data_of", r.Address, owner.Address, LevelName(owner.Sensitivity.Level))}, owner.Sensitivity.Evidence...)}
		}
		if dataLevel == nil || !dataLevel.HasRequirements() {
			continue
		}
		for _, f := range e.dataLocations(r, dataLevel) {
			if sens != nil {
				f.Sensitivity = sens
			}
			out = append(out, e.waive(f, dataLevel, now())...)
		}
	}
	if f := e.policyRelaxed(); f != nil {
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Address != out[j].Address {
			return out[i].Address < out[j].Address
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}

func (e *Evaluator) newFinding(r *inventory.Resource, level *policy.Level, id ruledef.ID, msg, remediation i18n.Msg) *Finding {
	rule, _ := ruledef.Lookup(id)
	return &Finding{Rule: string(rule.ID), Name: rule.Name, Severity: e.Policy.Severity(level.Name, string(rule.ID)), Address: r.Address, Module: r.Module, Type: r.Type,
		Message: msg, Remediation: e.shared(remediation.String()), RemediationText: remediation,
		Operator: r.Operator, Location: &r.Location, Sensitivity: &r.Sensitivity, resource: r}
}

// PolicyType is the type of a finding about the policy file itself
// (TC013): it is no resource of the plan.
const PolicyType = "policy"

// policyRelaxed implements TC013: a policy file that nobody named (found
// in the configuration directory, not given by --policy or
// TRUSTCLOUD_POLICY) and that relaxes its profile. One finding per run,
// on the file, at high severity whatever the policy says: the policy
// under judgement cannot set it, and no waiver covers it.
func (e *Evaluator) policyRelaxed() *Finding {
	p := e.Policy
	if p == nil || p.File == "" {
		return nil
	}
	// A policy file that changed since the baseline (the CI's --policy
	// trustcloud.hcl, edited in the change under review) is judged like
	// a discovered one: its relaxations are shown and gate.
	changed := e.BaselinePolicySHA256 != "" && p.SHA256 != "" && e.BaselinePolicySHA256 != p.SHA256
	if p.Source != policy.SourceDiscovered && !changed {
		return nil
	}
	var inArea func(area, country string) bool
	if e.Catalog != nil {
		inArea = e.Catalog.InArea
	}
	rel := p.Relaxations(inArea)
	if len(rel) == 0 {
		return nil
	}
	profile := p.Profile
	if profile == policy.ProfileNone {
		profile = policy.DefaultProfile
	}
	msg := i18n.M("finding.TC013", filepath.Base(p.File), filepath.Dir(p.File), profile, relaxList(rel))
	if changed && p.Source != policy.SourceDiscovered {
		msg = i18n.M("finding.TC013.changed", p.File, short(e.BaselinePolicySHA256), short(p.SHA256), profile, relaxList(rel))
	}
	fix := i18n.M("fix.TC013")
	rule, _ := ruledef.Lookup(ruledef.TC013)
	return &Finding{Rule: string(rule.ID), Name: rule.Name, Severity: policy.Severity(rule.Severity), Address: p.File, Type: PolicyType,
		Message: msg, Remediation: fix.String(), RemediationText: fix,
		Location: &inventory.Location{Status: inventory.StatusNotApplicable, Evidence: []i18n.Msg{}}, Sensitivity: &inventory.Sensitivity{Evidence: []i18n.Msg{}}}
}

// short is the first 12 digits of a hash, for messages.
func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// relaxList renders a policy's relaxations as one sentence.
type relaxList []policy.Relaxation

func (r relaxList) In(l i18n.Lang) string {
	parts := make([]string, len(r))
	for i, x := range r {
		parts[i] = x.In(l)
	}
	return strings.Join(parts, "; ")
}

// LevelName is a sensitivity level's name for people: the built-in levels
// are translated (sensitive → sensible), the others keep their name.
func LevelName(name string) i18n.Optional { return i18n.Or("level."+name, name) }

// atLevel is "at level NAME", for messages.
func atLevel(l *policy.Level) i18n.Msg { return i18n.M("finding.at_level", LevelName(l.Name)) }

// theLevel is "level NAME", for messages.
func theLevel(l *policy.Level) i18n.Msg { return i18n.M("finding.level", LevelName(l.Name)) }

// requiresLocation reports whether a level asks anything of a location.
func requiresLocation(l *policy.Level) bool {
	return l.AllowedArea != policy.AreaAny || len(l.AllowedCountries) > 0 || l.RequireSecNumCloud || l.RequireKnownLocation || !l.AllowExtraterritorial
}

// checkLocation judges the resource's own location.
func (e *Evaluator) checkLocation(r *inventory.Resource, level *policy.Level) []*Finding {
	var fs []*Finding
	loc := r.Location
	lv := e.levelMsgs(level).at
	switch loc.Status {
	case inventory.StatusUnknown:
		if requiresLocation(level) {
			// Policy.Severity gives TC003 severity low at a level whose
			// unknown_location is "warn", unless the level's rule_severity
			// says otherwise.
			fs = append(fs, e.newFinding(r, level, ruledef.TC003, i18n.M("finding.TC003.unknown", r.Address, loc.Reason, lv), i18n.M("fix.TC003.unknown")))
		}
		return append(fs, e.qualifiedNowhere(r, level)...)
	case inventory.StatusGlobal:
		if level.RequireKnownLocation {
			fs = append(fs, e.newFinding(r, level, ruledef.TC004, i18n.M("finding.TC004", r.Type, lv), i18n.M("fix.TC004")))
		}
		if !loc.Unverified.IsZero() && requiresLocation(level) {
			fs = append(fs, e.newFinding(r, level, ruledef.TC003, i18n.M("finding.TC003.unverified", r.Address, "global", loc.Unverified, lv), i18n.M("fix.TC003.unverified")))
		}
		return append(fs, e.qualifiedNowhere(r, level)...)
	}
	// known or multi_region
	if !loc.Unverified.IsZero() && requiresLocation(level) && (loc.Country != nil || len(loc.Countries) > 0) {
		// An inferred location may fail a requirement (the checks below
		// still run) but never satisfies one.
		fs = append(fs, e.newFinding(r, level, ruledef.TC003, i18n.M("finding.TC003.unverified", r.Address, loc.Region, loc.Unverified, lv), i18n.M("fix.TC003.unverified")))
	}
	countries := loc.Countries
	if loc.Country != nil {
		countries = []string{*loc.Country}
	}
	if len(countries) == 0 {
		if requiresLocation(level) {
			fs = append(fs, e.newFinding(r, level, ruledef.TC003, i18n.M("finding.TC003.not_in_catalog", loc.Region, r.Address, lv), i18n.M("fix.TC003.not_in_catalog")))
		}
		return append(fs, e.qualifiedNowhere(r, level)...)
	}
	if outside := e.outside(level, countries); len(outside) > 0 {
		fs = append(fs, e.newFinding(r, level, ruledef.TC001,
			i18n.M("finding.TC001", r.Address, loc.Region, strings.Join(outside, ", "), lv, e.areaText(level)),
			i18n.M("fix.TC001", e.areaText(level))))
	}
	if level.RequireSecNumCloud {
		fs = append(fs, e.qualification(r, level, countries)...)
	} else if !level.AllowExtraterritorial {
		if f := e.exposure(r, level); f != nil {
			fs = append(fs, f)
		}
	}
	return fs
}

// dataLocations implements TC006: every data location of the resource
// (replica, backup, failover, storage policy, destination) outside the
// allowed area, global, or unknown at a level that asks anything of a
// location, is a finding on the resource that sets up the flow.
func (e *Evaluator) dataLocations(r *inventory.Resource, level *policy.Level) []*Finding {
	var fs []*Finding
	lv := e.levelMsgs(level).at
	restricted := level.AllowedArea != policy.AreaAny || len(level.AllowedCountries) > 0
	for i := range r.DataLocations {
		d := &r.DataLocations[i]
		flow := inventory.FlowLabel(d.Flow)
		countries := d.CountryList()
		n := len(fs)
		switch {
		case d.Status == inventory.StatusUnknown || (d.Status == inventory.StatusKnown || d.Status == inventory.StatusMultiRegion) && len(countries) == 0:
			if !requiresLocation(level) {
				continue
			}
			why := d.Reason
			if why.IsZero() {
				why = i18n.M("ev.region_not_placed", d.Region)
			}
			f := e.newFinding(r, level, ruledef.TC006,
				i18n.M("finding.TC006.unknown", r.Address, d.Attribute, flow, why, lv, e.areaText(level)), i18n.M("fix.TC006.unknown"))
			if e.warnsUnknown(level, ruledef.TC006) {
				// An unknown data location is judged like an unknown
				// location (TC003): low at a level whose unknown_location
				// is "warn", unless the policy sets TC006's severity.
				f.Severity = policy.SeverityLow
			}
			fs = append(fs, f)
		case d.Status == inventory.StatusGlobal:
			if !restricted && !level.RequireKnownLocation {
				continue
			}
			fs = append(fs, e.newFinding(r, level, ruledef.TC006,
				i18n.M("finding.TC006.global", r.Address, d.Attribute, flow, lv, e.areaText(level)), i18n.M("fix.TC006")))
		default:
			if outside := e.outside(level, countries); len(outside) > 0 {
				fs = append(fs, e.newFinding(r, level, ruledef.TC006,
					i18n.M("finding.TC006", r.Address, d.Region, strings.Join(outside, ", "), d.Attribute, lv, e.areaText(level)),
					i18n.M("fix.TC006")))
			} else if !d.Unverified.IsZero() && requiresLocation(level) {
				// An inferred data location may fail a requirement (above),
				// never satisfy one.
				f := e.newFinding(r, level, ruledef.TC006,
					i18n.M("finding.TC006.unverified", r.Address, d.Attribute, flow, d.Region, d.Unverified, lv), i18n.M("fix.TC006.unverified"))
				if e.warnsUnknown(level, ruledef.TC006) {
					f.Severity = policy.SeverityLow
				}
				fs = append(fs, f)
			}
		}
		for _, f := range fs[n:] {
			f.DataLocation = d
		}
	}
	return fs
}

// warnsUnknown reports whether unknown locations only warn at the level
// and the policy sets no severity of its own for the rule.
func (e *Evaluator) warnsUnknown(level *policy.Level, rule ruledef.ID) bool {
	if level.UnknownLocation != policy.UnknownWarn {
		return false
	}
	if _, set := level.RuleSeverity[string(rule)]; set {
		return false
	}
	_, set := e.Policy.RuleSeverity[string(rule)]
	return !set
}

// qualifiedNowhere implements TC002 where the location is unknown or
// global: when the level requires SecNumCloud and the resource's operator
// has no qualified or pending offer in any region, no region could
// satisfy the level, and the reviewer must see it beside TC003/TC004.
func (e *Evaluator) qualifiedNowhere(r *inventory.Resource, level *policy.Level) []*Finding {
	if !level.RequireSecNumCloud || r.Operator == nil {
		return nil
	}
	for _, o := range e.Catalog.Offers() {
		if o.Operator == *r.Operator && (o.Status == catalog.StatusQualified || o.Status.Pending() || o.Status == catalog.StatusUnknown) {
			return nil
		}
	}
	name := *r.Operator
	if op, err := e.Catalog.Operator(name); err == nil && op.Name != "" {
		name = op.Name
	}
	return []*Finding{e.newFinding(r, level, ruledef.TC002, i18n.M("finding.TC002.nowhere", e.levelMsgs(level).the, name, r.Address), i18n.M("fix.TC002"))}
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

// areaText names the area a level allows: its countries, or EU, EEA …
// in the reader's language.
func (e *Evaluator) areaText(level *policy.Level) i18n.Localizer {
	if len(level.AllowedCountries) > 0 {
		return i18n.Text(strings.Join(level.AllowedCountries, ", "))
	}
	return i18n.Or("area."+level.AllowedArea, level.AllowedArea)
}

// qualification implements TC002 and TC008 to TC011: only a confirmed,
// unexpired qualification satisfies the requirement, and one expiring
// within the policy's window is a warning.
func (e *Evaluator) qualification(r *inventory.Resource, level *policy.Level, countries []string) []*Finding {
	lv := e.levelMsgs(level).the
	alternatives := e.qualifiedIn(countries)
	remediation := i18n.M("fix.TC002")
	if alternatives != "" {
		remediation = i18n.M("fix.TC002.alternatives", strings.Join(countries, ", "), alternatives)
	}
	if r.Operator == nil {
		return []*Finding{e.newFinding(r, level, ruledef.TC002, i18n.M("finding.TC002.no_operator", lv, r.Address), remediation)}
	}
	var o *catalog.Offer
	if r.Offer != nil {
		o, _ = e.Catalog.Offer(r.Offer.ID)
	}
	// notQualified is TC002 when no offer in force covers the resource: it
	// names the qualification whose perimeter leaves the type out, if any.
	notQualified := func() []*Finding {
		msg := i18n.M("finding.TC002", lv, *r.Operator, r.Location.Region)
		if out := e.Catalog.OutsidePerimeter(*r.Operator, r.Location.Region, r.Type); len(out) > 0 {
			msg = i18n.M("finding.TC002.perimeter", lv, out[0].Name, r.Location.Region, out[0].Perimeter, r.Type)
		}
		return []*Finding{e.newFinding(r, level, ruledef.TC002, msg, remediation)}
	}
	if o == nil {
		return notQualified()
	}
	asOf := e.Catalog.AsOf
	switch e.Catalog.Standing(o) {
	case catalog.StandingQualified:
		days, ok := daysLeft(o.ExpiresOn, e.Catalog.Now())
		if !ok || e.Policy.ExpiryWarningDays <= 0 || days > e.Policy.ExpiryWarningDays {
			return nil
		}
		when := i18n.M("when.today")
		if days > 0 {
			when = i18n.M("when.in", i18n.P("n.day", days))
		}
		return []*Finding{e.newFinding(r, level, ruledef.TC010, i18n.M("finding.TC010", lv, o.Name, r.Location.Region, o.ExpiresOn, when, decisionText(o)), i18n.M("fix.TC010"))}
	case catalog.StandingPending:
		if level.AllowPending {
			return nil
		}
		fix := i18n.M("fix.TC008")
		if alternatives != "" {
			fix = i18n.M("fix.TC008.alternatives", alternatives)
		}
		stage := i18n.Or("stage."+string(o.Status), string(o.Status))
		return []*Finding{e.newFinding(r, level, ruledef.TC008, i18n.M("finding.TC008", lv, o.Name, *r.Operator, r.Location.Region, stage), fix)}
	case catalog.StandingExpired:
		return []*Finding{e.newFinding(r, level, ruledef.TC009, i18n.M("finding.TC009", lv, o.Name, r.Location.Region, o.ExpiresOn, decisionText(o), asOf), i18n.M("fix.TC009"))}
	case catalog.StandingUnconfirmed:
		return []*Finding{e.newFinding(r, level, ruledef.TC011, i18n.M("finding.TC011", lv, o.Name, r.Location.Region), i18n.M("fix.TC011"))}
	case catalog.StandingUnknown:
		return []*Finding{e.newFinding(r, level, ruledef.TC002, i18n.M("finding.TC002.unknown", lv, o.Name, r.Location.Region, asOf), remediation)}
	}
	return notQualified()
}

// daysLeft counts the calendar days (UTC) from now to the last day of a
// qualification: 0 on that day. An expiry written as a month or a year
// ends on its last day.
func daysLeft(expiresOn string, now time.Time) (int, bool) {
	end, ok := catalog.LastDay(expiresOn)
	if !ok {
		return 0, false
	}
	y, m, d := now.UTC().Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return int(end.Sub(today).Hours() / 24), true
}

// decisionText names an offer's ANSSI decision in a message, "" when the
// catalog has none.
func decisionText(o *catalog.Offer) i18n.Localizer {
	if o.Decision == "" {
		return i18n.Text("")
	}
	return i18n.M("finding.decision", o.Decision)
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
func (e *Evaluator) exposure(r *inventory.Resource, level *policy.Level) *Finding {
	lv := e.levelMsgs(level).the
	if r.Operator == nil {
		return e.newFinding(r, level, ruledef.TC005, i18n.M("finding.TC005.no_operator", lv, r.Address), i18n.M("fix.TC005.unknown"))
	}
	op, err := e.Catalog.Operator(*r.Operator)
	if err != nil {
		// Unknown is never silently treated as compliant.
		return e.newFinding(r, level, ruledef.TC005, i18n.M("finding.TC005.not_in_catalog", lv, *r.Operator, r.Address), i18n.M("fix.TC005.unknown"))
	}
	switch {
	case op.ExtraterritorialExposure == nil:
		return e.newFinding(r, level, ruledef.TC005, i18n.M("finding.TC005.exposure_unknown", lv, op.Name), i18n.M("fix.TC005.exposure_unknown"))
	case *op.ExtraterritorialExposure:
		var laws i18n.Localizer = i18n.M("finding.TC005.default_laws")
		if len(op.ExtraterritorialLaws) > 0 {
			laws = i18n.Text(strings.Join(op.ExtraterritorialLaws, ", "))
		}
		return e.newFinding(r, level, ruledef.TC005, i18n.M("finding.TC005", lv, op.Name, laws), i18n.M("fix.TC005"))
	}
	return nil
}

// waive applies the policy's waivers, then the inline waivers in force,
// to a finding: an unexpired waiver marks it waived; an expired one
// leaves it and adds TC007. A finding of a rule the policy disables is
// dropped here, before any waiver sees it.
func (e *Evaluator) waive(f *Finding, level *policy.Level, now time.Time) []*Finding {
	if e.Policy.RuleDisabled(f.Rule) {
		return nil
	}
	if e.waivers == nil {
		// Thousands of waivers against a hundred thousand findings:
		// indexed, not matched one by one (the same as MatchWaivers).
		e.waivers = policy.NewWaiverIndex(e.Policy.Waivers)
	}
	ws := e.waivers.Match(f.Address, f.Rule)
	inline, ignored := e.inlineFor(f)
	byWaiver := map[*policy.Waiver]*InlineWaiver{}
	for _, iw := range inline {
		ws = append(ws, iw.waiver)
		byWaiver[iw.waiver] = iw
	}
	if len(ws) == 0 {
		if ignored != nil {
			// Said on the finding: an inline waiver was there and did not
			// apply.
			f.Waiver = waiverRef(ignored.waiver, false)
			f.Waiver.refuse(i18n.M("waiver.refused.inline", ignored.At, i18n.M("waiver.status."+ignored.Status), ignored.DetailText))
		}
		return []*Finding{f}
	}
	created := f.resource != nil && slices.Contains(f.resource.Actions, "create")
	var refused *policy.Waiver
	for _, w := range ws {
		if w.Expired(now) {
			continue
		}
		if created && !w.CoversNew {
			// Granted for what exists, not for what this change creates.
			if refused == nil {
				refused = w
			}
			continue
		}
		f.Waived = true
		f.Waiver = waiverRef(w, false)
		if iw := byWaiver[w]; iw != nil {
			iw.Waived++
		}
		return []*Finding{f}
	}
	if refused != nil {
		f.Waiver = waiverRef(refused, false)
		if refused.Inline != "" {
			f.Waiver.refuse(i18n.M("waiver.refused.inline_new", refused.Inline, f.Address))
		} else {
			f.Waiver.refuse(i18n.M("waiver.refused.new", refused.ID, f.Address))
		}
		return []*Finding{f}
	}
	w := ws[0]
	f.Waiver = waiverRef(w, true)
	if e.Policy.RuleDisabled(string(ruledef.TC007)) {
		return []*Finding{f}
	}
	exp := e.newFinding(f.resource, level, ruledef.TC007,
		i18n.M("finding.TC007", w.ID, w.Reason, f.Rule, f.Address, w.Expires.Format(time.DateOnly)),
		i18n.M("fix.TC007"))
	exp.Waiver = waiverRef(w, true)
	return []*Finding{f, exp}
}

func waiverRef(w *policy.Waiver, expired bool) *WaiverRef {
	ref := &WaiverRef{ID: w.ID, Reason: w.Reason, ApprovedBy: w.ApprovedBy, Expired: expired}
	if !w.Expires.IsZero() {
		ref.Expires = w.Expires.Format(time.DateOnly)
	}
	if w.Inline != "" {
		ref.Source, ref.At = WaiverInline, w.Inline
	}
	return ref
}

// Resource returns the inventory entry the finding is about.
func (f *Finding) Resource() *inventory.Resource { return f.resource }
