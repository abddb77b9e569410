package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/report"
	"github.com/trustcloud/trustcloud/internal/ruledef"
)

// accepted is the findings an earlier `check --format json` accepted: for
// each fingerprint, the severity rank of each finding that had it. It is
// a multiset: one accepted finding covers one finding, so that a count
// grown from 1 to 4 (fingerprints drop count indexes) is not covered by
// the one instance accepted before.
type accepted map[string][]int

// readBaseline reads the findings of an earlier `check --format json`, and
// the SHA-256 of the policy file it was made with ("" for a built-in
// profile).
func readBaseline(path string) (accepted, string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, "", fmt.Errorf("%s: cannot read the baseline: %w", path, err)
	}
	var doc struct {
		FormatVersion string `json:"format_version"`
		Policy        struct {
			SHA256 string `json:"sha256"`
		} `json:"policy"`
		Findings []struct {
			Fingerprint string `json:"fingerprint"`
			Severity    string `json:"severity"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, "", fmt.Errorf("%s: not a baseline: expected the output of `trustcloud check --format json`: %w", path, err)
	}
	if doc.FormatVersion != "1" || doc.Findings == nil {
		return nil, "", fmt.Errorf("%s: not a baseline: expected the output of `trustcloud check --format json` (format_version \"1\" with findings)", path)
	}
	out := accepted{}
	for i, f := range doc.Findings {
		if f.Fingerprint == "" {
			return nil, "", fmt.Errorf("%s: $.findings[%d]: no fingerprint: regenerate the baseline with this version of trustcloud", path, i)
		}
		// The severity bounds what the entry accepts: a finding whose
		// level rose since (internal to sensitive) keeps its fingerprint
		// but is a new risk.
		rank := policy.Severity(strings.ToLower(f.Severity)).Rank()
		if rank == 0 {
			return nil, "", fmt.Errorf("%s: $.findings[%d].severity: %q is not a severity (%s): regenerate the baseline with `trustcloud check --format json`", path, i, f.Severity, severityNames())
		}
		out[f.Fingerprint] = append(out[f.Fingerprint], rank)
	}
	return out, doc.Policy.SHA256, nil
}

func severityNames() string {
	names := make([]string, len(policy.Severities))
	for i, s := range policy.Severities {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

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
		return &report.NewReason{Reason: report.ReasonCreated, Detail: "no resource"}
	case r.Replaces():
		return &report.NewReason{Reason: report.ReasonReplaced, Detail: "actions " + strings.Join(r.Actions, ", ")}
	case r.Creates():
		return &report.NewReason{Reason: report.ReasonCreated, Detail: "actions " + strings.Join(r.Actions, ", ")}
	case r.Importing:
		return &report.NewReason{Reason: report.ReasonImported, Detail: "the plan imports " + r.Address}
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
	detail := "the baseline's findings with this fingerprint cover other findings"
	if len(ranks) > 0 {
		detail = fmt.Sprintf("the baseline accepted this finding at a lower severity than %s", f.Severity)
	}
	return &report.NewReason{Reason: report.ReasonBeyondBaseline, Detail: detail}
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
	var which, details []string
	add := func(input, detail string) {
		if len(which) == 0 || which[len(which)-1] != input {
			which = append(which, input)
		}
		details = append(details, detail)
	}
	if l, b := r.Location, before.Location; l.Status != b.Status || l.Region != b.Region {
		add(report.InputLocation, fmt.Sprintf("location %s → %s", place(b), place(l)))
	}
	if added, removed := diffFlows(before.DataLocations, r.DataLocations); len(added)+len(removed) > 0 {
		var parts []string
		if len(added) > 0 {
			parts = append(parts, "added "+strings.Join(added, "; "))
		}
		if len(removed) > 0 {
			parts = append(parts, "removed "+strings.Join(removed, "; "))
		}
		add(report.InputDataLocations, "data locations: "+strings.Join(parts, "; "))
	}
	if a, b := operatorOf(r), operatorOf(before); a != b {
		add(report.InputOperator, fmt.Sprintf("operator %s → %s", orNone(b), orNone(a)))
	}
	if a, b := r.Sensitivity.Level, before.Sensitivity.Level; a != b {
		add(report.InputLevel, fmt.Sprintf("level %s → %s", orNone(b), orNone(a)))
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
			add(report.InputLevel, fmt.Sprintf("level of %s, whose data %s carries, %s → %s", r.DataOf, r.Address, orNone(b), orNone(a)))
		}
	}
	if len(which) == 0 {
		return nil
	}
	return &report.NewReason{Reason: report.ReasonChanged, Changed: which, Detail: strings.Join(details, "; ")}
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

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
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
