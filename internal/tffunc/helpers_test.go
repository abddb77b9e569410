package tffunc

import (
	"io/fs"
	"math/big"
	"path"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// testFiles are the files the tests' ReadFile serves, by cleaned path.
var testFiles = map[string]string{
	"hello.txt":      "Hello World",
	"backends.tftpl": "%{ for addr in ip_addrs ~}\nbackend ${addr}:${port}\n%{ endfor ~}\n",
	// The documentation's own backends.tftpl, whose loop shadows port with the list index.
	"backends-doc.tftpl":   "%{ for addr, port in ip_addrs ~}\nbackend ${addr}:${port}\n%{ endfor ~}\n",
	"config.tftpl":         "%{ for config_key, config_value in config }\nset ${config_key} = ${config_value}\n%{ endfor ~}\n",
	"backends.json.tftpl":  "${jsonencode({\n  \"backends\": [for addr in ip_addrs : \"${addr}:${port}\"],\n})}",
	"recursive.tftpl":      "${templatefile(\"hello.txt\", {})}",
	"string-in-file.tftpl": "${templatestring(t, {})}",
	"list.tftpl":           "${[1, 2]}",
	"latin1.bin":           "\xff\xfe",
}

// testReadFile reads testFiles, failing as a missing file does for anything else.
func testReadFile(p string) ([]byte, error) {
	if s, ok := testFiles[path.Clean(p)]; ok {
		return []byte(s), nil
	}
	return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
}

// testVars are the variables the test expressions may refer to.
func testVars() map[string]cty.Value {
	return map[string]cty.Value{
		"path": cty.ObjectVal(map[string]cty.Value{"module": cty.StringVal(".")}),
		"var": cty.ObjectVal(map[string]cty.Value{
			"name":               cty.StringVal("Valentina"),
			"unknown":            cty.UnknownVal(cty.String),
			"unknown_list":       cty.UnknownVal(cty.List(cty.String)),
			"secret":             cty.StringVal("s3cr3t").Mark(Sensitive),
			"ephemeral_variable": cty.StringVal("token").Mark(Ephemeral),
			"sensitive_map":      cty.MapVal(map[string]cty.Value{"region": cty.StringVal("eu-west-1")}).Mark(Sensitive),
		}),
		"local": cty.ObjectVal(map[string]cty.Value{
			"foo":      cty.ObjectVal(map[string]cty.Value{"bar": cty.StringVal("baz")}),
			"template": cty.StringVal("Hello, ${name}!"),
			"mixed_content": cty.ObjectVal(map[string]cty.Value{
				"username": cty.StringVal("zqb"),
				"password": cty.StringVal("p4ssw0rd"),
			}).Mark(Sensitive),
		}),
	}
}

// evalResult is what evaluating one expression gave: its value, error text and reported reasons.
type evalResult struct {
	val     cty.Value
	err     string
	reasons []string
}

// evalExpr parses src as an HCL expression and evaluates it with a Table built from opts (its
// Unevaluated is replaced to record reasons) and testVars.
func evalExpr(t *testing.T, opts Options, src string) evalResult {
	t.Helper()
	return evalExprWith(t, opts, src, nil)
}

// evalExprWith is evalExpr with more local values.
func evalExprWith(t *testing.T, opts Options, src string, locals map[string]cty.Value) evalResult {
	t.Helper()
	vars := testVars()
	if len(locals) > 0 {
		all := vars["local"].AsValueMap()
		for k, v := range locals {
			all[k] = v
		}
		vars["local"] = cty.ObjectVal(all)
	}
	var res evalResult
	opts.Unevaluated = func(reason string) { res.reasons = append(res.reasons, reason) }
	expr, diags := hclsyntax.ParseExpression([]byte(src), "test.tf", hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		t.Fatalf("parsing %s: %s", src, diags.Error())
	}
	v, diags := expr.Value(&hcl.EvalContext{Variables: vars, Functions: Table(opts)})
	res.val = v
	if diags.HasErrors() {
		res.err = diags.Error()
	}
	return res
}

// literal parses and evaluates an expected value written in HCL, converted to ty when ty is set.
func literal(t *testing.T, src string, ty cty.Type) cty.Value {
	t.Helper()
	expr, diags := hclsyntax.ParseExpression([]byte(src), "want.tf", hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		t.Fatalf("parsing expected value %s: %s", src, diags.Error())
	}
	v, diags := expr.Value(&hcl.EvalContext{Functions: Table(Options{})})
	if diags.HasErrors() {
		t.Fatalf("evaluating expected value %s: %s", src, diags.Error())
	}
	if ty != cty.NilType {
		var err error
		if v, err = convert.Convert(v, ty); err != nil {
			t.Fatalf("converting expected value %s to %s: %s", src, ty.FriendlyName(), err)
		}
	}
	return v
}

// sameValue reports whether got is want: equal types and raw-equal values. A number printed by
// terraform console (log(50, 10)) is the float64 nearest to it, so numbers are also equal when
// they are the same float64.
func sameValue(got, want cty.Value) bool {
	if !got.Type().Equals(want.Type()) {
		return false
	}
	if got.RawEquals(want) {
		return true
	}
	if got.Type() == cty.Number && got.IsKnown() && want.IsKnown() && !got.IsNull() && !want.IsNull() && !got.IsMarked() {
		g, _ := got.AsBigFloat().Float64()
		w, _ := want.AsBigFloat().Float64()
		return g == w && !new(big.Float).Sub(got.AsBigFloat(), want.AsBigFloat()).IsInf()
	}
	return false
}

// diffValues describes how got differs from want, for a failure message.
func diffValues(got, want cty.Value) string {
	return cmp.Diff(want.GoString()+" : "+want.Type().GoString(), got.GoString()+" : "+got.Type().GoString())
}

// mentions reports whether any reason names the function.
func mentions(reasons []string, name string) bool {
	for _, r := range reasons {
		if strings.Contains(r, `function "`+name+`"`) {
			return true
		}
	}
	return false
}
