package report

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// machineFormats do not change with the language: scripts read them.
var machineFormats = map[string]bool{"json": true, "gitlab": true, "oscal": true}

// rawKey is a message key printed as it is: T returns the key it cannot
// find.
var rawKey = regexp.MustCompile(`\b(?:rule|finding|fix|stage|area|severity|level|data_level|report|n|where|inventory|text|ci|sarif|junit|github|md|html|doctrine|cli)\.[A-Za-z0-9_.]+`)

var relaxationWhat = regexp.MustCompile(`"what": "[^"]*"`)

var scriptRE = regexp.MustCompile(`(?s)<(script|style)>.*?</(script|style)>`)

// TestFormatsByLanguage renders every scenario in every format and
// language: the machine formats are the same in every language, the others
// differ from English in French and hold no unformatted key or verb.
func TestFormatsByLanguage(t *testing.T) {
	for _, c := range scenarioCases {
		t.Run(c.name, func(t *testing.T) {
			r := c.build(t)
			for _, name := range Names() {
				r.Options.Lang = i18n.English
				en := string(renderFormat(t, name, r))
				r.Options.Lang = i18n.French
				fr := string(renderFormat(t, name, r))
				if machineFormats[name] {
					if en != fr {
						t.Errorf("%s changes with the language:\n%s", name, cmp.Diff(en, fr))
					}
					continue
				}
				// The scenarios are read from plan JSON alone: every
				// format for people says so in its reader's language.
				if !strings.Contains(strings.ToLower(en), "plan json alone: values read through references are inferred") ||
					!strings.Contains(fr, "JSON du plan seul : les valeurs lues à travers des références sont déduites") {
					t.Errorf("%s does not say, in English and in French, that the configuration was read from plan JSON alone", name)
				}
				// Every format for people names the ANSSI catalogue
				// edition the catalog reflects, in its reader's language
				// (SARIF in its run properties, for programs).
				if ed := r.Catalog.AnssiEdition; name != "sarif" && (ed == "" || !strings.Contains(en, "ANSSI catalogue of "+ed) ||
					!strings.Contains(strings.ReplaceAll(fr, "&#39;", "'"), "catalogue de l'ANSSI du "+ed)) {
					t.Errorf("%s does not name the ANSSI catalogue edition %q in English and in French", name, ed)
				}
				// JUnit names its tests in English: without a finding
				// it has no message to translate.
				if en == fr && (name != "junit" || len(r.Findings) > 0) {
					t.Errorf("%s is the same in French and English", name)
				}
				for _, out := range []string{en, fr} {
					if strings.Contains(out, "%!") {
						t.Errorf("%s: a format verb went wrong: %q", name, out[max(0, strings.Index(out, "%!")-60):min(len(out), strings.Index(out, "%!")+60)])
					}
				}
				// The page's script and style and the tool's address are not text.
				text := scriptRE.ReplaceAllString(fr, "")
				text = strings.ReplaceAll(text, "github.com", "")
				// A relaxation's "what" names a setting of the policy
				// file (level.sensitive.rule_severity.TC002), for
				// programs: no message key.
				text = relaxationWhat.ReplaceAllString(text, "")
				if k := rawKey.FindAllString(text, -1); len(k) > 0 {
					t.Errorf("%s: message keys printed as they are: %q", name, k)
				}
			}
			r.Options.Lang = ""
		})
	}
}

// TestTextInFrench checks the French text report of the ministry scenario:
// the doctrine's words, the rule names and a waived finding.
func TestTextInFrench(t *testing.T) {
	var c scenarioCase
	for _, sc := range scenarioCases {
		if sc.name == "ministry" {
			c = sc
		}
	}
	r := c.build(t)
	r.Options.Lang = i18n.French
	out := string(renderFormat(t, "text", r))
	for _, want := range []string{
		"[données sensibles ; aws eu-west-3, FR]",
		"TC007 (dérogation expirée)",
		"la dérogation DER-",
		"TC002 (offre non qualifiée)",
		"DÉROGATION TC002 (offre non qualifiée)",
		"dérogation DER-",
		"existant (élevée) TC002",
		"exige la qualification SecNumCloud",
		"module racine",
		"ÉCHEC : ",
		", dont 1 déjà présent avant cette modification",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the French text report lacks %q:\n%s", want, out)
		}
	}
	for _, english := range []string{"WAIVED", "waiver ", "what to do", "root module", "existing"} {
		if strings.Contains(out, english) {
			t.Errorf("the French text report says %q:\n%s", english, out)
		}
	}
}

// plural is an English count and noun, as the English reports write it:
// the tests of the English formats build their expectations with it.
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
