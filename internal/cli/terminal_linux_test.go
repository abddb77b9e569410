package cli_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// runOnTerminal runs the built command with stdout on a pseudo-terminal
// of the given width, with extra environment variables (CI removed
// unless given), and returns what the terminal showed, without the
// carriage returns it adds, and colour codes removed.
func runOnTerminal(t *testing.T, cols uint16, env []string, args ...string) string {
	t.Helper()
	if binaryErr != nil {
		t.Fatalf("the CLI could not be built: %v", binaryErr)
	}
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("no pseudo-terminal: %v", err)
	}
	defer func() { _ = ptmx.Close() }()
	if err := unix.IoctlSetPointerInt(int(ptmx.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatalf("unlocking the pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(int(ptmx.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatalf("pseudo-terminal number: %v", err)
	}
	pts, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("opening the pseudo-terminal: %v", err)
	}
	if err := unix.IoctlSetWinsize(int(pts.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 50, Col: cols}); err != nil {
		t.Fatalf("setting the terminal's width: %v", err)
	}
	cmd := exec.Command(binary, args...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CI=") && !strings.HasPrefix(kv, "COLUMNS=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, append([]string{"NO_COLOR=1", "TERM=xterm"}, env...)...)
	var errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = pts, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	_ = pts.Close()
	var out bytes.Buffer
	// Reading the master ends with EIO once the command has closed the
	// terminal.
	if _, err := io.Copy(&out, ptmx); err != nil && !errors.Is(err, unix.EIO) {
		t.Fatalf("reading the terminal: %v", err)
	}
	if err := cmd.Wait(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() > 1 {
			t.Fatalf("%v: %v\n%s", args, err, errOut.String())
		}
	}
	return strings.ReplaceAll(out.String(), "\r\n", "\n")
}

// TestTextWrapsOnATerminal: on a terminal 70 columns wide the text report
// is wrapped to 70, continuation lines indented under their line; with CI
// set, or to a pipe, lines are whole.
func TestTextWrapsOnATerminal(t *testing.T) {
	args := []string{"check", "../../testdata/scenarios/ministry/plan.json"}
	pipe := runBinary(t, "", []string{"NO_COLOR=1"}, "", args...)
	if pipe.code != 1 {
		t.Fatalf("want exit 1: %s", pipe)
	}
	long := 0
	for l := range strings.SplitSeq(pipe.stdout, "\n") {
		long = max(long, len([]rune(l)))
	}
	if long <= 70 {
		t.Fatalf("no line over 70 characters in:\n%s", pipe.stdout)
	}

	wrapped := runOnTerminal(t, 70, nil, args...)
	for l := range strings.SplitSeq(wrapped, "\n") {
		if n := len([]rune(l)); n > 70 && strings.Contains(strings.TrimSpace(l), " ") {
			t.Errorf("a line of %d on a terminal of 70: %q", n, l)
		}
	}
	if !strings.Contains(wrapped, "\n    HIGH TC001 non-eu-region: aws_sqs_queue.analytics_export is in\n        us-east-1 (US)") {
		t.Errorf("the finding does not go on under itself:\n%s", wrapped)
	}
	if got, want := strings.Fields(wrapped), strings.Fields(pipe.stdout); !slices.Equal(got, want) {
		t.Errorf("the wrapped report has other words than the piped one:\n%s", wrapped)
	}

	if inCI := runOnTerminal(t, 70, []string{"CI=true"}, args...); inCI != pipe.stdout {
		t.Errorf("with CI set, the terminal's report is not the piped one, whole lines:\n%s", inCI)
	}
}
