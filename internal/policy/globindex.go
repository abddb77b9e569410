package policy

import (
	"slices"
	"strings"

	"github.com/trustcloud/trustcloud/internal/tfaddr"
)

// globIndex finds the items (waivers, module rules) one of whose address
// globs may match an address, without trying every glob of every item: a
// policy of thousands of waivers checked against a plan of a hundred
// thousand findings is hundreds of millions of glob matches. An address a
// glob matches has, once its instance keys are taken out, the glob's
// leading literal step names (and the literal start of the first step
// with a wildcard): the index keeps the items by that prefix.
type globIndex struct {
	// byPrefix holds the positions of the items one of whose globs has
	// the prefix; lengths are the prefixes' distinct lengths.
	byPrefix map[string][]int
	lengths  []int
}

// newGlobIndex indexes n items, globs(i) being the globs of the i-th.
func newGlobIndex(n int, globs func(i int) []string) *globIndex {
	x := &globIndex{byPrefix: map[string][]int{}}
	for i := range n {
		for _, g := range globs(i) {
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

// candidates are the positions, ascending and once each, of the items
// one of whose globs may match address: every item one of whose globs
// does is among them.
func (x *globIndex) candidates(address string) []int {
	bare := tfaddr.StripKeys(address)
	var at []int
	for _, n := range x.lengths {
		if n > len(bare) {
			break
		}
		at = append(at, x.byPrefix[bare[:n]]...)
	}
	slices.Sort(at)
	return slices.Compact(at)
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

// WaiverIndex answers Policy.MatchWaivers for a list of waivers through
// a glob index (globIndex): for thousands of waivers, one per legacy
// bucket, or an inline waiver on every block.
type WaiverIndex struct {
	ws  []*Waiver
	idx *globIndex
}

// NewWaiverIndex indexes waivers, in their order.
func NewWaiverIndex(ws []*Waiver) *WaiverIndex {
	return &WaiverIndex{ws: ws, idx: newGlobIndex(len(ws), func(i int) []string { return ws[i].Addresses })}
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
	at := x.idx.candidates(address)
	out := at[:0]
	for _, p := range at {
		if x.ws[p].Matches(address, rule) {
			out = append(out, p)
		}
	}
	return out
}

// ModuleRuleIndex answers Policy.ModuleLevel through a glob index: a
// policy's module rules are asked for every module instance of the plan
// and each enclosing one.
type ModuleRuleIndex struct {
	rules []ModuleRule
	idx   *globIndex
}

// NewModuleRuleIndex indexes the module rules of a policy.
func NewModuleRuleIndex(p *Policy) *ModuleRuleIndex {
	rules := p.Classification.Modules
	return &ModuleRuleIndex{rules: rules, idx: newGlobIndex(len(rules), func(i int) []string { return []string{rules[i].Glob} })}
}

// ModuleLevel is Policy.ModuleLevel: the level of the first module rule
// whose glob matches the module at moduleAddr, and that glob.
func (x *ModuleRuleIndex) ModuleLevel(moduleAddr string) (level, glob string, ok bool) {
	if moduleAddr == "" {
		return "", "", false
	}
	for _, p := range x.idx.candidates(moduleAddr) {
		if r := x.rules[p]; MatchGlob(r.Glob, moduleAddr) {
			return r.Level, r.Glob, true
		}
	}
	return "", "", false
}
