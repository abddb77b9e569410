package policy

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
)

func TestFormatDiagnostics(t *testing.T) {
	at := func(line, col int) *hcl.Range {
		return &hcl.Range{
			Filename: "policy.hcl",
			Start:    hcl.Pos{Line: line, Column: col},
			End:      hcl.Pos{Line: line, Column: col + 3},
		}
	}
	tests := []struct {
		name  string
		diags hcl.Diagnostics
		want  string
	}{
		{"none", nil, ""},
		{
			name: "error with detail",
			diags: hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid severity",
				Detail: `"x": use one of …`, Subject: at(4, 14)}},
			want: "policy.hcl:4,14: Invalid severity; \"x\": use one of …\n",
		},
		{
			name:  "without detail",
			diags: hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "No levels", Subject: at(1, 1)}},
			want:  "policy.hcl:1,1: No levels\n",
		},
		{
			name: "multi-line detail on one line",
			diags: hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Bad",
				Detail: "first line\n  second line", Subject: at(2, 3)}},
			want: "policy.hcl:2,3: Bad; first line second line\n",
		},
		{
			name: "warning",
			diags: hcl.Diagnostics{{Severity: hcl.DiagWarning, Summary: "Deprecated",
				Detail: "Use y.", Subject: at(7, 1)}},
			want: "policy.hcl:7,1: warning: Deprecated; Use y.\n",
		},
		{
			name: "file without position",
			diags: hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read policy file",
				Detail: "permission denied.", Subject: &hcl.Range{Filename: "p.hcl"}}},
			want: "p.hcl: Cannot read policy file; permission denied.\n",
		},
		{
			name:  "no subject",
			diags: hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Oops", Detail: "d"}},
			want:  "Oops; d\n",
		},
		{
			name: "several, in order",
			diags: hcl.Diagnostics{
				{Severity: hcl.DiagError, Summary: "B", Subject: at(9, 2)},
				{Severity: hcl.DiagError, Summary: "A", Subject: at(1, 5)},
			},
			want: "policy.hcl:9,2: B\npolicy.hcl:1,5: A\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatDiagnostics(tt.diags); got != tt.want {
				t.Errorf("FormatDiagnostics = %q\nwant                %q", got, tt.want)
			}
		})
	}
}

func TestErrorKeepsOnlyErrors(t *testing.T) {
	err := &Error{Diagnostics: hcl.Diagnostics{
		{Severity: hcl.DiagWarning, Summary: "W", Subject: &hcl.Range{Filename: "p.hcl", Start: hcl.Pos{Line: 1, Column: 1}}},
		{Severity: hcl.DiagError, Summary: "E", Subject: &hcl.Range{Filename: "p.hcl", Start: hcl.Pos{Line: 2, Column: 1}}},
	}}
	if got, want := err.Error(), "p.hcl:2,1: E"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
