package check_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/report"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// scenarios are real plans made by Terraform (scripts/testdata.sh), with
// their configurations and, for some, the prior state they were planned
// against.
const scenarios = "../../testdata/scenarios"

// testNow is the scenario suite's date: qualifications and waivers are
// judged on it, whatever the day the tests run.
var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// options checks a scenario as `trustcloud check` run next to it would:
// its configuration evaluated, its policy file when it has one.
func options(t *testing.T, scenario string) check.Options {
	t.Helper()
	plan := filepath.Join(scenarios, scenario, "plan.json")
	pol := policy.Default()
	if file := filepath.Join(scenarios, scenario, "policy.hcl"); exists(file) {
		var diags []string
		p, ds := policy.Load(file)
		for _, d := range ds {
			diags = append(diags, d.Error())
		}
		if ds.HasErrors() {
			t.Fatalf("%s: %s", file, strings.Join(diags, "; "))
		}
		pol = p
	}
	return check.Options{
		Plan: plan, Policy: pol, Now: func() time.Time { return testNow }, ToolVersion: "v0.0.0-test",
		Sources: func(tool tfconfig.Tool) (*tfconfig.Config, error) { return check.LoadSources(plan, "", tool) },
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func run(t *testing.T, opts check.Options) *check.Result {
	t.Helper()
	res, err := check.Run(opts)
	if err != nil {
		t.Fatalf("check %s: %v", opts.Plan, err)
	}
	return res
}

// statuses maps "rule address" to the status of its findings, with the
// reasons of a new one ("new replaced", "new changed:data_locations").
func statuses(res *check.Result) map[string]string {
	out := map[string]string{}
	for _, f := range res.Report.Findings {
		s := f.Status
		for _, why := range f.NewBecause {
			s += " " + why.Reason
			if len(why.Changed) > 0 {
				s += ":" + strings.Join(why.Changed, ",")
			}
		}
		out[f.Rule+" "+f.Address] = s
	}
	return out
}

// baselineOf is the baseline a run's JSON report makes, as `check
// --baseline` reads it; edit, when set, changes the JSON first.
func baselineOf(t *testing.T, res *check.Result, edit func(string) string) *check.Baseline {
	t.Helper()
	var buf bytes.Buffer
	if err := report.Formats["json"].Write(&buf, res.Report); err != nil {
		t.Fatal(err)
	}
	data := buf.String()
	if edit != nil {
		data = edit(data)
	}
	b, err := check.ParseBaseline("baseline.json", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestExitCodePerFailOn: a check fails when a new finding is at or above
// the threshold, never under "none"; a threshold is read
// case-insensitively, high by default, and one that is not a severity is
// an error.
func TestExitCodePerFailOn(t *testing.T) {
	for _, tc := range []struct {
		scenario string
		// highest is the severity of the scenario's most severe finding
		// ("" for none).
		highest policy.Severity
	}{
		{"aws-web-app-paris", ""},
		{"aws-no-region", policy.SeverityLow},
		{"aws-provider-alias", policy.SeverityMedium},
		{"aws-region-move", policy.SeverityHigh},
		{"azure-data-platform", policy.SeverityCritical},
	} {
		t.Run(tc.scenario, func(t *testing.T) {
			for _, failOn := range []string{"info", "low", "medium", "high", "critical", "none", "HIGH", "Low", ""} {
				opts := options(t, tc.scenario)
				opts.FailOn = failOn
				res := run(t, opts)
				threshold := strings.ToLower(failOn)
				if threshold == "" {
					threshold = check.DefaultFailOn
				}
				want := check.ExitOK
				if threshold != "none" && tc.highest != "" && tc.highest.Rank() >= policy.Severity(threshold).Rank() {
					want = check.ExitFindings
				}
				if got := res.ExitCode(); got != want {
					t.Errorf("fail-on %q: exit %d, want %d (summary %+v)", failOn, got, want, res.Report.Summary)
				}
				if res.Report.Summary.FailOn != threshold {
					t.Errorf("fail-on %q: the summary records %q, want %q", failOn, res.Report.Summary.FailOn, threshold)
				}
				if got := highest(res); got != tc.highest {
					t.Errorf("the most severe finding is %q, want %q: has the scenario changed?", got, tc.highest)
				}
			}
		})
	}
	opts := options(t, "aws-region-move")
	opts.FailOn = "severe"
	if _, err := check.Run(opts); err == nil || !strings.Contains(err.Error(), `"severe"`) {
		t.Errorf("fail-on severe: %v, want an error naming it", err)
	}
}

func highest(res *check.Result) policy.Severity {
	var top policy.Severity
	for _, f := range res.Report.Findings {
		if f.Severity.Rank() > top.Rank() {
			top = f.Severity
		}
	}
	return top
}

// TestBaseline: a baseline covers the findings it accepted, one each, at
// their severity or below; a finding of a resource the plan replaces is
// new whatever the baseline says.
func TestBaseline(t *testing.T) {
	// Four buckets retagged: the plan's own baseline covers every finding.
	drift := run(t, options(t, "aws-count-drift"))
	if drift.ExitCode() != check.ExitFindings {
		t.Fatalf("aws-count-drift without a baseline: exit %d, want 1", drift.ExitCode())
	}
	opts := options(t, "aws-count-drift")
	opts.Baseline = baselineOf(t, drift, nil)
	res := run(t, opts)
	if s := res.Report.Summary; res.ExitCode() != check.ExitOK || s.Existing != 8 || s.New != 0 {
		t.Errorf("aws-count-drift against its own baseline: exit %d, %d existing and %d new; want 0, 8 and 0", res.ExitCode(), s.Existing, s.New)
	}

	// The one bucket of aws-count-one accepted: one finding per rule is
	// covered, the three other instances are beyond the baseline.
	opts = options(t, "aws-count-drift")
	opts.Baseline = baselineOf(t, run(t, options(t, "aws-count-one")), nil)
	res = run(t, opts)
	if diff := cmp.Diff(map[string]string{
		"TC001 aws_s3_bucket.exports[0]": report.StatusExisting,
		"TC002 aws_s3_bucket.exports[0]": report.StatusExisting,
		"TC001 aws_s3_bucket.exports[1]": "new beyond_baseline",
		"TC002 aws_s3_bucket.exports[1]": "new beyond_baseline",
		"TC001 aws_s3_bucket.exports[2]": "new beyond_baseline",
		"TC002 aws_s3_bucket.exports[2]": "new beyond_baseline",
		"TC001 aws_s3_bucket.exports[3]": "new beyond_baseline",
		"TC002 aws_s3_bucket.exports[3]": "new beyond_baseline",
	}, statuses(res)); diff != "" {
		t.Errorf("aws-count-drift against aws-count-one's baseline (-want +got):\n%s", diff)
	}
	if res.ExitCode() != check.ExitFindings {
		t.Errorf("aws-count-drift against aws-count-one's baseline: exit %d, want 1", res.ExitCode())
	}

	// Accepted at a lower severity than they have now: not covered.
	opts = options(t, "aws-count-drift")
	opts.Baseline = baselineOf(t, drift, func(s string) string {
		return strings.ReplaceAll(s, `"severity": "high"`, `"severity": "medium"`)
	})
	res = run(t, opts)
	for k, s := range statuses(res) {
		if s != "new beyond_baseline" {
			t.Errorf("%s accepted at medium, now high: %s, want new beyond_baseline", k, s)
		}
	}
	if res.ExitCode() != check.ExitFindings {
		t.Errorf("findings accepted at a lower severity: exit %d, want 1", res.ExitCode())
	}

	// A bucket moved to another region is replaced: new, always.
	move := run(t, options(t, "aws-region-move"))
	opts = options(t, "aws-region-move")
	opts.Baseline = baselineOf(t, move, nil)
	res = run(t, opts)
	if diff := cmp.Diff(map[string]string{
		"TC001 aws_s3_bucket.archive": "new replaced",
		"TC002 aws_s3_bucket.archive": "new replaced",
		"TC002 aws_s3_bucket.reports": report.StatusExisting,
	}, statuses(res)); diff != "" {
		t.Errorf("aws-region-move against its own baseline (-want +got):\n%s", diff)
	}
	if res.ExitCode() != check.ExitFindings {
		t.Errorf("aws-region-move against its own baseline: exit %d, want 1", res.ExitCode())
	}

	// A baseline accepting nothing is still a comparison: every finding
	// says why it is new.
	opts = options(t, "aws-region-move")
	opts.Baseline = &check.Baseline{}
	for k, s := range statuses(run(t, opts)) {
		if !strings.HasPrefix(s, "new ") {
			t.Errorf("%s against an empty baseline: %q, want new with a reason", k, s)
		}
	}
}

// TestNewOnly: with NewOnly, a finding is existing when its resource
// existed and the plan leaves its location, data locations, operator and
// level as they were; replaced resources and changed inputs are new.
// Without a comparison every finding is new, with no reason given.
func TestNewOnly(t *testing.T) {
	for _, tc := range []struct {
		scenario string
		want     map[string]string
		code     int
	}{
		{"aws-count-drift", map[string]string{
			"TC001 aws_s3_bucket.exports[0]": report.StatusExisting, "TC002 aws_s3_bucket.exports[0]": report.StatusExisting,
			"TC001 aws_s3_bucket.exports[1]": report.StatusExisting, "TC002 aws_s3_bucket.exports[1]": report.StatusExisting,
			"TC001 aws_s3_bucket.exports[2]": report.StatusExisting, "TC002 aws_s3_bucket.exports[2]": report.StatusExisting,
			"TC001 aws_s3_bucket.exports[3]": report.StatusExisting, "TC002 aws_s3_bucket.exports[3]": report.StatusExisting,
		}, check.ExitOK},
		{"aws-dynamodb-replica-added", map[string]string{
			"TC002 aws_dynamodb_table.archives": report.StatusExisting,
			"TC002 aws_dynamodb_table.cases":    "new changed:data_locations",
			"TC006 aws_dynamodb_table.cases":    "new changed:data_locations",
		}, check.ExitFindings},
		{"aws-region-move", map[string]string{
			"TC001 aws_s3_bucket.archive": "new replaced",
			"TC002 aws_s3_bucket.archive": "new replaced",
			"TC002 aws_s3_bucket.reports": report.StatusExisting,
		}, check.ExitFindings},
	} {
		t.Run(tc.scenario, func(t *testing.T) {
			opts := options(t, tc.scenario)
			opts.NewOnly = true
			res := run(t, opts)
			if diff := cmp.Diff(tc.want, statuses(res)); diff != "" {
				t.Errorf("statuses (-want +got):\n%s", diff)
			}
			if res.ExitCode() != tc.code {
				t.Errorf("exit %d, want %d", res.ExitCode(), tc.code)
			}
			for k, s := range statuses(run(t, options(t, tc.scenario))) {
				if s != report.StatusNew {
					t.Errorf("%s without NewOnly: %q, want new", k, s)
				}
			}
		})
	}
}

// TestSourceLines: with the configuration, findings point at the blocks
// that declare their resources; from plan JSON alone, at nothing (the
// formats then point at the plan file).
func TestSourceLines(t *testing.T) {
	opts := options(t, "ministry")
	res := run(t, opts)
	got := map[string]string{}
	for _, f := range res.Report.Findings {
		if f.Source != nil {
			got[f.Address] = fmt.Sprintf("%s:%d", filepath.ToSlash(f.Source.File), f.Source.Line)
		}
	}
	main := filepath.ToSlash(filepath.Join(scenarios, "ministry", "main.tf"))
	for addr, want := range map[string]string{
		"aws_s3_bucket.grant_applications": main + ":96",
		"aws_sqs_queue.analytics_export":   main + ":103",
	} {
		if got[addr] != want {
			t.Errorf("%s: source %q, want %q", addr, got[addr], want)
		}
	}
	if res.Inventory.Evaluation == nil || res.Inventory.Evaluation.Mode != "sources" {
		t.Errorf("evaluation %+v, want sources", res.Inventory.Evaluation)
	}
	opts.Sources = nil
	res = run(t, opts)
	for _, f := range res.Report.Findings {
		if f.Source != nil {
			t.Errorf("%s %s from plan JSON alone: source %+v", f.Rule, f.Address, f.Source)
		}
	}
	if res.Inventory.Evaluation == nil || res.Inventory.Evaluation.Mode != "plan_json" {
		t.Errorf("evaluation %+v, want plan_json", res.Inventory.Evaluation)
	}
}

// TestSourcesErrorAfterThePlan: a broken plan is reported as such, before
// a problem with its sources; a readable plan reports the sources'.
func TestSourcesErrorAfterThePlan(t *testing.T) {
	broken := errors.New("the sources cannot be read")
	opts := options(t, "ministry")
	opts.Sources = func(tfconfig.Tool) (*tfconfig.Config, error) { return nil, broken }
	opts.Plan = filepath.Join(t.TempDir(), "missing.json")
	_, err := check.Run(opts)
	var pe *planfile.Error
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("a missing plan with broken sources: %v, want the plan's error", err)
	}
	opts.Plan = filepath.Join(scenarios, "ministry", "plan.json")
	if _, err := check.Run(opts); !errors.Is(err, broken) {
		t.Errorf("a readable plan with broken sources: %v, want the sources' error", err)
	}
	if _, _, err := check.Inventory(opts); !errors.Is(err, broken) {
		t.Errorf("inventory of a readable plan with broken sources: %v, want the sources' error", err)
	}
}

// TestInventory: Inventory is the first half of Run, and standard input
// is read under the name given.
func TestInventory(t *testing.T) {
	opts := options(t, "aws-dynamodb-replica-added")
	res := run(t, opts)
	inv, warnings, err := check.Inventory(opts)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(res.Inventory, inv, cmpopts.IgnoreUnexported(inventory.Resource{})); diff != "" {
		t.Errorf("Inventory differs from Run's (-run +inventory):\n%s", diff)
	}
	if diff := cmp.Diff(res.Warnings, warnings); diff != "" {
		t.Errorf("warnings (-run +inventory):\n%s", diff)
	}
	if len(inv.Resources) != 2 || inv.Plan.File != opts.Plan {
		t.Errorf("%d resources from %s, want 2 from %s", len(inv.Resources), inv.Plan.File, opts.Plan)
	}

	data, err := os.ReadFile(opts.Plan)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"": "<stdin>", "plan.json": "plan.json"} {
		in := opts
		in.Plan, in.Stdin, in.PlanName, in.Sources = "-", bytes.NewReader(data), name, nil
		inv, _, err := check.Inventory(in)
		if err != nil {
			t.Fatal(err)
		}
		if inv.Plan.File != want || len(inv.Resources) != 2 {
			t.Errorf("standard input named %q: %s with %d resources, want %s with 2", name, inv.Plan.File, len(inv.Resources), want)
		}
	}
}
