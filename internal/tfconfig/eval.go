package tfconfig

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/trustcloud/trustcloud/internal/i18n"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/trustcloud/trustcloud/internal/tffunc"
)

// Plan is what evaluation needs of the plan the sources belong to.
type Plan struct {
	// Variables are the root module's variable values as plan JSON
	// records them (every root variable, defaults included; ephemeral
	// ones are not recorded).
	Variables map[string]any
	// Instances returns the planned values of a resource's instances:
	// module is a module instance address ("" for the root,
	// `module.a["x"]`), resource an address within it without instance
	// keys ("aws_s3_bucket.b", "data.aws_region.r").
	Instances func(module, resource string) []Instance
	// Timestamp is the plan's timestamp (RFC 3339), for plantimestamp().
	Timestamp string
	// Workspace, when set, is the workspace the plan was made in, as the
	// user says (--workspace or TF_WORKSPACE); WorkspaceFrom says so in
	// evidence. Otherwise the sources' record is used, if any.
	Workspace, WorkspaceFrom string
	// ConfigOnly is set when there is no plan at all (a check of a
	// configuration directory): reasons then say that only a plan knows
	// what the configuration does not. VariableOrigins names, by root
	// variable, where its value came from ("terraform.tfvars", "-var").
	ConfigOnly      bool
	VariableOrigins map[string]string
}

// Instance is one instance of a resource in the plan.
type Instance struct {
	// Key is the instance key: cty.NilVal without count or for_each, a
	// number or a string.
	Key cty.Value
	// Value is the planned object, unknown where the plan says so.
	Value cty.Value
}

// Value is the result of evaluating an expression of the configuration.
type Value struct {
	// Val is the value (possibly unknown, in whole or in part);
	// cty.NilVal when the argument is not set.
	Val cty.Value
	// Set is false when the configuration does not set the argument.
	Set bool
	// Reasons say why (part of) Val is unknown: an input known only at
	// apply, a function trustcloud does not implement, an ephemeral
	// variable …
	Reasons []i18n.Msg
	// Evidence is the chain that led to the value: the expression as
	// written, then the values it read.
	Evidence []i18n.Msg
}

// Known reports whether the value is set and wholly known.
func (v *Value) Known() bool {
	return v != nil && v.Set && v.Val != cty.NilVal && v.Val.IsWhollyKnown()
}

// Reason joins the reasons for an unknown value.
func (v *Value) Reason() i18n.Msg {
	switch {
	case v == nil || len(v.Reasons) == 0:
		return i18n.M("ev.src.after_apply")
	case len(v.Reasons) == 1:
		return v.Reasons[0]
	}
	return i18n.M("ev.text", reasonList(v.Reasons))
}

// reasonList is reasons joined with semicolons, in a language.
type reasonList []i18n.Msg

// In renders the reasons in a language.
func (r reasonList) In(l i18n.Lang) string {
	parts := make([]string, len(r))
	for i, m := range r {
		parts[i] = m.In(l)
	}
	return strings.Join(parts, "; ")
}

// text is a text as written (an identifier, a message of HCL or of the
// function library), the same in every language.
func text(s string) i18n.Msg { return i18n.M("ev.text", s) }

// instName names a module instance in evidence: its address, or the root
// module in the report's language.
func instName(inst string) i18n.Localizer {
	if inst == "" {
		return i18n.M("ev.root")
	}
	return i18n.Text(inst)
}

// modName is instName of a module of the configuration.
func modName(m *Module) i18n.Localizer {
	if m.Key == "" {
		return i18n.M("ev.root")
	}
	return i18n.Text(m.Display())
}

// Limits that keep evaluation of a hostile configuration bounded.
const (
	maxEvalDepth = 64
	maxEvalSteps = 200000
	// evalTimeout bounds the whole evaluation of one configuration.
	evalTimeout = 60 * time.Second
)

// Evaluator evaluates a configuration's expressions against a plan. It is
// not safe for concurrent use.
type Evaluator struct {
	cfg  *Config
	plan Plan

	memo   map[string]*Value
	active map[string]bool
	// wholly says, per memoized for_each value, whether it is wholly
	// known: finding out walks (and sorts) a set of every key.
	wholly map[*Value]bool
	depth  int
	steps  int
	start  time.Time
	// stubs collects what function stubs said during one evaluation.
	stubs *[]string
	funcs map[*Module]map[string]function.Function
	// timeout bounds the whole evaluation (evalTimeout; tests shorten
	// it).
	timeout time.Duration
	// mu guards stubs: an evaluation abandoned at the deadline may still
	// call a stub.
	mu sync.Mutex
	// scopes holds moduleScope's answers by address, steps0 the parsed
	// addresses.
	scopes map[string]scopeOf
	steps0 map[string]parsedInstance
	// followed holds followProvider's answers by the reference it
	// started from: every resource of a module instance asks the same.
	followed map[string]followed
}

// followed is followProvider's answer for one reference.
type followed struct {
	ref  *ProviderRef
	fail *Value
}

// NewEvaluator returns an evaluator of cfg's expressions against plan.
func NewEvaluator(cfg *Config, plan Plan) *Evaluator {
	return &Evaluator{cfg: cfg, plan: plan, memo: map[string]*Value{}, active: map[string]bool{},
		funcs: map[*Module]map[string]function.Function{}, timeout: evalTimeout}
}

// Config returns the configuration the evaluator reads.
func (e *Evaluator) Config() *Config { return e.cfg }

// scope is where an expression is evaluated: a module instance, with the
// count or for_each key of the object the expression belongs to and the
// iterators of the dynamic blocks around it.
type scope struct {
	mod *Module
	// inst is the module instance address ("" for the root).
	inst string
	// each is the repetition of the object: count.index or each.key and
	// each.value.
	each *repetition
	iter map[string]cty.Value
}

type repetition struct {
	count      bool
	key, value cty.Value
	// valueOf, when set, works out value the first time an expression
	// reads each.value (eachValue): lazyElement.
	valueOf func() cty.Value
}

// eachValue is each.value.
func (r *repetition) eachValue() cty.Value {
	if r.valueOf != nil {
		r.value, r.valueOf = r.valueOf(), nil
	}
	return r.value
}

// lazyElement is forEachElement for a for_each expression x that makes a
// set whatever it is given (toset(...), Terraform's usual form): each.key
// is the key, and each.value, the key too or unknown with the set, is
// worked out only when an expression reads it. A for_each of N keys is
// then not evaluated at all where its instances read only each.key (the
// plan names the keys): for 50 calls with toset([for ...]) filters of
// 10,000 names, 2.2 s of a 100k check. Any other for_each is evaluated
// as before (forEachElement), since a key it does not hold makes the
// instance unknown. fe evaluates the for_each value (memoized by the
// caller); ok is false for another expression.
func (e *Evaluator) lazyElement(x hcl.Expression, fe func() *Value, key cty.Value, what i18n.Msg) (rep *repetition, ok bool) {
	if !makesSet(x) {
		return nil, false
	}
	return &repetition{key: key, valueOf: func() cty.Value {
		rep, fail := e.forEachElement(fe(), key, what)
		if fail != nil {
			return cty.DynamicVal
		}
		return rep.value
	}}, true
}

// makesSet reports whether x is a call of toset: its value, when known,
// is a set (hcl and cty have no other result for it), whose elements are
// its keys.
func makesSet(x hcl.Expression) bool {
	c, ok := x.(*hclsyntax.FunctionCallExpr)
	return ok && c.Name == "toset" && len(c.Args) == 1 && !c.ExpandFinal
}

// readsOnlyKey reports whether every traversal of each reads each.key
// and nothing else of it.
func readsOnlyKey(trs []hcl.Traversal) bool {
	for _, tr := range trs {
		if len(tr) < 2 {
			return false
		}
		if a, ok := tr[1].(hcl.TraverseAttr); !ok || a.Name != "key" {
			return false
		}
	}
	return true
}

// moduleScope returns the scope of a module instance address, with the
// repetition of its module call.
func (e *Evaluator) moduleScope(inst string) (*scope, string) {
	// Every resource of a module instance asks: the address is parsed
	// once (a fresh scope each time, which callers extend).
	if c, ok := e.scopes[inst]; ok {
		if c.why != "" {
			return nil, c.why
		}
		return &scope{mod: c.mod, inst: inst}, ""
	}
	s, why := e.parseScope(inst)
	if e.scopes == nil {
		e.scopes = map[string]scopeOf{}
	}
	c := scopeOf{why: why}
	if s != nil {
		c.mod = s.mod
	}
	e.scopes[inst] = c
	return s, why
}

// scopeOf is moduleScope's answer for one address.
type scopeOf struct {
	mod *Module
	why string
}

func (e *Evaluator) parseScope(inst string) (*scope, string) {
	steps, err := e.instanceSteps(inst)
	if err != "" {
		return nil, err
	}
	key := ""
	for i, st := range steps {
		if i > 0 {
			key += "."
		}
		key += st.name
	}
	m := e.cfg.Modules[key]
	if m == nil {
		return nil, fmt.Sprintf("module %s is not in %s", displayInst(inst), e.cfg.Origin)
	}
	return &scope{mod: m, inst: inst}, ""
}

// instanceSteps is parseModuleInstance, once per address.
func (e *Evaluator) instanceSteps(inst string) ([]moduleStep, string) {
	if p, ok := e.steps0[inst]; ok {
		return p.steps, p.why
	}
	steps, why := parseModuleInstance(inst)
	if e.steps0 == nil {
		e.steps0 = map[string]parsedInstance{}
	}
	e.steps0[inst] = parsedInstance{steps, why}
	return steps, why
}

// parsedInstance is a parsed module instance address.
type parsedInstance struct {
	steps []moduleStep
	why   string
}

// moduleStep is one step of a module instance address.
type moduleStep struct {
	name string
	key  cty.Value // cty.NilVal without instance key
}

// parseModuleInstance splits `module.a["x"].module.b[0]` into its steps.
func parseModuleInstance(inst string) ([]moduleStep, string) {
	if inst == "" {
		return nil, ""
	}
	// HCL's lexer is the slow part of reading an address; simpleTraversal
	// reads the usual ones as it does (TestSimpleTraversal).
	tr, ok := simpleTraversal(inst)
	if !ok {
		var diags hcl.Diagnostics
		tr, diags = hclsyntax.ParseTraversalAbs([]byte(inst), "", hcl.InitialPos)
		if diags.HasErrors() {
			return nil, fmt.Sprintf("%q is not a module address", inst)
		}
	}
	var out []moduleStep
	for i := 0; i < len(tr); i++ {
		name := ""
		switch s := tr[i].(type) {
		case hcl.TraverseRoot:
			name = s.Name
		case hcl.TraverseAttr:
			name = s.Name
		}
		if name != "module" || i+1 >= len(tr) {
			return nil, fmt.Sprintf("%q is not a module address", inst)
		}
		attr, ok := tr[i+1].(hcl.TraverseAttr)
		if !ok {
			return nil, fmt.Sprintf("%q is not a module address", inst)
		}
		st := moduleStep{name: attr.Name}
		i++
		if i+1 < len(tr) {
			if idx, ok := tr[i+1].(hcl.TraverseIndex); ok {
				st.key = idx.Key
				i++
			}
		}
		out = append(out, st)
	}
	return out, ""
}

// joinInst renders a module instance address.
func joinInst(steps []moduleStep) string {
	var b strings.Builder
	for i, st := range steps {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString("module.")
		b.WriteString(st.name)
		b.WriteString(keyText(st.key))
	}
	return b.String()
}

func keyText(k cty.Value) string {
	if k == cty.NilVal || k.IsNull() || !k.IsKnown() {
		return ""
	}
	if k.Type() == cty.String {
		return fmt.Sprintf("[%q]", k.AsString())
	}
	if k.Type() == cty.Number {
		return "[" + Render(k) + "]"
	}
	return ""
}

func displayInst(inst string) string {
	if inst == "" {
		return "root"
	}
	return inst
}

// unknown is a value that could not be evaluated, with the reason.
func unknown(reason i18n.Msg, evidence ...i18n.Msg) *Value {
	return &Value{Val: cty.DynamicVal, Set: true, Reasons: []i18n.Msg{reason}, Evidence: evidence}
}

// guard counts one evaluation step; it reports why evaluation must stop.
func (e *Evaluator) guard() string {
	e.steps++
	if e.start.IsZero() {
		e.start = time.Now()
	}
	switch {
	case e.steps > maxEvalSteps:
		return fmt.Sprintf("evaluation stopped after %d steps: the configuration is too large or loops", maxEvalSteps)
	case e.depth > maxEvalDepth:
		return fmt.Sprintf("evaluation stopped: references nested more than %d levels deep", maxEvalDepth)
	case time.Since(e.start) > e.timeout:
		return fmt.Sprintf("evaluation stopped after %s", e.timeout)
	}
	return ""
}

// memoized evaluates once per key, detecting cycles.
func (e *Evaluator) memoized(key string, what i18n.Msg, fn func() *Value) *Value {
	if v, ok := e.memo[key]; ok {
		return v
	}
	if e.active[key] {
		return unknown(i18n.M("ev.src.cycle", what))
	}
	if why := e.guard(); why != "" {
		return unknown(text(why))
	}
	e.active[key] = true
	e.depth++
	v := fn()
	e.depth--
	delete(e.active, key)
	e.memo[key] = v
	return v
}

// expr evaluates an expression in a scope. what names it in evidence
// ("provider aws (root) region"); the first evidence line is
// `what = <expression> → <value> (file:line)`.
func (e *Evaluator) expr(s *scope, x hcl.Expression, what i18n.Msg) *Value {
	if why := e.guard(); why != "" {
		return unknown(text(why))
	}
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: e.functions(s.mod)}
	var inputs []*Value
	roots := map[string][]hcl.Traversal{}
	for _, tr := range x.Variables() {
		roots[tr.RootName()] = append(roots[tr.RootName()], tr)
	}
	for _, root := range slices.Sorted(maps.Keys(roots)) {
		val, used := e.root(s, root, roots[root])
		ctx.Variables[root] = val
		inputs = append(inputs, used...)
	}
	var stubs []string
	e.mu.Lock()
	prev := e.stubs
	e.stubs = &stubs
	e.mu.Unlock()
	val, diags := e.value(x, ctx)
	e.mu.Lock()
	e.stubs = prev
	stubs = slices.Clone(stubs)
	e.mu.Unlock()
	src := e.exprText(x)
	line := i18n.M("ev.src.line", what, src)
	if diags.HasErrors() {
		d := diags[0]
		for _, dd := range diags {
			if dd.Severity == hcl.DiagError {
				d = dd
				break
			}
		}
		reason := i18n.M("ev.src.cannot_evaluate", what, src, where(x.Range()), strings.TrimSuffix(d.Summary, "."))
		if d.Detail != "" {
			reason = i18n.M("ev.src.detail", reason, strings.Join(strings.Fields(d.Detail), " "))
		}
		out := unknown(reason, i18n.M("ev.src.at", line, where(x.Range())))
		out.Evidence = appendEvidence(out.Evidence, inputs)
		return out
	}
	val, marks := val.UnmarkDeep()
	out := &Value{Val: val, Set: true}
	if _, secret := marks[tffunc.Sensitive]; secret {
		// Reports are CI logs: a sensitive value is never printed.
		line = i18n.M("ev.src.arrow", line, sensitiveValue)
	} else if !isLiteral(src, val) {
		line = i18n.M("ev.src.arrow", line, renderValue(val))
	}
	out.Evidence = appendEvidence([]i18n.Msg{i18n.M("ev.src.at", line, where(x.Range()))}, inputs)
	if !val.IsWhollyKnown() {
		for _, in := range inputs {
			if !in.Set || in.Val == cty.NilVal || !in.Val.IsWhollyKnown() {
				out.Reasons = appendUnique(out.Reasons, in.Reasons...)
			}
		}
		for _, s := range stubs {
			out.Reasons = appendUnique(out.Reasons, text(s))
		}
		if len(out.Reasons) == 0 {
			out.Reasons = []i18n.Msg{i18n.M("ev.src.known_after_apply", what)}
		}
	}
	return out
}

// value evaluates with a deadline: HCL has no step limit of its own, and
// an adversary's nested for expressions can multiply. An evaluation that
// outlives the deadline is abandoned (its goroutine ends with the
// process) and the value is unknown.
func (e *Evaluator) value(x hcl.Expression, ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	type result struct {
		v     cty.Value
		diags hcl.Diagnostics
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{cty.DynamicVal, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: fmt.Sprintf("evaluation failed: %v", r), Subject: x.Range().Ptr()}}}
			}
		}()
		v, diags := x.Value(ctx)
		done <- result{v, diags}
	}()
	left := e.timeout - time.Since(e.start)
	if left <= 0 {
		left = time.Millisecond
	}
	timer := time.NewTimer(left)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.v, r.diags
	case <-timer.C:
		e.steps = maxEvalSteps + 1 // nothing more is evaluated
		return cty.DynamicVal, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: fmt.Sprintf("evaluation stopped after %s", e.timeout), Subject: x.Range().Ptr()}}
	}
}

func isLiteral(text string, v cty.Value) bool {
	return text == Render(v)
}

// appendEvidence adds the evidence of the inputs that is not there yet
// (the same text in English).
func appendEvidence(ev []i18n.Msg, inputs []*Value) []i18n.Msg {
	seen := map[string]bool{}
	for _, l := range ev {
		seen[l.String()] = true
	}
	for _, in := range inputs {
		for _, l := range in.Evidence {
			if s := l.String(); !seen[s] {
				seen[s] = true
				ev = append(ev, l)
			}
		}
	}
	return ev
}

// renderValue is Render for evidence: a value unknown until apply is said
// in the report's language.
func renderValue(v cty.Value) i18n.Localizer {
	if !v.IsKnown() {
		return unknownValue
	}
	return i18n.Text(Render(v))
}

// unknownValue is how evidence shows a value unknown until apply (as
// Render does).
var unknownValue = i18n.M("ev.src.unknown_value")

// sensitiveValue is how evidence shows a sensitive value.
var sensitiveValue = i18n.M("ev.src.sensitive")

func appendUnique(list []i18n.Msg, items ...i18n.Msg) []i18n.Msg {
	for _, it := range items {
		found := false
		for _, l := range list {
			if l.String() == it.String() {
				found = true
				break
			}
		}
		if !found {
			list = append(list, it)
		}
	}
	return list
}

// where is "file:line" of a range.
func where(r hcl.Range) string {
	return fmt.Sprintf("%s:%d", r.Filename, r.Start.Line)
}

// exprText is an expression as written, on one line and cut when long.
func (e *Evaluator) exprText(x hcl.Expression) string {
	r := x.Range()
	src := e.cfg.files[r.Filename]
	if r.Start.Byte < 0 || r.End.Byte > len(src) || r.Start.Byte > r.End.Byte {
		return "(expression)"
	}
	s := strings.Join(strings.Fields(string(src[r.Start.Byte:r.End.Byte])), " ")
	if len(s) > 120 {
		s = strings.ToValidUTF8(s[:117], "") + "…"
	}
	return s
}

// functions returns the function table for a module: file functions read
// the module's directory.
func (e *Evaluator) functions(m *Module) map[string]function.Function {
	if f, ok := e.funcs[m]; ok {
		return f
	}
	opts := tffunc.Options{PlanTimestamp: e.plan.Timestamp, Unevaluated: func(reason string) {
		e.mu.Lock()
		defer e.mu.Unlock()
		if e.stubs != nil {
			*e.stubs = append(*e.stubs, reason)
		}
	}}
	if e.cfg.read != nil {
		opts.ReadFile = func(p string) ([]byte, error) { return e.cfg.read(m, p) }
	}
	f := tffunc.Table(opts)
	e.funcs[m] = f
	return f
}

// root builds the value of one root name of an expression's references,
// and the inputs it read.
func (e *Evaluator) root(s *scope, name string, trs []hcl.Traversal) (cty.Value, []*Value) {
	if v, ok := s.iter[name]; ok {
		return v, nil
	}
	switch name {
	case "var":
		return e.objectOf(trs, func(attr string) *Value { return e.variable(s, attr) })
	case "local":
		return e.objectOf(trs, func(attr string) *Value { return e.local(s, attr) })
	case "module":
		return e.objectOf(trs, func(attr string) *Value { return e.moduleCall(s, attr, trs) })
	case "count":
		if s.each == nil || !s.each.count {
			return cty.DynamicVal, []*Value{unknown(i18n.M("ev.src.count_outside", instName(s.inst)))}
		}
		return cty.ObjectVal(map[string]cty.Value{"index": s.each.key}), nil
	case "each":
		if s.each == nil || s.each.count {
			return cty.DynamicVal, []*Value{unknown(i18n.M("ev.src.each_outside", instName(s.inst)))}
		}
		if s.each.valueOf != nil && readsOnlyKey(trs) {
			// each.value is not read: not worked out either.
			return cty.ObjectVal(map[string]cty.Value{"key": s.each.key, "value": cty.DynamicVal}), nil
		}
		return cty.ObjectVal(map[string]cty.Value{"key": s.each.key, "value": s.each.eachValue()}), nil
	case "path":
		return cty.ObjectVal(map[string]cty.Value{
			"module": cty.StringVal(s.mod.Dir),
			"root":   cty.StringVal("."),
			"cwd":    cty.UnknownVal(cty.String),
		}), []*Value{unknown(i18n.M("ev.src.path_cwd"))}
	case "terraform":
		ws := e.workspace()
		return cty.ObjectVal(map[string]cty.Value{"workspace": ws.Val, "applying": cty.False}), []*Value{ws}
	case "data":
		return e.objectOf(trs, func(typ string) *Value { return e.dataType(s, typ, trs) })
	case "self", "ephemeral":
		return cty.DynamicVal, []*Value{unknown(i18n.M("ev.src.not_evaluated", name))}
	}
	// A managed resource type.
	return e.objectOf(trs, func(rname string) *Value { return e.resource(s, "managed", name, rname) })
}

// objectOf builds an object with one attribute per name the traversals
// use in their second step.
func (e *Evaluator) objectOf(trs []hcl.Traversal, get func(string) *Value) (cty.Value, []*Value) {
	attrs := map[string]cty.Value{}
	var used []*Value
	for _, tr := range trs {
		if len(tr) < 2 {
			// The whole object (var, local): not a value in Terraform.
			return cty.DynamicVal, []*Value{unknown(i18n.M("ev.src.alone", tr.RootName()))}
		}
		attr, ok := tr[1].(hcl.TraverseAttr)
		if !ok {
			return cty.DynamicVal, []*Value{unknown(i18n.M("ev.src.needs_name", tr.RootName()))}
		}
		if _, done := attrs[attr.Name]; done {
			continue
		}
		v := get(attr.Name)
		val := v.Val
		if !v.Set || val == cty.NilVal {
			val = cty.NullVal(cty.DynamicPseudoType)
		}
		attrs[attr.Name] = val
		used = append(used, v)
	}
	return cty.ObjectVal(attrs), used
}

// workspace is terraform.workspace: as a binary plan records it (the
// workspace it was made in, whatever the environment says now), else as
// the user says, else as the directory records it, else unknown.
func (e *Evaluator) workspace() *Value {
	switch {
	case e.cfg.Kind == FromPlanFile && e.cfg.Workspace != "":
		return &Value{Val: cty.StringVal(e.cfg.Workspace), Set: true,
			Evidence: []i18n.Msg{i18n.M("ev.src.workspace", e.cfg.Workspace, e.cfg.Origin)}}
	case e.plan.Workspace != "":
		return &Value{Val: cty.StringVal(e.plan.Workspace), Set: true,
			Evidence: []i18n.Msg{i18n.M("ev.src.workspace", e.plan.Workspace, e.plan.WorkspaceFrom)}}
	case e.cfg.Workspace != "":
		return &Value{Val: cty.StringVal(e.cfg.Workspace), Set: true,
			Evidence: []i18n.Msg{i18n.M("ev.src.workspace", e.cfg.Workspace, e.cfg.Origin)}}
	}
	return &Value{Val: cty.UnknownVal(cty.String), Set: true,
		Reasons: []i18n.Msg{i18n.M("ev.src.workspace_unknown")}}
}

// variable is var.name in a module instance.
func (e *Evaluator) variable(s *scope, name string) *Value {
	return e.memoized(s.inst+"\x00var\x00"+name, text("var."+name), func() *Value {
		decl := s.mod.Variables[name]
		if decl == nil {
			return unknown(i18n.M("ev.src.var_not_declared", name, modName(s.mod)))
		}
		what := i18n.M("ev.src.var_in", name, instName(s.inst))
		if decl.Ephemeral {
			return unknown(i18n.M("ev.src.var_ephemeral", name, where(decl.Range)))
		}
		var v *Value
		if s.inst == "" {
			v = e.rootVariable(decl)
		} else {
			v = e.moduleArgument(s, decl)
		}
		if v.Set && v.Val != cty.NilVal {
			val := v.Val
			if decl.Defaults != nil && !val.IsNull() {
				val = decl.Defaults.Apply(val)
			}
			conv, err := convert.Convert(val, decl.Type)
			if err != nil {
				return unknown(i18n.M("ev.src.var_type", what, err.Error()), v.Evidence...)
			}
			if decl.Sensitive {
				conv = conv.Mark(tffunc.Sensitive)
			}
			v.Val = conv
		}
		return v
	})
}

func (e *Evaluator) rootVariable(decl *Variable) *Value {
	if raw, ok := e.plan.Variables[decl.Name]; ok {
		val := FromJSON(raw)
		var shown i18n.Localizer = i18n.Text(Render(val))
		if decl.Sensitive {
			shown = sensitiveValue
		}
		if o := e.plan.VariableOrigins[decl.Name]; o != "" {
			return &Value{Val: val, Set: true, Evidence: []i18n.Msg{i18n.M("ev.src.var_root_from", decl.Name, shown, o)}}
		}
		return &Value{Val: val, Set: true, Evidence: []i18n.Msg{i18n.M("ev.src.var_root", decl.Name, shown)}}
	}
	if decl.Default != nil {
		v := e.expr(&scope{mod: e.cfg.Modules[""]}, decl.Default.Expr, i18n.M("ev.src.var_root_default", decl.Name))
		return v
	}
	if e.plan.ConfigOnly {
		return unknown(i18n.M("ev.src.var_no_value_config", decl.Name, decl.Name))
	}
	return unknown(i18n.M("ev.var_no_value", decl.Name))
}

// moduleArgument is the value a module call gives a variable of the
// called module: null is null (unless the variable is not nullable), an
// absent argument takes the default.
func (e *Evaluator) moduleArgument(s *scope, decl *Variable) *Value {
	ps, call, key, fail := e.callOf(s.inst)
	if fail != nil {
		return fail
	}
	what := i18n.M("ev.src.var_in", decl.Name, instName(s.inst))
	if a := call.Args[decl.Name]; a != nil {
		rep, v := e.callRepetition(ps, call, key)
		if v != nil {
			return v
		}
		cs := &scope{mod: ps.mod, inst: ps.inst, each: rep}
		v = e.expr(cs, a.Expr, i18n.M("ev.src.from_call", what))
		if v.Known() && v.Val.IsNull() && !decl.Nullable && decl.Default != nil {
			d := e.expr(&scope{mod: s.mod, inst: s.inst}, decl.Default.Expr, i18n.M("ev.src.null_default", what))
			d.Evidence = append(d.Evidence, v.Evidence...)
			return d
		}
		return v
	}
	if decl.Default != nil {
		return e.expr(&scope{mod: s.mod, inst: s.inst}, decl.Default.Expr, i18n.M("ev.src.default", what))
	}
	return unknown(i18n.M("ev.src.no_argument", what))
}

// callOf returns the module call of a module instance, the scope of the
// calling module instance, and the instance's key.
func (e *Evaluator) callOf(inst string) (*scope, *Call, cty.Value, *Value) {
	steps, why := e.instanceSteps(inst)
	if why != "" || len(steps) == 0 {
		return nil, nil, cty.NilVal, unknown(i18n.M("ev.src.not_instance", inst, why))
	}
	last := steps[len(steps)-1]
	ps, why := e.moduleScope(joinInst(steps[:len(steps)-1]))
	if why != "" {
		return nil, nil, cty.NilVal, unknown(text(why))
	}
	call := ps.mod.Calls[last.name]
	if call == nil {
		return nil, nil, cty.NilVal, unknown(i18n.M("ev.src.no_call", modName(ps.mod), last.name))
	}
	return ps, call, last.key, nil
}

// callRepetition returns the count.index or each.key/each.value of one
// instance of a module call, or an unknown value when it cannot be
// computed.
func (e *Evaluator) callRepetition(ps *scope, call *Call, key cty.Value) (*repetition, *Value) {
	switch {
	case call.Count != nil:
		if key == cty.NilVal {
			return nil, unknown(i18n.M("ev.src.count_no_index", call.Name))
		}
		return &repetition{count: true, key: key}, nil
	case call.ForEach != nil:
		if key == cty.NilVal {
			return nil, unknown(i18n.M("ev.src.for_each_no_key", call.Name))
		}
		fs := &scope{mod: ps.mod, inst: ps.inst, each: ps.each, iter: ps.iter}
		fe := func() *Value {
			return e.forEachValue(fs, "module\x00"+call.Name, call.ForEach.Expr, i18n.M("ev.src.module_for_each", call.Name))
		}
		what := i18n.M("ev.src.module", call.Name)
		if rep, ok := e.lazyElement(call.ForEach.Expr, fe, key, what); ok {
			return rep, nil
		}
		return e.forEachElement(fe(), key, what)
	}
	return nil, nil
}

// forEachValue evaluates the for_each expression of a block (owner: its
// kind and name) in a module instance once, whatever the number of
// instances asking for their each.value: a for_each of N keys read for
// each of its N instances would cost N² (toset sorts the N keys each
// time). It cannot depend on the instance (Terraform refuses each and
// count in for_each); a scope that carries a repetition or iteration
// variables is evaluated without the memo.
func (e *Evaluator) forEachValue(s *scope, owner string, x hcl.Expression, what i18n.Msg) *Value {
	if s.each != nil || len(s.iter) > 0 {
		return e.expr(s, x, what)
	}
	return e.memoized(s.inst+"\x00for_each\x00"+owner, what, func() *Value { return e.expr(s, x, what) })
}

// forEachKnown is fe.Known(), worked out once per for_each value.
func (e *Evaluator) forEachKnown(fe *Value) bool {
	if known, ok := e.wholly[fe]; ok {
		return known
	}
	if e.wholly == nil {
		e.wholly = map[*Value]bool{}
	}
	known := fe.Known()
	e.wholly[fe] = known
	return known
}

// forEachElement is the each.value of one key of a for_each value.
func (e *Evaluator) forEachElement(fe *Value, key cty.Value, what i18n.Msg) (*repetition, *Value) {
	if !e.forEachKnown(fe) {
		return &repetition{key: key, value: cty.DynamicVal}, nil
	}
	val := fe.Val
	t := val.Type()
	switch {
	case t.IsSetType():
		return &repetition{key: key, value: key}, nil
	case t.IsMapType() || t.IsObjectType():
		if key.Type() != cty.String || !val.Type().IsObjectType() && !val.HasIndex(key).True() {
			return nil, unknown(i18n.M("ev.src.no_key", what, Render(key)))
		}
		if t.IsObjectType() {
			if !t.HasAttribute(key.AsString()) {
				return nil, unknown(i18n.M("ev.src.no_key", what, Render(key)))
			}
			return &repetition{key: key, value: val.GetAttr(key.AsString())}, nil
		}
		return &repetition{key: key, value: val.Index(key)}, nil
	case t.IsTupleType() || t.IsListType():
		// toset() of a tuple is common; a list is refused by Terraform.
		return &repetition{key: key, value: key}, nil
	}
	return nil, unknown(i18n.M("ev.src.not_map", what))
}

// local is local.name in a module instance.
func (e *Evaluator) local(s *scope, name string) *Value {
	return e.memoized(s.inst+"\x00local\x00"+name, text("local."+name), func() *Value {
		a := s.mod.Locals[name]
		if a == nil {
			return unknown(i18n.M("ev.src.local_not_declared", name, modName(s.mod)))
		}
		return e.expr(&scope{mod: s.mod, inst: s.inst}, a.Expr, i18n.M("ev.src.local_in", name, instName(s.inst)))
	})
}

// moduleCall is module.name: an object of the outputs the expression
// reads, or a tuple or map of them for count and for_each.
func (e *Evaluator) moduleCall(s *scope, name string, trs []hcl.Traversal) *Value {
	call := s.mod.Calls[name]
	if call == nil {
		return unknown(i18n.M("ev.src.not_called", name, modName(s.mod)))
	}
	outputs := referencedOutputs(name, trs)
	childKey := name
	if s.mod.Key != "" {
		childKey = s.mod.Key + "." + name
	}
	child := e.cfg.Modules[childKey]
	if child == nil {
		return unknown(i18n.M("ev.src.module_missing", name, e.cfg.Origin))
	}
	if outputs == nil {
		outputs = slices.Sorted(maps.Keys(child.Outputs))
	}
	mc := &calledModule{e: e, s: s, name: name, child: child, outputs: outputs}
	switch {
	case call.Count != nil:
		return mc.counted(call.Count)
	case call.ForEach != nil:
		return mc.forEach(call.ForEach)
	}
	return mc.instance(cty.NilVal)
}

// calledModule is module.name called from scope s, child the module it
// calls, outputs those of its outputs an expression reads.
type calledModule struct {
	e       *Evaluator
	s       *scope
	name    string
	child   *Module
	outputs []string
}

// instance is the object of the outputs of the instance of the call with
// a key (cty.NilVal without count or for_each).
func (mc *calledModule) instance(key cty.Value) *Value {
	e, child := mc.e, mc.child
	inst := joinInstWith(mc.s.inst, mc.name, key)
	attrs := map[string]cty.Value{}
	out := &Value{Set: true}
	var inputs []*Value
	for _, o := range mc.outputs {
		a := child.Outputs[o]
		if a == nil {
			return unknown(i18n.M("ev.src.no_output", mc.name, o))
		}
		v := e.memoized(inst+"\x00output\x00"+o, i18n.M("ev.src.output", o), func() *Value {
			return e.expr(&scope{mod: child, inst: inst}, a.Expr, text(inst+"."+o))
		})
		attrs[o] = v.Val
		if !v.Set || v.Val == cty.NilVal {
			attrs[o] = cty.NullVal(cty.DynamicPseudoType)
		}
		inputs = append(inputs, v)
		if !v.Known() {
			out.Reasons = appendUnique(out.Reasons, v.Reasons...)
		}
	}
	out.Val = cty.ObjectVal(attrs)
	out.Evidence = appendEvidence(nil, inputs)
	return out
}

// counted is the tuple of the instances of a call with count: unknown
// when the count is, or too large to evaluate.
func (mc *calledModule) counted(count *hcl.Attribute) *Value {
	name := mc.name
	n := mc.e.expr(mc.s, count.Expr, i18n.M("ev.src.module_count", name))
	if !n.Known() || n.Val.Type() != cty.Number {
		return unknown(i18n.M("ev.src.count_unknown", name, n.Reason()), n.Evidence...)
	}
	c, _ := n.Val.AsBigFloat().Int64()
	if c > 10000 {
		return unknown(i18n.M("ev.src.count_too_large", name, c))
	}
	var elems []cty.Value
	out := &Value{Set: true}
	for i := int64(0); i < c; i++ {
		v := mc.instance(cty.NumberIntVal(i))
		elems = append(elems, v.Val)
		out.Evidence = appendEvidence(out.Evidence, []*Value{v})
		out.Reasons = appendUnique(out.Reasons, v.Reasons...)
	}
	out.Val = cty.TupleVal(elems)
	if len(elems) == 0 {
		out.Val = cty.EmptyTupleVal
	}
	return out
}

// forEach is the map of the instances of a call with for_each, by key:
// unknown when the collection is, or when a key is not a string.
func (mc *calledModule) forEach(forEach *hcl.Attribute) *Value {
	name := mc.name
	fe := mc.e.expr(mc.s, forEach.Expr, i18n.M("ev.src.module_for_each", name))
	if !fe.Known() || !fe.Val.CanIterateElements() {
		return unknown(i18n.M("ev.src.for_each_unknown", name, fe.Reason()), fe.Evidence...)
	}
	attrs := map[string]cty.Value{}
	out := &Value{Set: true}
	for it := fe.Val.ElementIterator(); it.Next(); {
		k, ev := it.Element()
		if fe.Val.Type().IsSetType() || fe.Val.Type().IsTupleType() || fe.Val.Type().IsListType() {
			k = ev
		}
		if k.Type() != cty.String || k.IsNull() || !k.IsKnown() {
			return unknown(i18n.M("ev.src.for_each_keys", name))
		}
		v := mc.instance(k)
		attrs[k.AsString()] = v.Val
		out.Evidence = appendEvidence(out.Evidence, []*Value{v})
		out.Reasons = appendUnique(out.Reasons, v.Reasons...)
	}
	out.Val = cty.ObjectVal(attrs)
	return out
}

func joinInstWith(parent, name string, key cty.Value) string {
	s := "module." + name + keyText(key)
	if parent == "" {
		return s
	}
	return parent + "." + s
}

// referencedOutputs lists the outputs of module.name the traversals read,
// nil when one of them uses the whole module object.
func referencedOutputs(name string, trs []hcl.Traversal) []string {
	set := map[string]bool{}
	for _, tr := range trs {
		if len(tr) < 2 {
			return nil
		}
		if a, ok := tr[1].(hcl.TraverseAttr); !ok || a.Name != name {
			continue
		}
		i := 2
		if i < len(tr) {
			if _, ok := tr[i].(hcl.TraverseIndex); ok {
				i++
			}
		}
		if i >= len(tr) {
			return nil
		}
		a, ok := tr[i].(hcl.TraverseAttr)
		if !ok {
			return nil
		}
		set[a.Name] = true
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// dataType is data.TYPE: an object of the data sources of that type the
// traversals read.
func (e *Evaluator) dataType(s *scope, typ string, trs []hcl.Traversal) *Value {
	attrs := map[string]cty.Value{}
	out := &Value{Set: true}
	var inputs []*Value
	for _, tr := range trs {
		if len(tr) < 3 {
			continue
		}
		t, ok1 := tr[1].(hcl.TraverseAttr)
		n, ok2 := tr[2].(hcl.TraverseAttr)
		if !ok1 || !ok2 || t.Name != typ {
			continue
		}
		if _, done := attrs[n.Name]; done {
			continue
		}
		v := e.resource(s, "data", typ, n.Name)
		attrs[n.Name] = v.Val
		inputs = append(inputs, v)
		if !v.Known() {
			out.Reasons = appendUnique(out.Reasons, v.Reasons...)
		}
	}
	out.Val = cty.ObjectVal(attrs)
	out.Evidence = appendEvidence(nil, inputs)
	return out
}

// resource is a resource's value from the plan: an object, or a tuple or
// map of objects for count and for_each.
func (e *Evaluator) resource(s *scope, mode, typ, name string) *Value {
	addr := typ + "." + name
	if mode == "data" {
		addr = "data." + addr
	}
	r := s.mod.Resources[addr]
	if r == nil {
		return unknown(i18n.M("ev.src.not_declared", addr, modName(s.mod)))
	}
	var insts []Instance
	if e.plan.Instances != nil {
		insts = e.plan.Instances(s.inst, addr)
	}
	full := addr
	if s.inst != "" {
		full = s.inst + "." + addr
	}
	if len(insts) == 0 {
		why := i18n.M("ev.src.no_planned_value", full)
		if mode == "data" {
			why = i18n.M("ev.src.data_prior", full)
		}
		if e.plan.ConfigOnly {
			why = i18n.M("ev.src.no_value_config_only", full)
			if mode == "data" {
				why = i18n.M("ev.src.data_config_only", full)
			}
		}
		return unknown(why)
	}
	out := &Value{Set: true}
	switch {
	case r.Count != nil:
		sort.SliceStable(insts, func(i, j int) bool { return numberLess(insts[i].Key, insts[j].Key) })
		var elems []cty.Value
		for _, in := range insts {
			elems = append(elems, in.Value)
		}
		out.Val = cty.TupleVal(elems)
	case r.ForEach != nil:
		attrs := map[string]cty.Value{}
		for _, in := range insts {
			if in.Key != cty.NilVal && in.Key.Type() == cty.String {
				attrs[in.Key.AsString()] = in.Value
			}
		}
		out.Val = cty.ObjectVal(attrs)
	default:
		out.Val = insts[0].Value
	}
	out.Evidence = []i18n.Msg{i18n.M("ev.src.planned_values", full)}
	if e.plan.ConfigOnly {
		out.Evidence = []i18n.Msg{i18n.M("ev.src.config_values", full)}
	}
	if !out.Val.IsWhollyKnown() {
		out.Reasons = []i18n.Msg{i18n.M("ev.src.partly_known", full)}
		if e.plan.ConfigOnly {
			out.Reasons = []i18n.Msg{i18n.M("ev.src.computed_config_only", full)}
		}
	}
	return out
}

func numberLess(a, b cty.Value) bool {
	if a == cty.NilVal || b == cty.NilVal || a.Type() != cty.Number || b.Type() != cty.Number {
		return false
	}
	return a.LessThan(b).True()
}
