package i18n

import (
	"strconv"
	"strings"
)

// sprintf formats what the catalogs' messages mostly are — text with %s,
// %v and %d verbs over strings, ints and Localizers — without fmt: a
// report renders a message per finding, and fmt's generality (reflection,
// argument copies for the Localizers) was a tenth of writing one. It
// returns the bytes fmt.Sprintf returns for the resolved arguments, or
// false for anything else (a flag, a width, another verb or argument
// type, a missing or extra argument): T then calls fmt.
func sprintf(l Lang, format string, args []any) (string, bool) {
	// The arguments as text, on the stack for the usual few.
	var small [8]string
	texts := small[:0]
	if len(args) > len(small) {
		texts = make([]string, 0, len(args))
	}
	size, rest := len(format), format
	for {
		i := strings.IndexByte(rest, '%')
		if i < 0 {
			break
		}
		if i+1 == len(rest) {
			return "", false
		}
		verb := rest[i+1]
		rest = rest[i+2:]
		if verb == '%' {
			continue
		}
		if len(texts) == len(args) {
			return "", false
		}
		t, ok := argText(l, verb, args[len(texts)])
		if !ok {
			return "", false
		}
		texts = append(texts, t)
		size += len(t)
	}
	if len(texts) != len(args) {
		return "", false
	}
	var b strings.Builder
	b.Grow(size)
	n := 0
	for {
		i := strings.IndexByte(format, '%')
		if i < 0 {
			b.WriteString(format)
			return b.String(), true
		}
		b.WriteString(format[:i])
		if format[i+1] == '%' {
			b.WriteByte('%')
		} else {
			b.WriteString(texts[n])
			n++
		}
		format = format[i+2:]
	}
}

// argText is an argument as fmt writes it under verb, when sprintf
// handles the pair.
func argText(l Lang, verb byte, a any) (string, bool) {
	switch v := a.(type) {
	case string:
		return v, verb == 's' || verb == 'v'
	case int:
		return strconv.Itoa(v), verb == 'd' || verb == 'v'
	case Localizer:
		return v.In(l), verb == 's' || verb == 'v'
	}
	return "", false
}
