package tffunc

import (
	"crypto/md5"  //nolint:gosec // md5() is a Terraform function; nothing here relies on it for security.
	"crypto/sha1" //nolint:gosec // sha1() likewise.
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// digest names a hash and how its sum is printed.
type digest struct {
	newHash func() hash.Hash
	base64  bool // base64 of the raw sum instead of lower-case hex
}

var (
	md5Digest          = digest{newHash: md5.New}
	sha1Digest         = digest{newHash: sha1.New}
	sha256Digest       = digest{newHash: sha256.New}
	sha512Digest       = digest{newHash: sha512.New}
	base64sha256Digest = digest{newHash: sha256.New, base64: true}
	base64sha512Digest = digest{newHash: sha512.New, base64: true}
)

func (d digest) sum(b []byte) string {
	h := d.newHash()
	h.Write(b)
	if d.base64 {
		return base64.StdEncoding.EncodeToString(h.Sum(nil))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// hashFunc hashes the UTF-8 bytes of a string.
func hashFunc(d digest) func(*env, string) function.Function {
	return func(*env, string) function.Function {
		return stringFunc("Hashes the UTF-8 bytes of a string.", "str", func(s string) (cty.Value, error) {
			return cty.StringVal(d.sum([]byte(s))), nil
		})
	}
}

// uuidv5Func is Terraform's uuidv5: a name-based UUID (RFC 4122 version 5,
// SHA-1) in one of the four well-known namespaces or in a namespace given
// as a UUID, in the forms Terraform's UUID library parses.
func uuidv5Func(*env, string) function.Function {
	return function.New(&function.Spec{
		Description: "Returns the name-based (version 5) UUID of name in namespace.",
		Params: []function.Parameter{
			{Name: "namespace", Type: cty.String},
			{Name: "name", Type: cty.String},
		},
		Type:         function.StaticReturnType(cty.String),
		RefineResult: notNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s := args[0].AsString()
			ns, ok := wellKnownNamespaces[s]
			if !ok {
				var err error
				if ns, err = parseUUID(s); err != nil {
					return cty.UnknownVal(cty.String), function.NewArgErrorf(0, "uuidv5() doesn't support namespace %s (%v)", s, err)
				}
			}
			h := sha1.New()
			h.Write(ns[:])
			h.Write([]byte(args[1].AsString()))
			var u [16]byte
			copy(u[:], h.Sum(nil))
			u[6] = u[6]&0x0f | 0x50 // version 5
			u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
			return cty.StringVal(formatUUID(u)), nil
		},
	})
}

// wellKnownNamespaces are RFC 4122's name spaces (appendix C).
var wellKnownNamespaces = map[string][16]byte{
	"dns":  mustUUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
	"url":  mustUUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8"),
	"oid":  mustUUID("6ba7b812-9dad-11d1-80b4-00c04fd430c8"),
	"x500": mustUUID("6ba7b814-9dad-11d1-80b4-00c04fd430c8"),
}

func mustUUID(s string) [16]byte {
	u, err := parseUUID(s)
	if err != nil {
		panic(err)
	}
	return u
}

// parseUUID reads a UUID written as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx,
// with an urn:uuid: prefix or in braces, or as 32 hexadecimal digits: the
// forms Terraform's UUID library accepts.
func parseUUID(s string) ([16]byte, error) {
	var u [16]byte
	switch len(s) {
	case 36:
	case 36 + 9:
		if !strings.EqualFold(s[:9], "urn:uuid:") {
			return u, fmt.Errorf("invalid urn prefix: %q", s[:9])
		}
		s = s[9:]
	case 38:
		if s[0] != '{' || s[37] != '}' {
			return u, errors.New("invalid UUID format")
		}
		s = s[1:37]
	case 32:
		if _, err := hex.Decode(u[:], []byte(s)); err != nil {
			return [16]byte{}, errors.New("invalid UUID format")
		}
		return u, nil
	default:
		return u, fmt.Errorf("invalid UUID length: %d", len(s))
	}
	if s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return u, errors.New("invalid UUID format")
	}
	digits := s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:36]
	if _, err := hex.Decode(u[:], []byte(digits)); err != nil {
		return [16]byte{}, errors.New("invalid UUID format")
	}
	return u, nil
}

func formatUUID(u [16]byte) string {
	h := hex.EncodeToString(u[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
