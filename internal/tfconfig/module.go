package tfconfig

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Module is one module of the configuration: its declarations, overrides
// applied.
type Module struct {
	// Key is the module key ("" for the root, "net.subnets").
	Key string
	// Name is the call name in the parent ("" for the root).
	Name string
	// Dir is the module's directory relative to the root module's ("."
	// for the root), as Terraform's manifest records it.
	Dir string
	// Source is the module call's source address.
	Source string
	Parent *Module

	Variables map[string]*Variable
	Locals    map[string]*hcl.Attribute
	Outputs   map[string]*hcl.Attribute
	// Providers are the provider blocks, by local name and alias ("aws",
	// "aws.paris").
	Providers map[string]*Provider
	// RequiredProviders maps local names to source addresses as written
	// ("hashicorp/aws").
	RequiredProviders map[string]string
	Calls             map[string]*Call
	// Resources by "TYPE.NAME", "data.TYPE.NAME" or "ephemeral.TYPE.NAME".
	Resources map[string]*Resource

	cfg *Config
	// files are the display paths of the module's configuration files, in
	// the order they were read.
	files []string
}

// Variable is a variable block.
type Variable struct {
	Name    string
	Default *hcl.Attribute
	// Type is the type constraint (cty.DynamicPseudoType when none);
	// Defaults are the optional attributes' defaults it declares.
	Type     cty.Type
	Defaults *typeexpr.Defaults
	// Nullable is false when the block says nullable = false: a null
	// argument then takes the default.
	Nullable  bool
	Ephemeral bool
	// Sensitive values carry tffunc.Sensitive, for issensitive().
	Sensitive bool
	Range     hcl.Range

	source *node // the merged block, kept for override files
}

// Provider is a provider block.
type Provider struct {
	Local, Alias string
	// ForEach is OpenTofu's provider for_each (nil when absent).
	ForEach *hcl.Attribute
	Body    *node
	Range   hcl.Range
}

// Key is "aws" or "aws.alias".
func (p *Provider) Key() string { return providerKey(p.Local, p.Alias) }

func providerKey(local, alias string) string {
	if alias == "" {
		return local
	}
	return local + "." + alias
}

// Call is a module block.
type Call struct {
	Name, Source   string
	Count, ForEach *hcl.Attribute
	// Providers is the providers = { child = parent } map, in order.
	Providers []ProviderMapping
	// Args are the module's input arguments.
	Args  map[string]*hcl.Attribute
	Range hcl.Range

	source *node // the merged block, kept for override files
}

// ProviderMapping is one entry of a module call's providers map.
type ProviderMapping struct {
	// Child is the provider key in the called module ("aws", "aws.dr").
	Child string
	// Parent is the expression naming the calling module's configuration
	// (aws.paris, or OpenTofu's aws.by_region["eu"]).
	Parent hcl.Expression
}

// Resource is a resource, data or ephemeral block.
type Resource struct {
	Mode, Type, Name string
	// Provider is the provider meta-argument (nil: the default
	// configuration of the type's provider).
	Provider       hcl.Expression
	Count, ForEach *hcl.Attribute
	Body           *node
	Range          hcl.Range
}

// Address is the resource's address within its module.
func (r *Resource) Address() string {
	switch r.Mode {
	case "data", "ephemeral":
		return r.Mode + "." + r.Type + "." + r.Name
	}
	return r.Type + "." + r.Name
}

// node is a block body read without a schema: provider and resource
// schemas are not at hand, so attributes and nested blocks are kept as
// written (a JSON body keeps nested blocks as attribute values).
type node struct {
	attrs  map[string]*hcl.Attribute
	blocks []*nestedBlock
	json   bool
	rng    hcl.Range
}

type nestedBlock struct {
	// typ is the block type; for a dynamic block, the type it generates.
	typ     string
	labels  []string
	body    *node
	dynamic bool
	rng     hcl.Range
}

func newConfig(origin string, tool Tool) *Config {
	if tool == "" {
		tool = Terraform
	}
	return &Config{Origin: origin, Modules: map[string]*Module{}, Tool: tool, files: map[string][]byte{}}
}

// fileSchema selects the top-level blocks the evaluator reads.
var fileSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "terraform"},
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "output", LabelNames: []string{"name"}},
	{Type: "provider", LabelNames: []string{"name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "ephemeral", LabelNames: []string{"type", "name"}},
}}

// addModule parses the files of one module and records it under key.
func (c *Config) addModule(key, dir, source string, files map[string][]byte) error {
	m := &Module{Key: key, Dir: dir, Source: source, cfg: c,
		Variables: map[string]*Variable{}, Locals: map[string]*hcl.Attribute{}, Outputs: map[string]*hcl.Attribute{},
		Providers: map[string]*Provider{}, RequiredProviders: map[string]string{}, Calls: map[string]*Call{},
		Resources: map[string]*Resource{}}
	if i := strings.LastIndex(key, "."); i >= 0 {
		m.Name = key[i+1:]
	} else {
		m.Name = key
	}
	primary, overrides := c.selectFiles(files)
	parser := hclparse.NewParser()
	var diags hcl.Diagnostics
	for i, name := range append(primary, overrides...) {
		display := m.displayPath(name)
		c.files[display] = files[name]
		m.files = append(m.files, display)
		var f *hcl.File
		var d hcl.Diagnostics
		if strings.HasSuffix(name, ".json") {
			f, d = parser.ParseJSON(files[name], display)
		} else {
			f, d = parser.ParseHCL(files[name], display)
		}
		diags = append(diags, d...)
		if f == nil || d.HasErrors() {
			continue
		}
		diags = append(diags, m.addFile(f, i >= len(primary))...)
	}
	if diags.HasErrors() {
		return diagError(diags, c.Root)
	}
	c.Modules[key] = m
	return nil
}

// selectFiles orders a module's files as the tool reads them: primary
// files by name, then override files by name. OpenTofu reads .tofu files
// and ignores a .tf file of the same name; Terraform ignores .tofu files.
func (c *Config) selectFiles(files map[string][]byte) (primary, overrides []string) {
	for name := range files {
		if !IsConfigFile(name) {
			continue
		}
		tofu := strings.HasSuffix(name, ".tofu") || strings.HasSuffix(name, ".tofu.json")
		if tofu && c.Tool != OpenTofu {
			continue
		}
		if !tofu && c.Tool == OpenTofu {
			alt := strings.TrimSuffix(name, ".tf") + ".tofu"
			if strings.HasSuffix(name, ".tf.json") {
				alt = strings.TrimSuffix(name, ".tf.json") + ".tofu.json"
			}
			if _, ok := files[alt]; ok {
				continue
			}
		}
		if isOverride(name) {
			overrides = append(overrides, name)
		} else {
			primary = append(primary, name)
		}
	}
	sort.Strings(primary)
	sort.Strings(overrides)
	return primary, overrides
}

func isOverride(name string) bool {
	base := name
	for _, ext := range []string{".tf.json", ".tofu.json", ".tf", ".tofu"} {
		if b, ok := strings.CutSuffix(name, ext); ok {
			base = b
			break
		}
	}
	return base == "override" || strings.HasSuffix(base, "_override")
}

// displayPath is a file's path relative to the root module, as reports
// show it.
func (m *Module) displayPath(name string) string {
	if m.Dir == "." || m.Dir == "" {
		return name
	}
	return path.Join(m.Dir, name)
}

// Display names the module in evidence: "root" or "module.a.module.b".
func (m *Module) Display() string {
	if m.Key == "" {
		return "root"
	}
	return "module." + strings.ReplaceAll(m.Key, ".", ".module.")
}

// addFile adds the declarations of one file; an override file changes
// declarations that exist, a primary file declares them.
func (m *Module) addFile(f *hcl.File, override bool) hcl.Diagnostics {
	content, _, diags := f.Body.PartialContent(fileSchema)
	if content == nil {
		return diags
	}
	for _, b := range content.Blocks {
		switch b.Type {
		case "terraform":
			diags = append(diags, m.addTerraformBlock(b)...)
		case "locals":
			attrs, d := b.Body.JustAttributes()
			diags = append(diags, d...)
			for name, a := range attrs {
				if old, dup := m.Locals[name]; dup && !override {
					diags = append(diags, duplicate("local value", name, a.NameRange, old.NameRange))
					continue
				}
				m.Locals[name] = a
			}
		default:
			n, d := readNode(b.Body)
			diags = append(diags, d...)
			if n == nil {
				continue
			}
			diags = append(diags, m.addBlock(b, n, override)...)
		}
	}
	return diags
}

func (m *Module) addBlock(b *hcl.Block, n *node, override bool) hcl.Diagnostics {
	var diags hcl.Diagnostics
	switch b.Type {
	case "variable":
		name := b.Labels[0]
		if old := m.Variables[name]; old != nil {
			if !override {
				return hcl.Diagnostics{duplicate("variable", name, b.DefRange, old.Range)}
			}
			n = mergeOverride(old.source, n)
		}
		v, d := decodeVariable(name, n, b.DefRange)
		m.Variables[name] = v
		diags = append(diags, d...)
	case "output":
		name := b.Labels[0]
		if _, dup := m.Outputs[name]; dup && !override {
			return hcl.Diagnostics{duplicate("output", name, b.DefRange, m.Outputs[name].Range)}
		}
		if a := n.attrs["value"]; a != nil {
			m.Outputs[name] = a
		}
	case "provider":
		alias := ""
		if a := n.attrs["alias"]; a != nil {
			s, d := constString(a)
			diags = append(diags, d...)
			alias = s
		}
		key := providerKey(b.Labels[0], alias)
		if old := m.Providers[key]; old != nil {
			if !override {
				return hcl.Diagnostics{duplicate("provider configuration", key, b.DefRange, old.Range)}
			}
			n = mergeOverride(old.Body, n)
		} else if override {
			// An override of a block nobody declared: Terraform refuses it.
			return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Missing base provider configuration for override", Detail: fmt.Sprintf("There is no provider %q block to override.", key), Subject: b.DefRange.Ptr()}}
		}
		m.Providers[key] = &Provider{Local: b.Labels[0], Alias: alias, ForEach: n.attrs["for_each"], Body: n, Range: b.DefRange}
	case "module":
		name := b.Labels[0]
		if old := m.Calls[name]; old != nil {
			if !override {
				return hcl.Diagnostics{duplicate("module call", name, b.DefRange, old.Range)}
			}
			n = mergeOverride(old.source, n)
		}
		c, d := decodeCall(name, n, b.DefRange)
		diags = append(diags, d...)
		m.Calls[name] = c
	case "resource", "data", "ephemeral":
		mode := "managed"
		if b.Type != "resource" {
			mode = b.Type
		}
		r := &Resource{Mode: mode, Type: b.Labels[0], Name: b.Labels[1], Range: b.DefRange}
		key := r.Address()
		if old := m.Resources[key]; old != nil {
			if !override {
				return hcl.Diagnostics{duplicate(b.Type, key, b.DefRange, old.Range)}
			}
			n = mergeOverride(old.Body, n)
			r.Range = old.Range
		}
		r.Body = n
		r.Count, r.ForEach = n.attrs["count"], n.attrs["for_each"]
		if a := n.attrs["provider"]; a != nil {
			r.Provider = a.Expr
		}
		m.Resources[key] = r
	}
	return diags
}

func (m *Module) addTerraformBlock(b *hcl.Block) hcl.Diagnostics {
	content, _, diags := b.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "required_providers"}}})
	if content == nil {
		return diags
	}
	for _, rp := range content.Blocks {
		attrs, d := rp.Body.JustAttributes()
		diags = append(diags, d...)
		for name, a := range attrs {
			v, d := a.Expr.Value(nil)
			if d.HasErrors() || !v.IsWhollyKnown() || v.IsNull() {
				continue
			}
			if v.Type().IsObjectType() && v.Type().HasAttribute("source") {
				if s := v.GetAttr("source"); s.Type() == cty.String && !s.IsNull() {
					m.RequiredProviders[name] = s.AsString()
				}
			}
		}
	}
	return diags
}

// readNode reads a block body without a schema.
func readNode(body hcl.Body) (*node, hcl.Diagnostics) {
	if sb, ok := body.(*hclsyntax.Body); ok {
		return syntaxNode(sb), nil
	}
	// JSON: every property is an attribute; nested blocks are object
	// (or array of objects) values.
	attrs, diags := body.JustAttributes()
	if diags.HasErrors() {
		return nil, diags
	}
	n := &node{attrs: map[string]*hcl.Attribute{}, json: true, rng: body.MissingItemRange()}
	for k, a := range attrs {
		n.attrs[k] = a
	}
	return n, diags
}

func syntaxNode(sb *hclsyntax.Body) *node {
	n := &node{attrs: map[string]*hcl.Attribute{}, rng: sb.SrcRange}
	for name, a := range sb.Attributes {
		n.attrs[name] = a.AsHCLAttribute()
	}
	for _, b := range sb.Blocks {
		nb := &nestedBlock{typ: b.Type, labels: b.Labels, body: syntaxNode(b.Body), rng: b.DefRange()}
		if b.Type == "dynamic" && len(b.Labels) == 1 {
			nb.typ, nb.dynamic = b.Labels[0], true
		}
		n.blocks = append(n.blocks, nb)
	}
	return n
}

// mergeOverride applies an override block to a base block as Terraform
// does: each argument of the override replaces the base's; nested blocks
// of a type the override has replace all the base's blocks of that type.
func mergeOverride(base, over *node) *node {
	if base == nil {
		return over
	}
	out := &node{attrs: map[string]*hcl.Attribute{}, json: base.json || over.json, rng: base.rng}
	for k, a := range base.attrs {
		out.attrs[k] = a
	}
	for k, a := range over.attrs {
		out.attrs[k] = a
	}
	replaced := map[string]bool{}
	for _, b := range over.blocks {
		replaced[b.typ] = true
	}
	for _, b := range base.blocks {
		if !replaced[b.typ] {
			out.blocks = append(out.blocks, b)
		}
	}
	out.blocks = append(out.blocks, over.blocks...)
	return out
}

func decodeVariable(name string, n *node, rng hcl.Range) (*Variable, hcl.Diagnostics) {
	v := &Variable{Name: name, Type: cty.DynamicPseudoType, Nullable: true, Range: rng, source: n}
	var diags hcl.Diagnostics
	v.Default = n.attrs["default"]
	if a := n.attrs["type"]; a != nil {
		t, defaults, d := typeexpr.TypeConstraintWithDefaults(a.Expr)
		diags = append(diags, d...)
		if !d.HasErrors() {
			v.Type, v.Defaults = t, defaults
		}
	}
	for attr, dst := range map[string]*bool{"nullable": &v.Nullable, "ephemeral": &v.Ephemeral, "sensitive": &v.Sensitive} {
		if a := n.attrs[attr]; a != nil {
			val, d := a.Expr.Value(nil)
			diags = append(diags, d...)
			if !d.HasErrors() && val.Type() == cty.Bool && val.IsKnown() && !val.IsNull() {
				*dst = val.True()
			}
		}
	}
	return v, diags
}

func decodeCall(name string, n *node, rng hcl.Range) (*Call, hcl.Diagnostics) {
	c := &Call{Name: name, Args: map[string]*hcl.Attribute{}, Range: rng, Count: n.attrs["count"], ForEach: n.attrs["for_each"], source: n}
	var diags hcl.Diagnostics
	if a := n.attrs["source"]; a != nil {
		// OpenTofu evaluates variables and locals in a source early; such
		// a source is found through the module manifest.
		if s, d := constString(a); !d.HasErrors() {
			c.Source = s
		}
	}
	if a := n.attrs["providers"]; a != nil {
		pairs, d := hcl.ExprMap(a.Expr)
		diags = append(diags, d...)
		for _, p := range pairs {
			child := hcl.ExprAsKeyword(p.Key)
			if child == "" {
				tr, d := hcl.AbsTraversalForExpr(p.Key)
				if d.HasErrors() {
					diags = append(diags, d...)
					continue
				}
				child = traversalKey(tr)
			}
			c.Providers = append(c.Providers, ProviderMapping{Child: child, Parent: p.Value})
		}
	}
	for k, a := range n.attrs {
		switch k {
		case "source", "version", "count", "for_each", "providers", "depends_on":
			continue
		}
		c.Args[k] = a
	}
	return c, diags
}

// traversalKey renders a provider reference traversal (aws, aws.alias)
// without instance keys.
func traversalKey(tr hcl.Traversal) string {
	var parts []string
	for _, step := range tr {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			parts = append(parts, s.Name)
		case hcl.TraverseAttr:
			parts = append(parts, s.Name)
		}
	}
	return strings.Join(parts, ".")
}

func constString(a *hcl.Attribute) (string, hcl.Diagnostics) {
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() {
		// A keyword (JSON strings and bare words are both accepted for
		// alias and source).
		if kw := hcl.ExprAsKeyword(a.Expr); kw != "" {
			return kw, nil
		}
		return "", diags
	}
	if v.Type() != cty.String || v.IsNull() || !v.IsKnown() {
		return "", hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid value", Detail: fmt.Sprintf("%s must be a constant string.", a.Name), Subject: a.Expr.Range().Ptr()}}
	}
	return v.AsString(), nil
}

func duplicate(what, name string, at, first hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: fmt.Sprintf("Duplicate %s %q", what, name),
		Detail:  fmt.Sprintf("It was first declared at %s:%d,%d: Terraform refuses a configuration that declares it twice.", first.Filename, first.Start.Line, first.Start.Column),
		Subject: at.Ptr()}
}

// diagError formats error diagnostics as file:line,col: summary; detail,
// one per line, file names joined to the root directory when known.
func diagError(diags hcl.Diagnostics, root string) error {
	lines := diagLines{diags: diags, root: root}
	text := i18n.M("config.does_not_parse", lines)
	return &Error{Msg: text.String(), Text: text}
}

// diagLines are the error diagnostics of a configuration, rendered in a
// language: hcl's own words translated when i18n.HCL knows them.
type diagLines struct {
	diags hcl.Diagnostics
	root  string
}

// In renders the diagnostics, one per line.
func (d diagLines) In(l i18n.Lang) string {
	var lines []string
	for _, d2 := range d.diags {
		if d2.Severity != hcl.DiagError {
			continue
		}
		var b strings.Builder
		if s := d2.Subject; s != nil {
			name := s.Filename
			if d.root != "" && d.root != "." {
				name = path.Join(d.root, name)
			}
			fmt.Fprintf(&b, "%s:%d,%d: ", name, s.Start.Line, s.Start.Column)
		}
		summary, detail := d2.Summary, d2.Detail
		if l != i18n.English {
			if s, dt, ok := i18n.HCL(l, summary, detail); ok {
				summary, detail = s, dt
			}
		}
		b.WriteString(summary)
		if detail != "" {
			b.WriteString(i18n.T(l, "policy.detail_separator"))
			b.WriteString(strings.Join(strings.Fields(detail), " "))
		}
		lines = append(lines, b.String())
	}
	return strings.Join(lines, "\n")
}

// link connects each module to its parent.
func (c *Config) link() {
	for key, m := range c.Modules {
		if key == "" {
			continue
		}
		parent := ""
		if i := strings.LastIndex(key, "."); i >= 0 {
			parent = key[:i]
		}
		m.Parent = c.Modules[parent]
	}
}

// ReferencedAttributes lists the resource attributes that the
// configuration's module-level expressions (provider blocks, module
// arguments, locals, outputs, variable defaults) read from other
// resources: the plan reader must decode those. all is true when an
// expression reads a whole resource object, so every attribute may be
// needed.
func (c *Config) ReferencedAttributes() (names map[string]bool, all bool) {
	refs := &attributeRefs{names: map[string]bool{}}
	for _, m := range c.Modules {
		for _, p := range m.Providers {
			refs.body(p.Body)
		}
		for _, call := range m.Calls {
			refs.body(call.source)
		}
		for _, a := range m.Locals {
			refs.expr(a.Expr)
		}
		for _, a := range m.Outputs {
			refs.expr(a.Expr)
		}
		for _, v := range m.Variables {
			if v.Default != nil {
				refs.expr(v.Default.Expr)
			}
		}
		for _, r := range m.Resources {
			for _, a := range []*hcl.Attribute{r.Count, r.ForEach} {
				if a != nil {
					refs.expr(a.Expr)
				}
			}
			if r.Provider != nil {
				refs.expr(r.Provider)
			}
		}
	}
	return refs.names, refs.all
}

// attributeRefs collects the resource attributes expressions read: names,
// and all when one reads a whole resource object.
type attributeRefs struct {
	names map[string]bool
	all   bool
}

// expr collects the attributes of resources and data sources that an
// expression reads; references to anything else (variables, locals,
// modules …) are no resource's.
func (a *attributeRefs) expr(x hcl.Expression) {
	for _, tr := range x.Variables() {
		_, attr, ok := resourceAttrRef(tr)
		switch {
		case !ok:
		case attr == "":
			a.all = true
		default:
			a.names[attr] = true
		}
	}
}

// traversalNames are the names a traversal reads, root and attributes,
// without its index steps: aws_s3_bucket.b[0].arn gives aws_s3_bucket, b,
// arn.
func traversalNames(tr hcl.Traversal) []string {
	var names []string
	for _, st := range tr {
		switch s := st.(type) {
		case hcl.TraverseRoot:
			names = append(names, s.Name)
		case hcl.TraverseAttr:
			names = append(names, s.Name)
		}
	}
	return names
}

// resourceAttrRef reads a reference to a resource or data source: its
// address in the module (`aws_s3_bucket.b`, `data.aws_region.r`) and the
// first attribute it reads, "" when it reads the whole object. ok is false
// for a reference to anything else (variables, locals, modules …).
func resourceAttrRef(tr hcl.Traversal) (resource, attr string, ok bool) {
	steps := traversalNames(tr)
	if len(steps) == 0 {
		return "", "", false
	}
	switch steps[0] {
	case "var", "local", "module", "count", "each", "path", "terraform", "self", "ephemeral":
		return "", "", false
	}
	n := 2
	if steps[0] == "data" {
		n = 3
	}
	if len(steps) <= n {
		return strings.Join(steps, "."), "", true
	}
	return strings.Join(steps[:n], "."), steps[n], true
}

// body collects what the expressions of a body and its nested blocks
// read.
func (a *attributeRefs) body(n *node) {
	if n == nil {
		return
	}
	for _, at := range n.attrs {
		a.expr(at.Expr)
	}
	for _, b := range n.blocks {
		a.body(b.body)
	}
}
