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
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/plan"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/rules"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// FormatVersion is the version of the check JSON format.
const FormatVersion = "1"

// Report is everything a format may show.
type Report struct {
	FormatVersion string          `json:"format_version"`
	Tool          Tool            `json:"tool"`
	Catalog       plan.CatalogRef `json:"catalog"`
	Policy        *plan.PolicyRef `json:"policy"`
	Plan          plan.PlanRef    `json:"plan"`
	// Evaluation says whether the configuration was evaluated from its
	// sources or read from plan JSON alone. Left nil, the formats take
	// the inventory's; nil there too, they say nothing of it.
	Evaluation *plan.Evaluation `json:"evaluation,omitempty"`
	Findings   []*Finding       `json:"findings"`
	Summary    Summary          `json:"summary"`
	Inventory  *plan.Inventory  `json:"-"`
	Rules      []rules.Rule     `json:"-"`
	Options    Options          `json:"-"`
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
	// PlanFile is the path reports point at when a resource has no
	// source location.
	PlanFile string
	// Lang is the language of the formats written for people (text,
	// markdown, html, junit, sarif, github); empty is English. The
	// machine formats (json, gitlab) ignore it.
	Lang i18n.Lang
	// Started and Finished are when the check ran; the OSCAL assessment
	// results record them (zero: the time the report is written).
	Started, Finished time.Time
}

// Finding is a rule finding as reported: with its fingerprint, whether it
// is new in this change, and where its resource is written.
type Finding struct {
	*rules.Finding
	// Fingerprint identifies the finding across runs: see Fingerprint.
	Fingerprint string `json:"fingerprint"`
	// Status is "new", or "existing" when a baseline or --new-only says
	// the merge request did not introduce it.
	Status string     `json:"status"`
	Source *SourceRef `json:"source"`
}

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

var countIndex = regexp.MustCompile(`\[[0-9]+\]`)

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
	parts := []string{f.Rule, countIndex.ReplaceAllString(f.Address, ""), f.Location.Status, f.Location.Region, op}
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x1f")))
	return hex.EncodeToString(sum[:16])
}

// Summarize counts findings; failOn is a severity name or "none".
func Summarize(inv *plan.Inventory, findings []*Finding, failOn string) Summary {
	s := Summary{Resources: len(inv.Resources), BySeverity: map[string]int{}, ByRule: map[string]int{}, FailOn: failOn}
	for _, sev := range policy.Severities {
		s.BySeverity[string(sev)] = 0
	}
	for _, r := range inv.Resources {
		if !r.Managed() || r.DeleteOnly() {
			continue
		}
		s.Analysed++
		if r.Location.Status == plan.StatusUnknown {
			s.UnknownLocation++
		}
		if r.Operator == nil && r.Location.Status != plan.StatusNotApplicable {
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
// the plan file.
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
func (r *Report) ruleTitle(f *Finding) string { return rules.RuleTitle(r.lang(), f.Rule, f.Name) }

// severity is a severity's name in the report's language (high, élevée).
func (r *Report) severity(s policy.Severity) string {
	return i18n.Or("severity."+string(s), string(s)).In(r.lang())
}

// level is a sensitivity level's name in the report's language.
func (r *Report) level(name string) string { return rules.LevelName(name).In(r.lang()) }

// evaluation is how the configuration's values were found: the report's,
// else its inventory's; nil when neither says.
func (r *Report) evaluation() *plan.Evaluation {
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
func evaluationText(lang i18n.Lang, ev *plan.Evaluation) string {
	switch {
	case ev == nil:
		return ""
	case ev.Mode == plan.EvaluatedFromSources && ev.Origin != "":
		return i18n.T(lang, "report.eval.sources", originIn(lang, ev))
	case ev.Mode == plan.EvaluatedFromSources:
		return i18n.T(lang, "report.eval.sources_unnamed")
	case ev.Mode == plan.EvaluatedFromJSON:
		return i18n.T(lang, "report.eval.plan_json")
	}
	return i18n.T(lang, "report.eval.unknown_mode", ev.Mode, ev.Note)
}

// originIn names the sources in a language, from their kind and path;
// an evaluation that records neither keeps its English origin.
func originIn(lang i18n.Lang, ev *plan.Evaluation) string {
	switch ev.Sources {
	case tfconfig.FromPlanFile:
		return i18n.T(lang, "report.eval.origin.snapshot", path.Base(ev.Path))
	case tfconfig.FromDirectory:
		return i18n.T(lang, "report.eval.origin.directory", ev.Path)
	}
	return ev.Origin
}

// inferred says why a location is only inferred, "" when it is not.
func inferred(lang i18n.Lang, l plan.Location) string {
	if l.Unverified == "" {
		return ""
	}
	return i18n.T(lang, "report.inferred", l.Unverified)
}
