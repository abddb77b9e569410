package planfile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/testcorpus"
	"github.com/trustcloud/trustcloud/internal/testplan"
)

// readWith reads src with the given number of change workers (0: on one
// core) and batch limits.
func readWith(t testing.TB, src []byte, workers, bytesPerBatch, changesPerBatch int) (*tfjson.Plan, error) {
	t.Helper()
	w, bb, bc := parallelWorkers, batchBytes, batchChanges
	parallelWorkers = func() int { return workers }
	batchBytes, batchChanges = bytesPerBatch, changesPerBatch
	defer func() { parallelWorkers, batchBytes, batchChanges = w, bb, bc }()
	return decode("plan.json", bytes.NewReader(src), LoadOptions{Keep: keepSome})
}

// sameReading fails when reading src on other cores, in batches of every
// size from one change up, gives another plan or another error than
// reading it on one core.
func sameReading(t *testing.T, name string, src []byte) {
	t.Helper()
	want, wantErr := readWith(t, src, 0, 0, 0)
	for _, cut := range []struct{ workers, bytes, changes int }{
		{1, 1 << 30, 1}, {3, 1 << 30, 2}, {2, 1 << 30, 7}, {4, 1, 1 << 30}, {2, 4096, 1 << 30}, {2, 1 << 30, 1 << 30},
	} {
		got, gotErr := readWith(t, src, cut.workers, cut.bytes, cut.changes)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Errorf("%s, %d workers, batches of %d bytes or %d changes: error\n  %v\nwant (one core)\n  %v", name, cut.workers, cut.bytes, cut.changes, gotErr, wantErr)
			continue
		}
		if wantErr == nil {
			if d := cmp.Diff(asJSON(t, want), asJSON(t, got)); d != "" {
				t.Errorf("%s, %d workers, batches of %d bytes or %d changes: plan differs from one core's (-one core +parallel):\n%s", name, cut.workers, cut.bytes, cut.changes, d)
			}
		}
	}
}

// TestParallelChangesMatchOneCoreOnTheCorpus: the same on the real plans of
// public projects, many of them written over several lines (positions
// of errors then count lines), some of them with errors of their own.
func TestParallelChangesMatchOneCoreOnTheCorpus(t *testing.T) {
	plans, err := filepath.Glob(filepath.Join(testcorpus.Dir(t), "*.json"))
	if err != nil || len(plans) < 50 {
		t.Fatalf("corpus plans: %d found, %v", len(plans), err)
	}
	for _, p := range plans {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sameReading(t, filepath.Base(p), data)
		// Cut in the middle of its resource changes.
		if i := bytes.Index(data, []byte(`"resource_changes"`)); i >= 0 {
			sameReading(t, filepath.Base(p)+" cut", data[:i+(len(data)-i)/3])
		}
	}
}

// TestParallelChangesMatchOneCore: the resource changes decoded on other
// cores are those read on one core, in order, for every scenario plan and
// generated shapes; and a broken plan gets the same error, at the same
// place, whichever change the break is in and however the batches fall.
func TestParallelChangesMatchOneCore(t *testing.T) {
	plans, err := filepath.Glob("../../testdata/scenarios/*/plan.json")
	if err != nil || len(plans) < 20 {
		t.Fatalf("scenario plans: %d found, %v", len(plans), err)
	}
	var srcs [][]byte
	for _, p := range plans {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sameReading(t, p, data)
		srcs = append(srcs, data)
	}
	for _, shape := range testplan.Shapes {
		var buf bytes.Buffer
		if _, err := testplan.Generate(&buf, testplan.Options{Resources: 300, Shape: shape}); err != nil {
			t.Fatal(err)
		}
		sameReading(t, "generated "+shape, buf.Bytes())
	}
	// Broken plans: cut short, a name twice, a change that is not an
	// object, a bad value — in the first, a middle and the last change.
	src := srcs[0]
	start := bytes.Index(src, []byte(`"resource_changes":[`))
	if start < 0 {
		t.Fatalf("%s has no resource changes", plans[0])
	}
	for _, at := range []int{start + 21, start + 200, start + len(src[start:])/2, len(src) - 300} {
		sameReading(t, fmt.Sprintf("cut at byte %d", at), src[:at])
		sameReading(t, fmt.Sprintf("bad byte at %d", at), splice(src, at, 1, "\x01"))
	}
	for _, edit := range []struct{ name, old, new string }{
		{"name twice", `"address":`, `"address":"x","address":`},
		{"not an object", `"resource_changes":[`, `"resource_changes":[42,`},
		{"bad number", `"actions":[`, `"actions":[01,`},
		{"name twice in after", `"after":{`, `"after":{"region":"a","region":"b",`},
		{"other case", `"address":`, `"Address":"x","address":`},
	} {
		for n := 1; n <= 3; n++ {
			sameReading(t, fmt.Sprintf("%s (occurrence %d)", edit.name, n), replaceNth(src, edit.old, edit.new, n))
		}
	}
}

// asJSON is the plan as JSON, one resource change per line, for a diff.
func asJSON(t testing.TB, p *tfjson.Plan) string {
	t.Helper()
	var sb strings.Builder
	for _, rc := range p.ResourceChanges {
		b, err := json.Marshal(rc)
		if err != nil {
			t.Fatal(err)
		}
		sb.Write(b)
		sb.WriteByte('\n')
	}
	rest := *p
	rest.ResourceChanges = nil
	b, err := json.Marshal(&rest)
	if err != nil {
		t.Fatal(err)
	}
	sb.Write(b)
	return sb.String()
}

func splice(src []byte, at, n int, with string) []byte {
	out := append([]byte{}, src[:at]...)
	out = append(out, with...)
	return append(out, src[at+n:]...)
}

// replaceNth replaces the n-th occurrence of old in src (src when there
// are fewer).
func replaceNth(src []byte, old, new string, n int) []byte {
	i := -1
	for ; n > 0; n-- {
		j := bytes.Index(src[i+1:], []byte(old))
		if j < 0 {
			return src
		}
		i += j + 1
	}
	return splice(src, i, len(old), new)
}

// FuzzParallelChanges: whatever the input, reading it on other cores in
// small batches gives what reading it on one core gives.
func FuzzParallelChanges(f *testing.F) {
	plans, _ := filepath.Glob("../../testdata/scenarios/*/plan.json")
	for _, p := range plans[:min(len(plans), 8)] {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[{"address":"a.b","change":{"after":{"a":1,"a":2}}},3]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		want, wantErr := readWith(t, src, 0, 0, 0)
		got, gotErr := readWith(t, src, 2, 64, 2)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Fatalf("parallel error %v, one core %v", gotErr, wantErr)
		}
		if wantErr == nil {
			if d := cmp.Diff(asJSON(t, want), asJSON(t, got)); d != "" {
				t.Fatalf("plans differ (-one core +parallel):\n%s", d)
			}
		}
	})
}
