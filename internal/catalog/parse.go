package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
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
		return nil, errorAtOffset(file, data, dec.InputOffset(), "catalogfile.trailing_data")
	}
	if _, ok := raw.(map[string]any); !ok {
		return nil, errorAt(file, "$", "catalogfile.not_object", jsonKind(raw))
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
		key, args := syntaxText(se.Error())
		return errorAtOffset(file, data, max(se.Offset-1, 0), key, args...)
	}
	if errors.Is(err, io.EOF) {
		return errorAt(file, "", "catalogfile.empty")
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return errorAtOffset(file, data, int64(len(data)), "catalogfile.ends_early")
	}
	return errorAt(file, "", "catalogfile.invalid_json", err.Error())
}

// errorAtOffset is errorAt at the line and column of a byte offset of
// data.
func errorAtOffset(file string, data []byte, off int64, key string, args ...any) *Error {
	line, col := jsonpos.LineColumn(data, off)
	e := errorAt(file, "", key, args...)
	e.PathText = i18n.M("catalogfile.at_line", line, col)
	e.Path = e.PathText.String()
	return e
}

// jsonSyntax reads the message of a *json.SyntaxError about a character:
// "invalid character 'x' " and where it was met (jsonContexts).
var (
	jsonSyntax  = regexp.MustCompile(`^invalid character ('(?:[^'\\]|\\.)*') (.+)$`)
	jsonLiteral = regexp.MustCompile(`^in literal (true|false|null) \(expecting ('.')\)$`)
)

// jsonContexts are the places encoding/json's syntax errors name, and the
// message keys that say them.
var jsonContexts = map[string]string{
	"looking for beginning of value":             "catalogfile.json.value",
	"looking for beginning of object key string": "catalogfile.json.key",
	"after object key":                           "catalogfile.json.after_key",
	"after object key:value pair":                "catalogfile.json.after_pair",
	"after array element":                        "catalogfile.json.after_element",
	"in string literal":                          "catalogfile.json.string",
	"in string escape code":                      "catalogfile.json.escape",
	`in \u hexadecimal character escape`:         "catalogfile.json.hex_escape",
	"in numeric literal":                         "catalogfile.json.number",
	"after decimal point in numeric literal":     "catalogfile.json.decimal",
	"in exponent of numeric literal":             "catalogfile.json.exponent",
}

// syntaxText is the message key and arguments of a JSON syntax error, as
// encoding/json words it: its words are translated when the table knows
// them, else the error is quoted as it is.
func syntaxText(msg string) (string, []any) {
	if m := jsonSyntax.FindStringSubmatch(msg); m != nil {
		if key, ok := jsonContexts[m[2]]; ok {
			return "catalogfile.invalid_character", []any{m[1], i18n.M(key)}
		}
		if lit := jsonLiteral.FindStringSubmatch(m[2]); lit != nil {
			return "catalogfile.invalid_character", []any{m[1], i18n.M("catalogfile.json.literal", lit[1], lit[2])}
		}
	}
	return "catalogfile.invalid_json", []any{msg}
}

// jsonKind says what kind of JSON value v is: "an object", "a string" …
func jsonKind(v any) i18n.Localizer {
	switch v.(type) {
	case nil:
		return i18n.Text("null")
	case map[string]any:
		return i18n.M("catalogfile.kind.object")
	case []any:
		return i18n.M("catalogfile.kind.array")
	case string:
		return i18n.M("catalogfile.kind.string")
	case json.Number:
		return i18n.M("catalogfile.kind.number")
	case bool:
		return i18n.M("catalogfile.kind.boolean")
	}
	return i18n.Text(fmt.Sprintf("%T", v))
}

// checkShape walks a generically decoded JSON value against the Go type it
// will be decoded into and reports, with their JSON paths, the fields that
// type does not have and the values of the wrong kind.
func checkShape(file string, v any, t reflect.Type, path string) Errors {
	if v == nil {
		return nil // null leaves the zero value, as encoding/json does
	}
	bad := func(want i18n.Msg) Errors {
		return Errors{errorAt(file, path, "catalogfile.wrong_type", want, jsonKind(v))}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return checkShape(file, v, t.Elem(), path)
	case reflect.String:
		if _, ok := v.(string); !ok {
			return bad(i18n.M("catalogfile.kind.string"))
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return bad(i18n.M("catalogfile.kind.true_or_false"))
		}
	case reflect.Int, reflect.Int64, reflect.Float64:
		if _, ok := v.(json.Number); !ok {
			return bad(i18n.M("catalogfile.kind.number"))
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			return bad(i18n.M("catalogfile.kind.array"))
		}
		var errs Errors
		for i, e := range arr {
			errs = append(errs, checkShape(file, e, t.Elem(), fmt.Sprintf("%s[%d]", path, i))...)
		}
		return errs
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			return bad(i18n.M("catalogfile.kind.object"))
		}
		var errs Errors
		for _, k := range sortedKeys(obj) {
			errs = append(errs, checkShape(file, obj[k], t.Elem(), jsonpos.Member(path, k))...)
		}
		return errs
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return bad(i18n.M("catalogfile.kind.object"))
		}
		fields := jsonFields(t)
		var errs Errors
		for _, k := range sortedKeys(obj) {
			f, ok := fields[k]
			if !ok {
				errs = append(errs, errorAt(file, jsonpos.Member(path, k), "catalogfile.unknown_field", k, strings.Join(closestFirst(k, keys(fields)), ", ")))
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
