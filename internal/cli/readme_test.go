package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeQuickstartIsRealOutput: the output the README's quickstart
// (and the French guide's sample) shows is what the built command prints
// on the shipped example plan, from the repository root, line for line
// (a README elides lines, or the end of one, with …; it never changes one).
func TestReadmeQuickstartIsRealOutput(t *testing.T) {
	for _, c := range []struct{ readme, after, lang string }{
		{"README.md", "$ trustcloud check testdata/scenarios/ministry/plan.json\n", "en"},
		{"README.fr.md", "Extrait du rapport texte sur le plan d'exemple :\n\n```\n", "fr"},
	} {
		t.Run(c.readme, func(t *testing.T) { readmeBlockIsRealOutput(t, c.readme, c.after, c.lang) })
	}
}

// readmeBlockIsRealOutput checks the code block after the text after in
// the file readme against check's output on the example plan in lang.
func readmeBlockIsRealOutput(t *testing.T, readmeFile, after, lang string) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, readmeFile))
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), after)
	if !ok {
		t.Fatalf("%s has no block after %q", readmeFile, strings.TrimSpace(after))
	}
	block, _, _ = strings.Cut(block, "```")
	r := runBinary(t, root, []string{"NO_COLOR=1", "COLUMNS="}, "", "check", "--lang", lang, "testdata/scenarios/ministry/plan.json")
	if r.code != 1 {
		t.Fatalf("exit code %d, want 1 (findings at high): %s", r.code, r.stderr)
	}
	got := strings.Split(r.stdout, "\n")
	shown := 0
	next := 0
	for _, line := range strings.Split(strings.TrimRight(block, "\n"), "\n") {
		if strings.TrimSpace(line) == "…" {
			continue
		}
		shown++
		// In order: find the line at or after the previous one.
		found := false
		// A line cut short with … matches the output line it starts.
		prefix, cut := strings.CutSuffix(line, "…")
		for ; next < len(got); next++ {
			if got[next] == line || cut && strings.HasPrefix(got[next], prefix) {
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
