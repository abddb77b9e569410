package tfconfig

import (
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// FromJSON converts a value decoded from plan JSON (map[string]any, []any,
// string, float64, bool, nil) into a cty value: objects become objects,
// arrays tuples, as Terraform's own JSON decoding of dynamic values does.
func FromJSON(v any) cty.Value { return FromPlanned(v, nil) }

// FromPlanned converts a resource's planned values with their
// after_unknown markers: a true marker makes the value at that place
// unknown.
func FromPlanned(v, unknown any) cty.Value {
	return fromPlanned(v, unknown, 0)
}

// maxValueDepth bounds conversion of hostile, deeply nested values.
const maxValueDepth = 128

func fromPlanned(v, unknown any, depth int) cty.Value {
	if b, ok := unknown.(bool); ok && b {
		return cty.DynamicVal
	}
	if depth > maxValueDepth {
		return cty.DynamicVal
	}
	switch t := v.(type) {
	case nil:
		return cty.NullVal(cty.DynamicPseudoType)
	case string:
		return cty.StringVal(t)
	case bool:
		return cty.BoolVal(t)
	case float64:
		return cty.NumberFloatVal(t)
	case int:
		return cty.NumberIntVal(int64(t))
	case []any:
		u, _ := unknown.([]any)
		if len(t) == 0 {
			return cty.EmptyTupleVal
		}
		elems := make([]cty.Value, len(t))
		for i, e := range t {
			var ue any
			if i < len(u) {
				ue = u[i]
			}
			elems[i] = fromPlanned(e, ue, depth+1)
		}
		return cty.TupleVal(elems)
	case map[string]any:
		attrs := make(map[string]cty.Value, len(t))
		for k, e := range t {
			attrs[k] = fromPlanned(e, field(unknown, k), depth+1)
		}
		// Attributes only the unknown markers name are unknown.
		if um, ok := unknown.(map[string]any); ok {
			for k, u := range um {
				if _, has := t[k]; !has {
					if b, ok := u.(bool); ok && b {
						attrs[k] = cty.DynamicVal
					}
				}
			}
		}
		return cty.ObjectVal(attrs)
	}
	if m, ok := asMap(v); ok {
		return fromPlanned(m, unknown, depth)
	}
	return cty.DynamicVal
}

// Mapper is implemented by the plan reader's compact attribute lists, so
// that they convert without a copy into a map first.
type Mapper interface {
	AsMap() map[string]any
}

func asMap(v any) (map[string]any, bool) {
	if m, ok := v.(Mapper); ok {
		return m.AsMap(), true
	}
	return nil, false
}

func field(v any, name string) any {
	switch t := v.(type) {
	case map[string]any:
		return t[name]
	case Mapper:
		return t.AsMap()[name]
	}
	return nil
}

// ToJSON converts a wholly known cty value into the JSON-like values the
// plan reader works with: string, float64, bool, nil, []any and
// map[string]any. ok is false when the value is not wholly known.
func ToJSON(v cty.Value) (any, bool) {
	v, _ = v.UnmarkDeep()
	if !v.IsWhollyKnown() {
		return nil, false
	}
	if v.IsNull() {
		return nil, true
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return v.AsString(), true
	case t == cty.Number:
		f, _ := v.AsBigFloat().Float64()
		return f, true
	case t == cty.Bool:
		return v.True(), true
	case t.IsListType() || t.IsSetType() || t.IsTupleType():
		out := []any{}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			j, _ := ToJSON(e)
			out = append(out, j)
		}
		return out, true
	case t.IsMapType() || t.IsObjectType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			j, _ := ToJSON(e)
			out[k.AsString()] = j
		}
		return out, true
	}
	return nil, false
}

// Render writes a value for evidence, as HCL would show it: strings
// quoted, collections in brackets, an unknown value as (known after
// apply). Long renderings are cut.
func Render(v cty.Value) string {
	var b strings.Builder
	render(&b, v, 0)
	s := b.String()
	if len(s) > 160 {
		s = strings.ToValidUTF8(s[:157], "") + "…"
	}
	return s
}

func render(b *strings.Builder, v cty.Value, depth int) {
	v, marks := v.Unmark()
	_ = marks
	if b.Len() > 200 || depth > 8 {
		b.WriteString("…")
		return
	}
	if !v.IsKnown() {
		b.WriteString("(known after apply)")
		return
	}
	if v.IsNull() {
		b.WriteString("null")
		return
	}
	t := v.Type()
	switch {
	case t == cty.String:
		fmt.Fprintf(b, "%q", v.AsString())
	case t == cty.Number:
		bf := v.AsBigFloat()
		if bf.IsInt() {
			i, _ := bf.Int(new(big.Int))
			b.WriteString(i.String())
		} else {
			b.WriteString(bf.Text('g', -1))
		}
	case t == cty.Bool:
		fmt.Fprint(b, v.True())
	case t.IsListType() || t.IsSetType() || t.IsTupleType():
		b.WriteString("[")
		i := 0
		for it := v.ElementIterator(); it.Next(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			_, e := it.Element()
			render(b, e, depth+1)
		}
		b.WriteString("]")
	case t.IsMapType() || t.IsObjectType():
		b.WriteString("{")
		var keys []string
		m := map[string]cty.Value{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			keys = append(keys, k.AsString())
			m[k.AsString()] = e
		}
		sort.Strings(keys)
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(b, "%s = ", k)
			render(b, m[k], depth+1)
		}
		b.WriteString("}")
	default:
		b.WriteString(t.FriendlyName())
	}
}
