package policy

import (
	"slices"
	"strings"

	"github.com/trustcloud/trustcloud/internal/tfaddr"
)

// WaiverIndex finds the waivers that may cover an address without trying
// every glob of every waiver: a policy of thousands of waivers (one per
// legacy bucket) checked against a plan of a hundred thousand findings is
// hundreds of millions of glob matches. An address a glob matches has,
// once its instance keys are taken out, the glob's leading literal step
// names (and the literal start of the first step with a wildcard): the
// index keeps the waivers by that prefix, and tries only those whose
// prefix the address has.
type WaiverIndex struct {
	ws []*Waiver
	// byPrefix holds the positions of the waivers one of whose globs has
	// the prefix; lengths are the prefixes' distinct lengths.
	byPrefix map[string][]int
	lengths  []int
}

// NewWaiverIndex indexes waivers, in their order.
func NewWaiverIndex(ws []*Waiver) *WaiverIndex {
	x := &WaiverIndex{ws: ws, byPrefix: map[string][]int{}}
	for i, w := range ws {
		for _, g := range w.Addresses {
			prefix, ok := globPrefix(g)
			if !ok {
				continue // an invalid glob matches nothing
			}
			if list := x.byPrefix[prefix]; len(list) == 0 || list[len(list)-1] != i {
				x.byPrefix[prefix] = append(list, i)
			}
			if !slices.Contains(x.lengths, len(prefix)) {
				x.lengths = append(x.lengths, len(prefix))
			}
		}
	}
	slices.Sort(x.lengths)
	return x
}

// globPrefix is what every address a glob matches starts with once its
// instance keys are taken out (tfaddr.StripKeys): the glob's step names up
// to the first wildcard ("" when it may start with anything); ok is false
// for an invalid glob.
func globPrefix(glob string) (string, bool) {
	steps, err := splitGlob(glob)
	if err != nil {
		return "", false
	}
	if _, err := compileGlob(glob); err != nil {
		return "", false
	}
	var b strings.Builder
	for i, st := range steps {
		if i > 0 {
			b.WriteByte('.')
		}
		if st.name == "**" {
			// Zero or more steps: the address may end before the dot.
			return strings.TrimSuffix(b.String(), "."), true
		}
		if w := strings.IndexAny(st.name, "*?"); w >= 0 {
			b.WriteString(st.name[:w])
			return b.String(), true
		}
		b.WriteString(st.name)
	}
	return b.String(), true
}

// Match returns the waivers, in order, that cover a finding of rule on the
// resource at address (Waiver.Matches), expired ones included: what
// Policy.MatchWaivers returns for the policy's waivers.
func (x *WaiverIndex) Match(address, rule string) []*Waiver {
	var out []*Waiver
	for _, p := range x.MatchAt(address, rule) {
		out = append(out, x.ws[p])
	}
	return out
}

// MatchAt is Match as positions in the list indexed.
func (x *WaiverIndex) MatchAt(address, rule string) []int {
	bare := tfaddr.StripKeys(address)
	var at []int
	for _, n := range x.lengths {
		if n > len(bare) {
			break
		}
		at = append(at, x.byPrefix[bare[:n]]...)
	}
	slices.Sort(at)
	out := at[:0]
	for i, p := range at {
		if i > 0 && at[i-1] == p {
			continue
		}
		if x.ws[p].Matches(address, rule) {
			out = append(out, p)
		}
	}
	return out
}
