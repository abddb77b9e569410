package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/ruledef"
	"github.com/trustcloud/trustcloud/internal/rules"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// scenarios is where the examples' scenarios are, from the repository
// root.
const scenarios = "testdata/scenarios"

// outcome is what checking an example gave: the findings of its rule on
// its address, and whether the address was checked at all.
type outcome struct {
	// Findings are the example's rule's findings on its address.
	Findings []*rules.Finding
	// Checked: the address is a resource of the inventory, or, for a
	// rule about the policy file, the policy file.
	Checked bool
}

// run checks an example's scenario as the example says, from the
// repository root.
func run(root string, id ruledef.ID, ex example) (outcome, error) {
	dir := filepath.Join(root, scenarios, ex.Scenario)
	day := ex.Day
	if day == "" {
		day = suiteDay
	}
	at, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return outcome{}, err
	}
	now := func() time.Time { return at.Add(12 * time.Hour) }
	cat, err := exampleCatalog(ex.Catalog)
	if err != nil {
		return outcome{}, err
	}
	pol := policy.Default()
	if ex.Policy != "" {
		var diags []string
		p, d := policy.Parse("trustcloud.hcl", []byte(ex.Policy))
		if d.HasErrors() {
			diags = append(diags, policy.FormatDiagnostics(d))
			return outcome{}, fmt.Errorf("the policy of an example of %s: %s", id, strings.Join(diags, "; "))
		}
		pol = p
		pol.File, pol.Source = "trustcloud.hcl", policy.SourceFlag
		if ex.Discovered {
			pol.Source = policy.SourceDiscovered
		}
	}
	res, err := check.Run(check.Options{Plan: filepath.Join(dir, "plan.json"), PlanName: "plan.json", Catalog: cat.WithClock(now), Policy: pol, Now: now,
		Sources: func(tool tfconfig.Tool) (*tfconfig.Config, error) { return tfconfig.LoadDir(dir, tool) }})
	if err != nil {
		return outcome{}, fmt.Errorf("%s: %w", ex.Scenario, err)
	}
	var out outcome
	r, _ := ruledef.Lookup(id)
	if r.JudgesPolicy {
		out.Checked = pol.File == ex.Address
	}
	for _, res := range res.Inventory.Resources {
		if res.Address == ex.Address {
			out.Checked = true
		}
	}
	for _, f := range res.Report.Findings {
		if f.Rule == string(id) && f.Address == ex.Address {
			out.Findings = append(out.Findings, f.Finding)
		}
	}
	return out, nil
}

// exampleCatalog is the embedded catalog, with an example's catalog file
// over it.
func exampleCatalog(file string) (*catalog.Catalog, error) {
	if file == "" {
		return catalog.Default()
	}
	base, err := catalog.Parse(catalog.EmbeddedName, catalog.Embedded())
	if err != nil {
		return nil, err
	}
	user, err := catalog.Parse("catalog.json", []byte(file))
	if err != nil {
		return nil, err
	}
	return catalog.New(catalog.Named{Name: catalog.EmbeddedName, Doc: base}, catalog.Named{Name: "catalog.json", Doc: user})
}

// blocks returns the blocks an example shows, from its scenario's files.
func blocks(root string, ex example) (string, error) {
	var out []string
	for _, s := range ex.Show {
		file, header, ok := strings.Cut(s, ": ")
		if !ok {
			return "", fmt.Errorf("%s: want FILE: HEADER", s)
		}
		data, err := os.ReadFile(filepath.Join(root, scenarios, ex.Scenario, filepath.FromSlash(file)))
		if err != nil {
			return "", err
		}
		found := blocksIn(data, header)
		if len(found) == 0 {
			return "", fmt.Errorf("%s/%s: no block %s", ex.Scenario, file, header)
		}
		for _, b := range found {
			out = append(out, "# "+file+"\n"+b)
		}
	}
	return strings.Join(out, "\n\n"), nil
}

// blocksIn returns the top-level blocks whose first line is header
// followed by "{", up to their closing brace at the start of a line, as
// terraform fmt writes them (or "{}", an empty block on one line).
func blocksIn(data []byte, header string) []string {
	var out []string
	var cur []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case cur == nil && line == header+" {}":
			out = append(out, line)
		case cur == nil && line == header+" {":
			cur = []string{line}
		case cur != nil:
			cur = append(cur, line)
			if line == "}" {
				out = append(out, strings.Join(cur, "\n"))
				cur = nil
			}
		}
	}
	return out
}

// page writes a rule's page, checking its examples from the repository
// root: it fails when the example that fires does not, or the one that
// passes does.
func page(root string, r ruledef.Rule) ([]byte, error) {
	ex, ok := examples[r.ID]
	if !ok {
		return nil, fmt.Errorf("%s has no examples: add them to internal/tools/rulesdoc/examples.go", r.ID)
	}
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	en := i18n.English
	p("# %s %s\n\n", r.ID, r.Name)
	p("%s.\n\n", r.Short(en))
	p("This page is generated from the rule registry (`internal/ruledef`), the English message catalog and the examples of `internal/tools/rulesdoc` by `make docs`; ")
	p("trustcloud checks every example when it writes the page. All the rules: [the rules guide](../guides/rules.md).\n\n")
	p("| | |\n|---|---|\n")
	p("| id, name | `%s`, `%s` (in French: %s) |\n", r.ID, r.Name, r.Title(i18n.French))
	p("| severity | %s |\n", severity(r))
	p("| JUnit test | `%s (%s)`%s |\n", r.Group, strings.Join(ids(ruledef.InGroup(r.Group)), "/"), of(r))
	p("| SARIF | level `%s` until a finding says its own, `security-severity` %s, `precision` %s |\n",
		map[ruledef.Severity]string{ruledef.SeverityLow: "note", ruledef.SeverityMedium: "warning", ruledef.SeverityHigh: "error"}[r.Default],
		map[ruledef.Severity]string{ruledef.SeverityLow: "3.0", ruledef.SeverityMedium: "5.5", ruledef.SeverityHigh: "8.0"}[r.Default], r.Precision)
	p("\n## What it checks\n\n%s\n", r.Summary(en))
	if r.Precision == ruledef.PrecisionMedium {
		p("\nIt also fires where trustcloud could not establish a location at plan time: the resource, once applied, may comply. Its precision is therefore medium.\n")
	}
	p("\n## Why\n\n")
	for _, c := range r.Citations() {
		p("- %s\n", sentence(c.In(en)))
	}
	p("\nThe texts:\n\n")
	for _, id := range r.Doctrine {
		d, _ := ruledef.DoctrineByID(id)
		p("- **%s**: %s\n", d.Title, d.Citation)
	}
	for _, c := range []struct {
		title string
		ex    example
		fires bool
	}{{"An example that fires", ex.Fires, true}, {"An example that passes", ex.Passes, false}} {
		p("\n## %s\n\n", c.title)
		text, err := exampleText(root, r, c.ex, c.fires)
		if err != nil {
			return nil, err
		}
		b.WriteString(text)
	}
	p("\n## How to fix\n\n%s\n", r.Help(en))
	p("\n## How to waive\n\n%s", waive(r, ex.Fires))
	return []byte(b.String()), nil
}

// exampleText is an example on its page: the scenario, the blocks, the
// policy and catalog files it is checked with, and what trustcloud says.
func exampleText(root string, r ruledef.Rule, ex example, fires bool) (string, error) {
	got, err := run(root, r.ID, ex)
	if err != nil {
		return "", err
	}
	if !got.Checked {
		return "", fmt.Errorf("%s, example in %s: %s is not in the checked plan", r.ID, ex.Scenario, ex.Address)
	}
	if fires && len(got.Findings) == 0 {
		return "", fmt.Errorf("%s, example in %s: the rule does not fire on %s", r.ID, ex.Scenario, ex.Address)
	}
	if !fires && len(got.Findings) > 0 {
		return "", fmt.Errorf("%s, example in %s: the rule fires on %s: %s", r.ID, ex.Scenario, ex.Address, got.Findings[0].Message)
	}
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	day := ex.Day
	if day == "" {
		day = suiteDay
	}
	p("From the scenario [`%s`](../../%s/%s) (a real Terraform plan of its `.tf` files), checked on %s", ex.Scenario, scenarios, ex.Scenario, day)
	switch {
	case ex.Policy == "":
		p(" with the default profile (`fr-cloud-au-centre`)")
	case ex.Discovered:
		p(" with a policy file `trustcloud.hcl` found in the configuration directory")
	default:
		p(" with `--policy trustcloud.hcl`")
	}
	if ex.Catalog != "" {
		p(" and `--catalog catalog.json`")
	}
	p(": %s\n", ex.Why)
	if len(ex.Show) > 0 {
		code, err := blocks(root, ex)
		if err != nil {
			return "", err
		}
		p("\n```terraform\n%s\n```\n", code)
	}
	if ex.Policy != "" {
		p("\n`trustcloud.hcl`:\n\n```hcl\n%s```\n", ex.Policy)
	}
	if ex.Catalog != "" {
		p("\n`catalog.json`:\n\n```json\n%s```\n", ex.Catalog)
	}
	if fires {
		f := got.Findings[0]
		p("\ntrustcloud reports, at severity %s:\n\n> %s %s `%s`: %s\n", f.Severity, r.ID, r.Name, f.Address, f.Message)
	} else {
		p("\ntrustcloud reports no %s finding on `%s`.\n", r.ID, ex.Address)
	}
	return b.String(), nil
}

// waive says how to waive a rule's findings, or that a policy cannot.
func waive(r ruledef.Rule, ex example) string {
	if r.JudgesPolicy {
		return "A policy can neither waive " + string(r.ID) + ", disable it nor change its severity: it judges the policy itself. " +
			"Give the policy explicitly (`--policy FILE` or the pipeline's `TRUSTCLOUD_POLICY`), or remove its relaxations.\n"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "A waiver (dérogation) in the policy file covers the findings of its rules on the resources its address globs match, until its expiry date; ")
	fmt.Fprintf(&b, "reports still list the waived findings, with the waiver. For the example that fires:\n\n")
	fmt.Fprintf(&b, "```hcl\nwaiver \"DER-2026-001\" {\n  addresses   = [%q]\n  rules       = [%q]\n", ex.Address, r.ID)
	fmt.Fprintf(&b, "  reason      = \"Why the exception is needed and how it will end\"\n  expires     = \"2027-03-31\"\n")
	fmt.Fprintf(&b, "  approved_by = \"CISO, security committee of 2026-04-01\"\n  approved_on = \"2026-04-01\"\n}\n```\n\n")
	fmt.Fprintf(&b, "`addresses` (globs), `reason`, `expires`, `approved_by` and `approved_on` are required; `expires` is at most `max_waiver_days` (365 by default) after `approved_on`. ")
	fmt.Fprintf(&b, "By default a waiver covers only resources that exist already: `covers_new = true` lets it cover resources the change creates. ")
	fmt.Fprintf(&b, "Once it has expired, the findings it covered are reported again, with a TC007 (waiver-expired). ")
	fmt.Fprintf(&b, "`trustcloud policy init` writes a starter policy that documents every setting.\n\n")
	fmt.Fprintf(&b, "Where the policy says `allow_inline_waivers = true` (off in every built-in profile: a relaxation), a comment directly above the resource block ")
	fmt.Fprintf(&b, "waives it too, with the same requirements (`approved_on` optional: without it, `expires` is at most `max_waiver_days` from the day of the check), ")
	fmt.Fprintf(&b, "never for a resource the change creates; reports list every such comment, applied or not, with its file and line:\n\n")
	fmt.Fprintf(&b, "```tf\n# trustcloud:waive %s reason=\"Why and until when\" expires=2027-03-31 approved_by=\"CISO\" approved_on=2026-04-01\nresource \"%s\" \"%s\" {\n  # …\n}\n```\n\n", r.ID, exType(ex.Address), exName(ex.Address))
	fmt.Fprintf(&b, "To change the severity of the rule's findings instead, set it in the policy, for every level or for one; or switch the rule off (`disabled_rules`, listed in every report, a relaxation):\n\n")
	fmt.Fprintf(&b, "```hcl\nrule_severity = {\n  \"%s\" = \"low\"\n}\n\nlevel \"internal\" {\n  rule_severity = { \"%s\" = \"medium\" }\n}\n\ndisabled_rules = [\"%s\"]\n```\n", r.ID, r.ID, r.ID)
	return b.String()
}

// exType and exName are the type and name of a resource address
// (module path and instance key left out).
func exType(address string) string {
	parts := resourceParts(address)
	return parts[0]
}

func exName(address string) string {
	parts := resourceParts(address)
	return parts[1]
}

// resourceParts are the last two steps of an address, instance key cut.
func resourceParts(address string) [2]string {
	if i := strings.Index(address, "["); i >= 0 {
		address = address[:i]
	}
	steps := strings.Split(address, ".")
	if len(steps) < 2 {
		return [2]string{"TYPE", "NAME"}
	}
	return [2]string{steps[len(steps)-2], steps[len(steps)-1]}
}

// sentence ends a text with a full stop.
func sentence(s string) string {
	if strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

// pages writes every rule's page, by file name, checking the examples
// from the repository root.
func pages(root string) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, r := range ruledef.All() {
		data, err := page(root, r)
		if err != nil {
			return nil, err
		}
		out[string(r.ID)+".md"] = data
	}
	for id := range examples {
		if _, ok := ruledef.Lookup(id); !ok {
			return nil, fmt.Errorf("examples of %s, which the registry does not have", id)
		}
	}
	return out, nil
}

// writePages writes the pages into dir, and removes the pages of rules
// the registry no longer has.
func writePages(root, dir string) error {
	all, err := pages(root)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	old, err := filepath.Glob(filepath.Join(dir, "TC*.md"))
	if err != nil {
		return err
	}
	for _, f := range old {
		if _, keep := all[filepath.Base(f)]; !keep {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), all[n], 0o644); err != nil {
			return err
		}
	}
	return nil
}
