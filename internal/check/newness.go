package check

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"

	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/report"
	"github.com/trustcloud/trustcloud/internal/ruledef"
)

// newness decides, for findings of one check, which are existing: a
// finding that a baseline covers, or (with --new-only) whose resource the
// plan leaves as the rules read it. A finding of a resource the plan
// creates, replaces or imports is always new. Each new finding says why
// when a comparison was asked for.
type newness struct {
	// known is the baseline, nil without --baseline.
	known accepted
	// prior is the inventory before the change, by address; nil without
	// --new-only.
	prior map[string]*inventory.Resource
	// now is the inventory after the change, by address (for the owner
	// of a resource's data, DataOf).
	now map[string]*inventory.Resource
}

// apply sets the status of every finding. Findings whose resource is
// created, replaced or imported are new whatever the baseline says and
// use none of its entries. The others share the baseline's entries by
// fingerprint, in address order (count indexes compared as numbers, then
// rule): the first findings get them, so that when a count grows the
// instances past those the baseline accepted are new. A finding takes
// the entry of the lowest severity that is at least its own; none left,
// it is new.
func (n *newness) apply(findings []*report.Finding) {
	if n.known == nil && n.prior == nil {
		return
	}
	order := make([]*report.Finding, len(findings))
	copy(order, findings)
	sort.SliceStable(order, func(i, j int) bool {
		if c := compareAddresses(order[i].Address, order[j].Address); c != 0 {
			return c < 0
		}
		return order[i].Rule < order[j].Rule
	})
	left := map[string][]int{}
	for fp, ranks := range n.known {
		left[fp] = append([]int(nil), ranks...)
		sort.Ints(left[fp])
	}
	for _, f := range order {
		f.Status, f.NewBecause = report.StatusNew, nil
		if ruledef.ID(f.Rule) == ruledef.TC013 {
			// TC013 is never existing: only --policy or
			// TRUSTCLOUD_POLICY accepts a relaxed policy, not a baseline.
			f.NewBecause = []report.NewReason{{Reason: report.ReasonPolicyRelaxed}}
			continue
		}
		if why := gate(f.Resource()); why != nil {
			f.NewBecause = []report.NewReason{*why}
			continue
		}
		var reasons []report.NewReason
		if n.known != nil {
			if why := take(left, f); why != nil {
				reasons = append(reasons, *why)
			} else {
				f.Status = report.StatusExisting
			}
		}
		if n.prior != nil && f.Status != report.StatusExisting {
			if why := n.changed(f); why != nil {
				reasons = append(reasons, *why)
			} else {
				f.Status, reasons = report.StatusExisting, nil
			}
		}
		if f.Status == report.StatusNew {
			f.NewBecause = reasons
		}
	}
}

// gate says why a finding is new whatever a baseline or the prior state
// says: its resource is created, replaced or imported. Nil otherwise.
func gate(r *inventory.Resource) *report.NewReason {
	switch {
	case r == nil:
		// Every finding has its resource; should one not, it is new.
		return report.Because(report.ReasonCreated, i18n.M("newness.no_resource"))
	case r.Replaces():
		return report.Because(report.ReasonReplaced, i18n.M("newness.actions", strings.Join(r.Actions, ", ")))
	case r.Creates():
		return report.Because(report.ReasonCreated, i18n.M("newness.actions", strings.Join(r.Actions, ", ")))
	case r.Importing:
		return report.Because(report.ReasonImported, i18n.M("newness.imports", r.Address))
	}
	return nil
}

// take uses one baseline entry for f, or says why there is none.
func take(left map[string][]int, f *report.Finding) *report.NewReason {
	ranks, ok := left[f.Fingerprint]
	if !ok {
		return &report.NewReason{Reason: report.ReasonNotInBaseline}
	}
	rank := f.Severity.Rank()
	for i, r := range ranks {
		if r >= rank {
			left[f.Fingerprint] = append(ranks[:i:i], ranks[i+1:]...)
			return nil
		}
	}
	detail := i18n.M("newness.used")
	if len(ranks) > 0 {
		detail = i18n.M("newness.lower", i18n.Or("severity."+string(f.Severity), string(f.Severity)))
	}
	return report.Because(report.ReasonBeyondBaseline, detail)
}

// changed says what of f's inputs the plan changes: the resource's
// location, its data locations, its operator or its level (and, for a
// part of another resource, that resource's level, which its flows
// carry). Nil when the resource existed before and none changed.
func (n *newness) changed(f *report.Finding) *report.NewReason {
	r := f.Resource()
	before := n.prior[r.Address]
	if before == nil {
		return &report.NewReason{Reason: report.ReasonNotExisting}
	}
	var which []string
	var details []i18n.Msg
	add := func(input string, detail i18n.Msg) {
		if len(which) == 0 || which[len(which)-1] != input {
			which = append(which, input)
		}
		details = append(details, detail)
	}
	if l, b := r.Location, before.Location; l.Status != b.Status || l.Region != b.Region {
		add(report.InputLocation, i18n.M("newness.location", place(b), place(l)))
	}
	if added, removed := diffFlows(before.DataLocations, r.DataLocations); len(added)+len(removed) > 0 {
		switch {
		case len(added) > 0 && len(removed) > 0:
			add(report.InputDataLocations, i18n.M("newness.flows_both", strings.Join(added, "; "), strings.Join(removed, "; ")))
		case len(added) > 0:
			add(report.InputDataLocations, i18n.M("newness.flows_added", strings.Join(added, "; ")))
		default:
			add(report.InputDataLocations, i18n.M("newness.flows_removed", strings.Join(removed, "; ")))
		}
	}
	if a, b := operatorOf(r), operatorOf(before); a != b {
		add(report.InputOperator, i18n.M("newness.operator", orNone(b), orNone(a)))
	}
	if a, b := r.Sensitivity.Level, before.Sensitivity.Level; a != b {
		add(report.InputLevel, i18n.M("newness.level", orNone(b), orNone(a)))
	}
	if r.DataOf != "" {
		owner, ownerBefore := n.now[r.DataOf], n.prior[r.DataOf]
		a, b := "", ""
		if owner != nil {
			a = owner.Sensitivity.Level
		}
		if ownerBefore != nil {
			b = ownerBefore.Sensitivity.Level
		}
		if a != b {
			add(report.InputLevel, i18n.M("newness.owner_level", r.DataOf, r.Address, orNone(b), orNone(a)))
		}
	}
	if len(which) == 0 {
		return nil
	}
	nr := report.Because(report.ReasonChanged, details...)
	nr.Changed = which
	return nr
}

// place is a location as the rules read it: status and region.
func place(l inventory.Location) string {
	if l.Region == "" {
		return l.Status
	}
	return l.Status + " " + l.Region
}

// flowKey is what the rules read of a data location.
func flowKey(l inventory.Location) string {
	return fmt.Sprintf("%s (%s) %s", l.Attribute, l.Flow, place(l))
}

// diffFlows returns the data locations of after that before does not
// have, and those of before that after does not, compared as multisets of
// attribute, flow, status and region.
func diffFlows(before, after []inventory.Location) (added, removed []string) {
	count := map[string]int{}
	for _, l := range before {
		count[flowKey(l)]++
	}
	for _, l := range after {
		k := flowKey(l)
		if count[k] > 0 {
			count[k]--
			continue
		}
		added = append(added, k)
	}
	for _, l := range before {
		k := flowKey(l)
		if count[k] > 0 {
			count[k]--
			removed = append(removed, k)
		}
	}
	return added, removed
}

func operatorOf(r *inventory.Resource) string {
	if r.Operator == nil {
		return ""
	}
	return *r.Operator
}

func orNone(s string) i18n.Localizer {
	if s == "" {
		return i18n.M("newness.none")
	}
	return i18n.Text(s)
}

// compareAddresses orders resource addresses with count indexes compared
// as numbers (web[2] before web[10]), everything else as strings.
func compareAddresses(a, b string) int {
	for a != "" && b != "" {
		ia, ib := strings.IndexByte(a, '['), strings.IndexByte(b, '[')
		if ia < 0 || ib < 0 || a[:ia] != b[:ib] {
			break
		}
		ea, eb := strings.IndexByte(a[ia:], ']'), strings.IndexByte(b[ib:], ']')
		if ea < 0 || eb < 0 {
			break
		}
		na, errA := strconv.Atoi(a[ia+1 : ia+ea])
		nb, errB := strconv.Atoi(b[ib+1 : ib+eb])
		if errA == nil && errB == nil && na != nb {
			if na < nb {
				return -1
			}
			return 1
		}
		if a[ia:ia+ea] != b[ib:ib+eb] {
			break
		}
		a, b = a[ia+ea+1:], b[ib+eb+1:]
	}
	return strings.Compare(a, b)
}
