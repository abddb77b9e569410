package cli_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/cli"
)

// panicReader panics when the plan is read: a stand-in for a bug
// anywhere below the command line.
type panicReader struct{}

func (panicReader) Read([]byte) (int, error) { panic("boom\nin two lines") }

// TestCrashReport: a panic under Run is reported on one line with the
// version and the panic value, asks for a report and exits 2; the Go
// stack is printed only with TRUSTCLOUD_DEBUG=1.
func TestCrashReport(t *testing.T) {
	for _, debug := range []string{"", "1"} {
		t.Run("TRUSTCLOUD_DEBUG="+debug, func(t *testing.T) {
			t.Setenv("TRUSTCLOUD_DEBUG", debug)
			var out, errOut bytes.Buffer
			code := cli.Run([]string{"trustcloud", "check", "-"}, panicReader{}, &out, &errOut)
			if code != cli.ExitError {
				t.Errorf("exit %d, want %d", code, cli.ExitError)
			}
			if out.Len() != 0 {
				t.Errorf("stdout: %q", out.String())
			}
			stderr := errOut.String()
			first, rest, _ := strings.Cut(stderr, "\n")
			want := "trustcloud " + cli.Version + ": internal error: boom in two lines; please report it at https://github.com/trustcloud/trustcloud/issues"
			if !strings.HasPrefix(first, want) {
				t.Errorf("first line %q, want it to start with %q", first, want)
			}
			if debug == "" && (rest != "" || strings.Contains(stderr, "goroutine")) {
				t.Errorf("stack printed without TRUSTCLOUD_DEBUG=1:\n%s", stderr)
			}
			if debug == "1" && (!strings.Contains(rest, "goroutine") || !strings.Contains(rest, "panicReader")) {
				t.Errorf("no stack with TRUSTCLOUD_DEBUG=1:\n%s", stderr)
			}
		})
	}
}
