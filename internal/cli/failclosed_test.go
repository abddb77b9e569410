package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/cli"
)

// failClosedPlan is a plan of one resource with the given provider,
// type, location attribute (none when region is empty) and level tag.
func failClosedPlan(t *testing.T, dir, name, provider, typ, region, level string) string {
	t.Helper()
	after := map[string]any{"tags": map[string]any{"data_sensitivity": level}}
	if region != "" {
		after["region"] = region
	}
	short := provider[strings.LastIndex(provider, "/")+1:]
	doc := map[string]any{
		"format_version": "1.2", "terraform_version": "1.9.8",
		"resource_changes": []any{map[string]any{
			"address": typ + ".data", "mode": "managed", "type": typ, "name": "data", "provider_name": "registry.terraform.io/" + provider,
			"change": map[string]any{"actions": []any{"create"}, "before": nil, "after": after, "after_unknown": map[string]any{}},
		}},
		"configuration": map[string]any{
			"provider_config": map[string]any{short: map[string]any{"name": short, "full_name": "registry.terraform.io/" + provider}},
			"root_module":     map[string]any{"resources": []any{map[string]any{"address": typ + ".data", "mode": "managed", "type": typ, "name": "data", "provider_config_key": short}}},
		},
	}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// acmeCatalog maps the acme/cloud provider to an operator with a region in
// France and no offer at all.
const acmeCatalog = `{
  "schema_version": "1",
  "sources": [{"id": "acme-src", "title": "Test fixture: an operator the embedded catalog does not know"}],
  "operators": [{"id": "acme", "name": "Acme Cloud", "country": "FR", "parent_jurisdiction": "FR", "extraterritorial_exposure": false, "source_ids": ["acme-src"]}],
  "regions": [{"operator": "acme", "code": "acme-paris", "city": "Paris", "country": "FR", "source_ids": ["acme-src"]}],
  "terraform_providers": [{"source": "acme/cloud", "operators": [{"operator": "acme"}], "type_prefixes": ["acme_"], "resource_attributes": [{"path": "region"}], "source_ids": ["acme-src"]}]
}`

// TestFailClosed: what trustcloud cannot establish is a finding, never a
// pass. At a level with requirements, a resource of a provider the
// catalog does not know, a location the plan does not give, and an
// operator no qualified offer covers are each findings; at restricted
// they are critical, so that every --fail-on threshold fails the run and
// only --fail-on none makes it green — saying so on stderr.
func TestFailClosed(t *testing.T) {
	dir := t.TempDir()
	catalogFile := filepath.Join(dir, "acme.json")
	if err := os.WriteFile(catalogFile, []byte(acmeCatalog), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, provider, typ, region string
		catalog                     string
		// rule is the finding expected; unknownLocation and
		// unknownOperator the summary's counts.
		rule                             string
		unknownLocation, unknownOperator int
	}{
		{"provider missing from the catalog", "acme/cloud", "acme_bucket", "eu-west-3", "", "TC003", 0, 1},
		{"provider missing from the catalog, no location", "acme/cloud", "acme_bucket", "", "", "TC003", 1, 1},
		{"location not in the plan", "hashicorp/aws", "aws_s3_bucket", "", "", "TC003", 1, 0},
		{"region the catalog cannot place", "hashicorp/aws", "aws_s3_bucket", "eu-nowhere-9", "", "TC003", 0, 0},
		{"operator without a qualified offer", "acme/cloud", "acme_bucket", "acme-paris", catalogFile, "TC002", 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			plan := failClosedPlan(t, dir, strings.ReplaceAll(tc.name, " ", "-")+".json", tc.provider, tc.typ, tc.region, "restricted")
			args := []string{"check", "--format", "json"}
			if tc.catalog != "" {
				args = append(args, "--catalog", tc.catalog)
			}
			for _, failOn := range []string{"info", "low", "medium", "high", "critical"} {
				r := run(t, "", append(args, "--fail-on", failOn, plan)...)
				if r.code != cli.ExitFindings {
					t.Fatalf("--fail-on %s: want exit 1, got %s", failOn, r)
				}
				rep := decodeReport(t, r.stdout)
				var rules []string
				for _, f := range rep.Findings {
					rules = append(rules, f.Rule+"/"+string(f.Severity))
				}
				if !strings.Contains(strings.Join(rules, " "), tc.rule+"/critical") {
					t.Errorf("--fail-on %s: findings %v, want a critical %s", failOn, rules, tc.rule)
				}
				s := rep.Summary
				if !s.Failed || s.Analysed != 1 || s.UnknownLocation != tc.unknownLocation || s.UnknownOperator != tc.unknownOperator {
					t.Errorf("--fail-on %s: summary %+v, want failed, 1 analysed, %d unknown location, %d unknown operator",
						failOn, s, tc.unknownLocation, tc.unknownOperator)
				}
			}
			r := run(t, "", append(args, "--fail-on", "none", plan)...)
			if r.code != cli.ExitOK {
				t.Fatalf("--fail-on none: want exit 0, got %s", r)
			}
			if rep := decodeReport(t, r.stdout); rep.Summary.Findings == 0 || rep.Summary.Failed {
				t.Errorf("--fail-on none: summary %+v, want the findings reported and the run not failed", rep.Summary)
			}
			n := decodeReport(t, r.stdout).Summary.Findings
			if want := fmt.Sprintf("threshold none: %d finding(s) reported, ignored for the exit code", n); !strings.Contains(r.stderr, want) {
				t.Errorf("--fail-on none: stderr %q does not log %q", r.stderr, want)
			}
		})
	}
}

// TestFailClosedAtInternal: at the default level, internal, which
// requires an EU location, an unknown location is still a finding (low,
// not failing at the default threshold), never a silent pass.
func TestFailClosedAtInternal(t *testing.T) {
	dir := t.TempDir()
	plan := failClosedPlan(t, dir, "internal.json", "hashicorp/aws", "aws_s3_bucket", "", "internal")
	r := run(t, "", "check", "--format", "json", plan)
	if r.code != cli.ExitOK {
		t.Fatalf("want exit 0, got %s", r)
	}
	rep := decodeReport(t, r.stdout)
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "TC003" || rep.Findings[0].Severity != "low" || rep.Summary.UnknownLocation != 1 {
		t.Errorf("want one low TC003 and one unknown location, got %v, summary %+v", ruleAddr(rep), rep.Summary)
	}
}
