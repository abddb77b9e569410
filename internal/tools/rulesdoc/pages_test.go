package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/ruledef"
)

// root is the repository root, from this package.
const root = "../../.."

// TestExamplesFireAndPass checks every example of every rule on its
// scenario's real plan and .tf files: the rule fires on the address of
// the example that fires, and not on the address of the one that passes,
// which the check did look at.
func TestExamplesFireAndPass(t *testing.T) {
	for _, r := range ruledef.All() {
		ex, ok := examples[r.ID]
		if !ok {
			t.Errorf("%s: no examples", r.ID)
			continue
		}
		t.Run(string(r.ID), func(t *testing.T) {
			fires, err := run(root, r.ID, ex.Fires)
			if err != nil {
				t.Fatal(err)
			}
			if !fires.Checked || len(fires.Findings) == 0 {
				t.Errorf("fires: %s in %s: checked %v, %d %s findings", ex.Fires.Address, ex.Fires.Scenario, fires.Checked, len(fires.Findings), r.ID)
			}
			for _, f := range fires.Findings {
				if f.Waived {
					t.Errorf("fires: %s is waived: %s", r.ID, f.Message)
				}
			}
			passes, err := run(root, r.ID, ex.Passes)
			if err != nil {
				t.Fatal(err)
			}
			if !passes.Checked || len(passes.Findings) > 0 {
				t.Errorf("passes: %s in %s: checked %v, %d %s findings", ex.Passes.Address, ex.Passes.Scenario, passes.Checked, len(passes.Findings), r.ID)
			}
		})
	}
}

// TestExampleCanFail: an example that does not hold stops the pages: a
// passing resource named as firing, and a firing one named as passing.
func TestExampleCanFail(t *testing.T) {
	r, _ := ruledef.Lookup(ruledef.TC001)
	ex := examples[ruledef.TC001]
	if _, err := exampleText(root, r, ex.Passes, true); err == nil || !strings.Contains(err.Error(), "does not fire") {
		t.Errorf("a passing example taken as firing: %v", err)
	}
	if _, err := exampleText(root, r, ex.Fires, false); err == nil || !strings.Contains(err.Error(), "fires on") {
		t.Errorf("a firing example taken as passing: %v", err)
	}
	missing := ex.Fires
	missing.Address = "aws_s3_bucket.nowhere"
	if _, err := exampleText(root, r, missing, false); err == nil || !strings.Contains(err.Error(), "not in the checked plan") {
		t.Errorf("an address the plan lacks: %v", err)
	}
	missing = ex.Fires
	missing.Show = []string{`main.tf: resource "aws_s3_bucket" "nowhere"`}
	if _, err := exampleText(root, r, missing, true); err == nil || !strings.Contains(err.Error(), "no block") {
		t.Errorf("a block the files lack: %v", err)
	}
}

// TestPagesUpToDate: docs/rules holds the page of every rule as rulesdoc
// writes it today, and nothing else; run `make docs` after changing the
// registry, the catalog's texts, the examples or the scenarios.
func TestPagesUpToDate(t *testing.T) {
	want, err := pages(root)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "docs", "rules")
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if _, ok := want[filepath.Base(f)]; !ok {
			t.Errorf("%s: no rule has this page", f)
		}
	}
	for name, data := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("docs/rules/%s is not what rulesdoc writes (%v): run `make docs` and commit the result", name, err)
		}
	}
}

// TestPages: every page has its sections, its examples' code, and policy
// snippets that a policy file accepts.
func TestPages(t *testing.T) {
	all, err := pages(root)
	if err != nil {
		t.Fatal(err)
	}
	hcl := regexp.MustCompile("(?s)```hcl\n(.*?)```")
	for _, r := range ruledef.All() {
		page := string(all[string(r.ID)+".md"])
		for _, want := range []string{"# " + string(r.ID) + " " + r.Name + "\n", "\n## What it checks\n", "\n## Why\n",
			"\n## An example that fires\n", "\n## An example that passes\n", "\n## How to fix\n", "\n## How to waive\n"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the page lacks %q", r.ID, want)
			}
		}
		ex := examples[r.ID]
		if len(ex.Fires.Show) > 0 && !strings.Contains(page, "```terraform\n") {
			t.Errorf("%s: the page shows no Terraform", r.ID)
		}
		_, waive, _ := strings.Cut(page, "\n## How to waive\n")
		snippets := hcl.FindAllStringSubmatch(waive, -1)
		if r.JudgesPolicy {
			if len(snippets) != 0 || !strings.Contains(waive, "can neither waive") {
				t.Errorf("%s: a policy cannot waive it, the page says %q", r.ID, waive)
			}
			continue
		}
		if len(snippets) != 2 {
			t.Errorf("%s: %d policy snippets in How to waive, want a waiver and rule_severity", r.ID, len(snippets))
		}
		for _, s := range snippets {
			if _, diags := policy.Parse("trustcloud.hcl", []byte(s[1])); diags.HasErrors() {
				t.Errorf("%s: the page's policy snippet does not load:\n%s\n%s", r.ID, s[1], policy.FormatDiagnostics(diags))
			}
		}
	}
}
