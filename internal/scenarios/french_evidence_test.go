package scenarios_test

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/report"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// frenchEvidenceScenarios have many kinds of evidence between them:
// provider and attribute regions, zones, defaults, data flows (replicas,
// geo-redundant pairs, destinations), values computed at apply time,
// inferred locations, every kind of classification signal.
var frenchEvidenceScenarios = []string{
	"aws-s3-replication", "azure-geo-redundancy", "classification-signals", "ministry", "aws-region-apply-time",
	"aws-dynamic-replicas", "aws-default-tags", "aws-no-region", "google-secrets-pubsub", "ovhcloud-legal-entities",
	"s3ns-universe-from-credentials", "policy-module-moved", "module-sensitivity-inheritance", "azure-data-platform",
}

// englishWords are English words that French text never holds, as whole
// words: function words, and the nouns and verbs evidence is made of.
var englishWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the of is are and to by its it which whose from with at only so nor neither be has
		have not no or an that where but cannot this into over does any every when there than
		known computed sets says located provider inferred goes`) {
		englishWords[w] = true
	}
}

// quotedText is what evidence quotes from the plan: left out, as any
// identifier.
var quotedText = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|«[^»]*»`)

// englishIn returns the English words of a line of evidence, identifiers
// and quoted values left out: a word with a dot, slash, underscore, equals
// sign, digit, bracket, quote or hyphen is an address, attribute path,
// region code or value.
func englishIn(line string) []string {
	line = quotedText.ReplaceAllString(line, " ")
	var out []string
	for _, w := range strings.FieldsFunc(line, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("(),;:", r)
	}) {
		if strings.ContainsAny(w, "._/=[]{}'`\"-0123456789$*") {
			continue
		}
		if englishWords[strings.ToLower(w)] {
			out = append(out, w)
		}
	}
	return out
}

// evidenceMsgs are every evidence and reason of an inventory.
func evidenceMsgs(inv *inventory.Inventory) []i18n.Msg {
	var out []i18n.Msg
	loc := func(l inventory.Location) {
		out = append(out, l.Evidence...)
		for _, m := range []i18n.Msg{l.Reason, l.Unverified} {
			if !m.IsZero() {
				out = append(out, m)
			}
		}
	}
	for _, r := range inv.Resources {
		loc(r.Location)
		for _, d := range r.DataLocations {
			loc(d)
		}
		out = append(out, r.Sensitivity.Evidence...)
		out = append(out, r.Sensitivity.Unclassified...)
	}
	return out
}

// withoutTexts renders a message in French with the texts kept as they
// were written left out (ev.text: a message of HCL or of the function
// library, evidence read back from a JSON report).
func withoutTexts(m i18n.Msg) string {
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		switch a := a.(type) {
		case i18n.Msg:
			if a.Key == "ev.text" {
				args[i] = ""
				continue
			}
			args[i] = i18n.Text(withoutTexts(a))
		default:
			args[i] = a
		}
	}
	if m.Key == "ev.text" {
		return ""
	}
	return i18n.T(i18n.French, m.Key, args...)
}

// TestFrenchEvidence renders scenarios in French — the text report, the
// inventory's text, and every evidence and reason of the inventory — and
// fails on an evidence or reason line that is still English: from the plan
// alone (plan JSON: the inventory's own reading of the configuration), and
// with the sources (the evaluator's).
func TestFrenchEvidence(t *testing.T) {
	cat := defaultCatalog(t)
	labels := []string{"inventory.location", "inventory.replica", "inventory.level", "inventory.inferred", "text.why_label"}
	checked := 0
	for _, name := range frenchEvidenceScenarios {
		dir := filepath.Join(root, name)
		t.Run(name, func(t *testing.T) {
			_, pol := loadExpectation(t, dir)
			opts := check.Options{Plan: filepath.Join(dir, "plan.json"), PlanName: "plan.json", Catalog: cat, Policy: pol,
				Now: func() time.Time { return now }, Lang: i18n.French}
			for _, sources := range []bool{false, true} {
				opts.Sources = nil
				if sources {
					opts.Sources = func(tool tfconfig.Tool) (*tfconfig.Config, error) { return tfconfig.LoadDir(dir, tool) }
				}
				res, err := check.Run(opts)
				if err != nil {
					t.Fatal(err)
				}
				var text, inv bytes.Buffer
				if err := report.Formats["text"].Write(&text, res.Report); err != nil {
					t.Fatal(err)
				}
				report.WriteInventoryText(&inv, res.Inventory, false, i18n.French)
				for _, line := range strings.Split(text.String()+inv.String(), "\n") {
					trimmed := strings.TrimSpace(line)
					for _, key := range labels {
						label := i18n.T(i18n.French, key)
						if rest, ok := strings.CutPrefix(trimmed, label); ok {
							checked++
							if words := englishIn(rest); len(words) > 0 {
								t.Errorf("sources %v: English words %q in the line:\n%s", sources, words, line)
							}
						}
					}
				}
				for _, m := range evidenceMsgs(res.Inventory) {
					checked++
					if fr := withoutTexts(m); len(englishIn(fr)) > 0 {
						t.Errorf("sources %v, %s: English words %q in %q", sources, m.Key, englishIn(fr), fr)
					}
				}
			}
		})
	}
	if checked < 500 {
		t.Errorf("checked %d lines and messages, expected hundreds: are the labels or the scenarios gone?", checked)
	}
}

// TestEnglishDetected: the detector of TestFrenchEvidence finds English
// evidence, and passes its French.
func TestEnglishDetected(t *testing.T) {
	m := i18n.M("ev.parent_unknown", i18n.M("ev.refers_to", "bucket", "aws_s3_bucket.logs"), i18n.M("ev.computed", "aws_s3_bucket.logs.region"))
	if got := englishIn(m.In(i18n.English)); len(got) < 3 {
		t.Errorf("English words of %q = %q, want several", m.In(i18n.English), got)
	}
	if got := englishIn(m.In(i18n.French)); len(got) > 0 {
		t.Errorf("English words of %q = %q, want none", m.In(i18n.French), got)
	}
}
