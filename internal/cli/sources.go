package cli

import (
	"os"
	"path/filepath"

	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/configinput"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// loadSources is the runner's Options.Sources for the flags: nil
// sources with --no-config, else those check.LoadSources finds (a binary
// plan's snapshot, else --config-dir, else the plan file's directory or
// the current directory when it holds configuration files).
func (c *common) loadSources(planPath string, tool tfconfig.Tool) (*tfconfig.Config, error) {
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
	return check.LoadSources(planPath, c.configDir, tool)
}

// discoveryDir is the directory a policy file is looked for in: the
// configuration directory loadSources uses (--config-dir, else the plan
// file's directory when it holds configuration files), else the current
// directory (with --no-config, standard input, or a plan file alone).
func (c *common) discoveryDir(planPath string) string {
	switch {
	case planPath != "-" && configinput.IsDir(planPath):
		// A configuration directory checked without a plan.
		return planPath
	case c.configDir != "":
		return c.configDir
	case c.noConfig || planPath == "-":
		return "."
	case check.HoldsConfig(filepath.Dir(planPath)):
		return filepath.Dir(planPath)
	}
	return "."
}
