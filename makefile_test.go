package main

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// commentedTarget is a GNUmakefile rule line with a "## " comment: the
// target and what it does.
var commentedTarget = regexp.MustCompile(`(?m)^([A-Za-z0-9_.-]+):[^=\n]*## (.*)$`)

// TestMakeHelp: `make help`, and `make` alone, list every target that has
// a "## " comment, with that comment, descriptions aligned in one column,
// and nothing else.
func TestMakeHelp(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Fatal("make is not on PATH: the README's first commands need it (install GNU make)")
	}
	src, err := os.ReadFile("GNUmakefile")
	if err != nil {
		t.Fatal(err)
	}
	want := commentedTarget.FindAllStringSubmatch(string(src), -1)
	if len(want) < 15 {
		t.Fatalf("only %d commented targets in GNUmakefile: is the pattern broken?", len(want))
	}
	for _, args := range [][]string{{"help"}, nil} {
		cmd := exec.Command("make", append([]string{"--no-print-directory", "-s"}, args...)...)
		cmd.Env = append(os.Environ(), "MAKEFLAGS=", "MAKELEVEL=")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("make %v: %v\n%s", args, err, out)
		}
		lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
		if lines[0] != "Targets (make TARGET):" {
			t.Errorf("make %v starts with %q", args, lines[0])
		}
		lines = lines[1:]
		if len(lines) != len(want) {
			t.Errorf("make %v lists %d targets, GNUmakefile comments %d:\n%s", args, len(lines), len(want), out)
		}
		column := -1
		for i, w := range want {
			if i >= len(lines) {
				break
			}
			name, text := w[1], w[2]
			line := lines[i]
			if !strings.HasPrefix(line, "  "+name+" ") || !strings.HasSuffix(line, "  "+text) {
				t.Errorf("make %v line %d is %q, want %s and %q", args, i+1, line, name, text)
				continue
			}
			at := len(line) - len(text)
			if column >= 0 && at != column {
				t.Errorf("make %v: %s's description starts at column %d, the others' at %d", args, name, at, column)
			}
			column = at
		}
	}
}
