//go:build linux

package evidence

import (
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteFailsMidway makes the file system refuse a file in the middle of
// the bundle (a file size limit, which root obeys too): neither the bundle
// nor its temporary directory is left, and an earlier bundle is kept.
func TestWriteFailsMidway(t *testing.T) {
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	// Past the limit, a write fails with EFBIG instead of killing the
	// process with SIGXFSZ.
	signal.Ignore(syscall.SIGXFSZ)
	defer signal.Reset(syscall.SIGXFSZ)
	big := make([]byte, 1<<20)
	files := append(append([]Content(nil), testFiles[:2]...), Content{"huge.json", big})
	files = append(files, testFiles[2:]...)

	for _, earlier := range []bool{false, true} {
		parent := t.TempDir()
		dir := filepath.Join(parent, "bundle")
		if earlier {
			if err := Write(dir, testManifest(), testFiles, nil); err != nil {
				t.Fatal(err)
			}
		}
		lim := syscall.Rlimit{Cur: 64 << 10, Max: old.Max}
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
			t.Fatal(err)
		}
		err := Write(dir, testManifest(), files, nil)
		if rerr := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); rerr != nil {
			t.Fatal(rerr)
		}
		if err == nil || !strings.Contains(err.Error(), "huge.json") {
			t.Fatalf("earlier bundle %v: Write past the file size limit: %v", earlier, err)
		}
		if !earlier {
			assertEntries(t, parent, nil)
			continue
		}
		assertEntries(t, parent, []string{"bundle"})
		if v := verify(t, dir, VerifyOptions{}); !v.Intact() || len(v.OK) != len(testFiles) {
			t.Errorf("the earlier bundle was harmed: %v", kinds(v))
		}
	}
}
