package catalog

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// minimalFile is the smallest valid catalog; validation tests mutate copies
// of it.
const minimalFile = "testdata/minimal.json"

// where is the place of one catalog error, the part tests compare exactly.
type where struct {
	File string
	Path string
}

// catalogErrors returns every *Error in err, found with errors.As.
func catalogErrors(t *testing.T, err error) []*Error {
	t.Helper()
	var list Errors
	if errors.As(err, &list) {
		return list
	}
	var one *Error
	if errors.As(err, &one) {
		return []*Error{one}
	}
	t.Fatalf("error %v (%T) is neither catalog.Errors nor *catalog.Error", err, err)
	return nil
}

func places(es []*Error) []where {
	out := make([]where, len(es))
	for i, e := range es {
		out[i] = where{e.File, e.Path}
	}
	return out
}

// minimalDoc returns a fresh generic copy of testdata/minimal.json.
func minimalDoc(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile(minimalFile)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", minimalFile, err)
	}
	return doc
}

// raw decodes a JSON literal, for values written the way a catalog file
// writes them.
func raw(s string) any {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		panic(fmt.Sprintf("raw(%q): %v", s, err))
	}
	return v
}

type removed struct{}

// remove, as an edit value, deletes an object member.
var remove = removed{}

// edit sets the value at a JSON path such as $.offers[0].status in a
// generically decoded document; "[+]" as the last step appends to a list,
// and the value remove deletes an object member.
type edit struct {
	path  string
	value any
}

func applyEdits(t *testing.T, doc map[string]any, edits []edit) {
	t.Helper()
	for _, e := range edits {
		steps, err := splitPath(e.path)
		if err == nil {
			_, err = setPath(doc, steps, e.value)
		}
		if err != nil {
			t.Fatalf("edit %s: %v", e.path, err)
		}
	}
}

// setPath sets the value at steps below node and returns the new node (a
// list grows when appended to).
func setPath(node any, steps []string, value any) (any, error) {
	if len(steps) == 0 {
		return value, nil
	}
	s := steps[0]
	switch n := node.(type) {
	case map[string]any:
		if len(steps) == 1 && value == remove {
			delete(n, s)
			return n, nil
		}
		child, ok := n[s]
		if !ok && len(steps) > 1 {
			return nil, fmt.Errorf("no member %q", s)
		}
		v, err := setPath(child, steps[1:], value)
		if err != nil {
			return nil, err
		}
		n[s] = v
		return n, nil
	case []any:
		if s == "+" && len(steps) == 1 {
			return append(n, value), nil
		}
		i, err := strconv.Atoi(s)
		if err != nil || i < 0 || i >= len(n) {
			return nil, fmt.Errorf("bad index %q", s)
		}
		v, err := setPath(n[i], steps[1:], value)
		if err != nil {
			return nil, err
		}
		n[i] = v
		return n, nil
	}
	return nil, fmt.Errorf("cannot step %q into %T", s, node)
}

// splitPath turns $.a[1].b into ["a", "1", "b"].
func splitPath(p string) ([]string, error) {
	if !strings.HasPrefix(p, "$.") {
		return nil, fmt.Errorf("path %q does not start with $.", p)
	}
	var steps []string
	for _, part := range strings.Split(strings.TrimPrefix(p, "$."), ".") {
		name, rest, _ := strings.Cut(part, "[")
		steps = append(steps, name)
		for rest != "" {
			idx, after, ok := strings.Cut(rest, "]")
			if !ok {
				return nil, fmt.Errorf("path %q: unclosed [", p)
			}
			steps = append(steps, idx)
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return steps, nil
}

// buildDoc marshals a generic document and runs it through Parse and New, as
// a catalog file named name.
func buildDoc(t *testing.T, name string, doc map[string]any) (*Catalog, error) {
	t.Helper()
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := Parse(name, data)
	if err != nil {
		return nil, err
	}
	return New(Named{Name: name, Doc: parsed})
}

// minimalCatalog builds testdata/minimal.json after the edits, failing the
// test if it does not load.
func minimalCatalog(t *testing.T, edits ...edit) *Catalog {
	t.Helper()
	doc := minimalDoc(t)
	applyEdits(t, doc, edits)
	c, err := buildDoc(t, minimalFile, doc)
	if err != nil {
		t.Fatalf("minimal catalog with %v does not load:\n%v", edits, err)
	}
	return c
}

func defaultCatalogT(t *testing.T) *Catalog {
	t.Helper()
	c, err := Default()
	if err != nil {
		t.Fatalf("the embedded catalog does not load:\n%v", err)
	}
	return c
}

func ptr[T any](v T) *T { return &v }
