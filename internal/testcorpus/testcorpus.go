// Package testcorpus finds the shared corpus of real Terraform plans
// (../shared/corpus/plans, see its MANIFEST.tsv) for tests. The plans are
// other projects' files: they are read where they are, never copied into
// this repository.
package testcorpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the absolute path of the corpus: TRUSTCLOUD_CORPUS when set
// (it must then be a directory), else ../shared/corpus/plans next to the
// repository when it is there. Without either, the test is skipped and
// says why — except under CI (CI set), where it fails: CI must never lose
// the corpus silently.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("TRUSTCLOUD_CORPUS")
	if dir == "" {
		if root, ok := moduleRoot(); ok {
			if st, err := os.Stat(filepath.Join(root, "..", "shared", "corpus", "plans")); err == nil && st.IsDir() {
				dir = filepath.Join(root, "..", "shared", "corpus", "plans")
			}
		}
	}
	if dir == "" {
		msg := "the shared plan corpus is not available: set TRUSTCLOUD_CORPUS to ../shared/corpus/plans (.ci/run does)"
		if os.Getenv("CI") != "" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		tb.Fatalf("TRUSTCLOUD_CORPUS=%s is not a directory: %v", dir, err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return abs
}

// moduleRoot is the directory of the repository's go.mod, found upwards
// from the working directory (a test runs in its package's directory).
func moduleRoot() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
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
