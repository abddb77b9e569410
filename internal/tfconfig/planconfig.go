package tfconfig

import (
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	tfjson "github.com/hashicorp/terraform-json"
)

// PlanConfig describes the configuration as a plan's "configuration"
// section would: provider configurations, resources with their
// expressions (a constant, or the references it reads; nested blocks as
// lists of expression maps) and module calls. A directory check hands it
// to the inventory in place of the plan's own. Modules not at hand
// (Missing) have no module.
func (c *Config) PlanConfig() *tfjson.Config {
	out := &tfjson.Config{ProviderConfigs: map[string]*tfjson.ProviderConfig{}}
	if root := c.Modules[""]; root != nil {
		out.RootModule = c.planModule(root, out)
	}
	return out
}

// ProviderSource is the source address of a module's provider local name
// as Terraform writes it in a plan: the module's required_providers entry,
// else the root's, else hashicorp/<name>, on registry.terraform.io when
// no host is given.
func (c *Config) ProviderSource(m *Module, local string) string {
	src := ""
	for mm := m; mm != nil && src == ""; mm = mm.Parent {
		src = mm.RequiredProviders[local]
	}
	if src == "" {
		if root := c.Modules[""]; root != nil {
			src = root.RequiredProviders[local]
		}
	}
	if src == "" && local == "terraform" {
		return "terraform.io/builtin/terraform"
	}
	if src == "" {
		src = "hashicorp/" + local
	}
	src = strings.ToLower(src)
	if strings.Count(src, "/") < 2 {
		host := "registry.terraform.io"
		if c.Tool == OpenTofu {
			host = "registry.opentofu.org"
		}
		src = host + "/" + src
	}
	return src
}

// modulePath is a module key as a plan's module address:
// "module.a.module.b".
func modulePath(key string) string {
	if key == "" {
		return ""
	}
	return "module." + strings.ReplaceAll(key, ".", ".module.")
}

func (c *Config) planModule(m *Module, cfg *tfjson.Config) *tfjson.ConfigModule {
	path := modulePath(m.Key)
	out := &tfjson.ConfigModule{ModuleCalls: map[string]*tfjson.ModuleCall{}}
	for _, key := range slices.Sorted(maps.Keys(m.Providers)) {
		p := m.Providers[key]
		full := key
		if path != "" {
			full = path + ":" + key
		}
		exprs := bodyExpressions(p.Body, false)
		delete(exprs, "alias")
		delete(exprs, "version")
		delete(exprs, "for_each")
		cfg.ProviderConfigs[full] = &tfjson.ProviderConfig{Name: p.Local, FullName: c.ProviderSource(m, p.Local),
			Alias: p.Alias, ModuleAddress: path, Expressions: exprs}
	}
	for _, addr := range slices.Sorted(maps.Keys(m.Resources)) {
		r := m.Resources[addr]
		local := r.Type
		if i := strings.Index(local, "_"); i > 0 {
			local = local[:i]
		}
		if r.Provider != nil {
			if tr, diags := hcl.AbsTraversalForExpr(r.Provider); !diags.HasErrors() {
				local = strings.TrimSuffix(traversalText(tr), "]")
				if i := strings.IndexByte(local, '['); i >= 0 {
					local = local[:i]
				}
			}
		}
		key := local
		if path != "" {
			key = path + ":" + local
		}
		cr := &tfjson.ConfigResource{Address: addr, Mode: tfjson.ResourceMode(r.Mode), Type: r.Type, Name: r.Name,
			ProviderConfigKey: key, Expressions: bodyExpressions(r.Body, true)}
		if r.Count != nil {
			cr.CountExpression = exprOf(r.Count.Expr)
		}
		if r.ForEach != nil {
			cr.ForEachExpression = exprOf(r.ForEach.Expr)
		}
		out.Resources = append(out.Resources, cr)
	}
	for _, name := range slices.Sorted(maps.Keys(m.Calls)) {
		call := m.Calls[name]
		mc := &tfjson.ModuleCall{Source: call.Source, Expressions: map[string]*tfjson.Expression{}}
		for arg, a := range call.Args {
			mc.Expressions[arg] = exprOf(a.Expr)
		}
		if call.Count != nil {
			mc.CountExpression = exprOf(call.Count.Expr)
		}
		if call.ForEach != nil {
			mc.ForEachExpression = exprOf(call.ForEach.Expr)
		}
		childKey := name
		if m.Key != "" {
			childKey = m.Key + "." + name
		}
		if child := c.Modules[childKey]; child != nil {
			mc.Module = c.planModule(child, cfg)
		}
		out.ModuleCalls[name] = mc
	}
	return out
}

// bodyExpressions are the expressions of a block body; top leaves out a
// resource block's meta-arguments and meta-blocks.
func bodyExpressions(n *node, top bool) map[string]*tfjson.Expression {
	out := map[string]*tfjson.Expression{}
	if n == nil {
		return out
	}
	for name, a := range n.attrs {
		if top && metaArguments[name] {
			continue
		}
		out[name] = exprOf(a.Expr)
	}
	for _, b := range n.blocks {
		if top && metaBlocks[b.typ] {
			continue
		}
		body := b.body
		if b.dynamic {
			for _, nb := range b.body.blocks {
				if nb.typ == "content" && !nb.dynamic {
					body = nb.body
				}
			}
		}
		e := out[b.typ]
		if e == nil {
			e = &tfjson.Expression{ExpressionData: &tfjson.ExpressionData{}}
			out[b.typ] = e
		}
		e.NestedBlocks = append(e.NestedBlocks, bodyExpressions(body, false))
	}
	return out
}

// exprOf describes an expression as plan JSON does: its constant value
// when it reads nothing, else the references it reads, most specific
// first (aws_s3_bucket.b.arn, then aws_s3_bucket.b).
func exprOf(x hcl.Expression) *tfjson.Expression {
	d := &tfjson.ExpressionData{}
	vars := x.Variables()
	if len(vars) == 0 {
		if v, diags := x.Value(nil); !diags.HasErrors() {
			if j, ok := ToJSON(v); ok {
				d.ConstantValue = j
				if j == nil {
					d.ConstantValue = nil
				}
				return &tfjson.Expression{ExpressionData: d}
			}
		}
		d.ConstantValue = tfjson.UnknownConstantValue
		return &tfjson.Expression{ExpressionData: d}
	}
	seen := map[string]bool{}
	for _, tr := range vars {
		full := traversalText(tr)
		for _, ref := range referencePrefixes(tr, full) {
			if !seen[ref] {
				seen[ref] = true
				d.References = append(d.References, ref)
			}
		}
	}
	return &tfjson.Expression{ExpressionData: d}
}

// referencePrefixes are the references Terraform lists for a traversal:
// the whole, then the object it belongs to (a resource, a module call).
func referencePrefixes(tr hcl.Traversal, full string) []string {
	out := []string{full}
	n := 2
	switch tr.RootName() {
	case "data":
		n = 3
	case "var", "local", "count", "each", "path", "terraform", "self":
		return out
	}
	if steps := traversalNames(tr); len(steps) >= n {
		if p := strings.Join(steps[:n], "."); p != full {
			out = append(out, p)
		}
	}
	return out
}

// traversalText renders a traversal as Terraform writes references:
// aws_s3_bucket.b[0].arn, module.m["k"].out.
func traversalText(tr hcl.Traversal) string {
	var b strings.Builder
	for _, st := range tr {
		switch s := st.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteByte('.')
			b.WriteString(s.Name)
		case hcl.TraverseIndex:
			b.WriteString("[" + Render(s.Key) + "]")
		case hcl.TraverseSplat:
			b.WriteString("[*]")
		}
	}
	return b.String()
}
