package tfconfig

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// ParseResourceAddress splits a resource instance address of a plan into
// its module instance (`module.a["x"]`, "" for the root), its address
// within the module (`aws_s3_bucket.b`, `data.aws_region.r`) and its
// instance key (cty.NilVal without count or for_each).
func ParseResourceAddress(addr string) (module, resource string, key cty.Value, ok bool) {
	if module, resource, key, ok := simpleResourceAddress(addr); ok {
		return module, resource, key, true
	}
	return parseResourceAddress(addr)
}

// simpleResourceAddress reads the resource addresses Terraform writes
// for nearly every resource (`module.a["k"].module.b[0].aws_s3_bucket.x[1]`,
// ASCII names, keys simpleKey reads) without building a traversal: the
// module instance is the address's own text before the resource, which
// is what joinInst would write (FuzzParseResourceAddress). ok is false
// for anything else, which parseResourceAddress then reads.
func simpleResourceAddress(addr string) (module, resource string, key cty.Value, ok bool) {
	i, modEnd := 0, 0
	for strings.HasPrefix(addr[i:], "module.") {
		j := identEnd(addr, i+len("module."))
		if j < 0 {
			return "", "", cty.NilVal, false
		}
		if j < len(addr) && addr[j] == '[' {
			k := strings.IndexByte(addr[j:], ']')
			if k < 0 {
				return "", "", cty.NilVal, false
			}
			if _, ok := simpleKey(addr[j+1 : j+k]); !ok {
				return "", "", cty.NilVal, false
			}
			j += k + 1
		}
		if j >= len(addr) || addr[j] != '.' {
			return "", "", cty.NilVal, false
		}
		modEnd, i = j, j+1
	}
	start, parts := i, 0
	first := ""
	for {
		j := identEnd(addr, i)
		if j < 0 {
			return "", "", cty.NilVal, false
		}
		if parts == 0 {
			first = addr[i:j]
		}
		parts++
		i = j
		if i == len(addr) || addr[i] != '.' {
			break
		}
		i++
	}
	switch {
	case parts == 3 && (first == "data" || first == "ephemeral"):
	case parts == 2 && first != "data" && first != "module":
	default:
		return "", "", cty.NilVal, false
	}
	resource, key = addr[start:i], cty.NilVal
	if i < len(addr) {
		if addr[i] != '[' || addr[len(addr)-1] != ']' {
			return "", "", cty.NilVal, false
		}
		k, ok := simpleKey(addr[i+1 : len(addr)-1])
		if !ok {
			return "", "", cty.NilVal, false
		}
		key = k
	}
	return addr[:modEnd], resource, key, true
}

// identEnd is the end of the ASCII identifier that starts at i, -1 when
// none starts there.
func identEnd(s string, i int) int {
	j := i
	for j < len(s) && isIdentByte(s[j], j == i) {
		j++
	}
	if j == i {
		return -1
	}
	return j
}

// parseResourceAddress is ParseResourceAddress through a traversal:
// simpleTraversal's, else HCL's.
func parseResourceAddress(addr string) (module, resource string, key cty.Value, ok bool) {
	tr, ok := simpleTraversal(addr)
	if !ok {
		var diags hcl.Diagnostics
		tr, diags = hclsyntax.ParseTraversalAbs([]byte(addr), "", hcl.InitialPos)
		if diags.HasErrors() {
			return "", "", cty.NilVal, false
		}
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

// simpleTraversal reads the addresses Terraform writes for nearly every
// resource — ASCII names, integer indexes and quoted keys without escapes
// or template characters — as hclsyntax.ParseTraversalAbs does, without
// its lexer (a plan of 100,000 resources asks for each address several
// times). ok is false for anything else, which the HCL parser then reads:
// escapes, Unicode (normalised by HCL), numbers written otherwise.
func simpleTraversal(addr string) (hcl.Traversal, bool) {
	var tr hcl.Traversal
	for i := 0; i < len(addr); {
		if len(tr) > 0 {
			switch addr[i] {
			case '.':
				i++
			case '[':
				j := strings.IndexByte(addr[i:], ']')
				if j < 0 {
					return nil, false
				}
				k, ok := simpleKey(addr[i+1 : i+j])
				if !ok {
					return nil, false
				}
				tr = append(tr, hcl.TraverseIndex{Key: k})
				i += j + 1
				continue
			default:
				return nil, false
			}
		}
		j := i
		for j < len(addr) && isIdentByte(addr[j], j == i) {
			j++
		}
		if j == i {
			return nil, false
		}
		if len(tr) == 0 {
			tr = append(tr, hcl.TraverseRoot{Name: addr[i:j]})
		} else {
			tr = append(tr, hcl.TraverseAttr{Name: addr[i:j]})
		}
		i = j
	}
	return tr, len(tr) > 0
}

// isIdentByte is an ASCII byte of an HCL identifier: a letter or an
// underscore first, then letters, digits, underscores and dashes.
func isIdentByte(c byte, first bool) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		return true
	case c >= '0' && c <= '9', c == '-':
		return !first
	}
	return false
}

// simpleKey is an index key: a non-negative integer without leading
// zeros, or a quoted string of printable ASCII without escapes or template
// characters.
func simpleKey(s string) (cty.Value, bool) {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		in := s[1 : len(s)-1]
		for k := 0; k < len(in); k++ {
			if c := in[k]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '$' || c == '%' {
				return cty.NilVal, false
			}
		}
		return cty.StringVal(in), true
	}
	if s == "" || len(s) > 15 || s[0] == '0' && len(s) > 1 {
		return cty.NilVal, false
	}
	n := int64(0)
	for k := 0; k < len(s); k++ {
		if s[k] < '0' || s[k] > '9' {
			return cty.NilVal, false
		}
		n = n*10 + int64(s[k]-'0')
	}
	return cty.NumberIntVal(n), true
}
