package configinput

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"

	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// Var is one -var or -var-file of the command line, in the order given:
// Terraform applies them in that order, the last one winning.
type Var struct {
	// File is a -var-file; Assign a -var "name=value". One is set.
	File, Assign string
}

// values are the root variables' values, as JSON-like values, and where
// each came from.
type values struct {
	vals    map[string]any
	origins map[string]string
}

func (v *values) set(name string, val any, origin string) {
	v.vals[name] = val
	v.origins[name] = origin
}

// rootVariables gathers the root module's variable values with
// Terraform's precedence, lowest first: TF_VAR_ environment variables,
// terraform.tfvars, terraform.tfvars.json, *.auto.tfvars and
// *.auto.tfvars.json in lexical order, then -var and -var-file in the
// order given. Defaults are the evaluator's, when nothing gives a value.
func rootVariables(dir string, root *tfconfig.Module, vars []Var, environ []string) (*values, error) {
	out := &values{vals: map[string]any{}, origins: map[string]string{}}
	for _, kv := range environ {
		name, val, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		name, ok = strings.CutPrefix(name, "TF_VAR_")
		if !ok {
			continue
		}
		decl := root.Variables[name]
		if decl == nil {
			continue // Terraform ignores them too
		}
		v, err := raw(decl, val)
		if err != nil {
			return nil, i18n.Errorf("dir.tf_var", name, err)
		}
		out.set(name, v, "TF_VAR_"+name)
	}
	files := []string{}
	for _, f := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err == nil && !st.IsDir() {
			files = append(files, f)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var auto []string
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && (strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json")) {
			auto = append(auto, n)
		}
	}
	slices.Sort(auto)
	for _, f := range append(files, auto...) {
		if err := readVarFile(filepath.Join(dir, f), filepath.ToSlash(filepath.Join(dir, f)), root, out); err != nil {
			return nil, err
		}
	}
	for _, v := range vars {
		if v.File != "" {
			if err := readVarFile(v.File, filepath.ToSlash(v.File), root, out); err != nil {
				return nil, err
			}
			continue
		}
		name, val, ok := strings.Cut(v.Assign, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, i18n.Errorf("dir.var_syntax", v.Assign)
		}
		decl := root.Variables[name]
		if decl == nil {
			return nil, i18n.Errorf("dir.var_unknown", v.Assign, name)
		}
		j, err := raw(decl, val)
		if err != nil {
			return nil, i18n.Errorf("dir.var", name, err)
		}
		out.set(name, j, "-var "+name)
	}
	return out, nil
}

// raw reads a value given as text (-var, TF_VAR_): as is for a variable
// of a primitive type or of no type, as an HCL expression otherwise.
func raw(decl *tfconfig.Variable, text string) (any, error) {
	if decl.Type.IsPrimitiveType() || decl.Type == cty.DynamicPseudoType {
		return text, nil
	}
	x, diags := hclsyntax.ParseExpression([]byte(text), "<value>", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, i18n.Errorf("dir.not_value", diags.Error())
	}
	return constant(x)
}

func constant(x hcl.Expression) (any, error) {
	v, diags := x.Value(nil)
	if diags.HasErrors() {
		return nil, i18n.Errorf("dir.not_constant", diags.Error())
	}
	j, ok := tfconfig.ToJSON(v)
	if !ok {
		return nil, i18n.Errorf("dir.not_known")
	}
	return j, nil
}

// readVarFile reads a .tfvars (HCL) or .tfvars.json file. Values of
// variables the root module does not declare are ignored, as Terraform
// does (with a warning).
func readVarFile(path, shown string, root *tfconfig.Module, out *values) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return i18n.Errorf("dir.vars_file", shown, err)
	}
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(path, ".json") {
		f, diags = json.Parse(data, shown)
	} else {
		f, diags = hclsyntax.ParseConfig(data, shown, hcl.InitialPos)
	}
	if diags.HasErrors() {
		return i18n.Errorf("dir.vars_file", shown, diags.Error())
	}
	attrs, diags := f.Body.JustAttributes()
	if diags.HasErrors() {
		return i18n.Errorf("dir.vars_file", shown, diags.Error())
	}
	for name, a := range attrs {
		if root.Variables[name] == nil {
			continue
		}
		j, err := constant(a.Expr)
		if err != nil {
			return i18n.Errorf("dir.vars_at", shown, a.Range.Start.Line, name, err)
		}
		out.set(name, j, fmt.Sprintf("%s:%d", shown, a.Range.Start.Line))
	}
	return nil
}
