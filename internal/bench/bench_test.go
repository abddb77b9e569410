package bench

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/cli"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/policy"
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

// planFile returns the path and size of the plan of n resources, writing
// it when it is missing or when the generator now writes another plan
// (told by the size, which any change of the generator moves).
func planFile(tb testing.TB, dir string, n int) (string, int64) {
	path := filepath.Join(dir, fmt.Sprintf("plan-%d.json", n))
	if size, ok := checked.Load(path); ok {
		return path, size.(int64)
	}
	want, err := testplan.Generate(io.Discard, testplan.Options{Resources: n})
	if err != nil {
		tb.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() != want.Bytes {
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			tb.Fatal(err)
		}
		tb.Logf("writing %s (%d resources)", path, n)
		if _, err := testplan.WriteFile(path, testplan.Options{Resources: n}); err != nil {
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

// inventory is what `trustcloud inventory` computes: the plan read with
// the CLI's attribute filter, then attributed.
func inventoryOf(path string, cat *catalog.Catalog, pol *policy.Policy) (*inventory.Inventory, error) {
	p, name, err := planfile.Load(path, planfile.LoadOptions{Keep: inventory.KeepFor(cat)})
	if err != nil {
		return nil, err
	}
	inv, _ := inventory.Build(p, name, cat, pol)
	return inv, nil
}

// check runs `trustcloud check --format json PLAN` with the report
// discarded and returns the exit code and what was written on stderr.
func check(path string) (int, string) {
	var stderr strings.Builder
	code := cli.Run([]string{"trustcloud", "check", "--format", "json", path}, nil, io.Discard, &stderr)
	return code, stderr.String()
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

// report adds throughput: MB of plan JSON and resources per second.
func report(b *testing.B, bytes int64, resources int) {
	perOp := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(bytes)/1e6/perOp, "MB/s")
	b.ReportMetric(float64(resources)/perOp, "resources/s")
}

func BenchmarkDecodeFloor(b *testing.B) {
	d := dir(b)
	for _, n := range sizes(b) {
		path, size := planFile(b, d, n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
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
			report(b, size, n)
		})
	}
}

func BenchmarkInventory(b *testing.B) {
	d := dir(b)
	cat, pol := defaults(b)
	for _, n := range sizes(b) {
		path, size := planFile(b, d, n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
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
			report(b, size, n)
		})
	}
}

func BenchmarkCheck(b *testing.B) {
	d := dir(b)
	for _, n := range sizes(b) {
		path, size := planFile(b, d, n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				// The plans have findings at level high: exit code 1.
				if code, stderr := check(path); code != cli.ExitFindings {
					b.Fatalf("exit code %d, want %d: %s", code, cli.ExitFindings, stderr)
				}
			}
			report(b, size, n)
		})
	}
}

// TestPipelines runs what the benchmarks measure once, on a small plan in a
// temporary directory, so that `go test` checks the benchmarks still
// measure working code.
func TestPipelines(t *testing.T) {
	const n = 300
	path, _ := planFile(t, t.TempDir(), n)
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
	if code, stderr := check(path); code != cli.ExitFindings || stderr != "" {
		t.Errorf("check: exit code %d, stderr %q; want %d and nothing", code, stderr, cli.ExitFindings)
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
