package bench

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/report"
	"github.com/trustcloud/trustcloud/internal/testplan"
)

const defaultSizes = "1000,10000"

// sizes reads TRUSTCLOUD_BENCH_SIZES: plan sizes separated by commas or
// spaces.
func sizes(tb testing.TB) []int {
	s := os.Getenv("TRUSTCLOUD_BENCH_SIZES")
	if strings.TrimSpace(s) == "" {
		s = defaultSizes
	}
	var out []int
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			tb.Fatalf("TRUSTCLOUD_BENCH_SIZES=%q: %q is not a positive number of resources", s, f)
		}
		out = append(out, n)
	}
	return out
}

// shapes reads TRUSTCLOUD_BENCH_SHAPES: plan shapes of internal/testplan
// separated by commas or spaces, all of them when unset.
func shapes(tb testing.TB) []string {
	s := os.Getenv("TRUSTCLOUD_BENCH_SHAPES")
	if strings.TrimSpace(s) == "" {
		return testplan.Shapes
	}
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		if !slices.Contains(testplan.Shapes, f) {
			tb.Fatalf("TRUSTCLOUD_BENCH_SHAPES=%q: %q is not a shape (%s)", s, f, strings.Join(testplan.Shapes, ", "))
		}
		out = append(out, f)
	}
	return out
}

// eachPlan runs a sub-benchmark per shape and size, shape/size, with the
// plan's path and size in bytes.
func eachPlan(b *testing.B, run func(b *testing.B, path string, size int64, n int)) {
	d := dir(b)
	for _, shape := range shapes(b) {
		b.Run(shape, func(b *testing.B) {
			for _, n := range sizes(b) {
				path, size := planFile(b, d, shape, n)
				b.Run(strconv.Itoa(n), func(b *testing.B) { run(b, path, size, n) })
			}
		})
	}
}

// dir is where plans are kept: TRUSTCLOUD_BENCH_DIR, or .cache/bench at
// the module root.
func dir(tb testing.TB) string {
	if d := os.Getenv("TRUSTCLOUD_BENCH_DIR"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, ".cache", "bench")
		}
		if filepath.Dir(d) == d {
			tb.Fatalf("no go.mod above %s: set TRUSTCLOUD_BENCH_DIR", wd)
		}
	}
}

// checked remembers the plans already compared with the generator.
var checked sync.Map

// planFile returns the path and size of the plan of a shape and n
// resources, writing it when it is missing or when the generator now
// writes another plan (told by the size, which any change of the generator
// moves).
func planFile(tb testing.TB, dir, shape string, n int) (string, int64) {
	path := filepath.Join(dir, testplan.FileName(shape, n))
	if size, ok := checked.Load(path); ok {
		return path, size.(int64)
	}
	opts := testplan.Options{Resources: n, Shape: shape}
	want, err := testplan.Generate(io.Discard, opts)
	if err != nil {
		tb.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() != want.Bytes {
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			tb.Fatal(err)
		}
		tb.Logf("writing %s (%d resources, shape %s)", path, n, shape)
		if _, err := testplan.WriteFile(path, opts); err != nil {
			tb.Fatal(err)
		}
	}
	checked.Store(path, want.Bytes)
	return path, want.Bytes
}

// decodeFloor reads a plan and decodes it into tfjson.Plan, nothing else.
func decodeFloor(path string) (*tfjson.Plan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p tfjson.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// inventoryOf is what `trustcloud inventory` computes: the plan read with
// the runner's attribute filter, then attributed.
func inventoryOf(path string, cat *catalog.Catalog, pol *policy.Policy) (*inventory.Inventory, error) {
	inv, _, err := check.Inventory(check.Options{Plan: path, Catalog: cat, Policy: pol})
	return inv, err
}

// checkPlan is what `trustcloud check --format json PLAN` computes: the
// runner with the embedded catalog and the default profile, and the JSON
// report rendered as the command line renders it, then discarded. It returns the exit code and the warnings.
func checkPlan(path string) (int, []string, error) {
	res, err := check.Run(check.Options{Plan: path})
	if err != nil {
		return 0, nil, err
	}
	var out counter
	if err := report.Formats["json"].Write(&out, res.Report); err != nil {
		return 0, nil, err
	}
	if out == 0 {
		return 0, nil, errors.New("the json report is empty")
	}
	return res.ExitCode(), res.Warnings, nil
}

// counter is where checkPlan writes the report, as the command line
// writes it to a file or a pipe: it counts the bytes and keeps none (a
// growing buffer would measure its own copies).
type counter int64

func (c *counter) Write(p []byte) (int, error) {
	*c += counter(len(p))
	return len(p), nil
}

func defaults(tb testing.TB) (*catalog.Catalog, *policy.Policy) {
	cat, err := catalog.Load("")
	if err != nil {
		tb.Fatal(err)
	}
	pol, diags := policy.Load("")
	if diags.HasErrors() {
		tb.Fatal(policy.FormatDiagnostics(diags))
	}
	return cat, pol
}

// throughput reports MB of plan JSON and resources per second.
func throughput(b *testing.B, bytes int64, resources int) {
	perOp := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(bytes)/1e6/perOp, "MB/s")
	b.ReportMetric(float64(resources)/perOp, "resources/s")
}

func BenchmarkDecodeFloor(b *testing.B) {
	eachPlan(b, func(b *testing.B, path string, size int64, n int) {
		b.ReportAllocs()
		for b.Loop() {
			p, err := decodeFloor(path)
			if err != nil {
				b.Fatal(err)
			}
			if len(p.ResourceChanges) != n {
				b.Fatalf("%d resource changes, want %d", len(p.ResourceChanges), n)
			}
		}
		throughput(b, size, n)
	})
}

func BenchmarkInventory(b *testing.B) {
	cat, pol := defaults(b)
	eachPlan(b, func(b *testing.B, path string, size int64, n int) {
		b.ReportAllocs()
		for b.Loop() {
			inv, err := inventoryOf(path, cat, pol)
			if err != nil {
				b.Fatal(err)
			}
			if len(inv.Resources) != n {
				b.Fatalf("%d resources, want %d", len(inv.Resources), n)
			}
		}
		throughput(b, size, n)
	})
}

func BenchmarkCheck(b *testing.B) {
	eachPlan(b, func(b *testing.B, path string, size int64, n int) {
		b.ReportAllocs()
		for b.Loop() {
			// The plans of every shape have findings at level high:
			// exit code 1.
			if code, _, err := checkPlan(path); err != nil || code != check.ExitFindings {
				b.Fatalf("exit code %d, want %d: %v", code, check.ExitFindings, err)
			}
		}
		throughput(b, size, n)
	})
}

// TestPipelines runs what the benchmarks measure once, on a small plan in a
// temporary directory, so that `go test` checks the benchmarks still
// measure working code.
func TestPipelines(t *testing.T) {
	d := t.TempDir()
	for _, shape := range testplan.Shapes {
		t.Run(shape, func(t *testing.T) { pipelines(t, d, shape) })
	}
}

func pipelines(t *testing.T, dir, shape string) {
	const n = 300
	path, _ := planFile(t, dir, shape, n)
	p, err := decodeFloor(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.ResourceChanges) != n {
		t.Errorf("decode: %d resource changes, want %d", len(p.ResourceChanges), n)
	}
	cat, pol := defaults(t)
	inv, err := inventoryOf(path, cat, pol)
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Resources) != n || inv.Summary.ByStatus[inventory.StatusUnknown] != 0 {
		t.Errorf("inventory: %d resources, %d unknown locations; want %d and 0", len(inv.Resources), inv.Summary.ByStatus[inventory.StatusUnknown], n)
	}
	if code, warnings, err := checkPlan(path); err != nil || code != check.ExitFindings || len(warnings) > 0 {
		t.Errorf("check: exit code %d, warnings %q, error %v; want %d, none and none", code, warnings, err, check.ExitFindings)
	}
}

func TestShapes(t *testing.T) {
	for _, tc := range []struct {
		env  string
		want []string
	}{
		{"", testplan.Shapes},
		{"flat-wide", []string{"flat-wide"}},
		{"default, findings-heavy", []string{"default", "findings-heavy"}},
	} {
		t.Run(tc.env, func(t *testing.T) {
			t.Setenv("TRUSTCLOUD_BENCH_SHAPES", tc.env)
			if got := shapes(t); !slices.Equal(got, tc.want) {
				t.Errorf("shapes = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSizes(t *testing.T) {
	for _, tc := range []struct {
		env  string
		want []int
	}{
		{"", []int{1000, 10000}},
		{"1000,10000,100000,300000", []int{1000, 10000, 100000, 300000}},
		{"500 2000", []int{500, 2000}},
	} {
		t.Run(tc.env, func(t *testing.T) {
			t.Setenv("TRUSTCLOUD_BENCH_SIZES", tc.env)
			if got := sizes(t); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("sizes = %v, want %v", got, tc.want)
			}
		})
	}
}
