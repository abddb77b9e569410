package tffunc

import (
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// edge is a call whose result follows from Terraform's documented semantics (or from
// trustcloud's refusal to guess) rather than from a documented example.
type edge struct {
	expr      string
	want      string   // the result in HCL, when it is known
	ty        cty.Type // the result's type, where the literal's own type is not it
	err       bool     // the call fails
	unknown   bool     // the result is not wholly known
	reason    string   // a reason naming this function is reported
	sensitive bool     // the result is marked sensitive
	opts      *Options // nil: exampleOptions
}

var edges = []edge{
	// element wraps around; a negative index is treated differently across Terraform versions.
	{expr: `element(["a", "b", "c"], 4)`, want: `"b"`},
	{expr: `element(["a"], 100)`, want: `"a"`},
	{expr: `element(["a", "b"], -1)`, unknown: true, reason: "element"},
	{expr: `element([], 0)`, err: true},

	// coalesce skips null and "".
	{expr: `coalesce(null, "", "x")`, want: `"x"`},
	{expr: `coalesce(null, "")`, err: true},
	{expr: `coalesce("", "")`, err: true},
	{expr: `coalesce(var.unknown, "x")`, unknown: true},
	{expr: `coalesce("x", var.unknown)`, want: `"x"`},

	// replace: /regex/ with $n, ${n} and $name; anything else is literal.
	{expr: `replace("eu-west-1", "/^(\\w+)-(\\w+)-(\\d)$/", "$2-$1-$${3}")`, want: `"west-eu-1"`},
	// Unescaped, ${3} is an HCL interpolation: the replacement is "$2-$1-3".
	{expr: `replace("eu-west-1", "/^(\\w+)-(\\w+)-(\\d)$/", "$2-$1-${3}")`, want: `"west-eu-3"`},
	{expr: `replace("us-east-2", "/(?P<geo>\\w+)-(?P<dir>\\w+)-\\d/", "$dir.$geo")`, want: `"east.us"`},
	{expr: `replace("1 + 2", "/(\\d)/", "$1$1")`, want: `"11 + 22"`},
	{expr: `replace("abc", "/b/", "$$")`, want: `"a$c"`},
	{expr: `replace("abc", "/b/", "$1x")`, want: `"ac"`},
	{expr: `replace("a/b/c", "/", "-")`, want: `"a-b-c"`},
	{expr: `replace("abc", "//", "-")`, want: `"-a-b-c-"`},
	{expr: `replace("a.b", ".", "-")`, want: `"a-b"`},
	{expr: `replace("a.b", "/./", "-")`, want: `"---"`},
	{expr: `replace("x", "/[/", "y")`, err: true},
	{expr: `replace(var.unknown, "a", "b")`, unknown: true},

	// lookup without a default fails on a missing key.
	{expr: `lookup({a = 1}, "b")`, err: true},
	{expr: `lookup(tomap({a = "x"}), "b")`, err: true},
	{expr: `lookup(tomap({a = "x"}), "b", "d")`, want: `"d"`},
	{expr: `lookup({a = "x"}, "b", 5)`, want: `5`},
	{expr: `lookup(var.sensitive_map, "region")`, want: `"eu-west-1"`, sensitive: true},
	{expr: `lookup(tomap({a = "x"}), var.unknown, "d")`, unknown: true},

	// format verbs.
	{expr: `format("%s %d %q %v %#v %t %f %e %g %%", "s", 42, "q", true, {a = 1}, false, 1.5, 1500, 0.000001)`, want: `"s 42 \"q\" true {\"a\":1} false 1.500000 1.500000e+03 1e-06 %"`},
	{expr: `format("%5.2f|%-4s|%04d|%v|%v", 3.14159, "ab", 7, 12.5, "x")`, want: `" 3.14|ab  |0007|12.5|x"`},
	{expr: `format("%[2]s %[1]s %s", "a", "b")`, want: `"b a b"`},
	{expr: `format("%v|%#v", null, "x")`, want: `"null|\"x\""`},
	{expr: `format("%d", 1.5)`, err: true},
	{expr: `format("%s")`, err: true},
	{expr: `format("%s", "a", "b")`, err: true},
	{expr: `format("%s", null)`, err: true},
	{expr: `format("%z", 1)`, err: true},
	{expr: `format("x-%s", var.unknown)`, unknown: true},
	{expr: `formatlist("%s-%s", ["a", "b"], ["c"])`, err: true},

	// Conversions.
	{expr: `tostring(true)`, want: `"true"`},
	{expr: `tonumber("1")`, want: `1`},
	{expr: `tonumber("x")`, err: true},
	{expr: `tostring(var.unknown)`, unknown: true},

	// Unknown arguments give unknown results, never a guess.
	{expr: `upper(var.unknown)`, unknown: true},
	{expr: `length(var.unknown_list)`, unknown: true},
	{expr: `length([var.unknown, "a"])`, want: `2`},
	{expr: `alltrue([var.unknown == "x", false])`, unknown: true},
	{expr: `alltrue([false, var.unknown == "x"])`, want: `false`},
	{expr: `alltrue([true, null])`, want: `false`},
	{expr: `anytrue([var.unknown == "x", true])`, want: `true`},
	{expr: `anytrue([var.unknown == "x", false])`, unknown: true},
	{expr: `try(upper(var.unknown), "x")`, unknown: true},
	{expr: `startswith(var.unknown, "x")`, unknown: true},
	{expr: `strcontains(var.unknown, "x")`, unknown: true},
	{expr: `index(["a", var.unknown, "b"], "b")`, unknown: true},
	{expr: `index(["b", var.unknown], "b")`, want: `0`},
	{expr: `one(toset([var.unknown, "a"]))`, unknown: true},
	{expr: `templatefile("backends.tftpl", {port = 1, ip_addrs = var.unknown_list})`, unknown: true},

	// Marked values keep their marks.
	{expr: `upper(var.secret)`, want: `"S3CR3T"`, sensitive: true},
	{expr: `length(var.secret)`, want: `6`, sensitive: true},
	{expr: `nonsensitive(var.secret)`, want: `"s3cr3t"`},
	{expr: `issensitive(nonsensitive(var.secret))`, want: `false`},
	{expr: `issensitive(var.unknown)`, unknown: true},
	{expr: `sensitive(var.unknown)`, unknown: true, sensitive: true},
	{expr: `ephemeralasnull(var.secret)`, want: `"s3cr3t"`, sensitive: true},
	{expr: `format("%s!", var.secret)`, want: `"s3cr3t!"`, sensitive: true},
	{expr: `coalesce(var.secret, "x")`, want: `"s3cr3t"`, sensitive: true},

	// Files.
	{expr: `file("hello.txt")`, unknown: true, reason: "file", opts: &Options{}},
	{expr: `fileexists("hello.txt")`, unknown: true, reason: "fileexists", opts: &Options{}},
	{expr: `templatefile("hello.txt", {})`, unknown: true, reason: "templatefile", opts: &Options{}},
	{expr: `filesha256("hello.txt")`, unknown: true, reason: "filesha256", opts: &Options{ReadFile: func(string) ([]byte, error) { return nil, errors.New("permission denied") }}},
	{expr: `file("missing.txt")`, err: true},
	{expr: `file("latin1.bin")`, err: true},
	{expr: `filebase64("latin1.bin")`, want: `"//4="`},
	{expr: `fileexists("hello.txt")`, unknown: true, reason: "fileexists", opts: &Options{ReadFile: func(string) ([]byte, error) { return nil, fs.ErrPermission }}},
	{expr: `pathexpand("~/.ssh/id_rsa")`, unknown: true, reason: "pathexpand"},
	{expr: `basename("C:\\Users\\x.txt")`, unknown: true, reason: "basename"},
	{expr: `dirname("foo")`, want: `"."`},

	// Templates: templatefile never recurses.
	{expr: `templatefile("recursive.tftpl", {})`, err: true},
	{expr: `templatefile("string-in-file.tftpl", {t = "x"})`, unknown: true, reason: "templatestring"},
	{expr: `templatefile("list.tftpl", {})`, want: `[1, 2]`},
	{expr: `templatefile("hello.txt", {"1bad" = 1})`, err: true},
	// Terraform's page says names hold letters, digits and underscores; HCL identifiers also
	// hold dashes. Which rule Terraform applies is not certain.
	{expr: `templatefile("hello.txt", {"dashed-name" = 1})`, unknown: true, reason: "templatefile"},
	{expr: `templatefile("backends.tftpl", {port = 1})`, err: true},
	{expr: `templatefile("backends.tftpl", "x")`, err: true},
	{expr: `templatestring("Hello ${var.name}", {})`, err: true},
	{expr: `templatestring(upper(local.template), {name = "x"})`, unknown: true, reason: "templatestring"},
	{expr: `templatestring(local.template, {name = var.secret})`, want: `"Hello, s3cr3t!"`, sensitive: true},

	// Dates.
	{expr: `plantimestamp()`, unknown: true, reason: "plantimestamp", opts: &Options{}},
	{expr: `plantimestamp()`, unknown: true, reason: "plantimestamp", opts: &Options{PlanTimestamp: "yesterday"}},
	{expr: `timecmp("2017-11-22T00:00:00.5Z", "2017-11-22T00:00:00Z")`, want: `1`},
	{expr: `timecmp("2017-11-22", "2017-11-22T00:00:00Z")`, err: true},

	// IP networks.
	{expr: `cidrhost("010.1.2.0/24", 5)`, want: `"10.1.2.5"`},
	{expr: `cidrsubnet("10.1.0.0/016", 8, 3)`, want: `"10.1.3.0/24"`},
	{expr: `cidrhost("10.0.0.0/30", 4)`, err: true},
	{expr: `cidrhost("10.0.0.0/30", -4)`, want: `"10.0.0.0"`},
	{expr: `cidrhost("10.0.0.0/30", -5)`, unknown: true, reason: "cidrhost"},
	{expr: `cidrhost("10.0.0.0/30", 1.5)`, err: true},
	{expr: `cidrhost("::ffff:10.0.0.0/120", 1)`, unknown: true, reason: "cidrhost"},
	{expr: `cidrhost("fe80::1%eth0/64", 1)`, err: true},
	{expr: `cidrhost("10.0.0.0/33", 1)`, err: true},
	{expr: `cidrhost("10.0.0.0", 1)`, err: true},
	{expr: `cidrnetmask("fe80::/64")`, unknown: true, reason: "cidrnetmask"},
	{expr: `cidrsubnet("10.0.0.0/8", 8, 256)`, err: true},
	{expr: `cidrsubnet("10.0.0.0/8", 25, 0)`, err: true},
	{expr: `cidrsubnet("10.0.0.0/8", 8, -1)`, unknown: true, reason: "cidrsubnet"},
	{expr: `cidrsubnet("10.0.0.0/8", 1.5, 0)`, err: true},
	{expr: `cidrsubnet("fd00::/8", 64, 1)`, unknown: true, reason: "cidrsubnet"},
	{expr: `cidrsubnets("10.0.0.0/8")`, want: `[]`, ty: cty.List(cty.String)},
	{expr: `cidrsubnets("10.0.0.0/24", 1, 1, 1)`, err: true},
	{expr: `cidrsubnets("10.0.0.0/24", 25)`, err: true},
	{expr: `cidrsubnets("0.0.0.0/0", 1)`, unknown: true, reason: "cidrsubnets"},
	{expr: `cidrsubnets("fd00::/8", 40)`, unknown: true, reason: "cidrsubnets"},
	{expr: `cidrcontains("10.0.0.0/8", "fe80::1")`, err: true},
	{expr: `cidrcontains("010.0.0.0/8", "10.1.1.1")`, unknown: true, reason: "cidrcontains"},

	// Collections.
	{expr: `sum([])`, err: true},
	{expr: `sum([1, null])`, err: true},
	{expr: `sum(["1"])`, unknown: true, reason: "sum"},
	{expr: `sum([1, true])`, err: true},
	{expr: `contains(["a"], tostring(null))`, unknown: true, reason: "contains"},
	{expr: `signum(1e30)`, unknown: true, reason: "signum"},
	{expr: `signum(-0.5)`, unknown: true, reason: "signum"},
	{expr: `index(["a"], "z")`, err: true},
	{expr: `index([], "a")`, err: true},
	{expr: `matchkeys(["a", "b"], ["x"], ["x"])`, err: true},
	{expr: `matchkeys(["a", "b"], ["x", "y"], ["z"])`, want: `[]`, ty: cty.List(cty.String)},
	{expr: `transpose({a = ["1"], b = []})`, want: `{"1" = ["a"]}`, ty: cty.Map(cty.List(cty.String))},
	{expr: `list(1)`, err: true},
	{expr: `length(5)`, err: true},

	// Encodings.
	{expr: `uuidv5("bogus", "x")`, err: true},
	{expr: `uuidv5("{6ba7b810-9dad-11d1-80b4-00c04fd430c8}", "www.terraform.io")`, want: `"a5008fae-b28c-5ba5-96cd-82b4c53552d6"`},
	{expr: `yamldecode("a: &x {b: 1}\nc:\n  <<: *x\n")`, unknown: true, reason: "yamldecode"},
	{expr: `base64decode("####")`, err: true},
	{expr: `base64decode("/w==")`, err: true},
	{expr: `base64gunzip("SGVsbG8=")`, err: true},
	{expr: `textencodebase64("x", "no-such-encoding")`, err: true},
	{expr: `urldecode("%zz")`, err: true},
	{expr: `provider::terraform::encode_expr({a = 1})`, unknown: true, reason: "provider::terraform::encode_expr"},
	{expr: `provider::terraform::encode_expr(null)`, want: `"null"`},
	{expr: `provider::terraform::encode_expr(42)`, want: `"42"`},
	{expr: `provider::terraform::encode_expr("a\n${"$"}{b}")`, want: `"\"a\\n$$${b}\""`},
	{expr: `provider::terraform::decode_tfvars("a = var.x")`, err: true},
	{expr: `provider::terraform::decode_tfvars("x {}")`, err: true},
	{expr: `provider::terraform::encode_tfvars({a = 1})`, unknown: true, reason: "provider::terraform::encode_tfvars"},

	// Namespaced aliases are the same functions, and report under their own name.
	{expr: `core::upper("a")`, want: `"A"`},
	{expr: `core::replace("eu-west-1", "/-\\d$/", "")`, want: `"eu-west"`},
	{expr: `core::timestamp()`, unknown: true, reason: "core::timestamp"},
}

func TestEdges(t *testing.T) {
	for _, c := range edges {
		t.Run(c.expr, func(t *testing.T) {
			opts := exampleOptions
			if c.opts != nil {
				opts = *c.opts
			}
			res := evalExpr(t, opts, c.expr)
			switch {
			case c.err:
				if res.err == "" {
					t.Fatalf("%s = %#v, want an error", c.expr, res.val)
				}
				return
			case res.err != "":
				t.Fatalf("%s failed: %s", c.expr, res.err)
			}
			if got := res.val.HasMark(Sensitive); got != c.sensitive {
				t.Errorf("%s: sensitive = %t, want %t", c.expr, got, c.sensitive)
			}
			got, _ := res.val.UnmarkDeep()
			if c.unknown {
				if got.IsWhollyKnown() {
					t.Errorf("%s = %#v, want an unknown value", c.expr, got)
				}
			} else if want := literal(t, c.want, c.ty); !sameValue(got, want) {
				t.Errorf("%s: (-want +got)\n%s", c.expr, diffValues(got, want))
			}
			if c.reason != "" && !mentions(res.reasons, c.reason) {
				t.Errorf("%s reported %q, want a reason naming %s", c.expr, res.reasons, c.reason)
			}
			if c.reason == "" && len(res.reasons) > 0 {
				t.Errorf("%s reported %q, want no reason", c.expr, res.reasons)
			}
		})
	}
}

// TestMergeOfNullObjects calls merge with null objects only, which Terraform 1.11's go-cty
// cannot evaluate: the result must be unknown, not a guess.
func TestMergeOfNullObjects(t *testing.T) {
	var reasons []string
	merge := Table(Options{Unevaluated: func(r string) { reasons = append(reasons, r) }})["merge"]
	obj := cty.Object(map[string]cty.Type{"a": cty.String})
	v, err := merge.Call([]cty.Value{cty.NullVal(obj), cty.NullVal(obj)})
	if err != nil {
		t.Fatal(err)
	}
	if v.IsKnown() || !mentions(reasons, "merge") {
		t.Errorf("merge(null, null) = %#v, reasons %q; want unknown with a reason", v, reasons)
	}
	v, err = merge.Call([]cty.Value{cty.NullVal(obj), cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("x")})})
	if err != nil || !v.RawEquals(cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("x")})) {
		t.Errorf("merge(null, {a = x}) = %#v, %v", v, err)
	}
}

// TestTemplateTableRefusesTemplates checks the table templates see directly.
func TestTemplateTableRefusesTemplates(t *testing.T) {
	e := &env{opts: Options{ReadFile: testReadFile}}
	inner := e.templateTable("templatefile")
	if _, err := inner["core::templatefile"].Call([]cty.Value{cty.StringVal("hello.txt"), cty.EmptyObjectVal}); err == nil || !strings.Contains(err.Error(), "recursively") {
		t.Errorf("templatefile inside templatefile: err = %v, want a refusal", err)
	}
	if inner["upper"].Params() == nil {
		t.Error("the template table lacks the other functions")
	}
}
