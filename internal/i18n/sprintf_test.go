package i18n

import (
	"fmt"
	"regexp"
	"testing"
)

var verbPattern = regexp.MustCompile(`%[-+# 0-9.*]*[a-zA-Z%]`)

// TestSprintfAsFmt: for every message of every catalog, with arguments
// of the types its verbs take, the fast path returns what fmt.Sprintf
// returns, and it takes the usual messages (it is not always declining).
func TestSprintfAsFmt(t *testing.T) {
	taken := 0
	for l, c := range catalogs {
		for key, format := range c {
			var args, plain []any
			for i, v := range verbPattern.FindAllString(format, -1) {
				switch v[len(v)-1] {
				case '%':
					continue
				case 'd':
					args, plain = append(args, 40+i), append(plain, 40+i)
				default:
					if i%2 == 0 {
						args, plain = append(args, Text("t<"+key+">")), append(plain, "t<"+key+">")
					} else {
						args, plain = append(args, "s\"é%"), append(plain, "s\"é%")
					}
				}
			}
			got, ok := sprintf(l, format, args)
			if !ok {
				continue
			}
			taken++
			if want := fmt.Sprintf(format, plain...); got != want {
				t.Errorf("%s %s: %q, fmt says %q", l, key, got, want)
			}
		}
	}
	if taken < 500 {
		t.Errorf("the fast path took only %d messages", taken)
	}
}

// TestSprintfDeclines: what the fast path does not know, it leaves to
// fmt, and T's answer is fmt's.
func TestSprintfDeclines(t *testing.T) {
	type named string
	for _, c := range []struct {
		format string
		args   []any
		ok     bool
	}{
		{"a %s b %d c %v %v 100%%", []any{"x", 3, "y", 4}, true},
		{"%s", []any{M("plain", Text("nested"))}, true},
		{"%s", nil, false},                 // missing
		{"%s", []any{"a", "b"}, false},     // extra
		{"%d", []any{"a"}, false},          // wrong type
		{"%s", []any{3}, false},            // wrong type
		{"%q", []any{"a"}, false},          // other verb
		{"%5s|%-3d", []any{"a", 1}, false}, // widths
		{"50%", nil, false},                // trailing %
		{"%s", []any{named("n")}, false},   // other type
		{"%s", []any{3.5}, false},
	} {
		got, ok := sprintf(English, c.format, c.args)
		if ok != c.ok {
			t.Errorf("%q %v: taken %v, want %v", c.format, c.args, ok, c.ok)
			continue
		}
		resolved := make([]any, len(c.args))
		for i, a := range c.args {
			if loc, isLoc := a.(Localizer); isLoc {
				a = loc.In(English)
			}
			resolved[i] = a
		}
		want := fmt.Sprintf(c.format, resolved...)
		if ok && got != want {
			t.Errorf("%q %v: %q, fmt says %q", c.format, c.args, got, want)
		}
	}
}
