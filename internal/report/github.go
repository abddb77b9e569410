package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/policy"
)

func init() {
	register(Format{Name: "github", Ext: ".txt", Write: writeGitHub})
}

// GitHub Actions workflow commands: printed by a step, each line becomes
// an annotation on the file and line it names. New findings are errors
// (critical, high), warnings (medium) or notices (low, info); existing and
// waived findings are notices, so that only what the change brings stands
// out. A notice on the run first says how the configuration was evaluated,
// a plain line the catalog's date, and a warning on the run that the
// catalog is stale when it is; a plain summary line ends the output.

var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// githubCommand maps a severity to a workflow command.
func githubCommand(s policy.Severity) string {
	switch s {
	case policy.SeverityCritical, policy.SeverityHigh:
		return "error"
	case policy.SeverityMedium:
		return "warning"
	}
	return "notice"
}

func writeGitHub(w io.Writer, r *Report) error {
	var b strings.Builder
	lang := r.lang()
	// Not tied to a file: GitHub shows it on the run.
	if text := evaluationText(lang, r.evaluation()); text != "" {
		fmt.Fprintf(&b, "::notice title=%s::%s\n", githubProperty.Replace(r.t("github.evaluation")), githubData.Replace(text))
	}
	// The catalog's date is a plain line of the log; a stale catalog is
	// a warning on the run, once.
	if text := catalogText(lang, r.catalogRef()); text != "" {
		fmt.Fprintf(&b, "%s\n", r.t("github.catalog_line", text))
	}
	if text := staleText(lang, r.Freshness); text != "" {
		fmt.Fprintf(&b, "::warning title=%s::%s\n", githubProperty.Replace(r.t("github.catalog")), githubData.Replace(text))
	}
	for _, f := range r.Findings {
		cmd := githubCommand(f.Severity)
		title := f.Rule + " " + r.ruleTitle(f)
		text := ciWithAddress(ciFindingText(lang, f), f.Address)
		switch {
		case f.Waived:
			cmd, title = "notice", title+r.t("github.waived")
			text = r.t("github.waived_text", ciWithAddress(r.message(f), f.Address), ciWaiverText(lang, f))
		case f.Status == StatusExisting:
			cmd, title = "notice", title+r.t("github.existing")
			text = r.t("github.existing_text", text)
		}
		file, line := r.location(f)
		fmt.Fprintf(&b, "::%s file=%s,line=%d,title=%s::%s\n", cmd,
			githubProperty.Replace(r.ciPath(file)), max(line, 1), githubProperty.Replace(title), githubData.Replace(text))
	}
	s := r.Summary
	fmt.Fprintf(&b, "%s\n", r.t("github.summary",
		i18n.P("n.resource_analysed", s.Analysed), s.UnknownLocation, s.UnknownOperator, i18n.P("n.finding", s.Findings), s.New, s.Existing, s.Waived, githubVerdict(r)))
	_, err := io.WriteString(w, b.String())
	return err
}

// githubVerdict says whether the change passes, in the words of the
// markdown verdict.
func githubVerdict(r *Report) string {
	s := r.Summary
	switch n := blockingFindings(r); {
	case s.FailOn == "none":
		return r.t("github.verdict_none")
	case s.Failed || n > 0:
		return r.t("github.verdict_blocked", i18n.P("n.new_finding", n), r.threshold())
	}
	return r.t("github.verdict_ok", r.threshold())
}
