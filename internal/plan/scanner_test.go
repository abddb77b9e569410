package plan

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
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
