package report

import (
	"testing"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// TestReasonNames: every reason a finding is new has its name in each
// language (the text report says it), English's being the reason itself.
func TestReasonNames(t *testing.T) {
	for _, r := range []string{ReasonCreated, ReasonReplaced, ReasonImported, ReasonChanged, ReasonNotExisting, ReasonNotInBaseline, ReasonBeyondBaseline, ReasonPolicyRelaxed} {
		for _, l := range i18n.Supported {
			if _, ok := i18n.Lookup(l, "reason."+r); !ok {
				t.Errorf("reason.%s is not in the %s catalog", r, l)
			}
		}
		if got := i18n.T(i18n.English, "reason."+r); got != r {
			t.Errorf("reason.%s in English is %q, want %q", r, got, r)
		}
	}
	nr := Because(ReasonChanged, i18n.M("newness.level", i18n.M("newness.none"), i18n.Text("sensitive")), i18n.M("newness.actions", "create"))
	if nr.Detail != "level none → sensitive; actions create" || nr.DetailIn(i18n.French) != "niveau aucun → sensitive ; actions create" {
		t.Errorf("Detail %q, French %q", nr.Detail, nr.DetailIn(i18n.French))
	}
}
