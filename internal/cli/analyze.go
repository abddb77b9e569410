package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/report"
	"github.com/trustcloud/trustcloud/internal/ruledef"
	"github.com/trustcloud/trustcloud/internal/rules"
	"github.com/trustcloud/trustcloud/internal/source"
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

// analysis is a loaded plan with its inventory.
type analysis struct {
	plan     *tfjson.Plan
	cat      *catalog.Catalog
	pol      *policy.Policy
	inv      *inventory.Inventory
	srcs     *tfconfig.Config
	warnings []string
}

func (e *env) analyze(c *common, positional []string) (*analysis, error) {
	if len(positional) != 1 {
		if len(positional) == 0 {
			return nil, usage("cli.missing_plan")
		}
		return nil, usage("cli.one_plan", len(positional), strings.Join(positional, " "))
	}
	cat, err := catalog.Load(c.catalogFile)
	if err != nil {
		return nil, err
	}
	cat = cat.WithClock(e.now)
	file, source, err := e.findPolicy(c, positional[0])
	if err != nil {
		return nil, err
	}
	pol, diags := policy.Load(file)
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s", policy.FormatDiagnostics(diags))
	}
	pol.Source = source
	// The sources first, for the attributes their expressions read; an
	// error waits until the plan itself has loaded, so that a broken plan
	// is reported as such.
	srcs, srcErr := e.loadSources(c, positional[0], tfconfig.Terraform)
	prog := e.startProgress(positional[0])
	defer prog.finish()
	keep := inventory.KeepFor(cat)
	if srcs != nil {
		names, all := srcs.ReferencedAttributes()
		keep = inventory.KeepWith(keep, names, all)
	}
	opts := planfile.LoadOptions{Stdin: e.stdin, Terraform: c.terraform, Keep: keep, MaxInput: c.maxInput.limit()}
	if prog != nil {
		opts.Progress = prog.add
	}
	p, name, err := planfile.Load(positional[0], opts)
	if err != nil {
		return nil, err
	}
	if srcErr != nil {
		return nil, srcErr
	}
	if srcs != nil {
		if tool := planfile.Tool(p); tool != srcs.Tool {
			// OpenTofu reads .tofu files that Terraform ignores.
			if srcs, err = e.loadSources(c, positional[0], tool); err != nil {
				return nil, err
			}
		}
		if err := tfconfig.Check(srcs, p.Config); err != nil {
			return nil, err
		}
	}
	prog.setPhase(fmt.Sprintf("resolving %d resources", len(p.ResourceChanges)))
	bo := inventory.Options{Sources: srcs}
	bo.Workspace, bo.WorkspaceFrom = c.workspace, "--workspace"
	if bo.Workspace == "" && e.getenv("TF_WORKSPACE") != "" {
		bo.Workspace, bo.WorkspaceFrom = e.getenv("TF_WORKSPACE"), "TF_WORKSPACE"
	}
	inv, warnings := inventory.BuildWith(p, name, cat, pol, bo)
	return &analysis{plan: p, cat: cat, pol: pol, inv: inv, srcs: srcs, warnings: warnings}, nil
}

func (e *env) warn(a *analysis) {
	for _, w := range a.warnings {
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
	a, err := e.analyze(&c, positional)
	if err != nil {
		return err
	}
	e.warn(a)
	if *format == "json" {
		shell := *a.inv
		shell.Resources = []*inventory.Resource{}
		return report.WriteJSONList(e.stdout, &shell, "resources", a.inv.Resources)
	}
	report.WriteInventoryText(e.stdout, a.inv, e.color(), e.lang)
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
	if sev := strings.ToLower(*failOn); sev != "none" && policy.Severity(sev).Rank() == 0 {
		return 0, usage("cli.unknown_fail_on", *failOn)
	}
	*failOn = strings.ToLower(*failOn)
	type output struct{ format, path string }
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
	var known accepted
	var baselinePolicy string
	if *baseline != "" {
		if known, baselinePolicy, err = readBaseline(*baseline); err != nil {
			return 0, err
		}
	}
	a, err := e.analyze(&c, positional)
	if err != nil {
		return 0, err
	}
	e.warn(a)
	ev := &rules.Evaluator{Catalog: a.cat, Policy: a.pol, Now: e.now, BaselinePolicySHA256: baselinePolicy}
	nw := &newness{known: known}
	if *newOnly {
		nw.prior, nw.now = map[string]*inventory.Resource{}, map[string]*inventory.Resource{}
		for _, r := range inventory.BuildPrior(a.plan, a.inv.Plan.File, a.cat, a.pol, inventory.Options{Sources: a.srcs}).Resources {
			nw.prior[r.Address] = r
		}
		for _, r := range a.inv.Resources {
			nw.now[r.Address] = r
		}
	}
	// The inventories are built: the decoded values can go.
	a.plan.ResourceChanges = nil
	var sources *source.Index
	if a.srcs != nil {
		sources = source.FromConfig(a.srcs)
	}
	rep := &report.Report{FormatVersion: report.FormatVersion, Tool: report.Tool{Name: "trustcloud", Version: Version},
		Catalog: a.inv.Catalog, Policy: a.inv.Policy, Plan: a.inv.Plan, Findings: []*report.Finding{},
		Inventory: a.inv, Options: report.Options{PlanFile: a.inv.Plan.File, Lang: e.lang}}
	for _, f := range ev.Evaluate(a.inv) {
		rf := &report.Finding{Finding: f, Fingerprint: report.Fingerprint(f), Status: report.StatusNew}
		if ruledef.ID(f.Rule) == ruledef.TC013 {
			rf.Source = &report.SourceRef{File: f.Address, Line: relaxationLine(a.inv.Policy)}
		} else if sources != nil {
			if file, line, ok := sources.Lookup(f.Address); ok {
				rf.Source = &report.SourceRef{File: file, Line: line}
			}
		}
		rep.Findings = append(rep.Findings, rf)
	}
	nw.apply(rep.Findings)
	rep.Summary = report.Summarize(a.inv, rep.Findings, *failOn)
	rep.Freshness = report.NewFreshness(a.inv.Catalog, e.now())
	rep.Options.Started, rep.Options.Finished = bundle.started, time.Now()
	for _, t := range targets {
		var buf bytes.Buffer
		rep.Options.Color = t.path == "" && t.format == "text" && e.color()
		if err := report.Formats[t.format].Write(&buf, rep); err != nil {
			return 0, fmt.Errorf("%s: %w", e.t("cli.writing_report", t.format), err)
		}
		if t.path == "" {
			if _, err := e.stdout.Write(buf.Bytes()); err != nil {
				return 0, err
			}
			continue
		}
		if err := writeFileAtomic(t.path, buf.Bytes()); err != nil {
			return 0, err
		}
	}
	if err := bundle.write(a, rep, args); err != nil {
		return 0, err
	}
	if *failOn == "none" && rep.Summary.Findings > 0 {
		fmt.Fprintf(e.stderr, "trustcloud: %s\n", i18n.N(e.lang, "cli.threshold_none", rep.Summary.Findings))
	}
	if rep.Summary.Failed {
		return ExitFindings, nil
	}
	return ExitOK, nil
}

// writeFileAtomic writes a report next to its destination and renames it
// into place, so that a crash never leaves half a report.
func writeFileAtomic(path string, data []byte) error {
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
		_, err = f.Write(data)
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
	if _, err := tmp.Write(data); err != nil {
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
