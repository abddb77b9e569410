// Command trustcloud analyzes Terraform plans against the "cloud de
// confiance" doctrine: where each resource lives, how sensitive it is, and
// what the policy says about it.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/trustcloud/trustcloud/internal/cli"
)

// clock, when set at link time (go build -ldflags "-X
// main.clock=2026-12-03T12:00:00Z"), pins the instant the build evaluates
// expiries and the catalog's age at: the test suites build the command so,
// for verdicts that do not move with the day they run. Release builds
// leave it empty and read the system clock.
var clock string

func main() {
	var opts cli.Options
	if clock != "" {
		at, err := time.Parse(time.RFC3339, clock)
		if err != nil {
			fmt.Fprintf(os.Stderr, "trustcloud: this build's pinned clock %q is not an RFC 3339 time: %v\n", clock, err)
			os.Exit(2)
		}
		opts.Now = func() time.Time { return at }
	}
	os.Exit(cli.RunWith(os.Args, os.Stdin, os.Stdout, os.Stderr, opts))
}
