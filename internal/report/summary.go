package report

import (
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/policy"
)

// SummaryLine is the verdict and counts of a report in one line, without
// colour, as the text report ends: the command line prints it on stderr
// when no report for people goes to stdout.
func SummaryLine(rep *Report) string { return summaryLine(rep, palette{}) }

// summaryLine is the text report's last line: verdict, resources
// analysed, findings by severity, waived findings and threshold.
func summaryLine(rep *Report, p palette) string {
	s := rep.Summary
	var sev []string
	for i := len(policy.Severities) - 1; i >= 0; i-- {
		if n := s.BySeverity[string(policy.Severities[i])]; n > 0 {
			sev = append(sev, rep.t("report.count", n, rep.severity(policy.Severities[i])))
		}
	}
	counts := rep.t("text.no_finding")
	if s.Findings > 0 {
		counts = rep.t("text.findings", i18n.P("n.finding", s.Findings), strings.Join(sev, ", "))
	}
	verdict := p.wrap("32", rep.t("text.passed"))
	if s.Failed {
		verdict = p.wrap("1;31", rep.t("text.failed"))
	}
	if s.Existing > 0 {
		counts += rep.n("text.existing_before", s.Existing)
	}
	return rep.t("text.summary",
		verdict, i18n.P("n.resource_analysed", s.Analysed), s.UnknownLocation, s.UnknownOperator, counts, s.Waived, rep.threshold())
}
