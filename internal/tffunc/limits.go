package tffunc

import (
	"fmt"
	"math/big"

	"github.com/zclconf/go-cty/cty"
)

const (
	// maxStringBytes bounds a string a function builds. Terraform has no such bound, so a longer
	// result is unknown rather than an error.
	maxStringBytes = 4 << 20
	// maxArgWeight bounds the size of one call's arguments, counted by weigh.
	maxArgWeight = 16 << 20
	// maxElements bounds the number of elements a function builds (setproduct).
	maxElements = 1 << 20
	// absurdBytes is a result size that Terraform cannot produce in a plan either: an error.
	absurdBytes = 1 << 30
	// maxNesting bounds bracket nesting in text that is parsed (templates, JSON, YAML, tfvars),
	// because parsers recurse once per level and Go cannot recover from a stack overflow.
	maxNesting = 256
)

// weigh subtracts the size of v from left and returns what is left, stopping early once it is
// negative. A string weighs its bytes, a number the digits needed to print it, every value one.
func weigh(v cty.Value, left int64) int64 {
	v, _ = v.Unmark()
	left--
	if left < 0 || !v.IsKnown() || v.IsNull() {
		return left
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return left - int64(len(v.AsString()))
	case ty == cty.Number:
		return left - numberWeight(v.AsBigFloat())
	case ty.IsListType(), ty.IsSetType(), ty.IsTupleType():
		for it := v.ElementIterator(); it.Next() && left >= 0; {
			_, el := it.Element()
			left = weigh(el, left)
		}
	case ty.IsMapType(), ty.IsObjectType():
		for it := v.ElementIterator(); it.Next() && left >= 0; {
			k, el := it.Element()
			left = weigh(el, left-int64(len(k.AsString())))
		}
	}
	return left
}

// numberWeight estimates how many characters printing f may take: 1e100000000 is cheap to hold
// but a hundred million digits long once formatted.
func numberWeight(f *big.Float) int64 {
	if f.IsInf() {
		return 1
	}
	exp := int64(f.MantExp(nil))
	if exp < 0 {
		exp = -exp
	}
	return 1 + exp/3 + int64(f.Prec())/3
}

// tooLarge decides what a function does about a result of size bytes: carry on (false), or stop
// and return v, err: an unknown value where Terraform could have built the result, an error where
// the result is absurd and Terraform cannot build it either.
func (e *env) tooLarge(name string, size int64, ty cty.Type) (bool, cty.Value, error) {
	switch {
	case size < 0 || size > absurdBytes:
		return true, cty.NilVal, fmt.Errorf("the result would be larger than %d GiB", absurdBytes>>30)
	case size > maxStringBytes:
		return true, e.unknown(ty, name, "would build a result of %d bytes, more than trustcloud's limit of %d MiB", size, maxStringBytes>>20), nil
	}
	return false, cty.NilVal, nil
}

// nestingExceeds reports whether brackets in src nest deeper than maxNesting. Brackets inside
// quoted strings count too: the check is conservative, and its only effect is an unknown value.
func nestingExceeds(src string) bool {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '(', '[', '{':
			depth++
			if depth > maxNesting {
				return true
			}
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return false
}

// addSize adds sizes without overflowing: past absurdBytes the exact sum no longer matters.
func addSize(a, b int64) int64 {
	if a > absurdBytes || b > absurdBytes || a+b > absurdBytes {
		return absurdBytes + 1
	}
	return a + b
}

// mulSize multiplies sizes without overflowing, as addSize.
func mulSize(a, b int64) int64 {
	if a == 0 || b == 0 {
		return 0
	}
	if a > absurdBytes || b > absurdBytes || a > (absurdBytes+1)/b {
		return absurdBytes + 1
	}
	return a * b
}
