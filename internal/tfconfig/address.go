package tfconfig

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// ParseResourceAddress splits a resource instance address of a plan into
// its module instance (`module.a["x"]`, "" for the root), its address
// within the module (`aws_s3_bucket.b`, `data.aws_region.r`) and its
// instance key (cty.NilVal without count or for_each).
func ParseResourceAddress(addr string) (module, resource string, key cty.Value, ok bool) {
	tr, diags := hclsyntax.ParseTraversalAbs([]byte(addr), "", hcl.InitialPos)
	if diags.HasErrors() {
		return "", "", cty.NilVal, false
	}
	var steps []moduleStep
	i := 0
	name := func(j int) string {
		switch s := tr[j].(type) {
		case hcl.TraverseRoot:
			return s.Name
		case hcl.TraverseAttr:
			return s.Name
		}
		return ""
	}
	for i+1 < len(tr) && name(i) == "module" {
		st := moduleStep{name: name(i + 1), key: cty.NilVal}
		if st.name == "" {
			return "", "", cty.NilVal, false
		}
		i += 2
		if i < len(tr) {
			if idx, isIdx := tr[i].(hcl.TraverseIndex); isIdx {
				st.key = idx.Key
				i++
			}
		}
		steps = append(steps, st)
	}
	rest := tr[i:]
	key = cty.NilVal
	if n := len(rest); n > 0 {
		if idx, isIdx := rest[n-1].(hcl.TraverseIndex); isIdx {
			key = idx.Key
			rest = rest[:n-1]
		}
	}
	var parts []string
	for j := range rest {
		n := name(i + j)
		if n == "" {
			return "", "", cty.NilVal, false
		}
		parts = append(parts, n)
	}
	switch {
	case len(parts) == 3 && (parts[0] == "data" || parts[0] == "ephemeral"):
	case len(parts) == 2 && parts[0] != "data" && parts[0] != "module":
	default:
		return "", "", cty.NilVal, false
	}
	resource = parts[0]
	for _, p := range parts[1:] {
		resource += "." + p
	}
	return joinInst(steps), resource, key, true
}
