package planfile

// Attrs are a resource's top-level values, the few attributes the
// analysis reads: a slice costs a fraction of a map's memory, and a plan
// has hundreds of thousands of them.
type Attrs []Attr

// Attr is one attribute of Attrs.
type Attr struct {
	Key   string
	Value any
}

// Get returns the value of an attribute, and whether it is present.
func (a Attrs) Get(key string) (any, bool) {
	for i := range a {
		if a[i].Key == key {
			return a[i].Value, true
		}
	}
	return nil, false
}

// AsAttrs returns the attributes of an object value: attrs from the
// streaming reader, a map from encoding/json. It reports false for other
// values (null).
// GetString returns the string value of key, if it is one.
func (a Attrs) GetString(key string) (string, bool) {
	v, ok := a.Get(key)
	if !ok {
		return "", false
	}
	s, ok := v.(string)
	return s, ok
}

func AsAttrs(v any) (Attrs, bool) {
	switch t := v.(type) {
	case Attrs:
		return t, true
	case map[string]any:
		out := make(Attrs, 0, len(t))
		for k, e := range t {
			out = append(out, Attr{k, e})
		}
		return out, true
	}
	return nil, false
}
