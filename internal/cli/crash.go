package cli

import (
	"fmt"
	"io"
	"strings"
)

// reportURL is where crash reports go.
const reportURL = "https://github.com/trustcloud/trustcloud/issues"

// crashed reports a panic that reached Run: one line with the version and
// the panic value (the stack too when TRUSTCLOUD_DEBUG=1), never a Go
// stack dump in a CI log. It returns the exit code of an error.
func crashed(stderr io.Writer, getenv func(string) string, value any, stack []byte) int {
	msg := strings.Join(strings.Fields(fmt.Sprint(value)), " ")
	if len(msg) > 300 {
		msg = strings.ToValidUTF8(msg[:300], "") + "…"
	}
	if getenv("TRUSTCLOUD_DEBUG") == "1" {
		fmt.Fprintf(stderr, "trustcloud %s: internal error: %s; please report it at %s with this output\n%s", Version, msg, reportURL, stack)
		return ExitError
	}
	fmt.Fprintf(stderr, "trustcloud %s: internal error: %s; please report it at %s with the command line (TRUSTCLOUD_DEBUG=1 prints the stack)\n", Version, msg, reportURL)
	return ExitError
}
