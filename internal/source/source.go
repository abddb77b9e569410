// Package source maps resource addresses of a plan to the file and line of
// their resource or data block in the Terraform configuration, so that
// reports point reviewers at the .tf line.
//
// Load parses the root module and every module the plan's configuration
// records that is on disk: local modules ("./x", "../x", relative to the
// calling module) and, when `terraform init` has run in the directory,
// the modules listed in .terraform/modules/modules.json (registry and git
// modules included). Lookup then answers for any address of the plan.
package source

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"
)

// Index maps resource addresses to declarations.
type Index struct {
	// modules maps a module key (module call names joined with ".", ""
	// for the root, as in modules.json) to the blocks of its directory,
	// by "TYPE.NAME" or "data.TYPE.NAME".
	modules map[string]map[string]location
}

// location is where a block is declared.
type location struct {
	file string
	line int
}

// blockSchema selects the blocks that declare resources.
var blockSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "ephemeral", LabelNames: []string{"type", "name"}},
	{Type: "module", LabelNames: []string{"name"}},
}}

// loader parses each module directory once.
type loader struct {
	root      string
	installed map[string]string // modules.json: key -> directory
	parser    *hclparse.Parser
	parsed    map[string]*parsedDir
	index     *Index
}

// parsedDir is a parsed module directory: its blocks and the literal
// sources of its module blocks (used when the plan records no
// configuration).
type parsedDir struct {
	blocks  map[string]location
	sources map[string]string
}

// Load parses the configuration in dir (the root module and the local
// modules the plan's configuration records) and indexes its resource and
// data blocks. A file that does not parse is an error naming it with its
// line and column; a module that is not on disk is left out.
func Load(dir string, p *tfjson.Plan) (*Index, error) {
	l := &loader{root: dir, parser: hclparse.NewParser(), parsed: map[string]*parsedDir{},
		index: &Index{modules: map[string]map[string]location{}}}
	var err error
	if l.installed, err = readModulesJSON(dir); err != nil {
		return nil, err
	}
	var rootCfg *tfjson.ConfigModule
	if p != nil && p.Config != nil {
		rootCfg = p.Config.RootModule
	}
	if err := l.walk("", dir, rootCfg, nil); err != nil {
		return nil, err
	}
	return l.index, nil
}

// walk indexes the module at key in directory dir, then its calls: those
// of cfg when the plan records them, else the module blocks of the files.
// callers are the directories of the calling modules: a module that calls
// itself (which Terraform refuses) is not followed.
func (l *loader) walk(key, dir string, cfg *tfjson.ConfigModule, callers []string) error {
	pd, err := l.parse(dir)
	if err != nil {
		return err
	}
	if pd == nil {
		return nil
	}
	l.index.modules[key] = pd.blocks
	calls := map[string]string{}
	children := map[string]*tfjson.ConfigModule{}
	if cfg != nil {
		for name, c := range cfg.ModuleCalls {
			if c == nil {
				continue
			}
			calls[name] = c.Source
			children[name] = c.Module
		}
	} else {
		calls = pd.sources
	}
	names := make([]string, 0, len(calls))
	for n := range calls {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		childKey := name
		if key != "" {
			childKey = key + "." + name
		}
		childDir, ok := l.moduleDir(childKey, dir, calls[name])
		if !ok || slices.Contains(callers, filepath.Clean(childDir)) || filepath.Clean(childDir) == filepath.Clean(dir) {
			continue
		}
		if err := l.walk(childKey, childDir, children[name], append(slices.Clone(callers), filepath.Clean(dir))); err != nil {
			return err
		}
	}
	return nil
}

// moduleDir finds the directory of a module call: modules.json when
// Terraform installed it there, else a local source relative to the
// calling module's directory.
func (l *loader) moduleDir(key, parentDir, src string) (string, bool) {
	if d, ok := l.installed[key]; ok {
		d = filepath.Join(l.root, filepath.FromSlash(d))
		if isDir(d) {
			return d, true
		}
	}
	if isLocal(src) {
		d := filepath.Join(parentDir, filepath.FromSlash(src))
		if isDir(d) {
			return d, true
		}
	}
	return "", false
}

// isLocal reports whether a module source is a local path, as Terraform
// reads it.
func isLocal(src string) bool {
	return strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") ||
		strings.HasPrefix(src, ".\\") || strings.HasPrefix(src, "..\\")
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// readModulesJSON reads the modules `terraform init` installed, if any.
func readModulesJSON(dir string) (map[string]string, error) {
	path := filepath.Join(dir, ".terraform", "modules", "modules.json")
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", slash(path), err)
	}
	var doc struct {
		Modules []struct {
			Key    string `json:"Key"`
			Source string `json:"Source"`
			Dir    string `json:"Dir"`
		} `json:"Modules"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: not a Terraform module manifest: %w (run 'terraform init' again)", slash(path), err)
	}
	out := map[string]string{}
	for _, m := range doc.Modules {
		if m.Key != "" && m.Dir != "" {
			out[m.Key] = m.Dir
		}
	}
	return out, nil
}

// parse reads the .tf and .tf.json files of a module directory (nil when
// the directory cannot be listed).
func (l *loader) parse(dir string) (*parsedDir, error) {
	clean := filepath.Clean(dir)
	if pd, ok := l.parsed[clean]; ok {
		return pd, nil
	}
	entries, err := os.ReadDir(clean)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			l.parsed[clean] = nil
			return nil, nil
		}
		return nil, fmt.Errorf("%s: %w", slash(clean), err)
	}
	var primary, overrides []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || ignored(name) || !isConfigFile(name) {
			continue
		}
		if isOverride(name) {
			overrides = append(overrides, name)
		} else {
			primary = append(primary, name)
		}
	}
	pd := &parsedDir{blocks: map[string]location{}, sources: map[string]string{}}
	var diags hcl.Diagnostics
	// Override files come last: they change blocks, the primary files
	// declare them.
	for _, name := range append(primary, overrides...) {
		path := slash(filepath.Join(clean, name))
		var f *hcl.File
		var d hcl.Diagnostics
		if strings.HasSuffix(name, ".tf.json") {
			f, d = l.parser.ParseJSONFile(path)
		} else {
			f, d = l.parser.ParseHCLFile(path)
		}
		diags = append(diags, d...)
		if f == nil || d.HasErrors() {
			continue
		}
		content, _, d := f.Body.PartialContent(blockSchema)
		diags = append(diags, d...)
		if content == nil {
			continue
		}
		for _, b := range content.Blocks {
			if b.Type == "module" {
				if _, ok := pd.sources[b.Labels[0]]; !ok {
					pd.sources[b.Labels[0]] = literalSource(b.Body)
				}
				continue
			}
			key := b.Labels[0] + "." + b.Labels[1]
			if b.Type != "resource" {
				key = b.Type + "." + key
			}
			if _, ok := pd.blocks[key]; !ok {
				pd.blocks[key] = location{file: path, line: b.DefRange.Start.Line}
			}
		}
	}
	if diags.HasErrors() {
		return nil, configError(diags)
	}
	l.parsed[clean] = pd
	return pd, nil
}

// literalSource is the source of a module block when it is a constant.
func literalSource(body hcl.Body) string {
	c, _, _ := body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "source"}}})
	if c == nil {
		return ""
	}
	a, ok := c.Attributes["source"]
	if !ok {
		return ""
	}
	v, d := a.Expr.Value(nil)
	if d.HasErrors() || !v.IsKnown() || v.IsNull() || !v.Type().Equals(cty.String) {
		return ""
	}
	return v.AsString()
}

// configError formats the error diagnostics of the configuration, one per
// line, as file:line,col: summary; detail.
func configError(diags hcl.Diagnostics) error {
	var lines []string
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		var b strings.Builder
		if s := d.Subject; s != nil {
			if s.Start.Line > 0 {
				fmt.Fprintf(&b, "%s:%d,%d: ", s.Filename, s.Start.Line, s.Start.Column)
			} else {
				fmt.Fprintf(&b, "%s: ", s.Filename)
			}
		}
		b.WriteString(d.Summary)
		if d.Detail != "" {
			b.WriteString("; ")
			b.WriteString(strings.Join(strings.Fields(d.Detail), " "))
		}
		lines = append(lines, b.String())
	}
	return fmt.Errorf("the Terraform configuration does not parse:\n%s", strings.Join(lines, "\n"))
}

// ignored reports the files Terraform skips: hidden files and editor
// backups.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		(strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"))
}

// isConfigFile reports whether a file holds Terraform configuration.
func isConfigFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

func isOverride(name string) bool {
	base := strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".tf")
	return base == "override" || strings.HasSuffix(base, "_override")
}

func slash(path string) string { return filepath.ToSlash(filepath.Clean(path)) }

// Lookup returns the file (dir-relative path joined to dir) and line of the
// block that declares the resource at address (instance keys ignored).
func (ix *Index) Lookup(address string) (file string, line int, ok bool) {
	if ix == nil {
		return "", 0, false
	}
	parts, ok := splitAddress(address)
	if !ok {
		return "", 0, false
	}
	var mods []string
	for len(parts) >= 2 && parts[0] == "module" {
		mods = append(mods, parts[1])
		parts = parts[2:]
	}
	var key string
	switch {
	case len(parts) == 3 && (parts[0] == "data" || parts[0] == "ephemeral"):
		key = strings.Join(parts, ".")
	case len(parts) == 2 && parts[0] != "data" && parts[0] != "module" && parts[0] != "ephemeral":
		key = parts[0] + "." + parts[1]
	default:
		return "", 0, false
	}
	loc, found := ix.modules[strings.Join(mods, ".")][key]
	if !found {
		return "", 0, false
	}
	return loc.file, loc.line, true
}

// splitAddress splits a resource address on the dots between its steps
// and drops the instance keys ([0], ["a.b]"]), which may hold dots,
// brackets and escaped quotes inside their quotes.
func splitAddress(address string) ([]string, bool) {
	var parts []string
	var cur strings.Builder
	depth, quoted, escaped := 0, false, false
	for _, r := range address {
		switch {
		case quoted:
			switch {
			case escaped:
				escaped = false
			case r == '\\':
				escaped = true
			case r == '"':
				quoted = false
			}
		case depth > 0:
			switch r {
			case '"':
				quoted = true
			case '[':
				depth++
			case ']':
				depth--
			}
		case r == '[':
			depth++
		case r == ']':
			return nil, false
		case r == '.':
			if cur.Len() == 0 {
				return nil, false
			}
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteRune(r)
		}
	}
	if depth != 0 || quoted || cur.Len() == 0 {
		return nil, false
	}
	return append(parts, cur.String()), true
}
