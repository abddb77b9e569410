package policy

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
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
// ID are the caller's to set. Its error says in English what is wrong;
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
				return nil, fmt.Errorf("rule %q after the attributes: write the rule ids first", f)
			}
			if err := w.addRules(f); err != nil {
				return nil, err
			}
			continue
		}
		if seen[key] {
			return nil, fmt.Errorf("%s given twice", key)
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
			return fmt.Errorf("unknown rule %q%s", id, didYouMean(id, ruleIDs()))
		case judgesPolicy(canonical):
			return fmt.Errorf("%s judges the policy file and cannot be waived", canonical)
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
			return fmt.Errorf("%s: not a quoted string", key)
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
			return fmt.Errorf("%s %q is not a date in the form YYYY-MM-DD", key, value)
		}
		if key == "expires" {
			w.Expires = t
		} else {
			w.ApprovedOn = t
		}
	case "covers_new":
		return errors.New("covers_new is not accepted in an inline waiver: a resource this change creates is waived in the policy file, or not at all")
	default:
		return fmt.Errorf("unknown attribute %q%s", key, didYouMean(key, []string{"reason", "expires", "approved_by", "approved_on"}))
	}
	return nil
}

// checkInline checks that an inline waiver says what a waiver must, and
// lasts no longer than max_waiver_days from its approval (from now
// without approved_on).
func (p *Policy) checkInline(w *Waiver, now time.Time) error {
	switch {
	case len(w.Rules) == 0:
		return errors.New("no rule id: name the rules waived, e.g. trustcloud:waive TC001")
	case w.Reason == "":
		return errors.New(`missing reason="…": why the exception is needed and how it will end`)
	case w.Expires.IsZero():
		return errors.New("missing expires=YYYY-MM-DD: a waiver is temporary")
	case w.ApprovedBy == "":
		return errors.New(`missing approved_by="…": who approved the exception`)
	}
	from, what := now, "today"
	if !w.ApprovedOn.IsZero() {
		from, what = w.ApprovedOn, "its approval ("+w.ApprovedOn.Format(time.DateOnly)+")"
		if w.ApprovedOn.After(now) {
			return fmt.Errorf("approved_on %s is in the future", w.ApprovedOn.Format(time.DateOnly))
		}
		if w.Expires.Before(w.ApprovedOn) {
			return fmt.Errorf("expires %s is before approved_on %s", w.Expires.Format(time.DateOnly), w.ApprovedOn.Format(time.DateOnly))
		}
	}
	if p.MaxWaiverDays > 0 && w.Expires.After(from.AddDate(0, 0, p.MaxWaiverDays)) {
		return fmt.Errorf("expires %s is more than max_waiver_days (%d) after %s", w.Expires.Format(time.DateOnly), p.MaxWaiverDays, what)
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
		return nil, fmt.Errorf("unterminated quoted value")
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out, nil
}
