package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/configinput"
	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/report"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// common are the inputs of check and inventory.
type common struct {
	policyFile, catalogFile, terraform string
	maxInput                           sizeFlag
	// configDir, noConfig and workspace say where the configuration's
	// sources are, and the workspace the plan was made in.
	configDir, workspace string
	noConfig             bool
	// noPolicyDiscovery skips looking for trustcloud.hcl in the
	// configuration directory.
	noPolicyDiscovery bool
	// color is --color, for the text reports on stdout.
	color colorFlag
	// vars are --var and --var-file, in the order given, for a
	// configuration directory checked without a plan.
	vars []configinput.Var
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.policyFile, "policy", "", "flag.policy")
	fs.BoolVar(&c.noPolicyDiscovery, "no-policy-discovery", false, "flag.no_policy_discovery")
	fs.StringVar(&c.catalogFile, "catalog", "", "flag.catalog")
	fs.StringVar(&c.terraform, "terraform", "", "flag.terraform")
	fs.Var(&c.maxInput, "max-input", "flag.max_input")
	fs.StringVar(&c.configDir, "config-dir", "", "flag.config_dir")
	fs.BoolVar(&c.noConfig, "no-config", false, "flag.no_config")
	fs.StringVar(&c.workspace, "workspace", "", "flag.workspace")
	fs.Var(&c.color, "color", "flag.color")
	fs.Var(&varFlag{list: &c.vars}, "var", "flag.var")
	fs.Var(&varFlag{list: &c.vars, file: true}, "var-file", "flag.var_file")
}

// options maps the common flags and the environment to the runner's
// options: the plan, the catalog, the policy found, the sources' loader
// and the workspace.
func (e *env) options(c *common, positional []string) (check.Options, error) {
	if len(positional) != 1 {
		if len(positional) == 0 {
			return check.Options{}, usage("cli.missing_plan")
		}
		return check.Options{}, usage("cli.one_plan", len(positional), strings.Join(positional, " "))
	}
	plan := positional[0]
	isDir := plan != "-" && configinput.IsDir(plan)
	switch {
	case isDir && (c.configDir != "" || c.noConfig):
		return check.Options{}, usage("cli.dir_with_config", plan)
	case !isDir && len(c.vars) > 0:
		return check.Options{}, usage("cli.vars_without_dir")
	}
	cat, err := catalog.Load(c.catalogFile)
	if e.releaseGC != nil && !smallPlan(plan) {
		// A plan that is not small is read at the collector's own
		// setting: its memory is what the collector bounds.
		e.releaseGC()
	}
	if err != nil {
		return check.Options{}, err
	}
	file, source, err := e.findPolicy(c, plan)
	if err != nil {
		return check.Options{}, err
	}
	pol, diags := policy.Load(file)
	if diags.HasErrors() {
		return check.Options{}, policy.DiagnosticsError(diags)
	}
	pol.Source = source
	opts := check.Options{Plan: plan, Stdin: e.stdin, Terraform: c.terraform, MaxInput: c.maxInput.limit(),
		Catalog: cat, Policy: pol, Now: e.now, Lang: e.lang, ToolVersion: Version,
		Sources: func(tool tfconfig.Tool) (*tfconfig.Config, error) { return c.loadSources(plan, tool) }}
	opts.Vars = c.vars
	opts.Workspace, opts.WorkspaceFrom = c.workspace, "--workspace"
	if opts.Workspace == "" && e.getenv("TF_WORKSPACE") != "" {
		opts.Workspace, opts.WorkspaceFrom = e.getenv("TF_WORKSPACE"), "TF_WORKSPACE"
	}
	return opts, nil
}

// showProgress shows the run's progress on a terminal; the function it
// returns erases it.
func (e *env) showProgress(opts *check.Options) func() {
	prog := e.startProgress(opts.Plan)
	if prog != nil {
		opts.Progress, opts.Phase = prog.add, prog.setPhase
	}
	return prog.finish
}

func (e *env) warn(warnings []string) {
	for _, w := range warnings {
		fmt.Fprintf(e.stderr, "trustcloud: %s\n", e.t("cli.warning", w))
	}
}

func (e *env) inventory(args []string) error {
	fs := newFlagSet("inventory")
	var c common
	c.register(fs)
	format := fs.String("format", "text", "flag.format_text_json")
	positional, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usage("cli.unknown_format_text_json", "inventory", *format)
	}
	opts, err := e.options(&c, positional)
	if err != nil {
		return err
	}
	stop := e.showProgress(&opts)
	inv, warnings, err := check.Inventory(opts)
	stop()
	if err != nil {
		return err
	}
	e.warn(warnings)
	if *format == "json" {
		return report.WriteInventoryJSON(e.stdout, inv)
	}
	report.WriteInventoryText(e.stdout, inv, e.color(c.color), e.lang)
	return nil
}

func (e *env) check(args []string) (int, error) {
	fs := newFlagSet("check")
	var c common
	c.register(fs)
	var outs multiFlag
	fs.Var(&outs, "format", "flag.check.format")
	failOn := fs.String("fail-on", "high", "flag.check.fail_on")
	baseline := fs.String("baseline", "", "flag.check.baseline")
	newOnly := fs.Bool("new-only", false, "flag.check.new_only")
	bundle := registerEvidence(fs)
	positional, err := parse(fs, args)
	if err != nil {
		return 0, err
	}
	if err := bundle.prepare(e, positional); err != nil {
		return 0, err
	}
	// Severities are case-insensitive; the summary and the exit code read
	// the normalised value.
	threshold, ok := check.ParseFailOn(*failOn)
	if !ok {
		return 0, usage("cli.unknown_fail_on", *failOn)
	}
	targets, err := reportTargets(outs)
	if err != nil {
		return 0, err
	}
	var known *check.Baseline
	if *baseline != "" {
		if known, err = check.ReadBaseline(*baseline); err != nil {
			return 0, err
		}
	}
	opts, err := e.options(&c, positional)
	if err != nil {
		return 0, err
	}
	opts.FailOn, opts.Baseline, opts.NewOnly, opts.Started = threshold, known, *newOnly, bundle.started
	stop := e.showProgress(&opts)
	res, err := check.Run(opts)
	stop()
	var nfs *check.NotForStateError
	if errors.As(err, &nfs) {
		return 0, usage("cli.not_for_state", nfs.Option)
	}
	if err != nil {
		return 0, err
	}
	e.warn(res.Warnings)
	rep := res.Report
	if err := e.writeReports(targets, rep, c.color); err != nil {
		return 0, err
	}
	if err := bundle.write(res, opts.Catalog, opts.Policy, args); err != nil {
		return 0, err
	}
	e.neverSilent(rep, targets, bundle.dir)
	if threshold == "none" && rep.Summary.Findings > 0 {
		fmt.Fprintf(e.stderr, "trustcloud: %s\n", i18n.N(e.lang, "cli.threshold_none", rep.Summary.Findings))
	}
	return res.ExitCode(), nil
}

// output is where check writes one report: a format, to a file or (path
// empty) to stdout.
type output struct{ format, path string }

// reportTargets reads check's --format flags: text on stdout when there
// are none; at most one on stdout, since two documents glued there are
// neither.
func reportTargets(outs []string) ([]output, error) {
	var targets []output
	var onStdout []string
	for _, o := range outs {
		f, p, _ := strings.Cut(o, "=")
		if _, ok := report.Formats[f]; !ok {
			return nil, usage("cli.unknown_format", f, strings.Join(report.Names(), ", "))
		}
		if strings.Contains(o, "=") && p == "" {
			return nil, usage("cli.format_needs_path", f)
		}
		targets = append(targets, output{f, p})
		if p == "" {
			onStdout = append(onStdout, "--format "+f)
		}
	}
	if len(onStdout) > 1 {
		return nil, usage("cli.formats_mixed", strings.Join(onStdout, ", "))
	}
	if len(targets) == 0 {
		targets = []output{{"text", ""}}
	}
	return targets, nil
}

// neverSilent prints the verdict, the counts and where each report went
// on stderr in one line when no report for people went to stdout: a CI
// log is never empty.
func (e *env) neverSilent(rep *report.Report, targets []output, evidenceDir string) {
	var written []string
	for _, t := range targets {
		if t.path == "" {
			if humanFormats[t.format] {
				return
			}
			written = append(written, e.t("cli.report_stdout", t.format))
		} else {
			written = append(written, e.t("cli.report_file", t.format, t.path))
		}
	}
	if evidenceDir != "" {
		written = append(written, e.t("cli.report_evidence", evidenceDir))
	}
	fmt.Fprintf(e.stderr, "trustcloud: %s\n", e.t("cli.summary", report.SummaryLine(rep), strings.Join(written, ", ")))
}

// humanFormats are the formats people read in a terminal or a CI log: when
// none of them goes to stdout, check prints its verdict on stderr.
var humanFormats = map[string]bool{"text": true, "markdown": true, "github": true}

// writeFileAtomic writes a report next to its destination and renames it
// into place, so that a crash never leaves half a report.
// writeReports writes the report in every format asked for. Reports
// stream to their destination: a report of a big plan is never held
// whole in memory.
func (e *env) writeReports(targets []output, rep *report.Report, color colorFlag) error {
	for _, t := range targets {
		rep.Options.Color = t.path == "" && t.format == "text" && e.color(color)
		rep.Options.Width = 0
		if t.path == "" && t.format == "text" {
			rep.Options.Width = e.textWidth(e.stdout)
		}
		write := func(w io.Writer) error {
			bw := bufio.NewWriterSize(w, 64<<10)
			if err := report.Formats[t.format].Write(bw, rep); err != nil {
				return err
			}
			return bw.Flush()
		}
		if t.path == "" {
			if err := write(e.stdout); err != nil {
				return fmt.Errorf("%s: %w", e.t("cli.writing_report", t.format), err)
			}
			continue
		}
		if err := writeAtomic(t.path, write); err != nil {
			return err
		}
	}
	return nil
}

// writeFileAtomic writes a file next to its destination and renames it
// into place, so that a crash never leaves half a file.
func writeFileAtomic(path string, data []byte) error {
	return writeAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeAtomic is writeFileAtomic for a report that write streams.
func writeAtomic(path string, write func(io.Writer) error) error {
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			return i18n.Errorf("cli.err.report_is_dir", path)
		}
		// A device or a pipe (/dev/null, /dev/stdout, a FIFO): write to
		// it; renaming over it would replace it with a file.
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return i18n.Errorf("cli.err.report_write", path, err)
		}
		err = write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return i18n.Errorf("cli.err.report_write", path, err)
		}
		return nil
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return i18n.Errorf("cli.err.report_write_in", path, dir, err)
	}
	// After a successful rename the temporary name no longer exists.
	defer func() { _ = os.Remove(tmp.Name()) }()
	if err := write(tmp); err != nil {
		_ = tmp.Close()
		return i18n.Errorf("cli.err.report_write", path, err)
	}
	if err := tmp.Close(); err != nil {
		return i18n.Errorf("cli.err.report_write", path, err)
	}
	// CreateTemp makes the file private; a report is for CI and reviewers.
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return i18n.Errorf("cli.err.report_write", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return i18n.Errorf("cli.err.report_write", path, err)
	}
	return nil
}
