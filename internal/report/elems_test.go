package report

import (
	"bytes"
	"fmt"
	"iter"
	"strconv"
	"testing"
)

// renderWith renders n elements with the given number of workers, the
// element of index failAt (if ≥ 0) failing, and returns the bytes
// emitted, the count, how many elements the list yielded and the error.
func renderWith(t *testing.T, workers, n, failAt int) (out string, count, yielded int, err error) {
	t.Helper()
	saved := renderWorkers
	renderWorkers = func() int { return workers }
	defer func() { renderWorkers = saved }()
	list := iter.Seq[int](func(yield func(int) bool) {
		for i := range n {
			yielded++
			if !yield(i) {
				return
			}
		}
	})
	var buf bytes.Buffer
	emits := 0
	count, err = appendElems(list, 2, func(b *jsonBuf, v int) {
		if v == failAt {
			b.err = fmt.Errorf("element %d", v)
			return
		}
		b.open('{')
		b.str("id", strconv.Itoa(v))
		b.strs("tags", []string{"a", strconv.Itoa(v * 7)})
		b.close('}')
	}, func(p []byte) { emits++; buf.Write(p) })
	if err == nil && n > 0 && emits == 0 {
		t.Errorf("%d elements, nothing emitted", n)
	}
	return buf.String(), count, yielded, err
}

// TestAppendElemsParallel: rendered by several workers in batches, a
// list's bytes are those rendered one element at a time in the caller,
// in the same order, at every size around the batch size.
func TestAppendElemsParallel(t *testing.T) {
	for _, n := range []int{0, 1, 2, elemBatch - 1, elemBatch, elemBatch + 1, 3*elemBatch + 17, 40 * elemBatch} {
		want, wantN, _, err := renderWith(t, 0, n, -1)
		if err != nil || wantN != n {
			t.Fatalf("n=%d sequential: %d elements, %v", n, wantN, err)
		}
		for _, workers := range []int{1, 2, 4} {
			got, gotN, _, err := renderWith(t, workers, n, -1)
			if err != nil || gotN != n {
				t.Fatalf("n=%d, %d workers: %d elements, %v", n, workers, gotN, err)
			}
			if got != want {
				t.Errorf("n=%d, %d workers: bytes differ from the sequential rendering (%d vs %d bytes)", n, workers, len(got), len(want))
			}
		}
	}
	if got, _, _, _ := renderWith(t, 2, 3, -1); got != "\n    {\n      \"id\": \"0\",\n      \"tags\": [\n        \"a\",\n        \"0\"\n      ]\n    },\n    {\n      \"id\": \"1\",\n      \"tags\": [\n        \"a\",\n        \"7\"\n      ]\n    },\n    {\n      \"id\": \"2\",\n      \"tags\": [\n        \"a\",\n        \"14\"\n      ]\n    }" {
		t.Errorf("three elements at depth 2:\n%s", got)
	}
}

// TestAppendElemsError: an element that fails stops the rendering with
// its error, nothing of its batch or after is emitted, and the list is
// not read to its end.
func TestAppendElemsError(t *testing.T) {
	const n = 200 * elemBatch
	for _, workers := range []int{0, 2} {
		for _, failAt := range []int{0, 10, elemBatch + 3} {
			out, count, yielded, err := renderWith(t, workers, n, failAt)
			if err == nil || err.Error() != fmt.Sprintf("element %d", failAt) {
				t.Errorf("%d workers, failing at %d: error %v", workers, failAt, err)
			}
			if bytes.Contains([]byte(out), []byte(fmt.Sprintf(`"id": "%d"`, failAt+1))) || count > failAt {
				t.Errorf("%d workers, failing at %d: %d elements emitted, some at or after the failure", workers, failAt, count)
			}
			if yielded >= n/2 {
				t.Errorf("%d workers, failing at %d: the list was read on after the error (%d of %d elements)", workers, failAt, yielded, n)
			}
		}
	}
}

// TestAppendElemsPanic: a panic while rendering an element, or in the
// list itself, reaches the caller's goroutine with its value (where the
// command line's crash report recovers it), whatever the number of
// workers, and nothing after it is emitted.
func TestAppendElemsPanic(t *testing.T) {
	for _, workers := range []int{0, 2} {
		for _, where := range []string{"element", "list"} {
			saved := renderWorkers
			renderWorkers = func() int { return workers }
			var got any
			emitted := 0
			func() {
				defer func() { got = recover() }()
				list := iter.Seq[int](func(yield func(int) bool) {
					for i := range 10 * elemBatch {
						if where == "list" && i == elemBatch+5 {
							panic("boom in list")
						}
						if !yield(i) {
							return
						}
					}
				})
				_, _ = appendElems(list, 1, func(b *jsonBuf, v int) {
					if where == "element" && v == 3*elemBatch+1 {
						panic("boom in element")
					}
					b.str("id", strconv.Itoa(v))
				}, func(p []byte) { emitted += bytes.Count(p, []byte(`"id"`)) })
			}()
			renderWorkers = saved
			if want := "boom in " + where; got != want {
				t.Errorf("%d workers, panic in the %s: recovered %v, want %q", workers, where, got, want)
			}
			limit := 3*elemBatch + 1
			if where == "list" {
				limit = elemBatch + 5
			}
			if emitted > limit {
				t.Errorf("%d workers, panic in the %s: %d elements emitted, at most %d before it", workers, where, emitted, limit)
			}
		}
	}
}
