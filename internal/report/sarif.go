package report

import (
	"fmt"
	"io"
	"iter"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/ruledef"
	"github.com/trustcloud/trustcloud/internal/rules"
)

func init() {
	register(Format{Name: "sarif", Ext: ".sarif", Write: writeSARIF})
}

// SARIF 2.1.0 (OASIS), the format GitHub code scanning, GitLab and most
// IDEs import. Only the properties trustcloud fills are modelled.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// sarifFingerprintKey versions the fingerprint: a change in what
	// Fingerprint hashes must bump it, so that viewers do not match
	// results across incompatible runs.
	sarifFingerprintKey = "trustcloudFingerprint/v1"
	informationURI      = ruledef.RepositoryURL
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
	Properties  map[string]any    `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	HelpURI              string             `json:"helpUri,omitempty"`
	Help                 sarifHelp          `json:"help"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           map[string]any     `json:"properties,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
	// Enabled is false for a rule the policy disables; left out
	// otherwise (SARIF's default is true).
	Enabled *bool `json:"enabled,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level      string             `json:"level"`
	Message    sarifText          `json:"message"`
	Descriptor sarifDescriptorRef `json:"descriptor"`
}

type sarifDescriptorRef struct {
	ID string `json:"id"`
}

// sarifEvaluationID names the notification saying how the configuration
// was evaluated.
const sarifEvaluationID = "trustcloud/evaluation"

// sarifStaleCatalogID names the notification saying the catalog is stale.
const sarifStaleCatalogID = "trustcloud/stale-catalog"

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	BaselineState       string             `json:"baselineState"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          map[string]any     `json:"properties"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation  `json:"physicalLocation"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

type sarifLogicalLocation struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification"`
}

// sarifRuleOf is a rule's descriptor: its texts in the report's language,
// the doctrine it rests on, its default level, its page (helpUri), and
// the security-severity and precision GitHub code scanning ranks alerts
// by. A rule the registry lacks (a finding of a newer trustcloud) has its
// id and name only, at level warning.
func sarifRuleOf(r ruledef.Rule, lang i18n.Lang) sarifRule {
	summary := r.Summary(lang)
	title := r.Title(lang)
	var text, md strings.Builder
	fmt.Fprintf(&text, "%s\n", i18n.T(lang, "sarif.help.head", r.ID, title, summary))
	fmt.Fprintf(&md, "%s\n", i18n.T(lang, "sarif.help.head_md", r.ID, title, summary))
	if cites := r.Citations(); len(cites) > 0 {
		why := make([]string, len(cites))
		for i, w := range cites {
			why[i] = w.In(lang)
		}
		fmt.Fprintf(&text, "\n%s\n", i18n.T(lang, "sarif.help.doctrine", strings.Join(why, i18n.T(lang, "sarif.help.separator"))))
		fmt.Fprintf(&md, "\n%s\n\n", i18n.T(lang, "sarif.help.doctrine_md"))
		for _, w := range why {
			fmt.Fprintf(&md, "- %s\n", w)
		}
	}
	if fix := r.Help(lang); fix != "" {
		fmt.Fprintf(&text, "\n%s\n", i18n.T(lang, "sarif.help.fix", fix))
		fmt.Fprintf(&md, "\n%s\n", i18n.T(lang, "sarif.help.fix_md", fix))
	}
	level := "warning"
	props := map[string]any{"tags": []string{"compliance", "data-residency"}}
	var help string
	if _, known := ruledef.Lookup(r.ID); known {
		level = sarifLevel(policy.Severity(r.Default))
		props["security-severity"] = sarifSecuritySeverity(policy.Severity(r.Default))
		props["precision"] = string(r.Precision)
		help = r.Link()
	}
	return sarifRule{
		ID: string(r.ID), Name: r.Name,
		ShortDescription:     sarifText{r.Short(lang)},
		FullDescription:      sarifText{summary},
		HelpURI:              help,
		Help:                 sarifHelp{Text: text.String(), Markdown: md.String()},
		DefaultConfiguration: sarifConfiguration{Level: level},
		Properties:           props,
	}
}

// sarifSecuritySeverity is a severity as GitHub code scanning's
// security-severity property reads it: a score from 0.0 to 10.0 written
// as a string, which GitHub ranks critical above 9.0, high from 7.0,
// medium from 4.0, low below. Each severity gets a score inside its band;
// info, which GitHub has no band for, is low.
func sarifSecuritySeverity(s policy.Severity) string {
	switch s {
	case policy.SeverityCritical:
		return "9.5"
	case policy.SeverityHigh:
		return "8.0"
	case policy.SeverityMedium:
		return "5.5"
	case policy.SeverityLow:
		return "3.0"
	}
	return "1.0"
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s policy.Severity) string {
	switch s {
	case policy.SeverityCritical, policy.SeverityHigh:
		return "error"
	case policy.SeverityMedium:
		return "warning"
	}
	return "note"
}

func writeSARIF(w io.Writer, r *Report) error {
	run, index := sarifRunOf(r)
	log := sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}
	return writeJSONList(w, log, 3, "results", sarifResults(r, index), appendSARIFResult)
}

// sarifRunOf is the report's run without its results (an empty list),
// and the index of each rule in the run's rules.
func sarifRunOf(r *Report) (sarifRun, map[string]int) {
	driver := sarifDriver{Name: "trustcloud", Version: r.Tool.Version, InformationURI: informationURI}
	index := map[string]int{}
	addRule := func(rule ruledef.Rule) {
		index[string(rule.ID)] = len(driver.Rules)
		d := sarifRuleOf(rule, r.lang())
		for _, x := range r.DisabledRules {
			if x.Rule == string(rule.ID) {
				d.DefaultConfiguration.Enabled = new(bool)
			}
		}
		driver.Rules = append(driver.Rules, d)
	}
	for _, rule := range ruledef.All() {
		addRule(rule)
	}
	for _, f := range r.Findings {
		if _, ok := index[f.Rule]; !ok {
			// A rule the report's list misses still needs a descriptor
			// for ruleIndex to point at.
			addRule(ruledef.Rule{ID: ruledef.ID(f.Rule), Name: f.Name})
		}
	}
	run := sarifRun{
		Tool:        sarifTool{driver},
		Invocations: []sarifInvocation{{ExecutionSuccessful: true}},
		Results:     []sarifResult{},
		// What the run could look at (analysed, unknown location and
		// operator, waived …): the check JSON summary.
		Properties: map[string]any{"summary": r.Summary},
	}
	if ev := r.evaluation(); ev != nil {
		// For programs, the check JSON's evaluation object; for people,
		// a notification of the run, a warning when values may be only
		// inferred.
		run.Properties["evaluation"] = ev
		level := "warning"
		if ev.Mode == inventory.EvaluatedFromSources || ev.Mode == inventory.EvaluatedFromState {
			level = "note"
		}
		run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications, sarifNotification{
			Level: level, Message: sarifText{evaluationText(r.lang(), ev)}, Descriptor: sarifDescriptorRef{sarifEvaluationID},
		})
	}
	// The catalog the verdicts rest on (the check JSON's catalog and
	// catalog_freshness objects) and, when it is stale, a warning of the
	// run.
	run.Properties["catalog"] = r.catalogRef()
	// The policy: its file, how it was chosen, its SHA-256 and what it
	// relaxes (the check JSON's policy object).
	if r.Policy != nil {
		run.Properties["policy"] = r.Policy
	}
	// The rules it disables and the inline waivers, as in the check JSON.
	if len(r.DisabledRules) > 0 {
		run.Properties["disabledRules"] = r.DisabledRules
	}
	if len(r.InlineWaivers) > 0 {
		run.Properties["inlineWaivers"] = r.InlineWaivers
	}
	if f := r.Freshness; f != nil {
		run.Properties["catalogFreshness"] = f
		if text := staleText(r.lang(), f); text != "" {
			run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications, sarifNotification{
				Level: "warning", Message: sarifText{text}, Descriptor: sarifDescriptorRef{sarifStaleCatalogID},
			})
		}
	}
	return run, index
}

// sarifResults yields the result of each finding, in order; index is
// the rules' (sarifRunOf).
func sarifResults(r *Report, index map[string]int) iter.Seq[*sarifResult] {
	return func(yield func(*sarifResult) bool) {
		for _, f := range r.Findings {
			if !yield(sarifResultOf(r, f, index)) {
				return
			}
		}
	}
}

// sarifResultOf is a finding's result.
func sarifResultOf(r *Report, f *Finding, index map[string]int) *sarifResult {
	file, line := r.location(f)
	props := map[string]any{
		"severity":         string(f.Severity),
		"sensitivityLevel": f.Sensitivity.Level,
		"locationStatus":   f.Location.Status,
		"status":           ciStatus(f),
	}
	if f.Location.Region != "" {
		props["region"] = f.Location.Region
	}
	if f.Operator != nil {
		props["operator"] = *f.Operator
	}
	if !f.Location.Unverified.IsZero() {
		props["locationInferred"] = f.Location.Unverified.In(r.lang())
	}
	if f.Waiver != nil {
		props["waiver"] = map[string]any{"id": f.Waiver.ID, "expires": f.Waiver.Expires, "expired": f.Waiver.Expired}
	}
	res := &sarifResult{
		RuleID: f.Rule, RuleIndex: index[f.Rule], Level: sarifLevel(f.Severity),
		Message: sarifText{ciFindingText(r.lang(), f)},
		Locations: []sarifLocation{{
			PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: sarifArtifactLocation{URI: r.sarifURI(file)},
				Region:           sarifRegion{StartLine: max(line, 1)},
			},
			LogicalLocations: []sarifLogicalLocation{{FullyQualifiedName: f.Address, Kind: "resource"}},
		}},
		PartialFingerprints: map[string]string{sarifFingerprintKey: ciFingerprint(f)},
		BaselineState:       "new",
		Properties:          props,
	}
	if f.Type == rules.PolicyType {
		// The policy file itself: its physical location says it all.
		res.Locations[0].LogicalLocations = []sarifLogicalLocation{}
	}
	if f.Status == StatusExisting {
		res.BaselineState = "unchanged"
	}
	if f.Waived {
		kind := "external"
		if f.Waiver != nil && f.Waiver.Source == rules.WaiverInline {
			// A comment next to the code: SARIF's in-source suppression.
			kind = "inSource"
		}
		res.Suppressions = []sarifSuppression{{Kind: kind, Status: "accepted", Justification: ciWaiverText(r.lang(), f)}}
	}
	return res
}

// The helpers below are shared by the CI formats (sarif, junit, gitlab,
// markdown, github).

// ciStatus is a finding's status, "new" when the report left it empty.
func ciStatus(f *Finding) string {
	if f.Status == StatusExisting {
		return StatusExisting
	}
	return StatusNew
}

// ciFingerprint is the finding's fingerprint, computed when the report
// left it empty.
func ciFingerprint(f *Finding) string {
	if f.Fingerprint != "" {
		return f.Fingerprint
	}
	return Fingerprint(f.Finding)
}

// messageIn is what a finding says, in a language.
func messageIn(lang i18n.Lang, f *Finding) string {
	return f.Message.In(lang)
}

// remediationIn is what to do about a finding, in a language.
func remediationIn(lang i18n.Lang, f *Finding) string {
	if f.RemediationText.IsZero() {
		return f.Remediation
	}
	return f.RemediationText.In(lang)
}

// ciFindingText is the message followed by what to do, as one paragraph.
func ciFindingText(lang i18n.Lang, f *Finding) string {
	msg := strings.TrimSpace(messageIn(lang, f))
	if msg != "" && !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	fix := strings.TrimSpace(remediationIn(lang, f))
	if fix == "" {
		return msg
	}
	return i18n.T(lang, "ci.finding", msg, fix)
}

// ciWaiverText describes the waiver of a finding: id, reason, approver and
// expiry.
func ciWaiverText(lang i18n.Lang, f *Finding) string {
	w := f.Waiver
	if w == nil {
		return i18n.T(lang, "ci.waived")
	}
	key := "ci.waiver"
	if w.Expired {
		key = "ci.waiver_expired"
	}
	return i18n.T(lang, key, w.ID, w.Reason, w.ApprovedBy, w.Expires)
}

// ciWithAddress puts the resource address before a text that does not
// name it, since a finding may point at the plan file rather than at its
// block.
func ciWithAddress(text, address string) string {
	if address == "" || strings.Contains(text, address) {
		return text
	}
	return address + ": " + text
}

// ciPath turns a file name into the repository-relative, forward-slash
// path CI systems expect: a file inside Options.Root (relative names are
// read from Options.WorkDir) is named relative to it; others are kept as
// given, cleaned. Standard input ("-", "<stdin>") is no file.
func (r *Report) ciPath(p string) string {
	if p == "" || p == "-" || p == "<stdin>" {
		return p
	}
	p = filepath.Clean(p)
	wd := r.Options.WorkDir
	if wd == "" {
		var err error
		if wd, err = os.Getwd(); err != nil {
			return filepath.ToSlash(p)
		}
	}
	root := r.Options.Root
	if root == "" {
		root = wd
	}
	abs := p
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(wd, p)
	}
	if rel, err := filepath.Rel(root, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		p = rel
	}
	return filepath.ToSlash(p)
}

// sarifURI is a file name as a SARIF URI reference: relative to the
// repository root when it can be (see ciPath), percent-encoded.
func (r *Report) sarifURI(p string) string {
	p = r.ciPath(p)
	if strings.HasPrefix(p, "/") || filepath.IsAbs(filepath.FromSlash(p)) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive path: file:///C:/…
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	// A relative path whose first segment holds a colon would read as a
	// scheme; "./" keeps it a path.
	if first, _, _ := strings.Cut(p, "/"); strings.Contains(first, ":") {
		p = "./" + p
	}
	return (&url.URL{Path: p}).String()
}
