package testplan

import (
	"bufio"
	"cmp"
	"slices"
	"strconv"
)

// The generator writes JSON by hand, progressively, from small per-resource
// values: the whole plan never exists in memory.

// field is one attribute of an object value.
type field struct {
	k string
	v any
}

// obj is an object (a resource's values, a nested block, a tag map) with its
// keys sorted, as Terraform writes them. Values are string, int, bool, nil,
// obj, []any, []string or expr.
type obj []field

// o builds an object from key/value pairs and sorts it.
func o(kv ...any) obj {
	out := make(obj, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, field{kv[i].(string), kv[i+1]})
	}
	return out.sorted()
}

func (m obj) sorted() obj {
	slices.SortFunc(m, func(a, b field) int { return cmp.Compare(a.k, b.k) })
	return m
}

// get returns the value of a key.
func (m obj) get(k string) (any, bool) {
	for _, f := range m {
		if f.k == k {
			return f.v, true
		}
	}
	return nil, false
}

// with returns a copy of m with k set to v.
func (m obj) with(k string, v any) obj {
	out := make(obj, 0, len(m)+1)
	set := false
	for _, f := range m {
		if f.k == k {
			f.v, set = v, true
		}
		out = append(out, f)
	}
	if !set {
		out = append(out, field{k, v})
		out.sorted()
	}
	return out
}

// without returns a copy of m without the keys in drop.
func (m obj) without(drop []string) obj {
	out := make(obj, 0, len(m))
	for _, f := range m {
		if !slices.Contains(drop, f.k) {
			out = append(out, f)
		}
	}
	return out
}

// jsonWriter writes JSON tokens to a buffered writer and counts the bytes.
type jsonWriter struct {
	w       *bufio.Writer
	scratch []byte
	n       int64
	err     error
}

func (j *jsonWriter) raw(s string) {
	if j.err != nil {
		return
	}
	n, err := j.w.WriteString(s)
	j.n += int64(n)
	j.err = err
}

func (j *jsonWriter) bytes(b []byte) {
	if j.err != nil {
		return
	}
	n, err := j.w.Write(b)
	j.n += int64(n)
	j.err = err
}

// str writes a JSON string. Terraform escapes <, > and & as \u003c …, like
// encoding/json.
func (j *jsonWriter) str(s string) {
	b := append(j.scratch[:0], '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c < 0x20 || c == '<' || c == '>' || c == '&':
			b = append(b, '\\', 'u', '0', '0', hexDigit(c>>4), hexDigit(c&0xf))
		default:
			b = append(b, c)
		}
	}
	b = append(b, '"')
	j.scratch = b
	j.bytes(b)
}

func hexDigit(c byte) byte { return "0123456789abcdef"[c] }

func (j *jsonWriter) int(n int) {
	j.scratch = strconv.AppendInt(j.scratch[:0], int64(n), 10)
	j.bytes(j.scratch)
}

// key writes "k": after a comma when not first.
func (j *jsonWriter) key(k string, first bool) {
	if !first {
		j.raw(",")
	}
	j.str(k)
	j.raw(":")
}

func (j *jsonWriter) value(v any) {
	switch t := v.(type) {
	case nil:
		j.raw("null")
	case string:
		j.str(t)
	case int:
		j.int(t)
	case bool:
		if t {
			j.raw("true")
		} else {
			j.raw("false")
		}
	case obj:
		j.raw("{")
		for i, f := range t {
			j.key(f.k, i == 0)
			j.value(f.v)
		}
		j.raw("}")
	case []any:
		j.raw("[")
		for i, e := range t {
			if i > 0 {
				j.raw(",")
			}
			j.value(e)
		}
		j.raw("]")
	case []string:
		j.raw("[")
		for i, e := range t {
			if i > 0 {
				j.raw(",")
			}
			j.str(e)
		}
		j.raw("]")
	case expr:
		j.expr(t)
	default:
		panic("testplan: cannot write a value of this type")
	}
}

// shape writes the structure Terraform gives after_unknown and the
// sensitive_values: known primitives are left out of objects and written
// false in lists, collections keep their shape, and the top-level keys in
// marked are true (unknown, or sensitive).
func (j *jsonWriter) shape(v obj, marked []string) {
	j.raw("{")
	first := true
	i, k := 0, 0
	for i < len(v) || k < len(marked) {
		switch {
		case k < len(marked) && (i >= len(v) || marked[k] <= v[i].k):
			if i < len(v) && marked[k] == v[i].k {
				i++
			}
			j.key(marked[k], first)
			j.raw("true")
			first = false
			k++
		default:
			if composite(v[i].v) {
				j.key(v[i].k, first)
				j.nested(v[i].v)
				first = false
			}
			i++
		}
	}
	j.raw("}")
}

func composite(v any) bool {
	switch v.(type) {
	case obj, []any, []string:
		return true
	}
	return false
}

func (j *jsonWriter) nested(v any) {
	switch t := v.(type) {
	case obj:
		j.shape(t, nil)
	case []any:
		j.raw("[")
		for i, e := range t {
			if i > 0 {
				j.raw(",")
			}
			if composite(e) {
				j.nested(e)
			} else {
				j.raw("false")
			}
		}
		j.raw("]")
	case []string:
		j.raw("[")
		for i := range t {
			if i > 0 {
				j.raw(",")
			}
			j.raw("false")
		}
		j.raw("]")
	}
}

// expr is a configuration expression: a constant, references, or nested
// blocks (each an object of expressions).
type expr struct {
	constant any
	refs     []string
	blocks   []obj
	// opaque is an expression Terraform cannot describe (a function call
	// of constants): written {}.
	opaque bool
}

func constant(v any) expr   { return expr{constant: v} }
func refs(r ...string) expr { return expr{refs: r} }
func blocks(b ...obj) expr  { return expr{blocks: b} }
func opaqueExpr() expr      { return expr{opaque: true} }

func (j *jsonWriter) expr(e expr) {
	switch {
	case e.opaque:
		j.raw("{}")
	case e.blocks != nil:
		j.raw("[")
		for i, b := range e.blocks {
			if i > 0 {
				j.raw(",")
			}
			j.value(b)
		}
		j.raw("]")
	case e.refs != nil:
		j.raw(`{"references":`)
		j.value(e.refs)
		j.raw("}")
	default:
		j.raw(`{"constant_value":`)
		j.value(e.constant)
		j.raw("}")
	}
}
