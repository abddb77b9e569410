package cli_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"
)

// These tests run the commands of the CI examples in examples/ci and of
// .pre-commit-hooks.yaml, as the examples write them, with the real
// trustcloud binary on PATH: the `trustcloud check` lines, the local
// scripts around them (baseline, job summary, merge request comment) and,
// when terraform is on PATH, the plan steps on a configuration that plans
// offline. What needs a hosted service (installing trustcloud, the GitLab
// API, the SARIF upload) is replaced: the binary is built from this
// repository and the GitLab API is a local server.

const (
	ciExamples = "../../examples/ci"
	// ciFailingScenario has high findings; ciPassingScenario has none.
	ciFailingScenario = "../../testdata/scenarios/ministry"
	ciPassingScenario = "../../testdata/scenarios/s3ns-premi3ns"
	// ciExistingScenario has high findings on resources that existed
	// before the plan (updated in place): a baseline can cover them, which
	// it never does for resources the plan creates.
	ciExistingScenario = "../../testdata/scenarios/aws-count-drift"
	// ciOfflineConfig uses only Terraform's builtin provider: it plans
	// offline, and has no finding with the default catalog.
	ciOfflineConfig = "testdata/builtin"
)

// ciBin returns the directory of the trustcloud command that TestMain
// built once for the package (the only file in it), to put first on PATH.
func ciBin(t *testing.T) string {
	t.Helper()
	if binaryErr != nil {
		t.Fatalf("the CLI could not be built: %v", binaryErr)
	}
	return filepath.Dir(binary)
}

// ciResult is what a shell script gave.
type ciResult struct {
	code           int
	stdout, stderr string
}

func (r ciResult) String() string {
	return fmt.Sprintf("exit %d\n--- stdout\n%s--- stderr\n%s", r.code, r.stdout, r.stderr)
}

func (r ciResult) output() string { return r.stdout + r.stderr }

// ciEnviron is the test's environment without what a CI runner, Atlantis
// or Terraform would read from it, plus vars, with trustcloud first on
// PATH.
func ciEnviron(t *testing.T, vars map[string]string) []string {
	t.Helper()
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k == "PATH" || k == "PLANFILE" || k == "SHOWFILE" || k == "GITLAB_CI" || k == "GITHUB_ACTIONS" ||
			strings.HasPrefix(k, "CI_") || strings.HasPrefix(k, "GITHUB_") || strings.HasPrefix(k, "TRUSTCLOUD_") ||
			strings.HasPrefix(k, "TF_") || strings.HasPrefix(k, "ATLANTIS_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "PATH="+ciBin(t)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "NO_COLOR=1")
	for k, v := range vars {
		env = append(env, k+"="+v)
	}
	return env
}

// ciSh runs a script with `sh -e -c` in dir, as CI runners do.
func ciSh(t *testing.T, dir string, vars map[string]string, script string) ciResult {
	t.Helper()
	return ciShArgs(t, dir, vars, "-e", "-c", script)
}

func ciShArgs(t *testing.T, dir string, vars map[string]string, args ...string) ciResult {
	t.Helper()
	cmd := exec.Command("sh", args...)
	cmd.Dir = dir
	cmd.Env = ciEnviron(t, vars)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		return ciResult{exitErr.ExitCode(), out.String(), errOut.String()}
	case err != nil:
		t.Fatalf("sh %q: %v", args, err)
	}
	return ciResult{0, out.String(), errOut.String()}
}

// ciRepo makes a repository root with the configuration and plan of
// scenario under infra/, and returns the root.
func ciRepo(t *testing.T, scenario string) string {
	t.Helper()
	root := t.TempDir()
	copyTree(t, scenario, filepath.Join(root, "infra"))
	return root
}

// ciOfflineRepo is ciRepo for the offline configuration, without its plan:
// the example's plan steps make it.
func ciOfflineRepo(t *testing.T) (root, terraform string) {
	t.Helper()
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatal("terraform is not on PATH: this test runs the example's terraform plan steps with it (install Terraform >= 1.8)")
	}
	root = ciRepo(t, ciOfflineConfig)
	if err := os.Remove(filepath.Join(root, "infra", "plan.json")); err != nil {
		t.Fatal(err)
	}
	return root, tf
}

func ciReadYAML(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// ciFormatFlag matches --format F or --format F=PATH in a command line.
var ciFormatFlag = regexp.MustCompile(`--format[ =]([a-z]+)(?:=([^\s"';|&]+))?`)

// ciReportFiles returns the report files a trustcloud command writes, by
// format.
func ciReportFiles(t *testing.T, command string) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, m := range ciFormatFlag.FindAllStringSubmatch(command, -1) {
		if m[2] != "" {
			files[m[1]] = m[2]
		}
	}
	if len(files) == 0 {
		t.Fatalf("no --format F=PATH in %q", command)
	}
	return files
}

func ciFormats(command string) []string {
	var out []string
	for _, m := range ciFormatFlag.FindAllStringSubmatch(command, -1) {
		out = append(out, m[1])
	}
	return out
}

// ciCheckReports asserts that every report file exists, is not empty and
// parses as its format says. root is where the command ran; the reports
// point at .tf files under root.
func ciCheckReports(t *testing.T, root string, files map[string]string, findings int) {
	t.Helper()
	for format, name := range files {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Errorf("--format %s=%s: %v", format, name, err)
			continue
		}
		if len(bytes.TrimSpace(data)) == 0 {
			t.Errorf("--format %s=%s: empty file", format, name)
			continue
		}
		switch format {
		case "gitlab":
			var issues []struct {
				Fingerprint string `json:"fingerprint"`
				Severity    string `json:"severity"`
				Location    struct {
					Path  string `json:"path"`
					Lines struct {
						Begin int `json:"begin"`
					} `json:"lines"`
				} `json:"location"`
			}
			if err := json.Unmarshal(data, &issues); err != nil {
				t.Errorf("%s: not a Code Quality report (a JSON array): %v", name, err)
				continue
			}
			if len(issues) != findings {
				t.Errorf("%s: %d entries, want %d", name, len(issues), findings)
			}
			for _, is := range issues {
				// GitLab links each entry to location.path in the repository:
				// the .tf file of the resource, relative to the repository root.
				if !strings.HasSuffix(is.Location.Path, ".tf") || is.Location.Lines.Begin < 1 {
					t.Errorf("%s: entry at %s:%d, want a .tf file and line", name, is.Location.Path, is.Location.Lines.Begin)
				} else if _, err := os.Stat(filepath.Join(root, is.Location.Path)); err != nil {
					t.Errorf("%s: entry at %s, not a file of the repository: %v", name, is.Location.Path, err)
				}
			}
		case "junit":
			dec := xml.NewDecoder(bytes.NewReader(data))
			var root string
			for {
				tok, err := dec.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Errorf("%s: not XML: %v", name, err)
					break
				}
				if se, ok := tok.(xml.StartElement); ok && root == "" {
					root = se.Name.Local
				}
			}
			if root != "testsuites" && root != "testsuite" {
				t.Errorf("%s: root element %q, want testsuites or testsuite", name, root)
			}
			if n := bytes.Count(data, []byte("<failure")); (n > 0) != (findings > 0) {
				t.Errorf("%s: %d failures for %d findings", name, n, findings)
			}
		case "sarif":
			var doc struct {
				Version string `json:"version"`
				Runs    []struct {
					Results []json.RawMessage `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Errorf("%s: not JSON: %v", name, err)
				continue
			}
			if doc.Version != "2.1.0" || len(doc.Runs) != 1 {
				t.Errorf("%s: version %q with %d runs, want 2.1.0 with 1 run", name, doc.Version, len(doc.Runs))
				continue
			}
			if len(doc.Runs[0].Results) != findings {
				t.Errorf("%s: %d results, want %d", name, len(doc.Runs[0].Results), findings)
			}
		case "json":
			var doc struct {
				FormatVersion string            `json:"format_version"`
				Findings      []json.RawMessage `json:"findings"`
			}
			if err := json.Unmarshal(data, &doc); err != nil || doc.FormatVersion != "1" {
				t.Errorf("%s: not a check JSON report (format_version 1): %v", name, err)
			} else if len(doc.Findings) != findings {
				t.Errorf("%s: %d findings, want %d", name, len(doc.Findings), findings)
			}
		case "markdown":
			if findings > 0 && !strings.Contains(string(data), "aws_sqs_queue.analytics_export") {
				t.Errorf("%s does not name the resource with findings:\n%s", name, data)
			}
		}
	}
}

// ciFindingStatuses reads the status of every finding of a JSON report.
func ciFindingStatuses(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings []struct {
			Status string `json:"status"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []string
	for _, f := range doc.Findings {
		out = append(out, f.Status)
	}
	return out
}

// ciMinistryFindings is the number of findings of ciFailingScenario with the
// default policy, on the tests' clock (testClock): TC002 on the bucket,
// TC001 and TC002 on the queue, and TC009 on the three Outscale resources,
// whose qualification expired on 2026-11-30.
const ciMinistryFindings = 6

// ciExistingFindings is the number of findings of ciExistingScenario:
// TC001 and TC002 on each of four buckets.
const ciExistingFindings = 8

// --- GitLab CI -------------------------------------------------------------

type ciGitlabJob struct {
	Stage        string         `yaml:"stage"`
	Variables    map[string]any `yaml:"variables"`
	Needs        []any          `yaml:"needs"`
	BeforeScript []any          `yaml:"before_script"`
	Script       []any          `yaml:"script"`
	Rules        []struct {
		If   string `yaml:"if"`
		When string `yaml:"when"`
	} `yaml:"rules"`
	Artifacts struct {
		When    string            `yaml:"when"`
		Paths   []string          `yaml:"paths"`
		Reports map[string]string `yaml:"reports"`
	} `yaml:"artifacts"`
}

// ciFlatten turns a GitLab script (strings, and lists of them) into lines.
func ciFlatten(items []any) []string {
	var out []string
	for _, it := range items {
		switch v := it.(type) {
		case string:
			out = append(out, v)
		case []any:
			out = append(out, ciFlatten(v)...)
		}
	}
	return out
}

// ciGitlabVars are the variables a job sees: the global ones, then its own.
func ciGitlabVars(global, job map[string]any) map[string]string {
	out := map[string]string{}
	for _, m := range []map[string]any{global, job} {
		for k, v := range m {
			switch v := v.(type) {
			case string:
				out[k] = v
			case map[string]any:
				if s, ok := v["value"].(string); ok {
					out[k] = s
				}
			default:
				out[k] = fmt.Sprint(v)
			}
		}
	}
	return out
}

func TestCIExampleGitLab(t *testing.T) {
	ciBin(t)
	var doc map[string]yaml.Node
	ciReadYAML(t, filepath.Join(ciExamples, "gitlab-ci.yml"), &doc)
	var global map[string]any
	if n, ok := doc["variables"]; ok {
		if err := n.Decode(&global); err != nil {
			t.Fatal(err)
		}
	}
	if global["TRUSTCLOUD_VERSION"] == nil {
		t.Error("gitlab-ci.yml: no TRUSTCLOUD_VERSION variable")
	}
	jobs := map[string]*ciGitlabJob{}
	for name, n := range doc {
		if n.Kind != yaml.MappingNode || name == "variables" || name == "workflow" || name == "default" {
			continue
		}
		var j ciGitlabJob
		if err := n.Decode(&j); err != nil {
			t.Fatalf("job %s: %v", name, err)
		}
		if j.Script != nil {
			jobs[name] = &j
		}
	}
	// The job that runs trustcloud check, and its check command.
	var checkJob, check string
	for name, j := range jobs {
		for _, line := range ciFlatten(j.Script) {
			if strings.Contains(line, "trustcloud check") {
				if check != "" {
					t.Fatalf("two trustcloud check commands: %q and %q", check, line)
				}
				checkJob, check = name, line
			}
		}
	}
	if check == "" {
		t.Fatal("gitlab-ci.yml: no script runs trustcloud check")
	}
	job := jobs[checkJob]
	vars := ciGitlabVars(global, job.Variables)
	files := ciReportFiles(t, check)
	installs := strings.Join(ciFlatten(job.BeforeScript), "\n")
	if !strings.Contains(installs, "go install") || !strings.Contains(installs, "/cmd/trustcloud@${TRUSTCLOUD_VERSION}") {
		t.Errorf("job %s does not install trustcloud@${TRUSTCLOUD_VERSION} with go install:\n%s", checkJob, installs)
	}

	t.Run("artifacts", func(t *testing.T) {
		if job.Artifacts.When != "always" {
			t.Errorf("job %s: artifacts:when = %q, want always (reports of a failing check)", checkJob, job.Artifacts.When)
		}
		if got := job.Artifacts.Reports["codequality"]; got == "" || got != files["gitlab"] {
			t.Errorf("artifacts:reports:codequality = %q, want the --format gitlab file %q", got, files["gitlab"])
		}
		if got := job.Artifacts.Reports["junit"]; got == "" || got != files["junit"] {
			t.Errorf("artifacts:reports:junit = %q, want the --format junit file %q", got, files["junit"])
		}
		for _, f := range []string{files["json"], files["markdown"]} {
			if f == "" || !slices.Contains(job.Artifacts.Paths, f) {
				t.Errorf("artifacts:paths %v lacks %q", job.Artifacts.Paths, f)
			}
		}
		// The baseline is the json report of the target branch's job.
		script := strings.Join(ciFlatten(job.Script), "\n")
		if want := "/raw/" + files["json"] + "?job=$CI_JOB_NAME"; !strings.Contains(script, want) {
			t.Errorf("the baseline is not downloaded from the json report (%s):\n%s", want, script)
		}
		if !strings.Contains(check, "--baseline") {
			t.Errorf("the check does not pass --baseline: %s", check)
		}
	})

	// The merge request comment job.
	var commentJob string
	for name, j := range jobs {
		if strings.Contains(strings.Join(ciFlatten(j.Script), "\n"), "/merge_requests/$CI_MERGE_REQUEST_IID/notes") {
			commentJob = name
		}
	}
	t.Run("comment job", func(t *testing.T) {
		if commentJob == "" {
			t.Fatal("no job posts a merge request note")
		}
		j := jobs[commentJob]
		always := false
		for _, r := range j.Rules {
			always = always || (r.When == "always" && strings.Contains(r.If, "$TRUSTCLOUD_GITLAB_TOKEN"))
		}
		if !always {
			t.Errorf("job %s: no rule with when: always on $TRUSTCLOUD_GITLAB_TOKEN (the comment must post when the check fails)", commentJob)
		}
		if !strings.Contains(fmt.Sprint(j.Needs), checkJob) {
			t.Errorf("job %s does not need %s (its artifacts): needs %v", commentJob, checkJob, j.Needs)
		}
		if !strings.Contains(strings.Join(ciFlatten(j.Script), "\n"), files["markdown"]) {
			t.Errorf("job %s does not post %s", commentJob, files["markdown"])
		}
	})

	// script runs the check job's script (before_script installs trustcloud:
	// the test puts the built binary on PATH instead).
	script := strings.Join(ciFlatten(job.Script), "\n")
	withVars := func(extra map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range vars {
			out[k] = v
		}
		out["TF_ROOT"] = "infra"
		for k, v := range extra {
			out[k] = v
		}
		return out
	}

	t.Run("plan and check, offline configuration", func(t *testing.T) {
		root, _ := ciOfflineRepo(t)
		var planScript []string
		for name, j := range jobs {
			if name != checkJob && strings.Contains(strings.Join(ciFlatten(j.Script), "\n"), "show -json") {
				planScript = ciFlatten(j.Script)
			}
		}
		if planScript == nil {
			t.Fatal("no job runs terraform show -json")
		}
		if r := ciSh(t, root, withVars(nil), strings.Join(planScript, "\n")); r.code != 0 {
			t.Fatalf("plan job: %s", r)
		}
		r := ciSh(t, root, withVars(nil), script)
		if r.code != 0 || !strings.Contains(r.stdout, "PASSED") {
			t.Fatalf("check job on a plan without findings: want exit 0 and PASSED, got %s", r)
		}
		for format, name := range files {
			if _, err := os.Stat(filepath.Join(root, name)); err != nil {
				t.Errorf("--format %s: %v", format, err)
			}
		}
	})

	root := ciRepo(t, ciFailingScenario)
	t.Run("check, high findings", func(t *testing.T) {
		r := ciSh(t, root, withVars(nil), script)
		if r.code != 1 {
			t.Fatalf("want exit 1 (high findings), got %s", r)
		}
		if !strings.Contains(r.stdout, "FAILED") {
			t.Errorf("no text report on stdout:\n%s", r)
		}
		ciCheckReports(t, root, files, ciMinistryFindings)
	})

	// A fake GitLab API: the target branch's trustcloud.json, and notes.
	// The target branch's report is of a plan whose resources exist: the
	// findings of resources a plan creates are new under any baseline.
	existing := ciRepo(t, ciExistingScenario)
	if r := ciSh(t, existing, withVars(nil), script); r.code != 1 {
		t.Fatalf("check on %s: want exit 1 (high findings), got %s", ciExistingScenario, r)
	}
	baseline, err := os.ReadFile(filepath.Join(existing, files["json"]))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var notes []string
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/api/v4/projects/42/jobs/artifacts/main/raw/"+files["json"] &&
			r.URL.Query().Get("job") == checkJob &&
			(r.Header.Get("JOB-TOKEN") == "job-token" || r.Header.Get("PRIVATE-TOKEN") == "project-token"):
			_, _ = w.Write(baseline)
		case r.Method == http.MethodPost && r.URL.Path == "/api/v4/projects/42/merge_requests/7/notes" &&
			r.Header.Get("PRIVATE-TOKEN") == "project-token":
			if err := r.ParseForm(); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			mu.Lock()
			notes = append(notes, r.PostForm.Get("body"))
			mu.Unlock()
			w.WriteHeader(http.StatusCreated)
			_, _ = io.WriteString(w, `{"id":1}`)
		default:
			http.Error(w, `{"message":"404 Not found"}`, http.StatusNotFound)
		}
	}))
	defer api.Close()
	if _, err := exec.LookPath("curl"); err != nil {
		// Skipped outside CI with the command that installs it, a failure
		// under CI (.ci/run installs it).
		msg := "curl is not on PATH: the baseline download and the merge request comment use it; install it (`make chromium` installs it with Chromium)"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	mr := map[string]string{
		"CI_API_V4_URL": api.URL + "/api/v4", "CI_PROJECT_ID": "42", "CI_JOB_NAME": checkJob,
		"CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
		"CI_MERGE_REQUEST_IID": "7", "CI_JOB_TOKEN": "job-token",
	}

	for _, tc := range []struct {
		name  string
		extra map[string]string
	}{
		{"baseline with the job token", nil},
		{"baseline with the project token", map[string]string{"CI_JOB_TOKEN": "expired", "TRUSTCLOUD_GITLAB_TOKEN": "project-token"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := ciRepo(t, ciExistingScenario)
			vars := withVars(mr)
			for k, v := range tc.extra {
				vars[k] = v
			}
			r := ciSh(t, root, vars, script)
			if r.code != 0 {
				t.Fatalf("every finding is in the target branch's baseline: want exit 0, got %s", r)
			}
			got := ciFindingStatuses(t, filepath.Join(root, files["json"]))
			if len(got) != ciExistingFindings || slices.ContainsFunc(got, func(s string) bool { return s != "existing" }) {
				t.Errorf("statuses %v, want %d existing", got, ciExistingFindings)
			}
		})
	}
	t.Run("no baseline", func(t *testing.T) {
		root := ciRepo(t, ciFailingScenario)
		r := ciSh(t, root, withVars(map[string]string{
			"CI_API_V4_URL": api.URL + "/api/v4", "CI_PROJECT_ID": "42", "CI_JOB_NAME": checkJob,
			"CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "first-pipeline", "CI_JOB_TOKEN": "job-token",
		}), script)
		if r.code != 1 || !strings.Contains(r.stdout, "no baseline") {
			t.Errorf("without a baseline every finding counts: want exit 1 and a message, got %s", r)
		}
	})

	t.Run("merge request comment", func(t *testing.T) {
		var lines []string
		for _, l := range ciFlatten(jobs[commentJob].Script) {
			// The image's package manager: curl is on the test's PATH.
			if !strings.HasPrefix(strings.TrimSpace(l), "apk ") {
				lines = append(lines, l)
			}
		}
		vars := withVars(mr)
		vars["TRUSTCLOUD_GITLAB_TOKEN"] = "project-token"
		if r := ciSh(t, root, vars, strings.Join(lines, "\n")); r.code != 0 {
			t.Fatalf("comment job: %s", r)
		}
		md, err := os.ReadFile(filepath.Join(root, files["markdown"]))
		if err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		got := slices.Clone(notes)
		mu.Unlock()
		if len(got) != 1 || got[0] != string(md) {
			t.Errorf("notes posted %q, want one with the content of %s", got, files["markdown"])
		}
		// When the check could not run, there is nothing to post.
		empty := t.TempDir()
		if r := ciSh(t, empty, vars, strings.Join(lines, "\n")); r.code != 0 {
			t.Errorf("comment job without %s: %s", files["markdown"], r)
		}
		mu.Lock()
		defer mu.Unlock()
		if len(notes) != 1 {
			t.Errorf("a note was posted without %s", files["markdown"])
		}
	})
}

// --- GitHub Actions ---------------------------------------------------------

type ciGithubStep struct {
	Name string            `yaml:"name"`
	If   string            `yaml:"if"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]any    `yaml:"with"`
	Env  map[string]string `yaml:"env"`
}

type ciGithubWorkflow struct {
	Permissions map[string]string `yaml:"permissions"`
	Env         map[string]string `yaml:"env"`
	Jobs        map[string]struct {
		Env   map[string]string `yaml:"env"`
		Steps []ciGithubStep    `yaml:"steps"`
	} `yaml:"jobs"`
}

func TestCIExampleGitHub(t *testing.T) {
	ciBin(t)
	var wf ciGithubWorkflow
	ciReadYAML(t, filepath.Join(ciExamples, "github-actions.yml"), &wf)
	if wf.Env["TRUSTCLOUD_VERSION"] == "" {
		t.Error("github-actions.yml: no TRUSTCLOUD_VERSION in env")
	}
	var steps []ciGithubStep
	vars := map[string]string{}
	for k, v := range wf.Env {
		vars[k] = v
	}
	checkAt := -1
	for _, j := range wf.Jobs {
		for i, s := range j.Steps {
			if strings.Contains(s.Run, "trustcloud check") {
				if checkAt >= 0 {
					t.Fatal("two jobs or steps run trustcloud check")
				}
				steps, checkAt = j.Steps, i
				for k, v := range j.Env {
					vars[k] = v
				}
			}
		}
	}
	if checkAt < 0 {
		t.Fatal("github-actions.yml: no step runs trustcloud check")
	}
	check := steps[checkAt]
	for k, v := range check.Env {
		vars[k] = v
	}
	if strings.Contains(check.Run, "${{") {
		t.Fatalf("the check step uses an expression this test cannot evaluate: %s", check.Run)
	}
	vars["TF_ROOT"] = "infra"
	files := ciReportFiles(t, check.Run)
	if !slices.Contains(ciFormats(check.Run), "github") {
		t.Errorf("the check does not write workflow annotations (--format github): %s", check.Run)
	}
	stepRunning := func(substr string) *ciGithubStep {
		for i := range steps {
			if strings.Contains(steps[i].Run, substr) {
				return &steps[i]
			}
		}
		return nil
	}

	t.Run("workflow", func(t *testing.T) {
		if wf.Permissions["security-events"] != "write" {
			t.Errorf("permissions: security-events = %q, want write (SARIF upload)", wf.Permissions["security-events"])
		}
		if s := stepRunning("go install"); s == nil || !strings.Contains(s.Run, "/cmd/trustcloud@${TRUSTCLOUD_VERSION}") {
			t.Error("no step installs trustcloud@${TRUSTCLOUD_VERSION} with go install")
		}
		var upload *ciGithubStep
		for i := range steps {
			if strings.HasPrefix(steps[i].Uses, "github/codeql-action/upload-sarif@") {
				upload = &steps[i]
			}
		}
		switch {
		case upload == nil:
			t.Error("no github/codeql-action/upload-sarif step")
		case !regexp.MustCompile(`@v[0-9]+$`).MatchString(upload.Uses):
			t.Errorf("upload-sarif %s: pin a major version (@vN)", upload.Uses)
		case upload.With["sarif_file"] != files["sarif"]:
			t.Errorf("upload-sarif sarif_file = %v, want the --format sarif file %q", upload.With["sarif_file"], files["sarif"])
		case !strings.Contains(upload.If, "always()"):
			t.Errorf("upload-sarif if = %q: upload also when the check fails (always())", upload.If)
		}
		if s := stepRunning("GITHUB_STEP_SUMMARY"); s == nil || !strings.Contains(s.If, "always()") || !strings.Contains(s.Run, files["markdown"]) {
			t.Errorf("no step with if: always() writes %s to $GITHUB_STEP_SUMMARY", files["markdown"])
		}
	})

	t.Run("plan and check, offline configuration", func(t *testing.T) {
		root, _ := ciOfflineRepo(t)
		plan := stepRunning("show -json")
		if plan == nil {
			t.Fatal("no step runs terraform show -json")
		}
		if r := ciSh(t, root, vars, plan.Run); r.code != 0 {
			t.Fatalf("plan step: %s", r)
		}
		if r := ciSh(t, root, vars, check.Run); r.code != 0 {
			t.Fatalf("check step on a plan without findings: want exit 0, got %s", r)
		}
	})

	t.Run("check, high findings", func(t *testing.T) {
		root := ciRepo(t, ciFailingScenario)
		r := ciSh(t, root, vars, check.Run)
		if r.code != 1 {
			t.Fatalf("want exit 1 (high findings), got %s", r)
		}
		// Workflow commands on standard output, on the .tf lines.
		annotations := 0
		for _, l := range strings.Split(r.stdout, "\n") {
			if (strings.HasPrefix(l, "::error ") || strings.HasPrefix(l, "::warning ") || strings.HasPrefix(l, "::notice ")) &&
				strings.Contains(l, "file=infra/") {
				annotations++
			}
		}
		if annotations < ciMinistryFindings {
			t.Errorf("%d annotations on files under infra/, want %d:\n%s", annotations, ciMinistryFindings, r.stdout)
		}
		ciCheckReports(t, root, files, ciMinistryFindings)

		summary := filepath.Join(t.TempDir(), "step_summary.md")
		s := stepRunning("GITHUB_STEP_SUMMARY")
		if s == nil {
			t.Fatal("no summary step")
		}
		withSummary := map[string]string{"GITHUB_STEP_SUMMARY": summary}
		for k, v := range vars {
			withSummary[k] = v
		}
		if r := ciSh(t, root, withSummary, s.Run); r.code != 0 {
			t.Fatalf("summary step: %s", r)
		}
		got, _ := os.ReadFile(summary)
		want, _ := os.ReadFile(filepath.Join(root, files["markdown"]))
		if len(want) == 0 || !bytes.Equal(got, want) {
			t.Errorf("step summary:\n%s\nwant the content of %s:\n%s", got, files["markdown"], want)
		}
	})
}

// --- Atlantis ---------------------------------------------------------------

// ciAtlantisStep is a workflow step: a built-in step name, or a run command.
type ciAtlantisStep struct {
	name, run string
}

func (s *ciAtlantisStep) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		s.name = n.Value
		return nil
	case yaml.MappingNode:
		var m map[string]yaml.Node
		if err := n.Decode(&m); err != nil {
			return err
		}
		for k, v := range m {
			s.name = k
			if k == "run" {
				if v.Kind == yaml.ScalarNode {
					s.run = v.Value
				} else {
					var r struct {
						Command string `yaml:"command"`
					}
					if err := v.Decode(&r); err != nil {
						return err
					}
					s.run = r.Command
				}
			}
		}
		return nil
	}
	return fmt.Errorf("line %d: a step is a name or a map", n.Line)
}

type ciAtlantisStage struct {
	Steps []ciAtlantisStep `yaml:"steps"`
}

type ciAtlantisConfig struct {
	Version  int `yaml:"version"`
	Projects []struct {
		Dir               string `yaml:"dir"`
		Workflow          string `yaml:"workflow"`
		CustomPolicyCheck bool   `yaml:"custom_policy_check"`
	} `yaml:"projects"`
	Workflows map[string]map[string]ciAtlantisStage `yaml:"workflows"`
}

// ciMentionsFail reports whether output would make Atlantis's custom policy
// check fail: it looks for "fail", and newer versions for "FAIL" at the
// start of a line.
func ciMentionsFail(output string) bool {
	return strings.Contains(strings.ToLower(output), "fail")
}

func TestCIExampleAtlantis(t *testing.T) {
	ciBin(t)
	var cfg ciAtlantisConfig
	ciReadYAML(t, filepath.Join(ciExamples, "atlantis.yaml"), &cfg)
	if cfg.Version != 3 || len(cfg.Projects) == 0 {
		t.Fatalf("atlantis.yaml: version %d with %d projects, want version 3 and a project", cfg.Version, len(cfg.Projects))
	}
	p := cfg.Projects[0]
	if _, ok := cfg.Workflows[p.Workflow]; !ok {
		t.Fatalf("project workflow %q is not defined", p.Workflow)
	}
	if _, ok := cfg.Workflows[p.Workflow]["policy_check"]; ok && !p.CustomPolicyCheck {
		t.Errorf("workflow %s has a policy_check stage but the project does not set custom_policy_check", p.Workflow)
	}
	type command struct{ workflow, stage, run string }
	var checks []command
	for wname, w := range cfg.Workflows {
		for sname, st := range w {
			for _, s := range st.Steps {
				if strings.Contains(s.run, "trustcloud check") {
					checks = append(checks, command{wname, sname, s.run})
				}
			}
		}
	}
	if len(checks) == 0 {
		t.Fatal("atlantis.yaml: no run step runs trustcloud check")
	}
	for _, c := range checks {
		if !strings.Contains(c.run, "$SHOWFILE") {
			t.Errorf("workflow %s: the check does not read $SHOWFILE: %s", c.workflow, c.run)
		}
		t.Run(c.workflow+"/"+c.stage, func(t *testing.T) {
			run := func(scenario, cmd string) ciResult {
				dir := t.TempDir()
				copyTree(t, scenario, dir)
				// Atlantis runs steps in the project directory, with $SHOWFILE
				// an absolute path.
				return ciSh(t, dir, map[string]string{"SHOWFILE": filepath.Join(dir, "plan.json")}, cmd)
			}
			r := run(ciFailingScenario, c.run)
			if r.code != 1 {
				t.Errorf("high findings: want exit 1, got %s", r)
			}
			if !strings.Contains(r.output(), "fail") || !regexp.MustCompile(`(?m)^FAIL`).MatchString(r.output()) {
				t.Errorf(`high findings: the output must say "fail" and start a line with "FAIL" for every Atlantis version:%s`, r)
			}
			r = run(ciPassingScenario, c.run)
			if r.code != 0 || ciMentionsFail(r.output()) || !strings.Contains(r.output(), "PASSED") {
				t.Errorf(`compliant plan: want exit 0, PASSED and no "fail" anywhere (Atlantis would fail the check), got %s`, r)
			}
			lenient := strings.Replace(c.run, "trustcloud check", "trustcloud check --fail-on none", 1)
			r = run(ciFailingScenario, lenient)
			if r.code != 0 || ciMentionsFail(r.output()) || !strings.Contains(r.output(), "PASSED") {
				t.Errorf(`findings below the threshold (--fail-on none): want exit 0, PASSED and no "fail" anywhere, got %s`, r)
			}
		})
	}

	// Every workflow end to end on a configuration that plans offline:
	// Atlantis's built-in steps as Atlantis runs them, then the run steps.
	for wname, w := range cfg.Workflows {
		t.Run(wname+"/offline configuration", func(t *testing.T) {
			root, _ := ciOfflineRepo(t)
			dir := filepath.Join(root, "infra")
			vars := map[string]string{
				"PLANFILE": filepath.Join(dir, "default.tfplan"), "SHOWFILE": filepath.Join(dir, "default.json"),
				"ATLANTIS_TERRAFORM_VERSION": "", "DIR": dir, "WORKSPACE": "default",
			}
			builtin := map[string]string{
				"init": `terraform init -input=false`,
				"plan": `terraform plan -input=false -out="$PLANFILE"`,
				"show": `terraform show -json "$PLANFILE" > "$SHOWFILE"`,
			}
			for _, stage := range []string{"plan", "policy_check"} {
				for _, s := range w[stage].Steps {
					cmd := s.run
					if s.name != "run" {
						if cmd = builtin[s.name]; cmd == "" {
							t.Fatalf("stage %s: step %q unknown to this test", stage, s.name)
						}
					}
					r := ciSh(t, dir, vars, cmd)
					if r.code != 0 {
						t.Fatalf("stage %s, step %s: %s", stage, s.name, r)
					}
					if strings.Contains(cmd, "trustcloud check") && ciMentionsFail(r.output()) {
						t.Errorf(`stage %s: a passing check printed "fail":%s`, stage, r)
					}
				}
			}
		})
	}
}

// --- pre-commit ---------------------------------------------------------------

// ciPreCommitHook is an entry of .pre-commit-hooks.yaml.
type ciPreCommitHook struct {
	ID            string   `yaml:"id"`
	Entry         string   `yaml:"entry"`
	Language      string   `yaml:"language"`
	Args          []string `yaml:"args"`
	PassFilenames *bool    `yaml:"pass_filenames"`
	Files         string   `yaml:"files"`
}

func TestCIExamplePreCommitHook(t *testing.T) {
	ciBin(t)
	var hooks []ciPreCommitHook
	ciReadYAML(t, "../../.pre-commit-hooks.yaml", &hooks)
	// trustcloud-check checks the configuration directory, without a
	// plan; trustcloud-check-plan checks a plan made beforehand.
	for _, tc := range []struct{ id, input string }{{"trustcloud-check", "."}, {"trustcloud-check-plan", "plan.json"}} {
		t.Run(tc.id, func(t *testing.T) {
			i := slices.IndexFunc(hooks, func(h ciPreCommitHook) bool { return h.ID == tc.id })
			if i < 0 {
				t.Fatalf(".pre-commit-hooks.yaml: no hook %s", tc.id)
			}
			h := hooks[i]
			if !strings.HasPrefix(h.Entry, "trustcloud check") {
				t.Errorf("entry %q does not run trustcloud check", h.Entry)
			}
			if h.PassFilenames == nil || *h.PassFilenames {
				t.Error("pass_filenames must be false: the hook checks a directory or a plan, not the staged files")
			}
			if len(h.Args) == 0 || h.Args[len(h.Args)-1] != tc.input {
				t.Errorf("args %q, want the input %s last", h.Args, tc.input)
			}
			if _, err := regexp.Compile(h.Files); err != nil {
				t.Fatalf("files %q: %v", h.Files, err)
			}
			for _, f := range []string{"infra/main.tf", "infra/prod.tfvars", "main.tofu"} {
				if !regexp.MustCompile(h.Files).MatchString(f) {
					t.Errorf("files %q does not match %s", h.Files, f)
				}
			}
			// pre-commit runs the entry, split like a shell would, followed
			// by the arguments, without a shell in between.
			argv := append(strings.Fields(h.Entry), h.Args...)
			run := func(scenario string) ciResult {
				dir := t.TempDir()
				copyTree(t, scenario, dir)
				if tc.input == "." {
					// The configuration alone: no plan to read.
					if err := os.Remove(filepath.Join(dir, "plan.json")); err != nil {
						t.Fatal(err)
					}
				}
				return ciShArgs(t, dir, nil, append([]string{"-c", `exec "$@"`, "sh"}, argv...)...)
			}
			if r := run(ciFailingScenario); r.code != 1 || !strings.Contains(r.stdout, "FAILED") {
				t.Errorf("%v with high findings: want exit 1, got %s", argv, r)
			} else if tc.input == "." && !strings.Contains(r.stdout, "configuration only, no plan") {
				t.Errorf("%v: the report does not say it checked the configuration only:\n%s", argv, r.stdout)
			}
			if r := run(ciPassingScenario); r.code != 0 || !strings.Contains(r.stdout, "PASSED") {
				t.Errorf("%v without findings: want exit 0, got %s", argv, r)
			}
		})
	}
}

// TestCIExampleConfigOnly runs the check of gitlab-ci-config-only.yml, a
// merge request job without a plan, on a repository whose configuration
// is under infra/ (no plan there).
func TestCIExampleConfigOnly(t *testing.T) {
	ciBin(t)
	var doc map[string]yaml.Node
	ciReadYAML(t, filepath.Join(ciExamples, "gitlab-ci-config-only.yml"), &doc)
	var global map[string]any
	if n, ok := doc["variables"]; ok {
		if err := n.Decode(&global); err != nil {
			t.Fatal(err)
		}
	}
	var job *ciGitlabJob
	var check string
	for name, n := range doc {
		if n.Kind != yaml.MappingNode || name == "variables" {
			continue
		}
		var j ciGitlabJob
		if err := n.Decode(&j); err != nil {
			t.Fatalf("job %s: %v", name, err)
		}
		for _, line := range ciFlatten(j.Script) {
			if strings.Contains(line, "trustcloud check") {
				job, check = &j, line
			}
		}
	}
	if job == nil {
		t.Fatal("gitlab-ci-config-only.yml: no script runs trustcloud check")
	}
	if strings.Contains(check, "plan") {
		t.Errorf("the check reads a plan: %s", check)
	}
	files := ciReportFiles(t, check)
	if got := job.Artifacts.Reports["codequality"]; got == "" || got != files["gitlab"] {
		t.Errorf("artifacts:reports:codequality = %q, want the --format gitlab file %q", got, files["gitlab"])
	}
	if job.Artifacts.When != "always" {
		t.Errorf("artifacts:when = %q, want always", job.Artifacts.When)
	}
	vars := ciGitlabVars(global, job.Variables)
	vars["TF_ROOT"] = "infra"
	script := strings.Join(ciFlatten(job.Script), "\n")
	for _, tc := range []struct {
		scenario string
		code     int
		findings int
	}{{ciFailingScenario, 1, ciMinistryFindings}, {ciPassingScenario, 0, 0}} {
		root := ciRepo(t, tc.scenario)
		if err := os.Remove(filepath.Join(root, "infra", "plan.json")); err != nil {
			t.Fatal(err)
		}
		r := ciSh(t, root, vars, script)
		if r.code != tc.code || !strings.Contains(r.stdout, "configuration only, no plan") {
			t.Errorf("%s: want exit %d and a configuration-only report, got %s", tc.scenario, tc.code, r)
			continue
		}
		ciCheckReports(t, root, files, tc.findings)
	}
}

// TestCIExamplesAreDocumented: the CI guide shows every example file.
func TestCIExamplesAreDocumented(t *testing.T) {
	tmpl, err := os.ReadFile("../../templates/guides/ci.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../../docs/guides/ci.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"examples/ci/gitlab-ci.yml", "examples/ci/github-actions.yml", "examples/ci/atlantis.yaml", "examples/ci/gitlab-release.yml", "examples/ci/gitlab-ci-config-only.yml", ".pre-commit-hooks.yaml"} {
		if !strings.Contains(string(tmpl), f) {
			t.Errorf("templates/guides/ci.md.tmpl does not show %s", f)
		}
		data, err := os.ReadFile(filepath.Join("../..", f))
		if err != nil {
			t.Fatal(err)
		}
		// The rendered guide holds the file as it is now (make docs).
		if !strings.Contains(string(doc), strings.TrimSpace(string(data))) {
			t.Errorf("docs/guides/ci.md does not hold the current %s: run make docs", f)
		}
	}
}
