package policy_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/ruledef"
)

// FuzzParse feeds arbitrary text to the policy parser, in HCL's native
// syntax or (json set) its JSON syntax. Whatever the input: no panic; a
// policy with errors is nil and each error is an hcl diagnostic located in
// the file ("policy.hcl:L,C: …", or "policy.hcl: …"), printed on one line;
// a policy that loads has a default level it defines, severities for every
// rule at every level, and answers module and waiver queries.
// Seeds: the policies of testdata/, the built-in profiles' starter files.
func FuzzParse(f *testing.F) {
	var seeds []string
	for _, g := range []string{"testdata/*.hcl", "testdata/*/*.hcl", "../cli/testdata/policies/*.hcl",
		"../report/testdata/policies/*.hcl", "../../testdata/scenarios/*/policy.hcl"} {
		m, err := filepath.Glob(g)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, m...)
	}
	if len(seeds) < 5 {
		f.Fatalf("only %d seed policies found", len(seeds))
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, false)
	}
	for _, name := range policy.Profiles() {
		f.Add(policy.StarterFile(name), false)
	}
	f.Add([]byte(`{"profile": "eu-residency", "waiver": {"W-1": {"addresses": ["module.a.*"], "rules": ["TC001"], "reason": "r", "expires": "2030-01-01", "approved_by": "me"}}}`), true)
	f.Add([]byte(`{"classification": {"module": {"module.x.**": {"level": "sensitive"}}}}`), true)

	f.Fuzz(func(t *testing.T, src []byte, json bool) {
		name := "policy.hcl"
		if json {
			name = "policy.hcl.json"
		}
		p, diags := policy.Parse(name, src)
		if diags.HasErrors() {
			if p != nil {
				t.Fatal("a policy with errors is not nil")
			}
			for _, d := range diags {
				if d.Subject == nil || d.Subject.Filename != name {
					t.Fatalf("diagnostic %q (%q) does not name %s: subject %v", d.Summary, d.Detail, name, d.Subject)
				}
			}
			out := policy.FormatDiagnostics(diags)
			if lines := strings.Count(out, "\n"); lines != len(diags) {
				t.Fatalf("%d diagnostics printed on %d lines:\n%s", len(diags), lines, out)
			}
			for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
				if !strings.HasPrefix(line, name+":") {
					t.Fatalf("diagnostic line %q does not start with %s:", line, name)
				}
			}
			return
		}
		if p == nil {
			t.Fatal("no policy and no error")
		}
		if p.File != name {
			t.Fatalf("policy file %q, want %q", p.File, name)
		}
		if p.Level(p.Classification.DefaultLevel) == nil {
			t.Fatalf("default level %q is not a level of the policy", p.Classification.DefaultLevel)
		}
		for _, l := range p.Levels {
			if got, ok := p.NormalizeLevel(l.Name); !ok || got != l.Name {
				t.Fatalf("level %q normalises to %q, %v", l.Name, got, ok)
			}
			for _, id := range ruledef.IDs() {
				rule := string(id)
				if p.Severity(l.Name, rule).Rank() == 0 {
					t.Fatalf("level %q, rule %s: severity %q", l.Name, rule, p.Severity(l.Name, rule))
				}
			}
		}
		for alias, target := range p.Classification.Aliases {
			if _, ok := p.NormalizeLevel(alias); !ok {
				t.Fatalf("alias %q (→ %q) names no level", alias, target)
			}
		}
		for _, m := range p.Classification.Modules {
			if p.Level(m.Level) == nil {
				t.Fatalf("module rule %q gives level %q, not a level of the policy", m.Glob, m.Level)
			}
		}
		p.ModuleLevel(`module.a["k"].module.b[0]`)
		p.MatchWaivers(`module.a.aws_s3_bucket.b["x"]`, "TC001")
	})
}
