// Package source maps resource addresses of a plan to the file and line of
// their resource or data block in the Terraform configuration, so that
// reports point reviewers at the .tf line.
//
// The configuration is read by internal/tfconfig (from a directory or a
// binary plan's snapshot); FromConfig indexes it. Lookup then answers for
// any address of the plan.
package source

import (
	"path"
	"strings"

	"github.com/trustcloud/trustcloud/internal/tfconfig"
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

// Load parses the configuration in dir (the root module and the modules
// it calls, local or installed by `terraform init`) and indexes its
// resource and data blocks. A file that does not parse, or a called
// module that is not on disk, is an error naming it.
func Load(dir string) (*Index, error) {
	cfg, err := tfconfig.LoadDir(dir, tfconfig.Terraform)
	if err != nil {
		return nil, err
	}
	return FromConfig(cfg), nil
}

// FromConfig indexes the resource, data and ephemeral blocks of a parsed
// configuration. File names are relative to the root module's directory,
// joined to cfg.Root when it is known.
func FromConfig(cfg *tfconfig.Config) *Index {
	ix := &Index{modules: map[string]map[string]location{}}
	for key, m := range cfg.Modules {
		blocks := map[string]location{}
		for addr, r := range m.Resources {
			file := r.Range.Filename
			if cfg.Root != "" && cfg.Root != "." {
				file = path.Join(cfg.Root, file)
			}
			blocks[addr] = location{file: file, line: r.Range.Start.Line}
		}
		ix.modules[key] = blocks
	}
	return ix
}

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
