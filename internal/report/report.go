// Package report renders the result of `trustcloud check` in every format
// reviewers and CI read: text, json, sarif, junit, gitlab (Code Quality),
// markdown (merge-request comment), github (workflow commands) and html.
// One small file per format; Formats is the registry.
package report

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/ruledef"
	"github.com/trustcloud/trustcloud/internal/rules"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// FormatVersion is the version of the check JSON format.
const FormatVersion = "1"

// Report is everything a format may show.
type Report struct {
	FormatVersion string               `json:"format_version"`
	Tool          Tool                 `json:"tool"`
	Catalog       inventory.CatalogRef `json:"catalog"`
	Policy        *inventory.PolicyRef `json:"policy"`
	// DisabledRules are the rules the policy switches off: every format
	// lists them in its header. Nil: none.
	DisabledRules []rules.DisabledRule `json:"disabled_rules,omitempty"`
	// InlineWaivers are the waiver comments found in the configuration's
	// .tf files, in force or not: every format lists them. Nil: none.
	InlineWaivers []*rules.InlineWaiver `json:"inline_waivers,omitempty"`
	Plan          inventory.PlanRef     `json:"plan"`
	// Evaluation says whether the configuration was evaluated from its
	// sources or read from plan JSON alone. Left nil, the formats take
	// the inventory's; nil there too, they say nothing of it.
	Evaluation *inventory.Evaluation `json:"evaluation,omitempty"`
	// Freshness says how old the catalog was when the check ran: a
	// catalog too old to vouch for today's qualifications is said in
	// every format, once. Nil: not stated.
	Freshness *Freshness           `json:"catalog_freshness,omitempty"`
	Findings  []*Finding           `json:"findings"`
	Summary   Summary              `json:"summary"`
	Inventory *inventory.Inventory `json:"-"`
	Options   Options              `json:"-"`
}

// StaleAfterDays is the age past which a catalog is said to be stale:
// ANSSI publishes its catalogue of qualified services about monthly.
const StaleAfterDays = 45

// Freshness is the catalog's age at the time of the check.
type Freshness struct {
	// AsOf and AnssiEdition are the catalog's dates (its facts, and the
	// ANSSI catalogue edition its statuses reflect).
	AsOf         string `json:"as_of"`
	AnssiEdition string `json:"anssi_edition,omitempty"`
	// AgeDays is the number of days from AsOf to the check.
	AgeDays int `json:"age_days"`
	// Stale is set when AgeDays exceeds StaleAfterDays.
	Stale bool `json:"stale"`
}

// NewFreshness computes a catalog's freshness at a time. A catalog whose
// date cannot be read has AgeDays -1 and is stale: nothing vouches for
// its facts.
func NewFreshness(c inventory.CatalogRef, now time.Time) *Freshness {
	asOf, err := time.Parse(time.DateOnly, c.AsOf)
	if err != nil {
		return &Freshness{AsOf: c.AsOf, AnssiEdition: c.AnssiEdition, AgeDays: -1, Stale: true}
	}
	days := int(now.Sub(asOf).Hours() / 24)
	return &Freshness{AsOf: c.AsOf, AnssiEdition: c.AnssiEdition, AgeDays: days, Stale: days > StaleAfterDays}
}

// Tool names the program that made the report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Options tune rendering.
type Options struct {
	// Color enables ANSI colours (text on a terminal only).
	Color bool
	// Width is the width the text report wraps its lines to (the
	// terminal's), 0 for no wrapping: a file, a pipe, a CI log.
	Width int
	// PlanFile is the path reports point at when a resource has no
	// source location.
	PlanFile string
	// Lang is the language of the formats written for people (text,
	// markdown, html, junit, sarif, github); empty is English. The
	// machine formats (json, gitlab) ignore it.
	Lang i18n.Lang
	// Started and Finished are when the check ran; the OSCAL assessment
	// results and the JUnit suites record them (zero: the time the report
	// is written).
	Started, Finished time.Time
	// Hostname is the machine the check ran on, which the JUnit suites
	// record ("" is written localhost, as the Ant JUnit schema asks).
	Hostname string
	// WorkDir is the directory the report's relative file names are
	// relative to: where the check ran ("" is the process's working
	// directory). Root is the repository that holds it ("" is WorkDir):
	// reports name the files inside Root relative to it, with forward
	// slashes, so that GitHub and GitLab annotate the right line when the
	// check runs in a subdirectory or is given absolute paths.
	WorkDir, Root string
}

// Finding is a rule finding as reported: with its fingerprint, whether it
// is new in this change, and where its resource is written.
type Finding struct {
	*rules.Finding
	// Fingerprint identifies the finding across runs: see Fingerprint.
	Fingerprint string `json:"fingerprint"`
	// Status is "new", or "existing" when a baseline or --new-only says
	// the merge request did not introduce it.
	Status string `json:"status"`
	// NewBecause says why a new finding is new, when a baseline or
	// --new-only was asked to tell new from existing: a verdict never
	// rests on something only stderr says. Nil otherwise.
	NewBecause []NewReason `json:"new_because,omitempty"`
	Source     *SourceRef  `json:"source"`
}

// NewReason is one reason a finding is new.
type NewReason struct {
	// Reason is one of the Reason constants.
	Reason string `json:"reason"`
	// Changed, for ReasonChanged, names what the rules read that the
	// change alters: the InputX constants.
	Changed []string `json:"changed,omitempty"`
	// Detail says it for people, in English: before and after.
	Detail string `json:"detail,omitempty"`
	// Texts are Detail's parts not yet rendered, for the reports written
	// for people in their language.
	Texts []i18n.Msg `json:"-"`
}

// Because makes a NewReason whose Detail is texts, joined.
func Because(reason string, texts ...i18n.Msg) *NewReason {
	return &NewReason{Reason: reason, Texts: texts, Detail: joinTexts(texts, i18n.English)}
}

// DetailIn is Detail in a language.
func (r NewReason) DetailIn(l i18n.Lang) string {
	if len(r.Texts) == 0 {
		return r.Detail
	}
	return joinTexts(r.Texts, l)
}

// joinTexts renders texts in a language, joined by "; ".
func joinTexts(texts []i18n.Msg, l i18n.Lang) string {
	parts := make([]string, len(texts))
	for i, t := range texts {
		parts[i] = t.In(l)
	}
	return strings.Join(parts, i18n.T(l, "config.separator"))
}

// Why a finding is new.
const (
	// ReasonCreated: the plan creates the resource.
	ReasonCreated = "created"
	// ReasonReplaced: the plan replaces the resource (its create half).
	ReasonReplaced = "replaced"
	// ReasonImported: the plan imports the resource (import blocks).
	ReasonImported = "imported"
	// ReasonChanged (--new-only): the change alters what the rules read.
	ReasonChanged = "changed"
	// ReasonNotExisting (--new-only): the prior state has no such
	// resource.
	ReasonNotExisting = "not_in_prior_state"
	// ReasonNotInBaseline: the baseline has no finding with this
	// fingerprint.
	ReasonNotInBaseline = "not_in_baseline"
	// ReasonBeyondBaseline: the baseline has findings with this
	// fingerprint, all used by other findings (count grew), or at a
	// lower severity than this one.
	ReasonBeyondBaseline = "beyond_baseline"
	// ReasonPolicyRelaxed: TC013, which only --policy or
	// TRUSTCLOUD_POLICY accepts, never a baseline.
	ReasonPolicyRelaxed = "policy_relaxed"
)

// What --new-only compares, as NewReason.Changed names it.
const (
	InputLocation      = "location"
	InputDataLocations = "data_locations"
	InputOperator      = "operator"
	InputLevel         = "level"
)

// SourceRef is where a resource is declared.
type SourceRef struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

// Finding statuses.
const (
	StatusNew      = "new"
	StatusExisting = "existing"
)

// Summary counts what a check found and what it could not look at.
type Summary struct {
	Resources int `json:"resources"`
	// Analysed counts managed resources not only being deleted.
	Analysed        int `json:"analysed"`
	UnknownLocation int `json:"unknown_location"`
	UnknownOperator int `json:"unknown_operator"`
	// Findings counts the findings not waived (new and existing).
	Findings   int            `json:"findings"`
	New        int            `json:"new"`
	Existing   int            `json:"existing"`
	Waived     int            `json:"waived"`
	BySeverity map[string]int `json:"by_severity"`
	ByRule     map[string]int `json:"by_rule"`
	FailOn     string         `json:"fail_on"`
	// Failed is true when a new, unwaived finding is at or above FailOn.
	Failed bool `json:"failed"`
}

// Format renders a report.
type Format struct {
	Name string
	// Ext is the usual file extension.
	Ext   string
	Write func(w io.Writer, r *Report) error
}

// Formats is the registry of output formats, by name.
var Formats = map[string]Format{}

func register(f Format) { Formats[f.Name] = f }

// Names returns the format names, sorted.
func Names() []string {
	out := make([]string, 0, len(Formats))
	for n := range Formats {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// dropCountIndexes removes every "[N]" (N decimal digits) from an address,
// as the regular expression `\[[0-9]+\]` replaced by "" does, leftmost
// first, without a regular expression: it runs once per finding.
func dropCountIndexes(s string) string {
	if strings.IndexByte(s, '[') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] == '[' {
			j := i + 1
			for j < len(s) && '0' <= s[j] && s[j] <= '9' {
				j++
			}
			if j > i+1 && j < len(s) && s[j] == ']' {
				i = j + 1
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// Fingerprint identifies a finding across runs. It hashes the rule id, the
// resource address with count indexes removed (so that renumbering a
// count does not make findings new; for_each keys are kept, they name the
// instance), and what the rule looked at: the location's status and region
// and the operator. It does not hash file names or line numbers, so moving
// a block does not change it, nor the message text.
func Fingerprint(f *rules.Finding) string {
	op := ""
	if f.Operator != nil {
		op = *f.Operator
	}
	parts := []string{f.Rule, dropCountIndexes(f.Address), f.Location.Status, f.Location.Region, op}
	if d := f.DataLocation; d != nil {
		// Two flows of one resource are two findings: a baseline that
		// accepts one must not cover the other.
		parts = append(parts, "data", d.Attribute, d.Status, d.Region)
	}
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x1f")))
	return hex.EncodeToString(sum[:16])
}

// Summarize counts findings; failOn is a severity name or "none".
func Summarize(inv *inventory.Inventory, findings []*Finding, failOn string) Summary {
	s := Summary{Resources: len(inv.Resources), BySeverity: map[string]int{}, ByRule: map[string]int{}, FailOn: failOn}
	for _, sev := range policy.Severities {
		s.BySeverity[string(sev)] = 0
	}
	for _, r := range inv.Resources {
		if !r.Managed() || r.DeleteOnly() {
			continue
		}
		s.Analysed++
		if r.Location.Status == inventory.StatusUnknown {
			s.UnknownLocation++
		}
		if r.Operator == nil && r.Location.Status != inventory.StatusNotApplicable {
			s.UnknownOperator++
		}
	}
	threshold := policy.Severity(failOn).Rank()
	for _, f := range findings {
		if f.Waived {
			s.Waived++
			continue
		}
		s.Findings++
		s.BySeverity[string(f.Severity)]++
		s.ByRule[f.Rule]++
		if f.Status == StatusExisting {
			s.Existing++
			continue
		}
		s.New++
		if failOn != "none" && f.Severity.Rank() >= threshold {
			s.Failed = true
		}
	}
	return s
}

// location returns where a finding points: its resource's source, else
// the plan file, as given (reports write it through ciPath).
func (r *Report) location(f *Finding) (string, int) {
	if f.Source != nil {
		return f.Source.File, f.Source.Line
	}
	return r.Options.PlanFile, 1
}

// lang is the report's language: Options.Lang, English when it is empty.
func (r *Report) lang() i18n.Lang {
	if r.Options.Lang == "" {
		return i18n.English
	}
	return r.Options.Lang
}

// t renders a message in the report's language.
func (r *Report) t(key string, args ...any) string { return i18n.T(r.lang(), key, args...) }

// n renders a count with its noun in the report's language.
func (r *Report) n(key string, n int) string { return i18n.N(r.lang(), key, n) }

// message is what a finding says, in the report's language.
func (r *Report) message(f *Finding) string { return messageIn(r.lang(), f) }

// remediation is what to do about a finding, in the report's language.
func (r *Report) remediation(f *Finding) string { return remediationIn(r.lang(), f) }

// ruleTitle is the name of a finding's rule for people.
func (r *Report) ruleTitle(f *Finding) string {
	return ruledef.Rule{ID: ruledef.ID(f.Rule), Name: f.Name}.Title(r.lang())
}

// severity is a severity's name in the report's language (high, élevée).
func (r *Report) severity(s policy.Severity) string {
	return i18n.Or("severity."+string(s), string(s)).In(r.lang())
}

// level is a sensitivity level's name in the report's language.
func (r *Report) level(name string) string { return rules.LevelName(name).In(r.lang()) }

// evaluation is how the configuration's values were found: the report's,
// else its inventory's; nil when neither says.
func (r *Report) evaluation() *inventory.Evaluation {
	if r.Evaluation != nil {
		return r.Evaluation
	}
	if r.Inventory != nil {
		return r.Inventory.Evaluation
	}
	return nil
}

// evaluationText says in a language how the configuration was evaluated,
// "" when ev is nil. It changes verdicts (an inferred location can reveal
// a breach, never show compliance), so every format shows it.
func evaluationText(lang i18n.Lang, ev *inventory.Evaluation) string {
	switch {
	case ev == nil:
		return ""
	case ev.Mode == inventory.EvaluatedFromConfigOnly:
		return i18n.T(lang, "report.eval.config_only", originIn(lang, ev))
	case ev.Mode == inventory.EvaluatedFromSources && ev.Origin != "":
		return i18n.T(lang, "report.eval.sources", originIn(lang, ev))
	case ev.Mode == inventory.EvaluatedFromSources:
		return i18n.T(lang, "report.eval.sources_unnamed")
	case ev.Mode == inventory.EvaluatedFromJSON:
		return i18n.T(lang, "report.eval.plan_json")
	case ev.Mode == inventory.EvaluatedFromState:
		return stateText(lang, ev.State)
	}
	return i18n.T(lang, "report.eval.unknown_mode", ev.Mode, ev.Note)
}

// catalogRef is the catalog the report rests on: its own, with the dates
// its freshness gives where it lacks them.
func (r *Report) catalogRef() inventory.CatalogRef {
	ref := r.Catalog
	if f := r.Freshness; f != nil {
		if ref.AsOf == "" {
			ref.AsOf = f.AsOf
		}
		if ref.AnssiEdition == "" {
			ref.AnssiEdition = f.AnssiEdition
		}
	}
	return ref
}

// catalogDate says in a language when a catalog's facts date from, the
// edition of ANSSI's catalogue its statuses reflect and the user catalog
// files merged over it: "2026-12-03 (ANSSI catalogue of 2026-09-15), with
// the catalog file my.json"; "" when it has no date. Every format shows
// it: a verdict is only as good as the catalog's date and its sources.
func catalogDate(lang i18n.Lang, ref inventory.CatalogRef) string {
	var d string
	switch {
	case ref.AsOf == "":
		return ""
	case ref.AnssiEdition == "":
		d = ref.AsOf
	default:
		d = i18n.T(lang, "report.catalog.edition", ref.AsOf, ref.AnssiEdition)
	}
	if len(ref.Files) > 0 {
		d = i18n.T(lang, "report.catalog.files", d, strings.Join(ref.Files, ", "))
	}
	return d
}

// catalogText is catalogDate as a statement: "catalog as of 2026-12-03
// (ANSSI catalogue of 2026-09-15)"; "" when the catalog has no date.
func catalogText(lang i18n.Lang, ref inventory.CatalogRef) string {
	if d := catalogDate(lang, ref); d != "" {
		return i18n.T(lang, "report.catalog", d)
	}
	return ""
}

// staleText says in a language that the catalog is too old to vouch for
// today's qualifications, and how to get a newer one; "" when f is nil
// or fresh. Formats say it once per report, not per finding.
func staleText(lang i18n.Lang, f *Freshness) string {
	switch {
	case f == nil || !f.Stale:
		return ""
	case f.AgeDays < 0:
		return i18n.T(lang, "report.catalog.undated", f.AsOf)
	case f.AnssiEdition == "":
		return i18n.T(lang, "report.catalog.stale", i18n.P("n.day", f.AgeDays), f.AsOf)
	}
	return i18n.T(lang, "report.catalog.stale_edition", i18n.P("n.day", f.AgeDays), f.AsOf, f.AnssiEdition)
}

// originIn names the sources in a language, from their kind and path;
// an evaluation that records neither keeps its English origin.
func originIn(lang i18n.Lang, ev *inventory.Evaluation) string {
	switch ev.Sources {
	case tfconfig.FromPlanFile:
		return i18n.T(lang, "report.eval.origin.snapshot", path.Base(ev.Path))
	case tfconfig.FromDirectory:
		return i18n.T(lang, "report.eval.origin.directory", ev.Path)
	}
	return ev.Origin
}

// inferred says why a location is only inferred, "" when it is not.
func inferred(lang i18n.Lang, l inventory.Location) string {
	if l.Unverified.IsZero() {
		return ""
	}
	return i18n.T(lang, "report.inferred", l.Unverified)
}

// policyName names the policy in a language: its file, how it was chosen
// and the start of its SHA-256, over the profile it starts from
// ("trustcloud.hcl (discovered in ., sha256 1a2b3c4d5e6f…) over profile
// fr-cloud-au-centre"); the profile alone without a file. file formats a
// path (Report.ciPath for markdown).
func policyName(lang i18n.Lang, ref *inventory.PolicyRef, file func(string) string) string {
	switch {
	case ref == nil:
		return policy.DefaultProfile
	case ref.File == "":
		return ref.Profile
	}
	sha := ref.SHA256
	if len(sha) > 12 {
		sha = sha[:12] + "…"
	}
	var s string
	switch {
	case sha == "":
		s = file(ref.File)
	case ref.Source == policy.SourceFlag:
		s = i18n.T(lang, "report.policy.flag", file(ref.File), sha)
	case ref.Source == policy.SourceEnv:
		s = i18n.T(lang, "report.policy.env", file(ref.File), sha)
	case ref.Source == policy.SourceDiscovered:
		s = i18n.T(lang, "report.policy.discovered", path.Base(filepath.ToSlash(ref.File)), file(filepath.Dir(ref.File)), sha)
	default:
		s = i18n.T(lang, "report.policy.file", file(ref.File), sha)
	}
	if ref.Profile != "" && ref.Profile != policy.ProfileNone {
		s = i18n.T(lang, "report.policy.over", s, ref.Profile)
	}
	return s
}

// relaxationsTitle introduces the policy's relaxations, "" when it has
// none: every format that names the policy lists them, so that what a
// policy file gives up is in plain sight.
func relaxationsTitle(lang i18n.Lang, ref *inventory.PolicyRef) string {
	if ref == nil || len(ref.Relaxations) == 0 {
		return ""
	}
	profile := ref.Profile
	if profile == "" || profile == policy.ProfileNone {
		profile = policy.DefaultProfile
	}
	return i18n.T(lang, "report.policy.relaxations", profile)
}

// disabledText lists the rules the policy disables in a language
// ("Rules disabled by the policy: TC010 (qualification-expiring)"), ""
// when it disables none.
func disabledText(lang i18n.Lang, rs []rules.DisabledRule) string {
	if len(rs) == 0 {
		return ""
	}
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.Rule + " (" + r.Name + ")"
	}
	return i18n.T(lang, "report.disabled_rules", strings.Join(names, ", "))
}

// inlineLine says in a language where an inline waiver is, what it
// waives and what became of it: "main.tf:12 aws_s3_bucket.logs TC001:
// in force, 1 finding waived".
func inlineLine(lang i18n.Lang, w *rules.InlineWaiver) string {
	var status string
	switch w.Status {
	case rules.InlineInForce:
		status = i18n.T(lang, "report.inline.in_force", i18n.P("n.finding", w.Waived))
	case rules.InlineExpired:
		status = i18n.T(lang, "report.inline.expired", w.Expires)
	case rules.InlineInvalid:
		status = i18n.T(lang, "report.inline.invalid", w.DetailIn(lang))
	default:
		status = i18n.T(lang, "report.inline."+w.Status)
	}
	res := w.Resource
	if res == "" {
		res = i18n.T(lang, "report.inline.no_block")
	}
	ids := strings.Join(w.Rules, ", ")
	if ids == "" {
		ids = "?"
	}
	return w.At + " " + res + " " + ids + ": " + status
}

// stateText says in a language that the input is a deployed state, and
// which snapshot: a state file's serial and lineage, or that `terraform
// show -json` records neither.
func stateText(lang i18n.Lang, ref *inventory.StateRef) string {
	if ref == nil || ref.Kind != "tfstate" {
		return i18n.T(lang, "report.eval.state_json")
	}
	serial := i18n.T(lang, "report.eval.state_no_serial")
	if ref.Serial != nil {
		serial = strconv.FormatUint(*ref.Serial, 10)
	}
	lineage := ref.Lineage
	if lineage == "" {
		lineage = i18n.T(lang, "report.eval.state_no_lineage")
	}
	return i18n.T(lang, "report.eval.state_file", serial, lineage)
}
