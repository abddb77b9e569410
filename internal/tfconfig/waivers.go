package tfconfig

import (
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// WaiverDirective starts an inline waiver comment: "# trustcloud:waive
// TC001 reason=…".
const WaiverDirective = "trustcloud:waive"

// WaiverComment is a comment of the configuration that starts with
// WaiverDirective: an inline waiver as written, not yet judged.
type WaiverComment struct {
	// File is the file's path relative to the root module, joined to the
	// configuration's Root when it is known (as findings point at it);
	// Line is the comment's line.
	File string
	Line int
	// Module is the key of the module whose file holds the comment ("" for
	// the root).
	Module string
	// Address is the address within the module ("TYPE.NAME",
	// "data.TYPE.NAME") of the block the comment is directly above: the
	// lines between them, if any, are comments only. Empty when the
	// comment is above no block (a blank line or code in between, a
	// comment after code on its line, a block comment).
	Address string
	// Remote is set when the module, or one that calls it, was installed
	// from a registry or a repository rather than written next to the
	// configuration: its comments are someone else's.
	Remote bool
	// Text is what follows the directive.
	Text string
}

// WaiverComments lists the comments of the configuration's native-syntax
// files that start with WaiverDirective, by file and line. Comments are
// read with the HCL lexer, so that the directive inside a string or a
// heredoc is text, not a comment.
func (c *Config) WaiverComments() []WaiverComment {
	if c == nil {
		return nil
	}
	var out []WaiverComment
	for _, key := range slices.Sorted(maps.Keys(c.Modules)) {
		m := c.Modules[key]
		starts := map[string]map[int]string{}
		for addr, r := range m.Resources {
			f := r.Range.Filename
			if starts[f] == nil {
				starts[f] = map[int]string{}
			}
			starts[f][r.Range.Start.Line] = addr
		}
		remote := m.remote()
		for _, file := range m.files {
			if strings.HasSuffix(file, ".json") {
				continue
			}
			src := c.files[file]
			if !strings.Contains(string(src), WaiverDirective) {
				continue
			}
			shown := file
			if c.Root != "" && c.Root != "." {
				shown = path.Join(c.Root, file)
			}
			for _, wc := range waiverComments(src, file, starts[file]) {
				wc.File, wc.Module, wc.Remote = shown, key, remote
				out = append(out, wc)
			}
		}
	}
	return out
}

// remote reports whether the module or one of its callers has a source
// that is not a local path.
func (m *Module) remote() bool {
	for x := m; x != nil && x.Key != ""; x = x.Parent {
		if !isLocalSource(x.Source) {
			return true
		}
	}
	return false
}

// waiverComments finds the waiver comments of one file; starts maps the
// first line of each resource block of the file to its address.
func waiverComments(src []byte, filename string, starts map[int]string) []WaiverComment {
	tokens, _ := hclsyntax.LexConfig(src, filename, hcl.InitialPos)
	code := map[int]bool{}     // lines where something other than a comment is
	comments := map[int]bool{} // lines where a comment starts
	for _, t := range tokens {
		switch t.Type {
		case hclsyntax.TokenNewline, hclsyntax.TokenEOF:
		case hclsyntax.TokenComment:
			comments[t.Range.Start.Line] = true
			if !lineComment(t.Bytes) {
				// A block comment covers its lines.
				for l := t.Range.Start.Line + 1; l <= t.Range.End.Line; l++ {
					comments[l] = true
				}
			}
		default:
			end := t.Range.End.Line
			if t.Range.End.Column == 1 && end > t.Range.Start.Line {
				end--
			}
			for l := t.Range.Start.Line; l <= end; l++ {
				code[l] = true
			}
		}
	}
	var out []WaiverComment
	for _, t := range tokens {
		if t.Type != hclsyntax.TokenComment {
			continue
		}
		text, ok := directive(t.Bytes)
		if !ok {
			continue
		}
		line := t.Range.Start.Line
		wc := WaiverComment{Line: line, Text: text}
		if lineComment(t.Bytes) && !code[line] {
			next := line + 1
			for comments[next] && !code[next] {
				next++
			}
			wc.Address = starts[next]
		}
		out = append(out, wc)
	}
	return out
}

// lineComment reports whether a comment token is a "#" or "//" comment.
func lineComment(b []byte) bool {
	return len(b) > 0 && (b[0] == '#' || len(b) > 1 && b[0] == '/' && b[1] == '/')
}

// directive returns what follows WaiverDirective in a comment that
// starts with it (after its marker and spaces).
func directive(b []byte) (string, bool) {
	s := string(b)
	switch {
	case strings.HasPrefix(s, "#"):
		s = s[1:]
	case strings.HasPrefix(s, "//"), strings.HasPrefix(s, "/*"):
		s = strings.TrimSuffix(s[2:], "*/")
	}
	s = strings.TrimSpace(s)
	rest, ok := strings.CutPrefix(s, WaiverDirective)
	if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return "", false
	}
	return strings.TrimSpace(rest), true
}
