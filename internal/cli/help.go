package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/report"
)

// A command's help is its usage line, a paragraph that says what it does,
// every flag with its description and default, and examples: the texts
// are in the i18n catalogs under help.NAME.* (NAME is the flag set's name,
// "policy init" as help.policy_init.*), the flags come from the command's
// own flag set, so the help cannot list a flag the command lacks.

// helpWidth is the width the help is wrapped to.
const helpWidth = 80

// helpKey is the key of one text of a command's help.
func helpKey(name, part string) string {
	return "help." + strings.ReplaceAll(name, " ", "_") + "." + part
}

// flagArgs are the arguments of the flag descriptions that list values the
// code defines, so that the help always lists them all.
var flagArgs = map[string]func() []any{
	"flag.check.format": func() []any { return []any{strings.Join(report.Names(), ", ")} },
	"flag.catalog.scope": func() []any {
		return []any{strings.Join(catalog.Scopes, ", ")}
	},
	"flag.catalog.status":   func() []any { return []any{strings.Join(names(catalog.Statuses), ", ")} },
	"flag.catalog.standing": func() []any { return []any{strings.Join(names(catalog.Standings), ", ")} },
}

// writeHelp writes the help of the command whose flag set is fs.
func (e *env) writeHelp(w io.Writer, fs *flag.FlagSet) {
	name := fs.Name()
	fmt.Fprintf(w, "%s %s\n\n", e.t("help.usage"), e.t(helpKey(name, "usage")))
	fmt.Fprintf(w, "%s\n", wrapText(e.t(helpKey(name, "description")), "", helpWidth))
	fmt.Fprintf(w, "\n%s\n", e.t("help.flags"))
	fs.VisitAll(func(f *flag.Flag) {
		metavar, text := e.flagHelp(f)
		if f.Name == "help" {
			fmt.Fprint(w, "  -h, --help")
		} else {
			fmt.Fprintf(w, "  --%s", f.Name)
		}
		if metavar != "" {
			fmt.Fprintf(w, " %s", metavar)
		}
		fmt.Fprintln(w)
		fmt.Fprintf(w, "%s\n", wrapText(text, "      ", helpWidth))
	})
	fmt.Fprintf(w, "\n%s\n", e.t("help.examples"))
	for _, line := range strings.Split(strings.TrimRight(e.t(helpKey(name, "examples")), "\n"), "\n") {
		fmt.Fprintf(w, "  %s\n", line)
	}
}

// flagHelp is a flag's value name (FILE, from the description's
// `FILE`; none for a boolean) and its description, with its default when
// it has one.
func (e *env) flagHelp(f *flag.Flag) (metavar, text string) {
	metavar, text, def := e.flagDoc(f)
	if def != "" {
		text += " " + e.t("help.default", def)
	}
	return metavar, text
}

// flagDoc is a flag's value name, its description and its default (""
// for a boolean or a flag without one), apart: the help joins them, the
// README's flag tables (flagdoc.go) give each its column.
func (e *env) flagDoc(f *flag.Flag) (metavar, text, def string) {
	var args []any
	if list, ok := flagArgs[f.Usage]; ok {
		args = list()
	}
	text = e.t(f.Usage, args...)
	if start := strings.Index(text, "`"); start >= 0 {
		if end := strings.Index(text[start+1:], "`"); end >= 0 {
			metavar = text[start+1 : start+1+end]
			text = text[:start] + metavar + text[start+1+end+1:]
		}
	}
	if isBool(f) {
		return "", text, ""
	}
	if metavar == "" {
		metavar = e.t("help.value")
	}
	return metavar, text, f.DefValue
}

// isBool reports whether a flag is a boolean, set by its name alone.
func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// wrapText wraps a paragraph to width columns, each line starting with
// indent.
func wrapText(text, indent string, width int) string {
	var b strings.Builder
	line := indent
	for _, word := range strings.Fields(text) {
		if len([]rune(line)) > len(indent) && len([]rune(line))+1+len([]rune(word)) > width {
			b.WriteString(line + "\n")
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += word
	}
	b.WriteString(line)
	return b.String()
}

// help runs `trustcloud help [COMMAND [SUBCOMMAND]]`: the usage, or the
// help of a command, which is the command run with --help.
func (e *env) help(args []string) (int, error) {
	if len(args) == 0 || args[0] == "--help" || args[0] == "-h" || args[0] == "help" {
		fmt.Fprint(e.stdout, e.t("cli.usage"))
		return ExitOK, nil
	}
	if !isCommand(args[0]) {
		return 0, unknownCommand(args[0])
	}
	target := []string{"trustcloud", args[0]}
	if args[0] == "policy" && len(args) > 1 {
		target = append(target, args[1])
	}
	return e.dispatch(append(target, "--help"))
}

func isCommand(name string) bool {
	for _, c := range commandNames {
		if c == name {
			return true
		}
	}
	return false
}
