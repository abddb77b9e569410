package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/golden"
	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/rules"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// testNow is when the test reports are evaluated: waivers expiring before
// it have expired.
var testNow = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// scenarioCase builds a report from a real plan of testdata/scenarios, as
// `trustcloud check` does.
type scenarioCase struct {
	// name is the golden directory.
	name string
	// scenario is the directory under testdata/scenarios.
	scenario string
	// policy is a policy file relative to this package; "" for the
	// default profile.
	policy string
	failOn string
	// sources point findings of these addresses at a .tf line, as
	// --config-dir would; the others point at the plan file.
	sources map[string]SourceRef
	// existing lists rule@address findings a baseline already had.
	existing []string
	// now is when the report is made (testNow when zero).
	now time.Time
	// inline reads the waiver comments of the scenario's .tf files, as
	// check does from the sources.
	inline bool
}

// scenarioCases are the reports of the golden tests:
//   - ministry: several clouds, a waiver in force (waived TC002), an expired
//     one (TC001 kept, TC007 added), a finding marked existing by hand, a
//     location only inferred from plan JSON (TC003 on an outscale module
//     resource), and source lines for the root resources; exit 1;
//   - aws-dynamodb-global-table: TC002 and a cross-border replica (TC006),
//     no configuration given, so findings point at the plan file; exit 1;
//   - policy-module-glob: a policy module glob makes two modules sensitive,
//     five TC002 at high under a critical threshold: a passing report with
//     findings, sources in module files;
//   - s3ns-premi3ns: sensitive data on a qualified offer: no finding;
//   - rule-control: a policy that disables TC004, lowers TC002 at
//     sensitive and allows inline waivers; the header lists the disabled
//     rule and every inline waiver (in force, expired, refused …).
var scenarioCases = []scenarioCase{
	{
		name: "ministry", scenario: "ministry", policy: "testdata/policies/ministry-waivers.hcl", failOn: "high",
		sources: map[string]SourceRef{
			"aws_s3_bucket.grant_applications": {File: "testdata/scenarios/ministry/main.tf", Line: 96},
			"aws_sqs_queue.analytics_export":   {File: "testdata/scenarios/ministry/main.tf", Line: 103},
		},
		existing: []string{"TC002@aws_sqs_queue.analytics_export"},
	},
	{name: "aws-dynamodb-global-table", scenario: "aws-dynamodb-global-table", failOn: "high"},
	{
		name: "policy-module-glob", scenario: "policy-module-glob", policy: "../../testdata/scenarios/policy-module-glob/policy.hcl", failOn: "critical",
		sources: map[string]SourceRef{
			"module.health_records.aws_kms_key.this":     {File: "testdata/scenarios/policy-module-glob/modules/records/main.tf", Line: 13},
			"module.health_records.aws_s3_bucket.this":   {File: "testdata/scenarios/policy-module-glob/modules/records/main.tf", Line: 18},
			"module.health_records.aws_db_instance.this": {File: "testdata/scenarios/policy-module-glob/modules/records/main.tf", Line: 22},
			"module.health_api.aws_sqs_queue.requests":   {File: "testdata/scenarios/policy-module-glob/modules/api/main.tf", Line: 13},
		},
	},
	{name: "s3ns-premi3ns", scenario: "s3ns-premi3ns", failOn: "high"},
	{name: "rule-control", scenario: "rule-control", policy: "../../testdata/scenarios/rule-control/policy.hcl", failOn: "high", inline: true},
}

// build makes the case's report through planfile.Load, inventory.Build,
// rules.Evaluator and Summarize.
func (c scenarioCase) build(t *testing.T) *Report {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	// On the suite's clock: on testNow, the day after it expired, Outscale's
	// qualification is TC009 in the ministry's reports.
	now := testNow
	if !c.now.IsZero() {
		now = c.now
	}
	cat = cat.WithClock(func() time.Time { return now })
	pol := policy.Default()
	if c.policy != "" {
		src, err := os.ReadFile(c.policy)
		if err != nil {
			t.Fatal(err)
		}
		// Name the policy as a user at the repository root would.
		var diags []string
		p, ds := policy.Parse(repoPath(c.policy), src)
		for _, d := range ds {
			diags = append(diags, d.Error())
		}
		if ds.HasErrors() {
			t.Fatalf("policy %s: %s", c.policy, strings.Join(diags, "; "))
		}
		pol = p
	}
	planFile := filepath.Join("..", "..", "testdata", "scenarios", c.scenario, "plan.json")
	p, _, err := planfile.Load(planFile, planfile.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	inv, _ := inventory.Build(p, repoPath(planFile), cat, pol)
	ev := &rules.Evaluator{Catalog: cat, Policy: pol, Now: func() time.Time { return now }}
	if c.inline {
		dir := filepath.Join("..", "..", "testdata", "scenarios", c.scenario)
		cfg, err := tfconfig.LoadDir(dir, tfconfig.Terraform)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Root = repoPath(filepath.ToSlash(dir))
		ev.Inline = rules.InlineWaivers(cfg.WaiverComments(), pol, now)
	}
	r := &Report{
		FormatVersion: FormatVersion, Tool: Tool{Name: "trustcloud", Version: "v0.0.0-test"},
		Catalog: inv.Catalog, Policy: inv.Policy, Plan: inv.Plan, Findings: []*Finding{},
		DisabledRules: rules.DisabledRules(pol), InlineWaivers: ev.Inline,
		// The check's clock and machine, fixed for the goldens (JUnit).
		Inventory: inv, Options: Options{PlanFile: inv.Plan.File, Started: now, Finished: now.Add(1250 * time.Millisecond), Hostname: "ci-runner"},
	}
	marked := map[string]bool{}
	for _, f := range ev.Evaluate(inv) {
		rf := &Finding{Finding: f, Fingerprint: Fingerprint(f), Status: StatusNew}
		if src, ok := c.sources[f.Address]; ok {
			rf.Source = &SourceRef{File: src.File, Line: src.Line}
		}
		for _, e := range c.existing {
			if e == f.Rule+"@"+f.Address {
				rf.Status = StatusExisting
				marked[e] = true
			}
		}
		r.Findings = append(r.Findings, rf)
	}
	for _, e := range c.existing {
		if !marked[e] {
			t.Fatalf("%s: no finding %s to mark existing: has the scenario changed?", c.name, e)
		}
	}
	r.Summary = Summarize(inv, r.Findings, c.failOn)
	// Ten days after the catalog's date, whatever it is: fresh.
	asOf, err := time.Parse(time.DateOnly, inv.Catalog.AsOf)
	if err != nil {
		t.Fatalf("catalog as_of: %v", err)
	}
	r.Freshness = NewFreshness(inv.Catalog, asOf.AddDate(0, 0, 10))
	return r
}

// TestQualificationFindingsInEveryFormat: an expired qualification (the
// day after Outscale's, 2026-11-30) and one expiring within the window (a
// week before) are in every report format, with the expiry date.
func TestQualificationFindingsInEveryFormat(t *testing.T) {
	for _, c := range []struct {
		now        time.Time
		rule, name string
	}{
		{testNow, "TC009", "qualification-expired"},
		{time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC), "TC010", "qualification-expiring"},
	} {
		r := scenarioCase{name: "ministry", scenario: "ministry", failOn: "high", now: c.now}.build(t)
		n := 0
		for _, f := range r.Findings {
			if f.Rule == c.rule {
				n++
			}
		}
		if n != 3 {
			t.Fatalf("%s: %d %s findings, want 3 (the ministry's Outscale resources)", c.now.Format(time.DateOnly), n, c.rule)
		}
		for _, format := range Names() {
			out := string(renderFormat(t, format, r))
			if !strings.Contains(out, c.rule) && !strings.Contains(out, c.name) {
				t.Errorf("%s: the %s report names neither %s nor %s", c.now.Format(time.DateOnly), format, c.rule, c.name)
			}
			if !strings.Contains(out, "2026-11-30") {
				t.Errorf("%s: the %s report does not give the expiry date 2026-11-30", c.now.Format(time.DateOnly), format)
			}
		}
	}
}

// repoPath turns a path relative to this package into one relative to the
// repository root, as reports show it when trustcloud runs there.
func repoPath(p string) string {
	if rest, ok := strings.CutPrefix(filepath.ToSlash(p), "../../"); ok {
		return rest
	}
	return "internal/report/" + filepath.ToSlash(p)
}

// renderFormat writes a report in a format.
func renderFormat(t *testing.T, format string, r *Report) []byte {
	t.Helper()
	f, ok := Formats[format]
	if !ok {
		t.Fatalf("format %q is not registered", format)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf, r); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return buf.Bytes()
}

// checkFormatGolden compares got with testdata/golden/CASE/FORMAT+EXT, or
// rewrites it with -update (make golden).
func checkFormatGolden(t *testing.T, caseName, format string, got []byte) {
	t.Helper()
	golden.Assert(t, filepath.Join("testdata", "golden", caseName, format+Formats[format].Ext), got)
}

// eachScenario renders every scenario report in a format, checks it
// against its golden file, and hands it to check.
func eachScenario(t *testing.T, format string, check func(t *testing.T, r *Report, out []byte)) {
	for _, c := range scenarioCases {
		t.Run(c.name, func(t *testing.T) {
			r := c.build(t)
			out := renderFormat(t, format, r)
			checkFormatGolden(t, c.name, format, out)
			check(t, r, out)
		})
	}
}

// TestScenarioReports checks that the scenario reports hold what the
// golden tests mean to cover, so that a change of the rules or catalog
// cannot silently empty them.
func TestScenarioReports(t *testing.T) {
	type want struct {
		findings, newF, existing, waived int
		failed                           bool
	}
	wants := map[string]want{
		"ministry":                  {findings: 11, newF: 10, existing: 1, waived: 1, failed: true},
		"aws-dynamodb-global-table": {findings: 3, newF: 3, failed: true},
		"policy-module-glob":        {findings: 7, newF: 7},
		"s3ns-premi3ns":             {},
		"rule-control":              {findings: 10, newF: 10, waived: 1, failed: true},
	}
	for _, c := range scenarioCases {
		r := c.build(t)
		s := r.Summary
		got := want{s.Findings, s.New, s.Existing, s.Waived, s.Failed}
		if diff := cmp.Diff(wants[c.name], got, cmp.AllowUnexported(want{})); diff != "" {
			t.Errorf("%s: summary (-want +got):\n%s", c.name, diff)
		}
	}
}

func TestFormatsRegistered(t *testing.T) {
	want := map[string]string{"sarif": ".sarif", "junit": ".xml", "gitlab": ".json", "markdown": ".md", "github": ".txt"}
	for name, ext := range want {
		f, ok := Formats[name]
		if !ok {
			t.Errorf("format %s is not registered", name)
			continue
		}
		if f.Name != name || f.Ext != ext || f.Write == nil {
			t.Errorf("format %s: name %q, ext %q, write set %v; want ext %q", name, f.Name, f.Ext, f.Write != nil, ext)
		}
	}
}

// syntheticReport is a report of n findings on n resources, cycling
// through severities and statuses, every fifth waived, with long
// messages: for size limits and escaping.
func syntheticReport(n int, failOn string) *Report {
	sevs := policy.Severities
	inv := &inventory.Inventory{}
	var fs []*Finding
	aws := "aws"
	us := "US"
	for i := range n {
		addr := "aws_s3_bucket.b" + strings.Repeat("x", i%7) + "[" + strconv.Itoa(i) + "]"
		res := &inventory.Resource{Address: addr, Type: "aws_s3_bucket", Mode: "managed", Actions: []string{"create"}, Operator: &aws,
			Location:    inventory.Location{Status: inventory.StatusKnown, Region: "us-east-1", Country: &us, InCatalog: true},
			Sensitivity: inventory.Sensitivity{Level: "sensitive"}}
		inv.Resources = append(inv.Resources, res)
		rf := &rules.Finding{Rule: "TC001", Name: "non-eu-region", Severity: sevs[i%len(sevs)], Address: addr, Type: res.Type,
			Message:     i18n.Plain(addr + " is in us-east-1 (US), outside the area allowed at level sensitive (EU) " + strings.Repeat("and more words ", 10)),
			Remediation: "Deploy " + addr + " in a region located in EU.", Operator: &aws, Location: &res.Location, Sensitivity: &res.Sensitivity}
		if i%5 == 4 {
			rf.Waived = true
			rf.Waiver = &rules.WaiverRef{ID: "DER-" + strconv.Itoa(i), Reason: "temporary", Expires: "2027-01-31", ApprovedBy: "CISO"}
		}
		f := &Finding{Finding: rf, Fingerprint: Fingerprint(rf), Status: StatusNew}
		if i%3 == 2 {
			f.Status = StatusExisting
		}
		fs = append(fs, f)
	}
	r := &Report{FormatVersion: FormatVersion, Tool: Tool{Name: "trustcloud", Version: "v0.0.0-test"},
		Policy: &inventory.PolicyRef{Profile: policy.DefaultProfile}, Plan: inventory.PlanRef{File: "plan.json"},
		Findings: fs, Inventory: inv, Options: Options{PlanFile: "plan.json"}}
	r.Summary = Summarize(inv, fs, failOn)
	return r
}

// TestSeverityMappings: each CI format's word for each severity.
func TestSeverityMappings(t *testing.T) {
	want := map[policy.Severity][3]string{
		policy.SeverityCritical: {"error", "blocker", "error"},
		policy.SeverityHigh:     {"error", "critical", "error"},
		policy.SeverityMedium:   {"warning", "major", "warning"},
		policy.SeverityLow:      {"note", "minor", "notice"},
		policy.SeverityInfo:     {"note", "info", "notice"},
	}
	for _, s := range policy.Severities {
		got := [3]string{sarifLevel(s), codeQualitySeverity(s), githubCommand(s)}
		if got != want[s] {
			t.Errorf("%s: sarif, gitlab, github = %v, want %v", s, got, want[s])
		}
	}
}

// TestCIPath: file names are written relative to the repository root,
// whether given relative to the working directory (a subdirectory of the
// repository) or absolute; files outside the repository keep their name;
// without a root, the working directory is the root; slashes are forward.
func TestCIPath(t *testing.T) {
	root := t.TempDir()
	wd := filepath.Join(root, "infra")
	in := &Report{Options: Options{WorkDir: wd, Root: root}}
	for p, want := range map[string]string{
		"":                                  "",
		"<stdin>":                           "<stdin>",
		"main.tf":                           "infra/main.tf",
		"./a/../b/main.tf":                  "infra/b/main.tf",
		"../modules/db/main.tf":             "modules/db/main.tf",
		filepath.Join(wd, "mod", "main.tf"): "infra/mod/main.tf",
		filepath.Join(root, "x.tf"):         "x.tf",
		"../../up/main.tf":                  "../../up/main.tf",
	} {
		if got := in.ciPath(p); got != want {
			t.Errorf("ciPath(%q) from %s in repository %s = %q, want %q", p, wd, root, got, want)
		}
	}
	if outside := filepath.Join(filepath.Dir(root), "x.tf"); in.ciPath(outside) != filepath.ToSlash(outside) {
		t.Errorf("ciPath(%q) = %q: a path outside the repository stays absolute", outside, in.ciPath(outside))
	}
	noRepo := &Report{Options: Options{WorkDir: wd}}
	for p, want := range map[string]string{
		"main.tf":                           "main.tf",
		filepath.Join(wd, "mod", "main.tf"): "mod/main.tf",
		"../x.tf":                           "../x.tf",
	} {
		if got := noRepo.ciPath(p); got != want {
			t.Errorf("ciPath(%q) from %s, no repository, = %q, want %q", p, wd, got, want)
		}
	}
}

func TestCIText(t *testing.T) {
	f := syntheticReport(1, "high").Findings[0]
	f.Message, f.Remediation = i18n.Plain("it is wrong"), "Fix it."
	if got := ciFindingText(i18n.English, f); got != "it is wrong. What to do: Fix it." {
		t.Errorf("ciFindingText: %q", got)
	}
	f.Message, f.Remediation = i18n.Plain("Already a sentence."), ""
	if got := ciFindingText(i18n.English, f); got != "Already a sentence." {
		t.Errorf("ciFindingText without remediation: %q", got)
	}
	f.Waiver = &rules.WaiverRef{ID: "W1", Reason: "why", ApprovedBy: "CISO", Expires: "2020-01-31", Expired: true}
	if got := ciWaiverText(i18n.English, f); got != "waiver W1: why (approved by CISO; expired 2020-01-31)" {
		t.Errorf("ciWaiverText: %q", got)
	}
	f.Waiver = nil
	if got := ciWaiverText(i18n.English, f); got != "waived" {
		t.Errorf("ciWaiverText without waiver: %q", got)
	}
	if got := ciWithAddress("x is wrong", "x"); got != "x is wrong" {
		t.Errorf("ciWithAddress: %q", got)
	}
	if got := ciWithAddress("it is wrong", "x"); got != "x: it is wrong" {
		t.Errorf("ciWithAddress: %q", got)
	}
}

// TestCIFormatsWithoutInventory: a report whose inventory and
// policy are missing still renders every finding in every CI format.
func TestCIFormatsWithoutInventory(t *testing.T) {
	r := syntheticReport(3, "high")
	r.Inventory, r.Policy = nil, nil
	r.Findings[1].Fingerprint = ""
	for _, format := range []string{"sarif", "junit", "gitlab", "markdown", "github"} {
		out := string(renderFormat(t, format, r))
		for _, f := range r.Findings {
			if !strings.Contains(out, f.Address) && !strings.Contains(out, strings.NewReplacer("[", `\[`, "]", `\]`).Replace(f.Address)) {
				t.Errorf("%s: %s missing", format, f.Address)
			}
		}
	}
	doc := parseJUnit(t, renderFormat(t, "junit", r))
	if tests, _, _ := checkJUnitStructure(t, doc); tests != 3*len(ruleGroups) {
		t.Errorf("junit: %d tests, want %d", tests, 3*len(ruleGroups))
	}
	if md := string(renderFormat(t, "markdown", r)); !strings.Contains(md, "| sensitive | 3 |") || !strings.Contains(md, "policy `default`") {
		t.Errorf("markdown without inventory:\n%s", md)
	}
}

// TestMarkdownPlaces: the country table names every kind of location.
func TestMarkdownPlaces(t *testing.T) {
	r := syntheticReport(0, "high")
	aws, fr := "aws", "FR"
	add := func(addr, level string, op *string, l inventory.Location) {
		r.Inventory.Resources = append(r.Inventory.Resources, &inventory.Resource{Address: addr, Mode: "managed", Actions: []string{"create"},
			Operator: op, Location: l, Sensitivity: inventory.Sensitivity{Level: level}})
	}
	add("a.known", "internal", &aws, inventory.Location{Status: inventory.StatusKnown, Region: "eu-west-3", Country: &fr})
	add("a.unplaced", "internal", &aws, inventory.Location{Status: inventory.StatusKnown, Region: "xx-1"})
	add("a.multi", "sensitive", nil, inventory.Location{Status: inventory.StatusMultiRegion, Region: "EU", Countries: []string{"BE", "NL"}})
	add("a.multi_unplaced", "sensitive", nil, inventory.Location{Status: inventory.StatusMultiRegion, Region: "ZZ"})
	add("a.global", "public", &aws, inventory.Location{Status: inventory.StatusGlobal})
	add("a.unknown", "custom", nil, inventory.Location{Status: inventory.StatusUnknown})
	add("a.none", "public", nil, inventory.Location{Status: inventory.StatusNotApplicable})
	add("a.deleted", "public", nil, inventory.Location{Status: inventory.StatusNotApplicable})
	r.Inventory.Resources[len(r.Inventory.Resources)-1].Actions = []string{"delete"}
	r.Summary = Summarize(r.Inventory, r.Findings, "high")
	md := string(renderFormat(t, "markdown", r))
	var rows []string
	for line := range strings.SplitSeq(md, "\n") {
		if strings.HasPrefix(line, "| ") && !strings.HasPrefix(line, "| country") && !strings.HasPrefix(line, "| level") {
			rows = append(rows, line)
		}
	}
	want := []string{
		// Levels: the profile's order (public, internal, sensitive), then
		// the others by name.
		"| public | 2 | 2 | 0 | 0 |",
		"| internal | 2 | 2 | 0 | 0 |",
		"| sensitive | 2 | 2 | 0 | 0 |",
		"| custom | 1 | 1 | 0 | 0 |",
		"| **total** | 7 | 7 | 0 | 0 |",
		"| FR | aws | 1 | 0 |",
		"| BE, NL (multi-region EU) | no catalog operator | 1 | 0 |",
		"| global | aws | 1 | 0 |",
		"| unknown | no catalog operator | 1 | 0 |",
		"| unknown (multi-region ZZ not in the catalog) | no catalog operator | 1 | 0 |",
		"| unknown (region xx-1 not in the catalog) | aws | 1 | 0 |",
		"| no location | none | 1 | 0 |",
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("table rows (-want +got):\n%s\n%s", diff, md)
	}
	if !strings.Contains(md, "No finding; 0 waived.") || !strings.Contains(md, "No finding.\n") {
		t.Errorf("an empty report:\n%s", md)
	}
}

// TestUserCatalogInEveryFormat: a catalog file merged over the embedded
// one (a renewal recorded by hand, say) changes verdicts, so every format
// names it.
func TestUserCatalogInEveryFormat(t *testing.T) {
	r := scenarioCase{name: "ministry", scenario: "ministry", failOn: "high"}.build(t)
	r.Catalog.Files = []string{"renewals-2026-12.json"}
	for _, format := range Names() {
		if out := string(renderFormat(t, format, r)); !strings.Contains(out, "renewals-2026-12.json") {
			t.Errorf("the %s report does not name the user catalog file", format)
		}
	}
}

// TestRuleControlInEveryFormat: the rule the policy disables, and every
// inline waiver with what became of it, are in each format that has a
// header (gitlab's Code Quality report has none); a disabled rule has no
// finding; the finding an inline waiver covers says where the comment
// is.
func TestRuleControlInEveryFormat(t *testing.T) {
	c := scenarioCases[len(scenarioCases)-1]
	if c.name != "rule-control" {
		t.Fatalf("the last golden case is %s, not rule-control", c.name)
	}
	r := c.build(t)
	if len(r.DisabledRules) != 1 || r.DisabledRules[0].Rule != "TC004" || r.DisabledRules[0].At != "testdata/scenarios/rule-control/policy.hcl:4:1" {
		t.Fatalf("disabled rules %+v, want TC004 at policy.hcl:4:1", r.DisabledRules)
	}
	statuses := map[string]string{}
	for _, iw := range r.InlineWaivers {
		statuses[iw.At] = iw.Status
	}
	const mainTF = "testdata/scenarios/rule-control/main.tf"
	wantStatus := map[string]string{
		mainTF + ":27": rules.InlineInForce, mainTF + ":34": rules.InlineExpired, mainTF + ":41": rules.InlineInvalid,
		mainTF + ":49": rules.InlineInForce, mainTF + ":70": rules.InlineInForce,
	}
	if diff := cmp.Diff(wantStatus, statuses); diff != "" {
		t.Errorf("inline waivers (-want +got):\n%s", diff)
	}
	for _, f := range r.Findings {
		if f.Rule == "TC004" {
			t.Errorf("a finding of the disabled rule TC004: %s", f.Address)
		}
		if f.Address == "aws_s3_bucket.waived" && f.Rule == "TC001" {
			if !f.Waived || f.Waiver == nil || f.Waiver.Source != rules.WaiverInline || f.Waiver.At != mainTF+":27" {
				t.Errorf("aws_s3_bucket.waived: waived %v, waiver %+v", f.Waived, f.Waiver)
			}
		}
	}
	for _, format := range Names() {
		out := string(renderFormat(t, format, r))
		if format == "gitlab" || format == "github" {
			continue
		}
		for _, want := range []string{"TC004", mainTF + ":27", mainTF + ":41"} {
			if !strings.Contains(out, want) {
				t.Errorf("the %s report does not say %q", format, want)
			}
		}
	}
	sarif := string(renderFormat(t, "sarif", r))
	if !strings.Contains(sarif, `"enabled": false`) || !strings.Contains(sarif, `"kind": "inSource"`) {
		t.Errorf("the sarif report has no rule with enabled false or no inSource suppression")
	}
}
