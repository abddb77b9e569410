package cli

import (
	"bytes"
	"os"
	"runtime/debug"
	"sync"
)

// startupGCPercent is the collector's setting until the catalog is
// loaded. A run starts by parsing the embedded catalog: a few megabytes
// that live (the catalog) or die at once. At Go's default, the collector
// runs its first cycles at 4 MB, while the type tables are parsed on the
// other core, and they were a third of a small plan's check. Held until
// the catalog is loaded, they no longer run then; a plan is read at the
// default setting, so the memory a large plan needs is unchanged. A small
// plan is checked with the collector held to the end: its heap stays
// within a few tens of megabytes. A 10-resource check: 19.3 → 12.5 ms
// median, the same peak RSS (docs/performance.md).
const startupGCPercent = 400

// smallPlanBytes is the size up to which a plan file is small: about
// 2,500 resources of plan JSON.
const smallPlanBytes = 4 << 20

// smallPlan reports whether path is a JSON plan file of at most
// smallPlanBytes: a regular file (not standard input, a directory or a
// pipe) that starts as JSON does. A binary plan is never small: a few
// compressed megabytes can hold the JSON of a hundred thousand resources.
func smallPlan(path string) bool {
	if path == "-" {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer func() { _ = f.Close() }()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > smallPlanBytes {
		return false
	}
	head := make([]byte, 64)
	n, _ := f.Read(head)
	trimmed := bytes.TrimLeft(head[:n], " \t\r\n\ufeff")
	return len(trimmed) > 0 && trimmed[0] == '{'
}

// gcHold counts the runs holding the collector (tests run several at
// once): the first saves the setting, the last restores it.
var gcHold struct {
	sync.Mutex
	n   int
	old int
}

// holdGC raises the collector's setting for the start of a run, unless
// GOGC says what the user wants, and returns what restores it; calling
// that again does nothing.
func holdGC(getenv func(string) string) (release func()) {
	if getenv("GOGC") != "" {
		return func() {}
	}
	gcHold.Lock()
	if gcHold.n == 0 {
		gcHold.old = debug.SetGCPercent(startupGCPercent)
	}
	gcHold.n++
	gcHold.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			gcHold.Lock()
			gcHold.n--
			if gcHold.n == 0 {
				debug.SetGCPercent(gcHold.old)
			}
			gcHold.Unlock()
		})
	}
}
