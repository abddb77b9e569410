package tffunc

import (
	"errors"
	"fmt"
	"math"
	"math/big"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	"github.com/zclconf/go-cty/cty/gocty"
)

func notNull(b *cty.RefinementBuilder) *cty.RefinementBuilder { return b.NotNull() }

// allTrueFunc is Terraform's alltrue: true for an empty list, false at the first false or null
// element, unknown at an unknown element met before that.
func allTrueFunc(*env, string) function.Function {
	return function.New(&function.Spec{
		Description:  "Returns true if all of the elements of the given list are true (or \"true\"), and true for an empty list.",
		Params:       []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:         function.StaticReturnType(cty.Bool),
		RefineResult: notNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			for it := args[0].ElementIterator(); it.Next(); {
				_, v := it.Element()
				switch {
				case !v.IsKnown():
					return cty.UnknownVal(cty.Bool), nil
				case v.IsNull(), v.False():
					return cty.False, nil
				}
			}
			return cty.True, nil
		},
	})
}

// anyTrueFunc is Terraform's anytrue: true at the first true element; nulls are skipped; false
// for an empty list, unknown when an unknown element might be the only true one.
func anyTrueFunc(*env, string) function.Function {
	return function.New(&function.Spec{
		Description:  "Returns true if any of the elements of the given list is true (or \"true\"), and false for an empty list.",
		Params:       []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:         function.StaticReturnType(cty.Bool),
		RefineResult: notNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			unknown := false
			for it := args[0].ElementIterator(); it.Next(); {
				_, v := it.Element()
				switch {
				case !v.IsKnown():
					unknown = true
				case v.IsNull():
				case v.True():
					return cty.True, nil
				}
			}
			if unknown {
				return cty.UnknownVal(cty.Bool), nil
			}
			return cty.False, nil
		},
	})
}

// coalesceFunc is Terraform's coalesce, which unlike go-cty's skips empty strings as well as nulls.
func coalesceFunc(*env, string) function.Function {
	return function.New(&function.Spec{
		Description: "Returns the first of the given arguments that is neither null nor an empty string.",
		VarParam: &function.Parameter{
			Name:             "vals",
			Type:             cty.DynamicPseudoType,
			AllowUnknown:     true,
			AllowDynamicType: true,
			AllowNull:        true,
		},
		Type: func(args []cty.Value) (cty.Type, error) {
			types := make([]cty.Type, len(args))
			for i, v := range args {
				types[i] = v.Type()
			}
			ty, _ := convert.UnifyUnsafe(types)
			if ty == cty.NilType {
				return cty.NilType, errors.New("all arguments must have the same type")
			}
			return ty, nil
		},
		RefineResult: notNull,
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			for _, v := range args {
				if !v.IsKnown() {
					return cty.UnknownVal(retType), nil
				}
				if v.IsNull() {
					continue
				}
				v, err := convert.Convert(v, retType)
				if err != nil {
					return cty.UnknownVal(retType), err
				}
				if v.Type() == cty.String && v.AsString() == "" {
					continue
				}
				return v, nil
			}
			return cty.NilVal, errors.New("no non-null, non-empty-string arguments")
		},
	})
}

// indexFunc is Terraform's index(list, value): the position of the first equal element.
func indexFunc(*env, string) function.Function {
	return function.New(&function.Spec{
		Description: "Returns the index of the first element of list equal to value.",
		Params: []function.Parameter{
			{Name: "list", Type: cty.DynamicPseudoType},
			{Name: "value", Type: cty.DynamicPseudoType},
		},
		Type: func(args []cty.Value) (cty.Type, error) {
			if ty := args[0].Type(); !ty.IsListType() && !ty.IsTupleType() {
				return cty.NilType, errors.New("argument must be a list or tuple")
			}
			return cty.Number, nil
		},
		RefineResult: notNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if args[0].LengthInt() == 0 {
				return cty.NilVal, errors.New("cannot search an empty list")
			}
			for it := args[0].ElementIterator(); it.Next(); {
				i, v := it.Element()
				eq, err := stdlib.Equal(v, args[1])
				if err != nil {
					return cty.NilVal, err
				}
				if !eq.IsKnown() {
					return cty.UnknownVal(cty.Number), nil
				}
				if eq.True() {
					return i, nil
				}
			}
			return cty.NilVal, errors.New("item not found")
		},
	})
}

// lengthFunc is Terraform's length: elements of a collection, attributes of an object, elements
// of a tuple (known from its type even when the value is not), characters of a string.
func lengthFunc(*env, string) function.Function {
	return function.New(&function.Spec{
		Description: "Returns the number of elements of a collection or structure, or of characters of a string.",
		Params: []function.Parameter{{
			Name:             "value",
			Type:             cty.DynamicPseudoType,
			AllowDynamicType: true,
			AllowUnknown:     true,
			AllowMarked:      true,
		}},
		Type: func(args []cty.Value) (cty.Type, error) {
			ty := args[0].Type()
			switch {
			case ty == cty.String, ty.IsCollectionType(), ty.IsTupleType(), ty.IsObjectType(), ty == cty.DynamicPseudoType:
				return cty.Number, nil
			}
			return cty.NilType, errors.New("argument must be a string, a collection type, or a structural type")
		},
		RefineResult: notNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			v, marks := args[0].Unmark()
			ty := v.Type()
			switch {
			case ty == cty.DynamicPseudoType:
				return cty.UnknownVal(cty.Number).WithMarks(marks), nil
			case ty.IsTupleType():
				return cty.NumberIntVal(int64(len(ty.TupleElementTypes()))).WithMarks(marks), nil
			case ty.IsObjectType():
				return cty.NumberIntVal(int64(len(ty.AttributeTypes()))).WithMarks(marks), nil
			case ty == cty.String:
				n, err := stdlib.Strlen(v)
				return n.WithMarks(marks), err
			}
			return v.Length().WithMarks(marks), nil
		},
	})
}

// lookupFunc is Terraform's lookup(map, key[, default]): without a default, a missing key is an
// error, as Terraform's documentation says.
func lookupFunc(*env, string) function.Function {
	return function.New(&function.Spec{
		Description: "Returns the element of a map (or attribute of an object) with the given key, or the default when it is missing.",
		Params: []function.Parameter{
			{Name: "inputMap", Type: cty.DynamicPseudoType, AllowMarked: true},
			{Name: "key", Type: cty.String, AllowMarked: true},
		},
		VarParam: &function.Parameter{
			Name:             "default",
			Type:             cty.DynamicPseudoType,
			AllowUnknown:     true,
			AllowDynamicType: true,
			AllowNull:        true,
			AllowMarked:      true,
		},
		Type: func(args []cty.Value) (cty.Type, error) {
			if len(args) > 3 {
				return cty.NilType, fmt.Errorf("lookup() takes two or three arguments, got %d", len(args))
			}
			ty := args[0].Type()
			switch {
			case ty.IsObjectType():
				if !args[1].IsKnown() {
					return cty.DynamicPseudoType, nil
				}
				key, _ := args[1].Unmark()
				if ty.HasAttribute(key.AsString()) {
					return ty.AttributeType(key.AsString()), nil
				}
				if len(args) == 3 {
					return args[2].Type(), nil
				}
				return cty.NilType, function.NewArgErrorf(0, "the given object has no attribute %q", key.AsString())
			case ty.IsMapType():
				if len(args) == 3 {
					if _, err := convert.Convert(args[2], ty.ElementType()); err != nil {
						return cty.NilType, function.NewArgErrorf(2, "the default value must have the same type as the map elements")
					}
				}
				return ty.ElementType(), nil
			}
			return cty.NilType, function.NewArgErrorf(0, "lookup() requires a map as the first argument")
		},
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			m, mapMarks := args[0].Unmark()
			k, keyMarks := args[1].Unmark()
			if !m.IsWhollyKnown() {
				return cty.UnknownVal(retType).WithMarks(mapMarks, keyMarks), nil
			}
			key := k.AsString()
			if m.Type().IsObjectType() {
				if m.Type().HasAttribute(key) {
					return m.GetAttr(key).WithMarks(mapMarks, keyMarks), nil
				}
			} else if m.HasIndex(cty.StringVal(key)).True() {
				return m.Index(cty.StringVal(key)).WithMarks(mapMarks, keyMarks), nil
			}
			if len(args) == 3 {
				def, err := convert.Convert(args[2], retType)
				if err != nil {
					return cty.NilVal, err
				}
				return def.WithMarks(mapMarks, keyMarks), nil
			}
			return cty.NilVal, errors.New("lookup failed to find the given key")
		},
	})
}

// matchkeysFunc is Terraform's matchkeys(values, keys, searchset).
func matchkeysFunc(*env, string) function.Function {
	return function.New(&function.Spec{
		Description: "Returns the elements of values whose corresponding element of keys is in searchset.",
		Params: []function.Parameter{
			{Name: "values", Type: cty.List(cty.DynamicPseudoType)},
			{Name: "keys", Type: cty.List(cty.DynamicPseudoType)},
			{Name: "searchset", Type: cty.List(cty.DynamicPseudoType)},
		},
		Type: func(args []cty.Value) (cty.Type, error) {
			ty, _ := convert.UnifyUnsafe([]cty.Type{args[1].Type(), args[2].Type()})
			if ty == cty.NilType {
				return cty.NilType, errors.New("keys and searchset must be of the same type")
			}
			return args[0].Type(), nil
		},
		RefineResult: notNull,
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			if !args[0].IsKnown() || !args[1].IsWhollyKnown() || !args[2].IsWhollyKnown() {
				return cty.UnknownVal(retType), nil
			}
			if args[0].LengthInt() != args[1].LengthInt() {
				return cty.NilVal, errors.New("length of keys and values should be equal")
			}
			ty, _ := convert.UnifyUnsafe([]cty.Type{args[1].Type(), args[2].Type()})
			keys, err := convert.Convert(args[1], ty)
			if err != nil {
				return cty.NilVal, err
			}
			search, err := convert.Convert(args[2], ty)
			if err != nil {
				return cty.NilVal, err
			}
			values := args[0].AsValueSlice()
			var out []cty.Value
			i := 0
			for it := keys.ElementIterator(); it.Next(); i++ {
				_, key := it.Element()
				for st := search.ElementIterator(); st.Next(); {
					_, s := st.Element()
					if key.Equals(s).True() {
						out = append(out, values[i])
						break
					}
				}
			}
			if len(out) == 0 {
				return cty.ListValEmpty(retType.ElementType()), nil
			}
			return cty.ListVal(out), nil
		},
	})
}

// oneFunc is Terraform's one: null for an empty collection, the element of a one-element one.
func oneFunc(*env, string) function.Function {
	return function.New(&function.Spec{
		Description: "Returns null for an empty list, set or tuple, its single element for a one-element one, and fails otherwise.",
		Params:      []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
		Type: func(args []cty.Value) (cty.Type, error) {
			ty := args[0].Type()
			switch {
			case ty.IsListType(), ty.IsSetType():
				return ty.ElementType(), nil
			case ty.IsTupleType():
				switch ets := ty.TupleElementTypes(); len(ets) {
				case 0:
					return cty.DynamicPseudoType, nil
				case 1:
					return ets[0], nil
				}
			}
			return cty.NilType, function.NewArgErrorf(0, "must be a list, set, or tuple value with either zero or one elements")
		},
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			v := args[0]
			if v.Type().IsSetType() && !v.IsWhollyKnown() {
				// Unknown elements of a set may turn out equal to others: its length is not known.
				return cty.UnknownVal(retType), nil
			}
			switch n := v.LengthInt(); n {
			case 0:
				return cty.NullVal(retType), nil
			case 1:
				it := v.ElementIterator()
				it.Next()
				_, el := it.Element()
				return el, nil
			}
			return cty.NilVal, function.NewArgErrorf(0, "must be a list, set, or tuple value with either zero or one elements")
		},
	})
}

// sumFunc is Terraform's sum of a list, set or tuple of numbers.
func sumFunc(e *env, name string) function.Function {
	return function.New(&function.Spec{
		Description: "Returns the sum of the numbers of a list, set or tuple.",
		Params:      []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
		Type: func(args []cty.Value) (cty.Type, error) {
			ty := args[0].Type()
			if !ty.IsListType() && !ty.IsSetType() && !ty.IsTupleType() {
				return cty.NilType, function.NewArgErrorf(0, "argument must be list, set, or tuple. Received %s", ty.FriendlyName())
			}
			return cty.Number, nil
		},
		RefineResult: notNull,
		Impl: func(args []cty.Value, _ cty.Type) (ret cty.Value, err error) {
			if !args[0].IsWhollyKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			if args[0].LengthInt() == 0 {
				return cty.NilVal, function.NewArgErrorf(0, "cannot sum an empty list")
			}
			// Adding cty numbers keeps Terraform's rounding: each sum has the larger precision
			// of its operands.
			var sum cty.Value
			posInf, negInf := false, false
			for it := args[0].ElementIterator(); it.Next(); {
				_, v := it.Element()
				switch {
				case v.IsNull():
					return cty.NilVal, function.NewArgErrorf(0, "argument must be list, set, or tuple of number values")
				case v.Type() == cty.String:
					// Whether Terraform converts numeric strings here is not documented.
					return e.unknown(cty.Number, name, "is given a string where trustcloud only sums numbers"), nil
				case v.Type() != cty.Number:
					return cty.NilVal, function.NewArgErrorf(0, "argument must be list, set, or tuple of number values")
				}
				f := v.AsBigFloat()
				posInf = posInf || f.IsInf() && f.Sign() > 0
				negInf = negInf || f.IsInf() && f.Sign() < 0
				if posInf && negInf {
					return cty.NilVal, errors.New("can't compute sum of opposing infinities")
				}
				if sum == cty.NilVal {
					sum = v
					continue
				}
				sum = sum.Add(v)
			}
			return sum, nil
		},
	})
}

// transposeFunc is Terraform's transpose of a map of lists of strings.
func transposeFunc(e *env, name string) function.Function {
	return function.New(&function.Spec{
		Description:  "Swaps the keys and the values of a map of lists of strings.",
		Params:       []function.Parameter{{Name: "values", Type: cty.Map(cty.List(cty.String))}},
		Type:         function.StaticReturnType(cty.Map(cty.List(cty.String))),
		RefineResult: notNull,
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			if !args[0].IsWhollyKnown() {
				return cty.UnknownVal(retType), nil
			}
			out := map[string][]cty.Value{}
			for it := args[0].ElementIterator(); it.Next(); {
				k, list := it.Element()
				if list.IsNull() {
					return e.unknown(retType, name, "is given a null list, which trustcloud does not transpose"), nil
				}
				for lt := list.ElementIterator(); lt.Next(); {
					_, v := lt.Element()
					if v.IsNull() {
						return e.unknown(retType, name, "is given a null string, which trustcloud does not transpose"), nil
					}
					out[v.AsString()] = append(out[v.AsString()], k)
				}
			}
			if len(out) == 0 {
				return cty.MapValEmpty(cty.List(cty.String)), nil
			}
			m := make(map[string]cty.Value, len(out))
			for k, v := range out {
				m[k] = cty.ListVal(v)
			}
			return cty.MapVal(m), nil
		},
	})
}

// elementFunc is go-cty's element with its wrap-around; a negative index is unknown, because
// Terraform rejected it before go-cty v1.15 and wraps it backwards since.
func elementFunc(e *env, name string) function.Function {
	return e.before(stdlib.ElementFunc, func(args []cty.Value, retType cty.Type) (bool, cty.Value, error) {
		if args[1].AsBigFloat().Sign() < 0 {
			return true, e.unknown(retType, name, "is given a negative index, which Terraform versions treat differently"), nil
		}
		return false, cty.NilVal, nil
	})
}

// containsFunc is go-cty's contains; a null value is unknown, because go-cty v1.18.1 began to
// accept it where Terraform 1.11 fails.
func containsFunc(e *env, name string) function.Function {
	return e.before(stdlib.ContainsFunc, func(args []cty.Value, retType cty.Type) (bool, cty.Value, error) {
		if args[1].IsNull() {
			return true, e.unknown(retType, name, "is given a null value, which Terraform versions treat differently"), nil
		}
		return false, cty.NilVal, nil
	})
}

// mergeFunc is go-cty's merge; only null objects is unknown, because go-cty before v1.18.1 panics.
func mergeFunc(e *env, name string) function.Function {
	return e.before(stdlib.MergeFunc, func(args []cty.Value, retType cty.Type) (bool, cty.Value, error) {
		for _, a := range args {
			// go-cty checks argument types only when none is of unknown type, then panics
			// (an error, in Terraform too) on a string; say so without the panic.
			if ty := a.Type(); ty != cty.DynamicPseudoType && !ty.IsMapType() && !ty.IsObjectType() {
				return true, cty.NilVal, fmt.Errorf("arguments must be maps or objects, got %s", ty.FriendlyName())
			}
		}
		if len(args) == 0 {
			return false, cty.NilVal, nil
		}
		attrs := false
		for _, a := range args {
			if !a.IsNull() {
				return false, cty.NilVal, nil
			}
			attrs = attrs || a.Type().IsObjectType() && len(a.Type().AttributeTypes()) > 0
		}
		if attrs {
			return true, e.unknown(retType, name, "is given only null objects, which Terraform versions treat differently"), nil
		}
		return false, cty.NilVal, nil
	})
}

// setproductFunc is go-cty's setproduct, bounded: the product of many sets grows exponentially.
func setproductFunc(e *env, name string) function.Function {
	return e.before(stdlib.SetProductFunc, func(args []cty.Value, retType cty.Type) (bool, cty.Value, error) {
		n := int64(1)
		for _, a := range args {
			a, _ = a.Unmark()
			if !a.IsWhollyKnown() {
				// go-cty panics (an error in Terraform too) on some tuples holding unknown
				// values of unknown type; an unknown result is never wrong.
				return true, cty.UnknownVal(retType), nil
			}
			ty := a.Type()
			if !a.IsKnown() || a.IsNull() || !ty.IsCollectionType() && !ty.IsTupleType() {
				return false, cty.NilVal, nil
			}
			n = mulSize(n, int64(a.LengthInt()))
		}
		if n > maxElements {
			return e.tooLarge(name, mulSize(n, int64(len(args))), retType)
		}
		return false, cty.NilVal, nil
	})
}

// signumFunc is go-cty's signum for whole numbers; any other number is unknown, because go-cty
// before v1.20 (and so Terraform 1.11) fails on them and later versions do not.
func signumFunc(e *env, name string) function.Function {
	return e.before(stdlib.SignumFunc, func(args []cty.Value, retType cty.Type) (bool, cty.Value, error) {
		f := args[0].AsBigFloat()
		if _, acc := f.Int64(); !f.IsInt() || acc != big.Exact {
			return true, e.unknown(retType, name, "is given a number that is not a 64-bit whole number, which Terraform versions treat differently"), nil
		}
		return false, cty.NilVal, nil
	})
}

// floatFunc is go-cty's log or pow, which compute op on float64 and panic (an error in Terraform
// too) when the result is not a number: that error, without the panic.
func floatFunc(inner function.Function, op func(a, b float64) float64) func(*env, string) function.Function {
	return func(e *env, _ string) function.Function {
		return e.before(inner, func(args []cty.Value, _ cty.Type) (bool, cty.Value, error) {
			var a, b float64
			if gocty.FromCtyValue(args[0], &a) != nil || gocty.FromCtyValue(args[1], &b) != nil {
				return false, cty.NilVal, nil
			}
			if math.IsNaN(op(a, b)) {
				return true, cty.NilVal, errors.New("the result is not a number")
			}
			return false, cty.NilVal, nil
		})
	}
}

// removedFunc is list() or map(): Terraform removed them in v0.15 and fails on any call.
func removedFunc(instead string) func(*env, string) function.Function {
	return func(_ *env, name string) function.Function {
		return function.New(&function.Spec{
			Description: fmt.Sprintf("Removed in Terraform v0.15; write %s instead.", instead),
			VarParam: &function.Parameter{
				Name:             "vals",
				Type:             cty.DynamicPseudoType,
				AllowUnknown:     true,
				AllowDynamicType: true,
				AllowNull:        true,
			},
			Type: func([]cty.Value) (cty.Type, error) {
				return cty.NilType, fmt.Errorf("the %q function was deprecated in Terraform v0.12 and is no longer available; use %s syntax instead", name, instead)
			},
			Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
				return cty.NilVal, fmt.Errorf("the %q function is no longer available", name)
			},
		})
	}
}
