package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeQuickstartIsRealOutput: the output the README's quickstart
// shows is what the built command prints on the shipped example plan, from
// the repository root, line for line (the README elides some lines with …,
// never changes one).
func TestReadmeQuickstartIsRealOutput(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const prompt = "$ trustcloud check testdata/scenarios/ministry/plan.json\n"
	_, block, ok := strings.Cut(string(readme), prompt)
	if !ok {
		t.Fatalf("README.md has no %q block", strings.TrimSpace(prompt))
	}
	block, _, _ = strings.Cut(block, "```")
	r := runBinary(t, root, []string{"NO_COLOR=1", "COLUMNS="}, "", "check", "testdata/scenarios/ministry/plan.json")
	if r.code != 1 {
		t.Fatalf("exit code %d, want 1 (findings at high): %s", r.code, r.stderr)
	}
	got := strings.Split(r.stdout, "\n")
	shown := 0
	next := 0
	for _, line := range strings.Split(strings.TrimRight(block, "\n"), "\n") {
		if line == "…" {
			continue
		}
		shown++
		// In order: find the line at or after the previous one.
		found := false
		for ; next < len(got); next++ {
			if got[next] == line {
				found, next = true, next+1
				break
			}
		}
		if !found {
			t.Errorf("README line not in the output (in order):\n  %s\noutput:\n%s", line, r.stdout)
			return
		}
	}
	if shown < 10 {
		t.Errorf("the README block shows %d lines: the test reads the wrong block", shown)
	}
}
