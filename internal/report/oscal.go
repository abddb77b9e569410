package report

import (
	"crypto/sha1"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	oscal "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-2"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/ruledef"
	"github.com/trustcloud/trustcloud/internal/rules"
)

func init() {
	register(Format{Name: "oscal", Ext: ".json", Write: writeOSCAL})
}

// NIST OSCAL 1.1.2 assessment results, the format compliance tooling
// (GRC platforms, FedRAMP-style pipelines, compliance-trestle) reads. The
// model is go-oscal's, generated from the official schema.
//
// Mapping:
//   - the trustcloud rules are the reviewed controls (control ids TC001…);
//   - every analysed resource is an inventory item of the result and the
//     subject of one observation, which carries its location, operator,
//     offer and level as props and its evidence chains as relevant
//     evidence;
//   - every finding (waived or not) is an OSCAL finding whose target is the
//     rule, "not-satisfied", related to the resource's observation, citing
//     the doctrine through props and back-matter links;
//   - every waiver that matched is a risk: "deviation-approved" while in
//     force, "open" once expired, with its expiry as the risk's deadline
//     and its approver and reason as props;
//   - trustcloud itself is a software component, the "tool" actor of every
//     observation, finding and risk;
//   - the result says how the configuration was evaluated (from its
//     sources, or plan JSON alone): an "evaluation" prop and its remarks;
//   - the metadata name the catalog (version, date, ANSSI edition); the
//     result gives its age ("catalog-age-days", "catalog-stale") and, when
//     it is stale, says so in its remarks.
//
// UUIDs are version 5, derived from the fingerprints and addresses: the
// same plan, catalog and policy give the same document except for its
// timestamps.

// OSCALVersion is the OSCAL version of the assessment results.
const OSCALVersion = "1.1.2"

// oscalNS qualifies trustcloud's props, so that OSCAL tools do not read them
// as props of the OSCAL namespace, whose names have defined meanings.
const oscalNS = informationURI + "/ns/oscal"

// oscalImportAP is the assessment plan reference. trustcloud has no
// separate assessment plan document: what was assessed, and how, is in this
// document (reviewed controls, local definitions, props), which "#" names.
const oscalImportAP = "#"

// uuidNamespace is the namespace of every UUID trustcloud derives: the
// version 5 UUID of oscalNS in the URL namespace of RFC 4122.
var uuidNamespace = uuidV5(uuidNamespaceURL, oscalNS)

// uuidNamespaceURL is RFC 4122's name space for URLs
// (6ba7b811-9dad-11d1-80b4-00c04fd430c8).
var uuidNamespaceURL = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// uuidV5 is the RFC 4122 version 5 (SHA-1, name-based) UUID of name in a
// namespace, as bytes.
func uuidV5(ns [16]byte, name string) [16]byte {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return u
}

// formatUUID writes a UUID in its canonical form.
func formatUUID(u [16]byte) string {
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// oscalUUID is the UUID trustcloud gives an object of a kind (observation,
// finding …) named by parts.
func oscalUUID(kind string, parts ...string) string {
	return formatUUID(uuidV5(uuidNamespace, kind+"\x1f"+strings.Join(parts, "\x1f")))
}

// oscalString makes s an OSCAL string: one line, no leading or trailing
// white space (the schema's StringDatatype).
func oscalString(s string) string { return strings.Join(strings.Fields(s), " ") }

// propList builds a list of trustcloud props, skipping empty values.
type propList []oscal.Property

func (p *propList) add(name, value string) {
	if v := oscalString(value); v != "" {
		*p = append(*p, oscal.Property{Name: name, Ns: oscalNS, Value: v})
	}
}

func (p *propList) addClass(name, class, value string) {
	if v := oscalString(value); v != "" {
		*p = append(*p, oscal.Property{Name: name, Ns: oscalNS, Class: class, Value: v})
	}
}

// addRemarks adds a prop with remarks (which, unlike a class, may hold any
// text).
func (p *propList) addRemarks(name, value, remarks string) {
	if v := oscalString(value); v != "" {
		*p = append(*p, oscal.Property{Name: name, Ns: oscalNS, Value: v, Remarks: remarks})
	}
}

// list returns nil for no props: OSCAL arrays have at least one item.
func (p propList) list() *[]oscal.Property {
	if len(p) == 0 {
		return nil
	}
	out := []oscal.Property(p)
	return &out
}

// nonEmpty returns a pointer to s, nil when s is empty.
func nonEmpty[T any](s []T) *[]T {
	if len(s) == 0 {
		return nil
	}
	return &s
}

// OSCAL builds the OSCAL 1.1.2 assessment results of a report.
func OSCAL(r *Report) *oscal.OscalModels {
	started, finished := r.Options.Started, r.Options.Finished
	if started.IsZero() {
		started = time.Now()
	}
	if finished.IsZero() || finished.Before(started) {
		finished = started
	}
	started, finished = started.UTC().Truncate(time.Second), finished.UTC().Truncate(time.Second)

	b := &oscalBuilder{r: r, tool: oscalUUID("component", "trustcloud"), observations: map[string]string{}}
	b.origin = &[]oscal.Origin{{Actors: []oscal.OriginActor{{Type: "tool", ActorUuid: b.tool}}}}
	for _, d := range ruledef.Doctrines() {
		b.backMatter = append(b.backMatter, oscal.Resource{
			UUID: oscalUUID("doctrine", string(d.ID)), Title: d.Title,
			Citation: &oscal.Citation{Text: d.Citation},
			Props:    propList{{Name: "doctrine-id", Ns: oscalNS, Value: string(d.ID)}}.list(),
		})
	}

	result := oscal.Result{
		Title:            "trustcloud check of " + b.planName(),
		Description:      b.resultDescription(),
		Start:            started,
		End:              &finished,
		ReviewedControls: b.reviewedControls(),
		Props:            b.resultProps().list(),
	}
	var remarks []string
	if ev := r.evaluation(); ev != nil {
		remarks = append(remarks, mdCapitalize(sentence(evaluationText(i18n.English, ev))))
	}
	if stale := staleText(i18n.English, r.Freshness); stale != "" {
		remarks = append(remarks, mdCapitalize(sentence(stale)))
	}
	result.Remarks = strings.Join(remarks, "\n\n")
	items, observations := b.observationsOf(started)
	result.Observations = nonEmpty(observations)
	risks := b.risks()
	result.Risks = nonEmpty(risks)
	result.Findings = nonEmpty(b.findings())
	result.LocalDefinitions = &oscal.LocalDefinitions{
		Components:     &[]oscal.SystemComponent{b.toolComponent()},
		InventoryItems: nonEmpty(items),
	}
	key := b.documentKey()
	result.UUID = oscalUUID("result", key)

	var meta propList
	meta.add("tool", r.Tool.Name)
	meta.add("tool-version", r.Tool.Version)
	ref := r.catalogRef()
	meta.add("catalog-version", ref.Version)
	meta.add("catalog-as-of", ref.AsOf)
	meta.add("catalog-anssi-edition", ref.AnssiEdition)
	for _, f := range ref.Files {
		meta.add("catalog-file", f)
	}
	if r.Policy != nil {
		meta.add("policy-profile", r.Policy.Profile)
		meta.add("policy-file", r.Policy.File)
		meta.add("policy-source", r.Policy.Source)
		meta.add("policy-sha256", r.Policy.SHA256)
		for _, x := range r.Policy.Relaxations {
			meta.add("policy-relaxation", x.Detail)
		}
	}
	for _, x := range r.DisabledRules {
		meta.add("policy-disabled-rule", x.Rule)
	}
	for _, iw := range r.InlineWaivers {
		meta.add("inline-waiver", inlineLine(i18n.English, iw))
	}
	meta.add("plan-file", r.Plan.File)
	meta.add("plan-format-version", r.Plan.FormatVersion)
	meta.add("terraform-version", r.Plan.TerraformVersion)

	ar := &oscal.AssessmentResults{
		UUID: oscalUUID("assessment-results", key),
		Metadata: oscal.Metadata{
			Title:        "Cloud de confiance assessment of " + b.planName(),
			LastModified: finished,
			Version:      b.version(),
			OscalVersion: OSCALVersion,
			Props:        meta.list(),
			Remarks:      "Made by trustcloud from a Terraform plan: where each resource lives, which operator runs it and at which sensitivity level, checked against the doctrine of the policy's profile.",
		},
		ImportAp: oscal.ImportAp{
			Href:    oscalImportAP,
			Remarks: "No separate assessment plan: the controls reviewed are trustcloud's rules, the subjects are the plan's resources (local definitions), and the policy and catalog used are named in the metadata.",
		},
		Results:    []oscal.Result{result},
		BackMatter: &oscal.BackMatter{Resources: nonEmpty(b.backMatter)},
	}
	return &oscal.OscalModels{AssessmentResults: ar}
}

func writeOSCAL(w io.Writer, r *Report) error { return WriteJSON(w, OSCAL(r)) }

// oscalBuilder carries what the parts of the document share.
type oscalBuilder struct {
	r *Report
	// tool is the UUID of the trustcloud component.
	tool   string
	origin *[]oscal.Origin
	// observations maps resource addresses to observation UUIDs.
	observations map[string]string
	backMatter   []oscal.Resource
}

func (b *oscalBuilder) planName() string {
	if b.r.Plan.File != "" {
		return b.r.Plan.File
	}
	return "a Terraform plan"
}

func (b *oscalBuilder) version() string {
	if v := oscalString(b.r.Tool.Version); v != "" {
		return v
	}
	return "dev"
}

// documentKey identifies what was assessed and what came out of it,
// timestamps aside: the document and result UUIDs derive from it.
func (b *oscalBuilder) documentKey() string {
	r := b.r
	parts := []string{r.Tool.Version, r.Plan.File, r.Catalog.Version, r.Catalog.AsOf}
	if r.Policy != nil {
		parts = append(parts, r.Policy.Profile, r.Policy.File, r.Policy.SHA256)
	}
	for _, res := range b.analysed() {
		parts = append(parts, res.Address)
	}
	for _, f := range r.Findings {
		parts = append(parts, ciFingerprint(f), f.Address, strconv.FormatBool(f.Waived))
	}
	return strings.Join(parts, "\x1e")
}

// analysed returns the resources the rules looked at, as Summarize counts
// them: managed resources not only being deleted.
func (b *oscalBuilder) analysed() []*inventory.Resource {
	if b.r.Inventory == nil {
		return nil
	}
	var out []*inventory.Resource
	for _, res := range b.r.Inventory.Resources {
		if res.Managed() && !res.DeleteOnly() {
			out = append(out, res)
		}
	}
	return out
}

func (b *oscalBuilder) resultDescription() string {
	s := b.r.Summary
	verdict := "passes"
	if s.Failed {
		verdict = "fails"
	}
	return fmt.Sprintf("trustcloud read %s and checked its %d analysed resources (of %d) against the policy and the catalog: %d finding(s) not waived, %d waived. The run %s at threshold %s.",
		b.planName(), s.Analysed, s.Resources, s.Findings, s.Waived, verdict, s.FailOn)
}

func (b *oscalBuilder) resultProps() propList {
	s := b.r.Summary
	var p propList
	p.add("resources", strconv.Itoa(s.Resources))
	p.add("analysed", strconv.Itoa(s.Analysed))
	p.add("unknown-location", strconv.Itoa(s.UnknownLocation))
	p.add("unknown-operator", strconv.Itoa(s.UnknownOperator))
	p.add("findings", strconv.Itoa(s.Findings))
	p.add("new", strconv.Itoa(s.New))
	p.add("existing", strconv.Itoa(s.Existing))
	p.add("waived", strconv.Itoa(s.Waived))
	p.add("fail-on", s.FailOn)
	p.add("failed", strconv.FormatBool(s.Failed))
	if ev := b.r.evaluation(); ev != nil {
		// How the configuration was evaluated: an inferred value can
		// reveal a breach, never show compliance.
		p.addRemarks("evaluation", ev.Mode, ev.Note)
		p.add("evaluation-origin", ev.Origin)
	}
	if f := b.r.Freshness; f != nil {
		// The catalog's age when the check ran: a stale catalog may
		// miss a qualification granted, withdrawn or renewed since.
		p.add("catalog-age-days", strconv.Itoa(f.AgeDays))
		p.add("catalog-stale", strconv.FormatBool(f.Stale))
	}
	return p
}

func (b *oscalBuilder) toolComponent() oscal.SystemComponent {
	var p propList
	p.add("version", b.r.Tool.Version)
	return oscal.SystemComponent{
		UUID:        b.tool,
		Type:        "software",
		Title:       "trustcloud",
		Description: "trustcloud, the Terraform plan analyzer that checks where resources live against the cloud de confiance doctrine.",
		Props:       p.list(),
		Links:       &[]oscal.Link{{Href: informationURI, Rel: "homepage"}},
		Status:      oscal.SystemComponentStatus{State: "operational"},
	}
}

// controlIDs returns the ids of the registry's rules, and of any rule of a
// finding the registry lacks.
func (b *oscalBuilder) controlIDs() []string {
	var out []string
	for _, id := range ruledef.IDs() {
		out = append(out, string(id))
	}
	for _, f := range b.r.Findings {
		if !slices.Contains(out, f.Rule) {
			out = append(out, f.Rule)
		}
	}
	return out
}

func (b *oscalBuilder) reviewedControls() oscal.ReviewedControls {
	var ids []oscal.AssessedControlsSelectControlById
	for _, id := range b.controlIDs() {
		ids = append(ids, oscal.AssessedControlsSelectControlById{ControlId: id})
	}
	profile := ""
	if b.r.Policy != nil {
		profile = b.r.Policy.Profile
	}
	var p propList
	p.add("policy-profile", profile)
	all := ruledef.IDs()
	return oscal.ReviewedControls{
		Description: fmt.Sprintf("trustcloud's rules (%s to %s), each checking one requirement of the cloud de confiance doctrine for every resource at the sensitivity levels the policy gives them.",
			all[0], all[len(all)-1]),
		Props: p.list(),
		ControlSelections: []oscal.AssessedControls{{
			Description:     "Every rule trustcloud evaluated.",
			IncludeControls: nonEmpty(ids),
		}},
	}
}

// observationsOf returns an inventory item and an observation per analysed
// resource.
func (b *oscalBuilder) observationsOf(collected time.Time) ([]oscal.InventoryItem, []oscal.Observation) {
	var items []oscal.InventoryItem
	var obs []oscal.Observation
	for _, res := range b.analysed() {
		if _, dup := b.observations[res.Address]; dup {
			continue
		}
		itemUUID := oscalUUID("inventory-item", res.Address)
		obsUUID := oscalUUID("observation", res.Address)
		b.observations[res.Address] = obsUUID

		var ip propList
		ip.add("address", res.Address)
		ip.add("module", res.Module)
		ip.add("type", res.Type)
		ip.add("provider", res.Provider)
		ip.add("provider-config", res.ProviderConfig)
		ip.add("actions", strings.Join(res.Actions, ","))
		items = append(items, oscal.InventoryItem{
			UUID:        itemUUID,
			Description: fmt.Sprintf("Terraform resource %s (%s).", res.Address, res.Type),
			Props:       ip.list(),
		})

		obs = append(obs, oscal.Observation{
			UUID:        obsUUID,
			Title:       res.Address,
			Description: describeResource(res),
			Methods:     []string{"EXAMINE"},
			Types:       &[]string{"control-objective"},
			Origins:     b.origin,
			Subjects: &[]oscal.SubjectReference{{
				SubjectUuid: itemUUID, Type: "inventory-item", Title: res.Address,
			}},
			Props:            observationProps(res).list(),
			RelevantEvidence: nonEmpty(b.evidenceOf(res)),
			Collected:        collected,
		})
	}
	return items, obs
}

// describeResource says in a sentence where a resource lives, who runs it
// and at which level.
func describeResource(res *inventory.Resource) string {
	loc := res.Location
	where := "its location is unknown"
	switch loc.Status {
	case inventory.StatusKnown, inventory.StatusMultiRegion:
		where = "it is in " + loc.Region
		if loc.Country != nil {
			where += " (" + *loc.Country + ")"
		} else if len(loc.Countries) > 0 {
			where += " (" + strings.Join(loc.Countries, ", ") + ")"
		} else {
			where += " (a region the catalog cannot place)"
		}
	case inventory.StatusGlobal:
		where = "it is a non-regional (global) service"
	case inventory.StatusNotApplicable:
		where = "it creates nothing in a cloud"
	case inventory.StatusUnknown:
		if !loc.Reason.IsZero() {
			where += " (" + loc.Reason.String() + ")"
		}
	}
	op := "no catalog operator"
	if res.Operator != nil {
		op = "operator " + *res.Operator
	}
	level := res.Sensitivity.Level
	if level == "" {
		level = "unclassified"
	}
	return fmt.Sprintf("%s (%s): %s; %s; sensitivity level %s.", res.Address, res.Type, where, op, level)
}

func observationProps(res *inventory.Resource) propList {
	var p propList
	loc := res.Location
	p.add("location-status", loc.Status)
	p.add("region", loc.Region)
	p.add("zone", loc.Zone)
	if loc.Country != nil {
		p.add("country", *loc.Country)
	}
	for _, c := range loc.Countries {
		p.add("country", c)
	}
	if loc.EU != nil {
		p.add("eu", strconv.FormatBool(*loc.EU))
	}
	if res.Operator != nil {
		p.add("operator", *res.Operator)
	}
	if res.Offer != nil {
		p.add("offer", res.Offer.ID)
		p.add("secnumcloud-status", res.Offer.Status)
	}
	if !loc.Unverified.IsZero() {
		p.addRemarks("location-inferred", "true", loc.Unverified.String())
	}
	p.add("sensitivity-level", res.Sensitivity.Level)
	for _, d := range res.DataLocations {
		where := d.Region
		if where == "" {
			where = d.Status
		}
		p.addRemarks("data-location", where, fmt.Sprintf("%s through the resource attribute %s.", d.Flow, d.Attribute))
	}
	return p
}

// evidenceOf turns a resource's evidence chains into relevant evidence:
// the plan file, then each step of the location and sensitivity chains.
func (b *oscalBuilder) evidenceOf(res *inventory.Resource) []oscal.RelevantEvidence {
	var out []oscal.RelevantEvidence
	if f := b.r.Plan.File; f != "" && f != "<stdin>" {
		out = append(out, oscal.RelevantEvidence{
			Href:        b.r.sarifURI(f),
			Description: fmt.Sprintf("The Terraform plan (terraform show -json) that declares %s.", res.Address),
		})
	}
	add := func(kind string, steps []i18n.Msg) {
		for i, m := range steps {
			step := m.String()
			var p propList
			p.add("evidence-kind", kind)
			p.add("step", strconv.Itoa(i+1))
			out = append(out, oscal.RelevantEvidence{Description: step, Props: p.list()})
		}
	}
	add("location", res.Location.Evidence)
	if res.Location.Status == inventory.StatusUnknown && len(res.Location.Evidence) == 0 && !res.Location.Reason.IsZero() {
		add("location", []i18n.Msg{res.Location.Reason})
	}
	for _, d := range res.DataLocations {
		add("data-location", d.Evidence)
	}
	add("sensitivity", res.Sensitivity.Evidence)
	return out
}

// findings returns an OSCAL finding per report finding.
func (b *oscalBuilder) findings() []oscal.Finding {
	var out []oscal.Finding
	seen := map[string]int{}
	for _, f := range b.r.Findings {
		fp := ciFingerprint(f)
		// Fingerprints drop count indexes and one resource may break a
		// rule twice (two replicas): the address and the rank keep the
		// UUIDs apart.
		k := fp + "\x1f" + f.Address
		seen[k]++
		id := oscalUUID("finding", fp, f.Address, strconv.Itoa(seen[k]))

		var p propList
		p.add("rule", f.Rule)
		p.add("rule-name", f.Name)
		p.add("severity", string(f.Severity))
		p.add("address", f.Address)
		p.add("sensitivity-level", f.Sensitivity.Level)
		p.add("fingerprint", fp)
		p.add("status", ciStatus(f))
		p.add("waived", strconv.FormatBool(f.Waived))
		if f.Waiver != nil {
			p.add("waiver", f.Waiver.ID)
		}
		if f.Source != nil {
			p.add("source", fmt.Sprintf("%s:%d", b.r.ciPath(f.Source.File), f.Source.Line))
		}
		var links []oscal.Link
		rule, _ := ruledef.Lookup(ruledef.ID(f.Rule))
		for _, ref := range rule.Doctrine {
			d, _ := ruledef.DoctrineByID(ref)
			p.addClass("doctrine-reference", string(ref), d.Title)
			links = append(links, oscal.Link{Href: "#" + oscalUUID("doctrine", string(ref)), Rel: "reference", Text: d.Title})
		}

		var tp propList
		tp.add("severity", string(f.Severity))
		finding := oscal.Finding{
			UUID:        id,
			Title:       fmt.Sprintf("%s %s: %s", f.Rule, f.Name, f.Address),
			Description: strings.TrimSpace(f.Message.String()),
			Remarks:     strings.TrimSpace(f.Remediation),
			Props:       p.list(),
			Links:       nonEmpty(links),
			Origins:     b.origin,
			Target: oscal.FindingTarget{
				Type:     "objective-id",
				TargetId: f.Rule,
				Title:    f.Rule + " " + f.Name,
				Props:    tp.list(),
				Status:   oscal.ObjectiveStatus{State: "not-satisfied", Reason: "fail"},
			},
		}
		if obs, ok := b.observations[f.Address]; ok {
			finding.RelatedObservations = &[]oscal.RelatedObservation{{ObservationUuid: obs}}
		}
		if f.Waiver != nil {
			finding.RelatedRisks = &[]oscal.AssociatedRisk{{RiskUuid: oscalUUID("risk", f.Waiver.ID)}}
		}
		out = append(out, finding)
	}
	return out
}

// risks returns a risk per waiver that matched a finding: accepted
// (deviation-approved) while in force, open again once expired.
func (b *oscalBuilder) risks() []oscal.Risk {
	type waiverUse struct {
		ref       *rules.WaiverRef
		covered   []string
		addresses []string
	}
	uses := map[string]*waiverUse{}
	var order []string
	for _, f := range b.r.Findings {
		w := f.Waiver
		if w == nil {
			continue
		}
		u, ok := uses[w.ID]
		if !ok {
			u = &waiverUse{ref: w}
			uses[w.ID] = u
			order = append(order, w.ID)
		}
		if w.Expired {
			u.ref = w
		}
		if ruledef.ID(f.Rule) != ruledef.TC007 {
			u.covered = append(u.covered, f.Rule+" on "+f.Address)
		}
		u.addresses = append(u.addresses, f.Address)
	}
	sort.Strings(order)
	var out []oscal.Risk
	for _, id := range order {
		u := uses[id]
		w := u.ref
		status, state := "deviation-approved", "in-force"
		if w.Expired {
			status, state = "open", "expired"
		}
		var p propList
		p.add("waiver", w.ID)
		p.add("waiver-status", state)
		p.add("approved-by", w.ApprovedBy)
		p.add("expires", w.Expires)
		p.add("reason", w.Reason)
		if b.r.Policy != nil {
			p.add("policy-file", b.r.Policy.File)
		}
		desc := fmt.Sprintf("Waiver (dérogation) %s, approved by %s, valid until %s: %s", w.ID, orUnknown(w.ApprovedBy), w.Expires, sentence(w.Reason))
		statement := fmt.Sprintf("Deviation from the doctrine accepted until %s for: %s.", w.Expires, strings.Join(uniqueStrings(u.covered), "; "))
		if w.Expired {
			desc += " It has expired: the findings it covered count again, and TC007 reports the expiry."
			statement = fmt.Sprintf("Deviation from the doctrine that was accepted until %s, and no longer is, for: %s.", w.Expires, strings.Join(uniqueStrings(u.covered), "; "))
		}
		risk := oscal.Risk{
			UUID:        oscalUUID("risk", w.ID),
			Title:       "Waiver " + w.ID,
			Description: desc,
			Statement:   statement,
			Status:      status,
			Props:       p.list(),
			Origins:     b.origin,
		}
		if d, err := time.Parse(time.DateOnly, w.Expires); err == nil {
			// A waiver holds through its expiry date (UTC).
			end := d.Add(24*time.Hour - time.Second)
			risk.Deadline = &end
		}
		var rel []oscal.RelatedObservation
		for _, a := range uniqueStrings(u.addresses) {
			if obs, ok := b.observations[a]; ok {
				rel = append(rel, oscal.RelatedObservation{ObservationUuid: obs})
			}
		}
		risk.RelatedObservations = nonEmpty(rel)
		out = append(out, risk)
	}
	return out
}

// sentence ends a text with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

func orUnknown(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(approver not recorded)"
	}
	return s
}

// uniqueStrings removes repeated strings, keeping the first of each.
func uniqueStrings(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
