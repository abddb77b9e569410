package golden

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// recorder is a testing.TB that keeps what a test would report.
type recorder struct {
	testing.TB
	name   string
	errors []string
	logs   []string
}

func (r *recorder) Helper()      {}
func (r *recorder) Name() string { return r.name }
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatal(args ...any) { r.errors = append(r.errors, fmt.Sprint(args...)) }
func (r *recorder) Logf(format string, args ...any) {
	r.logs = append(r.logs, fmt.Sprintf(format, args...))
}

// updatingFor sets -update for the rest of the test.
func updatingFor(t *testing.T, on bool) {
	old := *update
	*update = on
	t.Cleanup(func() { *update = old })
}

func TestAssertCompares(t *testing.T) {
	updatingFor(t, false)
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(path, []byte("one\ntwo\nthree\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	same := &recorder{name: "TestReport/ministry"}
	Assert(same, path, []byte("one\ntwo\nthree\n"))
	if len(same.errors) > 0 {
		t.Errorf("identical content reported: %q", same.errors)
	}

	differ := &recorder{name: "TestReport/ministry"}
	Assert(differ, path, []byte("one\n2\nthree\n"))
	if len(differ.errors) != 1 {
		t.Fatalf("a differing file gave %d errors, want 1: %q", len(differ.errors), differ.errors)
	}
	msg := differ.errors[0]
	for _, want := range []string{
		path + " differs", "-golden +got",
		"go test ./internal/golden -run '^TestReport$' -update", "make golden",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the mismatch message lacks %q:\n%s", want, msg)
		}
	}
	// cmp spaces its output with a random mix of spaces and no-break
	// spaces: match the changed lines, not their spacing.
	if !regexp.MustCompile(`(?m)^\s*-[^"\n]*"two",\n\s*\+[^"\n]*"2",$`).MatchString(msg) {
		t.Errorf("the mismatch message does not show the changed line:\n%s", msg)
	}
	if got, _ := os.ReadFile(path); string(got) != "one\ntwo\nthree\n" {
		t.Errorf("comparing rewrote the golden file: %q", got)
	}

	missing := &recorder{name: "TestNew"}
	Assert(missing, filepath.Join(dir, "none.txt"), []byte("x"))
	if len(missing.errors) != 1 || !strings.Contains(missing.errors[0], "does not exist") ||
		!strings.Contains(missing.errors[0], "go test ./internal/golden -run '^TestNew$' -update") {
		t.Errorf("a missing golden file: %q", missing.errors)
	}
}

func TestAssertBoundsTheDiff(t *testing.T) {
	updatingFor(t, false)
	path := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(path, bytes.Repeat([]byte("a"), 4*maxDiff), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &recorder{name: "TestBig"}
	Assert(r, path, bytes.Repeat([]byte("b"), 4*maxDiff))
	if len(r.errors) != 1 || len(r.errors[0]) > 2*maxDiff || !strings.Contains(r.errors[0], "more bytes of diff") {
		t.Errorf("diff of a large file: %d errors, first %d bytes", len(r.errors), len(strings.Join(r.errors, "")))
	}
}

func TestUpdateWrites(t *testing.T) {
	updatingFor(t, true)
	dir := t.TempDir()
	path := filepath.Join(dir, "new", "dir", "out.txt")

	r := &recorder{name: "TestUpdate"}
	Assert(r, path, []byte("first\n"))
	if got, err := os.ReadFile(path); err != nil || string(got) != "first\n" {
		t.Fatalf("-update wrote %q, %v", got, err)
	}
	if len(r.errors) > 0 || len(r.logs) != 1 || !strings.Contains(r.logs[0], "rewrote "+path) {
		t.Errorf("-update: errors %q, logs %q", r.errors, r.logs)
	}

	// The same content again: the file is left alone and nothing is said,
	// so that `make golden` names only the files it changed.
	old := time.Unix(1e9, 0)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	again := &recorder{name: "TestUpdate"}
	Assert(again, path, []byte("first\n"))
	if st, err := os.Stat(path); err != nil || !st.ModTime().Equal(old) || len(again.logs) > 0 {
		t.Errorf("unchanged content: file rewritten (%v, %v) or logged %q", st.ModTime(), err, again.logs)
	}
}

func TestGzip(t *testing.T) {
	updatingFor(t, true)
	path := filepath.Join(t.TempDir(), "schema.json.gz")
	Assert(&recorder{name: "TestGzip"}, path, []byte(`{"a":1}`))
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("a .gz golden file is not gzip: %v", err)
	}
	var plain bytes.Buffer
	if _, err := plain.ReadFrom(zr); err != nil || plain.String() != `{"a":1}` {
		t.Fatalf("decompressed %q, %v", plain.String(), err)
	}

	updatingFor(t, false)
	same := &recorder{name: "TestGzip"}
	Assert(same, path, []byte(`{"a":1}`))
	differ := &recorder{name: "TestGzip"}
	Assert(differ, path, []byte(`{"a":2}`))
	if len(same.errors) > 0 || len(differ.errors) != 1 || !strings.Contains(differ.errors[0], `{"a":2}`) {
		t.Errorf(".gz compared uncompressed: same %q, differ %q", same.errors, differ.errors)
	}
}

func TestAssertJSON(t *testing.T) {
	updatingFor(t, true)
	path := filepath.Join(t.TempDir(), "v.json")
	AssertJSON(&recorder{name: "TestJSON"}, path, map[string]any{"rule": "TC001", "message": "a <b> & c"})
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"message\": \"a <b> & c\",\n  \"rule\": \"TC001\"\n}\n"; string(got) != want {
		t.Errorf("AssertJSON wrote %q, want %q", got, want)
	}
}
