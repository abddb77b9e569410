package main

import (
	"crypto/sha256"
	"encoding/hex"
	"math/big"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Helpers over raw Terraform values: the provider works on tftypes.Value
// directly because its schemas are data, not Go structs.

// objectAttrs returns the attributes of a known, non-null object, or nil.
func objectAttrs(v tftypes.Value) map[string]tftypes.Value {
	if v.IsNull() || !v.IsKnown() {
		return nil
	}
	var m map[string]tftypes.Value
	if err := v.As(&m); err != nil {
		return nil
	}
	return m
}

// withAttrs returns the object v with some attributes replaced.
func withAttrs(v tftypes.Value, changes map[string]tftypes.Value) tftypes.Value {
	m := objectAttrs(v)
	if m == nil || len(changes) == 0 {
		return v
	}
	for k, nv := range changes {
		m[k] = nv
	}
	return tftypes.NewValue(v.Type(), m)
}

// lookup walks object attributes by name; a list or set (a nested block)
// is entered through its first element. The result is null when a step is
// missing or null, and unknown when a step is unknown.
func lookup(v tftypes.Value, path ...string) tftypes.Value {
	for _, step := range path {
		if !v.IsKnown() {
			return tftypes.NewValue(tftypes.DynamicPseudoType, tftypes.UnknownValue)
		}
		if v.IsNull() {
			return tftypes.NewValue(tftypes.DynamicPseudoType, nil)
		}
		if v.Type().Is(tftypes.List{}) || v.Type().Is(tftypes.Set{}) {
			var elems []tftypes.Value
			if err := v.As(&elems); err != nil || len(elems) == 0 {
				return tftypes.NewValue(tftypes.DynamicPseudoType, nil)
			}
			v = elems[0]
			if !v.IsKnown() {
				return tftypes.NewValue(tftypes.DynamicPseudoType, tftypes.UnknownValue)
			}
		}
		m := objectAttrs(v)
		next, ok := m[step]
		if !ok {
			return tftypes.NewValue(tftypes.DynamicPseudoType, nil)
		}
		v = next
	}
	return v
}

// knownString returns the string in v and whether v is a known, non-null
// string.
func knownString(v tftypes.Value) (string, bool) {
	if v.IsNull() || !v.IsKnown() || !v.Type().Is(tftypes.String) {
		return "", false
	}
	var s string
	if err := v.As(&s); err != nil {
		return "", false
	}
	return s, true
}

// stringMap reads a map of strings. ok is false when the map or one of its
// elements is unknown; a null map reads as empty.
func stringMap(v tftypes.Value) (m map[string]string, ok bool) {
	if !v.IsFullyKnown() {
		return nil, false
	}
	m = map[string]string{}
	if v.IsNull() {
		return m, true
	}
	var elems map[string]tftypes.Value
	if err := v.As(&elems); err != nil {
		return nil, false
	}
	for k, e := range elems {
		if s, isStr := knownString(e); isStr {
			m[k] = s
		}
	}
	return m, true
}

func stringVal(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func unknownOf(t tftypes.Type) tftypes.Value { return tftypes.NewValue(t, tftypes.UnknownValue) }

func stringMapVal(m map[string]string) tftypes.Value {
	elems := make(map[string]tftypes.Value, len(m))
	for k, v := range m {
		elems[k] = stringVal(v)
	}
	return tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, elems)
}

func stringListVal(list ...string) tftypes.Value {
	elems := make([]tftypes.Value, len(list))
	for i, s := range list {
		elems[i] = stringVal(s)
	}
	return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, elems)
}

// mergeMaps returns base overlaid with over (over wins), as the AWS
// provider merges default_tags with a resource's tags.
func mergeMaps(base, over map[string]string) map[string]string {
	out := make(map[string]string, len(base)+len(over))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}

// fingerprint is a short, stable digest of a value: generated ids must not
// change from one run of `make testdata` to the next.
func fingerprint(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:])[:17]
}

// resolveUnknowns replaces every unknown in a planned value by a plausible
// known value, as a real provider fills computed attributes on apply: id
// gets id, other strings and collections their empty value.
func resolveUnknowns(v tftypes.Value, id string) (tftypes.Value, error) {
	return tftypes.Transform(v, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		t := v.Type()
		steps := p.Steps()
		last := ""
		if len(steps) > 0 {
			if name, ok := steps[len(steps)-1].(tftypes.AttributeName); ok {
				last = string(name)
			}
		}
		switch {
		case t.Is(tftypes.String):
			switch {
			case last == "id" && len(steps) == 1:
				return stringVal(id), nil
			case strings.HasSuffix(last, "_id") || last == "arn" || last == "self_link":
				return stringVal(last + "-" + id), nil
			}
			return stringVal(""), nil
		case t.Is(tftypes.Number):
			return tftypes.NewValue(t, new(big.Float)), nil
		case t.Is(tftypes.Bool):
			return tftypes.NewValue(t, false), nil
		case t.Is(tftypes.List{}), t.Is(tftypes.Set{}):
			return tftypes.NewValue(t, []tftypes.Value{}), nil
		case t.Is(tftypes.Map{}):
			return tftypes.NewValue(t, map[string]tftypes.Value{}), nil
		}
		return tftypes.NewValue(t, nil), nil
	})
}

// sortedKeys lists a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
