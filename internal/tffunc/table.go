package tffunc

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// Options say what the functions may read and whom to tell when a call cannot give a value.
type Options struct {
	// ReadFile reads a file for file(), fileexists(), templatefile(), filebase64(), filemd5() … given the path
	// as written (relative paths are relative to the calling module's directory — the caller's ReadFile
	// resolves them). nil: every file function returns an unknown value and reports why.
	//
	// An error wrapping fs.ErrNotExist means the file certainly did not exist when Terraform planned:
	// fileexists() is then false and file() fails, as in Terraform. Any other error makes the call unknown.
	ReadFile func(path string) ([]byte, error)
	// PlanTimestamp is the plan's timestamp (RFC 3339) for plantimestamp(); empty → unknown.
	PlanTimestamp string
	// Unevaluated is told why a call returned an unknown value instead of a result: the function is not
	// implemented, is only known at apply (timestamp(), uuid(), bcrypt()), a file is not available … The
	// reason names the function, e.g. `function "rsadecrypt" is not implemented by trustcloud`.
	Unevaluated func(reason string)
}

// Mark is the type of the value marks that sensitive(), nonsensitive(), issensitive() and
// ephemeralasnull() read and set. The evaluator marks sensitive and ephemeral values with the
// constants below so that these functions see them as Terraform does.
type Mark string

const (
	// Sensitive marks a value Terraform treats as sensitive.
	Sensitive Mark = "sensitive"
	// Ephemeral marks a value Terraform treats as ephemeral.
	Ephemeral Mark = "ephemeral"
)

// stubKind says why a name has no implementation, which decides the reason reported.
type stubKind int

const (
	computed       stubKind = iota // implemented
	notImplemented                 // trustcloud does not compute it
	applyOnly                      // Terraform itself only knows the result at apply
	consoleOnly                    // Terraform only offers it in `terraform console`
)

// entry describes one built-in function: how to build it, or why it is a stub.
type entry struct {
	build func(e *env, name string) function.Function
	stub  stubKind
	// ret is the stub's result type: known for the apply-only functions, which Terraform types.
	ret cty.Type
	// why completes a notImplemented stub's reason.
	why string
}

// env is what every function of one table shares: the options, and the table that templates use.
type env struct {
	opts Options
	// inside names the template function (templatefile or templatestring) whose template this
	// table serves; there, templatefile and templatestring refuse. Empty for the module's table.
	inside string

	mu        sync.Mutex
	templates map[string]map[string]function.Function
}

// Table returns every Terraform (and OpenTofu) built-in function by name, as hcl.EvalContext.Functions
// expects, including the "core::" namespaced aliases (core::upper …) and the provider::terraform::
// functions (encode_tfvars, decode_tfvars, encode_expr) where you implement them.
func Table(opts Options) map[string]function.Function {
	return (&env{opts: opts}).table()
}

// Names lists every built-in function name Terraform 1.11 and OpenTofu 1.10 know (sorted), with the
// "core::" aliases and the provider::terraform:: functions: the keys of Table.
func Names() []string {
	names := make([]string, 0, 2*len(catalog))
	for name := range catalog {
		names = append(names, name)
		if !strings.Contains(name, "::") {
			names = append(names, "core::"+name)
		}
	}
	sort.Strings(names)
	return names
}

// Implemented reports whether trustcloud computes it (false: Table gives a stub that returns unknown).
func Implemented(name string) bool {
	ent, ok := catalog[strings.TrimPrefix(name, "core::")]
	return ok && ent.stub == computed
}

func (e *env) table() map[string]function.Function {
	t := make(map[string]function.Function, 2*len(catalog))
	for _, name := range Names() {
		t[name] = e.function(name)
	}
	return t
}

// templateTable is the table a template rendered by kind (templatefile or templatestring) sees.
func (e *env) templateTable(kind string) map[string]function.Function {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.templates[kind] == nil {
		if e.templates == nil {
			e.templates = map[string]map[string]function.Function{}
		}
		e.templates[kind] = (&env{opts: e.opts, inside: kind}).table()
	}
	return e.templates[kind]
}

func (e *env) function(name string) function.Function {
	ent := catalog[strings.TrimPrefix(name, "core::")]
	if ent.stub != computed {
		return e.stubFunc(name, ent)
	}
	return ent.build(e, name)
}

// report tells Options.Unevaluated why a call of name gives no value.
func (e *env) report(name, format string, args ...any) {
	if e.opts.Unevaluated == nil {
		return
	}
	e.opts.Unevaluated(fmt.Sprintf("function %q ", name) + fmt.Sprintf(format, args...))
}

// unknown reports why and returns an unknown value of ty.
func (e *env) unknown(ty cty.Type, name, format string, args ...any) cty.Value {
	e.report(name, format, args...)
	return cty.UnknownVal(ty)
}

func (e *env) stubFunc(name string, ent entry) function.Function {
	ret := ent.ret
	if ret == cty.NilType {
		ret = cty.DynamicPseudoType
	}
	var reason string
	switch ent.stub {
	case applyOnly:
		reason = "is only known at apply: Terraform gives no value for it while planning"
	case consoleOnly:
		reason = "is only available in terraform console"
	default:
		reason = "is not implemented by trustcloud"
		if ent.why != "" {
			reason += ": " + ent.why
		}
	}
	return function.New(&function.Spec{
		Description: fmt.Sprintf("Stands in for %s, which trustcloud does not evaluate; it always returns an unknown value.", name),
		VarParam: &function.Parameter{
			Name:             "args",
			Type:             cty.DynamicPseudoType,
			AllowNull:        true,
			AllowUnknown:     true,
			AllowDynamicType: true,
		},
		Type: function.StaticReturnType(ret),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return e.unknown(ret, name, "%s", reason), nil
		},
	})
}

// std wraps a go-cty stdlib function that Terraform itself uses, adding trustcloud's limits.
func std(f function.Function) func(e *env, name string) function.Function {
	return func(e *env, name string) function.Function { return e.guard(name, f) }
}

// own wraps a function written in this package, adding trustcloud's limits.
func own(make func(e *env, name string) function.Function) func(e *env, name string) function.Function {
	return func(e *env, name string) function.Function { return e.guard(name, make(e, name)) }
}

// guard returns f with the argument-size limit: arguments heavier than maxArgWeight, or a string
// result longer than maxStringBytes, give an unknown value. A function's work can far exceed its
// arguments' memory (numbers such as 1e100000000 print to a hundred million digits; nested values
// can share memory and be rendered many times over), so weigh counts what printing would cost and
// stops at the limit. Every parameter is opened (marked, unknown) so that the weight is checked
// first; f's own machinery then treats the arguments as it always does.
//
// go-cty's machinery itself walks every argument once, looking for marks, before any function
// runs: a value sharing memory so much that one walk does not end must be stopped by whoever
// builds it (the evaluator), as no function can see it first.
func (e *env) guard(name string, f function.Function) function.Function {
	open := func(p function.Parameter) function.Parameter {
		p.AllowMarked, p.AllowUnknown, p.AllowDynamicType = true, true, true
		return p
	}
	params := f.Params()
	for i := range params {
		params[i] = open(params[i])
	}
	var varParam *function.Parameter
	if vp := f.VarParam(); vp != nil {
		p := open(*vp)
		varParam = &p
	}
	heavy := func(args []cty.Value) bool {
		left := int64(maxArgWeight)
		for _, arg := range args {
			if left = weigh(arg, left); left < 0 {
				return true
			}
		}
		return false
	}
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      params,
		VarParam:    varParam,
		Type: func(args []cty.Value) (cty.Type, error) {
			if heavy(args) {
				return cty.DynamicPseudoType, nil
			}
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			if heavy(args) {
				return e.unknown(retType, name, "has arguments larger than trustcloud's limit of %d MiB", maxArgWeight>>20), nil
			}
			v, err := f.Call(args)
			if err != nil {
				return cty.NilVal, err
			}
			if u, _ := v.Unmark(); u.Type() == cty.String && u.IsKnown() && !u.IsNull() && len(u.AsString()) > maxStringBytes {
				return e.unknown(retType, name, "has a result larger than trustcloud's limit of %d MiB", maxStringBytes>>20), nil
			}
			return v, nil
		},
	})
}

// before returns inner with check run first: when check says stop, its value and error are the
// result and inner is not called. It is how this package bounds or fences off go-cty's functions.
func (e *env) before(inner function.Function, check func(args []cty.Value, retType cty.Type) (bool, cty.Value, error)) function.Function {
	return function.New(&function.Spec{
		Description: inner.Description(),
		Params:      inner.Params(),
		VarParam:    inner.VarParam(),
		Type:        inner.ReturnTypeForValues,
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			if stop, v, err := check(args, retType); stop {
				return v, err
			}
			return inner.Call(args)
		},
	})
}
