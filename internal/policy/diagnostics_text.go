package policy

import (
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// diagText is what a diagnostic of trustcloud's own says, not yet
// rendered: it rides in the diagnostic's Extra, so that
// FormatDiagnosticsIn can say it in the user's language.
type diagText struct {
	summary, detail i18n.Msg
}

// diagnostic is an error at subject, in English, with its texts for
// other languages.
func diagnostic(subject *hcl.Range, summary, detail i18n.Msg) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  summary.String(),
		Detail:   detail.String(),
		Subject:  subject,
		Extra:    &diagText{summary: summary, detail: detail},
	}
}

// FormatDiagnosticsIn is FormatDiagnostics in a language: trustcloud's
// own diagnostics are translated, and those of the HCL parser (syntax
// errors, unsupported arguments) that i18n.HCL knows; the others stay as
// the parser says them.
func FormatDiagnosticsIn(diags hcl.Diagnostics, l i18n.Lang) string {
	if l == i18n.English {
		return FormatDiagnostics(diags)
	}
	var b strings.Builder
	for _, d := range diags {
		if t, ok := d.Extra.(*diagText); ok {
			c := *d
			c.Summary, c.Detail = t.summary.In(l), t.detail.In(l)
			d = &c
		} else if summary, detail, ok := i18n.HCL(l, d.Summary, d.Detail); ok {
			c := *d
			c.Summary, c.Detail = summary, detail
			d = &c
		}
		b.WriteString(formatDiagnosticIn(d, l))
		b.WriteByte('\n')
	}
	return b.String()
}

// diagnosticsError is a policy's diagnostics as an error that the
// command line prints in the user's language.
type diagnosticsError struct {
	diags hcl.Diagnostics
}

// DiagnosticsError returns diagnostics as an error: its message is
// FormatDiagnostics, In(l) FormatDiagnosticsIn.
func DiagnosticsError(diags hcl.Diagnostics) error { return &diagnosticsError{diags} }

func (e *diagnosticsError) Error() string { return FormatDiagnostics(e.diags) }

// In renders the diagnostics in a language.
func (e *diagnosticsError) In(l i18n.Lang) string { return FormatDiagnosticsIn(e.diags, l) }

// In renders the error diagnostics in a language, as Error does in English.
func (e *Error) In(l i18n.Lang) string {
	var errs hcl.Diagnostics
	for _, d := range e.Diagnostics {
		if d.Severity == hcl.DiagError {
			errs = append(errs, d)
		}
	}
	return strings.TrimSuffix(FormatDiagnosticsIn(errs, l), "\n")
}
