package cli

import (
	"os"
	"path/filepath"

	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// loadSources finds the configuration the plan was made from: a binary
// plan's snapshot (the configuration as planned), else --config-dir,
// else the plan file's directory or the current directory when it holds
// configuration files. nil means plan JSON alone (--no-config, or no
// sources anywhere): values read through references are then inferred.
func (e *env) loadSources(c *common, planPath string, tool tfconfig.Tool) (*tfconfig.Config, error) {
	if c.noConfig {
		if c.configDir != "" {
			return nil, usage("cli.no_config_and_dir")
		}
		return nil, nil
	}
	if c.configDir != "" {
		if st, err := os.Stat(c.configDir); err != nil || !st.IsDir() {
			return nil, usage("cli.config_dir", c.configDir)
		}
	}
	if planPath != "-" && planfile.IsBinaryPlanFile(planPath) {
		cfg, err := tfconfig.LoadPlanFile(planPath, tool)
		if err != nil {
			return nil, err
		}
		cfg.Root = c.configDir
		if cfg.Root == "" && holdsConfig(filepath.Dir(planPath)) {
			cfg.Root = filepath.ToSlash(filepath.Dir(planPath))
		}
		return cfg, nil
	}
	dir := c.configDir
	if dir == "" {
		for _, d := range []string{filepath.Dir(planPath), "."} {
			if planPath == "-" && d != "." {
				continue
			}
			if holdsConfig(d) {
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

// discoveryDir is the directory a policy file is looked for in: the
// configuration directory loadSources uses (--config-dir, else the plan
// file's directory when it holds configuration files), else the current
// directory (with --no-config, standard input, or a plan file alone).
func (c *common) discoveryDir(planPath string) string {
	switch {
	case c.configDir != "":
		return c.configDir
	case c.noConfig || planPath == "-":
		return "."
	case holdsConfig(filepath.Dir(planPath)):
		return filepath.Dir(planPath)
	}
	return "."
}

// holdsConfig reports whether a directory holds Terraform or OpenTofu
// configuration files.
func holdsConfig(dir string) bool {
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
