package planfile

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// TestStreamErrorPathsQuoteOddKeys: a JSON path in an error names an
// object member by its key; a key holding a line break must be quoted
// ($["\r"]), or the message breaks over lines and the path is ambiguous.
// Found by FuzzLoad (testdata/fuzz/FuzzLoad/68f9fe1b8e4d81b6). Load
// escapes what reaches the user; this checks the decoder itself.
func TestStreamErrorPathsQuoteOddKeys(t *testing.T) {
	for _, src := range []string{
		`{"\r":`,
		`{"format_version":"1.2","a\nb":[}`,
	} {
		_, err := decodePlan("p.json", strings.NewReader(src), nil)
		if err == nil {
			t.Fatalf("%q: no error", src)
		}
		if msg := err.Error(); strings.ContainsAny(msg, "\r\n") {
			t.Errorf("%q: the error breaks over lines: %q", src, msg)
		}
	}
}

func TestLoadErrorsAreOneLine(t *testing.T) {
	for _, src := range []string{`{"\r":`, `{"format_version":"1.2","a\nb":[}`, `{"\u2028":`, `{"format_version":"1.2","resource_changes":[{"address":"a\nb"}]}`} {
		_, err := Parse("p.json", []byte(src))
		if err == nil || strings.ContainsAny(err.Error(), "\r\n\u2028") {
			t.Errorf("%q: got %q, want an error on one line", src, err)
		}
	}
}

// TestInputUTF8 reads inputs through the UTF-8 check with every read
// size, so that characters split across reads are checked too.
func TestInputUTF8(t *testing.T) {
	cases := []struct {
		name, src string
		// bad is the offset of the first invalid byte, -1 for none.
		bad int64
	}{
		{"ascii", `{"a":"b"}`, -1},
		{"multi-byte", `{"ville":"Montréal","日本":"東京","emoji":"🇫🇷"}`, -1},
		{"replacement character", "\"\xef\xbf\xbd\"", -1},
		{"lone continuation byte", "{\"a\":\"\x80\"}", 6},
		{"overlong", "ab\xc0\xafcd", 2},
		{"surrogate", "ab\xed\xa0\x80", 2},
		{"truncated at the end", "abc\xe2\x82", 3},
		{"bad second byte", "abc\xe2\x28\xa1", 3},
		{"latin-1", "caf\xe9 au lait", 3},
		{"utf-16 byte order mark", "\xff\xfe{\x00", 0},
		{"utf-16 without byte order mark", "{\x00\"\x00", 1},
		{"NUL", "{\"a\":\"b\x00\"}", 7},
		{"NUL after a split character", "\"é\x00\"", 3},
	}
	for _, tc := range cases {
		for size := 1; size <= 8; size++ {
			in := newInput(iotest.OneByteReader(&chunks{data: []byte(tc.src), size: size}), -1)
			if size > 1 {
				in = newInput(&chunks{data: []byte(tc.src), size: size}, -1)
			}
			got, err := io.ReadAll(in)
			switch {
			case tc.bad < 0 && err != nil:
				t.Errorf("%s, reads of %d: %v", tc.name, size, err)
			case tc.bad < 0 && !bytes.Equal(got, []byte(tc.src)):
				t.Errorf("%s, reads of %d: read %q", tc.name, size, got)
			case tc.bad >= 0:
				var ie *inputError
				if !errors.As(err, &ie) || ie.off != tc.bad {
					t.Errorf("%s, reads of %d: got %v, want invalid UTF-8 at byte %d", tc.name, size, err, tc.bad)
				} else if int64(len(got)) > tc.bad+3 {
					t.Errorf("%s, reads of %d: %d bytes handed on past the invalid byte %d", tc.name, size, len(got), tc.bad)
				}
			}
		}
	}
}

func TestInputLimit(t *testing.T) {
	src := strings.Repeat("x", 100)
	for _, tc := range []struct {
		max  int64
		fail bool
	}{{99, true}, {100, false}, {101, false}, {-1, false}, {1, true}} {
		got, err := io.ReadAll(newInput(strings.NewReader(src), tc.max))
		var ie *inputError
		if tc.fail {
			if !errors.As(err, &ie) || ie.off != tc.max || !strings.Contains(ie.msg, "--max-input") {
				t.Errorf("max %d: got %v, want the limit error at byte %d", tc.max, err, tc.max)
			}
			if int64(len(got)) > tc.max {
				t.Errorf("max %d: %d bytes handed on", tc.max, len(got))
			}
			continue
		}
		if err != nil || len(got) != 100 {
			t.Errorf("max %d: %d bytes, %v", tc.max, len(got), err)
		}
	}
}

// chunks returns its data size bytes at a time.
type chunks struct {
	data []byte
	size int
}

func (c *chunks) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), c.size)], c.data)
	c.data = c.data[n:]
	return n, nil
}

// TestNotAPlanIsRefused: a JSON document with a format_version but none
// of what a plan has (resource_changes, planned_values, configuration) —
// the output of `terraform providers schema -json` or `terraform
// metadata functions -json` — is not an empty plan: reading it as one
// would report "PASSED: 0 resources". Terraform writes planned_values and
// configuration in every plan, even one without changes.
//
// Only the decoder (stream.go) knows which members it saw.
func TestNotAPlanIsRefused(t *testing.T) {
	for _, src := range []string{
		`{"format_version":"1.0","provider_schemas":{"registry.terraform.io/hashicorp/aws":{}}}`,
		`{"format_version":"1.2","terraform_version":"1.9.8"}`,
		`{"format_version":"1.0","function_signatures":{}}`,
	} {
		if _, err := Parse("p.json", []byte(src)); err == nil {
			t.Errorf("%s: read as an empty plan", src)
		}
	}
	for _, src := range []string{
		`{"format_version":"0.1","resource_changes":[]}`,
		`{"format_version":"1.2","planned_values":{"root_module":{}},"configuration":{"root_module":{}}}`,
		`{"format_version":"1.2","planned_values":{"root_module":{}}}`,
	} {
		if _, err := Parse("p.json", []byte(src)); err != nil {
			t.Errorf("%s: %v", src, err)
		}
	}
}
