package cli

import (
	"os"
	"testing"
)

// TestColorWanted: the precedence of --color, NO_COLOR, FORCE_COLOR and
// CLICOLOR_FORCE, and the terminal.
func TestColorWanted(t *testing.T) {
	cases := []struct {
		name     string
		mode     colorFlag
		vars     map[string]string
		terminal bool
		want     bool
	}{
		{"terminal", "", nil, true, true},
		{"pipe", "", nil, false, false},
		{"auto on a terminal", "auto", nil, true, true},
		{"dumb terminal", "", map[string]string{"TERM": "dumb"}, true, false},
		{"NO_COLOR on a terminal", "", map[string]string{"NO_COLOR": "1"}, true, false},
		{"NO_COLOR empty", "", map[string]string{"NO_COLOR": ""}, true, true},
		{"FORCE_COLOR in a pipe", "", map[string]string{"FORCE_COLOR": "1"}, false, true},
		{"FORCE_COLOR on a dumb terminal", "", map[string]string{"FORCE_COLOR": "3", "TERM": "dumb"}, true, true},
		{"FORCE_COLOR=0", "", map[string]string{"FORCE_COLOR": "0"}, false, false},
		{"CLICOLOR_FORCE in a pipe", "", map[string]string{"CLICOLOR_FORCE": "1"}, false, true},
		{"CLICOLOR_FORCE=0", "", map[string]string{"CLICOLOR_FORCE": "0"}, false, false},
		{"NO_COLOR over FORCE_COLOR", "", map[string]string{"NO_COLOR": "1", "FORCE_COLOR": "1"}, false, false},
		{"NO_COLOR over CLICOLOR_FORCE", "auto", map[string]string{"NO_COLOR": "1", "CLICOLOR_FORCE": "1"}, true, false},
		{"always over NO_COLOR", "always", map[string]string{"NO_COLOR": "1"}, false, true},
		{"always in a pipe", "always", nil, false, true},
		{"never on a terminal", "never", nil, true, false},
		{"never over FORCE_COLOR", "never", map[string]string{"FORCE_COLOR": "1"}, true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := colorWanted(c.mode, func(k string) string { return c.vars[k] }, c.terminal); got != c.want {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

// TestColorOnATerminal: env.color asks whether stdout is a terminal.
func TestColorOnATerminal(t *testing.T) {
	tty, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0) // a character device, like a terminal
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tty.Close() }()
	file, err := os.Create(t.TempDir() + "/out.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = file.Close() }()
	none := func(string) string { return "" }
	if !(&env{stdout: tty, getenv: none}).color("") {
		t.Error("no colour on a terminal")
	}
	if (&env{stdout: file, getenv: none}).color("") {
		t.Error("colour in a file")
	}
	if !(&env{stdout: file, getenv: none}).color("always") {
		t.Error("no colour in a file with --color always")
	}
}

// TestSuggestion: what counts as a typo.
func TestSuggestion(t *testing.T) {
	candidates := []string{"check", "inventory", "catalog", "policy", "verify", "keygen", "version", "help"}
	cases := map[string]string{
		"chek": "check", "chekc": "check", "CHECK": "check", "inventroy": "inventory", "invetory": "inventory",
		"catalgo": "catalog", "verison": "version", "hlep": "help", "keygne": "keygen",
		"x": "", "deploy": "", "ch": "", "plan": "", "": "",
	}
	for typed, want := range cases {
		if got := suggestion(typed, candidates); got != want {
			t.Errorf("suggestion(%q) = %q, want %q", typed, got, want)
		}
	}
	for _, c := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"a", "", 1}, {"frmat", "format", 1}, {"chekc", "check", 1}, {"kitten", "sitting", 3}, {"ca", "abc", 3}} {
		if got := editDistance(c.a, c.b); got != c.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}
