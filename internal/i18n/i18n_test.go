package i18n

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCatalogsHaveTheSameKeys fails when a message lacks a translation, in
// either direction, or is empty.
func TestCatalogsHaveTheSameKeys(t *testing.T) {
	for _, l := range Supported {
		c := catalogs[l]
		if c == nil {
			t.Fatalf("no catalog for supported language %s", l)
		}
		for _, other := range Supported {
			for key := range catalogs[other] {
				if _, ok := c[key]; !ok {
					t.Errorf("%s: key %q (in %s) has no translation", l, key, other)
				}
			}
		}
		for key, msg := range c {
			if strings.TrimSpace(msg) == "" {
				t.Errorf("%s: key %q is empty", l, key)
			}
		}
	}
	if len(catalogs) != len(Supported) {
		t.Errorf("%d catalogs for %d supported languages", len(catalogs), len(Supported))
	}
}

// verbRE matches a fmt verb: %[n] index, flags, width, precision, verb.
var verbRE = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*(?:\d+|\*)?(?:\.(?:\d+|\*)?)?([a-zA-Z%])`)

// verbs maps each argument number (from 1) of a format to its verb, as fmt
// reads them: an explicit index sets the next argument number.
func verbs(format string) (map[int]string, error) {
	out := map[int]string{}
	next := 1
	for _, m := range verbRE.FindAllStringSubmatch(format, -1) {
		if m[2] == "%" {
			continue
		}
		if m[1] != "" {
			n, err := strconv.Atoi(m[1])
			if err != nil {
				return nil, err
			}
			next = n
		}
		if prev, ok := out[next]; ok && prev != m[2] {
			return nil, fmt.Errorf("argument %d is both %%%s and %%%s", next, prev, m[2])
		}
		out[next] = m[2]
		next++
	}
	return out, nil
}

// TestPlaceholdersMatch fails when a translation does not take the same
// arguments, with the same verbs, as the English message.
func TestPlaceholdersMatch(t *testing.T) {
	for key, en := range english {
		want, err := verbs(en)
		if err != nil {
			t.Errorf("en %q: %v", key, err)
			continue
		}
		for _, l := range Supported {
			msg, ok := catalogs[l][key]
			if !ok {
				continue // TestCatalogsHaveTheSameKeys reports it
			}
			got, err := verbs(msg)
			if err != nil {
				t.Errorf("%s %q: %v", l, key, err)
				continue
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s %q: placeholders differ from English (-en +%s):\n%s", l, key, l, diff)
				continue
			}
			// Format with arguments of the verbs' types: fmt reports any
			// mistake the regexp missed as %!.
			args := make([]any, len(got))
			for n, v := range got {
				if n < 1 || n > len(got) {
					t.Errorf("%s %q: argument %d of %d", l, key, n, len(got))
					continue
				}
				switch v {
				case "d":
					args[n-1] = 3
				case "v":
					args[n-1] = fmt.Errorf("an error")
				default:
					args[n-1] = "x"
				}
			}
			if out := fmt.Sprintf(msg, args...); strings.Contains(out, "%!") {
				t.Errorf("%s %q: formats as %q", l, key, out)
			}
		}
	}
}

// TestPluralForms fails when a plural message lacks one of its forms.
func TestPluralForms(t *testing.T) {
	for key := range english {
		base, form, ok := cutLast(key)
		if !ok || (form != "one" && form != "other") {
			continue
		}
		for _, f := range []string{"one", "other"} {
			if _, ok := english[base+"."+f]; !ok {
				t.Errorf("plural %q has no %q form", base, f)
			}
		}
	}
}

func cutLast(key string) (string, string, bool) {
	i := strings.LastIndex(key, ".")
	if i < 0 {
		return "", "", false
	}
	return key[:i], key[i+1:], true
}

func TestFromEnv(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{}, English},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, French},
		{map[string]string{"LANG": "fr_CA"}, French},
		{map[string]string{"LANG": "fr"}, French},
		{map[string]string{"LANG": "FR_fr.utf8"}, French},
		{map[string]string{"LANG": "fr_BE@euro"}, French},
		{map[string]string{"LANG": "C"}, English},
		{map[string]string{"LANG": "C.UTF-8"}, English},
		{map[string]string{"LANG": "POSIX"}, English},
		{map[string]string{"LANG": "de_DE.UTF-8"}, English},
		{map[string]string{"LANG": "en_GB.UTF-8"}, English},
		// LC_ALL, then LC_MESSAGES, then LANG: the first set decides.
		{map[string]string{"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, English},
		{map[string]string{"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, French},
		{map[string]string{"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, French},
		{map[string]string{"LC_MESSAGES": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}, English},
		{map[string]string{"LC_ALL": "fr_FR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, French},
		{map[string]string{"LC_ALL": "", "LANG": "fr_FR.UTF-8"}, French},
	}
	for _, c := range cases {
		if got := FromEnv(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("FromEnv(%v) = %q, want %q", c.env, got, c.want)
		}
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Lang{"fr": French, "FR": French, "en": English, "En": English} {
		if got, ok := Parse(in); !ok || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "de", "fr_FR", "french", "english"} {
		if got, ok := Parse(in); ok {
			t.Errorf("Parse(%q) = %q, want an error", in, got)
		}
	}
	if got := SupportedNames(); got != "en, fr" {
		t.Errorf("SupportedNames() = %q", got)
	}
}

func TestT(t *testing.T) {
	cases := []struct {
		name string
		got  string
		want string
	}{
		{"english", T(English, "finding.at_level", "sensitive"), "at level sensitive"},
		{"french", T(French, "finding.at_level", "sensitive"), "au niveau « sensitive »"},
		{"empty language is English", T("", "text.passed"), "PASSED"},
		{"unknown language is English", T("de", "text.passed"), "PASSED"},
		{"unknown key", T(French, "no.such.key"), "no.such.key"},
		{"nested message", M("finding.at_level", Or("level.sensitive", "sensitive")).In(French), "au niveau « sensible »"},
		{"nested message, English", M("finding.at_level", Or("level.sensitive", "sensitive")).String(), "at level sensitive"},
		{"optional without translation", Or("level.gold", "gold").In(French), "gold"},
		{"text", M("finding.TC005", Text("x"), "op", Text("CLOUD Act")).In(French),
			"x n'admet pas d'exposition aux lois extraterritoriales, et op relève d'une juridiction extra-européenne (CLOUD Act), même dans ses régions de l'UE"},
		{"reordered arguments", T(French, "report.count", 2, "élevée"), "élevée : 2"},
		{"English plural 0", N(English, "n.finding", 0), "0 findings"},
		{"English plural 1", N(English, "n.finding", 1), "1 finding"},
		{"English plural 2", N(English, "n.finding", 2), "2 findings"},
		{"French plural 0", N(French, "n.finding", 0), "0 constat"},
		{"French plural 1", N(French, "n.finding", 1), "1 constat"},
		{"French plural 2", N(French, "n.finding", 2), "2 constats"},
		{"plural with arguments", N(French, "html.why_blocked", 2, "élevée"), "2 constats de gravité élevée ou plus, nouveaux et sans dérogation, bloquent cette modification."},
		{"plural as an argument", T(French, "text.findings", P("n.finding", 3), "élevée : 3"), "3 constats (élevée : 3)"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	if !(Msg{}).IsZero() || M("text.passed").IsZero() {
		t.Error("IsZero")
	}
}

// policyWaiverWords are the policy file's attribute names and block
// syntax that hold the word waiver.
var policyWaiverWords = regexp.MustCompile(`\b\w*_waivers?(_\w+)?\b|\bwaiver "`)

// TestDoctrineVocabulary checks the words the doctrine's French readers
// expect, where they belong.
func TestDoctrineVocabulary(t *testing.T) {
	want := map[string]string{
		"data_level.sensitive":    "données sensibles",
		"rule.TC007.title":        "dérogation",
		"text.waiver":             "dérogation",
		"finding.TC002":           "qualification SecNumCloud",
		"stage.J1":                "jalon J1",
		"stage.J0":                "jalon J0",
		"doctrine.circular":       "doctrine « Cloud au centre »",
		"doctrine.sren":           "loi SREN",
		"rule.TC001.title":        "hors UE",
		"html.bar_note.non_eu":    "hors UE",
		"finding.TC005":           "juridiction extra-européenne",
		"rule.TC005.summary":      "lois extraterritoriales",
		"doctrine.circular.TC001": "données sensibles",
	}
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !strings.Contains(french[k], want[k]) {
			t.Errorf("fr %q = %q, want it to say %q", k, french[k], want[k])
		}
	}
	// "waiver" is "dérogation" everywhere, never a loan word; the policy
	// file's own words (max_waiver_days, a waiver "ID" block) are quoted
	// as they are written.
	for k, msg := range french {
		msg = policyWaiverWords.ReplaceAllString(msg, "")
		if strings.Contains(strings.ToLower(msg), "waiver") {
			t.Errorf("fr %q says waiver: %q", k, msg)
		}
	}
}

// TestEvidenceBundleTerm: an evidence bundle is a "dossier de preuves"
// (le dossier), one term everywhere: never a "paquet", in the French
// texts nor in the French README.
func TestEvidenceBundleTerm(t *testing.T) {
	paquet := regexp.MustCompile(`(?i)\bpaquets?\b`)
	for k, msg := range french {
		if paquet.MatchString(msg) {
			t.Errorf("fr %q says paquet, not dossier: %q", k, msg)
		}
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.fr.md"))
	if err != nil {
		t.Fatal(err)
	}
	if m := paquet.Find(readme); m != nil {
		t.Errorf("README.fr.md says %q, not dossier", m)
	}
	for _, k := range []string{"verify.bundle", "flag.check.evidence", "cli.err.bundle", "evidence.cannot_read_bundle"} {
		if !strings.Contains(french[k], "dossier de preuves") {
			t.Errorf("fr %q = %q, want it to say dossier de preuves", k, french[k])
		}
	}
}

// TestCatalogFileTranslated: every error of a catalog file says
// something in French, not the English left in place.
func TestCatalogFileTranslated(t *testing.T) {
	n := 0
	for k, en := range english {
		if !strings.HasPrefix(k, "catalogfile.") {
			continue
		}
		n++
		if fr, ok := french[k]; !ok || fr == en {
			t.Errorf("fr %q = %q, want a translation of %q", k, fr, en)
		}
	}
	if n < 60 {
		t.Errorf("%d catalogfile keys, want the catalog file's errors (over 60)", n)
	}
}

// TestNoFailWord: Atlantis reads the word "fail" anywhere in a comment as a
// failed run, so the markdown and html texts never use it, in any language.
func TestNoFailWord(t *testing.T) {
	for _, l := range Supported {
		for k, msg := range catalogs[l] {
			if (strings.HasPrefix(k, "md.") || strings.HasPrefix(k, "html.") || strings.HasPrefix(k, "n.") ||
				strings.HasPrefix(k, "finding.") || strings.HasPrefix(k, "fix.") || strings.HasPrefix(k, "rule.")) &&
				strings.Contains(strings.ToLower(msg), "fail") {
				t.Errorf("%s %q holds \"fail\": %q", l, k, msg)
			}
		}
	}
}

// TestMsgAsJSON: a message is a JSON string, rendered in English, and
// reads back as plain text that renders the same in every language.
func TestMsgAsJSON(t *testing.T) {
	m := struct {
		Message Msg `json:"message"`
	}{M("n.finding.other", 3)}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != `{"message":"3 findings"}` {
		t.Errorf("marshalled %s, want the English rendering", data)
	}
	var back struct {
		Message Msg `json:"message"`
	}
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	for _, l := range []Lang{English, French} {
		if got := back.Message.In(l); got != "3 findings" {
			t.Errorf("read back in %s: %q, want the text as written", l, got)
		}
	}
	if Plain("50% <of> it").In(French) != "50% <of> it" {
		t.Errorf("Plain changed its text: %q", Plain("50% <of> it").In(French))
	}
}

// TestHCLKeys: every diagnostic of hclTexts has its summary and detail in
// each language, with as many arguments as its patterns capture.
func TestHCLKeys(t *testing.T) {
	for _, h := range hclTexts() {
		for _, k := range []string{h.key + ".summary", h.key + ".detail"} {
			for _, l := range Supported {
				if _, ok := Lookup(l, k); !ok {
					t.Errorf("%s is not in the %s catalog", k, l)
				}
			}
		}
		if n := strings.Count(english[h.key+".summary"], "%s"); n != h.summary.NumSubexp() {
			t.Errorf("%s.summary takes %d arguments, its pattern captures %d", h.key, n, h.summary.NumSubexp())
		}
		if n := strings.Count(english[h.key+".detail"], "%s"); n != h.detail.NumSubexp() {
			t.Errorf("%s.detail takes %d arguments, its pattern captures %d", h.key, n, h.detail.NumSubexp())
		}
	}
}
