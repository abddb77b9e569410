package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

func TestProgressOnlyOnTerminalsOutsideCI(t *testing.T) {
	tty, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0) // a character device, like a terminal
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tty.Close() }()
	env := func(stderr any, vars map[string]string) *env {
		e := &env{getenv: func(k string) string { return vars[k] }}
		switch w := stderr.(type) {
		case *os.File:
			e.stderr = w
		case *bytes.Buffer:
			e.stderr = w
		}
		return e
	}
	cases := []struct {
		name   string
		stderr any
		vars   map[string]string
		want   bool
	}{
		{"terminal", tty, nil, true},
		{"terminal in CI", tty, map[string]string{"CI": "true"}, false},
		{"dumb terminal", tty, map[string]string{"TERM": "dumb"}, false},
		{"opted out", tty, map[string]string{"TRUSTCLOUD_NO_PROGRESS": "1"}, false},
		{"pipe or file", &bytes.Buffer{}, nil, false},
	}
	for _, tc := range cases {
		if got := env(tc.stderr, tc.vars).progressWanted(); got != tc.want {
			t.Errorf("%s: progressWanted() = %v, want %v", tc.name, got, tc.want)
		}
	}
	// Not wanted: no indicator, and its methods are no-ops.
	e := env(&bytes.Buffer{}, nil)
	p := e.startProgress("plan.json")
	if p != nil {
		t.Fatal("startProgress on a buffer returned an indicator")
	}
	p.add(10)
	p.setPhase("x")
	p.finish()
}

func TestProgressLineAndErase(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/plan.json"
	if err := os.WriteFile(path, bytes.Repeat([]byte(" "), 4<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	p := newProgress(&buf, path, 0, 5*time.Millisecond)
	p.add(1 << 20)
	waitFor(t, p, &buf, "reading  25% (1/4 MB)")
	p.setPhase("resolving 3 resources")
	waitFor(t, p, &buf, "plan.json: resolving 3 resources…")
	p.finish()
	p.finish() // twice is harmless
	if out := buf.String(); !strings.HasSuffix(out, "\r\033[K") {
		t.Errorf("the line is not erased at the end: %q", out)
	}

	// A run shorter than the delay shows nothing.
	buf.Reset()
	quick := newProgress(&buf, path, time.Hour, time.Millisecond)
	quick.add(100)
	quick.finish()
	if buf.Len() != 0 {
		t.Errorf("a quick run printed progress: %q", buf.String())
	}
}

func waitFor(t *testing.T, p *progress, buf *bytes.Buffer, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		p.mu.Lock()
		got := buf.String()
		p.mu.Unlock()
		if strings.Contains(got, want) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	t.Fatalf("progress never showed %q; got %q", want, buf.String())
}
