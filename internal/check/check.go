// Package check is the check pipeline, once: a plan and what to judge it
// by in, a report and its verdict out. Run reads the plan (with the
// configuration's sources when there are any), builds the inventory,
// evaluates the rules, fingerprints the findings, points them at their
// source lines, tells new findings from existing ones (a baseline,
// --new-only), and summarises against the fail-on threshold; Inventory
// stops after the inventory.
//
// The command line maps its flags and environment to Options and writes
// the report's formats; tests, benchmarks and the evidence bundle call
// the runner too, so that what they judge is what `trustcloud check`
// judges. Data flows one way: input → inventory → findings → report.
package check

import (
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/configinput"
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

// Exit codes of a finished check: ExitFindings when a new finding is at or
// above the fail-on threshold, ExitOK otherwise. (The command line adds 2
// for usage, input and policy errors, which are errors here.)
const (
	ExitOK       = 0
	ExitFindings = 1
)

// DefaultFailOn is the threshold of a check that names none.
const DefaultFailOn = "high"

// Options are the inputs of one check.
type Options struct {
	// Plan is the plan to read: plan JSON, a binary plan file (turned
	// into JSON by Terraform), or "-" for Stdin.
	Plan string
	// Stdin is read when Plan is "-" (nil: os.Stdin).
	Stdin io.Reader
	// PlanName is the plan's name in the inventory and the reports
	// (default: Plan as given, "<stdin>" for standard input).
	PlanName string
	// Terraform is the binary that reads a binary plan file (default:
	// terraform on PATH).
	Terraform string
	// MaxInput is the largest plan JSON read, in bytes: 0 means
	// planfile.DefaultMaxInput, a negative value no limit.
	MaxInput int64
	// Progress, when set, is told the number of plan bytes read as the
	// reading goes; Phase, when set, is told what the run does next once
	// the plan is read ("resolving 100000 resources").
	Progress func(n int64)
	Phase    func(phase string)

	// Catalog is the catalog to judge by (nil: the embedded catalog). Its
	// clock is set to Now.
	Catalog *catalog.Catalog
	// Policy is the policy to judge by (nil: the default profile).
	Policy *policy.Policy
	// Sources loads the configuration the plan was made from, with the
	// file rules of a tool (see LoadSources); nil, or a nil
	// configuration, means plan JSON alone: values read through
	// references are then inferred. It is called with tfconfig.Terraform
	// before the plan is read (the expressions say which attributes to
	// decode), and again when the plan was made by OpenTofu, which reads
	// files Terraform ignores. Its error is returned once the plan has
	// loaded, so that a broken plan is reported as such.
	Sources func(tool tfconfig.Tool) (*tfconfig.Config, error)
	// Vars are the -var and -var-file arguments, in order, and Environ
	// the environment TF_VAR_ variables are read from (nil: the
	// process's): a check of a configuration directory (Plan names a
	// directory) reads them as Terraform would.
	Vars    []configinput.Var
	Environ []string
	// Workspace is the workspace the plan was made in, when the caller
	// knows it better than the sources do; WorkspaceFrom names where it
	// came from ("--workspace", "TF_WORKSPACE"), for evidence.
	Workspace, WorkspaceFrom string

	// FailOn is the lowest severity that fails the check, or "none"
	// (default DefaultFailOn; see ParseFailOn).
	FailOn string
	// Baseline, when set, covers the findings an earlier check accepted:
	// they are existing and do not fail the check.
	Baseline *Baseline
	// NewOnly makes existing the findings of resources that existed
	// before the plan and whose location, data locations, operator and
	// level the plan leaves as they were.
	NewOnly bool

	// Now is the clock of expiries (waivers, qualifications) and of the
	// catalog's age (default time.Now).
	Now func() time.Time
	// Lang is the language of the formats written for people.
	Lang i18n.Lang
	// ToolVersion is the version the report names (default "dev").
	ToolVersion string
	// Started is when the check began, for the OSCAL assessment results
	// (default: when Run is called).
	Started time.Time
}

// Result is a finished check.
type Result struct {
	// Report is what every format writes: findings with fingerprints,
	// statuses and source lines, the summary and the catalog's freshness.
	Report *report.Report
	// Inventory is the inventory the findings are about.
	Inventory *inventory.Inventory
	// Warnings are problems with the inputs that did not stop the check.
	Warnings []string
}

// ExitCode is the check's verdict: ExitFindings when a new finding is at
// or above the fail-on threshold, ExitOK otherwise.
func (r *Result) ExitCode() int {
	if r.Report.Summary.Failed {
		return ExitFindings
	}
	return ExitOK
}

// ParseFailOn reads a fail-on threshold: a severity, case-insensitive, or
// "none". It returns the normalised value the summary records.
func ParseFailOn(s string) (string, bool) {
	s = strings.ToLower(s)
	if s != "none" && policy.Severity(s).Rank() == 0 {
		return "", false
	}
	return s, true
}

// loaded is a plan read and inventoried.
type loaded struct {
	plan *tfjson.Plan
	cat  *catalog.Catalog
	pol  *policy.Policy
	srcs *tfconfig.Config
	inv  *inventory.Inventory
	// build are the options both inventories are built with, the one
	// before the plan (NewOnly) and the one after it: the same sources
	// in the same workspace.
	build    inventory.Options
	warnings []string
	now      func() time.Time
	// configOnly is set for a configuration directory read without a
	// plan; calls are the module calls it could not expand.
	configOnly bool
	calls      map[string]configinput.Place
}

// Inventory reads the plan and builds its inventory, what `trustcloud
// inventory` shows: the first half of Run. It reads the options of the
// plan, its sources, the catalog, the policy, the workspace and Now; the
// others are about findings.
func Inventory(opts Options) (*inventory.Inventory, []string, error) {
	l, err := load(opts)
	if err != nil {
		return nil, nil, err
	}
	return l.inv, l.warnings, nil
}

// Run checks a plan: the whole pipeline, from the plan's bytes to the
// report and its verdict. An error is a problem with the inputs (plan,
// sources, fail-on threshold); findings are never errors.
func Run(opts Options) (*Result, error) {
	failOn := opts.FailOn
	if failOn == "" {
		failOn = DefaultFailOn
	}
	failOn, ok := ParseFailOn(failOn)
	if !ok {
		return nil, i18n.Errorf("check.fail_on", opts.FailOn, severityNames())
	}
	started := opts.Started
	if started.IsZero() {
		started = time.Now()
	}
	l, err := load(opts)
	if err != nil {
		return nil, err
	}
	nw := newnessFor(opts, l)
	// The inventories are built: the decoded plan can go.
	l.plan = nil
	// Waiver comments are read from the sources: without them (plan JSON
	// alone), there are none, and every finding stands.
	inline := rules.InlineWaivers(l.srcs.WaiverComments(), l.pol, l.now())
	ev := &rules.Evaluator{Catalog: l.cat, Policy: l.pol, Now: l.now, Inline: inline}
	if opts.Baseline != nil {
		ev.BaselinePolicySHA256 = opts.Baseline.PolicySHA256
	}
	version := opts.ToolVersion
	if version == "" {
		version = "dev"
	}
	inv := l.inv
	rep := &report.Report{FormatVersion: report.FormatVersion, Tool: report.Tool{Name: "trustcloud", Version: version},
		Catalog: inv.Catalog, Policy: inv.Policy, DisabledRules: rules.DisabledRules(l.pol), InlineWaivers: inline,
		Plan: inv.Plan, Findings: reported(ev.Evaluate(inv), inv.Policy, l.srcs, l.calls),
		Inventory: inv, Options: report.Options{PlanFile: inv.Plan.File, Lang: opts.Lang}}
	nw.apply(rep.Findings)
	rep.Summary = report.Summarize(inv, rep.Findings, failOn)
	rep.Freshness = report.NewFreshness(inv.Catalog, l.now())
	rep.Options.Started, rep.Options.Finished = started, time.Now()
	// The machine the check ran on, for the JUnit suites; "" when it
	// cannot be told (written localhost).
	rep.Options.Hostname, _ = os.Hostname()
	// Reports name files relative to the repository the check runs in,
	// so that CI platforms annotate the right line.
	if wd, err := os.Getwd(); err == nil {
		rep.Options.WorkDir, rep.Options.Root = wd, RepositoryRoot(wd)
	}
	if l.configOnly {
		// A directory checked from elsewhere: its files are named
		// relative to the repository that holds it, the workspace an
		// editor opens.
		if root := RepositoryRoot(opts.Plan); root != "" {
			rep.Options.Root = root
		}
	}
	return &Result{Report: rep, Inventory: inv, Warnings: l.warnings}, nil
}

// newnessFor is what tells new findings from existing ones: the baseline,
// and with NewOnly the inventory before the plan.
func newnessFor(opts Options, l *loaded) *newness {
	nw := &newness{}
	if opts.Baseline != nil {
		nw.known = opts.Baseline.accepted
		if nw.known == nil {
			// A baseline given is compared with, even one accepting nothing.
			nw.known = accepted{}
		}
	}
	if opts.NewOnly {
		nw.prior, nw.now = map[string]*inventory.Resource{}, map[string]*inventory.Resource{}
		for _, r := range inventory.BuildPrior(l.plan, l.inv.Plan.File, l.cat, l.pol, l.build).Resources {
			nw.prior[r.Address] = r
		}
		for _, r := range l.inv.Resources {
			nw.now[r.Address] = r
		}
	}
	return nw
}

// reported are the findings as reports show them: fingerprinted, new
// until a comparison says otherwise, and pointing at the block that
// declares their resource (TC013: at the policy's relaxation).
func reported(findings []*rules.Finding, pol *inventory.PolicyRef, srcs *tfconfig.Config, calls map[string]configinput.Place) []*report.Finding {
	var sources *source.Index
	if srcs != nil {
		sources = source.FromConfig(srcs)
	}
	out := []*report.Finding{}
	for _, f := range findings {
		rf := &report.Finding{Finding: f, Fingerprint: report.Fingerprint(f), Status: report.StatusNew}
		if ruledef.ID(f.Rule) == ruledef.TC013 {
			rf.Source = &report.SourceRef{File: f.Address, Line: relaxationLine(pol)}
		} else if sources != nil {
			if file, line, ok := sources.Lookup(f.Address); ok {
				rf.Source = &report.SourceRef{File: file, Line: line}
			} else if c, ok := calls[f.Address]; ok {
				// A module call a configuration-only check could not
				// expand: its block.
				rf.Source = &report.SourceRef{File: joinRoot(srcs, c.File), Line: c.Line}
			}
		}
		out = append(out, rf)
	}
	return out
}

// load reads the plan, with its sources, and builds the inventory.
func load(opts Options) (*loaded, error) {
	l := &loaded{cat: opts.Catalog, pol: opts.Policy, now: opts.Now}
	if l.now == nil {
		l.now = time.Now
	}
	if l.cat == nil {
		cat, err := catalog.Default()
		if err != nil {
			return nil, err
		}
		l.cat = cat
	}
	l.cat = l.cat.WithClock(l.now)
	if l.pol == nil {
		l.pol = policy.Default()
	}
	if opts.Plan != "-" && configinput.IsDir(opts.Plan) {
		return loadDir(opts, l)
	}
	// The sources first, for the attributes their expressions read; an
	// error waits until the plan itself has loaded, so that a broken plan
	// is reported as such.
	var srcErr error
	if opts.Sources != nil {
		l.srcs, srcErr = opts.Sources(tfconfig.Terraform)
	}
	keep := inventory.KeepFor(l.cat)
	if l.srcs != nil {
		names, all := l.srcs.ReferencedAttributes()
		keep = inventory.KeepWith(keep, names, all)
	}
	in, err := planfile.LoadInput(opts.Plan, planfile.LoadOptions{Stdin: opts.Stdin, Terraform: opts.Terraform, Keep: keep,
		MaxInput: opts.MaxInput, Progress: opts.Progress})
	if err != nil {
		return nil, err
	}
	p, name := in.Plan, in.Name
	if in.State != nil {
		if err := notForState(opts); err != nil {
			return nil, err
		}
		// A state was not made from the sources beside it (they may
		// have changed since the apply): its recorded values are judged
		// alone.
		l.srcs, srcErr = nil, nil
	}
	if srcErr != nil {
		return nil, srcErr
	}
	if l.srcs != nil {
		if tool := planfile.Tool(p); tool != l.srcs.Tool {
			// OpenTofu reads .tofu files that Terraform ignores.
			if l.srcs, err = opts.Sources(tool); err != nil {
				return nil, err
			}
		}
		if l.srcs != nil {
			if err := tfconfig.Check(l.srcs, p.Config); err != nil {
				return nil, err
			}
		}
	}
	if opts.Phase != nil {
		opts.Phase(i18n.T(opts.Lang, "progress.resolving", len(p.ResourceChanges)))
	}
	if opts.PlanName != "" {
		name = opts.PlanName
	}
	l.plan = p
	l.build = inventory.Options{Sources: l.srcs, Workspace: opts.Workspace, WorkspaceFrom: opts.WorkspaceFrom, State: in.State}
	l.inv, l.warnings = inventory.BuildWith(p, name, l.cat, l.pol, l.build)
	return l, nil
}

// relaxationLine is the line of the first relaxation the policy file
// places, 1 when none has a place: where TC013 points.
func relaxationLine(ref *inventory.PolicyRef) int {
	if ref == nil {
		return 1
	}
	for _, r := range ref.Relaxations {
		// At is file:line:column; the file may hold colons.
		rest := strings.TrimPrefix(r.At, ref.File+":")
		if line, _, ok := strings.Cut(rest, ":"); ok && rest != r.At {
			if n, err := strconv.Atoi(line); err == nil && n > 0 {
				return n
			}
		}
	}
	return 1
}
