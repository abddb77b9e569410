// Package testcorpus finds the shared corpus of real Terraform plans
// (../shared/corpus/plans, see its MANIFEST.tsv) for tests. The plans are
// other projects' files: they are read where they are, never copied into
// this repository.
package testcorpus

import (
	"fmt"
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
	return shared(tb, "TRUSTCLOUD_CORPUS", "the shared plan corpus", "corpus", "plans")
}

// MetadataDir returns the shared reference copy of the providers' metadata
// (../shared/reference/provider-metadata, with the providers' schema
// files): TRUSTCLOUD_PROVIDER_METADATA when set, else that directory next
// to the repository; skipped with the reason without either, a failure
// under CI.
func MetadataDir(tb testing.TB) string {
	tb.Helper()
	return shared(tb, "TRUSTCLOUD_PROVIDER_METADATA", "the shared provider metadata", "reference", "provider-metadata")
}

func shared(tb testing.TB, env, what string, rel ...string) string {
	tb.Helper()
	dir := os.Getenv(env)
	if dir == "" {
		if root, ok := moduleRoot(); ok {
			p := filepath.Join(append([]string{root, "..", "shared"}, rel...)...)
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				dir = p
			}
		}
	}
	if dir == "" {
		msg := fmt.Sprintf("%s is not available: set %s to ../shared/%s (.ci/run does)", what, env, filepath.Join(rel...))
		if os.Getenv("CI") != "" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		tb.Fatalf("%s=%s is not a directory: %v", env, dir, err)
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
