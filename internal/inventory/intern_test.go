package inventory

import (
	"testing"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

type opaque struct{ s string }

func (o opaque) In(i18n.Lang) string { return o.s }

// TestInterner: equal evidence is one list shared by the resources that
// have it; evidence that differs in any argument, or in an argument's
// type, is not; a message with an argument of an unknown type is kept as
// it is; appending to a shared list does not write into another's.
func TestInterner(t *testing.T) {
	mk := func(region string, n int) []i18n.Msg {
		return []i18n.Msg{
			i18n.M("ev.provider_region", "aws", region, i18n.Text("root")),
			i18n.M("ev.conflict", i18n.M("ev.x", n, true), orList{"a", "b"}, i18n.Or("k", "fallback")),
		}
	}
	in := newInterner()
	a, b := &Resource{}, &Resource{}
	a.Location.Evidence, b.Location.Evidence = mk("eu-west-3", 1), mk("eu-west-3", 1)
	a.Location.Reason, b.Location.Reason = i18n.M("ev.r", "x"), i18n.M("ev.r", "x")
	a.Sensitivity.Evidence, b.Sensitivity.Evidence = mk("eu-west-3", 1), mk("eu-west-3", 1)
	in.resource(a)
	in.resource(b)
	if &a.Location.Evidence[0] != &b.Location.Evidence[0] {
		t.Error("equal location evidence not shared")
	}
	if &a.Location.Evidence[0] != &a.Sensitivity.Evidence[0] {
		t.Error("equal lists of a location and a sensitivity not shared")
	}
	if &a.Location.Reason.Args[0] != &b.Location.Reason.Args[0] {
		t.Error("equal reasons' arguments not shared")
	}
	for name, ev := range map[string][]i18n.Msg{
		"region":        mk("eu-west-1", 1),
		"nested int":    mk("eu-west-3", 2),
		"argument type": {i18n.M("ev.provider_region", "aws", "eu-west-3", "root"), mk("eu-west-3", 1)[1]},
		"one less":      mk("eu-west-3", 1)[:1],
		"list boundary": {i18n.M("ev.provider_region", "aws", "eu-west-3"), i18n.M("root")},
	} {
		c := &Resource{}
		c.Location.Evidence = ev
		in.resource(c)
		if &c.Location.Evidence[0] == &a.Location.Evidence[0] {
			t.Errorf("%s: evidence that differs shared with a's", name)
		}
	}
	// An unknown argument type: kept as it is, not shared.
	u1 := []i18n.Msg{i18n.M("ev.u", opaque{"x"})}
	u2 := []i18n.Msg{i18n.M("ev.u", opaque{"y"})}
	if got := in.list(u1); &got[0] != &u1[0] {
		t.Error("a list with an unknown argument type replaced")
	}
	if got := in.list(u2); &got[0] != &u2[0] || got[0].Args[0] != any(opaque{"y"}) {
		t.Error("lists with unknown argument types mixed up")
	}
	// Shared lists are clipped: an append copies.
	grown := append(a.Location.Evidence, i18n.M("ev.more"))
	if len(b.Location.Evidence) != 2 || &grown[0] == &b.Location.Evidence[0] {
		t.Error("appending to a shared list wrote into it")
	}
}
