// Command flagdoc writes the flag tables of the READMEs from the
// commands' own flags (`make docs` runs it):
//
//	go run ./internal/cli/flagdoc README.md=en README.fr.md=fr
//
// Each file gets, between its markers, the tables in its language.
package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/trustcloud/trustcloud/internal/cli"
	"github.com/trustcloud/trustcloud/internal/i18n"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "flagdoc: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return errors.New("usage: flagdoc FILE=LANG…, such as README.md=en")
	}
	for _, a := range args {
		file, code, ok := strings.Cut(a, "=")
		lang, known := i18n.Parse(code)
		if !ok || !known {
			return fmt.Errorf("%q: want FILE=LANG, LANG one of %s", a, i18n.SupportedNames())
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		out, err := cli.SpliceFlagTables(data, lang)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if err := os.WriteFile(file, out, 0o644); err != nil {
			return err
		}
	}
	return nil
}
