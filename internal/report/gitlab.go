package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"iter"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/rules"
)

func init() {
	register(Format{Name: "gitlab", Ext: ".json", Write: writeGitLab})
}

// GitLab Code Quality report (artifacts:reports:codequality): a JSON array
// of Code Climate issues. GitLab reads description, check_name,
// fingerprint, severity, location.path and location.lines.begin; type,
// categories and content are there for other Code Climate readers.
//
// Existing (baseline) findings are included with their severity: GitLab
// compares the report with the target branch's itself. Waived findings are
// included at severity info, their waiver in the description.

type codeQualityIssue struct {
	Type        string              `json:"type"`
	CheckName   string              `json:"check_name"`
	Description string              `json:"description"`
	Content     *codeQualityContent `json:"content,omitempty"`
	Categories  []string            `json:"categories"`
	Fingerprint string              `json:"fingerprint"`
	Severity    string              `json:"severity"`
	Location    codeQualityLocation `json:"location"`
}

type codeQualityContent struct {
	Body string `json:"body"`
}

type codeQualityLocation struct {
	Path  string           `json:"path"`
	Lines codeQualityLines `json:"lines"`
}

type codeQualityLines struct {
	Begin int `json:"begin"`
}

// codeQualitySeverity maps a severity to a Code Quality one.
func codeQualitySeverity(s policy.Severity) string {
	switch s {
	case policy.SeverityCritical:
		return "blocker"
	case policy.SeverityHigh:
		return "critical"
	case policy.SeverityMedium:
		return "major"
	case policy.SeverityLow:
		return "minor"
	}
	return "info"
}

func writeGitLab(w io.Writer, r *Report) error {
	return writeJSONArray(w, codeQualityIssues(r), appendCodeQualityIssue)
}

// codeQualityIssues yields the report's issues, in order.
func codeQualityIssues(r *Report) iter.Seq[*codeQualityIssue] {
	return func(yield func(*codeQualityIssue) bool) {
		eachCodeQualityIssue(r, yield)
	}
}

// eachCodeQualityIssue calls yield with each issue of the report, until
// it returns false.
func eachCodeQualityIssue(r *Report, yield func(*codeQualityIssue) bool) {
	fps := uniqueFingerprints(r.Findings)
	// The format is a bare array of issues: how the configuration was
	// evaluated goes in each, a short mark in the description GitLab
	// shows when values may be only inferred, the full sentence in the
	// body other Code Climate readers show.
	evaluation, inferredMark := "", ""
	if ev := r.evaluation(); ev != nil {
		evaluation = "Evaluation: " + sentence(evaluationText(i18n.English, ev))
		if ev.Mode == inventory.EvaluatedFromJSON {
			inferredMark = " [plan JSON alone: referenced values are inferred]"
		}
	}
	// The catalog's date goes in each body the same way; a stale
	// catalog marks each description too, since the array has no place
	// to say it once and GitLab shows only descriptions. The marks leave
	// fingerprints as they are.
	catalog, staleMark := codeQualityCatalog(r)
	marks := staleMark + inferredMark
	categories := []string{"Security"}
	for i, f := range r.Findings {
		file, line := r.location(f)
		msg := f.Message.String()
		desc := fmt.Sprintf("%s %s: %s", f.Rule, f.Name, msg)
		if !strings.Contains(msg, f.Address) {
			desc = fmt.Sprintf("%s %s on %s: %s", f.Rule, f.Name, f.Address, msg)
		}
		sev := codeQualitySeverity(f.Severity)
		if f.Waived {
			desc += " (waived: " + ciWaiverText(i18n.English, f) + ")"
			sev = "info"
		}
		body := ""
		if f.Remediation != "" {
			body = "What to do: " + f.Remediation
		}
		if f.Type == rules.PolicyType {
			// A finding on the policy file: values of the plan play no part.
			desc += staleMark
		} else {
			desc += marks
		}
		if !yield(&codeQualityIssue{
			Type: "issue", CheckName: f.Rule, Description: desc, Content: codeQualityBody(body, evaluation, catalog),
			Categories:  categories,
			Fingerprint: fps[i], Severity: sev,
			Location: codeQualityLocation{Path: r.ciPath(file), Lines: codeQualityLines{Begin: max(line, 1)}},
		}) {
			return
		}
	}
	if c := codeQualityCoverage(r); c != nil {
		c.Description += marks
		c.Content = codeQualityBody(c.Content.Body, evaluation, catalog)
		yield(c)
	}
}

// codeQualityCatalog is the paragraph of an issue's body naming the
// catalog (and saying it is stale when it is), and the mark a stale
// catalog adds to each description ("" when it is fresh or not judged).
func codeQualityCatalog(r *Report) (paragraph, mark string) {
	var ps []string
	if text := catalogText(i18n.English, r.catalogRef()); text != "" {
		ps = append(ps, mdCapitalize(sentence(text)))
	}
	if f := r.Freshness; f != nil && f.Stale {
		ps = append(ps, mdCapitalize(sentence(staleText(i18n.English, f))))
		mark = " [stale catalog: undated, use a newer trustcloud or --catalog]"
		if f.AgeDays >= 0 {
			mark = fmt.Sprintf(" [stale catalog: %d days old, use a newer trustcloud or --catalog]", f.AgeDays)
		}
	}
	return strings.Join(ps, " "), mark
}

// codeQualityBody joins the paragraphs of an issue's body, nil when there
// is none.
func codeQualityBody(paragraphs ...string) *codeQualityContent {
	var ps []string
	for _, p := range paragraphs {
		if p != "" {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return nil
	}
	return &codeQualityContent{Body: strings.Join(ps, "\n\n")}
}

// codeQualityCoverage is an info issue saying what the run could not look
// at (resources with an unknown location or no catalog operator), nil
// when it looked at everything: Code Quality has no summary, and a clean
// run must not add an issue to the merge-request widget. Its fingerprint
// hashes the counts, so that GitLab shows it as new when they change.
func codeQualityCoverage(r *Report) *codeQualityIssue {
	s := r.Summary
	if s.UnknownLocation == 0 && s.UnknownOperator == 0 {
		return nil
	}
	sum := sha256.Sum256(fmt.Appendf(nil, "trustcloud-coverage\x1f%d\x1f%d", s.UnknownLocation, s.UnknownOperator))
	return &codeQualityIssue{
		Type: "issue", CheckName: "trustcloud-coverage",
		Description: fmt.Sprintf("trustcloud could not fully check the plan: of %d analysed resources, %d with an unknown location, %d with no catalog operator; %d findings waived",
			s.Analysed, s.UnknownLocation, s.UnknownOperator, s.Waived),
		Content:     &codeQualityContent{Body: "What to do: set the location of each resource at plan time, and add missing operators to a catalog file (--catalog); the check's inventory lists them."},
		Categories:  []string{"Bug Risk"},
		Fingerprint: hex.EncodeToString(sum[:16]), Severity: "info",
		Location: codeQualityLocation{Path: r.ciPath(r.Options.PlanFile), Lines: codeQualityLines{Begin: 1}},
	}
}

// uniqueFingerprints returns one fingerprint per finding, unique within
// the report. GitLab keys Code Quality issues by fingerprint and keeps one
// per value, but Fingerprint is the same for findings it deliberately does
// not tell apart (count instances of a resource, two replicas outside the
// area …). The first finding with a fingerprint keeps it; the n-th (n ≥ 2,
// in report order) gets the first 32 hex digits of
// sha256(fingerprint + "#" + n), and n moves on while that value is
// already taken. The result depends only on the findings and their order,
// which the rules sort.
func uniqueFingerprints(fs []*Finding) []string {
	out := make([]string, len(fs))
	taken := map[string]bool{}
	for _, f := range fs {
		taken[ciFingerprint(f)] = true
	}
	seen := map[string]int{}
	for i, f := range fs {
		fp := ciFingerprint(f)
		seen[fp]++
		if seen[fp] == 1 {
			out[i] = fp
			continue
		}
		for n := seen[fp]; ; n++ {
			sum := sha256.Sum256(fmt.Appendf(nil, "%s#%d", fp, n))
			alt := hex.EncodeToString(sum[:16])
			if !taken[alt] {
				taken[alt] = true
				seen[fp] = n
				out[i] = alt
				break
			}
		}
	}
	return out
}
