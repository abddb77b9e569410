// Package cli is the trustcloud command line: flags, subcommands, output
// and exit codes (0 no finding at or above --fail-on, 1 such findings, 2
// usage, input or policy error).
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// Exit codes.
const (
	ExitOK       = 0
	ExitFindings = 1
	ExitError    = 2
)

// Version is set at build time with -ldflags "-X .../internal/cli.Version=…".
var Version = "dev"

// env carries the streams of one run.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// getenv reads the environment (tests replace it).
	getenv func(string) string
}

// usageError is a command-line mistake: it prints the usage hint.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

const usage = `trustcloud: where your Terraform resources really live, and what the "cloud de confiance" doctrine says about it.

Usage:
  trustcloud check     [--policy FILE] [--catalog FILE] [--format F[=PATH]]... [--fail-on SEV]
                       [--baseline FILE] [--new-only] [--config-dir DIR] [--terraform PATH] PLAN
  trustcloud inventory [--policy FILE] [--catalog FILE] [--format text|json] [--terraform PATH] PLAN
  trustcloud catalog   providers|offers|regions|operators [--format text|json] [--catalog FILE] [filters]
  trustcloud policy    init [--profile NAME] [--force] [FILE]
  trustcloud policy    validate [FILE]
  trustcloud version

PLAN is the output of 'terraform show -json PLANFILE', '-' for standard input, or a binary
plan file (converted with 'terraform show -json', terraform from PATH or --terraform).
Without --policy, the built-in profile fr-cloud-au-centre applies.
Formats: text, json, sarif, junit, gitlab, markdown, github, html; F=PATH writes a file.

Exit codes: 0 no finding at or above --fail-on (default high); 1 such findings;
2 usage, input, catalog or policy error.
`

// Run runs the command line and returns the exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	return e.run(args)
}

func (e *env) run(args []string) int {
	if len(args) < 2 {
		fmt.Fprint(e.stderr, usage)
		return ExitError
	}
	var err error
	code := ExitOK
	switch cmd, rest := args[1], args[2:]; cmd {
	case "check":
		code, err = e.check(rest)
	case "inventory":
		err = e.inventory(rest)
	case "catalog":
		err = e.catalog(rest)
	case "policy":
		err = e.policy(rest)
	case "version", "--version", "-version":
		fmt.Fprintf(e.stdout, "trustcloud %s\n", Version)
	case "help", "--help", "-help", "-h":
		fmt.Fprint(e.stdout, usage)
	default:
		err = usagef("unknown command %q", cmd)
	}
	if err != nil {
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(e.stderr, "trustcloud: %s\nRun 'trustcloud help' for usage.\n", ue.msg)
		} else {
			fmt.Fprintf(e.stderr, "trustcloud: %s\n", strings.TrimRight(err.Error(), "\n"))
		}
		return ExitError
	}
	return code
}

// parse parses flags wherever they appear among the arguments (flags after
// the plan are common in scripts) and returns the positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, usagef("%s: see 'trustcloud help'", fs.Name())
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// multiFlag collects a repeated flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
