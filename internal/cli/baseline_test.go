package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/cli"
	"github.com/trustcloud/trustcloud/internal/report"
)

const regionMove = "../../testdata/scenarios/aws-region-move/plan.json"

func findingStatuses(t *testing.T, out string) map[string]string {
	t.Helper()
	var rep report.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("check --format json: %v\n%s", err, out)
	}
	got := map[string]string{}
	for _, f := range rep.Findings {
		got[f.Rule+" "+f.Address] = f.Status
	}
	return got
}

// TestNewOnly: a resource replaced (because its region changed) is new; an
// update that keeps location, operator and level is existing and does not
// fail the run on its own.
func TestNewOnly(t *testing.T) {
	r := run(t, "", "check", "--new-only", "--format", "json", regionMove)
	if r.code != cli.ExitFindings {
		t.Fatalf("exit %d, want 1 (the moved bucket's findings are new)\n%s", r.code, r)
	}
	want := map[string]string{
		"TC001 aws_s3_bucket.archive": report.StatusNew,
		"TC002 aws_s3_bucket.archive": report.StatusNew,
		"TC002 aws_s3_bucket.reports": report.StatusExisting,
	}
	if diff := cmp.Diff(want, findingStatuses(t, r.stdout)); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	// Without --new-only every finding is new.
	r = run(t, "", "check", "--format", "json", regionMove)
	for k, s := range findingStatuses(t, r.stdout) {
		if s != report.StatusNew {
			t.Errorf("%s: %s without --new-only", k, s)
		}
	}
}

// TestBaseline: findings whose fingerprint is in an earlier run's JSON are
// existing and do not fail the run; others are new.
func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "baseline.json")
	if r := run(t, "", "check", "--format", "json="+base, regionMove); r.code != cli.ExitFindings {
		t.Fatalf("first run: exit %d\n%s", r.code, r)
	}
	// Same plan against its own baseline: the updated bucket's finding is
	// existing; the replaced archive is created anew, and a baseline never
	// covers what the plan creates.
	r := run(t, "", "check", "--baseline", base, "--format", "json", regionMove)
	if r.code != cli.ExitFindings {
		t.Fatalf("against its own baseline: exit %d, want 1 (the archive is replaced)\n%s", r.code, r)
	}
	if diff := cmp.Diff(map[string]string{
		"TC001 aws_s3_bucket.archive": report.StatusNew,
		"TC002 aws_s3_bucket.archive": report.StatusNew,
		"TC002 aws_s3_bucket.reports": report.StatusExisting,
	}, findingStatuses(t, r.stdout)); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{
		"TC001 aws_s3_bucket.archive": report.ReasonReplaced,
		"TC002 aws_s3_bucket.archive": report.ReasonReplaced,
	}, findingReasons(t, r.stdout)); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	// The unchanged queue and the updated bucket alone pass.
	r = run(t, "", "check", "--baseline", base, "--fail-on", "critical", "--format", "json", regionMove)
	if r.code != cli.ExitOK {
		t.Errorf("--fail-on critical against its own baseline: exit %d, want 0\n%s", r.code, r)
	}
	// A baseline from another plan: the archive's findings are new.
	other := filepath.Join(dir, "other.json")
	run(t, "", "check", "--format", "json="+other, "../../testdata/scenarios/ministry/plan.json")
	r = run(t, "", "check", "--baseline", other, "--format", "json", regionMove)
	if r.code != cli.ExitFindings {
		t.Fatalf("against another plan's baseline: exit %d, want 1\n%s", r.code, r)
	}
	var news []string
	for k, s := range findingStatuses(t, r.stdout) {
		if s == report.StatusNew {
			news = append(news, k)
		}
	}
	sort.Strings(news)
	if diff := cmp.Diff([]string{"TC001 aws_s3_bucket.archive", "TC002 aws_s3_bucket.archive", "TC002 aws_s3_bucket.reports"}, news); diff != "" {
		t.Errorf("new findings (-want +got):\n%s", diff)
	}
}

// findingReasons maps each new finding with reasons to its reasons,
// joined by "+" (changed ones with what changed: "changed:data_locations").
func findingReasons(t *testing.T, out string) map[string]string {
	t.Helper()
	var rep report.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("check --format json: %v\n%s", err, out)
	}
	got := map[string]string{}
	for _, f := range rep.Findings {
		if f.Status == report.StatusExisting && f.NewBecause != nil {
			t.Errorf("%s %s: existing with reasons to be new %+v", f.Rule, f.Address, f.NewBecause)
		}
		var rs []string
		for _, r := range f.NewBecause {
			if len(r.Changed) > 0 {
				rs = append(rs, r.Reason+":"+strings.Join(r.Changed, ","))
				continue
			}
			rs = append(rs, r.Reason)
		}
		if len(rs) > 0 {
			got[f.Rule+" "+f.Address] = strings.Join(rs, "+")
		}
	}
	return got
}

func summaryOf(t *testing.T, out string) report.Summary {
	t.Helper()
	var rep report.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("check --format json: %v\n%s", err, out)
	}
	return rep.Summary
}

const (
	countOne    = "../../testdata/scenarios/aws-count-one/plan.json"
	countGrowth = "../../testdata/scenarios/aws-count-growth/plan.json"
	countDrift  = "../../testdata/scenarios/aws-count-drift/plan.json"
	importing   = "../../testdata/scenarios/aws-import-existing/plan.json"
	replicaAdd  = "../../testdata/scenarios/aws-dynamodb-replica-added/plan.json"
)

// baselineOf writes the check --format json of a plan and returns its path.
func baselineOf(t *testing.T, planFile string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "baseline.json")
	if r := run(t, "", "check", "--fail-on", "none", "--format", "json="+path, planFile); r.code != cli.ExitOK {
		t.Fatalf("baseline of %s: exit %d\n%s", planFile, r.code, r)
	}
	return path
}

// TestBaselineCountGrowth: a count grown from 1 to 4 against the baseline
// of the one-instance plan. Fingerprints drop count indexes, so the three
// new instances share the accepted finding's fingerprint: they are new all
// the same, being created, and the run fails. --new-only says the same.
func TestBaselineCountGrowth(t *testing.T) {
	base := baselineOf(t, countOne)
	want := map[string]string{}
	reasons := map[string]string{}
	for i := range 4 {
		for _, rule := range []string{"TC001", "TC002"} {
			k := rule + " aws_s3_bucket.exports[" + string(rune('0'+i)) + "]"
			want[k] = report.StatusNew
			if i == 0 {
				want[k] = report.StatusExisting
				continue
			}
			reasons[k] = report.ReasonCreated
		}
	}
	for _, args := range [][]string{{"--baseline", base}, {"--new-only"}, {"--baseline", base, "--new-only"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := run(t, "", append(append([]string{"check", "--format", "json"}, args...), countGrowth)...)
			if r.code != cli.ExitFindings {
				t.Fatalf("exit %d, want 1 (three buckets created)\n%s", r.code, r)
			}
			if diff := cmp.Diff(want, findingStatuses(t, r.stdout)); diff != "" {
				t.Errorf("statuses (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(reasons, findingReasons(t, r.stdout)); diff != "" {
				t.Errorf("reasons (-want +got):\n%s", diff)
			}
			if s := summaryOf(t, r.stdout); s.New != 6 || s.Existing != 2 || s.Findings != 8 || !s.Failed {
				t.Errorf("summary: new %d, existing %d, findings %d, failed %v; want 6, 2, 8, true", s.New, s.Existing, s.Findings, s.Failed)
			}
		})
	}
}

// TestBaselineMultiset: four buckets that existed before (grown outside
// the baseline), only retagged, against a baseline that accepted one. One
// accepted finding covers one finding: the lowest count index, the others
// are new (beyond_baseline). --new-only alone finds nothing new: the plan
// changes none of their inputs.
func TestBaselineMultiset(t *testing.T) {
	base := baselineOf(t, countOne)
	r := run(t, "", "check", "--baseline", base, "--format", "json", countDrift)
	if r.code != cli.ExitFindings {
		t.Fatalf("exit %d, want 1\n%s", r.code, r)
	}
	want, reasons := map[string]string{}, map[string]string{}
	for i := range 4 {
		for _, rule := range []string{"TC001", "TC002"} {
			k := rule + " aws_s3_bucket.exports[" + string(rune('0'+i)) + "]"
			want[k] = report.StatusExisting
			if i > 0 {
				want[k], reasons[k] = report.StatusNew, report.ReasonBeyondBaseline
			}
		}
	}
	if diff := cmp.Diff(want, findingStatuses(t, r.stdout)); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(reasons, findingReasons(t, r.stdout)); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	// The baseline of the same four buckets covers them all.
	if r := run(t, "", "check", "--baseline", baselineOf(t, countDrift), "--format", "json", countDrift); r.code != cli.ExitOK {
		t.Errorf("against its own baseline: exit %d, want 0\n%s", r.code, r)
	}
	r = run(t, "", "check", "--new-only", "--format", "json", countDrift)
	if r.code != cli.ExitOK {
		t.Fatalf("--new-only: exit %d, want 0 (the update changes no input)\n%s", r.code, r)
	}
	if s := summaryOf(t, r.stdout); s.New != 0 || s.Existing != 8 {
		t.Errorf("--new-only summary: new %d, existing %d; want 0, 8", s.New, s.Existing)
	}
}

// TestBaselineSeverity: an accepted finding covers a finding of the same
// fingerprint at its severity or below, never a worse one (a level raised
// keeps the fingerprint).
func TestBaselineSeverity(t *testing.T) {
	base := baselineOf(t, countDrift)
	data, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	// Every TC001 accepted at medium: the high TC001s are beyond it.
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, f := range doc["findings"].([]any) {
		if f := f.(map[string]any); f["rule"] == "TC001" {
			f["severity"] = "medium"
		}
	}
	data, _ = json.Marshal(doc)
	if err := os.WriteFile(base, data, 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "check", "--baseline", base, "--format", "json", countDrift)
	if r.code != cli.ExitFindings {
		t.Fatalf("exit %d, want 1\n%s", r.code, r)
	}
	for k, s := range findingStatuses(t, r.stdout) {
		if want := map[bool]string{true: report.StatusNew, false: report.StatusExisting}[strings.HasPrefix(k, "TC001")]; s != want {
			t.Errorf("%s: %s, want %s", k, s, want)
		}
	}
	for k, why := range findingReasons(t, r.stdout) {
		if why != report.ReasonBeyondBaseline {
			t.Errorf("%s: new because %s, want %s", k, why, report.ReasonBeyondBaseline)
		}
	}
}

// TestImportIsNew: an import block brings an existing object under
// management; its action is a no-op, yet its findings are new under
// --new-only and under a baseline that has them (even its own).
func TestImportIsNew(t *testing.T) {
	want := map[string]string{"TC001 aws_s3_bucket.legacy": report.ReasonImported, "TC002 aws_s3_bucket.legacy": report.ReasonImported}
	for _, args := range [][]string{{"--new-only"}, {"--baseline", baselineOf(t, importing)}} {
		r := run(t, "", append(append([]string{"check", "--format", "json"}, args...), importing)...)
		if r.code != cli.ExitFindings {
			t.Fatalf("%v: exit %d, want 1\n%s", args, r.code, r)
		}
		if diff := cmp.Diff(want, findingReasons(t, r.stdout)); diff != "" {
			t.Errorf("%v: reasons (-want +got):\n%s", args, diff)
		}
	}
	inv := run(t, "", "inventory", "--format", "json", importing)
	if !regexp.MustCompile(`"importing": true`).MatchString(inv.stdout) {
		t.Errorf("inventory --format json does not say the bucket is imported:\n%s", inv.stdout)
	}
}

// TestNewOnlyReplicaAdded: an update that adds a us-east-1 replica to an
// existing table makes a new data flow out of the EU: its TC006 is new, and
// so is the table's TC002 (its data locations changed); the other table,
// only retagged, keeps its TC002 existing.
func TestNewOnlyReplicaAdded(t *testing.T) {
	r := run(t, "", "check", "--new-only", "--format", "json", replicaAdd)
	if r.code != cli.ExitFindings {
		t.Fatalf("exit %d, want 1\n%s", r.code, r)
	}
	if diff := cmp.Diff(map[string]string{
		"TC002 aws_dynamodb_table.archives": report.StatusExisting,
		"TC002 aws_dynamodb_table.cases":    report.StatusNew,
		"TC006 aws_dynamodb_table.cases":    report.StatusNew,
	}, findingStatuses(t, r.stdout)); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{
		"TC002 aws_dynamodb_table.cases": report.ReasonChanged + ":" + report.InputDataLocations,
		"TC006 aws_dynamodb_table.cases": report.ReasonChanged + ":" + report.InputDataLocations,
	}, findingReasons(t, r.stdout)); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	if !strings.Contains(r.stdout, "added replica[1].region_name (replica) known us-east-1") {
		t.Errorf("the reason does not name the added replica:\n%s", r.stdout)
	}
}

func TestBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	notJSON := filepath.Join(dir, "b.json")
	if err := os.WriteFile(notJSON, []byte("[1, 2"), 0o644); err != nil {
		t.Fatal(err)
	}
	inventory := filepath.Join(dir, "inv.json")
	inv := run(t, "", "inventory", "--format", "json", regionMove)
	if err := os.WriteFile(inventory, []byte(inv.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	noSeverity := filepath.Join(dir, "nosev.json")
	if err := os.WriteFile(noSeverity, []byte(`{"format_version":"1","findings":[{"fingerprint":"abc"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ file, want string }{
		{filepath.Join(dir, "missing.json"), "cannot read the baseline"},
		{noSeverity, "$.findings[0].severity"},
		{notJSON, "not a baseline"},
		{inventory, "not a baseline"},
	} {
		r := run(t, "", "check", "--baseline", tc.file, regionMove)
		if r.code != cli.ExitError || !strings.Contains(r.stderr, tc.file) || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("--baseline %s: exit %d, stderr %q; want 2 and %q", tc.file, r.code, r.stderr, tc.want)
		}
	}
}

// TestReportToDevice: writing a report to a device writes into it; the
// atomic rename must never replace /dev/null with a file.
func TestReportToDevice(t *testing.T) {
	before, err := os.Stat(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "check", "--format", "json="+os.DevNull, regionMove)
	if r.code != cli.ExitFindings {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	after, err := os.Stat(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	if after.Mode() != before.Mode() || after.Mode().IsRegular() {
		t.Fatalf("%s changed from %v to %v", os.DevNull, before.Mode(), after.Mode())
	}
}
