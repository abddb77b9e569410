package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/trustcloud/trustcloud/internal/policy"
)

func init() {
	register(Format{Name: "github", Ext: ".txt", Write: writeGitHub})
}

// GitHub Actions workflow commands: printed by a step, each line becomes
// an annotation on the file and line it names. New findings are errors
// (critical, high), warnings (medium) or notices (low, info); existing and
// waived findings are notices, so that only what the change brings stands
// out. A plain summary line ends the output.

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
	for _, f := range r.Findings {
		cmd := githubCommand(f.Severity)
		title := f.Rule + " " + f.Name
		text := ciWithAddress(ciFindingText(f), f.Address)
		switch {
		case f.Waived:
			cmd, title = "notice", title+" (waived)"
			text = fmt.Sprintf("%s. Waived by %s.", ciWithAddress(f.Message, f.Address), ciWaiverText(f))
		case f.Status == StatusExisting:
			cmd, title = "notice", title+" (existing)"
			text = "Existing before this change. " + text
		}
		file, line := r.location(f)
		fmt.Fprintf(&b, "::%s file=%s,line=%d,title=%s::%s\n", cmd,
			githubProperty.Replace(ciPath(file)), max(line, 1), githubProperty.Replace(title), githubData.Replace(text))
	}
	s := r.Summary
	fmt.Fprintf(&b, "trustcloud: %s analysed, %s (%d new, %d existing), %d waived; %s\n",
		plural(s.Analysed, "resource"), plural(s.Findings, "finding"), s.New, s.Existing, s.Waived, githubVerdict(r))
	_, err := io.WriteString(w, b.String())
	return err
}

// githubVerdict says whether the change passes, in the words of the
// markdown verdict.
func githubVerdict(r *Report) string {
	s := r.Summary
	switch n := blockingFindings(r); {
	case s.FailOn == "none":
		return "no blocking threshold set"
	case s.Failed || n > 0:
		return fmt.Sprintf("%s at or above %s: this change does not meet the doctrine", plural(n, "new finding"), s.FailOn)
	}
	return "no new finding at or above " + s.FailOn
}
