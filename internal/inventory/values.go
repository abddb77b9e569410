package inventory

import (
	"fmt"
	"strings"
	"sync"

	"github.com/trustcloud/trustcloud/internal/i18n"

	"github.com/trustcloud/trustcloud/internal/planfile"
)

// field returns a member of an object value (nil when absent or v is not
// an object).
func field(v any, name string) any {
	switch t := v.(type) {
	case map[string]any:
		return t[name]
	case planfile.Attrs:
		e, _ := t.Get(name)
		return e
	}
	return nil
}

// pathValue is one value found at an attribute path.
type pathValue struct {
	value   any
	unknown bool
	// at is the concrete path, with list indexes ("nodes[1].region").
	at string
}

// lookupPath returns the values at a catalog attribute path such as
// "region", "api.region" or "nodes[].region" in a resource's values, and
// whether each is unknown until apply (from after_unknown).
func lookupPath(values, unknown any, path string) []pathValue {
	return walkPath(nil, values, unknown, pathSteps(path), "")
}

// steps holds the steps of each path lookupPath was given: a few dozen
// catalog paths, looked up for every resource.
var steps sync.Map

// pathSteps returns path cut at its dots.
func pathSteps(path string) []string {
	if s, ok := steps.Load(path); ok {
		return s.([]string)
	}
	s := strings.Split(path, ".")
	steps.Store(path, s)
	return s
}

// walkPath appends to out the values at the steps segs from value v, u its after_unknown
// counterpart, at the concrete path at: a step written "name[]" goes into
// every element of a list, and an unknown value on the way is the only
// value found there, unknown.
func walkPath(out []pathValue, v, u any, segs []string, at string) []pathValue {
	if len(segs) == 0 {
		return endPath(out, v, u, at)
	}
	seg := segs[0]
	each := strings.HasSuffix(seg, "[]")
	name := strings.TrimSuffix(seg, "[]")
	if b, ok := u.(bool); ok && b {
		return append(out, pathValue{unknown: true, at: joinAt(at, name)})
	}
	child, uchild := field(v, name), field(u, name)
	if child == nil && uchild == nil {
		return out
	}
	next := joinAt(at, name)
	list, isList := child.([]any)
	// Blocks written once (api { region = … }) are lists of one object
	// in plan JSON: step into them whether or not the path says [].
	if each || (isList && len(segs) > 1) {
		if b, ok := uchild.(bool); ok && b {
			return append(out, pathValue{unknown: true, at: next})
		}
		ulist, _ := uchild.([]any)
		for i, e := range list {
			var ue any
			if i < len(ulist) {
				ue = ulist[i]
			}
			out = walkPath(out, e, ue, segs[1:], fmt.Sprintf("%s[%d]", next, i))
		}
		return out
	}
	return walkPath(out, child, uchild, segs[1:], next)
}

// endPath appends the value at the end of the path: unknown, every element
// of a non-empty list at its index (an unknown element as unknown, a null
// one left out), or the value itself when it is not null.
func endPath(out []pathValue, v, u any, at string) []pathValue {
	if b, ok := u.(bool); ok && b {
		return append(out, pathValue{unknown: true, at: at})
	}
	if list, ok := v.([]any); ok && len(list) > 0 {
		// Every value of a list, each at its index.
		ulist, _ := u.([]any)
		for i, e := range list {
			var ue any
			if i < len(ulist) {
				ue = ulist[i]
			}
			if b, ok := ue.(bool); ok && b {
				out = append(out, pathValue{unknown: true, at: fmt.Sprintf("%s[%d]", at, i)})
			} else if e != nil {
				out = append(out, pathValue{value: e, at: fmt.Sprintf("%s[%d]", at, i)})
			}
		}
		return out
	}
	if v != nil {
		out = append(out, pathValue{value: v, at: at})
	}
	return out
}

func joinAt(at, name string) string {
	if at == "" {
		return name
	}
	return at + "." + name
}

// stringsOf returns the non-empty strings of a value: the value itself, or
// the elements of a list of strings.
func stringsOf(v any) []string {
	switch t := v.(type) {
	case string:
		if strings.TrimSpace(t) != "" {
			return []string{t}
		}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok && strings.TrimSpace(s) != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// quote renders a value for evidence.
func quote(v any) string {
	switch t := v.(type) {
	case string:
		return fmt.Sprintf("%q", t)
	case nil:
		return "null"
	}
	return fmt.Sprint(v)
}

// orList is a list of names joined by "or" in the report's language.
type orList []string

// In renders the list in a language.
func (o orList) In(l i18n.Lang) string { return strings.Join(o, i18n.T(l, "ev.or")) }
