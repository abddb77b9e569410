package check

import (
	"os"
	"path/filepath"

	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// LoadSources finds the configuration a plan was made from and loads it
// with the file rules of tool: a binary plan's snapshot (the
// configuration as planned), else dir, else the plan file's directory or
// the current directory when it holds configuration files. A nil
// configuration means there are none anywhere: values read through
// references are then inferred. dir, when given, must be a directory;
// for a binary plan it is only where file names in reports are joined.
//
// It is what Options.Sources calls for the command line:
//
//	opts.Sources = func(tool tfconfig.Tool) (*tfconfig.Config, error) {
//		return check.LoadSources(plan, dir, tool)
//	}
func LoadSources(plan, dir string, tool tfconfig.Tool) (*tfconfig.Config, error) {
	if plan != "-" && planfile.IsBinaryPlanFile(plan) {
		cfg, err := tfconfig.LoadPlanFile(plan, tool)
		if err != nil {
			return nil, err
		}
		cfg.Root = dir
		if cfg.Root == "" && HoldsConfig(filepath.Dir(plan)) {
			cfg.Root = filepath.ToSlash(filepath.Dir(plan))
		}
		return cfg, nil
	}
	if dir == "" {
		for _, d := range []string{filepath.Dir(plan), "."} {
			if plan == "-" && d != "." {
				continue
			}
			if HoldsConfig(d) {
				dir = d
				break
			}
		}
	}
	if dir == "" {
		return nil, nil
	}
	return tfconfig.LoadDir(dir, tool)
}

// HoldsConfig reports whether a directory holds Terraform or OpenTofu
// configuration files.
func HoldsConfig(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, en := range entries {
		if !en.IsDir() && tfconfig.IsConfigFile(en.Name()) {
			return true
		}
	}
	return false
}

// RepositoryRoot is the repository that holds dir: the first directory,
// from dir up, that holds a .git entry (a directory, or the file of a
// worktree or submodule); "" when none does. No git binary is needed.
func RepositoryRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Lstat(filepath.Join(abs, ".git")); err == nil {
			return abs
		}
		up := filepath.Dir(abs)
		if up == abs {
			return ""
		}
		abs = up
	}
}
