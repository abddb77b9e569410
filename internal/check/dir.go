package check

import (
	"errors"
	"path"

	"github.com/trustcloud/trustcloud/internal/configinput"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// loadDir reads a configuration directory in place of a plan (package
// configinput) and builds its inventory through the plan's path: the
// same resolution, rules and reports, marked configuration only.
func loadDir(opts Options, l *loaded) (*loaded, error) {
	if opts.NewOnly {
		return nil, errors.New("--new-only compares a plan with the state before it: a configuration directory has neither; give a plan, or use a baseline")
	}
	in, err := configinput.Load(opts.Plan, configinput.Options{Vars: opts.Vars, Environ: opts.Environ,
		Workspace: opts.Workspace, WorkspaceFrom: opts.WorkspaceFrom, Catalog: l.cat})
	if err != nil {
		return nil, err
	}
	name := opts.PlanName
	if name == "" {
		name = opts.Plan
	}
	if opts.Phase != nil {
		opts.Phase("resolving the configuration's resources")
	}
	l.plan, l.srcs, l.configOnly, l.calls = in.Plan, in.Sources, true, in.Calls
	l.build = inventory.Options{Sources: in.Sources, Workspace: in.Workspace, WorkspaceFrom: in.WorkspaceFrom,
		ConfigOnly: true, Unresolved: in.Unresolved, VariableOrigins: in.VariableOrigins}
	l.inv, l.warnings = inventory.BuildWith(in.Plan, name, l.cat, l.pol, l.build)
	return l, nil
}

// joinRoot joins a file name of the sources to their root, as
// source.FromConfig names the files of resources.
func joinRoot(srcs *tfconfig.Config, file string) string {
	if srcs != nil && srcs.Root != "" && srcs.Root != "." {
		return path.Join(srcs.Root, file)
	}
	return file
}
