package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/plan"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/rules"
)

// common are the inputs of check and inventory.
type common struct {
	policyFile, catalogFile, terraform string
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.policyFile, "policy", "", "policy file (HCL); default: the built-in fr-cloud-au-centre profile")
	fs.StringVar(&c.catalogFile, "catalog", "", "catalog file (JSON) merged over the embedded catalog")
	fs.StringVar(&c.terraform, "terraform", "", "terraform binary used to read a binary plan file")
}

// analysis is a loaded plan with its inventory.
type analysis struct {
	cat      *catalog.Catalog
	pol      *policy.Policy
	inv      *plan.Inventory
	warnings []string
}

func (e *env) analyze(c *common, positional []string) (*analysis, error) {
	if len(positional) != 1 {
		if len(positional) == 0 {
			return nil, usagef("missing PLAN: give the output of 'terraform show -json PLANFILE', or '-' for standard input")
		}
		return nil, usagef("one PLAN expected, got %d: %s", len(positional), strings.Join(positional, " "))
	}
	cat, err := catalog.Load(c.catalogFile)
	if err != nil {
		return nil, err
	}
	pol, diags := policy.Load(c.policyFile)
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s", policy.FormatDiagnostics(diags))
	}
	p, name, err := plan.Load(positional[0], plan.LoadOptions{Stdin: e.stdin, Terraform: c.terraform})
	if err != nil {
		return nil, err
	}
	inv, warnings := plan.Build(p, name, cat, pol)
	return &analysis{cat: cat, pol: pol, inv: inv, warnings: warnings}, nil
}

func (e *env) warn(a *analysis) {
	for _, w := range a.warnings {
		fmt.Fprintf(e.stderr, "trustcloud: warning: %s\n", w)
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
		return usagef("inventory: unknown format %q: use text or json", *format)
	}
	a, err := e.analyze(&c, positional)
	if err != nil {
		return err
	}
	e.warn(a)
	if *format == "json" {
		return writeJSON(e.stdout, a.inv)
	}
	writeInventoryText(e.stdout, a.inv, e.color())
	return nil
}

// Report is the JSON output of check.
type Report struct {
	FormatVersion string           `json:"format_version"`
	Catalog       plan.CatalogRef  `json:"catalog"`
	Policy        *plan.PolicyRef  `json:"policy"`
	Plan          plan.PlanRef     `json:"plan"`
	Findings      []*rules.Finding `json:"findings"`
	Summary       Summary          `json:"summary"`
}

// Summary counts what a check found and what it could not look at.
type Summary struct {
	Resources int `json:"resources"`
	// Analysed counts managed resources not only being deleted.
	Analysed        int            `json:"analysed"`
	UnknownLocation int            `json:"unknown_location"`
	UnknownOperator int            `json:"unknown_operator"`
	Findings        int            `json:"findings"`
	Waived          int            `json:"waived"`
	BySeverity      map[string]int `json:"by_severity"`
	ByRule          map[string]int `json:"by_rule"`
	FailOn          string         `json:"fail_on"`
	Failed          bool           `json:"failed"`
}

var formats = map[string]bool{"text": true, "json": true}

func (e *env) check(args []string) (int, error) {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	var c common
	c.register(fs)
	var outs multiFlag
	fs.Var(&outs, "format", "output format F or F=PATH (repeatable): text, json")
	failOn := fs.String("fail-on", "high", "lowest severity that fails the run: info, low, medium, high, critical, or none")
	positional, err := parse(fs, args)
	if err != nil {
		return 0, err
	}
	// Severities are case-insensitive; the summary and the exit code read
	// the normalised value.
	if sev := strings.ToLower(*failOn); sev != "none" && policy.Severity(sev).Rank() == 0 {
		return 0, usagef("check: unknown --fail-on %q: use info, low, medium, high, critical or none", *failOn)
	}
	*failOn = strings.ToLower(*failOn)
	type output struct{ format, path string }
	var targets []output
	for _, o := range outs {
		f, p, _ := strings.Cut(o, "=")
		if !formats[f] {
			return 0, usagef("check: unknown format %q: use text or json", f)
		}
		targets = append(targets, output{f, p})
	}
	if len(targets) == 0 {
		targets = []output{{"text", ""}}
	}
	a, err := e.analyze(&c, positional)
	if err != nil {
		return 0, err
	}
	e.warn(a)
	ev := &rules.Evaluator{Catalog: a.cat, Policy: a.pol}
	findings := ev.Evaluate(a.inv)
	rep := &Report{FormatVersion: "1", Catalog: a.inv.Catalog, Policy: a.inv.Policy, Plan: a.inv.Plan, Findings: findings,
		Summary: summarize(a.inv, findings, *failOn)}
	if findings == nil {
		rep.Findings = []*rules.Finding{}
	}
	for _, t := range targets {
		var buf bytes.Buffer
		switch t.format {
		case "json":
			if err := writeJSON(&buf, rep); err != nil {
				return 0, err
			}
		case "text":
			writeCheckText(&buf, rep, a.inv, t.path == "" && e.color())
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
	if *failOn == "none" && rep.Summary.Findings > 0 {
		fmt.Fprintf(e.stderr, "trustcloud: threshold none: %d finding(s) reported, ignored for the exit code\n", rep.Summary.Findings)
	}
	if rep.Summary.Failed {
		return ExitFindings, nil
	}
	return ExitOK, nil
}

func summarize(inv *plan.Inventory, findings []*rules.Finding, failOn string) Summary {
	s := Summary{Resources: len(inv.Resources), BySeverity: map[string]int{}, ByRule: map[string]int{}, FailOn: failOn}
	for _, sev := range policy.Severities {
		s.BySeverity[string(sev)] = 0
	}
	for _, r := range inv.Resources {
		if !r.Managed() || r.DeleteOnly() {
			continue
		}
		s.Analysed++
		if r.Location.Status == plan.StatusUnknown {
			s.UnknownLocation++
		}
		if r.Operator == nil && r.Location.Status != plan.StatusNotApplicable {
			s.UnknownOperator++
		}
	}
	threshold := policy.Severity(failOn).Rank()
	for _, f := range findings {
		if f.Waived {
			s.Waived++
			continue
		}
		s.Findings++
		s.BySeverity[string(f.Severity)]++
		s.ByRule[f.Rule]++
		if failOn != "none" && f.Severity.Rank() >= threshold {
			s.Failed = true
		}
	}
	return s
}

func writeJSON(w interface{ Write([]byte) (int, error) }, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeFileAtomic writes a report next to its destination and renames it
// into place, so that a crash never leaves half a report.
func writeFileAtomic(path string, data []byte) error {
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
