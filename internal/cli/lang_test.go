package cli_test

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/cli"
)

// langPlan is the shipped example plan: sensitive data on AWS, in France
// and in the United States.
const langPlan = "../../testdata/scenarios/ministry/plan.json"

// French words of the ministry report, and English ones that must not
// show through.
var (
	frenchText = []string{
		"trustcloud check " + langPlan + " : politique fr-cloud-au-centre, catalogue du ",
		"module racine",
		"\n  aws_sqs_queue.analytics_export  [données sensibles ; aws us-east-1, US]",
		"\n    pourquoi : niveau « sensible » : étiquette data_sensitivity=sensitive ; localisation : region = \"us-east-1\"\n",
		"\n    ÉLEVÉE TC001 (région hors UE) : aws_sqs_queue.analytics_export est dans la région us-east-1",
		"\n  aws_s3_bucket.grant_applications  [données sensibles ; aws eu-west-3, FR]",
		"\n    ÉLEVÉE TC002 (offre non qualifiée) : le niveau « sensible » exige",
		"le niveau « sensible » exige la qualification SecNumCloud, et aucune offre qualifiée de l'opérateur aws ne couvre eu-west-3",
		"hors de la zone autorisée au niveau « sensible » (EEE)",
		"\nÀ faire :\n",
		"\n  TC002 (offre non qualifiée), pour aws_sqs_queue.analytics_export :\n    Déplacez la ressource vers une offre qualifiée SecNumCloud, ou inscrivez",
		"ou inscrivez une dérogation temporaire dans la politique.",
		"ÉCHEC : 11 ressources analysées (localisation inconnue : 0, sans opérateur du catalogue : 0) : 6 constats (élevée : 6), sous dérogation : 0 ; seuil : élevée",
	}
	englishText = []string{"root module", "HIGH", "non-eu-region", "not-qualified", "What to do:", "why:", "requires SecNumCloud", "FAILED", "threshold high"}
)

func TestCheckInFrench(t *testing.T) {
	r := run(t, "", "check", "--lang", "fr", langPlan)
	if r.code != cli.ExitFindings || r.stderr != "" {
		t.Fatalf("exit %d, want %d; stderr %q", r.code, cli.ExitFindings, r.stderr)
	}
	for _, want := range frenchText {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the French report lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, english := range englishText {
		if strings.Contains(r.stdout, english) {
			t.Errorf("the French report says %q in English:\n%s", english, r.stdout)
		}
	}
	// --lang=fr and a flag after the plan mean the same.
	for _, args := range [][]string{{"check", "--lang=fr", langPlan}, {"check", langPlan, "-lang", "FR"}} {
		if other := run(t, "", args...); other.stdout != r.stdout || other.code != r.code {
			t.Errorf("%v: a different report:\n%s", args, cmp.Diff(r.stdout, other.stdout))
		}
	}
}

// TestLangFromEnvironment: without --lang, the locale decides (LC_ALL, then
// LC_MESSAGES, then LANG), and anything but French is English.
func TestLangFromEnvironment(t *testing.T) {
	english := run(t, "", "check", langPlan)
	if !strings.Contains(english.stdout, "HIGH TC001 non-eu-region") || !strings.Contains(english.stdout, "\nWhat to do:\n") {
		t.Fatalf("the default report is not in English:\n%s", english.stdout)
	}
	french := run(t, "", "check", "--lang", "fr", langPlan)
	cases := []struct {
		name string
		env  map[string]string
		args []string
		want result
	}{
		{"LANG=fr_FR.UTF-8", map[string]string{"LANG": "fr_FR.UTF-8"}, nil, french},
		{"LANG=C", map[string]string{"LANG": "C"}, nil, english},
		{"LANG=de_DE.UTF-8", map[string]string{"LANG": "de_DE.UTF-8"}, nil, english},
		{"LC_ALL=C over LANG=fr", map[string]string{"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, nil, english},
		{"LC_ALL=fr over LANG=en", map[string]string{"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, nil, french},
		{"LC_MESSAGES=fr over LANG=en", map[string]string{"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, nil, french},
		{"--lang en over LANG=fr", map[string]string{"LANG": "fr_FR.UTF-8"}, []string{"--lang", "en"}, english},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			args := append(append([]string{"check"}, c.args...), langPlan)
			got := run(t, "", args...)
			if got.code != c.want.code || got.stdout != c.want.stdout || got.stderr != "" {
				t.Errorf("exit %d, stderr %q, report differs (-want +got):\n%s", got.code, got.stderr, cmp.Diff(c.want.stdout, got.stdout))
			}
		})
	}
	// The built command reads the environment it is started with.
	got := runBinary(t, "", []string{"LC_ALL=", "LC_MESSAGES=", "LANG=fr_FR.UTF-8"}, "", "check", filepathAbs(t, langPlan))
	if got.code != cli.ExitFindings || !strings.Contains(got.stdout, "données sensibles") || !strings.Contains(got.stdout, "région hors UE") {
		t.Errorf("LANG=fr_FR.UTF-8 trustcloud check: %s", got)
	}
}

func filepathAbs(t *testing.T, p string) string {
	t.Helper()
	abs, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

func TestLangUsageErrors(t *testing.T) {
	cases := []struct {
		name string
		env  string
		args []string
		want []string
	}{
		{"unknown language", "", []string{"check", "--lang", "de", langPlan}, []string{`unknown language "de" for --lang: use en, fr`, "Run 'trustcloud help'"}},
		{"unknown language with =", "", []string{"--lang=de", "version"}, []string{`unknown language "de" for --lang: use en, fr`}},
		{"missing language", "", []string{"check", langPlan, "--lang"}, []string{"--lang needs a language: en, fr"}},
		{"unknown language, French locale", "fr_FR.UTF-8", []string{"check", "--lang", "de", langPlan}, []string{`langue "de" inconnue pour --lang : utilisez en, fr`, "Lancez « trustcloud help » pour l'aide."}},
		{"unknown format in French", "", []string{"check", "--lang", "fr", "--format", "pdf", langPlan}, []string{`check : format "pdf" inconnu : utilisez `, "Lancez « trustcloud check --help » pour l'aide."}},
		{"unknown command in French", "fr_FR.UTF-8", []string{"vérifier"}, []string{`commande inconnue "vérifier"`}},
		{"missing plan in French", "", []string{"check", "--lang", "fr"}, []string{"PLAN manquant : donnez la sortie de « terraform show -json PLANFILE »"}},
		{"unknown flag in French", "", []string{"check", "--lang", "fr", "--nope", langPlan}, []string{"check : option --nope inconnue\nLancez « trustcloud check --help »"}},
		{"unknown flag in French, a suggestion", "", []string{"check", "--lang", "fr", "--frmat", "json", langPlan}, []string{"check : option --frmat inconnue ; vouliez-vous dire --format ?"}},
		{"unknown command in French, a suggestion", "", []string{"--lang", "fr", "chek"}, []string{`commande inconnue "chek" ; vouliez-vous dire check ?`, "Lancez « trustcloud help »"}},
		{"two formats on stdout in French", "", []string{"check", "--lang", "fr", "--format", "json", "--format", "sarif", langPlan}, []string{"check : plusieurs formats écrivent sur la sortie standard (--format json, --format sarif)"}},
		{"policy in French", "", []string{"policy", "--lang", "fr"}, []string{"policy : précisez init ou validate"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.env != "" {
				t.Setenv("LANG", c.env)
			}
			r := run(t, "", c.args...)
			if r.code != cli.ExitError || r.stdout != "" {
				t.Errorf("exit %d, stdout %q; want %d and nothing", r.code, r.stdout, cli.ExitError)
			}
			for _, w := range c.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q lacks %q", r.stderr, w)
				}
			}
		})
	}
}

func TestHelpInFrench(t *testing.T) {
	r := run(t, "", "help", "--lang", "fr")
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "Utilisation :") || !strings.Contains(r.stdout, "--lang en|fr") || strings.Contains(r.stdout, "Usage:") {
		t.Errorf("help in French: %s", r)
	}
	en := run(t, "", "help")
	if !strings.Contains(en.stdout, "Usage:") || !strings.Contains(en.stdout, "--lang en|fr") {
		t.Errorf("help in English: %s", en)
	}
}

// TestFormatsInFrench checks each format written for people in French,
// and that the machine formats do not change with the language.
func TestFormatsInFrench(t *testing.T) {
	dir := t.TempDir()
	outputs := func(lang string) map[string]string {
		args := []string{"check", "--lang", lang}
		for _, f := range []string{"text", "json", "sarif", "junit", "gitlab", "markdown", "github", "html"} {
			args = append(args, "--format", f+"="+filepath.Join(dir, lang+"."+f))
		}
		if r := run(t, "", append(args, langPlan)...); r.code != cli.ExitFindings || withoutSummary(r.stderr) != "" {
			t.Fatalf("--lang %s: %s", lang, r)
		}
		out := map[string]string{}
		for _, f := range []string{"text", "json", "sarif", "junit", "gitlab", "markdown", "github", "html"} {
			b, err := os.ReadFile(filepath.Join(dir, lang+"."+f))
			if err != nil {
				t.Fatal(err)
			}
			out[f] = string(b)
		}
		return out
	}
	en, fr := outputs("en"), outputs("fr")
	for _, f := range []string{"json", "gitlab"} {
		if en[f] != fr[f] {
			t.Errorf("%s changes with the language:\n%s", f, cmp.Diff(en[f], fr[f]))
		}
	}
	french := map[string][]string{
		"markdown": {"**trustcloud : 6 nouveaux constats de gravité élevée ou plus — cette demande de fusion ne respecte pas la doctrine**",
			"### Ressources par niveau de sensibilité", "| sensible |", "| gravité | règle | ressource | emplacement | message |",
			"TC001 région hors UE", "Couverture : 11 ressources analysées"},
		"html": {`<html lang="fr">`, "rapport de souveraineté", "qualification SecNumCloud", "Éléments de preuve", "région hors UE",
			`data-text="affichés : {n} sur 6 constats"`, "<span class=\"sev high\">élevée</span>", "hors UE"},
		"junit":  {"TC002 offre non qualifiée : le niveau « sensible » exige la qualification SecNumCloud", "À faire : "},
		"sarif":  {"doctrine « Cloud au centre »", "loi SREN", "TC001 région hors UE : ", "À faire : Déplacez la ressource"},
		"github": {"title=TC001 région hors UE::", "trustcloud : 11 ressources analysées (localisation inconnue : 0, sans opérateur du catalogue : 0), 6 constats"},
	}
	for f, wants := range french {
		for _, w := range wants {
			if !strings.Contains(fr[f], w) {
				t.Errorf("%s in French lacks %q", f, w)
			}
		}
		if strings.Contains(fr[f], "What to do") || strings.Contains(fr[f], "requires SecNumCloud") {
			t.Errorf("%s in French has English text", f)
		}
	}
	if strings.Contains(strings.ToLower(fr["markdown"]), "fail") {
		t.Error("the French markdown holds \"fail\", which Atlantis reads as a failed run")
	}

	// SARIF: rule ids, names, levels and fingerprints are the same in both
	// languages; messages are not.
	type sarif struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID, Name string } `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID              string                `json:"ruleId"`
				Level               string                `json:"level"`
				Message             struct{ Text string } `json:"message"`
				PartialFingerprints map[string]string     `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	var se, sf sarif
	if err := json.Unmarshal([]byte(en["sarif"]), &se); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(fr["sarif"]), &sf); err != nil {
		t.Fatal(err)
	}
	if len(se.Runs) != 1 || len(sf.Runs) != 1 || len(se.Runs[0].Results) == 0 || len(se.Runs[0].Results) != len(sf.Runs[0].Results) {
		t.Fatalf("SARIF runs or results differ in number")
	}
	if diff := cmp.Diff(se.Runs[0].Tool.Driver.Rules, sf.Runs[0].Tool.Driver.Rules); diff != "" {
		t.Errorf("SARIF rule ids and names change with the language:\n%s", diff)
	}
	for i, re := range se.Runs[0].Results {
		rf := sf.Runs[0].Results[i]
		if re.RuleID != rf.RuleID || re.Level != rf.Level || !cmp.Equal(re.PartialFingerprints, rf.PartialFingerprints) {
			t.Errorf("SARIF result %d: %s %s %v in English, %s %s %v in French", i, re.RuleID, re.Level, re.PartialFingerprints, rf.RuleID, rf.Level, rf.PartialFingerprints)
		}
		if re.Message.Text == rf.Message.Text {
			t.Errorf("SARIF result %d: the message is not translated: %q", i, rf.Message.Text)
		}
	}

	// JUnit: the same tests (names and classes) in both languages, so that
	// GitLab tracks them across a change of language.
	type junit struct {
		Suites []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name      string `xml:"name,attr"`
				Classname string `xml:"classname,attr"`
				Failure   *struct {
					Message string `xml:"message,attr"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	var je, jf junit
	if err := xml.Unmarshal([]byte(en["junit"]), &je); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal([]byte(fr["junit"]), &jf); err != nil {
		t.Fatal(err)
	}
	names := func(j junit) []string {
		var out []string
		for _, s := range j.Suites {
			for _, c := range s.Cases {
				out = append(out, s.Name+"|"+c.Classname+"|"+c.Name)
			}
		}
		return out
	}
	if len(names(je)) == 0 {
		t.Fatal("no JUnit test")
	}
	if diff := cmp.Diff(names(je), names(jf)); diff != "" {
		t.Errorf("JUnit tests change with the language:\n%s", diff)
	}
}

func TestInventoryInFrench(t *testing.T) {
	r := run(t, "", "inventory", "--lang", "fr", langPlan)
	for _, want := range []string{"module racine", "localisation :", "niveau :", "[sensible]", "11 ressources — localisation connue : 9, multirégion : 0, globale : 0, inconnue : 0, sans objet : 2"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the French inventory lacks %q:\n%s", want, r.stdout)
		}
	}
	// The JSON inventory is the same in every language.
	if en, fr := run(t, "", "inventory", "--format", "json", langPlan), run(t, "", "inventory", "--lang", "fr", "--format", "json", langPlan); en.stdout != fr.stdout {
		t.Errorf("inventory JSON changes with the language:\n%s", cmp.Diff(en.stdout, fr.stdout))
	}
}

// TestPlanErrorsInFrench: the plan reader's common errors are in French
// with --lang fr (and in English without), with the same file and place.
func TestPlanErrorsInFrench(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct{ name, path, en, fr string }{
		{"missing", filepath.Join(dir, "nope.json"), "cannot read the plan", "impossible de lire le plan"},
		{"empty", write("empty.json", ""), "the file is empty", "le fichier est vide"},
		{"no format", write("obj.json", "{}"), "this is not the output of", "ce n'est pas la sortie de"},
		{"state of format 3", write("terraform.tfstate", `{"version":3,"serial":1,"lineage":"x","modules":[]}`), "state file format version 3", "fichier d'état au format 3"},
		{"NUL", write("nul.json", "{\"format_version\":\"1.2\",\x00}"), "NUL byte", "octet NUL"},
		{"UTF-16", write("utf16.json", "\xff\xfe{\x00}\x00"), "the file is UTF-16 text", "le fichier est du texte UTF-16"},
		{"version", write("v9.json", `{"format_version":"9.0","resource_changes":[]}`), "unsupported plan format version", "non prise en charge"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			en := run(t, "", "check", c.path)
			fr := run(t, "", "check", "--lang", "fr", c.path)
			if en.code != cli.ExitError || fr.code != cli.ExitError {
				t.Fatalf("exit codes %d and %d, want %d", en.code, fr.code, cli.ExitError)
			}
			if !strings.Contains(en.stderr, c.en) || !strings.Contains(en.stderr, c.path) {
				t.Errorf("English: %q, want %q and the file", en.stderr, c.en)
			}
			if !strings.Contains(fr.stderr, c.fr) || !strings.Contains(fr.stderr, c.path) || strings.Contains(fr.stderr, c.en) {
				t.Errorf("French: %q, want %q and the file, without %q", fr.stderr, c.fr, c.en)
			}
		})
	}
}

// TestCommandsInFrench: policy init and validate, keygen and verify's
// usage errors speak French with --lang fr.
func TestCommandsInFrench(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "trustcloud.hcl")
	for _, c := range []struct {
		args     []string
		code     int
		fr, en   string
		onStderr bool
	}{
		{[]string{"policy", "init", "--lang", "fr", file}, cli.ExitOK, "écrit (profil", "wrote", false},
		{[]string{"policy", "init", "--lang", "fr", file}, cli.ExitError, "existe déjà", "already exists", true},
		{[]string{"policy", "validate", "--lang", "fr", file}, cli.ExitOK, "est valide : profil", "is valid", false},
		{[]string{"keygen", "--lang", "fr", "--out", filepath.Join(dir, "k")}, cli.ExitOK, "clé SHA256:", "wrote", false},
		{[]string{"verify", "--lang", "fr"}, cli.ExitError, "DIR manquant", "missing DIR", true},
	} {
		r := run(t, "", c.args...)
		out := r.stdout
		if c.onStderr {
			out = r.stderr
		}
		if r.code != c.code || !strings.Contains(out, c.fr) || strings.Contains(out, c.en) {
			t.Errorf("%v: exit %d (want %d), output %q: want %q, not %q", c.args, r.code, c.code, out, c.fr, c.en)
		}
	}
}
