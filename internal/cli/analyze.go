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
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.policyFile, "policy", "", "policy file (HCL); default: TRUSTCLOUD_POLICY, else trustcloud.hcl or .trustcloud.hcl in the configuration directory, else the built-in fr-cloud-au-centre profile")
	fs.BoolVar(&c.noPolicyDiscovery, "no-policy-discovery", false, "do not look for trustcloud.hcl or .trustcloud.hcl in the configuration directory (--policy and TRUSTCLOUD_POLICY still apply)")
	fs.StringVar(&c.catalogFile, "catalog", "", "catalog file (JSON) merged over the embedded catalog")
	fs.StringVar(&c.terraform, "terraform", "", "terraform binary used to read a binary plan file")
	fs.Var(&c.maxInput, "max-input", "largest plan JSON read (file, standard input or terraform show output), e.g. 500MiB; 0 for no limit")
	fs.StringVar(&c.configDir, "config-dir", "", "the Terraform configuration the plan was made from, evaluated for exact values (default: a binary plan's snapshot, else the plan file's directory or the current directory when it holds .tf files)")
	fs.BoolVar(&c.noConfig, "no-config", false, "judge from plan JSON alone: values read through references are inferred, and an inferred value never satisfies a requirement")
	fs.StringVar(&c.workspace, "workspace", "", "the workspace the plan was made in, for terraform.workspace (default: TF_WORKSPACE, else what the binary plan or .terraform/environment records)")
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
	cat, err := catalog.Load(c.catalogFile)
	if err != nil {
		return check.Options{}, err
	}
	file, source, err := e.findPolicy(c, plan)
	if err != nil {
		return check.Options{}, err
	}
	pol, diags := policy.Load(file)
	if diags.HasErrors() {
		return check.Options{}, fmt.Errorf("%s", policy.FormatDiagnostics(diags))
	}
	pol.Source = source
	opts := check.Options{Plan: plan, Stdin: e.stdin, Terraform: c.terraform, MaxInput: c.maxInput.limit(),
		Catalog: cat, Policy: pol, Now: e.now, Lang: e.lang, ToolVersion: Version,
		Sources: func(tool tfconfig.Tool) (*tfconfig.Config, error) { return c.loadSources(plan, tool) }}
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
	fs := flag.NewFlagSet("inventory", flag.ContinueOnError)
	var c common
	c.register(fs)
	format := fs.String("format", "text", "output format: text or json")
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
	report.WriteInventoryText(e.stdout, inv, e.color(), e.lang)
	return nil
}

func (e *env) check(args []string) (int, error) {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	var c common
	c.register(fs)
	var outs multiFlag
	fs.Var(&outs, "format", "output format F or F=PATH (repeatable): "+strings.Join(report.Names(), ", "))
	failOn := fs.String("fail-on", "high", "lowest severity that fails the run: info, low, medium, high, critical, or none")
	baseline := fs.String("baseline", "", "an earlier `check --format json` output: each of its findings covers one finding with its fingerprint at its severity or below, reported as existing and not failing the run (created, replaced and imported resources' findings are always new)")
	newOnly := fs.Bool("new-only", false, "findings whose resource existed before and whose location, data locations, operator and level the plan leaves as they were are existing and do not fail the run (created, replaced and imported resources' findings are always new)")
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
	var targets []output
	for _, o := range outs {
		f, p, _ := strings.Cut(o, "=")
		if _, ok := report.Formats[f]; !ok {
			return 0, usage("cli.unknown_format", f, strings.Join(report.Names(), ", "))
		}
		if strings.Contains(o, "=") && p == "" {
			return 0, usage("cli.format_needs_path", f)
		}
		targets = append(targets, output{f, p})
	}
	if len(targets) == 0 {
		targets = []output{{"text", ""}}
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
	if err != nil {
		return 0, err
	}
	e.warn(res.Warnings)
	rep := res.Report
	if err := e.writeReports(targets, rep); err != nil {
		return 0, err
	}
	if err := bundle.write(res, opts.Catalog, opts.Policy, args); err != nil {
		return 0, err
	}
	if threshold == "none" && rep.Summary.Findings > 0 {
		fmt.Fprintf(e.stderr, "trustcloud: %s\n", i18n.N(e.lang, "cli.threshold_none", rep.Summary.Findings))
	}
	return res.ExitCode(), nil
}

// output is a report to write: its format, and its file ("" for
// standard output).
type output struct{ format, path string }

// writeReports writes the report in every format asked for. Reports
// stream to their destination: a report of a big plan is never held
// whole in memory.
func (e *env) writeReports(targets []output, rep *report.Report) error {
	for _, t := range targets {
		rep.Options.Color = t.path == "" && t.format == "text" && e.color()
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
			return fmt.Errorf("%s: cannot write the report: is a directory", path)
		}
		// A device or a pipe (/dev/null, /dev/stdout, a FIFO): write to
		// it; renaming over it would replace it with a file.
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("%s: cannot write the report: %w", path, err)
		}
		err = write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("%s: cannot write the report: %w", path, err)
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
		return fmt.Errorf("%s: cannot write the report in %s: %w", path, dir, err)
	}
	// After a successful rename the temporary name no longer exists.
	defer func() { _ = os.Remove(tmp.Name()) }()
	if err := write(tmp); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("%s: cannot write the report: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: cannot write the report: %w", path, err)
	}
	// CreateTemp makes the file private; a report is for CI and reviewers.
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("%s: cannot write the report: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: cannot write the report: %w", path, err)
	}
	return nil
}

// color reports whether stdout is a terminal that wants colour.
func (e *env) color() bool {
	if e.getenv("NO_COLOR") != "" || e.getenv("TERM") == "dumb" {
		return false
	}
	f, ok := e.stdout.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
