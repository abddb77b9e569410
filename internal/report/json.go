package report

// The json format's findings, the inventory's resources, the gitlab
// format's issues and the sarif format's results are written here by
// appending bytes, without reflection, and streamed in batches rendered
// on every core (appendElems, elems.go): on a plan with tens of thousands
// of findings, encoding/json with
// indentation was a third of `check`'s time. The bytes are those
// encoding/json writes (WriteJSON: two-space indent, no HTML escaping)
// for the same values, down to its string escaping; json_test.go
// compares the two on every scenario and corpus plan, on odd strings and
// on every field set at random. A field added to Finding, rules.Finding,
// inventory.Resource, codeQualityIssue, sarifResult or the types they
// hold must be added here too: the random test fails until it is. The
// small rest of each document (its head, the sarif rules) is still
// written by WriteJSON.

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/trustcloud/trustcloud/internal/i18n"

	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/rules"
)

func init() {
	register(Format{Name: "json", Ext: ".json", Write: writeJSON})
}

func writeJSON(w io.Writer, r *Report) error {
	shell := *r
	shell.Findings = []*Finding{}
	shell.Evaluation = r.evaluation()
	return writeJSONList(w, &shell, 1, "findings", slices.Values(r.Findings), appendFinding)
}

// WriteJSON writes v as indented JSON without HTML escaping.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// WriteInventoryJSON writes an inventory as `trustcloud inventory
// --format json` shows it: what WriteJSON writes for inv.
func WriteInventoryJSON(w io.Writer, inv *inventory.Inventory) error {
	shell := *inv
	shell.Resources = []*inventory.Resource{}
	return writeJSONList(w, &shell, 1, "resources", slices.Values(inv.Resources), appendResource)
}

// writeJSONList writes what WriteJSON writes for a document (shell) that
// has the values list yields under the member key, at nesting depth
// depth (1: a member of the top-level object), in order through a
// bufio.Writer as appendElems renders them: the memory used is that of a
// few batches of elements, not of the whole document (a check of 300k
// resources writes hundreds of megabytes). shell has an empty, non-nil list under key, and is small:
// WriteJSON writes it. The first such member at that depth is the one
// filled. appendElem appends one element at nesting depth depth+1, as
// WriteJSON would indent it there.
func writeJSONList[T any](w io.Writer, shell any, depth int, key string, list iter.Seq[T], appendElem func(*jsonBuf, T)) error {
	var head bytes.Buffer
	if err := WriteJSON(&head, shell); err != nil {
		return err
	}
	doc := head.Bytes()
	indent := "\n" + strings.Repeat("  ", depth)
	marker := []byte(indent + "\"" + key + "\": []")
	i := bytes.Index(doc, marker)
	if i < 0 {
		return fmt.Errorf("json: no empty %q list at depth %d", key, depth)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	open := i + len(marker) - 1 // the "]"
	// bufio keeps the first write error: Flush returns it.
	_, _ = bw.Write(doc[:open])
	n, err := appendElems(list, depth+1, appendElem, func(p []byte) { _, _ = bw.Write(p) })
	if err != nil {
		return err
	}
	if n > 0 {
		_, _ = bw.WriteString(indent)
	}
	_, _ = bw.Write(doc[open:])
	return bw.Flush()
}

// writeJSONArray writes what WriteJSON writes for a top-level array of
// the values list yields, through a bufio.Writer as appendElems renders
// them.
// appendElem appends one element at nesting depth 1.
func writeJSONArray[T any](w io.Writer, list iter.Seq[T], appendElem func(*jsonBuf, T)) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	// bufio keeps the first write error: Flush returns it.
	_, _ = bw.WriteString("[")
	n, err := appendElems(list, 1, appendElem, func(p []byte) { _, _ = bw.Write(p) })
	if err != nil {
		return err
	}
	if n == 0 {
		_, _ = bw.WriteString("]\n")
	} else {
		_, _ = bw.WriteString("\n]\n")
	}
	return bw.Flush()
}

// jsonBuf appends indented JSON. html says whether <, > and & are
// escaped in strings: inventory.Location's MarshalJSON uses json.Marshal,
// which escapes them, and the encoder keeps what a marshaler wrote.
type jsonBuf struct {
	out   []byte
	depth int
	html  bool
	// first is set after an object or array opens, until its first
	// member is written.
	first bool
	// err is the first error of a value encoding/json wrote (value).
	err error
	// lists and texts, when set, keep the English of the evidence
	// written, by identity (the address of a list's first message, of a
	// message's arguments): the findings of a resource share its
	// evidence, rendered once. Only the findings' writer sets them.
	lists map[*i18n.Msg][]string
	texts map[textKey]string
}

// textKey is a message's identity: its key and the address of its
// arguments.
type textKey struct {
	args *any
	key  string
}

// english renders a list of messages in English, once per list when
// b.lists is set.
func (b *jsonBuf) english(v []i18n.Msg) []string {
	if len(v) == 0 || b.lists == nil {
		return inventory.English(v)
	}
	if out, ok := b.lists[&v[0]]; ok && len(out) == len(v) {
		return out
	}
	out := inventory.English(v)
	b.lists[&v[0]] = out
	return out
}

// text renders a message in English, once per message when b.texts is
// set.
func (b *jsonBuf) text(m i18n.Msg) string {
	if len(m.Args) == 0 || b.texts == nil {
		return m.String()
	}
	k := textKey{&m.Args[0], m.Key}
	if s, ok := b.texts[k]; ok {
		return s
	}
	s := m.String()
	b.texts[k] = s
	return s
}

const jsonIndent = "                                                                " // 64 spaces

// newline starts a line at nesting depth d.
func (b *jsonBuf) newline(d int) {
	b.out = append(b.out, '\n')
	for n := 2 * d; n > 0; {
		k := min(n, len(jsonIndent))
		b.out = append(b.out, jsonIndent[:k]...)
		n -= k
	}
}

// open starts an object or array.
func (b *jsonBuf) open(c byte) {
	b.out = append(b.out, c)
	b.depth++
	b.first = true
}

// close ends an object or array; an empty one is written {} or [].
func (b *jsonBuf) close(c byte) {
	b.depth--
	if !b.first {
		b.newline(b.depth)
	}
	b.out = append(b.out, c)
	b.first = false
}

// next starts a member or element.
func (b *jsonBuf) next() {
	if !b.first {
		b.out = append(b.out, ',')
	}
	b.first = false
	b.newline(b.depth)
}

// mapKey starts a member of a map, whose key may need escaping.
func (b *jsonBuf) mapKey(k string) {
	b.next()
	b.out = appendJSONString(b.out, k, b.html)
	b.out = append(b.out, ':', ' ')
}

// key starts an object member: its name, its colon and a space.
func (b *jsonBuf) key(k string) {
	b.next()
	b.out = append(b.out, '"')
	b.out = append(b.out, k...) // member names are plain ASCII
	b.out = append(b.out, '"', ':', ' ')
}

func (b *jsonBuf) str(k, v string) {
	b.key(k)
	b.out = appendJSONString(b.out, v, b.html)
}

func (b *jsonBuf) strOmit(k, v string) {
	if v != "" {
		b.str(k, v)
	}
}

func (b *jsonBuf) strPtr(k string, v *string) {
	b.key(k)
	if v == nil {
		b.out = append(b.out, "null"...)
		return
	}
	b.out = appendJSONString(b.out, *v, b.html)
}

func (b *jsonBuf) boolean(k string, v bool) {
	b.key(k)
	b.out = strconv.AppendBool(b.out, v)
}

func (b *jsonBuf) integer(k string, v int) {
	b.key(k)
	b.out = strconv.AppendInt(b.out, int64(v), 10)
}

func (b *jsonBuf) null(k string) {
	b.key(k)
	b.out = append(b.out, "null"...)
}

// strs writes a list of strings: null when nil.
func (b *jsonBuf) strs(k string, v []string) {
	b.key(k)
	if v == nil {
		b.out = append(b.out, "null"...)
		return
	}
	b.open('[')
	for _, s := range v {
		b.next()
		b.out = appendJSONString(b.out, s, b.html)
	}
	b.close(']')
}

func (b *jsonBuf) strsOmit(k string, v []string) {
	if len(v) > 0 {
		b.strs(k, v)
	}
}

// appendResource appends an inventory resource.
func appendResource(b *jsonBuf, r *inventory.Resource) {
	if r == nil {
		b.out = append(b.out, "null"...)
		return
	}
	b.open('{')
	b.str("address", r.Address)
	b.str("module", r.Module)
	b.str("type", r.Type)
	b.str("mode", r.Mode)
	b.strs("actions", r.Actions)
	if r.Importing {
		b.boolean("importing", true)
	}
	b.str("provider", r.Provider)
	b.strOmit("provider_config", r.ProviderConfig)
	b.strPtr("operator", r.Operator)
	b.key("location")
	b.location(&r.Location)
	if len(r.DataLocations) > 0 {
		b.key("data_locations")
		b.open('[')
		for i := range r.DataLocations {
			b.next()
			b.location(&r.DataLocations[i])
		}
		b.close(']')
	}
	b.strOmit("data_of", r.DataOf)
	b.key("offer")
	if o := r.Offer; o == nil {
		b.out = append(b.out, "null"...)
	} else {
		b.open('{')
		b.str("id", o.ID)
		b.str("name", o.Name)
		b.str("status", o.Status)
		b.str("standing", o.Standing)
		b.strOmit("qualified_on", o.QualifiedOn)
		b.strOmit("expires_on", o.ExpiresOn)
		b.strOmit("decision", o.Decision)
		b.close('}')
	}
	b.key("sensitivity")
	b.sensitivity(&r.Sensitivity)
	b.close('}')
}

// location appends what inventory.Location.MarshalJSON writes: HTML
// characters escaped, and region last, null when empty.
func (b *jsonBuf) location(l *inventory.Location) {
	if l == nil {
		b.out = append(b.out, "null"...)
		return
	}
	html := b.html
	b.html = true
	b.open('{')
	b.str("status", l.Status)
	b.strOmit("zone", l.Zone)
	b.strPtr("country", l.Country)
	b.strsOmit("countries", l.Countries)
	b.key("eu")
	if l.EU == nil {
		b.out = append(b.out, "null"...)
	} else {
		b.out = strconv.AppendBool(b.out, *l.EU)
	}
	b.boolean("in_catalog", l.InCatalog)
	b.strOmit("attribute", l.Attribute)
	b.strOmit("flow", l.Flow)
	b.strs("evidence", b.english(l.Evidence))
	b.strOmit("reason", b.text(l.Reason))
	b.strOmit("unverified", b.text(l.Unverified))
	if l.Region == "" {
		b.null("region")
	} else {
		b.str("region", l.Region)
	}
	b.close('}')
	b.html = html
}

func (b *jsonBuf) sensitivity(s *inventory.Sensitivity) {
	if s == nil {
		b.out = append(b.out, "null"...)
		return
	}
	b.open('{')
	b.str("level", s.Level)
	b.strs("evidence", b.english(s.Evidence))
	b.strsOmit("unclassified", b.english(s.Unclassified))
	b.close('}')
}

// appendFinding appends a finding of the json format.
func appendFinding(b *jsonBuf, f *Finding) {
	if f == nil {
		b.out = append(b.out, "null"...)
		return
	}
	if b.lists == nil {
		// The findings of a resource share its evidence: rendered once.
		b.lists, b.texts = map[*i18n.Msg][]string{}, map[textKey]string{}
	}
	b.open('{')
	if rf := f.Finding; rf != nil {
		b.ruleFinding(rf)
	}
	b.str("fingerprint", f.Fingerprint)
	b.str("status", f.Status)
	if len(f.NewBecause) > 0 {
		b.key("new_because")
		b.open('[')
		for _, nr := range f.NewBecause {
			b.next()
			b.open('{')
			b.str("reason", nr.Reason)
			b.strsOmit("changed", nr.Changed)
			b.strOmit("detail", nr.Detail)
			b.close('}')
		}
		b.close(']')
	}
	b.key("source")
	if s := f.Source; s == nil {
		b.out = append(b.out, "null"...)
	} else {
		b.open('{')
		b.str("file", s.File)
		b.integer("line", s.Line)
		b.close('}')
	}
	b.close('}')
}

// ruleFinding appends the members of a rules.Finding.
func (b *jsonBuf) ruleFinding(f *rules.Finding) {
	b.str("rule", f.Rule)
	b.str("name", f.Name)
	b.str("severity", string(f.Severity))
	b.str("address", f.Address)
	b.str("module", f.Module)
	b.str("type", f.Type)
	b.str("message", f.Message.String())
	b.str("remediation", f.Remediation)
	b.strPtr("operator", f.Operator)
	b.key("location")
	b.location(f.Location)
	b.key("sensitivity")
	b.sensitivity(f.Sensitivity)
	if f.DataLocation != nil {
		b.key("data_location")
		b.location(f.DataLocation)
	}
	b.boolean("waived", f.Waived)
	b.key("waiver")
	if wv := f.Waiver; wv == nil {
		b.out = append(b.out, "null"...)
	} else {
		b.open('{')
		b.str("id", wv.ID)
		b.str("reason", wv.Reason)
		b.str("expires", wv.Expires)
		b.str("approved_by", wv.ApprovedBy)
		b.boolean("expired", wv.Expired)
		b.strOmit("refused", wv.Refused)
		b.strOmit("source", wv.Source)
		b.strOmit("at", wv.At)
		b.close('}')
	}
}

// jsonSafe[c] says an ASCII byte needs no escape in a JSON string (with
// HTML characters left as they are); jsonHTMLSafe also escapes <, > and &.
var jsonSafe, jsonHTMLSafe = func() (safe, htmlSafe [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		safe[c] = c != '"' && c != '\\'
		htmlSafe[c] = safe[c] && c != '<' && c != '>' && c != '&'
	}
	return safe, htmlSafe
}()

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes it: ", \ and
// control characters escaped (\b \f \n \r \t by name, the others as
// \u00XX), invalid UTF-8 bytes as \ufffd, U+2028 and U+2029 escaped, and
// <, > and & as \u003c, \u003e and \u0026 when html is set.
func appendJSONString(dst []byte, s string, html bool) []byte {
	safe := &jsonSafe
	if html {
		safe = &jsonHTMLSafe
	}
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if safe[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendCodeQualityIssue appends an issue of the gitlab format.
func appendCodeQualityIssue(b *jsonBuf, c *codeQualityIssue) {
	b.open('{')
	b.str("type", c.Type)
	b.str("check_name", c.CheckName)
	b.str("description", c.Description)
	if c.Content != nil {
		b.key("content")
		b.open('{')
		b.str("body", c.Content.Body)
		b.close('}')
	}
	b.strs("categories", c.Categories)
	b.str("fingerprint", c.Fingerprint)
	b.str("severity", c.Severity)
	b.key("location")
	b.open('{')
	b.str("path", c.Location.Path)
	b.key("lines")
	b.open('{')
	b.integer("begin", c.Location.Lines.Begin)
	b.close('}')
	b.close('}')
	b.close('}')
}

// appendSARIFResult appends a result of the sarif format.
func appendSARIFResult(b *jsonBuf, r *sarifResult) {
	b.open('{')
	b.str("ruleId", r.RuleID)
	b.integer("ruleIndex", r.RuleIndex)
	b.str("level", r.Level)
	b.key("message")
	b.open('{')
	b.str("text", r.Message.Text)
	b.close('}')
	b.key("locations")
	if r.Locations == nil {
		b.out = append(b.out, "null"...)
	} else {
		b.open('[')
		for _, l := range r.Locations {
			b.next()
			b.open('{')
			b.key("physicalLocation")
			b.open('{')
			b.key("artifactLocation")
			b.open('{')
			b.str("uri", l.PhysicalLocation.ArtifactLocation.URI)
			b.close('}')
			b.key("region")
			b.open('{')
			b.integer("startLine", l.PhysicalLocation.Region.StartLine)
			b.close('}')
			b.close('}')
			b.key("logicalLocations")
			if l.LogicalLocations == nil {
				b.out = append(b.out, "null"...)
			} else {
				b.open('[')
				for _, ll := range l.LogicalLocations {
					b.next()
					b.open('{')
					b.str("fullyQualifiedName", ll.FullyQualifiedName)
					b.str("kind", ll.Kind)
					b.close('}')
				}
				b.close(']')
			}
			b.close('}')
		}
		b.close(']')
	}
	b.key("partialFingerprints")
	b.value(r.PartialFingerprints)
	b.str("baselineState", r.BaselineState)
	if len(r.Suppressions) > 0 {
		b.key("suppressions")
		b.open('[')
		for _, s := range r.Suppressions {
			b.next()
			b.open('{')
			b.str("kind", s.Kind)
			b.str("status", s.Status)
			b.str("justification", s.Justification)
			b.close('}')
		}
		b.close(']')
	}
	b.key("properties")
	b.value(r.Properties)
	b.close('}')
}

// value appends a value of a property map: strings, booleans, ints and
// maps of them without reflection, anything else through encoding/json
// at the current indentation.
func (b *jsonBuf) value(v any) {
	switch v := v.(type) {
	case string:
		b.out = appendJSONString(b.out, v, b.html)
	case bool:
		b.out = strconv.AppendBool(b.out, v)
	case int:
		b.out = strconv.AppendInt(b.out, int64(v), 10)
	case map[string]string:
		if v == nil {
			b.out = append(b.out, "null"...)
			return
		}
		b.open('{')
		for _, k := range slices.Sorted(maps.Keys(v)) {
			b.mapKey(k)
			b.out = appendJSONString(b.out, v[k], b.html)
		}
		b.close('}')
	case map[string]any:
		if v == nil {
			b.out = append(b.out, "null"...)
			return
		}
		b.open('{')
		for _, k := range slices.Sorted(maps.Keys(v)) {
			b.mapKey(k)
			b.value(v[k])
		}
		b.close('}')
	default:
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent(strings.Repeat("  ", b.depth), "  ")
		enc.SetEscapeHTML(b.html)
		if err := enc.Encode(v); err != nil {
			b.err = cmp.Or(b.err, err)
			return
		}
		b.out = append(b.out, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
	}
}
