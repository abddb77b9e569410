package tffunc

import (
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// anyValue is a parameter that takes every value as it is, marks included.
func anyValue(name string) function.Parameter {
	return function.Parameter{
		Name:             name,
		Type:             cty.DynamicPseudoType,
		AllowUnknown:     true,
		AllowNull:        true,
		AllowDynamicType: true,
		AllowMarked:      true,
	}
}

// sensitiveFunc marks a value sensitive, keeping its other marks.
func sensitiveFunc(*env, string) function.Function {
	return function.New(&function.Spec{
		Description: "Returns the given value marked as sensitive.",
		Params:      []function.Parameter{anyValue("value")},
		Type:        func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return args[0].Mark(Sensitive), nil
		},
	})
}

// nonsensitiveFunc removes the sensitive mark from a value. Since Terraform 1.6 a value that is not
// sensitive is returned as it is rather than rejected.
func nonsensitiveFunc(*env, string) function.Function {
	return function.New(&function.Spec{
		Description: "Returns the given value without its sensitive mark.",
		Params:      []function.Parameter{anyValue("value")},
		Type:        func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			v, marks := args[0].Unmark()
			delete(marks, Sensitive)
			return v.WithMarks(marks), nil
		},
	})
}

// issensitiveFunc reports whether a value is marked sensitive; an unknown value that is not yet
// marked might still become sensitive, so the answer is unknown.
func issensitiveFunc(*env, string) function.Function {
	return function.New(&function.Spec{
		Description: "Reports whether the given value is marked as sensitive.",
		Params:      []function.Parameter{anyValue("value")},
		Type:        function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			switch v := args[0]; {
			case v.HasMark(Sensitive):
				return cty.True, nil
			case !v.IsKnown():
				return cty.UnknownVal(cty.Bool), nil
			}
			return cty.False, nil
		},
	})
}

// ephemeralasnullFunc replaces every ephemeral value inside a value by a null of its type.
func ephemeralasnullFunc(*env, string) function.Function {
	return function.New(&function.Spec{
		Description: "Returns the given value with every ephemeral value inside it replaced by null.",
		Params:      []function.Parameter{anyValue("value")},
		Type:        func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			v, pathMarks := args[0].UnmarkDeepWithPaths()
			var ephemeral []cty.Path
			kept := pathMarks[:0:0]
			for _, pm := range pathMarks {
				if _, ok := pm.Marks[Ephemeral]; !ok {
					kept = append(kept, pm)
					continue
				}
				ephemeral = append(ephemeral, pm.Path)
				marks := make(cty.ValueMarks, len(pm.Marks))
				for m := range pm.Marks {
					if m != Ephemeral {
						marks[m] = struct{}{}
					}
				}
				if len(marks) > 0 {
					kept = append(kept, cty.PathValueMarks{Path: pm.Path, Marks: marks})
				}
			}
			if len(ephemeral) == 0 {
				return args[0], nil
			}
			v, err := cty.Transform(v, func(p cty.Path, v cty.Value) (cty.Value, error) {
				for _, e := range ephemeral {
					if p.Equals(e) {
						return cty.NullVal(v.Type()), nil
					}
				}
				return v, nil
			})
			if err != nil {
				return cty.NilVal, err
			}
			return v.MarkWithPaths(kept), nil
		},
	})
}
