package catalog

import (
	"errors"
	"fmt"
	"strings"
)

// Error is one problem in a catalog document, located by file and JSON path.
type Error struct {
	// File is the name of the document (a path, or "embedded catalog").
	File string
	// Path is a JSONPath-like location such as $.offers[2].operator; for
	// syntax errors it is a line and column.
	Path string
	Msg  string
}

func (e *Error) Error() string {
	switch {
	case e.File != "" && e.Path != "":
		return fmt.Sprintf("%s: %s: %s", e.File, e.Path, e.Msg)
	case e.File != "":
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return e.Msg
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

// IsNotFound reports whether err is (or wraps) a *NotFoundError.
func IsNotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}
