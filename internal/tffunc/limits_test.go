package tffunc

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// TestLimitsInHCL checks calls an adversary can write: absurd ones fail, merely large ones are
// unknown with a reason. None may hang or exhaust memory.
func TestLimitsInHCL(t *testing.T) {
	deep := strings.Repeat("[", 1000) + strings.Repeat("]", 1000)
	for _, c := range []struct {
		expr   string
		err    bool
		reason string
	}{
		{expr: `range(1e9)`, err: true},
		{expr: `range(0, 1, 1e-300)`, err: true},
		{expr: `format("%10000000000s", "")`, err: true},
		{expr: `format("%5000000s", "")`, reason: "format"},
		{expr: `format("%[99999999999999999999]s", "a")`, reason: "format"},
		{expr: `formatlist("%2000000s", ["a", "b", "c"])`, reason: "formatlist"},
		{expr: `indent(10000000000, "a\nb")`, err: true},
		{expr: `indent(-1, "x")`, err: true},
		{expr: `indent(5000000, "a")`, reason: "indent"},
		{expr: `tostring(1e100000000)`, reason: "tostring"},
		{expr: `jsonencode(1e100000000)`, reason: "jsonencode"},
		{expr: `jsondecode("` + deep + `")`, reason: "jsondecode"},
		{expr: `yamldecode("` + deep + `")`, reason: "yamldecode"},
		{expr: `provider::terraform::decode_tfvars("a = ` + deep + `")`, reason: "provider::terraform::decode_tfvars"},
		{expr: `templatestring(local.deep, {})`, reason: "templatestring"},
		{expr: `length(setproduct(range(100), range(100), range(100), range(100)))`, reason: "setproduct"},
		{expr: `setproduct(range(1000), range(1000), range(1000), range(1000), range(1000))`, err: true},
	} {
		t.Run(c.expr[:min(len(c.expr), 60)], func(t *testing.T) {
			opts := exampleOptions
			res := evalExprWith(t, opts, c.expr, map[string]cty.Value{"deep": cty.StringVal("${" + deep + "}")})
			if c.err {
				if res.err == "" {
					t.Fatalf("%s = %#v, want an error", c.expr, res.val)
				}
				return
			}
			if res.err != "" {
				t.Fatalf("%s failed: %s", c.expr, res.err)
			}
			if res.val.IsWhollyKnown() || !mentions(res.reasons, c.reason) {
				t.Errorf("%s = %#v, reasons %q; want unknown with a reason naming %s", c.expr, res.val, res.reasons, c.reason)
			}
		})
	}
}

// TestLimitsInGo checks limits on values an expression builds cheaply but a function would blow
// up: shared structure, long strings, decompression bombs.
func TestLimitsInGo(t *testing.T) {
	// Four levels of 45 references to the level below: 4 million leaves in a few KiB. (Ten
	// levels would not end: go-cty walks every argument before any function runs.)
	shared := cty.StringVal("xxxxxx")
	for range 4 {
		shared = cty.TupleVal(slicesRepeat(shared, 45))
	}
	long := cty.StringVal(strings.Repeat("a", 1<<20))
	var bomb bytes.Buffer
	w := gzip.NewWriter(&bomb)
	if _, err := w.Write(make([]byte, 8<<20)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		fn   string
		args []cty.Value
	}{
		{"jsonencode of shared structure", "jsonencode", []cty.Value{shared}},
		{"flatten of shared structure", "flatten", []cty.Value{shared}},
		{"join of long strings", "join", []cty.Value{cty.StringVal(","), cty.ListVal(slicesRepeat(long, 5))}},
		{"replace amplifying", "replace", []cty.Value{long, cty.StringVal("a"), cty.StringVal("bbbbb")}},
		{"regex replace amplifying", "replace", []cty.Value{long, cty.StringVal("/a/"), cty.StringVal("$0$0$0$0$0")}},
		{"literal replace of the empty string", "replace", []cty.Value{cty.StringVal(strings.Repeat("a", 3000)), cty.StringVal(""), cty.StringVal(strings.Repeat("b", 3000))}},
		{"gunzip bomb", "base64gunzip", []cty.Value{cty.StringVal(base64.StdEncoding.EncodeToString(bomb.Bytes()))}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var reasons []string
			f := Table(Options{Unevaluated: func(r string) { reasons = append(reasons, r) }})[c.fn]
			v, err := f.Call(c.args)
			if err != nil {
				return // an error is a bound too
			}
			if v.IsWhollyKnown() || !mentions(reasons, c.fn) {
				t.Errorf("%s = a known value, reasons %q; want unknown with a reason", c.fn, reasons)
			}
		})
	}
}

func slicesRepeat(v cty.Value, n int) []cty.Value {
	out := make([]cty.Value, n)
	for i := range out {
		out[i] = v
	}
	return out
}
