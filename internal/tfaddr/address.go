// Package tfaddr reads Terraform's address syntax: module paths with
// instance keys, provider configuration keys.
package tfaddr

import "strings"

// SplitModule splits a module address ("module.a[0].module.b") into its
// call names ("a", "b") and the same address without instance keys
// ("module.a.module.b"). Keys may be quoted strings holding dots or
// brackets.
func SplitModule(addr string) (names []string, path string) {
	s := addr
	for s != "" {
		s = strings.TrimPrefix(s, ".")
		if !strings.HasPrefix(s, "module.") {
			break
		}
		s = s[len("module."):]
		end := strings.IndexAny(s, ".[")
		if end < 0 {
			end = len(s)
		}
		names = append(names, s[:end])
		s = s[end:]
		if strings.HasPrefix(s, "[") {
			s = s[SkipKey(s):]
		}
	}
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = "module." + n
	}
	return names, strings.Join(parts, ".")
}

// SkipKey returns the length of the instance key at the start of s
// ("[0]", `["a.b"]`), a string or the bytes of one.
func SkipKey[T string | []byte](s T) int {
	inString := false
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case !inString && c == ']':
			return i + 1
		}
	}
	return len(s)
}

// StripKeys removes every instance key from an address.
func StripKeys(addr string) string {
	if strings.IndexByte(addr, '[') < 0 {
		return addr
	}
	var b strings.Builder
	b.Grow(len(addr))
	for i := 0; i < len(addr); i++ {
		if addr[i] == '[' {
			i += SkipKey(addr[i:]) - 1
			continue
		}
		b.WriteByte(addr[i])
	}
	return b.String()
}

// ParentModule returns the module path of the parent ("" for root).
func ParentModule(path string) string {
	i := strings.LastIndex(path, ".module.")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// DisplayModule is how evidence names a module path.
func DisplayModule(path string) string {
	if path == "" {
		return "root"
	}
	return path
}

// CanonicalProviderKey turns every form of provider_config_key Terraform
// has written into "module.a.module.b:aws.alias" (or "aws.alias" at the
// root). Terraform 0.12–0.15 wrote the module part without "module."
// prefixes ("child:aws").
func CanonicalProviderKey(key string) (module, local string) {
	i := strings.LastIndex(key, ":")
	if i < 0 {
		return "", key
	}
	prefix, local := key[:i], key[i+1:]
	if strings.HasPrefix(prefix, "module.") {
		_, path := SplitModule(prefix)
		return path, local
	}
	parts := strings.Split(prefix, ".")
	for j, p := range parts {
		parts[j] = "module." + p
	}
	return strings.Join(parts, "."), local
}

func JoinProviderKey(module, local string) string {
	if module == "" {
		return local
	}
	return module + ":" + local
}
