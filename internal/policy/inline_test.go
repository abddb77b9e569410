package policy

import (
	"strings"
	"testing"
	"time"
)

// TestParseInlineWaiver: an inline waiver names its rules and gives a
// reason, an expiry and an approver; it may not name TC013, say
// covers_new or outlast max_waiver_days, from approved_on or, without
// it, from today.
func TestParseInlineWaiver(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	p := Default()
	w, err := p.ParseInlineWaiver(`tc001,TC002 reason="Move in \"Q1\"" expires=2027-03-31 approved_by="RSSI, ministry X" approved_on=2026-10-01`, now)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(w.Rules, " ") != "TC001 TC002" || w.Reason != `Move in "Q1"` || w.ApprovedBy != "RSSI, ministry X" ||
		w.Expires.Format(time.DateOnly) != "2027-03-31" || w.ApprovedOn.Format(time.DateOnly) != "2026-10-01" || w.CoversNew {
		t.Errorf("parsed %+v", w)
	}
	const tail = ` reason="r" expires=2027-03-31 approved_by="a"`
	for text, want := range map[string]string{
		"TC001 reason=\"r\" expires=2027-03-31":                                          "missing approved_by",
		"TC001 reason=\"r\" approved_by=\"a\"":                                           "missing expires",
		"TC001 expires=2027-03-31 approved_by=\"a\"":                                     "missing reason",
		"TC001 reason=\" \" expires=2027-03-31 approved_by=\"a\"":                        "missing reason",
		strings.TrimSpace(tail):                                                          "no rule id",
		"TC013" + tail:                                                                   "cannot be waived",
		"TC01" + tail:                                                                    `unknown rule "TC01" (did you mean "TC001"?)`,
		"TC001" + tail + " covers_new=true":                                              "covers_new is not accepted",
		"TC001" + tail + " approved=x":                                                   `unknown attribute "approved"`,
		"TC001" + tail + ` reason="again"`:                                               "reason given twice",
		"TC001 reason=\"r expires=2027-03-31":                                            "unterminated",
		"TC001 reason=\"r\" expires=31/03/2027 approved_by=\"a\"":                        "not a date",
		"TC001 reason=\"r\" expires=2028-03-31 approved_by=\"a\"":                        "more than max_waiver_days (365) after today",
		"TC001" + tail + " approved_on=2025-01-01":                                       "more than max_waiver_days (365) after its approval",
		"TC001" + tail + " approved_on=2026-12-01":                                       "in the future",
		"TC001 reason=\"r\" expires=2026-09-30 approved_by=\"a\" approved_on=2026-10-01": "before approved_on",
		`reason="r" TC001 expires=2027-03-31 approved_by="a"`:                            "after the attributes",
	} {
		_, err := p.ParseInlineWaiver(text, now)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want it to say %q", text, err, want)
		}
	}
}
