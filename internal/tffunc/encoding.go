package tffunc

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"unicode/utf8"

	ctyyaml "github.com/zclconf/go-cty-yaml"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	"golang.org/x/text/encoding/ianaindex"
)

// stringFunc builds a function of one string argument, named param, that returns a string.
func stringFunc(description, param string, impl func(s string) (cty.Value, error)) function.Function {
	return function.New(&function.Spec{
		Description:  description,
		Params:       []function.Parameter{{Name: param, Type: cty.String}},
		Type:         function.StaticReturnType(cty.String),
		RefineResult: notNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return impl(args[0].AsString())
		},
	})
}

func base64encodeFunc(*env, string) function.Function {
	return stringFunc("Encodes the UTF-8 bytes of a string in Base64.", "str", func(s string) (cty.Value, error) {
		return cty.StringVal(base64.StdEncoding.EncodeToString([]byte(s))), nil
	})
}

func base64decodeFunc(*env, string) function.Function {
	return stringFunc("Decodes a Base64 string whose bytes must be UTF-8 text.", "str", func(s string) (cty.Value, error) {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("failed to decode base64 data: %w", err)
		}
		if !utf8.Valid(b) {
			return cty.UnknownVal(cty.String), errors.New("the result of decoding the provided string is not valid UTF-8")
		}
		return cty.StringVal(string(b)), nil
	})
}

// base64gzipFunc compresses with Go's gzip at its default level, as Terraform does: the bytes are
// Terraform's as long as Go's compress/flate produces the same stream, which it has for years.
func base64gzipFunc(*env, string) function.Function {
	return stringFunc("Compresses a string with gzip and encodes the result in Base64.", "str", func(s string) (cty.Value, error) {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		if _, err := w.Write([]byte(s)); err != nil {
			return cty.UnknownVal(cty.String), err
		}
		if err := w.Close(); err != nil {
			return cty.UnknownVal(cty.String), err
		}
		return cty.StringVal(base64.StdEncoding.EncodeToString(buf.Bytes())), nil
	})
}

// base64gunzipFunc is OpenTofu's base64gunzip. Decompression is cut at maxStringBytes, so a small
// bomb cannot exhaust memory; a longer or non-UTF-8 result is unknown.
func base64gunzipFunc(e *env, name string) function.Function {
	return stringFunc("Decodes a Base64 string and decompresses the result with gzip.", "str", func(s string) (cty.Value, error) {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("failed to decode base64 data: %w", err)
		}
		r, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("failed to decompress data: %w", err)
		}
		out, err := io.ReadAll(io.LimitReader(r, maxStringBytes+1))
		if err != nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("failed to decompress data: %w", err)
		}
		if len(out) > maxStringBytes {
			return e.unknown(cty.String, name, "would decompress to more than trustcloud's limit of %d MiB", maxStringBytes>>20), nil
		}
		if !utf8.Valid(out) {
			return e.unknown(cty.String, name, "decompresses to bytes that are not UTF-8, which trustcloud does not turn into a string"), nil
		}
		return cty.StringVal(string(out)), nil
	})
}

// textEncodingFunc builds textencodebase64 and textdecodebase64 on x/text's IANA registry, which
// is the registry Terraform reads its encoding names from.
func textEncodingFunc(decode bool) func(*env, string) function.Function {
	description := "Encodes a string in the given character encoding and the result in Base64."
	first := "string"
	if decode {
		description = "Decodes Base64 data and interprets the bytes in the given character encoding."
		first = "source"
	}
	return func(*env, string) function.Function {
		return function.New(&function.Spec{
			Description: description,
			Params: []function.Parameter{
				{Name: first, Type: cty.String},
				{Name: "encoding_name", Type: cty.String},
			},
			Type:         function.StaticReturnType(cty.String),
			RefineResult: notNull,
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				encName := args[1].AsString()
				enc, err := ianaindex.IANA.Encoding(encName)
				if err != nil || enc == nil {
					return cty.UnknownVal(cty.String), function.NewArgErrorf(1, "%q is not a supported IANA encoding name or alias", encName)
				}
				if !decode {
					b, err := enc.NewEncoder().Bytes([]byte(args[0].AsString()))
					if err != nil {
						return cty.UnknownVal(cty.String), function.NewArgErrorf(0, "the given string contains characters that cannot be represented in %s", encName)
					}
					return cty.StringVal(base64.StdEncoding.EncodeToString(b)), nil
				}
				raw, err := base64.StdEncoding.DecodeString(args[0].AsString())
				if err != nil {
					return cty.UnknownVal(cty.String), function.NewArgErrorf(0, "the given value has an invalid base64 symbol: %s", err)
				}
				b, err := enc.NewDecoder().Bytes(raw)
				if err != nil || !utf8.Valid(b) {
					return cty.UnknownVal(cty.String), function.NewArgErrorf(0, "the given string contains symbols that are not defined for %s", encName)
				}
				return cty.StringVal(string(b)), nil
			},
		})
	}
}

func urlencodeFunc(*env, string) function.Function {
	return stringFunc("Applies URL query encoding to a string.", "str", func(s string) (cty.Value, error) {
		return cty.StringVal(url.QueryEscape(s)), nil
	})
}

// urldecodeFunc is OpenTofu's urldecode, the inverse of urlencode.
func urldecodeFunc(*env, string) function.Function {
	return stringFunc("Decodes a URL-query-encoded string.", "str", func(s string) (cty.Value, error) {
		out, err := url.QueryUnescape(s)
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		if !utf8.ValidString(out) {
			return cty.UnknownVal(cty.String), errors.New("the decoded string is not valid UTF-8")
		}
		return cty.StringVal(out), nil
	})
}

// decoderFunc is a decoding function (jsondecode, yamldecode) that refuses deeply nested input,
// which its parser would recurse into, and results that expand far beyond their input (YAML
// aliases can repeat a value without copying it).
//
// refuse, when not nil, gives a reason for which the text is not decoded (an unknown result).
func decoderFunc(inner function.Function, refuse func(src string) string) func(*env, string) function.Function {
	why := func(src string) string {
		if nestingExceeds(src) {
			return fmt.Sprintf("is given text nested more than %d levels deep, more than trustcloud parses", maxNesting)
		}
		if refuse != nil {
			return refuse(src)
		}
		return ""
	}
	return func(e *env, name string) function.Function {
		return function.New(&function.Spec{
			Description: inner.Description(),
			Params:      inner.Params(),
			Type: func(args []cty.Value) (cty.Type, error) {
				if args[0].IsKnown() && why(args[0].AsString()) != "" {
					return cty.DynamicPseudoType, nil
				}
				return inner.ReturnTypeForValues(args)
			},
			Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
				if reason := why(args[0].AsString()); reason != "" {
					return e.unknown(retType, name, "%s", reason), nil
				}
				v, err := inner.Call(args)
				if err != nil {
					return cty.NilVal, err
				}
				if weigh(v, maxArgWeight) < 0 {
					return e.unknown(retType, name, "would build a value larger than trustcloud's limit of %d MiB", maxArgWeight>>20), nil
				}
				return v, nil
			},
		})
	}
}

var (
	jsondecodeFunc = decoderFunc(stdlib.JSONDecodeFunc, nil)
	// go-cty-yaml v1.2.0 changed how merge keys (<<) are read; Terraform 1.11 has v1.1.0.
	yamldecodeFunc = decoderFunc(ctyyaml.YAMLDecodeFunc, func(src string) string {
		if strings.Contains(src, "<<") {
			return "is given YAML that may use merge keys (<<), which Terraform versions read differently"
		}
		return ""
	})
)

// yamlencodeFunc is go-cty-yaml's yamlencode, which never returns on a string that is not UTF-8.
// Configuration cannot write such strings, but a decoded value might hold one.
func yamlencodeFunc(e *env, name string) function.Function {
	return e.before(ctyyaml.YAMLEncodeFunc, func(args []cty.Value, retType cty.Type) (bool, cty.Value, error) {
		if !validUTF8(args[0]) {
			return true, e.unknown(retType, name, "is given a string that is not UTF-8, which the YAML encoder cannot write"), nil
		}
		return false, cty.NilVal, nil
	})
}

// validUTF8 reports whether every string in v, map keys and attribute names included, is UTF-8.
func validUTF8(v cty.Value) bool {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() {
		return true
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return utf8.ValidString(v.AsString())
	case ty.IsCollectionType(), ty.IsTupleType(), ty.IsObjectType():
		for it := v.ElementIterator(); it.Next(); {
			k, el := it.Element()
			if k.Type() == cty.String && !utf8.ValidString(k.AsString()) || !validUTF8(el) {
				return false
			}
		}
	}
	return true
}
