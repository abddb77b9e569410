package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// reportURL is where crash reports go.
const reportURL = "https://github.com/trustcloud/trustcloud/issues"

// crashed reports a panic that reached Run: one line with the version and
// the panic value (the stack too when TRUSTCLOUD_DEBUG=1), never a Go
// stack dump in a CI log, in the run's language. It returns the exit code of an error.
func crashed(stderr io.Writer, getenv func(string) string, lang i18n.Lang, value any, stack []byte) int {
	msg := strings.Join(strings.Fields(fmt.Sprint(value)), " ")
	if len(msg) > 300 {
		msg = strings.ToValidUTF8(msg[:300], "") + "…"
	}
	if getenv("TRUSTCLOUD_DEBUG") == "1" {
		fmt.Fprintf(stderr, "%s\n%s", i18n.T(lang, "cli.crash_debug", Version, msg, reportURL), stack)
		return ExitError
	}
	fmt.Fprintln(stderr, i18n.T(lang, "cli.crash", Version, msg, reportURL))
	return ExitError
}
