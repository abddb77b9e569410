package configinput

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// move is a moved block: from and to are addresses within the module
// that declares it.
type move struct{ from, to string }

var movedSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "moved"}}}

var movedBody = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "from", Required: true}, {Name: "to", Required: true}}}

// movedBlocks reads the moved blocks of every module, by module key.
// Terraform gives a moved resource its previous address when the state
// holds the old object; a check of the configuration cannot see the
// state and assumes it does, so that a policy rule on the old address
// (a module glob) keeps applying: the stricter reading.
func movedBlocks(cfg *tfconfig.Config) map[string][]move {
	out := map[string][]move{}
	for key, m := range cfg.Modules {
		dir := filepath.Join(filepath.FromSlash(cfg.Path), filepath.FromSlash(m.Dir))
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".tf") && !strings.HasSuffix(e.Name(), ".tofu") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil || !strings.Contains(string(data), "moved") {
				continue
			}
			f, diags := hclsyntax.ParseConfig(data, e.Name(), hcl.InitialPos)
			if diags.HasErrors() {
				continue
			}
			content, _, _ := f.Body.PartialContent(movedSchema)
			for _, b := range content.Blocks {
				attrs, diags := b.Body.Content(movedBody)
				if diags.HasErrors() {
					continue
				}
				from, ok1 := traversal(attrs.Attributes["from"])
				to, ok2 := traversal(attrs.Attributes["to"])
				if ok1 && ok2 {
					out[key] = append(out[key], move{from: from, to: to})
				}
			}
		}
	}
	return out
}

func traversal(a *hcl.Attribute) (string, bool) {
	if a == nil {
		return "", false
	}
	tr, diags := hcl.AbsTraversalForExpr(a.Expr)
	if diags.HasErrors() {
		return "", false
	}
	return renderTraversal(tr), true
}

func renderTraversal(tr hcl.Traversal) string {
	var b strings.Builder
	for _, st := range tr {
		switch s := st.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + s.Name)
		case hcl.TraverseIndex:
			b.WriteString("[" + tfconfig.Render(s.Key) + "]")
		}
	}
	return b.String()
}

// previousAddress is the address a resource instance had before the
// moved blocks of its module and of the modules around it moved it, ""
// when none did.
func previousAddress(addr, module string, moves map[string][]move) string {
	prev := addr
	for _, p := range modulePrefixes(module) {
		for _, mv := range moves[moduleKey(p)] {
			to, from := join(p, mv.to), join(p, mv.from)
			if prev == to || strings.HasPrefix(prev, to+".") || strings.HasPrefix(prev, to+"[") {
				prev = from + prev[len(to):]
			}
		}
	}
	if prev == addr {
		return ""
	}
	return prev
}

func join(prefix, addr string) string {
	if prefix == "" {
		return addr
	}
	return prefix + "." + addr
}

// modulePrefixes lists a module instance address and the instances
// around it, outermost first, the root ("") included.
func modulePrefixes(inst string) []string {
	out := []string{""}
	rest, done := inst, ""
	for rest != "" {
		rest = strings.TrimPrefix(rest, "module.")
		end := strings.IndexAny(rest, ".[")
		step := rest
		if end >= 0 {
			step = rest[:end]
			rest = rest[end:]
			if strings.HasPrefix(rest, "[") {
				if i := closing(rest); i > 0 {
					step += rest[:i]
					rest = rest[i:]
				}
			}
			rest = strings.TrimPrefix(rest, ".")
		} else {
			rest = ""
		}
		done = join(done, "module."+step)
		out = append(out, done)
	}
	return out
}
