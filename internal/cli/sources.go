package cli

import (
	"os"
	"path/filepath"

	"github.com/trustcloud/trustcloud/internal/source"
)

// sources indexes the configuration so findings point at .tf lines: the
// --config-dir, else the current directory when it holds .tf files, else
// none (reports then point at the plan file).
func (e *env) sources(dir string, a *analysis) (*source.Index, error) {
	if dir == "" {
		if tf, _ := filepath.Glob("*.tf"); len(tf) == 0 {
			return nil, nil
		}
		dir = "."
	} else if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, usage("cli.config_dir", dir)
	}
	return source.Load(dir, a.plan)
}
