package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/report"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/cli"
)

// decodeReport decodes the JSON output of check, strictly.
func decodeReport(t *testing.T, data string) *report.Report {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(data))
	dec.DisallowUnknownFields()
	var rep report.Report
	if err := dec.Decode(&rep); err != nil {
		t.Fatalf("check --format json output does not decode: %v\n%s", err, data)
	}
	if dec.More() {
		t.Fatalf("check --format json printed more than one JSON value:\n%s", data)
	}
	return &rep
}

// ruleAddr lists the findings as "RULE severity address [waived]".
func ruleAddr(rep *report.Report) []string {
	out := []string{}
	for _, f := range rep.Findings {
		s := f.Rule + " " + string(f.Severity) + " " + f.Address
		if f.Waived {
			s += " waived"
		}
		out = append(out, s)
	}
	return out
}

// failWord matches what Atlantis takes for a failure in a passing run.
var failWord = regexp.MustCompile(`(?i)fail`)

const ansi = "\x1b["

func TestCheckInputErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	invalid := write("invalid.json", "{\n  \"format_version\": \"1.2\",\n  \"resource_changes\": [\n    {\"address\": \"a\",}\n  ]\n}\n")
	truncated := write("truncated.json", "{\n  \"format_version\": \"1.2\",\n  \"resource_changes\": [\n")
	empty := write("empty.json", "")
	blank := write("blank.json", " \n\t\n")
	array := write("array.json", "[]\n")
	state := write("terraform.tfstate", `{"version":3,"terraform_version":"0.11.14","serial":7,"lineage":"d7f0","modules":[]}`)
	v2 := write("v2.json", `{"format_version":"2.0","terraform_version":"9.0.0","resource_changes":[]}`)
	noVersion := write("noversion.json", `{"resource_changes":[]}`)
	wrongType := write("wrongtype.json", `{"format_version":"1.2","resource_changes":{}}`)
	missing := filepath.Join(dir, "missing.json")
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"missing file", []string{"check", missing}, []string{missing + ": cannot read the plan: no such file or directory"}},
		{"directory", []string{"check", dir}, []string{dir + ": cannot read the plan"}},
		{"invalid JSON", []string{"check", invalid}, []string{invalid + ": line 4, column 21: invalid JSON"}},
		{"truncated JSON", []string{"check", truncated}, []string{truncated + ": line 4, column 1: invalid JSON", "truncated"}},
		{"empty file", []string{"check", empty}, []string{empty + ": the file is empty"}},
		{"blank file", []string{"check", blank}, []string{blank + ": the file is empty"}},
		{"not an object", []string{"check", array}, []string{array + ": line 1, column 1: not a Terraform plan"}},
		{"state of format 3", []string{"check", state}, []string{state + ": $.version: state file format version 3", "terraform state pull"}},
		{"unsupported format version", []string{"check", v2}, []string{v2 + ": $.format_version: unsupported plan format version \"2.0\""}},
		{"no format version", []string{"check", noVersion}, []string{noVersion + ": $.format_version: missing"}},
		{"wrong type", []string{"check", wrongType}, []string{wrongType + ": $.resource_changes"}},
		{"inventory, state of format 3", []string{"inventory", state}, []string{state + ": $.version: state file format version 3"}},
		{"inventory, missing file", []string{"inventory", "--format", "json", missing}, []string{missing + ": cannot read the plan"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "", tc.args...)
			if r.code != cli.ExitError || r.stdout != "" {
				t.Fatalf("got %s", r)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q does not contain %q", r.stderr, w)
				}
			}
			if strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("stderr is not one line: %q", r.stderr)
			}
		})
	}
}

// TestCheckBuiltinPlan checks a real plan whose resources have no
// location: the run passes.
func TestCheckBuiltinPlan(t *testing.T) {
	r := run(t, "", "check", builtinPlan)
	if r.code != cli.ExitOK || r.stderr != "" {
		t.Fatalf("got %s", r)
	}
	want := "trustcloud check testdata/builtin/plan.json: policy fr-cloud-au-centre"
	if !strings.HasPrefix(r.stdout, want) {
		t.Errorf("stdout does not start with %q:\n%s", want, r.stdout)
	}
	if !strings.Contains(r.stdout, "PASSED: 5 resources analysed (0 unknown location, 0 no catalog operator): no finding, 0 waived; threshold high") {
		t.Errorf("summary line missing:\n%s", r.stdout)
	}
	if failWord.MatchString(r.stdout + r.stderr) {
		t.Errorf("a passing run says %q:\n%s", failWord.FindString(r.stdout), r)
	}
	if strings.Contains(r.stdout, ansi) {
		t.Errorf("colour escapes in output that is not a terminal:\n%q", r.stdout)
	}

	r = run(t, "", "check", "--format", "json", builtinPlan)
	if r.code != cli.ExitOK {
		t.Fatalf("got %s", r)
	}
	rep := decodeReport(t, r.stdout)
	if rep.Findings == nil || len(rep.Findings) != 0 {
		t.Errorf("findings = %#v, want an empty list", rep.Findings)
	}
	if !strings.Contains(r.stdout, `"findings": []`) {
		t.Errorf("no finding is not written as an empty list:\n%s", r.stdout)
	}
	wantSummary := report.Summary{Resources: 5, Analysed: 5, BySeverity: map[string]int{"info": 0, "low": 0, "medium": 0, "high": 0, "critical": 0},
		ByRule: map[string]int{}, FailOn: "high"}
	if diff := cmp.Diff(wantSummary, rep.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
}

// TestCheckBuiltinPlanAsAWS reads the same plan with a catalog file that
// places terraform_data: findings of three rules, one high.
func TestCheckBuiltinPlanAsAWS(t *testing.T) {
	r := run(t, "", "check", "--catalog", builtinAsAWS, "--format", "json", builtinPlan)
	if r.code != cli.ExitFindings {
		t.Fatalf("got %s", r)
	}
	rep := decodeReport(t, r.stdout)
	// Sorted by address: module.app… comes before terraform_data….
	want := []string{
		"TC002 high module.app.terraform_data.app",
		"TC003 low terraform_data.later",
		`TC001 medium terraform_data.site["virginia"]`,
	}
	if diff := cmp.Diff(want, ruleAddr(rep)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	s := rep.Summary
	if s.Findings != 3 || s.Waived != 0 || s.UnknownLocation != 1 || !s.Failed ||
		!cmp.Equal(s.BySeverity, map[string]int{"info": 0, "low": 1, "medium": 1, "high": 1, "critical": 0}) ||
		!cmp.Equal(s.ByRule, map[string]int{"TC001": 1, "TC002": 1, "TC003": 1}) {
		t.Errorf("summary = %+v", s)
	}
}

func TestCheckWaivers(t *testing.T) {
	args := []string{"check", "--catalog", builtinAsAWS, "--policy", "testdata/policies/waivers.hcl", builtinPlan}
	r := run(t, "", append(args, "--format", "json")...)
	if r.code != cli.ExitFindings {
		t.Fatalf("got %s", r)
	}
	rep := decodeReport(t, r.stdout)
	want := []string{
		"TC002 high module.app.terraform_data.app",
		"TC007 high module.app.terraform_data.app",
		"TC003 low terraform_data.later",
		`TC001 medium terraform_data.site["virginia"] waived`,
	}
	if diff := cmp.Diff(want, ruleAddr(rep)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if w := rep.Findings[3].Waiver; w == nil || w.ID != "DER-2026-001" || w.Expired || w.Expires != "2099-12-31" {
		t.Errorf("waiver of the waived finding = %+v", w)
	}
	for _, i := range []int{0, 1} {
		if w := rep.Findings[i].Waiver; w == nil || w.ID != "DER-2020-007" || !w.Expired || rep.Findings[i].Waived {
			t.Errorf("%s: waiver = %+v", rep.Findings[i].Rule, w)
		}
	}
	if rep.Summary.Findings != 3 || rep.Summary.Waived != 1 || rep.Summary.BySeverity["medium"] != 0 || rep.Summary.ByRule["TC001"] != 0 {
		t.Errorf("summary counts the waived finding: %+v", rep.Summary)
	}
	if rep.Policy == nil || rep.Policy.File != "testdata/policies/waivers.hcl" || rep.Policy.Profile != "fr-cloud-au-centre" {
		t.Errorf("policy = %+v", rep.Policy)
	}

	r = run(t, "", args...)
	for _, want := range []string{
		"\n  terraform_data.site[\"virginia\"]  [internal; aws us-east-1, US]  ",
		"testdata/builtin/main.tf:20\n    why: level internal: policy default level internal; location: input = \"us-east-1\"\n",
		"\n    WAIVED TC001 non-eu-region: ",
		"waiver DER-2026-001 until 2099-12-31, approved by CISO: Replica in Virginia",
		"\n  module.app.terraform_data.app  [sensitive; aws eu-west-3, FR]",
		"\n    HIGH TC007 waiver-expired: ",
		"trustcloud check testdata/builtin/plan.json: policy testdata/policies/waivers.hcl",
		"3 findings (2 high, 1 low), 1 waived",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text output does not contain %q:\n%s", want, r.stdout)
		}
	}
}

func TestCheckStdin(t *testing.T) {
	data, err := os.ReadFile(builtinPlan)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("plan", func(t *testing.T) {
		r := run(t, string(data), "check", "--format", "json", "-")
		if r.code != cli.ExitOK {
			t.Fatalf("got %s", r)
		}
		rep := decodeReport(t, r.stdout)
		if rep.Plan.File != "<stdin>" || rep.Summary.Analysed != 5 {
			t.Errorf("plan = %+v, summary = %+v", rep.Plan, rep.Summary)
		}
	})
	t.Run("inventory", func(t *testing.T) {
		r := run(t, string(data), "inventory", "-")
		if r.code != cli.ExitOK || !strings.Contains(r.stdout, "module.app.terraform_data.app") {
			t.Errorf("got %s", r)
		}
	})
	t.Run("empty", func(t *testing.T) {
		r := run(t, "", "check", "-")
		if r.code != cli.ExitError || !strings.Contains(r.stderr, "<stdin>: the file is empty") {
			t.Errorf("got %s", r)
		}
	})
	t.Run("binary plan on stdin", func(t *testing.T) {
		r := run(t, "PK\x03\x04rest of a zip", "check", "-")
		if r.code != cli.ExitError || !strings.Contains(r.stderr, "<stdin>: this is a binary plan file") {
			t.Errorf("got %s", r)
		}
	})
}

// TestCheckFlagPlacement: flags may come before or after the plan, and
// "--" ends the flags.
func TestCheckFlagPlacement(t *testing.T) {
	cases := [][]string{
		{"check", "--format", "json", "--fail-on", "low", "--catalog", builtinAsAWS, builtinPlan},
		{"check", builtinPlan, "--format", "json", "--fail-on", "low", "--catalog", builtinAsAWS},
		{"check", "--format=json", builtinPlan, "--fail-on=low", "-catalog", builtinAsAWS},
		{"check", "--format", "json", "--fail-on", "low", "--catalog", builtinAsAWS, "--", builtinPlan},
	}
	for _, args := range cases {
		t.Run(strings.Join(args[1:], " "), func(t *testing.T) {
			r := run(t, "", args...)
			if r.code != cli.ExitFindings {
				t.Fatalf("got %s", r)
			}
			rep := decodeReport(t, r.stdout)
			if rep.Summary.FailOn != "low" || rep.Summary.Findings != 3 {
				t.Errorf("summary = %+v", rep.Summary)
			}
		})
	}
}

func TestCheckFormatToFile(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "report.json")
	text := filepath.Join(dir, "report.txt")
	// A stale report is replaced.
	if err := os.WriteFile(report, []byte("stale"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"check", "--catalog", builtinAsAWS, builtinPlan}
	r := run(t, "", append(args, "--format", "text", "--format", "json="+report, "--format", "text="+text)...)
	if r.code != cli.ExitFindings {
		t.Fatalf("got %s", r)
	}
	stdoutText := run(t, "", args...)
	if r.stdout != stdoutText.stdout {
		t.Errorf("text on stdout differs from a run with text only:\n%s", cmp.Diff(stdoutText.stdout, r.stdout))
	}
	gotJSON, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	stdoutJSON := run(t, "", append(args, "--format", "json")...)
	if string(gotJSON) != stdoutJSON.stdout {
		t.Errorf("json file differs from json on stdout:\n%s", cmp.Diff(stdoutJSON.stdout, string(gotJSON)))
	}
	decodeReport(t, string(gotJSON))
	gotText, err := os.ReadFile(text)
	if err != nil {
		t.Fatal(err)
	}
	if string(gotText) != stdoutText.stdout {
		t.Errorf("text file differs from text on stdout:\n%s", cmp.Diff(stdoutText.stdout, string(gotText)))
	}
	// Nothing else is left in the directory: no temporary file.
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if diff := cmp.Diff([]string{"report.json", "report.txt"}, names); diff != "" {
		t.Errorf("files in the output directory (-want +got):\n%s", diff)
	}

	t.Run("json only to a file: stdout stays empty", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "r.json")
		r := run(t, "", "check", "--format", "json="+p, builtinPlan)
		// Never silent: the verdict and where the report went, on stderr.
		if r.code != cli.ExitOK || r.stdout != "" || !strings.HasPrefix(r.stderr, "trustcloud: PASSED: ") ||
			!strings.HasSuffix(r.stderr, "; reports: json in "+p+"\n") || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("got %s", r)
		}
		if _, err := os.Stat(p); err != nil {
			t.Error(err)
		}
	})
}

func TestCheckFormatToMissingDirectory(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "missing", "report.json")
	r := run(t, "", "check", "--format", "json="+p, builtinPlan)
	if r.code != cli.ExitError || r.stdout != "" {
		t.Fatalf("got %s", r)
	}
	if !strings.Contains(r.stderr, p+": cannot write the report") {
		t.Errorf("stderr %q does not name %s", r.stderr, p)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing")); !os.IsNotExist(err) {
		t.Errorf("the missing directory was created (or: %v)", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("files left behind: %v", entries)
	}
}

// TestCheckFailOn uses a plan whose only findings are medium.
func TestCheckFailOn(t *testing.T) {
	plan := corpusPlan(t, planAWSGoogle)
	cases := []struct {
		flags  []string
		code   int
		failOn string
	}{
		{nil, cli.ExitOK, "high"},
		{[]string{"--fail-on", "high"}, cli.ExitOK, "high"},
		{[]string{"--fail-on", "critical"}, cli.ExitOK, "critical"},
		{[]string{"--fail-on", "medium"}, cli.ExitFindings, "medium"},
		{[]string{"--fail-on", "MEDIUM"}, cli.ExitFindings, "medium"},
		{[]string{"--fail-on", "HIGH"}, cli.ExitOK, "high"},
		{[]string{"--fail-on", "low"}, cli.ExitFindings, "low"},
		{[]string{"--fail-on", "info"}, cli.ExitFindings, "info"},
		{[]string{"--fail-on", "none"}, cli.ExitOK, "none"},
		{[]string{"--fail-on", "None"}, cli.ExitOK, "none"},
	}
	for _, tc := range cases {
		t.Run(strings.Join(append([]string{"fail-on"}, tc.flags...), " "), func(t *testing.T) {
			r := run(t, "", append(append([]string{"check", plan}, tc.flags...), "--format", "json")...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d: %s", r.code, tc.code, r)
			}
			rep := decodeReport(t, r.stdout)
			s := rep.Summary
			// Four resources outside the EU (TC001, medium at internal);
			// an autoscaling group whose availability zone is in another
			// region than its provider's: a conflict, unknown (TC003,
			// low); two AWS resources placed by their provider's region,
			// which plan JSON alone cannot verify (TC003, low); the
			// bucket's logging and replication blocks, unknown at plan
			// time, which a dynamic block invisible in plan JSON could
			// write (TC006, low).
			if s.FailOn != tc.failOn || s.Failed != (tc.code == cli.ExitFindings) || s.Findings != 9 || s.BySeverity["medium"] != 4 || s.BySeverity["low"] != 5 || s.ByRule["TC006"] != 2 {
				t.Errorf("summary = %+v", s)
			}
			text := run(t, "", append([]string{"check", plan}, tc.flags...)...)
			if text.code != tc.code {
				t.Errorf("text run: exit %d, want %d", text.code, tc.code)
			}
			verdict := "PASSED: "
			if tc.code == cli.ExitFindings {
				verdict = "FAILED: "
			}
			if !strings.Contains(text.stdout, "\n"+verdict) || !strings.HasSuffix(text.stdout, "threshold "+tc.failOn+"\n") {
				t.Errorf("text output does not end with the %s verdict and threshold %s:\n%s", verdict, tc.failOn, text.stdout)
			}
			if tc.code == cli.ExitOK && failWord.MatchString(text.stdout+text.stderr) {
				t.Errorf("a passing run says %q:\n%s", failWord.FindString(text.stdout+text.stderr), text)
			}
			if tc.failOn == "none" {
				if !strings.Contains(text.stderr, "9 finding(s) reported, ignored for the exit code") {
					t.Errorf("stderr does not say the findings are ignored: %q", text.stderr)
				}
			} else if text.stderr != "" {
				t.Errorf("stderr = %q", text.stderr)
			}
		})
	}
}

// TestCheckHighFindings: with every resource sensitive, the same plan
// fails at the default threshold.
func TestCheckHighFindings(t *testing.T) {
	plan := corpusPlan(t, planAWSGoogle)
	r := run(t, "", "check", "--policy", "testdata/policies/sensitive-default.hcl", plan)
	if r.code != cli.ExitFindings || !strings.Contains(r.stdout, "\nFAILED: ") {
		t.Fatalf("got %s", r)
	}
	r = run(t, "", "check", "--policy", "testdata/policies/sensitive-default.hcl", "--fail-on", "critical", "--format", "json", plan)
	if r.code != cli.ExitOK {
		t.Fatalf("got %s", r)
	}
	rep := decodeReport(t, r.stdout)
	// TC002: the four located resources, and the one whose location is
	// unknown, whose operator has no qualified offer anywhere.
	if rep.Summary.BySeverity["high"] == 0 || rep.Summary.ByRule["TC001"] != 4 || rep.Summary.ByRule["TC002"] != 5 || rep.Summary.ByRule["TC003"] != 3 {
		t.Errorf("summary = %+v", rep.Summary)
	}
}

func TestCheckPolicyErrors(t *testing.T) {
	cases := []struct {
		name, file string
		want       []string
	}{
		{"bad severity", "testdata/policies/bad-severity.hcl", []string{"testdata/policies/bad-severity.hcl:4,14: Invalid severity", `"urgent"`}},
		{"syntax", "testdata/policies/syntax.hcl", []string{"testdata/policies/syntax.hcl:2,13: "}},
		{"missing", "testdata/policies/missing.hcl", []string{"testdata/policies/missing.hcl: Cannot read policy file", "policy init"}},
	}
	for _, tc := range cases {
		for _, cmd := range []string{"check", "inventory"} {
			t.Run(cmd+" "+tc.name, func(t *testing.T) {
				r := run(t, "", cmd, "--policy", tc.file, builtinPlan)
				if r.code != cli.ExitError || r.stdout != "" {
					t.Fatalf("got %s", r)
				}
				for _, w := range tc.want {
					if !strings.Contains(r.stderr, w) {
						t.Errorf("stderr %q does not contain %q", r.stderr, w)
					}
				}
			})
		}
	}
}

func TestCheckCatalogErrors(t *testing.T) {
	cases := []struct {
		name, file string
		want       []string
	}{
		{"bad country", "testdata/catalog/bad-country.json", []string{"testdata/catalog/bad-country.json: $.regions[0].country:", `"ZZ"`}},
		{"truncated", "testdata/catalog/truncated.json", []string{"testdata/catalog/truncated.json: line 4, column 1: invalid JSON"}},
		{"missing", "testdata/catalog/missing.json", []string{"testdata/catalog/missing.json: ", "no such file or directory"}},
	}
	for _, tc := range cases {
		for _, args := range [][]string{{"check", builtinPlan}, {"inventory", builtinPlan}, {"catalog", "regions"}} {
			t.Run(args[0]+" "+tc.name, func(t *testing.T) {
				r := run(t, "", append(args, "--catalog", tc.file)...)
				if r.code != cli.ExitError || r.stdout != "" {
					t.Fatalf("got %s", r)
				}
				for _, w := range tc.want {
					if !strings.Contains(r.stderr, w) {
						t.Errorf("stderr %q does not contain %q", r.stderr, w)
					}
				}
			})
		}
	}
}

// TestCheckJSONContract reads the JSON output of check as a script would,
// without the Go types.
func TestCheckJSONContract(t *testing.T) {
	r := run(t, "", "check", "--format", "json", corpusPlan(t, planAWSGoogle))
	if r.code != cli.ExitOK {
		t.Fatalf("got %s", r)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["format_version"] != "1" {
		t.Errorf("format_version = %v", doc["format_version"])
	}
	findings, ok := doc["findings"].([]any)
	if !ok || len(findings) != 9 {
		t.Fatalf("findings = %v", doc["findings"])
	}
	var addrs []string
	for _, x := range findings {
		f := x.(map[string]any)
		requireKeys(t, "finding", f, "rule", "severity", "address", "message", "location", "sensitivity", "waived", "waiver")
		wantRule, wantSeverity := "TC001", "medium"
		if f["address"] == "aws_autoscaling_group.example" || f["rule"] == "TC003" {
			// The autoscaling group's zone (us-east-1a) is not in its
			// provider's region (us-west-2): a conflict, an unknown
			// location. The others' provider region is only inferred
			// from plan JSON.
			wantRule, wantSeverity = "TC003", "low"
		}
		if f["rule"] == "TC006" {
			// The bucket's flow blocks, unknown at plan time: where a
			// dynamic block could send the data is not known.
			wantRule, wantSeverity = "TC006", "low"
			requireKeys(t, "finding data location", f["data_location"].(map[string]any), "status", "attribute", "flow", "evidence")
		}
		if f["rule"] != wantRule || f["severity"] != wantSeverity || f["waived"] != false || f["waiver"] != nil {
			t.Errorf("finding = %v", f)
		}
		requireKeys(t, "finding location", f["location"].(map[string]any), "status", "region", "country", "eu", "evidence")
		requireKeys(t, "finding sensitivity", f["sensitivity"].(map[string]any), "level", "evidence")
		addrs = append(addrs, f["address"].(string))
	}
	if !slices.IsSorted(addrs) {
		t.Errorf("findings not sorted by address: %v", addrs)
	}
	if !slices.Contains(addrs, "google_storage_bucket.example") || !slices.Contains(addrs, "aws_s3_bucket.example") {
		t.Errorf("addresses = %v", addrs)
	}
	summary, ok := doc["summary"].(map[string]any)
	if !ok {
		t.Fatalf("summary = %v", doc["summary"])
	}
	requireKeys(t, "summary", summary, "resources", "analysed", "findings", "waived", "by_severity", "fail_on", "failed")
	want := map[string]any{"resources": 5.0, "analysed": 5.0, "findings": 9.0, "waived": 0.0, "fail_on": "high", "failed": false,
		"by_severity": map[string]any{"info": 0.0, "low": 5.0, "medium": 4.0, "high": 0.0, "critical": 0.0}}
	for k, v := range want {
		if !cmp.Equal(v, summary[k]) {
			t.Errorf("summary.%s = %v, want %v", k, summary[k], v)
		}
	}
}

func requireKeys(t *testing.T, what string, m map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("%s has no key %q: %v", what, k, m)
		}
	}
}

// TestCheckCorpusPassingRunsNeverSayFail runs check on every plan of the
// corpus: no input error, and a passing run never prints "fail" (in any
// case: Atlantis reads that as a failure) unless the plan itself has it
// (resource names are the user's).
func TestCheckCorpusPassingRunsNeverSayFail(t *testing.T) {
	dir := corpusDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 15 {
		t.Fatalf("TRUSTCLOUD_CORPUS=%s holds %d plans; expected the shared corpus", dir, len(files))
	}
	passing := 0
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			checkPlanRun(t, f, "")
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if failWord.Match(data) {
				return
			}
			for _, flags := range [][]string{nil, {"--fail-on", "none"}} {
				r := run(t, "", append([]string{"check", f}, flags...)...)
				if r.code == cli.ExitOK {
					passing++
					if failWord.MatchString(r.stdout + r.stderr) {
						t.Errorf("passing run %v says %q:\n%s", flags, failWord.FindString(r.stdout+r.stderr), r)
					}
				}
			}
		})
	}
	if passing == 0 {
		t.Error("no passing run in the corpus: the assertion above checked nothing")
	}
}

// TestCheckScenarios runs check on the scenario plans of the repository.
func TestCheckScenarios(t *testing.T) {
	for plan, pol := range scenarioPlans(t) {
		t.Run(filepath.Base(filepath.Dir(plan)), func(t *testing.T) {
			checkPlanRun(t, plan, pol)
		})
	}
}

// checkPlanRun checks the invariants of any run of check on a valid plan:
// exit 0 or 1 matching summary.failed, JSON and text agreeing, sorted
// findings, counts that add up, no colour.
func checkPlanRun(t *testing.T, plan, pol string) {
	t.Helper()
	args := []string{"check", plan}
	if pol != "" {
		args = append(args, "--policy", pol)
	}
	r := run(t, "", append(args, "--format", "json")...)
	if r.code == cli.ExitError {
		t.Fatalf("input error on a real plan: %s", r)
	}
	rep := decodeReport(t, r.stdout)
	s := rep.Summary
	if s.Failed != (r.code == cli.ExitFindings) {
		t.Errorf("exit %d but summary.failed = %v", r.code, s.Failed)
	}
	if s.Analysed > s.Resources || s.UnknownLocation > s.Analysed {
		t.Errorf("summary = %+v", s)
	}
	n, waived, bySev := 0, 0, 0
	for i, f := range rep.Findings {
		if f.Waived {
			waived++
		} else {
			n++
		}
		if i > 0 {
			p := rep.Findings[i-1]
			if p.Address > f.Address || p.Address == f.Address && p.Rule > f.Rule {
				t.Errorf("findings not sorted: %s %s before %s %s", p.Address, p.Rule, f.Address, f.Rule)
			}
		}
	}
	for _, c := range s.BySeverity {
		bySev += c
	}
	if n != s.Findings || waived != s.Waived || bySev != s.Findings {
		t.Errorf("summary %+v does not count the %d findings and %d waived", s, n, waived)
	}
	text := run(t, "", args...)
	if text.code != r.code {
		t.Errorf("text run exits %d, json run %d", text.code, r.code)
	}
	if strings.Contains(text.stdout, ansi) {
		t.Errorf("colour escapes in output that is not a terminal")
	}
	for _, f := range rep.Findings {
		// The resource's line, then its findings under it.
		if !strings.Contains(text.stdout, "\n  "+f.Address+"  [") || !strings.Contains(text.stdout, " "+f.Rule+" "+f.Name+": ") {
			t.Errorf("text output does not list %s on %s", f.Rule, f.Address)
		}
	}
}

// TestCheckWarnings: a module input that names no level is reported on
// stderr, and the run goes on.
func TestCheckWarnings(t *testing.T) {
	const plan = "testdata/warning/plan.json"
	// A module input that is not a level judges the module at the
	// unclassified level (sensitive) and is a TC012 finding in the
	// reports: nothing goes to stderr only.
	for _, args := range [][]string{{"check", "--catalog", builtinAsAWS, plan}, {"inventory", plan}, {"check", "--catalog", builtinAsAWS, "--format", "json", plan}} {
		r := run(t, "", args...)
		if withoutSummary(r.stderr) != "" || r.code == cli.ExitError {
			t.Errorf("%v: got %s", args, r)
		}
		if !strings.Contains(r.stdout, `data_sensitivity = \"top-secret\" is not a sensitivity level of the policy`) &&
			!strings.Contains(r.stdout, `data_sensitivity = "top-secret" is not a sensitivity level of the policy`) {
			t.Errorf("%v: the unreadable input is not in the report:\n%s", args, r.stdout)
		}
	}
	r := run(t, "", "check", "--catalog", builtinAsAWS, "--format", "json", plan)
	if diff := cmp.Diff([]string{"TC002 high module.store.terraform_data.store", "TC012 high module.store.terraform_data.store"}, ruleAddr(decodeReport(t, r.stdout))); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	// With an alias for the word, no warning, and the level applies.
	pol := filepath.Join(t.TempDir(), "alias.hcl")
	if err := os.WriteFile(pol, []byte("classification {\n  aliases = { \"top-secret\" = \"restricted\" }\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = run(t, "", "check", "--policy", pol, "--catalog", builtinAsAWS, "--format", "json", plan)
	if r.code != cli.ExitFindings || withoutSummary(r.stderr) != "" {
		t.Fatalf("got %s", r)
	}
	if diff := cmp.Diff([]string{"TC002 critical module.store.terraform_data.store"}, ruleAddr(decodeReport(t, r.stdout))); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestCheckFormatOntoDirectory: a report path that is a directory is an
// error that names it, and leaves no temporary file.
func TestCheckFormatOntoDirectory(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "reports")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "check", "--format", "json="+target, builtinPlan)
	if r.code != cli.ExitError || !strings.Contains(r.stderr, target+": cannot write the report") {
		t.Fatalf("got %s", r)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left behind: %v", entries)
	}
}

// TestCheckNothingOnStderrOnly: on every plan of the corpus and every
// scenario, a run that analysed the plan writes nothing on stderr but its
// one-line verdict: what changes how a resource is judged is a finding or
// a note of the report, never a warning only the console sees.
func TestCheckNothingOnStderrOnly(t *testing.T) {
	corpus, err := filepath.Glob(filepath.Join(corpusDir(t), "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	scenarios, err := filepath.Glob("../../testdata/scenarios/*/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(scenarios) < 30 {
		t.Fatalf("%d scenario plans", len(scenarios))
	}
	// testdata/warning's module input is not a level: a stderr warning
	// before TC012.
	for _, f := range append(append(corpus, scenarios...), "testdata/warning/plan.json") {
		r := run(t, "", "check", "--no-config", "--format", "json", f)
		if r.code == cli.ExitError {
			continue // an input error is for stderr
		}
		if withoutSummary(r.stderr) != "" {
			t.Errorf("%s: stderr %q: it is not in the report", f, r.stderr)
		}
	}
}

// TestCheckTextSaysWhyNew: with --new-only, the text report says why each
// finding is new (created, imported, an input changed), as JSON does.
func TestCheckTextSaysWhyNew(t *testing.T) {
	r := run(t, "", "check", "--new-only", "--fail-on", "none", "--no-config", "../../testdata/scenarios/aws-import-existing/plan.json")
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "new: imported") {
		t.Errorf("got %s", r)
	}
}
