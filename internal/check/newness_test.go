package check

import (
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/report"
	"github.com/trustcloud/trustcloud/internal/rules"
)

func TestCompareAddresses(t *testing.T) {
	want := []string{
		"aws_s3_bucket.a",
		"aws_s3_bucket.b[2]",
		"aws_s3_bucket.b[10]",
		`aws_s3_bucket.c["x"]`,
		"module.m[1].aws_s3_bucket.b[3]",
		"module.m[1].aws_s3_bucket.b[20]",
		"module.m[9].aws_s3_bucket.b[0]",
		"module.m[10].aws_s3_bucket.b[0]",
	}
	got := []string{want[7], want[2], want[5], want[0], want[6], want[3], want[1], want[4]}
	sort.Slice(got, func(i, j int) bool { return compareAddresses(got[i], got[j]) < 0 })
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	for _, a := range want {
		if compareAddresses(a, a) != 0 {
			t.Errorf("%s is not equal to itself", a)
		}
	}
}

// TestDiffFlows: data locations compare as multisets of attribute, flow,
// status and region; evidence does not count.
func TestDiffFlows(t *testing.T) {
	loc := func(attr, region string, evidence ...string) inventory.Location {
		return inventory.Location{Status: inventory.StatusKnown, Region: region, Attribute: attr, Flow: "replica", Evidence: texts(evidence...)}
	}
	before := []inventory.Location{loc("replica[0].region_name", "eu-central-1", "a")}
	for _, tc := range []struct {
		name           string
		after          []inventory.Location
		added, removed []string
	}{
		{"same", []inventory.Location{loc("replica[0].region_name", "eu-central-1", "other evidence")}, nil, nil},
		{"replica added", []inventory.Location{loc("replica[0].region_name", "eu-central-1"), loc("replica[1].region_name", "us-east-1")},
			[]string{"replica[1].region_name (replica) known us-east-1"}, nil},
		{"region moved", []inventory.Location{loc("replica[0].region_name", "us-east-1")},
			[]string{"replica[0].region_name (replica) known us-east-1"}, []string{"replica[0].region_name (replica) known eu-central-1"}},
		{"twice", []inventory.Location{loc("replica[0].region_name", "eu-central-1"), loc("replica[0].region_name", "eu-central-1")},
			[]string{"replica[0].region_name (replica) known eu-central-1"}, nil},
		{"removed", nil, nil, []string{"replica[0].region_name (replica) known eu-central-1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			added, removed := diffFlows(before, tc.after)
			if diff := cmp.Diff(tc.added, added); diff != "" {
				t.Errorf("added (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.removed, removed); diff != "" {
				t.Errorf("removed (-want +got):\n%s", diff)
			}
		})
	}
}

// TestNewnessChanged: under --new-only a finding is existing only when its
// resource existed and the plan changes none of location, data
// locations, operator and level (its owner's level included, for a part
// whose flows carry another resource's data); each change is named.
func TestNewnessChanged(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	pol := policy.Default()
	aws, ovh := "aws", "ovhcloud"
	table := func(mod func(r *inventory.Resource)) *inventory.Resource {
		r := &inventory.Resource{Address: "aws_dynamodb_table.t", Type: "aws_dynamodb_table", Mode: "managed", Actions: []string{"update"},
			Provider: "registry.terraform.io/hashicorp/aws", Operator: &aws,
			Location:      inventory.Location{Status: inventory.StatusKnown, Region: "eu-west-3"},
			DataLocations: []inventory.Location{{Status: inventory.StatusKnown, Region: "us-east-1", Attribute: "replica[0].region_name", Flow: "replica"}},
			Sensitivity:   inventory.Sensitivity{Level: "sensitive"}}
		if mod != nil {
			mod(r)
		}
		return r
	}
	for _, tc := range []struct {
		name   string
		now    func(*inventory.Resource)
		before func(*inventory.Resource)
		want   []string // nil: existing
	}{
		{"unchanged", nil, nil, nil},
		{"no-op", func(r *inventory.Resource) { r.Actions = []string{"no-op"} }, nil, nil},
		{"level raised", nil, func(r *inventory.Resource) { r.Sensitivity.Level = "internal" }, []string{report.InputLevel}},
		{"operator", nil, func(r *inventory.Resource) { r.Operator = &ovh }, []string{report.InputOperator}},
		{"location", nil, func(r *inventory.Resource) { r.Location.Region = "eu-west-1" }, []string{report.InputLocation}},
		{"replica moved", nil, func(r *inventory.Resource) { r.DataLocations[0].Region = "eu-central-1" }, []string{report.InputDataLocations}},
		{"replica added", nil, func(r *inventory.Resource) { r.DataLocations = nil }, []string{report.InputDataLocations}},
		{"two", nil, func(r *inventory.Resource) { r.DataLocations, r.Sensitivity.Level = nil, "public" },
			[]string{report.InputDataLocations, report.InputLevel}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			now, before := table(tc.now), table(tc.before)
			inv := &inventory.Inventory{Resources: []*inventory.Resource{now}}
			var findings []*report.Finding
			for _, f := range (&rules.Evaluator{Catalog: cat, Policy: pol}).Evaluate(inv) {
				findings = append(findings, &report.Finding{Finding: f, Fingerprint: report.Fingerprint(f)})
			}
			if len(findings) == 0 {
				t.Fatal("no finding")
			}
			n := &newness{prior: map[string]*inventory.Resource{before.Address: before}, now: map[string]*inventory.Resource{now.Address: now}}
			n.apply(findings)
			for _, f := range findings {
				switch {
				case tc.want == nil && f.Status != report.StatusExisting:
					t.Errorf("%s: %s %+v, want existing", f.Rule, f.Status, f.NewBecause)
				case tc.want != nil && (f.Status != report.StatusNew || len(f.NewBecause) != 1 || f.NewBecause[0].Reason != report.ReasonChanged):
					t.Errorf("%s: %s %+v, want new (changed)", f.Rule, f.Status, f.NewBecause)
				case tc.want != nil:
					if diff := cmp.Diff(tc.want, f.NewBecause[0].Changed); diff != "" {
						t.Errorf("%s: changed (-want +got):\n%s", f.Rule, diff)
					}
				}
			}
		})
	}
	// Not in the prior state, created, replaced or imported: new, whatever
	// the inputs.
	for _, tc := range []struct {
		name string
		mod  func(*inventory.Resource)
		why  string
	}{
		{"created", func(r *inventory.Resource) { r.Actions = []string{"create"} }, report.ReasonCreated},
		{"replaced", func(r *inventory.Resource) { r.Actions = []string{"create", "delete"} }, report.ReasonReplaced},
		{"imported", func(r *inventory.Resource) { r.Actions, r.Importing = []string{"no-op"}, true }, report.ReasonImported},
	} {
		now := table(tc.mod)
		inv := &inventory.Inventory{Resources: []*inventory.Resource{now}}
		var findings []*report.Finding
		for _, f := range (&rules.Evaluator{Catalog: cat, Policy: pol}).Evaluate(inv) {
			findings = append(findings, &report.Finding{Finding: f, Fingerprint: report.Fingerprint(f)})
		}
		known := accepted{}
		for _, f := range findings {
			known[f.Fingerprint] = append(known[f.Fingerprint], f.Severity.Rank())
		}
		n := &newness{known: known, prior: map[string]*inventory.Resource{now.Address: table(nil)}, now: map[string]*inventory.Resource{now.Address: now}}
		n.apply(findings)
		for _, f := range findings {
			if f.Status != report.StatusNew || len(f.NewBecause) != 1 || f.NewBecause[0].Reason != tc.why {
				t.Errorf("%s: %s %s %+v, want new (%s) despite the baseline and an unchanged prior", tc.name, f.Rule, f.Status, f.NewBecause, tc.why)
			}
		}
	}
}
