package main

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestReadmeLayout: the README's layout section lists every entry at the
// top of the tree and every package directory under internal/, and
// nothing that does not exist: a newcomer reading it finds the tree.
func TestReadmeLayout(t *testing.T) {
	listed := readmeLayout(t)
	var want []string
	top, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	ignored := gitignoredAtRoot(t)
	for _, e := range top {
		name := e.Name()
		if e.IsDir() {
			name += "/"
		}
		if name == ".git/" || name == ".git" || ignored[strings.TrimSuffix(name, "/")] {
			continue
		}
		want = append(want, name)
	}
	inner, err := os.ReadDir("internal")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range inner {
		if e.IsDir() {
			want = append(want, "internal/"+e.Name()+"/")
		}
	}
	for _, w := range want {
		// A directory is listed itself or through what it holds
		// (cmd/trustcloud/ for cmd/).
		if !slices.ContainsFunc(listed, func(l string) bool { return l == w || strings.HasSuffix(w, "/") && strings.HasPrefix(l, w) }) {
			t.Errorf("README.md's layout section does not list %s", w)
		}
	}
	for _, l := range listed {
		if _, err := os.Stat(l); err != nil {
			t.Errorf("README.md's layout section lists %s, which is not in the tree", l)
		}
	}
}

// readmeLayout returns the entries of the README's layout section: the
// first column of its code block ("go.mod, go.sum" is two entries).
func readmeLayout(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n## Layout\n")
	if !ok {
		t.Fatal("README.md has no ## Layout section")
	}
	_, block, ok := strings.Cut(section, "```\n")
	if !ok {
		t.Fatal("README.md's layout section has no code block")
	}
	block, _, _ = strings.Cut(block, "```")
	var out []string
	sc := bufio.NewScanner(strings.NewReader(block))
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			continue
		}
		first, _, ok := strings.Cut(line, "  ")
		if !ok {
			t.Fatalf("layout line %q: no description after two spaces", line)
		}
		for _, e := range strings.Split(first, ", ") {
			out = append(out, strings.TrimSpace(e))
		}
	}
	if len(out) < 10 {
		t.Fatalf("README.md's layout section lists only %d entries", len(out))
	}
	return out
}

// gitignoredAtRoot returns the names .gitignore ignores at the top of the
// tree (its lines "/name" and "/name/"): build outputs and caches.
func gitignoredAtRoot(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(".gitignore")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "/") && !strings.Contains(strings.Trim(line, "/"), "/") {
			out[filepath.Clean(strings.Trim(line, "/"))] = true
		}
	}
	return out
}
