package inventory

import (
	"slices"
	"strconv"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// interner shares equal evidence between the resources of an inventory.
// Most resources share their module, provider configuration and type, and
// so their evidence: one list, one set of arguments kept for all of them,
// instead of one per resource. The reports render a list or a message
// once per identity (report's jsonBuf), so sharing also spares rendering
// the same English a hundred thousand times.
//
// Messages are compared by their key and arguments; a message with an
// argument of a type the interner does not know is kept as it is. Shared
// lists are clipped: appending to one copies it. Interning runs once
// every resource is resolved, when nothing writes evidence in place.
type interner struct {
	key   []byte
	msgs  map[string]i18n.Msg
	lists map[string][]i18n.Msg
}

func newInterner() *interner {
	return &interner{msgs: map[string]i18n.Msg{}, lists: map[string][]i18n.Msg{}}
}

// resource interns the evidence of r's location, data locations and
// sensitivity.
func (in *interner) resource(r *Resource) {
	in.location(&r.Location)
	for i := range r.DataLocations {
		in.location(&r.DataLocations[i])
	}
	r.Sensitivity.Evidence = in.list(r.Sensitivity.Evidence)
	r.Sensitivity.Unclassified = in.list(r.Sensitivity.Unclassified)
}

func (in *interner) location(l *Location) {
	l.Evidence = in.list(l.Evidence)
	l.Reason = in.msg(l.Reason)
	l.Unverified = in.msg(l.Unverified)
}

// msg returns the first message interned equal to m, or m.
func (in *interner) msg(m i18n.Msg) i18n.Msg {
	if len(m.Args) == 0 {
		return m
	}
	in.key = in.key[:0]
	if !in.appendMsg(m) {
		return m
	}
	if c, ok := in.msgs[string(in.key)]; ok {
		return c
	}
	in.msgs[string(in.key)] = m
	return m
}

// list returns the first list interned equal to ms, or ms (clipped) with
// its messages interned.
func (in *interner) list(ms []i18n.Msg) []i18n.Msg {
	if len(ms) == 0 {
		return ms
	}
	in.key = in.key[:0]
	for _, m := range ms {
		if !in.appendMsg(m) {
			return ms
		}
		in.key = append(in.key, ';')
	}
	if c, ok := in.lists[string(in.key)]; ok {
		return c
	}
	k := string(in.key)
	out := slices.Clip(ms)
	for i := range out {
		out[i] = in.msg(out[i])
	}
	in.lists[k] = out
	return out
}

// appendMsg appends m's identity to in.key: its key and each argument,
// tagged with its type and prefixed with its length. It reports false for
// an argument of another type.
func (in *interner) appendMsg(m i18n.Msg) bool {
	in.str('k', m.Key)
	for _, a := range m.Args {
		switch v := a.(type) {
		case string:
			in.str('s', v)
		case i18n.Text:
			in.str('t', string(v))
		case int:
			in.key = strconv.AppendInt(append(in.key, 'i'), int64(v), 10)
			in.key = append(in.key, ';')
		case bool:
			in.key = strconv.AppendBool(append(in.key, 'b'), v)
			in.key = append(in.key, ';')
		case i18n.Optional:
			in.str('o', v.Key)
			in.str('f', v.Fallback)
		case orList:
			in.key = strconv.AppendInt(append(in.key, 'l'), int64(len(v)), 10)
			for _, s := range v {
				in.str('s', s)
			}
		case i18n.Msg:
			in.key = append(in.key, '(')
			if !in.appendMsg(v) {
				return false
			}
			in.key = append(in.key, ')')
		default:
			return false
		}
	}
	in.key = append(in.key, '.')
	return true
}

func (in *interner) str(tag byte, s string) {
	in.key = strconv.AppendInt(append(in.key, tag), int64(len(s)), 10)
	in.key = append(append(in.key, ':'), s...)
}
