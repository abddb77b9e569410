package cli_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/cli"
	"github.com/trustcloud/trustcloud/internal/report"
)

// summaryLine matches check's one-line verdict on stderr, printed when no
// report for people goes to stdout.
var summaryLine = regexp.MustCompile(`(?m)^trustcloud: (PASSED|FAILED|RÉUSSI|ÉCHEC) ?: .*; (reports|rapports) ?: .*\n`)

// withoutSummary is stderr without check's one-line verdict.
func withoutSummary(stderr string) string { return summaryLine.ReplaceAllString(stderr, "") }

// helpFlag is one flag as a command's help lists it.
type helpFlag struct {
	// name is "--format"; "-h, --help" for the help.
	name, value, text string
}

// parseHelp reads a command's help: the usage line, the description, the
// flags and the examples; it fails the test when a part is missing.
func parseHelp(t *testing.T, out, usage, flags, examples string) (string, []helpFlag, []string) {
	t.Helper()
	first, rest, _ := strings.Cut(out, "\n\n")
	desc, rest, _ := strings.Cut(rest, "\n\n"+flags+"\n")
	flagPart, exPart, ok := strings.Cut(rest, "\n\n"+examples+"\n")
	if !strings.HasPrefix(first, usage+" trustcloud ") || desc == "" || !ok {
		t.Fatalf("the help is not usage, description, %s and %s:\n%s", flags, examples, out)
	}
	var fl []helpFlag
	for _, line := range strings.Split(flagPart, "\n") {
		switch {
		case strings.HasPrefix(line, "      ") && len(fl) > 0:
			fl[len(fl)-1].text += " " + strings.TrimSpace(line)
		case strings.HasPrefix(line, "  -h, --help"):
			fl = append(fl, helpFlag{name: "-h, --help"})
		case strings.HasPrefix(line, "  --"):
			name, value, _ := strings.Cut(strings.TrimSpace(line), " ")
			fl = append(fl, helpFlag{name: name, value: value})
		default:
			t.Errorf("unexpected line among the flags: %q", line)
		}
	}
	var ex []string
	for _, line := range strings.Split(strings.TrimRight(exPart, "\n"), "\n") {
		ex = append(ex, strings.TrimPrefix(line, "  "))
	}
	return first, fl, ex
}

// helpCommands are the commands and subcommands and the flags each lists
// in its help, -h, --help and --lang included.
var helpCommands = []struct {
	args  []string
	flags []string
}{
	{[]string{"check"}, []string{"--baseline", "--catalog", "--color", "--config-dir", "--evidence", "--fail-on", "--format",
		"-h, --help", "--lang", "--max-input", "--new-only", "--no-config", "--no-policy-discovery", "--policy", "--sign", "--terraform", "--var", "--var-file", "--workspace"}},
	{[]string{"inventory"}, []string{"--catalog", "--color", "--config-dir", "--format", "-h, --help", "--lang", "--max-input", "--no-config",
		"--no-policy-discovery", "--policy", "--terraform", "--var", "--var-file", "--workspace"}},
	{[]string{"catalog"}, []string{"--catalog", "--country", "--eu-only", "--expiring", "--format", "-h, --help", "--lang", "--operator",
		"--provider", "--scope", "--secnumcloud-only", "--standing", "--status", "--type"}},
	{[]string{"policy"}, []string{"-h, --help", "--lang"}},
	{[]string{"policy", "init"}, []string{"--force", "-h, --help", "--lang", "--profile"}},
	{[]string{"policy", "validate"}, []string{"-h, --help", "--lang"}},
	{[]string{"keygen"}, []string{"--force", "-h, --help", "--lang", "--out"}},
	{[]string{"verify"}, []string{"--format", "-h, --help", "--lang", "--plan", "--pubkey"}},
	{[]string{"version"}, []string{"-h, --help", "--lang"}},
}

// TestCommandHelp: `help CMD`, `CMD --help` and `CMD -h` print the same
// help on stdout and exit 0, in English and in French: a usage line, a
// paragraph, every flag with its value's name, its description and its
// default, and one to three examples of the command.
func TestCommandHelp(t *testing.T) {
	langs := []struct {
		lang, usage, flags, examples, defaultWord string
		// foreign are words of the other language that must not show.
		foreign []string
	}{
		{"en", "Usage:", "Flags:", "Examples:", "(default: ", []string{"Utilisation", "par défaut", " le ", " la ", " les "}},
		{"fr", "Utilisation :", "Options :", "Exemples :", "(par défaut : ", []string{"Usage:", "default:", " the ", " of ", " to "}},
	}
	for _, c := range helpCommands {
		name := strings.Join(c.args, " ")
		for _, l := range langs {
			t.Run(name+"/"+l.lang, func(t *testing.T) {
				forms := [][]string{
					append([]string{"--lang", l.lang, "help"}, c.args...),
					append(append([]string{"--lang", l.lang}, c.args...), "--help"),
					append(append([]string{}, c.args...), "-h", "--lang", l.lang),
				}
				var first result
				for i, args := range forms {
					r := run(t, "", args...)
					if r.code != cli.ExitOK || r.stderr != "" || r.stdout == "" {
						t.Fatalf("%v: %s", args, r)
					}
					if i == 0 {
						first = r
					} else if r.stdout != first.stdout {
						t.Errorf("%v: another help than %v:\n%s", args, forms[0], cmp.Diff(first.stdout, r.stdout))
					}
				}
				out := first.stdout
				usage, flags, examples := parseHelp(t, out, l.usage, l.flags, l.examples)
				if !strings.HasPrefix(usage, l.usage+" trustcloud "+name) {
					t.Errorf("usage line %q is not of trustcloud %s", usage, name)
				}
				var names []string
				for _, f := range flags {
					names = append(names, f.name)
					if f.text == "" {
						t.Errorf("%s has no description", f.name)
					}
				}
				if diff := cmp.Diff(c.flags, names); diff != "" {
					t.Errorf("flags listed (-want +got):\n%s", diff)
				}
				if len(examples) < 1 || len(examples) > 3 {
					t.Errorf("%d examples, want 1 to 3: %q", len(examples), examples)
				}
				for _, ex := range examples {
					if !strings.HasPrefix(ex, "trustcloud "+name) {
						t.Errorf("example %q is not of trustcloud %s", ex, name)
					}
				}
				// Texts all found in the catalogs, values all named, no
				// Go-style -flag, lines wrapped (examples aside).
				for _, bad := range append([]string{"help.", "flag.", "%!", "VALUE", "VALEUR", "`"}, l.foreign...) {
					if strings.Contains(out, bad) {
						t.Errorf("the help holds %q:\n%s", bad, out)
					}
				}
				// The usage line and the examples are command lines, kept whole.
				body, _, _ := strings.Cut(out, l.examples)
				for _, line := range strings.Split(body, "\n")[1:] {
					if len([]rune(line)) > 80 {
						t.Errorf("line longer than 80 columns: %q", line)
					}
				}
				// Terraform's own flags keep their single dash.
				ours := strings.NewReplacer("-h, --help", "", "terraform plan -out", "", "terraform show -json", "").Replace(out)
				if regexp.MustCompile(`(^|[\s(])-[a-z][a-z-]+`).MatchString(ours) {
					t.Errorf("the help writes a flag with one dash:\n%s", out)
				}
			})
		}
	}
}

// TestCommandHelpDefaults: flags with a default say it, booleans do not;
// the lists of values the code defines are complete.
func TestCommandHelpDefaults(t *testing.T) {
	flagText := func(args []string, flag string) helpFlag {
		t.Helper()
		r := run(t, "", append(args, "--help")...)
		_, flags, _ := parseHelp(t, r.stdout, "Usage:", "Flags:", "Examples:")
		for _, f := range flags {
			if f.name == flag {
				return f
			}
		}
		t.Fatalf("%v --help does not list %s", args, flag)
		return helpFlag{}
	}
	cases := []struct {
		args        []string
		flag, value string
		want        []string
	}{
		{[]string{"check"}, "--fail-on", "SEVERITY", []string{"(default: high)", "info, low, medium, high, critical, or none"}},
		{[]string{"check"}, "--max-input", "SIZE", []string{"(default: 2 GiB)"}},
		{[]string{"check"}, "--color", "WHEN", []string{"auto", "always", "never", "NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "(default: auto)"}},
		{[]string{"check"}, "--format", "F[=PATH]", append([]string{"(default: text)"}, report.Names()...)},
		{[]string{"check"}, "--evidence", "DIR", nil},
		{[]string{"inventory"}, "--format", "FORMAT", []string{"text or json (default: text)"}},
		{[]string{"catalog"}, "--scope", "SCOPE", []string{"global, regional, zonal"}},
		{[]string{"catalog"}, "--status", "STATUS", []string{"qualified, J0, J1, J2, in_progress, unknown, none"}},
		{[]string{"keygen"}, "--out", "PREFIX", []string{"(default: trustcloud)"}},
		{[]string{"policy", "init"}, "--profile", "PROFILE", []string{"(default: fr-cloud-au-centre)"}},
		{[]string{"verify"}, "--pubkey", "FILE", nil},
	}
	for _, c := range cases {
		f := flagText(c.args, c.flag)
		if f.value != c.value {
			t.Errorf("%v %s: value %q, want %q", c.args, c.flag, f.value, c.value)
		}
		for _, w := range c.want {
			if !strings.Contains(f.text, w) {
				t.Errorf("%v %s: %q lacks %q", c.args, c.flag, f.text, w)
			}
		}
	}
	for _, boolean := range []string{"--new-only", "--no-config", "--no-policy-discovery"} {
		if f := flagText([]string{"check"}, boolean); f.value != "" || strings.Contains(f.text, "default") {
			t.Errorf("boolean %s: %+v", boolean, f)
		}
	}
}

// TestTopLevelHelp: every way of asking for help without a command prints
// the list of commands and where each one's help is.
func TestTopLevelHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}, {"help", "--help"}, {"help", "help"}} {
		r := run(t, "", args...)
		if r.code != cli.ExitOK || r.stderr != "" || !strings.Contains(r.stdout, "Run 'trustcloud help COMMAND' or 'trustcloud COMMAND --help'") {
			t.Errorf("%v: %s", args, r)
		}
		for _, c := range helpCommands {
			if !strings.Contains(r.stdout, "trustcloud "+c.args[0]) {
				t.Errorf("%v: the usage does not list %s", args, c.args[0])
			}
		}
	}
}

// TestSuggestions: a mistyped command, subcommand, list or flag is an
// error (exit 2) that names it the GNU way, suggests what is close, and
// points at the help of the command.
func TestSuggestions(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"command", []string{"chek", "plan.json"}, "trustcloud: unknown command \"chek\"; did you mean check?\nRun 'trustcloud help' for usage.\n"},
		{"command, letters swapped", []string{"inventroy"}, "trustcloud: unknown command \"inventroy\"; did you mean inventory?\nRun 'trustcloud help' for usage.\n"},
		{"command, a letter missing", []string{"verfy"}, "trustcloud: unknown command \"verfy\"; did you mean verify?\nRun 'trustcloud help' for usage.\n"},
		{"command far from any", []string{"deploy"}, "trustcloud: unknown command \"deploy\"\nRun 'trustcloud help' for usage.\n"},
		{"help of a mistyped command", []string{"help", "chekc"}, "trustcloud: unknown command \"chekc\"; did you mean check?\nRun 'trustcloud help' for usage.\n"},
		{"flag", []string{"check", "--frmat", "json", builtinPlan}, "trustcloud: check: unknown flag --frmat; did you mean --format?\nRun 'trustcloud check --help' for usage.\n"},
		{"flag with one dash", []string{"check", "-polcy", "p.hcl", builtinPlan}, "trustcloud: check: unknown flag --polcy; did you mean --policy?\nRun 'trustcloud check --help' for usage.\n"},
		{"flag with a value", []string{"check", "--fail-of=low", builtinPlan}, "trustcloud: check: unknown flag --fail-of; did you mean --fail-on?\nRun 'trustcloud check --help' for usage.\n"},
		{"flag far from any", []string{"check", "--severity", "high", builtinPlan}, "trustcloud: check: unknown flag --severity\nRun 'trustcloud check --help' for usage.\n"},
		{"--lang mistyped", []string{"inventory", "--lnag", "fr", builtinPlan}, "trustcloud: inventory: unknown flag --lnag; did you mean --lang?\nRun 'trustcloud inventory --help' for usage.\n"},
		{"catalog flag", []string{"catalog", "regions", "--contry", "FR"}, "trustcloud: catalog: unknown flag --contry; did you mean --country?\nRun 'trustcloud catalog --help' for usage.\n"},
		{"catalog list", []string{"catalog", "regoins"}, "trustcloud: catalog: unknown list \"regoins\": use providers, offers, regions, operators or types; did you mean regions?\nRun 'trustcloud catalog --help' for usage.\n"},
		{"policy subcommand", []string{"policy", "valdiate"}, "trustcloud: policy: unknown subcommand \"valdiate\": use init or validate; did you mean validate?\nRun 'trustcloud policy --help' for usage.\n"},
		{"policy init flag", []string{"policy", "init", "--forc"}, "trustcloud: policy init: unknown flag --forc; did you mean --force?\nRun 'trustcloud policy init --help' for usage.\n"},
		{"keygen flag", []string{"keygen", "--outt", "k"}, "trustcloud: keygen: unknown flag --outt; did you mean --out?\nRun 'trustcloud keygen --help' for usage.\n"},
		{"verify flag", []string{"verify", "--pubky", "k.pub", "dir"}, "trustcloud: verify: unknown flag --pubky; did you mean --pubkey?\nRun 'trustcloud verify --help' for usage.\n"},
		{"missing value", []string{"check", builtinPlan, "--fail-on"}, "trustcloud: check: --fail-on needs a value\nRun 'trustcloud check --help' for usage.\n"},
		{"bad size", []string{"check", "--max-input", "big", builtinPlan}, "trustcloud: check: invalid value \"big\" for --max-input: want a size such as 500MiB, 2GiB or 1073741824 (bytes), or 0 for no limit\nRun 'trustcloud check --help' for usage.\n"},
		{"bad boolean", []string{"check", "--new-only=maybe", builtinPlan}, "trustcloud: check: invalid value \"maybe\" for --new-only: use true or false\nRun 'trustcloud check --help' for usage.\n"},
		{"bad colour", []string{"inventory", "--color", "sometimes", builtinPlan}, "trustcloud: inventory: invalid value \"sometimes\" for --color: use auto, always or never\nRun 'trustcloud inventory --help' for usage.\n"},
		{"bad syntax", []string{"check", "---format", "json", builtinPlan}, "trustcloud: check: bad flag syntax: ---format\nRun 'trustcloud check --help' for usage.\n"},
		{"a command's usage error points at its help", []string{"check", "--fail-on", "bogus", builtinPlan}, "trustcloud: check: unknown --fail-on \"bogus\": use info, low, medium, high, critical or none\nRun 'trustcloud check --help' for usage.\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, "", c.args...)
			if r.code != cli.ExitError || r.stdout != "" {
				t.Fatalf("got %s", r)
			}
			if r.stderr != c.stderr {
				t.Errorf("stderr (-want +got):\n%s", cmp.Diff(c.stderr, r.stderr))
			}
		})
	}
}

// TestFlagsAsBefore: what the flag package accepted is still accepted: a
// flag with one dash or two, its value after = or next, flags after the
// plan, "--" before a plan named like a flag, a boolean with =false.
func TestFlagsAsBefore(t *testing.T) {
	want := run(t, "", "check", "--catalog", builtinAsAWS, "--fail-on", "low", "--format", "json", builtinPlan)
	if want.code != cli.ExitFindings {
		t.Fatalf("got %s", want)
	}
	dir := t.TempDir()
	dashed := filepath.Join(dir, "-plan.json")
	data, err := os.ReadFile(builtinPlan)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dashed, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"check", "-catalog", builtinAsAWS, "-fail-on", "low", "-format=json", builtinPlan},
		{"check", "-catalog", builtinAsAWS, builtinPlan, "--fail-on=low", "--format", "json"},
		{"check", "-catalog", builtinAsAWS, "--new-only=false", "--fail-on", "LOW", "--format", "json", builtinPlan},
		{"check", "-catalog", builtinAsAWS, "--fail-on", "low", "--format", "json", "--config-dir", "testdata/builtin", "--", builtinPlan},
	} {
		r := run(t, "", args...)
		if r.code != want.code || r.stdout != want.stdout {
			t.Errorf("%v: %s", args, r)
		}
	}
	if r := run(t, "", "inventory", "--format", "json", "--", dashed); r.code != cli.ExitOK || !strings.Contains(r.stdout, "terraform_data") {
		t.Errorf("a plan named like a flag after --: %s", r)
	}
}

// TestColorFlag: --color and the environment decide the text reports'
// colour on stdout, flag first; a file is never coloured.
func TestColorFlag(t *testing.T) {
	cases := []struct {
		name  string
		env   map[string]string
		flags []string
		want  bool
	}{
		{"not a terminal", nil, nil, false},
		{"--color always", nil, []string{"--color", "always"}, true},
		{"--color=always", nil, []string{"--color=always"}, true},
		{"--color auto, not a terminal", nil, []string{"--color", "auto"}, false},
		{"FORCE_COLOR", map[string]string{"FORCE_COLOR": "1"}, nil, true},
		{"FORCE_COLOR=0", map[string]string{"FORCE_COLOR": "0"}, nil, false},
		{"CLICOLOR_FORCE", map[string]string{"CLICOLOR_FORCE": "1"}, nil, true},
		{"NO_COLOR over FORCE_COLOR", map[string]string{"NO_COLOR": "1", "FORCE_COLOR": "1"}, nil, false},
		{"--color always over NO_COLOR", map[string]string{"NO_COLOR": "1"}, []string{"--color", "always"}, true},
		{"--color never over FORCE_COLOR", map[string]string{"FORCE_COLOR": "1"}, []string{"--color", "never"}, false},
		{"--color auto leaves FORCE_COLOR", map[string]string{"FORCE_COLOR": "true"}, []string{"--color", "auto"}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, v := range []string{"NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"} {
				t.Setenv(v, c.env[v])
			}
			for _, cmd := range []string{"check", "inventory"} {
				args := append(append([]string{cmd, "--catalog", builtinAsAWS}, c.flags...), builtinPlan)
				r := run(t, "", args...)
				if r.code == cli.ExitError {
					t.Fatalf("%v: %s", args, r)
				}
				if got := strings.Contains(r.stdout, ansi); got != c.want {
					t.Errorf("%v: colour %v, want %v:\n%q", args, got, c.want, r.stdout)
				}
			}
			// A report written to a file is for tools: no colour.
			file := filepath.Join(t.TempDir(), "report.txt")
			r := run(t, "", append(append([]string{"check", "--catalog", builtinAsAWS, "--format", "text=" + file}, c.flags...), builtinPlan)...)
			data, err := os.ReadFile(file)
			if err != nil || r.code == cli.ExitError {
				t.Fatalf("%v %s", err, r)
			}
			if strings.Contains(string(data), ansi) {
				t.Errorf("colour in a file:\n%q", data)
			}
		})
	}
}

// TestNeverSilent: when no report for people goes to stdout, one line on
// stderr gives the verdict, the counts as the text report gives them, and
// where each report went; with one, stderr stays empty. The exit code
// does not change.
func TestNeverSilent(t *testing.T) {
	text := run(t, "", "check", langPlan)
	lines := strings.Split(strings.TrimRight(text.stdout, "\n"), "\n")
	verdict := lines[len(lines)-1]
	if text.code != cli.ExitFindings || text.stderr != "" || !strings.HasPrefix(verdict, "FAILED: 11 resources analysed") {
		t.Fatalf("the text report: %s", text)
	}
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	cases := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"gitlab to a file", []string{"--format", "gitlab=" + at("gl.json")}, "gitlab in " + at("gl.json")},
		{"json and sarif to files, an evidence bundle", []string{"--format", "json=" + at("r.json"), "--format", "sarif=" + at("r.sarif"), "--evidence", at("evidence")},
			"json in " + at("r.json") + ", sarif in " + at("r.sarif") + ", evidence bundle in " + at("evidence")},
		{"text to a file", []string{"--format", "text=" + at("r.txt")}, "text in " + at("r.txt")},
		{"json on stdout", []string{"--format", "json", "--format", "html=" + at("r.html")}, "json on standard output, html in " + at("r.html")},
		{"text on stdout", []string{"--format", "text", "--format", "json=" + at("r2.json")}, ""},
		{"markdown on stdout", []string{"--format", "markdown"}, ""},
		{"github on stdout", []string{"--format", "github", "--format", "junit=" + at("r.xml")}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, "", append(append([]string{"check"}, c.args...), langPlan)...)
			if r.code != text.code {
				t.Fatalf("exit %d, want %d: %s", r.code, text.code, r)
			}
			want := ""
			if c.stderr != "" {
				want = "trustcloud: " + verdict + "; reports: " + c.stderr + "\n"
			}
			if r.stderr != want {
				t.Errorf("stderr (-want +got):\n%s", cmp.Diff(want, r.stderr))
			}
		})
	}
	t.Run("passed", func(t *testing.T) {
		r := run(t, "", "check", "--format", "sarif="+at("ok.sarif"), builtinPlan)
		want := "trustcloud: PASSED: 5 resources analysed (0 unknown location, 0 no catalog operator): no finding, 0 waived; threshold high; reports: sarif in " + at("ok.sarif") + "\n"
		if r.code != cli.ExitOK || r.stdout != "" || r.stderr != want {
			t.Errorf("got %s\nwant stderr %q", r, want)
		}
	})
	t.Run("French", func(t *testing.T) {
		fr := run(t, "", "check", "--lang", "fr", langPlan)
		frLines := strings.Split(strings.TrimRight(fr.stdout, "\n"), "\n")
		r := run(t, "", "check", "--lang", "fr", "--format", "gitlab="+at("fr.json"), "--format", "oscal", langPlan)
		want := "trustcloud: " + frLines[len(frLines)-1] + " ; rapports : gitlab dans " + at("fr.json") + ", oscal sur la sortie standard\n"
		if r.code != cli.ExitFindings || r.stderr != want || !strings.HasPrefix(want, "trustcloud: ÉCHEC : 11 ressources analysées") {
			t.Errorf("got %s\nwant stderr %q", r, want)
		}
	})
}

// TestNeverMixed: two formats on stdout would glue two documents: a usage
// error naming them, before the plan is read, and nothing written.
func TestNeverMixed(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args  []string
		named string
	}{
		{[]string{"--format", "json", "--format", "sarif"}, "(--format json, --format sarif)"},
		{[]string{"--format", "text", "--format", "json=" + filepath.Join(dir, "r.json"), "--format", "markdown"}, "(--format text, --format markdown)"},
		{[]string{"--format", "json", "--format", "json"}, "(--format json, --format json)"},
	}
	for _, c := range cases {
		for _, plan := range []string{langPlan, "testdata/missing.json"} {
			r := run(t, "", append(append([]string{"check"}, c.args...), plan)...)
			want := "trustcloud: check: several formats write to standard output " + c.named +
				", which would mix them: write all but one to files with --format F=PATH\nRun 'trustcloud check --help' for usage.\n"
			if r.code != cli.ExitError || r.stdout != "" || r.stderr != want {
				t.Errorf("%v: got %s\nwant stderr %q", c.args, r, want)
			}
		}
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 0 {
		t.Errorf("files written: %v %v", entries, err)
	}
	// One on stdout and the others in files is fine.
	r := run(t, "", "check", "--format", "json", "--format", "sarif="+filepath.Join(dir, "r.sarif"), langPlan)
	if r.code != cli.ExitFindings || !strings.HasPrefix(r.stdout, "{") {
		t.Errorf("got %s", r)
	}
}

// TestBinaryHelp: the built command prints its help and exits 0.
func TestBinaryHelp(t *testing.T) {
	for _, args := range [][]string{{"check", "--help"}, {"help", "inventory"}, {"policy", "init", "-h"}} {
		r := runBinary(t, "", nil, "", args...)
		if r.code != cli.ExitOK || r.stderr != "" || !strings.HasPrefix(r.stdout, "Usage: trustcloud "+strings.Join(slices.DeleteFunc(slices.Clone(args), func(a string) bool { return a == "help" || strings.HasPrefix(a, "-") }), " ")) {
			t.Errorf("%v: %s", args, r)
		}
	}
	r := runBinary(t, "", nil, "", "check", "--frmat", "json", "plan.json")
	if r.code != cli.ExitError || r.stderr != "trustcloud: check: unknown flag --frmat; did you mean --format?\nRun 'trustcloud check --help' for usage.\n" {
		t.Errorf("got %s", r)
	}
}
