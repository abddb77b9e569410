package catalog

import (
	"errors"
	"fmt"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// Error is one problem in a catalog document, located by file and JSON path.
type Error struct {
	// File is the name of the document (a path, or "embedded catalog").
	File string
	// Path is a JSONPath-like location such as $.offers[2].operator; for
	// syntax errors it is a line and column.
	Path string
	// Msg is the problem in English.
	Msg string
	// PathText is Path not yet rendered, for the user's language (In),
	// when Path is a line and column; zero when Path is a JSON path, the
	// same in every language.
	PathText i18n.Msg
	// Text is Msg not yet rendered, for the user's language (In); zero
	// for the messages that exist in English only.
	Text i18n.Msg
}

// errorAt is an Error whose message has a translation: key and args of
// the i18n catalogs (catalogfile.*), rendered in English for Msg.
func errorAt(file, path, key string, args ...any) *Error {
	text := i18n.M(key, args...)
	return &Error{File: file, Path: path, Msg: text.String(), Text: text}
}

func (e *Error) Error() string { return e.format(e.Path, e.Msg) }

// In is the error in language l: Error with the message (and a line and
// column) translated when it has a translation.
func (e *Error) In(l i18n.Lang) string {
	path, msg := e.Path, e.Msg
	if !e.PathText.IsZero() {
		path = e.PathText.In(l)
	}
	if !e.Text.IsZero() {
		msg = e.Text.In(l)
	}
	return e.format(path, msg)
}

func (e *Error) format(path, msg string) string {
	switch {
	case e.File != "" && path != "":
		return fmt.Sprintf("%s: %s: %s", e.File, path, msg)
	case e.File != "":
		return fmt.Sprintf("%s: %s", e.File, msg)
	}
	return msg
}

// Errors is every problem found in a catalog, in document order.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// In is every problem in language l, one a line, as Error says them in
// English.
func (es Errors) In(l i18n.Lang) string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.In(l)
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.As find each *Error.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

func (es Errors) orNil() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// NotFoundError says that a provider, operator or region is not in the
// catalog, and lists what is, closest matches first.
type NotFoundError struct {
	// What is the kind of thing looked up: "terraform provider",
	// "operator", "region".
	What string
	// Name is what was asked for.
	Name string
	// Scope narrows where it was looked up, e.g. `for "hashicorp/aws"`.
	Scope string
	// Known lists what exists, closest to Name first.
	Known []string
	// Hint says where to see the full list.
	Hint string
	// ScopeText and HintText are Scope and Hint not yet rendered, for
	// the user's language (In); zero when they exist in English only.
	ScopeText, HintText i18n.Msg
}

const maxSuggestions = 12

func (e *NotFoundError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "unknown %s %q", e.What, e.Name)
	if e.Scope != "" {
		b.WriteString(" " + e.Scope)
	}
	if len(e.Known) == 0 {
		b.WriteString("; the catalog knows none")
	} else {
		shown := e.Known
		if len(shown) > maxSuggestions {
			shown = shown[:maxSuggestions]
		}
		b.WriteString("; known (closest first): ")
		b.WriteString(strings.Join(shown, ", "))
		if n := len(e.Known) - len(shown); n > 0 {
			fmt.Fprintf(&b, " and %d more", n)
		}
	}
	if e.Hint != "" {
		b.WriteString(" (" + e.Hint + ")")
	}
	return b.String()
}

// notFoundKinds are the kinds of NotFoundError.What that the i18n
// catalogs name: catalogfile.unknown.KIND, and KIND.none or KIND.known
// for what the catalog knows.
var notFoundKinds = map[string]string{
	"terraform provider": "terraform_provider",
	"operator":           "operator",
	"region":             "region",
}

// In is the error in language l, as Error says it in English. A kind the
// catalogs do not name, a scope or a hint without its text, is said in
// English.
func (e *NotFoundError) In(l i18n.Lang) string {
	kind, ok := notFoundKinds[e.What]
	if !ok {
		return e.Error()
	}
	var b strings.Builder
	b.WriteString(i18n.T(l, "catalogfile.unknown."+kind, e.Name))
	switch {
	case !e.ScopeText.IsZero():
		b.WriteString(" " + e.ScopeText.In(l))
	case e.Scope != "":
		b.WriteString(" " + e.Scope)
	}
	if len(e.Known) == 0 {
		b.WriteString(i18n.T(l, "catalogfile.unknown."+kind+".none"))
	} else {
		b.WriteString(i18n.T(l, "catalogfile.unknown."+kind+".known", knownList(e.Known)))
	}
	hint := e.Hint
	if !e.HintText.IsZero() {
		hint = e.HintText.In(l)
	}
	if hint != "" {
		b.WriteString(" (" + hint + ")")
	}
	return b.String()
}

// knownList is names, closest first, for an error message: the first
// maxSuggestions of them, and how many more there are.
func knownList(names []string) i18n.Localizer {
	if len(names) <= maxSuggestions {
		return i18n.Text(strings.Join(names, ", "))
	}
	return i18n.M("catalogfile.known_more", strings.Join(names[:maxSuggestions], ", "), len(names)-maxSuggestions)
}

// IsNotFound reports whether err is (or wraps) a *NotFoundError.
func IsNotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}
