package tffunc

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/hashicorp/hcl/v2/ext/customdecode"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
)

// valueGen turns fuzz bytes into cty values: strings, numbers, bools, nulls, unknowns, marked
// values and collections of them.
type valueGen struct{ data []byte }

func (g *valueGen) next() int {
	if len(g.data) == 0 {
		return 0
	}
	b := g.data[0]
	g.data = g.data[1:]
	return int(b)
}

// interesting strings reach the functions' parsers past their first byte.
var fuzzStrings = []string{
	"", "a", "hello world", "%s", "%v %d", "%10.3f", "%[2]s", "%[99999999999999999999]s", "/(a)(b)?/", "//", "$1${2}$$",
	"10.0.0.0/8", "010.1.2.0/24", "fd00::/56", "::ffff:1.2.3.4/120", "0.0.0.0/0", "10.0.0.1",
	"2017-11-22T00:00:00Z", "a,b\n1,2", "{\"a\":[1,2]}", "a: &x [1]\nb: *x", "hello.txt", "backends.tftpl",
	"${x}", "%{ for a in b }x%{ endfor }", "dns", "UTF-16LE", "~/x", "C:\\x", "SGVsbG8=", "true", "1e3", "\xff",
}

var fuzzNumbers = []float64{0, 1, -1, 2.5, -0.5, 3, 16, 32, 64, 128, 255, 1024, 1e9, 1e30, -1e30, math.Inf(1), math.Inf(-1)}

func (g *valueGen) primitive(kind int) cty.Value {
	switch kind % 3 {
	case 0:
		if n := g.next(); n < 200 {
			return cty.StringVal(fuzzStrings[n%len(fuzzStrings)])
		}
		n := g.next() % 16
		s := make([]byte, 0, n)
		for range n {
			s = append(s, byte(g.next()))
		}
		return cty.StringVal(string(s))
	case 1:
		n := g.next()
		if n < 200 {
			return cty.NumberFloatVal(fuzzNumbers[n%len(fuzzNumbers)])
		}
		return cty.NumberIntVal(int64(g.next()) - 128)
	}
	return cty.BoolVal(g.next()%2 == 0)
}

func (g *valueGen) value(depth int) cty.Value {
	kind := g.next() % 12
	if depth > 2 && kind >= 6 {
		kind %= 6
	}
	types := []cty.Type{cty.String, cty.Number, cty.Bool, cty.List(cty.String), cty.Map(cty.Number), cty.DynamicPseudoType}
	switch kind {
	case 0, 1, 2:
		return g.primitive(kind)
	case 3:
		return cty.NullVal(types[g.next()%len(types)])
	case 4:
		return cty.UnknownVal(types[g.next()%len(types)])
	case 5:
		return cty.DynamicVal
	case 6, 10:
		n, pk := g.next()%5, g.next()
		els := make([]cty.Value, n)
		for i := range els {
			els[i] = g.primitive(pk)
		}
		switch {
		case n == 0 && kind == 6:
			return cty.ListValEmpty(cty.String)
		case n == 0:
			return cty.SetValEmpty(cty.Number)
		case kind == 6:
			return cty.ListVal(els)
		}
		return cty.SetVal(els)
	case 7:
		els := make([]cty.Value, g.next()%5)
		for i := range els {
			els[i] = g.value(depth + 1)
		}
		return cty.TupleVal(els)
	case 8:
		n, pk := g.next()%4, g.next()
		m := map[string]cty.Value{}
		for i := range n {
			m[fmt.Sprintf("k%d", i)] = g.primitive(pk)
		}
		if len(m) == 0 {
			return cty.MapValEmpty(cty.String)
		}
		return cty.MapVal(m)
	case 9:
		m := map[string]cty.Value{}
		for i := range g.next() % 4 {
			m[fmt.Sprintf("a%d", i)] = g.value(depth + 1)
		}
		return cty.ObjectVal(m)
	}
	marks := []Mark{Sensitive, Ephemeral}
	return g.value(depth + 1).Mark(marks[g.next()%2])
}

// FuzzCall calls functions of the table with arbitrary arguments, as hcl would: any result or error
// is fine, a panic (or a panic that go-cty turned into a PanicError) is not.
func FuzzCall(f *testing.F) {
	names := Names()
	table := Table(Options{ReadFile: testReadFile, PlanTimestamp: "2023-05-13T07:44:12Z", Unevaluated: func(string) {}})
	for i := range names {
		f.Add(uint16(i), []byte{0, 3, 1, 5, 6, 2, 0, 7, 200, 1, 11, 0})
	}
	f.Add(uint16(0), []byte("seed with more bytes to spend on arguments"))
	f.Fuzz(func(t *testing.T, pick uint16, data []byte) {
		name := names[int(pick)%len(names)]
		g := &valueGen{data: data}
		args := make([]cty.Value, g.next()%4)
		for i := range args {
			args[i] = g.value(0)
		}
		// hcl checks the number of arguments and converts each to its parameter's type before
		// calling a function; a call it would not make is not made here either.
		fn := table[name]
		params, varParam := fn.Params(), fn.VarParam()
		if len(args) < len(params) || len(args) > len(params) && varParam == nil {
			return
		}
		for i, arg := range args {
			p := varParam
			if i < len(params) {
				p = &params[i]
			}
			if customdecode.CustomExpressionDecoderForType(p.Type) != nil {
				return // hcl passes an expression there, not a value
			}
			v, err := convert.Convert(arg, p.Type)
			if err != nil {
				return
			}
			args[i] = v
		}
		_, err := fn.Call(args)
		var panicked function.PanicError
		if errors.As(err, &panicked) {
			t.Fatalf("%s%#v panicked: %v\n%s", name, args, panicked.Value, panicked.Stack)
		}
	})
}
