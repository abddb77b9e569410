package policy

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// TestHCLTexts: the HCL diagnostics of broken policy files are recognised,
// the English catalog gives back hcl's own words (so the table reads them
// right), and French says them otherwise.
func TestHCLTexts(t *testing.T) {
	files := map[string]string{
		"unclosed.hcl":   "level {\n",
		"argument.hcl":   "colour = \"blue\"\nlevel \"a\" \"b\" {\n}\nlevel {\n}\n",
		"suggest.hcl":    "profle = \"none\"\n",
		"redefined.hcl":  "max_waiver_days = 10\nmax_waiver_days = 11\n",
		"static.hcl":     "disabled_rules = \"TC001\"\n",
		"duplicate.hcl":  "classification {\n}\nclassification {\n}\n",
		"expression.hcl": "x = \n",
		"definition.hcl": "level \"a\" {\n  x\n}\n",
		"newline.hcl":    "level \"a\" { x = 1 }\n",
		"string.hcl":     "x = \"abc\n",
		"block.hcl":      "level \"a\" = {\n}\n",
	}
	seen := 0
	for name, src := range files {
		_, diags := Parse(name, []byte(src))
		if !diags.HasErrors() {
			t.Errorf("%s: no error", name)
			continue
		}
		for _, d := range diags {
			if _, own := d.Extra.(*diagText); own {
				continue
			}
			seen++
			summary, detail, ok := i18n.HCL(i18n.English, d.Summary, d.Detail)
			if !ok {
				t.Errorf("%s: hcl's %q; %q is not in the table", name, d.Summary, d.Detail)
				continue
			}
			if summary != d.Summary || detail != d.Detail {
				t.Errorf("%s: the English catalog says %q; %q, hcl %q; %q", name, summary, detail, d.Summary, d.Detail)
			}
			fr := strings.TrimSpace(FormatDiagnosticsIn(hcl.Diagnostics{d}, i18n.French))
			if strings.Contains(fr, d.Summary) {
				t.Errorf("%s: French keeps the English summary: %s", name, fr)
			}
		}
	}
	if seen < len(files) {
		t.Errorf("only %d hcl diagnostics for %d files", seen, len(files))
	}
}
