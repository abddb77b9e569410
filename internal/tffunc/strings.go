package tffunc

import (
	"errors"
	"math/big"
	"regexp"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// goFmtMax is the width or precision past which Go's fmt prints %!(BADWIDTH) instead of padding,
// so numeric verbs never grow beyond it.
const goFmtMax = 1e6

// bounded returns inner with a size check run before it: size estimates the result size from the
// (known) arguments, and a result too large gives an unknown value or an error (see tooLarge).
func (e *env) bounded(name string, inner function.Function, size func(args []cty.Value) (int64, bool)) function.Function {
	return e.before(inner, func(args []cty.Value, retType cty.Type) (bool, cty.Value, error) {
		n, exact := size(args)
		if !exact {
			return true, e.unknown(retType, name, "has a width or index with more than 18 digits, which Terraform's own arithmetic wraps around"), nil
		}
		return e.tooLarge(name, n, retType)
	})
}

func formatFunc(e *env, name string) function.Function {
	return e.bounded(name, stdlib.FormatFunc, func(args []cty.Value) (int64, bool) {
		weights := make([]int64, len(args)-1)
		for i, arg := range args[1:] {
			weights[i] = weightOf(arg)
		}
		return formatSize(args[0].AsString(), weights)
	})
}

func formatlistFunc(e *env, name string) function.Function {
	return e.bounded(name, stdlib.FormatListFunc, func(args []cty.Value) (int64, bool) {
		// Sequence arguments are formatted one element at a time, so each iteration weighs at
		// most their heaviest element; the iteration count is their length.
		iterations := int64(1)
		weights := make([]int64, len(args)-1)
		for i, arg := range args[1:] {
			u, _ := arg.Unmark()
			ty := u.Type()
			if u.IsKnown() && !u.IsNull() && (ty.IsListType() || ty.IsSetType() || ty.IsTupleType()) {
				iterations = max(iterations, int64(u.LengthInt()))
				for it := u.ElementIterator(); it.Next(); {
					_, el := it.Element()
					weights[i] = max(weights[i], weightOf(el))
				}
				continue
			}
			weights[i] = weightOf(arg)
		}
		per, exact := formatSize(args[0].AsString(), weights)
		return mulSize(iterations, per), exact
	})
}

// weightOf is the weight of v as weigh counts it.
func weightOf(v cty.Value) int64 {
	return maxArgWeight - weigh(v, maxArgWeight)
}

// formatSize bounds the length of format's result for format string f and arguments of the given
// weights, reading each verb as go-cty's format does: %, flags, width, .precision, [argument], verb.
// exact is false when a number has more than 18 digits: Terraform's int arithmetic wraps it around.
func formatSize(f string, weights []int64) (size int64, exact bool) {
	size = int64(len(f))
	next := int64(1)
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		i++
		if i < len(f) && f[i] == '%' {
			continue
		}
		for i < len(f) && strings.IndexByte("0#-+ ", f[i]) >= 0 {
			i++
		}
		width, ok := readDigits(f, &i)
		if !ok {
			return 0, false
		}
		var prec int64
		if i < len(f) && f[i] == '.' {
			i++
			if prec, ok = readDigits(f, &i); !ok {
				return 0, false
			}
		}
		arg := next
		if i < len(f) && f[i] == '[' {
			i++
			if arg, ok = readDigits(f, &i); !ok {
				return 0, false
			}
			if i < len(f) && f[i] == ']' {
				i++
			}
		}
		next = arg + 1
		var w int64
		if arg >= 1 && arg <= int64(len(weights)) {
			w = weights[arg-1]
		}
		if i < len(f) && strings.IndexByte("sqv", f[i]) >= 0 {
			// Strings and JSON are padded by go-cty itself, to any width; JSON escapes grow
			// a character to at most six.
			size = addSize(size, addSize(width, mulSize(6, w)+32))
			continue
		}
		size = addSize(size, min(width, goFmtMax)+min(prec, goFmtMax)+mulSize(4, w)+32)
	}
	return size, true
}

// readDigits reads the decimal number at f[*i:], advancing *i; ok is false past 18 digits.
func readDigits(f string, i *int) (n int64, ok bool) {
	start := *i
	for *i < len(f) && f[*i] >= '0' && f[*i] <= '9' {
		if *i-start == 18 {
			return 0, false
		}
		n = n*10 + int64(f[*i]-'0')
		*i++
	}
	return n, true
}

func joinFunc(e *env, name string) function.Function {
	return e.bounded(name, stdlib.JoinFunc, func(args []cty.Value) (int64, bool) {
		sep := int64(len(args[0].AsString()))
		var size, count int64
		for _, list := range args[1:] {
			if !list.IsKnown() || list.IsNull() {
				continue
			}
			for it := list.ElementIterator(); it.Next(); {
				_, el := it.Element()
				el, _ = el.Unmark()
				if el.IsKnown() && !el.IsNull() {
					size = addSize(size, int64(len(el.AsString())))
				}
				count++
			}
		}
		if count > 1 {
			size = addSize(size, mulSize(count-1, sep))
		}
		return size, true
	})
}

func indentFunc(e *env, name string) function.Function {
	inner := stdlib.IndentFunc
	return function.New(&function.Spec{
		Description: inner.Description(),
		Params:      inner.Params(),
		Type:        function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			spaces := args[0].AsBigFloat()
			if spaces.Sign() < 0 {
				// go-cty's indent panics on a negative count, which its function machinery
				// (Terraform's too) turns into an error.
				return cty.NilVal, errors.New("the number of spaces must not be negative")
			}
			// go-cty builds the padding once even when str has no newline at all.
			if spaces.Cmp(big.NewFloat(absurdBytes)) > 0 {
				return cty.NilVal, errors.New("the result would be larger than 1 GiB")
			}
			str := args[1].AsString()
			lines := int64(strings.Count(str, "\n"))
			n, _ := spaces.Int64()
			if stop, v, err := e.tooLarge(name, addSize(int64(len(str))+n, mulSize(lines, n)), retType); stop {
				return v, err
			}
			return inner.Call(args)
		},
	})
}

// replaceFunc is Terraform's replace: a substring wrapped in slashes is an RE2 regular expression
// whose replacement may use $1, ${1} and $name; any other substring is replaced literally.
func replaceFunc(e *env, name string) function.Function {
	return function.New(&function.Spec{
		Description: "Replaces every occurrence of substring in str (a /regular expression/ when wrapped in slashes) with replace.",
		Params: []function.Parameter{
			{Name: "str", Type: cty.String},
			{Name: "substr", Type: cty.String},
			{Name: "replace", Type: cty.String},
		},
		Type:         function.StaticReturnType(cty.String),
		RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder { return b.NotNull() },
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			str, substr, repl := args[0].AsString(), args[1].AsString(), args[2].AsString()
			if len(substr) > 1 && substr[0] == '/' && substr[len(substr)-1] == '/' {
				re, err := regexp.Compile(substr[1 : len(substr)-1])
				if err != nil {
					return cty.UnknownVal(cty.String), err
				}
				// A first pass over the matches bounds the result: each match is replaced by
				// the template, whose every $reference expands to at most the whole match.
				refs := int64(strings.Count(repl, "$"))
				size := int64(len(str))
				re.ReplaceAllStringFunc(str, func(m string) string {
					size = addSize(size, int64(len(repl))+mulSize(refs, int64(len(m))))
					return ""
				})
				if stop, v, err := e.tooLarge(name, size, retType); stop {
					return v, err
				}
				return cty.StringVal(re.ReplaceAllString(str, repl)), nil
			}
			count := int64(strings.Count(str, substr))
			if stop, v, err := e.tooLarge(name, addSize(int64(len(str)), mulSize(count, int64(len(repl)))), retType); stop {
				return v, err
			}
			return cty.StringVal(strings.ReplaceAll(str, substr, repl)), nil
		},
	})
}

// affixFunc builds startswith, endswith and strcontains: test(str, other) on two known strings.
func affixFunc(description, otherName string, test func(s, other string) bool) func(e *env, name string) function.Function {
	return func(*env, string) function.Function {
		return function.New(&function.Spec{
			Description: description,
			Params: []function.Parameter{
				{Name: "str", Type: cty.String},
				{Name: otherName, Type: cty.String},
			},
			Type:         function.StaticReturnType(cty.Bool),
			RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder { return b.NotNull() },
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				return cty.BoolVal(test(args[0].AsString(), args[1].AsString())), nil
			},
		})
	}
}
