package tffunc

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// decodeTfvarsFunc is provider::terraform::decode_tfvars: the attributes of .tfvars content,
// evaluated without variables or functions, as an object.
func decodeTfvarsFunc(e *env, name string) function.Function {
	return function.New(&function.Spec{
		Description: "Parses a string in .tfvars syntax and returns an object of the values it defines.",
		Params:      []function.Parameter{{Name: "src", Type: cty.String}},
		Type:        function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			src := args[0].AsString()
			if nestingExceeds(src) {
				return e.unknown(cty.DynamicPseudoType, name, "is given text nested more than %d levels deep, more than trustcloud parses", maxNesting), nil
			}
			f, diags := hclsyntax.ParseConfig([]byte(src), "<decode_tfvars argument>", hcl.Pos{Line: 1, Column: 1})
			if diags.HasErrors() {
				return cty.DynamicVal, diags
			}
			attrs, diags := f.Body.JustAttributes()
			if diags.HasErrors() {
				return cty.DynamicVal, diags
			}
			vals := make(map[string]cty.Value, len(attrs))
			for attrName, attr := range attrs {
				v, diags := attr.Expr.Value(nil)
				if diags.HasErrors() {
					return cty.DynamicVal, diags
				}
				vals[attrName] = v
			}
			return cty.ObjectVal(vals), nil
		},
	})
}

// encodeExprFunc is provider::terraform::encode_expr for strings, numbers, bools and null, whose
// expression syntax hclwrite writes in one way only. Collections are unknown: how Terraform lays
// them out over lines is not documented.
func encodeExprFunc(e *env, name string) function.Function {
	return function.New(&function.Spec{
		Description: "Returns Terraform expression syntax for the given value.",
		Params: []function.Parameter{{
			Name:             "value",
			Type:             cty.DynamicPseudoType,
			AllowNull:        true,
			AllowDynamicType: true,
		}},
		Type:         function.StaticReturnType(cty.String),
		RefineResult: notNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			v := args[0]
			if !v.Type().IsPrimitiveType() && !v.IsNull() {
				return e.unknown(cty.String, name, "is given a %s, whose layout Terraform does not document", v.Type().FriendlyName()), nil
			}
			return cty.StringVal(string(hclwrite.TokensForValue(v).Bytes())), nil
		},
	})
}
