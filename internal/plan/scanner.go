package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// scanner reads JSON from a stream in one pass, keeping only a window of
// it in memory: values the analysis needs are decoded, the rest (planned
// values, prior state …) are skipped without being materialised. Skipped
// values are checked for balanced brackets and terminated strings, not
// for every detail of the grammar.
type scanner struct {
	r        io.Reader
	buf      []byte
	pos, end int
	// base is the stream offset of buf[0]; line and lineStart describe
	// the consumed text before buf[0], for error positions.
	base      int64
	line      int
	lineStart int64
	eof       bool
	rerr      error
	// capture, when not nil, receives every byte consumed (to hand a
	// subtree to encoding/json); capFrom is where in buf it starts.
	capture *[]byte
	capFrom int
	tmp     []byte
	// interned holds one copy of each short string: plans repeat region
	// names, tag keys and values, attribute names thousands of times.
	interned map[string]string
	// shared holds decoded objects and lists by their text (values).
	shared map[string]any
	rawBuf []byte
}

// maxNesting bounds the depth of decoded values and of skipped ones:
// hostile inputs nest arrays a million levels deep.
const maxNesting = 10000

func newScanner(r io.Reader) *scanner {
	return &scanner{r: r, buf: make([]byte, 0, 1<<20), line: 1}
}

// errSyntax is a malformed-JSON error with its position.
type errSyntax struct {
	off       int64
	line, col int
	msg       string
}

func (e *errSyntax) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.line, e.col, e.msg)
}

func (s *scanner) errorf(format string, args ...any) error {
	line, col := s.position()
	return &errSyntax{off: s.base + int64(s.pos), line: line, col: col, msg: fmt.Sprintf(format, args...)}
}

// position returns the line and column of s.pos.
func (s *scanner) position() (int, int) {
	consumed := s.buf[:s.pos]
	line := s.line + bytes.Count(consumed, []byte{'\n'})
	start := s.lineStart
	if i := bytes.LastIndexByte(consumed, '\n'); i >= 0 {
		start = s.base + int64(i) + 1
	}
	return line, int(s.base+int64(s.pos)-start) + 1
}

// fill reads more input, keeping the unconsumed bytes. It reports false
// at the end of the input.
func (s *scanner) fill() bool {
	if s.eof {
		return false
	}
	if s.capture != nil {
		*s.capture = append(*s.capture, s.buf[s.capFrom:s.pos]...)
		s.capFrom = 0
	}
	// Account for the consumed bytes, then move the rest to the front.
	consumed := s.buf[:s.pos]
	s.line += bytes.Count(consumed, []byte{'\n'})
	if i := bytes.LastIndexByte(consumed, '\n'); i >= 0 {
		s.lineStart = s.base + int64(i) + 1
	}
	n := copy(s.buf[:cap(s.buf)], s.buf[s.pos:s.end])
	s.base += int64(s.pos)
	s.pos, s.end = 0, n
	if s.end == cap(s.buf) {
		// A single token larger than the buffer: grow.
		grown := make([]byte, s.end, 2*cap(s.buf))
		copy(grown, s.buf[:s.end])
		s.buf = grown
	}
	m, err := s.r.Read(s.buf[s.end:cap(s.buf)])
	s.buf = s.buf[:s.end+m]
	s.end += m
	if err != nil {
		if !errors.Is(err, io.EOF) {
			s.rerr = err
		}
		if m == 0 {
			s.eof = true
			return false
		}
	}
	return true
}

// peek skips white space and returns the next byte without consuming it.
func (s *scanner) peek() (byte, error) {
	for {
		for s.pos < s.end {
			switch c := s.buf[s.pos]; c {
			case ' ', '\t', '\n', '\r':
				s.pos++
			default:
				return c, nil
			}
		}
		if !s.fill() {
			if s.rerr != nil {
				return 0, s.rerr
			}
			return 0, s.errorf("the input ends too early (truncated?)")
		}
	}
}

func (s *scanner) expect(c byte) error {
	got, err := s.peek()
	if err != nil {
		return err
	}
	if got != c {
		return s.errorf("expected %q, found %q", c, got)
	}
	s.pos++
	return nil
}

// atEnd reports whether only white space is left.
func (s *scanner) atEnd() bool {
	_, err := s.peek()
	return err != nil
}

// readString reads a JSON string.
func (s *scanner) readString() (string, error) { return s.readStringIntern(false) }

// readStringIntern reads a JSON string, sharing the memory of short
// strings that repeat when intern is set (attribute names, regions, tag
// keys and values — not addresses, which are unique).
func (s *scanner) readStringIntern(intern bool) (string, error) {
	if err := s.expect('"'); err != nil {
		return "", err
	}
	var content []byte
	for {
		end, ok := stringEnd(s.buf[:s.end], s.pos)
		if ok {
			content = s.buf[s.pos:end]
			s.pos = end + 1
			break
		}
		s.pos-- // keep the opening quote in the buffer while reading more
		if !s.fill() {
			s.pos++
			return "", s.errorf("unterminated string (the input ends too early)")
		}
		s.pos++
	}
	escaped := false
	for _, c := range content {
		if c < 0x20 {
			return "", s.errorf("control character in a string")
		}
		if c == '\\' {
			escaped = true
		}
	}
	if !escaped {
		if intern {
			return s.intern(content), nil
		}
		return string(content), nil
	}
	out, ok := unescape(s.tmp[:0], content)
	s.tmp = out
	if !ok {
		return "", s.errorf("invalid string escape")
	}
	return string(out), nil
}

// unescape appends the JSON string content c, escapes decoded, to dst.
// Invalid escapes report false; a lone surrogate decodes to U+FFFD, as
// encoding/json does.
func unescape(dst, c []byte) ([]byte, bool) {
	for i := 0; i < len(c); i++ {
		if c[i] != '\\' {
			dst = append(dst, c[i])
			continue
		}
		i++
		if i >= len(c) {
			return dst, false
		}
		switch c[i] {
		case '"', '\\', '/':
			dst = append(dst, c[i])
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r, ok := hex4(c[i+1:])
			if !ok {
				return dst, false
			}
			i += 4
			if utf16.IsSurrogate(r) {
				if i+6 < len(c) && c[i+1] == '\\' && c[i+2] == 'u' {
					if r2, ok := hex4(c[i+3:]); ok {
						if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
							dst = utf8.AppendRune(dst, d)
							i += 6
							continue
						}
					}
				}
				r = utf8.RuneError
			}
			dst = utf8.AppendRune(dst, r)
		default:
			return dst, false
		}
	}
	return dst, true
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	return r, true
}

// intern returns a string for b, shared with earlier equal short strings.
func (s *scanner) intern(b []byte) string {
	if len(b) > 64 {
		return string(b)
	}
	if v, ok := s.interned[string(b)]; ok {
		return v
	}
	if s.interned == nil {
		s.interned = map[string]string{}
	}
	if len(s.interned) > 1<<16 {
		// Mostly unique values: stop remembering.
		return string(b)
	}
	v := string(b)
	s.interned[v] = v
	return v
}

// scalar reads a number or literal token.
func (s *scanner) scalar() ([]byte, error) {
	s.tmp = s.tmp[:0]
	for {
		for s.pos < s.end {
			switch c := s.buf[s.pos]; {
			case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c == '-', c == '+', c == '.', c == 'E':
				s.tmp = append(s.tmp, c)
				s.pos++
			default:
				return s.tmp, nil
			}
		}
		if !s.fill() {
			return s.tmp, nil
		}
	}
}

// readValue decodes any JSON value into the types encoding/json uses for
// interface{}: map[string]any, []any, string, float64, bool, nil.
func (s *scanner) readValue(depth int) (any, error) {
	if depth > maxNesting {
		return nil, s.errorf("values nested more than %d levels deep", maxNesting)
	}
	c, err := s.peek()
	if err != nil {
		return nil, err
	}
	switch c {
	case '"':
		return s.readStringIntern(true)
	case '{':
		obj := map[string]any{}
		err := s.object(func(key string) error {
			v, err := s.readValue(depth + 1)
			obj[key] = v
			return err
		})
		return obj, err
	case '[':
		arr := []any{}
		err := s.array(func() error {
			v, err := s.readValue(depth + 1)
			arr = append(arr, v)
			return err
		})
		return arr, err
	}
	tok, err := s.scalar()
	if err != nil {
		return nil, err
	}
	switch string(tok) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	case "":
		return nil, s.errorf("unexpected %q", c)
	}
	f, err := strconv.ParseFloat(string(tok), 64)
	if err != nil || !validNumber(tok) {
		return nil, s.errorf("invalid value %q", tok)
	}
	return f, nil
}

func validNumber(tok []byte) bool {
	var v json.Number
	return json.Unmarshal(tok, &v) == nil
}

// object reads an object, calling fn for each key; fn must consume the
// value.
func (s *scanner) object(fn func(key string) error) error {
	if err := s.expect('{'); err != nil {
		return err
	}
	c, err := s.peek()
	if err != nil {
		return err
	}
	if c == '}' {
		s.pos++
		return nil
	}
	for {
		key, err := s.readStringIntern(true)
		if err != nil {
			return err
		}
		if err := s.expect(':'); err != nil {
			return err
		}
		if err := fn(key); err != nil {
			return err
		}
		c, err := s.peek()
		if err != nil {
			return err
		}
		s.pos++
		switch c {
		case ',':
			continue
		case '}':
			return nil
		}
		s.pos--
		return s.errorf("expected ',' or '}' after an object member, found %q", c)
	}
}

// array reads an array, calling fn for each element; fn must consume it.
func (s *scanner) array(fn func() error) error {
	if err := s.expect('['); err != nil {
		return err
	}
	c, err := s.peek()
	if err != nil {
		return err
	}
	if c == ']' {
		s.pos++
		return nil
	}
	for {
		if err := fn(); err != nil {
			return err
		}
		c, err := s.peek()
		if err != nil {
			return err
		}
		s.pos++
		switch c {
		case ',':
			continue
		case ']':
			return nil
		}
		s.pos--
		return s.errorf("expected ',' or ']' after an array element, found %q", c)
	}
}

// skip consumes one value without decoding it.
func (s *scanner) skip() error {
	c, err := s.peek()
	if err != nil {
		return err
	}
	switch c {
	case '"':
		return s.skipString()
	case '{', '[':
		return s.skipContainer()
	}
	tok, err := s.scalar()
	if err != nil {
		return err
	}
	if len(tok) == 0 {
		return s.errorf("unexpected %q", c)
	}
	return nil
}

// structural marks the bytes skipContainer stops at.
var structural = [256]bool{'"': true, '{': true, '}': true, '[': true, ']': true}

// skipContainer consumes an object or array, jumping from bracket to
// bracket and through strings: the hot loop of the reader, as planned
// values and prior state are most of a plan's bytes.
func (s *scanner) skipContainer() error {
	var stack []byte
	for {
		if s.pos >= s.end && !s.fill() {
			return s.errorf("the input ends too early (truncated?)")
		}
		buf := s.buf[:s.end]
		i := s.pos
	scan:
		for i < len(buf) {
			c := buf[i]
			if !structural[c] {
				i++
				continue
			}
			switch c {
			case '"':
				end, ok := stringEnd(buf, i+1)
				if !ok {
					// The string goes on past the buffer: read more
					// and scan it again from its opening quote.
					break scan
				}
				i = end + 1
			case '{', '[':
				if len(stack) >= maxNesting {
					s.pos = i
					return s.errorf("values nested more than %d levels deep", maxNesting)
				}
				stack = append(stack, c)
				i++
			default:
				open := byte('{')
				if c == ']' {
					open = '['
				}
				if len(stack) == 0 || stack[len(stack)-1] != open {
					s.pos = i
					return s.errorf("unbalanced %q", c)
				}
				stack = stack[:len(stack)-1]
				i++
				if len(stack) == 0 {
					s.pos = i
					return nil
				}
			}
		}
		s.pos = i
		if i < len(buf) {
			// An unterminated string in the buffer: keep it, read more.
			if !s.fill() {
				return s.errorf("unterminated string (the input ends too early)")
			}
		}
	}
}

// stringEnd returns the index of the quote closing the string whose
// content starts at from, and false when buf ends first.
func stringEnd(buf []byte, from int) (int, bool) {
	j := from
	for {
		k := bytes.IndexByte(buf[j:], '"')
		if k < 0 {
			return 0, false
		}
		j += k
		// The quote is escaped when an odd number of backslashes
		// precede it.
		n := 0
		for m := j - 1; m >= from && buf[m] == '\\'; m-- {
			n++
		}
		if n%2 == 0 {
			return j, true
		}
		j++
	}
}

func (s *scanner) skipString() error {
	for {
		if end, ok := stringEnd(s.buf[:s.end], s.pos+1); ok {
			s.pos = end + 1
			return nil
		}
		if !s.fill() {
			return s.errorf("unterminated string (the input ends too early)")
		}
	}
}

// rawInto consumes one value and returns its bytes, in *buf's memory.
func (s *scanner) rawInto(buf *[]byte) ([]byte, error) {
	if _, err := s.peek(); err != nil {
		return nil, err
	}
	*buf = (*buf)[:0]
	s.capture, s.capFrom = buf, s.pos
	err := s.skip()
	*buf = append(*buf, s.buf[s.capFrom:s.pos]...)
	s.capture = nil
	return *buf, err
}
