package policy

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// FormatDiagnostics renders diagnostics one per line, each ending with a
// newline, as "file:line,col: summary; detail" (warnings say "warning:"
// before the summary; a problem with a file but no position prints as
// "file: summary; detail").
func FormatDiagnostics(diags hcl.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(formatDiagnostic(d))
		b.WriteByte('\n')
	}
	return b.String()
}

func formatDiagnostic(d *hcl.Diagnostic) string { return formatDiagnosticIn(d, i18n.English) }

// formatDiagnosticIn is formatDiagnostic with the word "warning" in a
// language; the summary and detail are the diagnostic's.
func formatDiagnosticIn(d *hcl.Diagnostic, l i18n.Lang) string {
	var b strings.Builder
	switch s := d.Subject; {
	case s == nil:
	case s.Start.Line == 0:
		fmt.Fprintf(&b, "%s: ", s.Filename)
	default:
		fmt.Fprintf(&b, "%s:%d,%d: ", s.Filename, s.Start.Line, s.Start.Column)
	}
	if d.Severity == hcl.DiagWarning {
		b.WriteString(i18n.T(l, "policy.warning_prefix"))
	}
	b.WriteString(d.Summary)
	if d.Detail != "" {
		b.WriteString(i18n.T(l, "policy.detail_separator"))
		// One diagnostic, one line: hcl's own details may wrap.
		b.WriteString(strings.Join(strings.Fields(d.Detail), " "))
	}
	return b.String()
}

// Error is a policy that does not load: its error diagnostics.
type Error struct {
	Diagnostics hcl.Diagnostics
}

// Error renders the error diagnostics as FormatDiagnostics does, without
// the final newline.
func (e *Error) Error() string {
	var errs hcl.Diagnostics
	for _, d := range e.Diagnostics {
		if d.Severity == hcl.DiagError {
			errs = append(errs, d)
		}
	}
	return strings.TrimSuffix(FormatDiagnostics(errs), "\n")
}

// Validate loads the policy file at path and returns an *Error if it has
// problems, for `trustcloud policy validate`.
func Validate(path string) error {
	if _, diags := Load(path); diags.HasErrors() {
		return &Error{Diagnostics: diags}
	}
	return nil
}
