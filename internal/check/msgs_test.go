package check

import "github.com/trustcloud/trustcloud/internal/i18n"

// text is evidence or a reason written as the test gives it.
func text(s string) i18n.Msg { return i18n.M("ev.text", s) }

// texts is text of each string.
func texts(ss ...string) []i18n.Msg {
	out := make([]i18n.Msg, len(ss))
	for i, s := range ss {
		out[i] = text(s)
	}
	return out
}
