package report

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/trustcloud/trustcloud/internal/policy"
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
	informationURI      = "https://github.com/trustcloud/trustcloud"
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
	Help                 sarifHelp          `json:"help"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           map[string]any     `json:"properties,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool `json:"executionSuccessful"`
}

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

// Doctrine references quoted in the rules' help.
const (
	refCircular    = `the "Cloud au centre" circular (2021, updated 2023)`
	refSREN        = "the SREN law of 10 April 2024, which makes the doctrine binding on State administrations"
	refSNCLocation = "SecNumCloud 3.2 §19.2 (customer and technical data stored and processed in the EU)"
	refSNCImmunity = "SecNumCloud 3.2 §19.6 (an EU provider, immune to non-EU extraterritorial law)"
	refSNC         = "SecNumCloud 3.2 (ANSSI qualification, milestones J0 to J3)"
)

// ruleDoc is what SARIF viewers show about a rule beyond rules.Rule.
type ruleDoc struct {
	short      string
	why        []string
	fix        string
	defaultLvl string
}

// ruleDocs: defaultLvl is the SARIF level of the rule at the lowest
// level of the default profile where it fires (medium at internal,
// high from sensitive up, TC007 high); every result sets its own level.
var ruleDocs = map[string]ruleDoc{
	"TC001": {
		short:      "Resource located outside the area its sensitivity level allows",
		why:        []string{refCircular + ": sensitive data stays in the EU", refSREN, refSNCLocation},
		fix:        "Deploy the resource in a region of the allowed area (EU/EEA by default, the level's country list when the policy sets one).",
		defaultLvl: "warning",
	},
	"TC002": {
		short:      "No SecNumCloud-qualified offer covers the resource",
		why:        []string{refCircular + ": sensitive data goes to a SecNumCloud-qualified offer", refSREN, refSNC},
		fix:        "Move the resource to a SecNumCloud-qualified offer, or record a temporary, approved waiver (dérogation) in the policy.",
		defaultLvl: "error",
	},
	"TC003": {
		short:      "The plan does not tell where the resource is",
		why:        []string{refCircular + ": compliance must be shown, and an unknown location cannot be", refSNCLocation},
		fix:        "Set the region explicitly, with a value known at plan time, in the provider configuration or on the resource.",
		defaultLvl: "warning",
	},
	"TC004": {
		short:      "Non-regional (global) service used for data that must stay in a known region",
		why:        []string{refCircular + ": sensitive data stays in a known EU location", refSNCLocation},
		fix:        "Keep data of this level out of global services (IAM, DNS, CDN …), or classify the resource at a level that allows them.",
		defaultLvl: "error",
	},
	"TC005": {
		short:      "Operator exposed to non-EU extraterritorial law",
		why:        []string{refCircular + ": immunity from extraterritorial law", refSREN, refSNCImmunity},
		fix:        "Use an operator the catalog knows to be immune to non-EU extraterritorial law.",
		defaultLvl: "warning",
	},
	"TC006": {
		short:      "Replica, backup or secondary location outside the allowed area",
		why:        []string{refCircular + ": copies of the data are data too", refSNCLocation},
		fix:        "Keep replicas, backups and secondary locations inside the allowed area, or remove the replication.",
		defaultLvl: "warning",
	},
	"TC007": {
		short:      "A waiver (dérogation) covering a finding has expired",
		why:        []string{refCircular + ": a waiver is an explicit, temporary exception", refSREN},
		fix:        "Fix the finding the waiver covered, or renew the waiver with a new expiry date and approval.",
		defaultLvl: "error",
	},
	"TC008": {
		short:      "The operator's offer is only on its way to SecNumCloud (J0–J2 or in progress)",
		why:        []string{refCircular + ": only a qualified offer counts", refSREN, refSNC},
		fix:        "Wait for the qualification, move to an offer already qualified, or allow pending qualifications for the level (allow_pending = true) if the doctrine lets you.",
		defaultLvl: "error",
	},
}

func sarifRuleOf(r rules.Rule) sarifRule {
	doc, ok := ruleDocs[r.ID]
	if !ok {
		doc = ruleDoc{short: r.Summary, defaultLvl: "warning"}
	}
	var text, md strings.Builder
	fmt.Fprintf(&text, "%s %s: %s\n", r.ID, r.Name, r.Summary)
	fmt.Fprintf(&md, "**%s %s**: %s\n", r.ID, r.Name, r.Summary)
	if len(doc.why) > 0 {
		fmt.Fprintf(&text, "\nDoctrine: %s.\n", strings.Join(doc.why, "; "))
		md.WriteString("\nDoctrine:\n\n")
		for _, w := range doc.why {
			fmt.Fprintf(&md, "- %s\n", w)
		}
	}
	if doc.fix != "" {
		fmt.Fprintf(&text, "\nWhat to do: %s\n", doc.fix)
		fmt.Fprintf(&md, "\n**What to do:** %s\n", doc.fix)
	}
	return sarifRule{
		ID: r.ID, Name: r.Name,
		ShortDescription:     sarifText{doc.short},
		FullDescription:      sarifText{r.Summary},
		Help:                 sarifHelp{Text: text.String(), Markdown: md.String()},
		DefaultConfiguration: sarifConfiguration{doc.defaultLvl},
		Properties:           map[string]any{"tags": []string{"compliance", "data-residency"}},
	}
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
	catalogRules := r.Rules
	if len(catalogRules) == 0 {
		catalogRules = rules.Rules
	}
	driver := sarifDriver{Name: "trustcloud", Version: r.Tool.Version, InformationURI: informationURI}
	index := map[string]int{}
	addRule := func(rule rules.Rule) {
		index[rule.ID] = len(driver.Rules)
		driver.Rules = append(driver.Rules, sarifRuleOf(rule))
	}
	for _, rule := range catalogRules {
		addRule(rule)
	}
	results := []sarifResult{}
	for _, f := range r.Findings {
		if _, ok := index[f.Rule]; !ok {
			// A rule the report's list misses still needs a descriptor
			// for ruleIndex to point at.
			addRule(rules.Rule{ID: f.Rule, Name: f.Name})
		}
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
		if f.Waiver != nil {
			props["waiver"] = map[string]any{"id": f.Waiver.ID, "expires": f.Waiver.Expires, "expired": f.Waiver.Expired}
		}
		res := sarifResult{
			RuleID: f.Rule, RuleIndex: index[f.Rule], Level: sarifLevel(f.Severity),
			Message: sarifText{ciFindingText(f)},
			Locations: []sarifLocation{{
				PhysicalLocation: sarifPhysicalLocation{
					ArtifactLocation: sarifArtifactLocation{URI: sarifURI(file)},
					Region:           sarifRegion{StartLine: max(line, 1)},
				},
				LogicalLocations: []sarifLogicalLocation{{FullyQualifiedName: f.Address, Kind: "resource"}},
			}},
			PartialFingerprints: map[string]string{sarifFingerprintKey: ciFingerprint(f)},
			BaselineState:       "new",
			Properties:          props,
		}
		if f.Status == StatusExisting {
			res.BaselineState = "unchanged"
		}
		if f.Waived {
			res.Suppressions = []sarifSuppression{{Kind: "external", Status: "accepted", Justification: ciWaiverText(f)}}
		}
		results = append(results, res)
	}
	log := sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{{
		Tool:        sarifTool{driver},
		Invocations: []sarifInvocation{{ExecutionSuccessful: true}},
		Results:     results,
	}}}
	return WriteJSON(w, log)
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

// ciFindingText is the message followed by what to do, as one paragraph.
func ciFindingText(f *Finding) string {
	msg := strings.TrimSpace(f.Message)
	if msg != "" && !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	if f.Remediation == "" {
		return msg
	}
	return msg + " What to do: " + strings.TrimSpace(f.Remediation)
}

// ciWaiverText describes the waiver of a finding: id, reason, approver and
// expiry.
func ciWaiverText(f *Finding) string {
	w := f.Waiver
	if w == nil {
		return "waived"
	}
	verb := "expires"
	if w.Expired {
		verb = "expired"
	}
	return fmt.Sprintf("waiver %s: %s (approved by %s; %s %s)", w.ID, w.Reason, w.ApprovedBy, verb, w.Expires)
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
// path CI systems expect. Absolute paths inside the working directory are
// made relative to it (CI runs from the repository root); others are kept.
func ciPath(p string) string {
	if p == "" {
		return p
	}
	p = filepath.Clean(p)
	if filepath.IsAbs(p) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				p = rel
			}
		}
	}
	return filepath.ToSlash(p)
}

// sarifURI is a file name as a SARIF URI reference: relative when it can
// be, percent-encoded.
func sarifURI(p string) string {
	p = ciPath(p)
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
