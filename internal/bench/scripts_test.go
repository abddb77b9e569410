package bench

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/testplan"
	"github.com/trustcloud/trustcloud/internal/testtf"
)

// The measuring scripts, run on tiny plans: each prints a row per plan shape
// and size, and run.sh its targets' table. They need bash, jq and GNU time
// (/usr/bin/time); conftest and opa are used when scripts/peers/install.sh
// put them in .cache/peers/bin, and otherwise their rows must say so.

// scriptSizes: 60 against 20 exercises the 300k / 100k column.
var scriptSizes = []int{20, 60}

// requireCommands fails under CI, and skips elsewhere, when a command the
// scripts need is missing.
func requireCommands(t *testing.T, names ...string) {
	t.Helper()
	for _, name := range names {
		if _, err := exec.LookPath(name); err != nil {
			msg := name + " is not installed: the measuring scripts need it (Debian packages bash, jq and time)"
			if os.Getenv("CI") != "" {
				t.Fatal(msg)
			}
			t.Skip(msg)
		}
	}
}

// moduleRoot is the directory of go.mod above the test's directory.
func moduleRoot(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			t.Fatalf("no go.mod above %s", wd)
		}
	}
}

// runScript runs a script of the module with extra environment and returns
// its standard output; it fails the test when the script fails.
func runScript(t *testing.T, env []string, script string, args ...string) string {
	t.Helper()
	cmd := exec.Command("bash", append([]string{filepath.Join(moduleRoot(t), script)}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\nstdout:\n%s\nstderr:\n%s", script, strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	t.Logf("%s %s:\n%s", script, strings.Join(args, " "), stdout.String())
	return stdout.String()
}

// table is a markdown table: its header's cells and its rows' cells.
type table struct {
	header []string
	rows   [][]string
}

func (tb table) col(t *testing.T, name string) int {
	t.Helper()
	i := slices.Index(tb.header, name)
	if i < 0 {
		t.Fatalf("no column %q in %q", name, tb.header)
	}
	return i
}

// tables parses the markdown tables of out, in order; every row must have
// as many cells as its header, and the second line must separate them.
func tables(t *testing.T, out string) []table {
	t.Helper()
	var all []table
	var cur *table
	cells := func(line string) []string {
		return strings.Split(strings.TrimSuffix(strings.TrimPrefix(line, "| "), " |"), " | ")
	}
	sep := regexp.MustCompile(`^\|(-+:?\|)+$`)
	lines := strings.Split(out, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if !strings.HasPrefix(line, "|") {
			cur = nil
			continue
		}
		if cur == nil {
			if i+1 >= len(lines) || !sep.MatchString(lines[i+1]) {
				t.Fatalf("table header %q is not followed by a separator line: %q", line, lines[min(i+1, len(lines)-1)])
			}
			all = append(all, table{header: cells(line)})
			cur = &all[len(all)-1]
			if n := strings.Count(lines[i+1], "|") - 1; n != len(cur.header) {
				t.Fatalf("separator %q has %d columns, header %q %d", lines[i+1], n, line, len(cur.header))
			}
			i++
			continue
		}
		row := cells(line)
		if len(row) != len(cur.header) {
			t.Fatalf("row %q has %d cells, its header %d: %q", line, len(row), len(cur.header), cur.header)
		}
		cur.rows = append(cur.rows, row)
	}
	return all
}

func number(t *testing.T, what, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 {
		t.Fatalf("%s: %q is not a number", what, s)
	}
	return f
}

// TestScriptShapesMatchTestplan: both scripts list the shapes of
// testplan.Shapes as their default.
func TestScriptShapesMatchTestplan(t *testing.T) {
	re := regexp.MustCompile(`(?m)^ALL_SHAPES="([^"]*)"$`)
	for _, script := range []string{"scripts/bench.sh", "scripts/peers/run.sh"} {
		src, err := os.ReadFile(filepath.Join(moduleRoot(t), script))
		if err != nil {
			t.Fatal(err)
		}
		m := re.FindSubmatch(src)
		if m == nil {
			t.Fatalf("%s: no ALL_SHAPES=\"…\" line", script)
		}
		if got, want := string(m[1]), strings.Join(testplan.Shapes, ","); got != want {
			t.Errorf("%s: ALL_SHAPES=%q, testplan.Shapes is %q", script, got, want)
		}
	}
}

// TestBenchScript runs scripts/bench.sh on every shape at 20 and 60
// resources: a row per shape, size and step, the plans under the names
// testplan.FileName gives, and the start-up table.
func TestBenchScript(t *testing.T) {
	requireCommands(t, "bash", "/usr/bin/time")
	d := t.TempDir()
	out := runScript(t, []string{"BENCH_DIR=" + d, "BENCH_SIZES=20,60", "BENCH_RUNS=1", "BENCH_SHAPES="}, "scripts/bench.sh")
	tbs := tables(t, out)
	if len(tbs) != 2 {
		t.Fatalf("%d tables, want 2 (shapes × sizes, start-up)", len(tbs))
	}
	main, startup := tbs[0], tbs[1]
	shapeCol, nCol, stepCol := main.col(t, "shape"), main.col(t, "resources"), main.col(t, "step")
	wallCol, rssCol, ratioCol := main.col(t, "wall s"), main.col(t, "max RSS MiB"), main.col(t, "wall × floor")
	steps := []string{"decode floor", "trustcloud inventory --format json", "trustcloud check --format json"}
	var want, got []string
	for _, shape := range testplan.Shapes {
		for _, n := range scriptSizes {
			for _, step := range steps {
				want = append(want, shape+"/"+strconv.Itoa(n)+"/"+step)
			}
			if _, err := os.Stat(filepath.Join(d, testplan.FileName(shape, n))); err != nil {
				t.Errorf("plan of shape %s and %d resources: %v", shape, n, err)
			}
		}
	}
	for _, r := range main.rows {
		got = append(got, r[shapeCol]+"/"+r[nCol]+"/"+r[stepCol])
		number(t, "wall", r[wallCol])
		if number(t, "max RSS", r[rssCol]) == 0 {
			t.Errorf("row %q: no peak RSS", r)
		}
		if r[stepCol] == "decode floor" && r[ratioCol] != "1.00" && r[ratioCol] != "–" {
			t.Errorf("row %q: the floor's ratio to itself is %s", r, r[ratioCol])
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows (shape/resources/step):\n%q\nwant\n%q", got, want)
	}
	if len(startup.rows) != 1 {
		t.Fatalf("start-up table has %d rows, want 1", len(startup.rows))
	}
	r := startup.rows[0]
	if runs := r[startup.col(t, "runs")]; runs != "5" {
		t.Errorf("start-up runs %s, want 5 (BENCH_RUNS=1, at least 5)", runs)
	}
	med, best := number(t, "median", r[startup.col(t, "wall ms, median")]), number(t, "best", r[startup.col(t, "wall ms, best")])
	if best <= 0 || best > med {
		t.Errorf("start-up: best %v ms, median %v ms", best, med)
	}
	if !strings.Contains(r[startup.col(t, "plan")], "10 resources") {
		t.Errorf("start-up plan %q", r[startup.col(t, "plan")])
	}
}

// TestPeersRunShapes runs scripts/peers/run.sh --shapes (all) --sizes 20,60
// with REPEAT=1: a row per tool, shape and size; the start-up row; and the
// targets' table, a row per shape and size whose verdicts follow from its
// numbers.
func TestPeersRunShapes(t *testing.T) {
	requireCommands(t, "bash", "jq", "/usr/bin/time")
	root := moduleRoot(t)
	tmp := t.TempDir()
	tc := filepath.Join(tmp, "trustcloud")
	build := exec.Command("go", "build", "-o", tc, "./cmd/trustcloud")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// conftest and opa when installed (scripts/peers/install.sh), never
	// downloaded here.
	peers := filepath.Join(tmp, "bin")
	if err := os.Mkdir(peers, 0o755); err != nil {
		t.Fatal(err)
	}
	installed := map[string]bool{}
	for _, name := range []string{"conftest", "opa"} {
		p := filepath.Join(root, ".cache", "peers", "bin", name)
		if _, err := os.Stat(p); err == nil {
			if err := os.Symlink(p, filepath.Join(peers, name)); err != nil {
				t.Fatal(err)
			}
			installed[name] = true
		}
	}
	t.Logf("conftest installed: %v, opa installed: %v", installed["conftest"], installed["opa"])
	plans := filepath.Join(tmp, "plans")
	env := []string{"REPEAT=1", "TRUSTCLOUD=" + tc, "PEERS_BIN=" + peers, "PLANS=" + plans, "LOGS=" + filepath.Join(tmp, "logs"),
		"TOOLS=floor trustcloud inventory jq conftest opa"}
	out := runScript(t, env, "scripts/peers/run.sh", "--shapes", strings.Join(testplan.Shapes, ","), "--sizes", "20,60")
	tbs := tables(t, out)
	if len(tbs) != 4 {
		t.Fatalf("%d tables, want 4 (tools, start-up, targets per plan, start-up target)", len(tbs))
	}
	tools, startup, targets, startupTarget := tbs[0], tbs[1], tbs[2], tbs[3]

	// One row per shape, size and tool, in that order.
	names := []string{"decode floor (json.Unmarshal into tfjson.Plan)", "trustcloud check (ours)", "trustcloud inventory (ours)", "jq", "conftest", "opa"}
	toolCol, versionCol, shapeCol, planCol := tools.col(t, "tool"), tools.col(t, "version"), tools.col(t, "shape"), tools.col(t, "plan")
	nCol, wallCol, rssCol, denCol := tools.col(t, "resources"), tools.col(t, "wall (s)"), tools.col(t, "max RSS (MiB)"), tools.col(t, "denials")
	var want, got []string
	for _, shape := range testplan.Shapes {
		for _, n := range scriptSizes {
			for _, name := range names {
				want = append(want, shape+"/"+strconv.Itoa(n)+"/"+name)
			}
		}
	}
	for _, r := range tools.rows {
		got = append(got, r[shapeCol]+"/"+r[nCol]+"/"+r[toolCol])
		n, _ := strconv.Atoi(r[nCol])
		if wantPlan := filepath.Join(plans, testplan.FileName(r[shapeCol], n)); r[planCol] != wantPlan {
			t.Errorf("row %q: plan %s, want %s", r, r[planCol], wantPlan)
		}
		if (r[toolCol] == "conftest" || r[toolCol] == "opa") && !installed[r[toolCol]] {
			if !strings.HasPrefix(r[versionCol], "not installed") || r[wallCol] != "–" || r[rssCol] != "–" {
				t.Errorf("row %q: %s is not installed, the row must say so", r, r[toolCol])
			}
			continue
		}
		number(t, "wall", r[wallCol])
		if number(t, "max RSS", r[rssCol]) == 0 {
			t.Errorf("row %q: no peak RSS", r)
		}
		if r[toolCol] != names[0] && r[toolCol] != names[2] {
			number(t, "denials", r[denCol])
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows (shape/resources/tool):\n%q\nwant\n%q", got, want)
	}

	// Start-up: REPEAT=1, so 5 runs.
	if len(startup.rows) != 1 {
		t.Fatalf("start-up table has %d rows, want 1", len(startup.rows))
	}
	if runs := startup.rows[0][startup.col(t, "runs")]; runs != "5" {
		t.Errorf("start-up runs %s, want 5", runs)
	}
	startMS := number(t, "start-up ms", startup.rows[0][startup.col(t, "wall (ms), median")])
	if startMS == 0 {
		t.Error("start-up: 0 ms")
	}

	// Targets: a row per shape and size, each verdict what its numbers say.
	if len(targets.rows) != len(testplan.Shapes)*len(scriptSizes) {
		t.Errorf("targets: %d rows, want %d", len(targets.rows), len(testplan.Shapes)*len(scriptSizes))
	}
	checks := []struct {
		value, verdict string
		limit          float64
		atMost         bool
	}{
		{"check / floor", "≤ 0.2× floor", 0.2, true},
		{"check max RSS (MB)", "≤ 250 MB", 250, true},
		{"conftest / check", "≥ 10×", 10, false},
		{"check / check at N÷3", "≤ 3.3×", 3.3, true},
	}
	for i, r := range targets.rows {
		if i < len(testplan.Shapes)*len(scriptSizes) {
			shape, n := testplan.Shapes[i/len(scriptSizes)], scriptSizes[i%len(scriptSizes)]
			if r[targets.col(t, "shape")] != shape || r[targets.col(t, "resources")] != strconv.Itoa(n) {
				t.Errorf("targets row %d: %q, want shape %s and %d resources", i, r, shape, n)
			}
		}
		for _, c := range checks {
			v, verdict := r[targets.col(t, c.value)], r[targets.col(t, c.verdict)]
			if v == "–" {
				if verdict != "–" {
					t.Errorf("targets row %q: %s not measured, verdict %q", r, c.value, verdict)
				}
				continue
			}
			x := number(t, c.value, v)
			met := x <= c.limit
			if !c.atMost {
				met = x >= c.limit
			}
			if wantVerdict := map[bool]string{true: "met", false: "not met"}[met]; verdict != wantVerdict {
				t.Errorf("targets row %q: %s %s, verdict %q, want %q", r, c.value, v, verdict, wantVerdict)
			}
		}
		if got := r[targets.col(t, "check max RSS (MB)")]; got == "–" {
			t.Errorf("targets row %q: check's RSS is missing", r)
		}
		// 60 resources against 20, when both times are above 0.00 s.
		third := r[targets.col(t, "check / check at N÷3")]
		if r[targets.col(t, "resources")] != "60" && third != "–" {
			t.Errorf("targets row %q: a ratio to a third of the resources, which were not measured", r)
		}
		if r[targets.col(t, "resources")] == "60" && r[targets.col(t, "check (s)")] != "0.00" && third == "–" {
			t.Errorf("targets row %q: no ratio to the 20-resource plan", r)
		}
		if !installed["conftest"] && r[targets.col(t, "conftest / check")] != "–" {
			t.Errorf("targets row %q: a speed-up against conftest, which is not installed", r)
		}
	}

	// The start-up target.
	if len(startupTarget.rows) != 1 {
		t.Fatalf("start-up target: %d rows, want 1", len(startupTarget.rows))
	}
	r := startupTarget.rows[0]
	if r[0] != "check on a 10-resource plan ≤ 15 ms" {
		t.Errorf("start-up target %q", r[0])
	}
	if wantVerdict := map[bool]string{true: "met", false: "not met"}[startMS <= 15]; r[2] != wantVerdict {
		t.Errorf("start-up target row %q, want %q", r, wantVerdict)
	}
}

// TestBenchScriptBinary runs scripts/bench.sh with BENCH_BINARY=1 at 20
// resources: every shape's configuration is planned by real Terraform
// into exactly 20 resources, the second table has its three rows per
// shape, trustcloud evaluates the expressions from the sources beside the
// JSON plan and from the binary plan's snapshot, and a second run reuses
// the plans instead of planning again.
func TestBenchScriptBinary(t *testing.T) {
	requireCommands(t, "bash", "/usr/bin/time")
	tf := testtf.Terraform(t)
	d := t.TempDir()
	env := []string{"BENCH_DIR=" + d, "BENCH_SIZES=20", "BENCH_RUNS=1", "BENCH_STARTUP_RUNS=1", "BENCH_SHAPES=", "BENCH_BINARY=1", "TERRAFORM=" + tf.Path}
	tbs := tables(t, runScript(t, env, "scripts/bench.sh"))
	if len(tbs) != 3 {
		t.Fatalf("%d tables, want 3 (shapes × sizes, binary-plan variants, start-up)", len(tbs))
	}
	bin := tbs[1]
	shapeCol, nCol, stepCol := bin.col(t, "shape"), bin.col(t, "resources"), bin.col(t, "step (binary-plan variant)")
	var got []string
	for _, r := range bin.rows {
		got = append(got, r[shapeCol]+"/"+r[nCol]+"/"+strings.Fields(r[stepCol])[len(strings.Fields(r[stepCol]))-1])
		number(t, "wall", r[bin.col(t, "wall s")])
	}
	var want []string
	for _, shape := range testplan.Shapes {
		want = append(want, shape+"/20/plan.json", shape+"/20/it)", shape+"/20/snapshot)")
		dir := filepath.Join(d, "binary", shape+"-20")
		data, err := os.ReadFile(filepath.Join(dir, "plan.json"))
		if err != nil {
			t.Fatal(err)
		}
		var plan struct {
			ResourceChanges []json.RawMessage `json:"resource_changes"`
		}
		if err := json.Unmarshal(data, &plan); err != nil {
			t.Fatalf("%s: %v", shape, err)
		}
		if len(plan.ResourceChanges) != 20 {
			t.Errorf("%s: Terraform planned %d resources, want 20", shape, len(plan.ResourceChanges))
		}
		// What the rows measured: check evaluates from the sources.
		for file, sources := range map[string]string{"plan.json": "directory", "plan.tfplan": "binary_plan"} {
			cmd := exec.Command(filepath.Join(d, "bin", "trustcloud"), "check", "--format", "json", "--terraform", tf.Path, file)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+filepath.Join(moduleRoot(t), ".cache", "testprovider", "terraformrc"))
			out, err := cmd.Output()
			var exit *exec.ExitError
			if err != nil && (!errors.As(err, &exit) || exit.ExitCode() != 1) {
				t.Fatalf("%s: check %s: %v", shape, file, err)
			}
			var rep struct {
				Evaluation struct{ Mode, Sources string }
			}
			if err := json.Unmarshal(out, &rep); err != nil {
				t.Fatalf("%s: check %s: %v", shape, file, err)
			}
			if rep.Evaluation.Mode != "sources" || rep.Evaluation.Sources != sources {
				t.Errorf("%s: check %s evaluated %+v, want from the sources (%s)", shape, file, rep.Evaluation, sources)
			}
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("binary-plan rows (shape/resources/step's last word):\n%q\nwant\n%q", got, want)
	}
	// A second run finds the plans up to date.
	cmd := exec.Command("bash", filepath.Join(moduleRoot(t), "scripts", "bench-binary.sh"))
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("bench-binary.sh: %v\n%s", err, stderr.String())
	}
	if strings.Contains(stderr.String(), "planned in") {
		t.Errorf("bench-binary.sh planned again plans that were up to date:\n%s", stderr.String())
	}
}
