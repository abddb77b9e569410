// Package golden compares what a test produces with a golden file under
// the test's testdata/, and rewrites the file instead when the tests run
// with -update: `make golden` does it for every package that has golden
// files, and git diff then shows what changed.
//
// There is one -update flag for the whole repository, registered here, so
// every test binary that imports this package accepts it. A golden file
// pins what its package owns: the scenario suite pins rules, addresses
// and severities; the wording of findings is pinned by the report
// package's goldens alone.
//
// It is a non-test package so that the tests of several packages share
// it; it is imported by _test.go files only.
package golden

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files with what the tests produce (`make golden` runs every package with it)")

// Updating reports whether the tests run with -update: golden files are
// then written, not compared.
func Updating() bool { return *update }

// maxDiff bounds the diff printed on a mismatch: a large JSON document on
// one line would otherwise flood the test log.
const maxDiff = 16 << 10

// Assert compares got with the golden file at path (relative to the test's
// package directory). With -update it writes got to path instead, when
// they differ, creating the directories it needs. A path ending in .gz is
// stored gzip-compressed and compared uncompressed.
func Assert(tb testing.TB, path string, got []byte) {
	tb.Helper()
	if *update {
		write(tb, path, got)
		return
	}
	want, err := read(path)
	if errors.Is(err, fs.ErrNotExist) {
		tb.Errorf("golden file %s does not exist: create it with\n\t%s\nand review it", path, Command(tb))
		return
	}
	if err != nil {
		tb.Fatalf("golden file %s: %v", path, err)
	}
	if bytes.Equal(want, got) {
		return
	}
	diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n"))
	if len(diff) > maxDiff {
		diff = diff[:maxDiff] + fmt.Sprintf("\n… (%d more bytes of diff)", len(diff)-maxDiff)
	}
	tb.Errorf("%s differs from what the test produced (-golden +got):\n%s\nIf the change is intended, rewrite it with\n\t%s\n(or every golden file with `make golden`) and review the diff.",
		path, diff, Command(tb))
}

// AssertJSON is Assert on v encoded as JSON: indented by two spaces, HTML
// characters not escaped, with a final newline.
func AssertJSON(tb testing.TB, path string, v any) {
	tb.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		tb.Fatalf("encoding %s: %v", path, err)
	}
	Assert(tb, path, buf.Bytes())
}

// Command is the command that rewrites the golden files of the running
// top-level test: go test, the test's package from the repository root,
// the test's name and -update.
func Command(tb testing.TB) string {
	pkg := "."
	if wd, err := os.Getwd(); err == nil {
		if root, ok := moduleRoot(wd); ok {
			if rel, err := filepath.Rel(root, wd); err == nil {
				pkg = "./" + filepath.ToSlash(rel)
			}
		}
	}
	top, _, _ := strings.Cut(tb.Name(), "/")
	return fmt.Sprintf("go test %s -run '^%s$' -update", pkg, top)
}

func read(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil || !strings.HasSuffix(path, ".gz") {
		return data, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// write writes got to path when what path holds differs, and says so.
func write(tb testing.TB, path string, got []byte) {
	tb.Helper()
	if old, err := read(path); err == nil && bytes.Equal(old, got) {
		return
	}
	data := got
	if strings.HasSuffix(path, ".gz") {
		var buf bytes.Buffer
		zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := zw.Write(got); err != nil {
			tb.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			tb.Fatal(err)
		}
		data = buf.Bytes()
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("rewrote %s", path)
}

// moduleRoot is the directory of the go.mod above dir (a test runs in its
// package's directory).
func moduleRoot(dir string) (string, bool) {
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}
