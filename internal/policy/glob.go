package policy

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// Address globs name Terraform module and resource addresses such as
// module.db["eu"].aws_db_instance.main[0]. A glob is a list of steps
// separated by "."; in a step,
//
//   - "*" matches any run of characters other than "." (within one step),
//   - "?" matches one such character,
//   - a step that is exactly "**" matches any number of steps, none included
//     ("module.a.**" matches module.a and everything below it,
//     "**.aws_s3_bucket.*" matches S3 buckets at any depth),
//   - "**" inside a step matches any run of characters, "." included,
//   - an instance key may follow a step: [0], ["key"], [*] for any key; inside
//     a quoted key, "*" and "?" are wildcards too.
//
// A step written without an instance key also matches the step's instances,
// so "module.db" matches module.db, module.db[0] and module.db["a"]. Globs are
// anchored: "module.a" does not match module.a.module.b.

// keyRE matches one instance key of an address: [0] or ["any \"string\""].
const keyRE = `\[(?:[0-9]+|"(?:[^"\\]|\\.)*")\]`

// globCache holds compiled globs (*regexp.Regexp) and invalid ones (error).
var globCache sync.Map

// MatchGlob reports whether the module or resource address addr matches the
// glob pattern (syntax above). An invalid pattern matches nothing; policies
// loaded with Load or Parse only hold valid patterns.
func MatchGlob(pattern, addr string) bool {
	re, err := compileGlob(pattern)
	return err == nil && re.MatchString(addr)
}

// compileGlob turns a glob into an anchored regular expression, or says why
// the glob is invalid.
func compileGlob(pattern string) (*regexp.Regexp, error) {
	if v, ok := globCache.Load(pattern); ok {
		if err, isErr := v.(error); isErr {
			return nil, err
		}
		return v.(*regexp.Regexp), nil
	}
	re, err := buildGlob(pattern)
	if err != nil {
		globCache.Store(pattern, err)
		return nil, err
	}
	globCache.Store(pattern, re)
	return re, nil
}

// globStep is one step of a glob: a name and an optional instance key
// (without its brackets).
type globStep struct {
	name   string
	key    string
	hasKey bool
}

func buildGlob(pattern string) (*regexp.Regexp, error) {
	steps, err := splitGlob(pattern)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString("^")
	first := true
	for i, st := range steps {
		if st.name == "**" && !st.hasKey {
			last := i == len(steps)-1
			switch {
			case first && last:
				b.WriteString(`.*`)
			case first:
				// Zero or more leading steps; the next step then starts
				// the address or follows the dot matched here.
				b.WriteString(`(?:.*\.)?`)
			default:
				b.WriteString(`(?:\..*)?`)
				first = false
			}
			continue
		}
		if !first {
			b.WriteString(`\.`)
		}
		first = false
		b.WriteString(nameRE(st.name))
		switch {
		case !st.hasKey:
			b.WriteString(`(?:` + keyRE + `)?`)
		case st.key == "*":
			b.WriteString(keyRE)
		case strings.HasPrefix(st.key, `"`):
			b.WriteString(`\["` + quotedKeyRE(st.key[1:len(st.key)-1]) + `"\]`)
		default:
			b.WriteString(`\[` + st.key + `\]`)
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}

func nameRE(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		switch {
		case strings.HasPrefix(name[i:], "**"):
			b.WriteString(`.*`)
			i++
		case name[i] == '*':
			b.WriteString(`[^.\[\]]*`)
		case name[i] == '?':
			b.WriteString(`[^.\[\]]`)
		default:
			b.WriteString(regexp.QuoteMeta(name[i : i+1]))
		}
	}
	return b.String()
}

func quotedKeyRE(key string) string {
	var b strings.Builder
	for i := 0; i < len(key); i++ {
		switch key[i] {
		case '*':
			b.WriteString(`(?:[^"\\]|\\.)*`)
		case '?':
			b.WriteString(`(?:[^"\\]|\\.)`)
		case '\\':
			// An escape: both characters are literal.
			b.WriteString(regexp.QuoteMeta(key[i : i+2]))
			i++
		default:
			b.WriteString(regexp.QuoteMeta(key[i : i+1]))
		}
	}
	return b.String()
}

var errEmptyGlob = errors.New("the glob is empty")

// splitGlob checks the syntax of a glob and cuts it into steps.
func splitGlob(p string) ([]globStep, error) {
	if p == "" {
		return nil, errEmptyGlob
	}
	var steps []globStep
	i := 0
	for {
		start := i
		for i < len(p) && p[i] != '.' && p[i] != '[' {
			if c := p[i]; !isNameChar(c) && c != '*' && c != '?' {
				return nil, fmt.Errorf("character %q at offset %d is not allowed in an address step", c, i)
			}
			i++
		}
		name := p[start:i]
		switch {
		case name == "":
			return nil, fmt.Errorf("empty step at offset %d (two dots, or a dot or key at the start)", start)
		case strings.Contains(name, "***"):
			return nil, fmt.Errorf("%q: use \"*\" (within a step) or \"**\" (any steps), not \"***\"", name)
		}
		st := globStep{name: name}
		if i < len(p) && p[i] == '[' {
			key, end, err := globKey(p, i)
			if err != nil {
				return nil, err
			}
			if name == "**" {
				return nil, fmt.Errorf(`"**" matches whole steps and cannot take an instance key`)
			}
			st.key, st.hasKey = key, true
			i = end
		}
		steps = append(steps, st)
		if i == len(p) {
			return steps, nil
		}
		if p[i] != '.' {
			return nil, fmt.Errorf("expected \".\" after the instance key at offset %d", i)
		}
		i++
		if i == len(p) {
			return nil, errors.New("the glob ends with a dot")
		}
	}
}

// globKey reads the instance key opening at p[open] == '[' and returns its
// content and the offset after the closing bracket.
func globKey(p string, open int) (key string, end int, err error) {
	j := open + 1
	if j < len(p) && p[j] == '"' {
		for j++; j < len(p) && p[j] != '"'; j++ {
			if p[j] == '\\' {
				j++
			}
		}
		if j >= len(p) {
			return "", 0, fmt.Errorf("unterminated string in the instance key at offset %d", open)
		}
		j++
	} else {
		for j < len(p) && p[j] != ']' {
			j++
		}
	}
	if j >= len(p) || p[j] != ']' {
		return "", 0, fmt.Errorf("unclosed instance key at offset %d", open)
	}
	key = p[open+1 : j]
	switch {
	case key == "*", strings.HasPrefix(key, `"`):
	case key != "" && strings.Trim(key, "0123456789") == "":
	default:
		return "", 0, fmt.Errorf("instance key [%s] at offset %d: use a number, a quoted string or *", key, open)
	}
	return key, j + 1, nil
}

func isNameChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}
