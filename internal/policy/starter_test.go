package policy

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/golden"
)

// TestStarterFile checks that each starter file loads without any
// diagnostic to exactly its profile, explains every attribute, and matches
// its golden copy (make golden rewrites them).
func TestStarterFile(t *testing.T) {
	for _, name := range Profiles() {
		t.Run(name, func(t *testing.T) {
			src := StarterFile(name)
			file := name + ".hcl"
			p, diags := Parse(file, src)
			if len(diags) > 0 {
				t.Fatalf("the starter file has diagnostics:\n%s", FormatDiagnostics(diags))
			}
			want, err := Profile(name)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, p, policyOpts); diff != "" {
				t.Errorf("starter policy differs from its profile (-profile +starter):\n%s", diff)
			}

			text := string(src)
			// Each attribute and block is named where a comment explains it.
			explained := []string{
				"# profile:", "# rule_severity:", "# disabled_rules:", "# allow_inline_waivers:", "# classification:", "# default_level:", "# tag_keys:",
				"# module_inputs:", "# aliases:", `# module "GLOB":`, `# level "NAME":`,
				"#   description ", "#   allowed_area ", "#   allowed_countries ", "#   require_secnumcloud ",
				"#   allow_pending ", "#   require_known_location ", "#   unknown_location ",
				"#   allow_extraterritorial ", "#   severity ", "#   rule_severity ",
				`# waiver "ID":`, "#   addresses ", "#   rules ", "#   reason ", "#   expires ", "#   approved_by ",
			}
			for _, e := range explained {
				if !strings.Contains(text, e) {
					t.Errorf("no comment explains %q", e)
				}
			}
			for _, example := range []string{"\n  # module \"", "\n# waiver \"DER-2026-004\" {\n"} {
				if !strings.Contains(text, example) {
					t.Errorf("the commented-out example %q is missing", example)
				}
			}

			golden.Assert(t, filepath.Join("testdata", "starter", file), src)
		})
	}
}

// TestStarterExamples uncomments the examples of a starter file: they must
// be valid too, since users will do exactly that.
func TestStarterExamples(t *testing.T) {
	for _, name := range Profiles() {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			inExample := false
			for _, line := range strings.SplitAfter(string(StarterFile(name)), "\n") {
				trimmed := strings.TrimSpace(line)
				switch {
				case strings.HasPrefix(trimmed, `# module "module.`) && strings.HasSuffix(trimmed, "{"),
					strings.HasPrefix(trimmed, `# waiver "DER-`) && strings.HasSuffix(trimmed, "{"):
					inExample = true
				case trimmed == "# }" || trimmed == "#   }":
					out.WriteString(strings.Replace(line, "# ", "", 1))
					inExample = false
					continue
				}
				if inExample {
					line = strings.Replace(line, "# ", "", 1)
				}
				out.WriteString(line)
			}
			p, diags := Parse(name+".hcl", out.Bytes())
			if len(diags) > 0 {
				t.Fatalf("uncommented starter file:\n%s\n%s", FormatDiagnostics(diags), out.String())
			}
			if ex := starterExamples[name]; p.Level(ex.moduleLevel) == nil || len(ex.waiverRules) == 0 {
				t.Errorf("profile %s has no starter example, or one with an unknown level: %+v", name, ex)
			}
			if len(p.Classification.Modules) != 1 || len(p.Waivers) != 1 {
				t.Errorf("got %d module rules and %d waivers, want 1 and 1", len(p.Classification.Modules), len(p.Waivers))
			}
		})
	}
}

func TestStarterFileDefaultAndUnknown(t *testing.T) {
	if !bytes.Equal(StarterFile(""), StarterFile(DefaultProfile)) {
		t.Error(`StarterFile("") is not the default profile's`)
	}
	if got := StarterFile("nope"); got != nil {
		t.Errorf("StarterFile(nope) = %d bytes, want nil", len(got))
	}
}
