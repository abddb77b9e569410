package tffunc

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/customdecode"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// readFile reads path through Options.ReadFile. When the call cannot go on, stop is true and v,
// err are its result: unknown when trustcloud cannot see the file, an error when the file
// certainly does not exist, as Terraform fails then too.
func (e *env) readFile(name, path string, ty cty.Type) (b []byte, stop bool, v cty.Value, err error) {
	if e.opts.ReadFile == nil {
		return nil, true, e.unknown(ty, name, "cannot read %q: trustcloud was given no way to read files", path), nil
	}
	b, err = e.opts.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, true, cty.UnknownVal(ty), fmt.Errorf("no file exists at %s; this function works only with files that are distributed as part of the configuration source code", path)
	case err != nil:
		return nil, true, e.unknown(ty, name, "cannot read %q: %v", path, err), nil
	case len(b) > maxStringBytes:
		return nil, true, e.unknown(ty, name, "reads %q, larger than trustcloud's limit of %d MiB", path, maxStringBytes>>20), nil
	}
	return b, false, cty.NilVal, nil
}

// fileFunc builds a function of a file's bytes: file, filebase64, filemd5 and the like.
func fileFunc(description string, result func(b []byte, path string) (cty.Value, error)) func(e *env, name string) function.Function {
	return func(e *env, name string) function.Function {
		return function.New(&function.Spec{
			Description:  description,
			Params:       []function.Parameter{{Name: "path", Type: cty.String}},
			Type:         function.StaticReturnType(cty.String),
			RefineResult: notNull,
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				path := args[0].AsString()
				b, stop, v, err := e.readFile(name, path, cty.String)
				if stop {
					return v, err
				}
				return result(b, path)
			},
		})
	}
}

var (
	fileContentFunc = fileFunc("Returns the content of a file, which must be UTF-8 text.", func(b []byte, path string) (cty.Value, error) {
		if !utf8.Valid(b) {
			return cty.UnknownVal(cty.String), fmt.Errorf("contents of %s are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead", path)
		}
		return cty.StringVal(string(b)), nil
	})
	filebase64Func = fileFunc("Returns the content of a file encoded in Base64.", func(b []byte, _ string) (cty.Value, error) {
		return cty.StringVal(base64.StdEncoding.EncodeToString(b)), nil
	})
)

// fileHashFunc hashes a file's bytes.
func fileHashFunc(d digest) func(e *env, name string) function.Function {
	return fileFunc("Hashes the content of a file.", func(b []byte, _ string) (cty.Value, error) {
		return cty.StringVal(d.sum(b)), nil
	})
}

// fileexistsFunc is true when ReadFile reads the file, false when it certainly does not exist.
func fileexistsFunc(e *env, name string) function.Function {
	return function.New(&function.Spec{
		Description:  "Reports whether a file exists at the given path.",
		Params:       []function.Parameter{{Name: "path", Type: cty.String}},
		Type:         function.StaticReturnType(cty.Bool),
		RefineResult: notNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			path := args[0].AsString()
			if e.opts.ReadFile == nil {
				return e.unknown(cty.Bool, name, "cannot look for %q: trustcloud was given no way to read files", path), nil
			}
			_, err := e.opts.ReadFile(path)
			switch {
			case err == nil:
				return cty.True, nil
			case errors.Is(err, fs.ErrNotExist):
				return cty.False, nil
			}
			return e.unknown(cty.Bool, name, "cannot tell whether %q exists: %v", path, err), nil
		},
	})
}

// pathFunc builds basename and dirname. Terraform uses the path rules of the system it runs on,
// which trustcloud does not know: a path with a backslash or a colon, read differently on
// Windows, is unknown.
func pathFunc(description string, op func(string) string) func(e *env, name string) function.Function {
	return func(e *env, name string) function.Function {
		return stringFunc(description, "path", func(path string) (cty.Value, error) {
			if strings.ContainsAny(path, `\:`) {
				return e.unknown(cty.String, name, "is given %q, which Windows and Unix read differently", path), nil
			}
			return cty.StringVal(op(path)), nil
		})
	}
}

var (
	basenameFunc = pathFunc("Returns the last element of a filesystem path.", filepath.Base)
	dirnameFunc  = pathFunc("Returns all but the last element of a filesystem path.", filepath.Dir)
)

// pathexpandFunc returns a path that does not start with ~ as it is, which is what Terraform does;
// a leading ~ stands for the home directory of whoever ran Terraform, which trustcloud cannot know.
func pathexpandFunc(e *env, name string) function.Function {
	return stringFunc("Replaces a leading ~ in a path with the home directory of the user running Terraform.", "path", func(path string) (cty.Value, error) {
		if strings.HasPrefix(path, "~") {
			return e.unknown(cty.String, name, "expands %q with the home directory of the user who ran Terraform, which trustcloud does not know", path), nil
		}
		return cty.StringVal(path), nil
	})
}

// templatefileFunc is Terraform's templatefile: the file is parsed as an hcl template and
// evaluated with vars and the function table minus the template functions themselves.
func templatefileFunc(e *env, name string) function.Function {
	return function.New(&function.Spec{
		Description: "Reads a file and renders its content as a template with the given variables.",
		Params: []function.Parameter{
			{Name: "path", Type: cty.String},
			{Name: "vars", Type: cty.DynamicPseudoType},
		},
		Type: function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if e.inside != "" {
				return e.nestedTemplate(name)
			}
			path := args[0].AsString()
			b, stop, v, err := e.readFile(name, path, cty.DynamicPseudoType)
			if stop {
				return v, err
			}
			if !utf8.Valid(b) {
				return cty.DynamicVal, fmt.Errorf("contents of %s are not valid UTF-8", path)
			}
			return e.render(name, "templatefile", string(b), path, args[1])
		},
	})
}

// templatestringFunc is Terraform's templatestring: its first argument must be a reference to a
// string elsewhere in the module, never a template written in place.
func templatestringFunc(e *env, name string) function.Function {
	return function.New(&function.Spec{
		Description: "Renders a string from elsewhere in the module as a template with the given variables.",
		Params: []function.Parameter{
			{Name: "template", Type: customdecode.ExpressionClosureType},
			{Name: "vars", Type: cty.DynamicPseudoType},
		},
		Type: function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if e.inside != "" {
				return e.nestedTemplate(name)
			}
			closure := customdecode.ExpressionClosureFromVal(args[0])
			switch closure.Expression.(type) {
			case *hclsyntax.TemplateExpr, *hclsyntax.TemplateWrapExpr, *hclsyntax.TemplateJoinExpr:
				return cty.DynamicVal, errors.New("invalid template expression: the template must be a reference to a string defined elsewhere in the module, not a template written in the call")
			}
			if _, diags := hcl.AbsTraversalForExpr(closure.Expression); diags.HasErrors() {
				return e.unknown(cty.DynamicPseudoType, name, "is given a template that is not a plain reference, which trustcloud does not evaluate"), nil
			}
			tmpl, diags := closure.Value()
			if diags.HasErrors() {
				return cty.DynamicVal, diags
			}
			tmpl, marks := tmpl.UnmarkDeep()
			switch {
			case !tmpl.IsKnown():
				return cty.DynamicVal.WithMarks(marks), nil
			case tmpl.IsNull():
				return cty.DynamicVal, errors.New("the template must not be null")
			case tmpl.Type() != cty.String:
				return e.unknown(cty.DynamicPseudoType, name, "is given a template of type %s, which trustcloud does not convert", tmpl.Type().FriendlyName()), nil
			}
			v, err := e.render(name, "templatestring", tmpl.AsString(), "<templatestring argument>", args[1])
			if err != nil {
				return cty.DynamicVal, err
			}
			return v.WithMarks(marks), nil
		},
	})
}

// nestedTemplate is the result of templatefile or templatestring called from inside a template.
// Terraform's documentation forbids templatefile within templatefile; the other combinations are
// not documented, so they are unknown.
func (e *env) nestedTemplate(name string) (cty.Value, error) {
	if e.inside == "templatefile" && strings.TrimPrefix(name, "core::") == "templatefile" {
		return cty.DynamicVal, errors.New("cannot recursively call templatefile from inside templatefile")
	}
	return e.unknown(cty.DynamicPseudoType, name, "is called from inside a template rendered by %s, which trustcloud does not evaluate", e.inside), nil
}

// render parses src as an hcl template and evaluates it with vars, as templatefile and
// templatestring do.
func (e *env) render(name, kind, src, filename string, vars cty.Value) (cty.Value, error) {
	if nestingExceeds(src) {
		return e.unknown(cty.DynamicPseudoType, name, "is given a template nested more than %d levels deep, more than trustcloud parses", maxNesting), nil
	}
	expr, diags := hclsyntax.ParseTemplate([]byte(src), filename, hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		return cty.DynamicVal, diags
	}
	ty := vars.Type()
	if !ty.IsMapType() && !ty.IsObjectType() {
		return cty.DynamicVal, function.NewArgErrorf(1, "invalid vars value: must be a map")
	}
	if vars.IsNull() {
		return cty.DynamicVal, function.NewArgErrorf(1, "invalid vars value: must not be null")
	}
	variables := make(map[string]cty.Value, vars.LengthInt())
	for it := vars.ElementIterator(); it.Next(); {
		k, v := it.Element()
		switch {
		case !hclsyntax.ValidIdentifier(k.AsString()):
			return cty.DynamicVal, function.NewArgErrorf(1, "invalid template variable name %q: must start with a letter, followed by zero or more letters, digits, and underscores", k.AsString())
		case strings.Contains(k.AsString(), "-"):
			// HCL identifiers may hold dashes; Terraform's documentation says names may not.
			return e.unknown(cty.DynamicPseudoType, name, "is given the variable name %q, which Terraform may accept or reject", k.AsString()), nil
		}
		variables[k.AsString()] = v
	}
	for _, traversal := range expr.Variables() {
		if _, ok := variables[traversal.RootName()]; !ok {
			return cty.DynamicVal, function.NewArgErrorf(1, "vars map does not contain key %q, referenced at %s", traversal.RootName(), traversal[0].SourceRange())
		}
	}
	v, diags := expr.Value(&hcl.EvalContext{Variables: variables, Functions: e.templateTable(kind)})
	if diags.HasErrors() {
		return cty.DynamicVal, diags
	}
	return v, nil
}
