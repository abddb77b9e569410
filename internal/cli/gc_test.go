package cli

import (
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
	"time"
)

// gcPercent reads the collector's setting.
func gcPercent() int {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p
}

// TestHoldGC: a run holds the collector at startupGCPercent until it
// releases it, then the setting is the one before; overlapping runs
// restore it when the last releases; releasing twice counts once; GOGC
// set by the user is left alone.
func TestHoldGC(t *testing.T) {
	before := gcPercent()
	unset := func(string) string { return "" }
	r1 := holdGC(unset)
	if got := gcPercent(); got != startupGCPercent {
		t.Fatalf("held: %d, want %d", got, startupGCPercent)
	}
	r2 := holdGC(unset)
	r1()
	r1()
	if got := gcPercent(); got != startupGCPercent {
		t.Errorf("one run of two released (twice): %d, want still %d", got, startupGCPercent)
	}
	r2()
	if got := gcPercent(); got != before {
		t.Errorf("both released: %d, want %d", got, before)
	}
	r3 := holdGC(func(k string) string {
		if k == "GOGC" {
			return "50"
		}
		return ""
	})
	if got := gcPercent(); got != before {
		t.Errorf("GOGC set: the setting moved to %d", got)
	}
	r3()
	if got := gcPercent(); got != before {
		t.Errorf("GOGC set, released: %d, want %d", got, before)
	}
}

// TestSmallPlan: only a regular file of at most smallPlanBytes is small.
func TestSmallPlan(t *testing.T) {
	d := t.TempDir()
	small, big := filepath.Join(d, "small.json"), filepath.Join(d, "big.json")
	if err := os.WriteFile(small, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(smallPlanBytes + 1); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	binary := filepath.Join(d, "plan.tfplan")
	if err := os.WriteFile(binary, []byte("PK\x03\x04 a zip"), 0o600); err != nil {
		t.Fatal(err)
	}
	spaced := filepath.Join(d, "spaced.json")
	if err := os.WriteFile(spaced, []byte("\n  {}"), 0o600); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{small: true, spaced: true, big: false, binary: false, d: false, "-": false, filepath.Join(d, "missing.json"): false} {
		if got := smallPlan(path); got != want {
			t.Errorf("smallPlan(%s) = %v, want %v", filepath.Base(path), got, want)
		}
	}
}

// TestReleaseGCAfterCatalog: options releases the collector once the
// catalog is loaded for a plan that is not small (a directory), keeps it
// held for a small plan file, and a whole run leaves the setting as it
// found it.
func TestReleaseGCAfterCatalog(t *testing.T) {
	d := t.TempDir()
	plan := filepath.Join(d, "plan.json")
	if err := os.WriteFile(plan, []byte(`{"format_version":"1.2","resource_changes":[]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d, "main.tf"), []byte("terraform {}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		arg      string
		released bool
	}{{plan, false}, {d, true}} {
		released := 0
		e := &env{getenv: func(string) string { return "" }, releaseGC: func() { released++ }}
		if _, err := e.options(&common{noPolicyDiscovery: true}, []string{c.arg}); err != nil {
			t.Fatalf("%s: %v", c.arg, err)
		}
		if got := released == 1; got != c.released {
			t.Errorf("%s: released %d times, want released %v", filepath.Base(c.arg), released, c.released)
		}
	}
	before := gcPercent()
	if code := RunWith([]string{"trustcloud", "check", "--format", "json", "--no-policy-discovery", "--no-config", plan}, nil, io.Discard, io.Discard, Options{}); code != ExitOK {
		t.Errorf("check of an empty plan: exit %d", code)
	}
	if got := gcPercent(); got != before {
		t.Errorf("after a run: %d, want %d", got, before)
	}
}

// TestHoldGCCommands: only the commands that load the catalog first hold
// the collector (they ask whether GOGC is set); verify, which may read a
// large bundle, and the others do not.
func TestHoldGCCommands(t *testing.T) {
	for cmd, want := range map[string]bool{"check": true, "inventory": true, "catalog": true, "verify": false, "version": false, "policy": false, "keygen": false} {
		asked := false
		e := &env{stdout: io.Discard, stderr: io.Discard, now: time.Now, getenv: func(k string) string {
			if k == "GOGC" {
				asked = true
			}
			return ""
		}}
		_, _ = e.runCommand(cmd, []string{"--help"})
		if asked != want {
			t.Errorf("%s: held the collector %v, want %v", cmd, asked, want)
		}
	}
}
