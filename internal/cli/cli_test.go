package cli_test

import (
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/cli"
)

func TestVersion(t *testing.T) {
	for _, arg := range []string{"version", "--version", "-version"} {
		t.Run(arg, func(t *testing.T) {
			r := run(t, "", arg)
			if r.code != cli.ExitOK || r.stdout != "trustcloud "+cli.Version+"\n" || r.stderr != "" {
				t.Errorf("got %s", r)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, arg := range []string{"help", "--help", "-help", "-h"} {
		t.Run(arg, func(t *testing.T) {
			r := run(t, "", arg)
			if r.code != cli.ExitOK || r.stderr != "" {
				t.Fatalf("got %s", r)
			}
			for _, want := range []string{"trustcloud check ", "trustcloud inventory ", "trustcloud catalog ", "trustcloud policy    init",
				"trustcloud policy    validate", "trustcloud version", "--fail-on SEV", "--format F[=PATH]", "Exit codes: 0"} {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("help does not contain %q", want)
				}
			}
		})
	}
	t.Run("no command", func(t *testing.T) {
		r := run(t, "")
		if r.code != cli.ExitError || r.stdout != "" || !strings.Contains(r.stderr, "Usage:") {
			t.Errorf("got %s", r)
		}
	})
}

func TestUnknownCommand(t *testing.T) {
	r := run(t, "", "chek", "plan.json")
	if r.code != cli.ExitError || r.stdout != "" {
		t.Fatalf("got %s", r)
	}
	lines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
	if lines[0] != `trustcloud: unknown command "chek"; did you mean check?` {
		t.Errorf("first line %q does not name the command and suggest one", lines[0])
	}
	// The error, then a pointer to the help: not the whole usage text.
	if len(lines) > 2 || strings.Contains(r.stderr, "Usage:") {
		t.Errorf("stderr is more than the error and a hint:\n%s", r.stderr)
	}
}

// TestUsageErrors covers command-line mistakes: exit 2, nothing on stdout,
// a message that says what is wrong.
func TestUsageErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"check without plan", []string{"check"}, "missing PLAN"},
		{"check without plan, with flags", []string{"check", "--fail-on", "low"}, "missing PLAN"},
		{"check with two plans", []string{"check", "a.json", "b.json"}, "one PLAN expected, got 2: a.json b.json"},
		{"check with an unknown flag", []string{"check", "--severity", "high", builtinPlan}, "check: unknown flag --severity\nRun 'trustcloud check --help' for usage.\n"},
		{"check --fail-on bogus", []string{"check", "--fail-on", "bogus", builtinPlan}, `unknown --fail-on "bogus"`},
		{"check --fail-on BOGUS keeps the spelling", []string{"check", "--fail-on", "BOGUS", builtinPlan}, `unknown --fail-on "BOGUS"`},
		{"check --fail-on without value", []string{"check", builtinPlan, "--fail-on"}, "check: --fail-on needs a value"},
		{"check --format xml", []string{"check", "--format", "xml", builtinPlan}, `unknown format "xml"`},
		{"check --format xml=PATH", []string{"check", "--format", "xml=out.xml", builtinPlan}, `unknown format "xml"`},
		{"inventory --format sarif", []string{"inventory", "--format", "sarif", builtinPlan}, `inventory: unknown format "sarif"`},
		{"inventory without plan", []string{"inventory"}, "missing PLAN"},
		{"catalog without list", []string{"catalog"}, "say what to list"},
		{"catalog unknown list", []string{"catalog", "zones"}, `catalog: unknown list "zones"`},
		{"catalog --format yaml", []string{"catalog", "regions", "--format", "yaml"}, `unknown format "yaml"`},
		{"catalog bad country", []string{"catalog", "regions", "--country", "XX"}, `"XX" is not an ISO 3166-1 alpha-2 country code`},
		{"catalog bad status", []string{"catalog", "offers", "--status", "J4"}, `unknown status "J4"`},
		{"catalog unknown operator", []string{"catalog", "offers", "--operator", "nosuchcloud"}, "nosuchcloud"},
		{"catalog unknown provider", []string{"catalog", "regions", "--provider", "acme/nosuch"}, "acme/nosuch"},
		{"policy without subcommand", []string{"policy"}, "say init or validate"},
		{"policy unknown subcommand", []string{"policy", "check"}, `unknown subcommand "check"`},
		{"policy init two files", []string{"policy", "init", "a.hcl", "b.hcl"}, "at most one FILE"},
		{"policy validate two files", []string{"policy", "validate", "a.hcl", "b.hcl"}, "at most one FILE"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "", tc.args...)
			if r.code != cli.ExitError || r.stdout != "" {
				t.Fatalf("got %s", r)
			}
			if !strings.HasPrefix(r.stderr, "trustcloud: ") || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr %q does not contain %q", r.stderr, tc.want)
			}
		})
	}
}
