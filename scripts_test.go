package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// earlyExitReader is a pipeline stage that stops reading before its input
// ends: head, grep -q or -m, an awk program that exits. Under
// `set -o pipefail` the command writing into it may die of SIGPIPE, and the
// pipeline then fails with status 141 depending on timing (CI failed that
// way once, on `terraform version | head -n1`).
var earlyExitReader = regexp.MustCompile(`(?:^|[^|])\|\s*(head\b|grep\s+-[A-Za-z]*[qm]|awk\b.*\bexit\b)`)

// TestScriptsNoEarlyExitPipes: no shell script of the project pipes into a
// reader that stops early while pipefail is on; `sed -n 1p` or an awk
// program that reads on are the safe forms.
func TestScriptsNoEarlyExitPipes(t *testing.T) {
	files := []string{filepath.Join(".ci", "run")}
	err := filepath.WalkDir("scripts", func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".sh") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 5 {
		t.Fatalf("only %d scripts found: %v", len(files), files)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), "pipefail") {
			continue
		}
		for i, line := range strings.Split(string(src), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "#") {
				continue
			}
			if m := earlyExitReader.FindString(line); m != "" {
				t.Errorf("%s:%d: %q stops reading early; under pipefail the writer can die of SIGPIPE (exit 141): %s", f, i+1, m, strings.TrimSpace(line))
			}
		}
	}
}
