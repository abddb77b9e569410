package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
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

// TestNewOnly: a resource replaced because its region changed is new; an
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
	// Same plan against its own baseline: nothing new, the run passes.
	r := run(t, "", "check", "--baseline", base, "--format", "json", regionMove)
	if r.code != cli.ExitOK {
		t.Fatalf("against its own baseline: exit %d, want 0\n%s", r.code, r)
	}
	for k, s := range findingStatuses(t, r.stdout) {
		if s != report.StatusExisting {
			t.Errorf("%s: %s, want existing", k, s)
		}
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
	for _, tc := range []struct{ file, want string }{
		{filepath.Join(dir, "missing.json"), "cannot read the baseline"},
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
