package planfile

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math/bits"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/trustcloud/trustcloud/internal/i18n"
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
	// memberSet holds the member names of the objects being read, to
	// refuse one that appears twice; nil in a scanner re-reading text
	// already checked. stack is skipContainer's, kept from call to
	// call; keyBuf holds a member name being read.
	memberSet *memberSet
	stack     []byte
	keyBuf    []byte
	// changes decodes the resource changes on other cores, nil when
	// they are read here (changes.go).
	changes *changeDecoder
}

// maxNesting bounds the depth of decoded values and of skipped ones:
// hostile inputs nest arrays a million levels deep.
const maxNesting = 10000

func newScanner(r io.Reader) *scanner {
	return &scanner{r: r, buf: make([]byte, 0, 1<<20), line: 1, memberSet: newMemberSet()}
}

// errSyntax is a malformed-JSON error with its position.
type errSyntax struct {
	off       int64
	line, col int
	msg       string
	// text is msg not yet rendered, for the user's language.
	text i18n.Msg
}

func (e *errSyntax) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.line, e.col, e.msg)
}

// syntaxf is the syntax error of message key (of the i18n catalogs) at
// the scanner's position.
func (s *scanner) syntaxf(key string, args ...any) error {
	line, col := s.position()
	text := i18n.M(key, args...)
	return &errSyntax{off: s.base + int64(s.pos), line: line, col: col, msg: text.String(), text: text}
}

// position returns the line and column of s.pos.
func (s *scanner) position() (int, int) { return s.positionAt(s.pos) }

// positionAt returns the line and column of buf[p].
func (s *scanner) positionAt(p int) (int, int) {
	consumed := s.buf[:p]
	line := s.line + bytes.Count(consumed, []byte{'\n'})
	start := s.lineStart
	if i := bytes.LastIndexByte(consumed, '\n'); i >= 0 {
		start = s.base + int64(i) + 1
	}
	return line, int(s.base+int64(p)-start) + 1
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
	// Terraform writes a plan on one line: look for the last line break
	// only when there is one (Count is vectorised, LastIndexByte not).
	consumed := s.buf[:s.pos]
	if n := bytes.Count(consumed, []byte{'\n'}); n > 0 {
		s.line += n
		s.lineStart = s.base + int64(bytes.LastIndexByte(consumed, '\n')) + 1
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
			return 0, s.syntaxf("plan.json.ends_early")
		}
	}
}

func (s *scanner) expect(c byte) error {
	got, err := s.peek()
	if err != nil {
		return err
	}
	if got != c {
		return s.syntaxf("plan.json.expected_found", c, got)
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
	content, escaped, err := s.stringContent()
	if err != nil {
		return "", err
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
		return "", s.syntaxf("plan.json.bad_escape")
	}
	return string(out), nil
}

// appendString reads a JSON string and appends it, escapes decoded, to
// dst: for strings kept together in one block of memory.
func (s *scanner) appendString(dst []byte) ([]byte, error) {
	content, escaped, err := s.stringContent()
	if err != nil {
		return dst, err
	}
	if !escaped {
		return append(dst, content...), nil
	}
	out, ok := unescape(dst, content)
	if !ok {
		return dst, s.syntaxf("plan.json.bad_escape")
	}
	return out, nil
}

// stringContent reads a JSON string and returns its content as written
// (valid until the next read), and whether it has escapes.
func (s *scanner) stringContent() ([]byte, bool, error) {
	if err := s.expect('"'); err != nil {
		return nil, false, err
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
			return nil, false, s.syntaxf("plan.json.unterminated")
		}
		s.pos++
	}
	escaped := false
	for _, c := range content {
		if c < 0x20 {
			return nil, false, s.syntaxf("plan.json.control_char")
		}
		if c == '\\' {
			escaped = true
		}
	}
	return content, escaped, nil
}

// unescape appends the JSON string content c, escapes decoded, to dst.
// Invalid escapes report false; a lone surrogate decodes to U+FFFD, as
// encoding/json does.
func unescape(dst, c []byte) ([]byte, bool) {
	for i := 0; i < len(c); i++ {
		if c[i] != '\\' {
			// Copy up to the next escape at once.
			j := bytes.IndexByte(c[i:], '\\')
			if j < 0 {
				return append(dst, c[i:]...), true
			}
			dst = append(dst, c[i:i+j]...)
			i += j
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
		return nil, s.syntaxf("plan.json.nesting", maxNesting)
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
		return nil, s.syntaxf("plan.json.unexpected", c)
	}
	f, err := strconv.ParseFloat(string(tok), 64)
	if err != nil || !validNumber(tok) {
		return nil, s.syntaxf("plan.json.invalid_value", tok)
	}
	return f, nil
}

func validNumber(tok []byte) bool {
	var v json.Number
	return json.Unmarshal(tok, &v) == nil
}

// object reads an object, calling fn for each key; fn must consume the
// value. A key the object already has is refused (errDuplicate).
func (s *scanner) object(fn func(key string) error) error {
	return s.members(func(name []byte, escaped bool) error {
		key := ""
		if escaped {
			key = string(name)
		} else {
			key = s.intern(name)
		}
		if err := s.expect(':'); err != nil {
			return err
		}
		return fn(key)
	})
}

// objectBytes is object for the objects whose members are mostly
// skipped: fn gets the name as bytes, valid until fn reads the value.
func (s *scanner) objectBytes(fn func(name []byte) error) error {
	return s.members(func(name []byte, _ bool) error {
		s.keyBuf = append(s.keyBuf[:0], name...)
		if err := s.expect(':'); err != nil {
			return err
		}
		return fn(s.keyBuf)
	})
}

// members reads an object, calling fn for each member with its name,
// escapes decoded, valid until the next read: fn must read the colon and
// the value. A name the object already has is refused (errDuplicate).
func (s *scanner) members(fn func(name []byte, escaped bool) error) error {
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
	m := s.memberSet
	if m != nil {
		m.open()
	}
	for {
		name, escaped, err := s.memberName()
		if err != nil {
			return err
		}
		if err := fn(name, escaped); err != nil {
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
			if m != nil {
				m.close()
			}
			return nil
		}
		s.pos--
		return s.syntaxf("plan.json.after_member", c)
	}
}

// memberName reads the name of an object member (the object open in
// memberSet) and returns it, escapes decoded, valid until the next read;
// a name the object already has is refused (errDuplicate).
func (s *scanner) memberName() ([]byte, bool, error) {
	name, escaped, err := s.stringContent()
	if err != nil {
		return nil, false, err
	}
	// The opening quote is still in the buffer: where a duplicate is
	// reported.
	at := s.base + int64(s.pos-len(name)-2)
	if escaped {
		out, ok := unescape(s.tmp[:0], name)
		s.tmp = out
		if !ok {
			return nil, false, s.syntaxf("plan.json.bad_escape")
		}
		name = out
	}
	if m := s.memberSet; m != nil && m.add(name) {
		return nil, false, s.duplicate(string(name), at)
	}
	return name, escaped, nil
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
		return s.syntaxf("plan.json.after_element", c)
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
		return s.skipContainer(nil)
	}
	tok, err := s.scalar()
	if err != nil {
		return err
	}
	if len(tok) == 0 {
		return s.syntaxf("plan.json.unexpected", c)
	}
	return nil
}

// structural marks the bytes skipContainer stops at; space the white
// space of JSON.
var (
	structural = [256]bool{'"': true, '{': true, '}': true, '[': true, ']': true}
	space      = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}
)

// skipContainer consumes an object or array, jumping from bracket to
// bracket and through strings: the hot loop of the reader, as planned
// values and prior state are most of a plan's bytes. The member names of
// objects are checked for duplicates on the way: a string in an object
// followed by a colon is one.
func (s *scanner) skipContainer(watch []string) error {
	return s.skipFrom(s.stack[:0], watch)
}

// skipRest consumes the rest of an object whose first members were read
// (object names and memberSet level open), up to its closing brace; the
// names of its own members are checked against watch as skipOther
// does.
func (s *scanner) skipRest(watch []string) error {
	return s.skipFrom(append(s.stack[:0], '{'), watch)
}

// skipFrom is skipContainer with the brackets already open on stack.
func (s *scanner) skipFrom(stack []byte, watch []string) error {
	defer func() { s.stack = stack[:0] }()
	for {
		if s.pos >= s.end && !s.fill() {
			return s.syntaxf("plan.json.ends_early")
		}
		var closed bool
		var err error
		if stack, closed, err = s.skipBuffered(stack, watch); closed || err != nil {
			return err
		}
		if s.pos < s.end && !s.fill() {
			// A string in the buffer not read to its end, or to what
			// follows it, and nothing more to read.
			return s.syntaxf("plan.json.ends_early")
		}
	}
}

// opener is the bracket each closing bracket closes.
var opener = [256]byte{'}': '{', ']': '['}

// skipBuffered is skipFrom's scan of the bytes in the buffer, from s.pos:
// it reports closed when the brackets on stack are all closed, s.pos past
// the last. Otherwise it stops at the end of the buffer, or at the
// opening quote of a string that goes on past it, or whose next byte
// (that tells whether it names a member) is not read yet: s.pos is
// there, for skipFrom to read more and scan again. A single function, as
// this is the hot loop: a call per token costs a tenth of its speed.
func (s *scanner) skipBuffered(stack []byte, watch []string) (_ []byte, closed bool, err error) {
	m := s.memberSet
	buf := s.buf[:s.end]
	i := s.pos
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
				s.pos = i
				return stack, false, nil
			}
			if m != nil && stack[len(stack)-1] == '{' {
				switch colon, known := colonFollows(buf, end+1); {
				case !known:
					s.pos = i
					return stack, false, nil
				case colon:
					if err := s.skippedMember(buf[i+1:end], i, len(stack) == 1 && watch != nil, watch); err != nil {
						return stack, false, err
					}
				}
			}
			i = end + 1
		case '{', '[':
			if len(stack) >= maxNesting {
				s.pos = i
				return stack, false, s.syntaxf("plan.json.nesting", maxNesting)
			}
			stack = append(stack, c)
			if m != nil && c == '{' {
				m.open()
			}
			i++
		default:
			if len(stack) == 0 || stack[len(stack)-1] != opener[c] {
				s.pos = i
				return stack, false, s.syntaxf("plan.json.unbalanced", c)
			}
			stack = stack[:len(stack)-1]
			if m != nil && c == '}' {
				m.close()
			}
			i++
			if len(stack) == 0 {
				s.pos = i
				return stack, true, nil
			}
		}
	}
	s.pos = i
	return stack, false, nil
}

// colonFollows reports whether the first byte at or after buf[j] that is
// not white space is a colon (the string before j is then a member name),
// and whether the buffer holds that byte.
func colonFollows(buf []byte, j int) (colon, known bool) {
	for j < len(buf) && space[buf[j]] {
		j++
	}
	return j < len(buf) && buf[j] == ':', j < len(buf)
}

// skippedMember records the name of a member skipContainer passes, its
// JSON string content raw (escapes not decoded) at buf[at], and checks it
// against the names in watch when asked to.
func (s *scanner) skippedMember(raw []byte, at int, check bool, watch []string) error {
	m := s.memberSet
	key := raw
	dup, escaped := m.addRaw(raw)
	if escaped {
		// "\u0061" and "a" are the same name.
		out, ok := unescape(s.keyBuf[:0], raw)
		s.keyBuf = out
		if !ok {
			s.pos = at
			return s.syntaxf("plan.json.bad_escape")
		}
		key, dup = out, m.add(out)
	}
	if dup {
		return s.duplicate(string(key), s.base+int64(at))
	}
	if check {
		return otherCase(key, watch)
	}
	return nil
}

// errDuplicate is an object member whose name the object already has.
type errDuplicate struct {
	key       string
	off       int64
	line, col int
}

func (e *errDuplicate) Error() string { return e.In(i18n.English) }

// In renders the error in a language.
func (e *errDuplicate) In(l i18n.Lang) string {
	return i18n.T(l, "plan.duplicate_member", strconv.Quote(e.key), e.line, e.col)
}

// duplicate returns the error for member key, whose name starts at stream
// offset off.
func (s *scanner) duplicate(key string, off int64) error {
	line, col := s.position()
	if p := off - s.base; p >= 0 && p <= int64(s.end) {
		line, col = s.positionAt(int(p))
	}
	return &errDuplicate{key: key, off: off, line: line, col: col}
}

// errOffset is the stream offset of a reading error, when it has one.
func errOffset(err error) (int64, bool) {
	var se *errSyntax
	if errors.As(err, &se) {
		return se.off, true
	}
	var de *errDuplicate
	if errors.As(err, &de) {
		return de.off, true
	}
	var cf *changeFault
	if errors.As(err, &cf) {
		return cf.off, true
	}
	return 0, false
}

// memberSet holds the member names of the objects being read, the
// innermost last, to find a name that appears twice in one object:
// Terraform never writes that, and JSON readers disagree on which of the
// two members counts (encoding/json keeps the last, this reader the
// first), so that two tools would check two different plans. Names are
// compared by a hash, and by their text only when hashes are equal; an
// object of more than linearMembers names gets a hash index. A name is
// kept only while its object is open: the memory is that of the deepest
// path, reused from object to object.
type memberSet struct {
	// seed and k0, k1 are the hash's random keys (see add).
	seed   maphash.Seed
	k0, k1 uint64
	names  []memberName
	text   []byte
	// first is the index in names of the innermost object's first name,
	// index its hash index when it has one; outer holds the enclosing
	// objects' first and index.
	first int
	index map[uint64]int
	outer []memberLevel
	spare []map[uint64]int
}

// memberName is the hash of a name and the end of its text.
type memberName struct {
	hash uint64
	end  int
}

type memberLevel struct {
	first int
	index map[uint64]int
}

const (
	// linearMembers is the number of names of an object compared one by
	// one, past which they are indexed: most objects of a plan are
	// smaller.
	linearMembers = 16
	// shortName is the length of the names hashed inline.
	shortName = 16
)

func newMemberSet() *memberSet {
	m := &memberSet{seed: maphash.MakeSeed()}
	m.k0 = maphash.Comparable(m.seed, uint64(0x9e3779b97f4a7c15))
	m.k1 = maphash.Comparable(m.seed, uint64(0xc2b2ae3d27d4eb4f))
	return m
}

// add adds a name (escapes decoded) to the innermost object; it reports
// whether the object already has it. Short names (most are) are hashed
// inline by one multiplication of keyed words that cover all their bytes
// (as wyhash does), longer ones by maphash: both are keyed at random, so
// that a hostile plan cannot choose names whose hashes collide (which
// would cost time, never correctness).
func (m *memberSet) add(name []byte) bool {
	if len(name) > shortName {
		return m.addHashed(name, maphash.Bytes(m.seed, name))
	}
	a, c := nameWords(name)
	return m.addHashed(name, m.mix(a, c, len(name)))
}

// addRaw is add for a name as written, escapes not decoded; a name with
// an escape is not added but reported, to be decoded and added.
func (m *memberSet) addRaw(raw []byte) (dup, escaped bool) {
	if len(raw) > shortName {
		if bytes.IndexByte(raw, '\\') >= 0 {
			return false, true
		}
		return m.addHashed(raw, maphash.Bytes(m.seed, raw)), false
	}
	a, c := nameWords(raw)
	if len(raw) >= 4 {
		escaped = hasBackslash(a) || hasBackslash(c)
	} else {
		for _, x := range raw {
			escaped = escaped || x == '\\'
		}
	}
	if escaped {
		return false, true
	}
	return m.addHashed(raw, m.mix(a, c, len(raw))), false
}

func (m *memberSet) mix(a, c uint64, n int) uint64 {
	hi, lo := bits.Mul64(a^m.k0, c^m.k1^uint64(n))
	return hi ^ lo
}

// nameWords reads a name of at most shortName bytes as two words that,
// with its length, determine it: its first and last 8 (or 4) bytes,
// overlapping, or for fewer than 4 bytes, its first, middle and last.
func nameWords(b []byte) (uint64, uint64) {
	switch n := len(b); {
	case n >= 8:
		return binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[n-8:])
	case n >= 4:
		return uint64(binary.LittleEndian.Uint32(b)), uint64(binary.LittleEndian.Uint32(b[n-4:]))
	case n > 0:
		return uint64(b[0])<<16 | uint64(b[n>>1])<<8 | uint64(b[n-1]), 0
	}
	return 0, 0
}

// hasBackslash reports whether a word has a backslash byte (the zero
// bytes above a 4-byte load are not one).
func hasBackslash(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	v := w ^ 0x5c5c5c5c5c5c5c5c
	return (v-ones)&^v&highs != 0
}

// open starts an object.
func (m *memberSet) open() {
	m.outer = append(m.outer, memberLevel{m.first, m.index})
	m.first, m.index = len(m.names), nil
}

// close ends the innermost object, forgetting its names.
func (m *memberSet) close() {
	m.names = m.names[:m.first]
	m.text = m.text[:m.textEnd(m.first)]
	if m.index != nil {
		clear(m.index)
		m.spare = append(m.spare, m.index)
	}
	last := m.outer[len(m.outer)-1]
	m.outer = m.outer[:len(m.outer)-1]
	m.first, m.index = last.first, last.index
}

// textEnd returns the end of the text of the names before the i-th.
func (m *memberSet) textEnd(i int) int {
	if i == 0 {
		return 0
	}
	return m.names[i-1].end
}

// name returns the text of the i-th name.
func (m *memberSet) name(i int) []byte { return m.text[m.textEnd(i):m.names[i].end] }

// addHashed is add, the hash computed.
func (m *memberSet) addHashed(name []byte, h uint64) bool {
	scan := m.index == nil
	if !scan {
		i, ok := m.index[h]
		if ok && string(m.name(i)) == string(name) {
			return true
		}
		// Another name with the same hash (rare): compare them all.
		scan = ok
	}
	if scan {
		for i := m.first; i < len(m.names); i++ {
			if m.names[i].hash == h && string(m.name(i)) == string(name) {
				return true
			}
		}
	}
	m.text = append(m.text, name...)
	m.names = append(m.names, memberName{h, len(m.text)})
	switch last := len(m.names) - 1; {
	case m.index != nil:
		if _, ok := m.index[h]; !ok {
			m.index[h] = last
		}
	case last-m.first >= linearMembers:
		if n := len(m.spare); n > 0 {
			m.index, m.spare = m.spare[n-1], m.spare[:n-1]
		} else {
			m.index = make(map[uint64]int, 2*linearMembers)
		}
		for i := m.first; i <= last; i++ {
			if _, ok := m.index[m.names[i].hash]; !ok {
				m.index[m.names[i].hash] = i
			}
		}
	}
	return false
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
			return s.syntaxf("plan.json.unterminated")
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
