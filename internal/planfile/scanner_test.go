package planfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/trustcloud/trustcloud/internal/testplan"
)

// TestUnescapeMatchesEncodingJSON: the reader's string unescaping gives
// what encoding/json gives, and rejects what it rejects.
func TestUnescapeMatchesEncodingJSON(t *testing.T) {
	inputs := []string{
		`plain`, `module.a.aws_s3_bucket.b[\"key\"]`, `tab\there`, `\\\"\/\b\f\n\r\t`,
		`\u00e9t\u00E9`, `\ud83d\ude00 emoji`, `lone \ud83d high`, `lone \ude00 low`,
		`\ud83d\u0041`, `\ud83d\ud83d\ude00`, `end \ud83d`, `\u12`, `\x`, `\`, `\u00zz`,
		`données`, `\u0000nul`,
	}
	for _, in := range inputs {
		var want string
		wantErr := json.Unmarshal([]byte(`"`+in+`"`), &want) != nil
		got, ok := unescape(nil, []byte(in))
		if ok == wantErr {
			t.Errorf("%q: unescape ok=%v, encoding/json error=%v", in, ok, wantErr)
			continue
		}
		if ok && string(got) != want {
			t.Errorf("%q: unescape = %q, encoding/json = %q", in, got, want)
		}
	}
}

func FuzzUnescape(f *testing.F) {
	for _, s := range []string{`a\"b`, `\u00e9`, `\ud83d\ude00`, `\ud83d`, `\n\t`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if !utf8.ValidString(in) || strings.ContainsAny(in, "\"\x00") || strings.ContainsFunc(in, func(r rune) bool { return r < 0x20 }) {
			return // not string content: the input checks or the scanner reject it first
		}
		var want string
		wantErr := json.Unmarshal([]byte(`"`+in+`"`), &want) != nil
		got, ok := unescape(nil, []byte(in))
		if wantErr {
			if ok && strings.HasSuffix(in, `\`) {
				t.Fatalf("%q: accepted a trailing backslash", in)
			}
			return
		}
		if !ok || string(got) != want {
			t.Fatalf("%q: unescape = %q (ok %v), encoding/json = %q", in, got, ok, want)
		}
	})
}

// TestMemberSetCollisions: names are told apart by their text when their
// hashes are equal, in small objects and in indexed large ones.
func TestMemberSetCollisions(t *testing.T) {
	for _, format := range []string{"n%d", "a-long-member-name-%d"} {
		for _, n := range []int{3, linearMembers + 5} {
			m := newMemberSet()
			// Every name has the same hash.
			add := func(name string) bool { return m.addHashed([]byte(name), 42) }
			m.open()
			for i := range n {
				if add(fmt.Sprintf(format, i)) {
					t.Fatalf("%s, %d names: name %d reported twice", format, n, i)
				}
			}
			m.open()
			if add(fmt.Sprintf(format, 0)) {
				t.Errorf("%s, %d names: a name of the enclosing object reported in a nested one", format, n)
			}
			m.close()
			for i := range n {
				if !add(fmt.Sprintf(format, i)) {
					t.Errorf("%s, %d names: name %d not reported the second time", format, n, i)
				}
			}
			m.close()
			if len(m.names) != 0 || len(m.text) != 0 || len(m.outer) != 0 || m.index != nil {
				t.Errorf("%s, %d names: closed objects leave %d names, %d bytes, %d levels", format, n, len(m.names), len(m.text), len(m.outer))
			}
		}
	}
}

// TestNameWords: the words of names of every length up to shortName, with
// the length, tell the names apart (every byte goes into the hash), and
// tell backslashes.
func TestNameWords(t *testing.T) {
	type key struct {
		a, c uint64
		n    int
	}
	seen := map[key]string{}
	for n := 0; n <= shortName; n++ {
		for _, fill := range []byte{'a', 'b', '\\'} {
			for pos := 0; pos < max(n, 1); pos++ {
				name := []byte(strings.Repeat(string(fill), n))
				if n > 0 {
					name[pos] = 'z'
				}
				a, c := nameWords(name)
				k := key{a, c, n}
				if other, ok := seen[k]; ok && other != string(name) {
					t.Fatalf("%q and %q have the same words", other, name)
				}
				seen[k] = string(name)
				backslash := strings.Contains(string(name), "\\")
				if n >= 4 && (hasBackslash(a) || hasBackslash(c)) != backslash {
					t.Errorf("%q: hasBackslash says %v", name, !backslash)
				}
				m := newMemberSet()
				m.open()
				if dup, escaped := m.addRaw(name); dup || escaped != backslash {
					t.Errorf("%q: addRaw says duplicate %v, escaped %v", name, dup, escaped)
				}
			}
		}
	}
}

// duplicateInput is a JSON value, and the member name the reader must
// report twice, if any.
type duplicateInput struct {
	src   string
	twice bool
	dup   string
}

func duplicateInputs() []duplicateInput {
	inputs := []duplicateInput{
		{`{"a":1,"b":2}`, false, ""},
		{`{"a":1,"a":2}`, true, "a"},
		{`{"a":{"a":1},"b":[{"a":1},{"a":2}]}`, false, ""},
		{`{"a":"a","b":"a","c":["a","a"]}`, false, ""},
		{`{"a":1,"\u0061":2}`, true, "a"},
		{`{"\ud800":1,"\udbff":2}`, true, "\ufffd"},
		{`{"x\"y":1,"x\u0022y":2}`, true, `x"y`},
		{"{\n  \"a\" : 1,\n  \"b\"\t:\r\n{\"c\": [1, {\"d\": 1, \"d\": 2}]}}", true, "d"},
		{`{"a":{"b":{"c":1}},"d":{"b":2},"a":3}`, true, "a"},
		{`[{"k":1},{"k":1,"l":{"k":1}},{"m":1,"m":1}]`, true, "m"},
		{`{"":1,"":2}`, true, ""},
		{`{"a":1,"b":{},"c":[],"d":{"a":[]}}`, false, ""},
	}
	// Large objects: names indexed, the duplicate far from the first.
	var b strings.Builder
	b.WriteString("{")
	for i := range 200 {
		fmt.Fprintf(&b, `"k%d":%d,`, i, i)
	}
	big := b.String()
	return append(inputs,
		duplicateInput{big + `"k0":0}`, true, "k0"},
		duplicateInput{big + `"k199x":0}`, false, ""},
		duplicateInput{big + `"k150x":{"k150":1,"k0":{}},"last":1}`, false, ""},
	)
}

// TestDuplicateMembers reads each input skipped and decoded, whole and
// one byte at a time (every name across a buffer boundary).
func TestDuplicateMembers(t *testing.T) {
	for _, tc := range duplicateInputs() {
		for _, oneByteReads := range []bool{false, true} {
			for _, decoded := range []bool{false, true} {
				var r io.Reader = strings.NewReader(tc.src)
				if oneByteReads {
					r = iotest.OneByteReader(r)
				}
				s := newScanner(r)
				var err error
				if decoded {
					_, err = s.readValue(0)
				} else {
					err = s.skip()
				}
				var de *errDuplicate
				switch {
				case !tc.twice && err != nil:
					t.Errorf("%.40q (decoded %v, one byte reads %v): %v", tc.src, decoded, oneByteReads, err)
				case tc.twice && (!errors.As(err, &de) || de.key != tc.dup):
					t.Errorf("%.40q (decoded %v, one byte reads %v): got %v, want %q twice", tc.src, decoded, oneByteReads, err, tc.dup)
				}
			}
		}
	}
}

// TestDuplicatePosition: a duplicate is reported where its second name
// starts, skipped or decoded, whatever the reads.
func TestDuplicatePosition(t *testing.T) {
	src := "{\n  \"a\" : 1,\n  \"b\"\t:\r\n{\"c\": [1, {\"d\": 1, \"d\": 2}]}}"
	for _, oneByteReads := range []bool{false, true} {
		for _, decoded := range []bool{false, true} {
			var r io.Reader = strings.NewReader(src)
			if oneByteReads {
				r = iotest.OneByteReader(r)
			}
			s := newScanner(r)
			var err error
			if decoded {
				_, err = s.readValue(0)
			} else {
				err = s.skip()
			}
			var de *errDuplicate
			if !errors.As(err, &de) || de.line != 4 || de.col != 20 {
				t.Errorf("decoded %v, one byte reads %v: got %v, want the duplicate at line 4, column 20", decoded, oneByteReads, err)
			}
		}
	}
}

// FuzzDuplicateMembers checks the reader's duplicate names against
// encoding/json's tokens, on valid JSON read in chunks of every size:
// skipped or decoded, a value is refused exactly when one of its objects
// has a name twice, and the name reported is the first found twice.
func FuzzDuplicateMembers(f *testing.F) {
	for _, in := range duplicateInputs() {
		f.Add(byte(1), []byte(in.src))
		f.Add(byte(7), []byte(in.src))
	}
	f.Fuzz(func(t *testing.T, chunk byte, data []byte) {
		if !json.Valid(data) || !utf8.Valid(data) {
			return // the input checks or the grammar refuse it first
		}
		want, twice := firstDuplicate(t, data)
		for _, decoded := range []bool{false, true} {
			s := newScanner(&chunks{data: data, size: int(chunk%16) + 1})
			var err error
			if decoded {
				_, err = s.readValue(0)
			} else {
				err = s.skip()
			}
			if err != nil && strings.Contains(err.Error(), "nested more than") {
				return // encoding/json's limit of depth is not quite the reader's
			}
			var de *errDuplicate
			switch {
			case twice && (!errors.As(err, &de) || de.key != want):
				t.Fatalf("decoded %v: got %v, want %q twice", decoded, err, want)
			case !twice && err != nil:
				t.Fatalf("decoded %v: %v", decoded, err)
			case !twice && !s.atEnd():
				t.Fatalf("decoded %v: the value is not read to its end", decoded)
			}
		}
	})
}

// firstDuplicate returns the first object member name of valid JSON
// found twice in its object, by encoding/json's tokens.
func firstDuplicate(t *testing.T, data []byte) (string, bool) {
	type frame struct {
		names   map[string]bool // nil for an array
		wantKey bool
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	var stack []*frame
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return "", false
		}
		if err != nil {
			t.Fatalf("encoding/json: %v", err)
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.names != nil && top.wantKey {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:len(stack)-1]
				continue
			}
			name := tok.(string)
			if top.names[name] {
				return name, true
			}
			top.names[name] = true
			top.wantKey = false
			continue
		}
		if top != nil && top.names != nil {
			top.wantKey = true // after this value, a name
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{names: map[string]bool{}, wantKey: true})
		case json.Delim('['):
			stack = append(stack, &frame{})
		case json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
	}
}

// BenchmarkSkip measures the hot loop of the reader, skipping a whole
// generated plan of 10,000 resources, with and without the check of
// duplicate member names.
func BenchmarkSkip(b *testing.B) {
	var plan bytes.Buffer
	if _, err := testplan.Generate(&plan, testplan.Options{Resources: 10000}); err != nil {
		b.Fatal(err)
	}
	for _, check := range []bool{true, false} {
		b.Run(fmt.Sprintf("members=%v", check), func(b *testing.B) {
			b.SetBytes(int64(plan.Len()))
			b.ReportAllocs()
			for b.Loop() {
				s := newScanner(bytes.NewReader(plan.Bytes()))
				if !check {
					s.memberSet = nil
				}
				if err := s.skip(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
