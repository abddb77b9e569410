// Package i18n translates what trustcloud says to people — the text,
// markdown, HTML, JUnit and SARIF reports and the command line's messages —
// into English or French. Messages are looked up by stable keys in one
// catalog per language (english.go, french.go); a test fails when a key
// lacks a translation or when the two languages disagree on the
// placeholders of a message.
//
// Machine-readable outputs (check and inventory JSON, GitLab Code Quality,
// OSCAL) do not go through this package: they stay in English whatever the
// language, with the same rule ids and fingerprints.
package i18n

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Lang is a language trustcloud speaks, as an ISO 639-1 code.
type Lang string

// The supported languages.
const (
	English Lang = "en"
	French  Lang = "fr"
)

// Supported lists the languages, the default first.
var Supported = []Lang{English, French}

// SupportedNames is the list of language codes for messages: "en, fr".
func SupportedNames() string {
	names := make([]string, len(Supported))
	for i, l := range Supported {
		names[i] = string(l)
	}
	return strings.Join(names, ", ")
}

// Parse reads a language code as given to --lang ("fr", "EN").
func Parse(s string) (Lang, bool) {
	for _, l := range Supported {
		if strings.EqualFold(s, string(l)) {
			return l, true
		}
	}
	return "", false
}

// FromEnv picks the language of the user's locale the way POSIX programs
// do for their messages: the first of LC_ALL, LC_MESSAGES and LANG that is
// set decides, by its language part (fr_FR.UTF-8 → fr). A locale in
// another language, C or POSIX gives English.
func FromEnv(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return fromLocale(v)
		}
	}
	return English
}

// fromLocale reads the language of a locale name: language[_territory][.codeset][@modifier].
func fromLocale(locale string) Lang {
	code := locale
	if i := strings.IndexAny(code, "_.@-"); i >= 0 {
		code = code[:i]
	}
	if l, ok := Parse(code); ok {
		return l
	}
	return English
}

// catalogs holds the messages of each language, by key.
var catalogs = map[Lang]map[string]string{
	English: english,
	French:  french,
}

// Lookup returns the message of a key in a language, without formatting.
// An empty or unsupported language reads the English catalog.
func Lookup(l Lang, key string) (string, bool) {
	c, ok := catalogs[l]
	if !ok {
		c = english
	}
	s, ok := c[key]
	return s, ok
}

// T formats the message of a key in a language, as fmt.Sprintf does.
// Arguments that are Localizers (a nested Msg, a Plural …) are rendered
// in the same language first. A key missing from the language falls back
// to English, and a key missing from English is returned as it is (the
// catalog tests make both impossible for the keys the code uses).
func T(l Lang, key string, args ...any) string {
	format, ok := Lookup(l, key)
	if !ok {
		if format, ok = english[key]; !ok {
			return key
		}
	}
	if len(args) == 0 && !strings.Contains(format, "%") {
		return format
	}
	if s, ok := sprintf(l, format, args); ok {
		return s
	}
	// Arguments are copied only when one is a Localizer: evidence is
	// rendered at write time, once per finding.
	var resolved []any
	for i, a := range args {
		if loc, ok := a.(Localizer); ok {
			if resolved == nil {
				resolved = slices.Clone(args)
			}
			resolved[i] = loc.In(l)
		}
	}
	if resolved == nil {
		return fmt.Sprintf(format, args...)
	}
	return fmt.Sprintf(format, resolved...)
}

// Localizer is text that can be rendered in a language.
type Localizer interface {
	In(l Lang) string
}

// Msg is a message not yet rendered: a key and its arguments. Findings
// carry one, so that each report renders it in its own language.
type Msg struct {
	Key  string
	Args []any
}

// M makes a message.
func M(key string, args ...any) Msg { return Msg{Key: key, Args: args} }

// Plain is a message of text from outside the catalogs (a policy's own
// words, a test's fixture): the same in every language.
func Plain(s string) Msg { return M("plain", Text(s)) }

// In renders the message in a language.
func (m Msg) In(l Lang) string { return T(l, m.Key, m.Args...) }

// String renders the message in English.
func (m Msg) String() string { return m.In(English) }

// MarshalText renders the message in English: a Msg field is a JSON
// string, the message as the machine-readable outputs show it.
func (m Msg) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads a message back from a report: plain text, already
// rendered.
func (m *Msg) UnmarshalText(text []byte) error {
	*m = Plain(string(text))
	return nil
}

// IsZero reports whether the message is empty (no key).
func (m Msg) IsZero() bool { return m.Key == "" }

// Plural is a message about a count: KEY.one or KEY.other, chosen by the
// language's rule, formatted with the count and then the other arguments.
type Plural struct {
	Key  string
	N    int
	Args []any
}

// P makes a Plural.
func P(key string, n int, args ...any) Plural { return Plural{Key: key, N: n, Args: args} }

// In renders the count in a language. French takes the singular for 0
// and 1 ("0 constat"), English for 1 only ("0 findings").
func (p Plural) In(l Lang) string {
	one := p.N == 1
	if l == French {
		one = p.N == 0 || p.N == 1
	}
	key := p.Key + ".other"
	if one {
		key = p.Key + ".one"
	}
	return T(l, key, append([]any{p.N}, p.Args...)...)
}

// N renders a message about a count in a language: N(French, "n.finding", 3)
// is "3 constats".
func N(l Lang, key string, n int, args ...any) string { return P(key, n, args...).In(l) }

// Optional is text with a translation when the catalog has one: a
// built-in level name has one ("sensitive" → "sensible"), a level a policy
// invents keeps its name.
type Optional struct {
	Key, Fallback string
}

// Or makes an Optional.
func Or(key, fallback string) Optional { return Optional{Key: key, Fallback: fallback} }

// In renders the text in a language: its translation, else the fallback.
func (o Optional) In(l Lang) string {
	if s, ok := Lookup(l, o.Key); ok {
		return s
	}
	return o.Fallback
}

// Text is text that is the same in every language: a list of country
// codes, a law's name.
type Text string

// In returns the text.
func (t Text) In(Lang) string { return string(t) }

// Error is an error whose message has a translation: Error is the
// message in English, In renders it in a language. Arguments that are
// errors with a translation (an Error, a plan error) are rendered in the
// same language; the first argument that is an error is the one it wraps.
type Error struct {
	Msg Msg
}

// Errorf makes an Error from a message key and its arguments.
func Errorf(key string, args ...any) *Error { return &Error{Msg: M(key, args...)} }

func (e *Error) Error() string { return e.Msg.In(English) }

// In renders the error in a language.
func (e *Error) In(l Lang) string { return e.Msg.In(l) }

// Unwrap returns the first argument that is an error.
func (e *Error) Unwrap() error {
	for _, a := range e.Msg.Args {
		if err, ok := a.(error); ok {
			return err
		}
	}
	return nil
}

// ErrorIn renders an error in a language: in l when the error, or the
// error it wraps with no more words around it, has a translation;
// as Error says otherwise.
func ErrorIn(err error, l Lang) string {
	if err == nil {
		return ""
	}
	var loc interface {
		error
		Localizer
	}
	if errors.As(err, &loc) && loc.Error() == err.Error() {
		return loc.In(l)
	}
	return err.Error()
}
