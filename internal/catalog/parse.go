package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"

	"github.com/trustcloud/trustcloud/internal/jsonpos"
)

// Parse decodes one catalog document. Errors name the file and the place:
// a line and column for malformed JSON, a JSON path for fields that are
// unknown or of the wrong type. Parse does not check references between
// entries: New does, once documents are merged.
func Parse(file string, data []byte) (*Document, error) {
	var raw any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return nil, syntaxError(file, data, err)
	}
	if dec.More() {
		off := dec.InputOffset()
		return nil, &Error{File: file, Path: jsonpos.Position(data, off), Msg: "unexpected data after the catalog object"}
	}
	if _, ok := raw.(map[string]any); !ok {
		return nil, &Error{File: file, Path: "$", Msg: fmt.Sprintf("the catalog must be a JSON object, not %s", jsonKind(raw))}
	}
	if errs := checkShape(file, raw, reflect.TypeFor[Document](), "$"); len(errs) > 0 {
		return nil, errs
	}
	var doc Document
	if err := json.Unmarshal(data, &doc); err != nil {
		// checkShape accepts exactly what Unmarshal accepts, so this is
		// only reached on inputs it does not model (e.g. huge numbers).
		return nil, &Error{File: file, Path: "$", Msg: err.Error()}
	}
	return &doc, nil
}

// parseEmbedded decodes the embedded catalog in one pass: it is part of
// the program, and TestEmbeddedParsesStrictly shows that Parse's checks
// accept it and give the same document (start-up time of every run).
func parseEmbedded() (*Document, error) {
	var doc Document
	if err := json.Unmarshal(embedded, &doc); err != nil {
		return nil, &Error{File: EmbeddedName, Path: "$", Msg: err.Error()}
	}
	return &doc, nil
}

func syntaxError(file string, data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the offending byte; point at it, not after it.
		return &Error{File: file, Path: jsonpos.Position(data, max(se.Offset-1, 0)), Msg: "invalid JSON: " + se.Error()}
	}
	if errors.Is(err, io.EOF) {
		return &Error{File: file, Msg: "the file is empty; a catalog is a JSON object"}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &Error{File: file, Path: jsonpos.Position(data, int64(len(data))), Msg: "invalid JSON: the document ends too early"}
	}
	return &Error{File: file, Msg: "invalid JSON: " + err.Error()}
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	}
	return fmt.Sprintf("%T", v)
}

// checkShape walks a generically decoded JSON value against the Go type it
// will be decoded into and reports, with their JSON paths, the fields that
// type does not have and the values of the wrong kind.
func checkShape(file string, v any, t reflect.Type, path string) Errors {
	if v == nil {
		return nil // null leaves the zero value, as encoding/json does
	}
	bad := func(want string) Errors {
		return Errors{{File: file, Path: path, Msg: fmt.Sprintf("expected %s, got %s", want, jsonKind(v))}}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return checkShape(file, v, t.Elem(), path)
	case reflect.String:
		if _, ok := v.(string); !ok {
			return bad("a string")
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return bad("true or false")
		}
	case reflect.Int, reflect.Int64, reflect.Float64:
		if _, ok := v.(json.Number); !ok {
			return bad("a number")
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			return bad("an array")
		}
		var errs Errors
		for i, e := range arr {
			errs = append(errs, checkShape(file, e, t.Elem(), fmt.Sprintf("%s[%d]", path, i))...)
		}
		return errs
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			return bad("an object")
		}
		var errs Errors
		for _, k := range sortedKeys(obj) {
			errs = append(errs, checkShape(file, obj[k], t.Elem(), jsonpos.Member(path, k))...)
		}
		return errs
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return bad("an object")
		}
		fields := jsonFields(t)
		var errs Errors
		for _, k := range sortedKeys(obj) {
			f, ok := fields[k]
			if !ok {
				errs = append(errs, &Error{File: file, Path: jsonpos.Member(path, k), Msg: fmt.Sprintf("unknown field %q; known fields: %s", k, strings.Join(closestFirst(k, keys(fields)), ", "))})
				continue
			}
			errs = append(errs, checkShape(file, obj[k], f.Type, jsonpos.Member(path, k))...)
		}
		return errs
	}
	return nil
}

func jsonFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	ks := keys(m)
	sort.Strings(ks)
	return ks
}

func keys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
