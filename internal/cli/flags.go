package cli

import (
	"flag"
	"strings"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/configinput"
	"github.com/trustcloud/trustcloud/internal/i18n"
)

// Every command reads its flags through newFlagSet and parse, so that all
// of them take --help and --lang, answer a mistake with a GNU-style
// message (--flag, never Go's -flag) and a suggestion, and print their
// help from the same descriptions. A flag's usage string is the key of
// its description in the i18n catalogs (help.go renders it).

// newFlagSet is the flag set of a command ("check", "policy init"), with
// the flags every command takes: --help and --lang (read by takeLang
// before the command runs; registered here for the help and the
// suggestions).
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Bool("help", false, "flag.help")
	fs.String("lang", "", "flag.lang")
	return fs
}

// helpRequest is --help or -h: the command's help goes to stdout, exit 0.
type helpRequest struct{ fs *flag.FlagSet }

func (h *helpRequest) Error() string { return h.fs.Name() + ": help requested" }

// parse parses flags wherever they appear among the arguments (flags after
// the plan are common in scripts) and returns the positional arguments.
// "--" ends the flags; "-" alone is an argument (standard input). Flags
// are written --name or -name, their value after "=" or as the next
// argument (a boolean takes only "=").
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(positional, args[i+1:]...), nil
		}
		if len(a) < 2 || a[0] != '-' {
			positional = append(positional, a)
			continue
		}
		name := strings.TrimPrefix(a[1:], "-")
		name, value, hasValue := strings.Cut(name, "=")
		if name == "" || name[0] == '-' {
			return nil, &usageError{msg: i18n.M("cli.flag_syntax", fs.Name(), a), cmd: fs.Name()}
		}
		if name == "h" || name == "help" {
			return nil, &helpRequest{fs}
		}
		f := fs.Lookup(name)
		if f == nil {
			return nil, &usageError{msg: suggested(i18n.M("cli.unknown_flag", fs.Name(), name), name, flagNames(fs), "--"), cmd: fs.Name()}
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			if !hasValue {
				value = "true"
			}
		} else if !hasValue {
			if i+1 >= len(args) {
				return nil, &usageError{msg: i18n.M("cli.flag_needs_value", fs.Name(), name), cmd: fs.Name()}
			}
			i++
			value = args[i]
		}
		if err := fs.Set(name, value); err != nil {
			return nil, &usageError{msg: i18n.M("cli.flag_invalid", fs.Name(), value, name, reason(f, err)), cmd: fs.Name()}
		}
	}
	return positional, nil
}

// reason says why a flag refused its value, in the user's language.
func reason(f *flag.Flag, err error) i18n.Localizer {
	if loc, ok := err.(i18n.Localizer); ok {
		return loc
	}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return i18n.M("cli.bool_invalid")
	}
	return i18n.Text(err.Error())
}

// valueError is a flag's value refused, with why in the user's language.
type valueError struct{ i18n.Msg }

func (e valueError) Error() string { return e.In(i18n.English) }

// flagNames lists the flags of a set.
func flagNames(fs *flag.FlagSet) []string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return names
}

// suggestion is the candidate closest to what was typed, when one is close
// enough to be a typo ("frmat" → "format", "chek" → "check"), else "".
func suggestion(typed string, candidates []string) string {
	best, bestDist := "", 0
	for _, c := range candidates {
		d := editDistance(strings.ToLower(typed), c)
		// A typo is a letter or two: one edit in a short word, two in a
		// longer one, never most of the word.
		limit := 1
		if len(c) >= 6 {
			limit = 2
		}
		if d <= limit && d < len(c) && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// suggested is a message followed, when a candidate is close to what was
// typed, by "; did you mean PREFIX+candidate?".
func suggested(msg i18n.Msg, typed string, candidates []string, prefix string) i18n.Localizer {
	s := suggestion(typed, candidates)
	if s == "" {
		return msg
	}
	return withSuggestion{msg, prefix + s}
}

type withSuggestion struct {
	msg  i18n.Msg
	name string
}

func (w withSuggestion) In(l i18n.Lang) string {
	return w.msg.In(l) + i18n.T(l, "cli.did_you_mean", w.name)
}

// editDistance is how far a typed word is from a known one: the catalog's
// TypoDistance (a swap of two adjacent letters is one edit).
func editDistance(a, b string) int { return catalog.TypoDistance(a, b) }

// colorFlag is --color: auto, always or never.
type colorFlag string

func (c *colorFlag) String() string {
	if *c == "" {
		return "auto"
	}
	return string(*c)
}

func (c *colorFlag) Set(v string) error {
	switch v {
	case "auto", "always", "never":
		*c = colorFlag(v)
		return nil
	}
	return valueError{i18n.M("cli.color_invalid")}
}

// multiFlag collects a repeated flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// varFlag is --var or --var-file: both add to one list, in the order
// given, as Terraform applies them.
type varFlag struct {
	list *[]configinput.Var
	file bool
}

func (v *varFlag) String() string { return "" }

func (v *varFlag) Set(s string) error {
	if v.file {
		*v.list = append(*v.list, configinput.Var{File: s})
	} else {
		*v.list = append(*v.list, configinput.Var{Assign: s})
	}
	return nil
}

// commandNames are the commands, for the suggestions.
var commandNames = []string{"check", "inventory", "catalog", "policy", "verify", "keygen", "version", "help"}

// unknownCommand is the error of a command that does not exist.
func unknownCommand(name string) error {
	return &usageError{msg: suggested(i18n.M("cli.unknown_command", name), name, commandNames, "")}
}
