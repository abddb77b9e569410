package policy

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// ParseInlineWaiver reads the text of an inline waiver comment, what
// follows "trustcloud:waive": one or more rule ids (separated by spaces
// or commas), then reason="…", expires=YYYY-MM-DD, approved_by="…" and,
// optionally, approved_on=YYYY-MM-DD. Values are Go-quoted strings or
// words without spaces. An inline waiver obeys the rules of a policy
// waiver, and then some: it names its rules (none means none, not
// every rule), it never names TC013, it cannot say covers_new (a comment
// written in the change that creates the resource does not waive it),
// and its lifetime is checked against the policy's max_waiver_days from
// approved_on, or from now when it gives none. The waiver's Addresses and
// ID are the caller's to set. Its error (an *i18n.Error) says what is wrong;
// with an error, the waiver is nil when the text cannot be read, or
// holds what could be (its rules) when a value is missing or wrong.
func (p *Policy) ParseInlineWaiver(text string, now time.Time) (*Waiver, error) {
	w := &Waiver{}
	fields, err := splitDirective(text)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, f := range fields {
		key, value, isPair := strings.Cut(f, "=")
		if !isPair {
			if len(seen) > 0 {
				return nil, i18n.Errorf("inline.rule_after_attributes", f)
			}
			if err := w.addRules(f); err != nil {
				return nil, err
			}
			continue
		}
		if seen[key] {
			return nil, i18n.Errorf("inline.given_twice", key)
		}
		seen[key] = true
		if err := w.setInline(key, value); err != nil {
			return nil, err
		}
	}
	if err := p.checkInline(w, now); err != nil {
		return w, err
	}
	return w, nil
}

// addRules adds the rule ids of one field of an inline waiver ("TC001" or
// "TC001,TC002").
func (w *Waiver) addRules(field string) error {
	for _, id := range strings.Split(field, ",") {
		if id == "" {
			continue
		}
		canonical, known := canonicalRule(id)
		switch {
		case !known:
			return i18n.Errorf("inline.unknown_rule", id, didYouMean(id, ruleIDs()))
		case judgesPolicy(canonical):
			return i18n.Errorf("inline.judges_policy", canonical)
		case !slices.Contains(w.Rules, canonical):
			w.Rules = append(w.Rules, canonical)
		}
	}
	return nil
}

// setInline sets one key=value attribute of an inline waiver.
func (w *Waiver) setInline(key, value string) error {
	if strings.HasPrefix(value, `"`) {
		v, err := strconv.Unquote(value)
		if err != nil {
			return i18n.Errorf("inline.not_quoted", key)
		}
		value = v
	}
	switch key {
	case "reason":
		w.Reason = strings.TrimSpace(value)
	case "approved_by":
		w.ApprovedBy = strings.TrimSpace(value)
	case "expires", "approved_on":
		t, err := time.Parse(time.DateOnly, value)
		if err != nil {
			return i18n.Errorf("inline.not_date", key, value)
		}
		if key == "expires" {
			w.Expires = t
		} else {
			w.ApprovedOn = t
		}
	case "covers_new":
		return i18n.Errorf("inline.covers_new")
	default:
		return i18n.Errorf("inline.unknown_attribute", key, didYouMean(key, []string{"reason", "expires", "approved_by", "approved_on"}))
	}
	return nil
}

// checkInline checks that an inline waiver says what a waiver must, and
// lasts no longer than max_waiver_days from its approval (from now
// without approved_on).
func (p *Policy) checkInline(w *Waiver, now time.Time) error {
	switch {
	case len(w.Rules) == 0:
		return i18n.Errorf("inline.no_rule")
	case w.Reason == "":
		return i18n.Errorf("inline.no_reason")
	case w.Expires.IsZero():
		return i18n.Errorf("inline.no_expires")
	case w.ApprovedBy == "":
		return i18n.Errorf("inline.no_approved_by")
	}
	from, what := now, i18n.M("inline.from_today")
	if !w.ApprovedOn.IsZero() {
		from, what = w.ApprovedOn, i18n.M("inline.from_approval", w.ApprovedOn.Format(time.DateOnly))
		if w.ApprovedOn.After(now) {
			return i18n.Errorf("inline.approved_future", w.ApprovedOn.Format(time.DateOnly))
		}
		if w.Expires.Before(w.ApprovedOn) {
			return i18n.Errorf("inline.expires_before", w.Expires.Format(time.DateOnly), w.ApprovedOn.Format(time.DateOnly))
		}
	}
	if p.MaxWaiverDays > 0 && w.Expires.After(from.AddDate(0, 0, p.MaxWaiverDays)) {
		return i18n.Errorf("inline.too_long", w.Expires.Format(time.DateOnly), p.MaxWaiverDays, what)
	}
	return nil
}

// splitDirective splits an inline waiver's text on spaces outside quoted
// values.
func splitDirective(text string) ([]string, error) {
	var out []string
	var cur strings.Builder
	quoted, escaped := false, false
	for _, r := range text {
		switch {
		case escaped:
			escaped = false
		case quoted && r == '\\':
			escaped = true
		case r == '"':
			quoted = !quoted
		case !quoted && (r == ' ' || r == '\t'):
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
			continue
		}
		cur.WriteRune(r)
	}
	if quoted {
		return nil, i18n.Errorf("inline.unterminated")
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out, nil
}
