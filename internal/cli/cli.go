// Package cli is the trustcloud command line: flags, subcommands, output
// and exit codes (0 no finding at or above --fail-on, 1 such findings, 2
// usage, input or policy error).
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/i18n"
)

// Exit codes: those of a finished check, and ExitError for usage, input
// and policy errors.
const (
	ExitOK       = check.ExitOK
	ExitFindings = check.ExitFindings
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
	// lang is the language of messages and of the reports written for
	// people: --lang, else the locale (LC_ALL, LC_MESSAGES, LANG).
	lang i18n.Lang
	// now is the clock of expiries (waivers, qualifications) and of the
	// catalog's age.
	now func() time.Time
	// releaseGC, set while a command that loads the catalog runs, gives
	// the garbage collector back its setting once it is loaded (holdGC).
	releaseGC func()
}

// Options change how Run runs, for tests and embedding.
type Options struct {
	// Now is the clock of expiries and of the catalog's age (default
	// time.Now): tests pin it so that a qualification that expires does
	// not change their verdicts.
	Now func() time.Time
}

// usageError is a command-line mistake: it prints the usage hint, which
// points at the help of cmd when the mistake is in a command. Its message
// is rendered in the user's language when it is printed.
type usageError struct {
	msg i18n.Localizer
	cmd string
}

func (e *usageError) Error() string { return e.msg.In(i18n.English) }

// usage is a usage error from the i18n catalog, in the user's language.
func usage(key string, args ...any) error { return &usageError{msg: i18n.M(key, args...)} }

// t renders a message in the user's language.
func (e *env) t(key string, args ...any) string { return i18n.T(e.lang, key, args...) }

// Run runs the command line and returns the exit code. A panic is
// reported in one line and exits with ExitError.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	return RunWith(args, stdin, stdout, stderr, Options{})
}

// RunWith is Run with options.
func RunWith(args []string, stdin io.Reader, stdout, stderr io.Writer, opts Options) (code int) {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, now: opts.Now}
	if e.now == nil {
		e.now = time.Now
	}
	defer func() {
		if v := recover(); v != nil {
			code = crashed(stderr, e.getenv, e.lang, v, debug.Stack())
		}
	}()
	return e.run(args)
}

func (e *env) run(args []string) int {
	e.lang = i18n.FromEnv(e.getenv)
	args, err := e.takeLang(args)
	if err == nil && len(args) < 2 {
		fmt.Fprint(e.stderr, e.t("cli.usage"))
		return ExitError
	}
	code := ExitOK
	if err == nil {
		code, err = e.dispatch(args)
	}
	if err != nil {
		var ue *usageError
		var help *helpRequest
		switch {
		case errors.As(err, &help):
			e.writeHelp(e.stdout, help.fs)
			return ExitOK
		case errors.As(err, &ue) && ue.cmd != "":
			fmt.Fprintf(e.stderr, "trustcloud: %s\n%s\n", ue.msg.In(e.lang), e.t("cli.usage_hint_command", ue.cmd))
		case errors.As(err, &ue):
			fmt.Fprintf(e.stderr, "trustcloud: %s\n%s\n", ue.msg.In(e.lang), e.t("cli.usage_hint"))
		default:
			fmt.Fprintf(e.stderr, "trustcloud: %s\n", strings.TrimRight(e.errorText(err), "\n"))
		}
		return ExitError
	}
	return code
}

// errorText is err in the run's language when it has a translation
// (a plan error, a policy's diagnostics, an i18n.Error …), else as it is.
func (e *env) errorText(err error) string {
	// Only when nothing wrapped it with more words, which would be lost.
	return i18n.ErrorIn(err, e.lang)
}

// takeLang reads --lang (or --lang=, -lang), which every command takes,
// sets the language from it and returns the arguments without it. Only
// arguments before "--" are flags.
func (e *env) takeLang(args []string) ([]string, error) {
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			out = append(out, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if i == 0 || !strings.HasPrefix(a, "-") || name != "lang" {
			out = append(out, a)
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return nil, usage("cli.lang_missing", i18n.SupportedNames())
			}
			i++
			value = args[i]
		}
		l, ok := i18n.Parse(value)
		if !ok {
			return nil, usage("cli.lang_unknown", value, i18n.SupportedNames())
		}
		e.lang = l
	}
	return out, nil
}

// dispatch runs a command and returns its exit code. A usage error of a
// command points at the command's help.
func (e *env) dispatch(args []string) (int, error) {
	cmd := args[1]
	code, err := e.runCommand(cmd, args[2:])
	var ue *usageError
	if errors.As(err, &ue) && ue.cmd == "" && isCommand(cmd) && cmd != "help" {
		ue.cmd = cmd
	}
	return code, err
}

// runCommand runs one command.
func (e *env) runCommand(cmd string, rest []string) (int, error) {
	var err error
	code := ExitOK
	switch cmd {
	case "check", "inventory", "catalog":
		// They start by loading the catalog (holdGC). The others read
		// no catalog, and verify may read a large bundle.
		e.releaseGC = holdGC(e.getenv)
		defer e.releaseGC()
	}
	switch cmd {
	case "check":
		code, err = e.check(rest)
	case "inventory":
		err = e.inventory(rest)
	case "catalog":
		err = e.catalog(rest)
	case "policy":
		err = e.policy(rest)
	case "verify":
		code, err = e.verify(rest)
	case "keygen":
		err = e.keygen(rest)
	case "version", "--version", "-version":
		// Arguments other than flags are ignored, as they always were.
		if _, err = parse(newFlagSet("version"), rest); err == nil {
			fmt.Fprintf(e.stdout, "trustcloud %s\n", Version)
		}
	case "help", "--help", "-help", "-h":
		code, err = e.help(rest)
	default:
		err = unknownCommand(cmd)
	}
	return code, err
}
