package check

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRepositoryRoot: the root is the nearest directory up from dir that
// holds .git, a directory or a file (a worktree's); none above a
// directory outside any repository.
func TestRepositoryRoot(t *testing.T) {
	base, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(base, "repo")
	deep := filepath.Join(repo, "infra", "prod")
	worktree := filepath.Join(repo, "infra", "wt")
	for _, d := range []string{filepath.Join(repo, ".git"), deep, worktree} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(worktree, ".git"), []byte("gitdir: ../../.git/worktrees/wt\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]string{
		repo:                         repo,
		deep:                         repo,
		worktree:                     worktree,
		filepath.Join(worktree, "x"): worktree,
		base:                         "",
	} {
		if got := RepositoryRoot(dir); got != want {
			t.Errorf("RepositoryRoot(%s) = %q, want %q", dir, got, want)
		}
	}
}
