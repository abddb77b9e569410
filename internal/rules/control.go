package rules

import (
	"fmt"
	"strings"
	"time"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/ruledef"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// DisabledRule is a rule the policy switches off: every report lists it.
type DisabledRule struct {
	Rule string `json:"rule"`
	Name string `json:"name"`
	// At is where the policy file disables it (file:line:column), empty
	// when not known.
	At string `json:"at,omitempty"`
}

// DisabledRules lists the rules the policy switches off, in id order.
func DisabledRules(p *policy.Policy) []DisabledRule {
	if p == nil {
		return nil
	}
	var out []DisabledRule
	for _, id := range p.DisabledRules {
		r, _ := ruledef.Lookup(ruledef.ID(id))
		out = append(out, DisabledRule{Rule: id, Name: r.Name, At: p.DisabledAt})
	}
	return out
}

// What became of an inline waiver.
const (
	// InlineInForce: valid and allowed; it waives the findings it covers
	// on resources that exist already.
	InlineInForce = "in_force"
	// InlineExpired: past its expires day; the findings stand, with a
	// TC007.
	InlineExpired = "expired"
	// InlineNotAllowed: the policy does not allow inline waivers
	// (allow_inline_waivers); the findings stand.
	InlineNotAllowed = "not_allowed"
	// InlineInvalid: the comment does not make a valid waiver (a missing
	// approved_by, reason or expiry, an unknown rule, too long …).
	InlineInvalid = "invalid"
	// InlineUnattached: the comment is directly above no resource block.
	InlineUnattached = "unattached"
	// InlineRemote: the comment is in a module installed from a registry
	// or a repository, not written in this configuration.
	InlineRemote = "remote"
)

// InlineWaiver is a "# trustcloud:waive" comment of the configuration and
// what became of it. Every report lists them all, in force or not.
type InlineWaiver struct {
	// At is where the comment is (file:line).
	At string `json:"at"`
	// Resource is the address (module path and TYPE.NAME, every instance)
	// of the block the comment is above; empty when none.
	Resource string `json:"resource,omitempty"`
	// Status is one of the Inline constants.
	Status string `json:"status"`
	// Detail says why a waiver is not in force, in English.
	Detail string `json:"detail,omitempty"`
	// DetailText is Detail not yet rendered, for the reports written for
	// people in their language.
	DetailText i18n.Msg `json:"-"`
	Rules      []string `json:"rules"`
	Reason     string   `json:"reason,omitempty"`
	Expires    string   `json:"expires,omitempty"`
	ApprovedBy string   `json:"approved_by,omitempty"`
	// Text is the comment after the directive, as written.
	Text string `json:"text"`
	// Waived counts the findings it waived.
	Waived int `json:"waived"`
	// waiver is the waiver the comment makes; nil when it makes none.
	waiver *policy.Waiver
}

// DetailIn is Detail in a language.
func (w *InlineWaiver) DetailIn(l i18n.Lang) string {
	if w.DetailText.IsZero() {
		return w.Detail
	}
	return w.DetailText.In(l)
}

// InlineWaivers judges the waiver comments of the configuration under
// policy p at now: whether each is allowed, valid, above a resource
// block of this configuration, and in force. Those not in force waive
// nothing; the reports say why.
func InlineWaivers(comments []tfconfig.WaiverComment, p *policy.Policy, now time.Time) []*InlineWaiver {
	var out []*InlineWaiver
	for _, c := range comments {
		iw := &InlineWaiver{At: fmt.Sprintf("%s:%d", c.File, c.Line), Text: c.Text, Rules: []string{}}
		if c.Address != "" {
			iw.Resource = moduleAddress(c.Module) + c.Address
		}
		w, err := p.ParseInlineWaiver(c.Text, now)
		if w != nil {
			// A waiver with an error waives nothing (below); its rules
			// still say which findings to tell about it.
			w.ID, w.Inline, w.Addresses = "inline "+iw.At, iw.At, []string{iw.Resource}
			iw.Rules, iw.Reason, iw.ApprovedBy = w.Rules, w.Reason, w.ApprovedBy
			iw.Expires = w.Expires.Format(time.DateOnly)
		}
		switch {
		case c.Remote:
			iw.Status = InlineRemote
			iw.DetailText = i18n.M("waiver.detail.remote", strings.TrimSuffix(moduleAddress(c.Module), "."))
		case c.Address == "":
			iw.Status = InlineUnattached
			iw.DetailText = i18n.M("waiver.detail.unattached")
		case !p.AllowInlineWaivers:
			iw.Status = InlineNotAllowed
			iw.DetailText = i18n.M("waiver.detail.not_allowed")
		case err != nil:
			iw.Status = InlineInvalid
			iw.DetailText = i18n.M("waiver.detail.invalid", err)
		case w.Expired(now):
			iw.Status = InlineExpired
			iw.DetailText = i18n.M("waiver.detail.expired", iw.Expires)
		default:
			iw.Status = InlineInForce
		}
		if !iw.DetailText.IsZero() {
			iw.Detail = iw.DetailText.String()
		}
		if c.Address != "" && !c.Remote {
			// Findings of the resource say which inline waiver did not
			// apply, and why; a comment whose rules cannot be read
			// concerns every rule.
			if w == nil {
				w = &policy.Waiver{ID: "inline " + iw.At, Inline: iw.At, Addresses: []string{iw.Resource}}
			}
			iw.waiver = w
		}
		out = append(out, iw)
	}
	return out
}

// moduleAddress is the address prefix of the module at key ("a.b" →
// "module.a.module.b."; "" for the root).
func moduleAddress(key string) string {
	if key == "" {
		return ""
	}
	return "module." + strings.ReplaceAll(key, ".", ".module.") + "."
}

// inlineFor returns the inline waivers whose block is the finding's
// resource and that name its rule (or whose rules could not be read):
// those that apply (in force or expired), and the first of the others.
func (e *Evaluator) inlineFor(f *Finding) (apply []*InlineWaiver, other *InlineWaiver) {
	if e.inline == nil {
		// One per resource block of a large configuration: indexed, not
		// matched one by one against each finding.
		var ws []*policy.Waiver
		for i, iw := range e.Inline {
			if iw.waiver != nil {
				ws = append(ws, iw.waiver)
				e.inlineAt = append(e.inlineAt, i)
			}
		}
		e.inline = policy.NewWaiverIndex(ws)
	}
	for _, p := range e.inline.MatchAt(f.Address, f.Rule) {
		iw := e.Inline[e.inlineAt[p]]
		switch iw.Status {
		case InlineInForce, InlineExpired:
			apply = append(apply, iw)
		default:
			if other == nil {
				other = iw
			}
		}
	}
	return apply, other
}
