package inventory

import (
	"sort"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/tfaddr"
)

// builder holds what building one inventory needs.
type builder struct {
	cat    *catalog.Catalog
	policy *policy.Policy
	cfg    *configIndex
	// warnings would collect problems that do not stop the analysis;
	// none is left: what changes a verdict is a finding (a tag value
	// that is not a level is TC012), never a warning on stderr only.
	warnings []string
	// foldedTagKeys are the policy's tag keys folded (readsTagKey).
	foldedTagKeys []string
	// byModule holds the signals of each module instance, by address.
	byModule map[string]*moduleSigs
	// byTags holds the judged pairs of each shared tags value.
	byTags map[tagKey][]pairSignal
	// state is set when the input is a deployed state: it records no
	// configuration, so no module argument can be read.
	state bool
	// defaultEvidence is the evidence of the policy's default level,
	// shared by the resources it applies to (full: an append copies it).
	defaultEvidence []i18n.Msg
	// ruleIndex indexes the policy's module rules (moduleLevel).
	ruleIndex *policy.ModuleRuleIndex
	// containerTags holds the tag signals of each container, read once
	// for all the resources in it (containerSignals).
	containerTags map[*Resource][]signal
}

// Build attributes every resource change of a plan: operator, location and
// sensitivity, with evidence. It returns the inventory and warnings about
// inputs it had to ignore.
func Build(p *tfjson.Plan, file string, cat *catalog.Catalog, pol *policy.Policy) (*Inventory, []string) {
	return build(p, file, cat, pol, false, Options{})
}

// BuildWith is Build with options: the configuration's sources to
// evaluate values from, the workspace.
func BuildWith(p *tfjson.Plan, file string, cat *catalog.Catalog, pol *policy.Policy, opts Options) (*Inventory, []string) {
	return build(p, file, cat, pol, false, opts)
}

// BuildPrior attributes every resource as it was before the plan, from the
// changes' prior values (before): what `check --new-only` compares with.
// Resources being created have no prior values and are located from their
// configuration only.
func BuildPrior(p *tfjson.Plan, file string, cat *catalog.Catalog, pol *policy.Policy, opts Options) *Inventory {
	inv, _ := build(p, file, cat, pol, true, opts)
	return inv
}

func build(p *tfjson.Plan, file string, cat *catalog.Catalog, pol *policy.Policy, prior bool, opts Options) (*Inventory, []string) {
	b := &builder{cat: cat, policy: pol, cfg: newConfigIndex(p), state: opts.State != nil}
	b.cfg.ev = newEvaluator(p, opts)
	n := len(p.ResourceChanges)
	inv := &Inventory{
		FormatVersion: FormatVersion,
		Catalog:       CatalogRef{AsOf: cat.AsOf, Version: cat.Version, AnssiEdition: cat.AnssiEdition, Files: cat.UserFiles()},
		Plan:          PlanRef{File: file, FormatVersion: p.FormatVersion, TerraformVersion: p.TerraformVersion},
		Policy: &PolicyRef{Profile: pol.Profile, File: pol.File, Source: pol.Source, SHA256: pol.SHA256,
			Relaxations: pol.Relaxations(cat.InArea)},
		Evaluation: evaluation(opts),
		Resources:  make([]*Resource, 0, n),
	}
	rv := &resolver{cat: cat, cfg: b.cfg, byConfig: make(map[string][]*Resource, n), byInstance: make(map[string][]*Resource, n), done: make(map[*Resource]bool, n), active: map[*Resource]bool{}, nonRegionalTypes: map[string]bool{},
		trustedRegistries: pol.TrustedRegistries, state: opts.State != nil, unresolved: opts.Unresolved}
	for _, rc := range p.ResourceChanges {
		if rc == nil || rc.Change == nil {
			continue
		}
		r := &Resource{
			Address:  rc.Address,
			Module:   rc.ModuleAddress,
			Type:     rc.Type,
			Name:     rc.Name,
			Mode:     string(rc.Mode),
			Provider: fullSource(rc.ProviderName),
			config:   b.cfg.resource(rc),
			previous: rc.PreviousAddress,
		}
		if opts.State != nil {
			r.stateKey = opts.State.ProviderKeys[rc.Address]
		}
		for _, a := range rc.Change.Actions {
			r.Actions = append(r.Actions, string(a))
		}
		if r.Actions == nil {
			r.Actions = []string{}
		}
		r.Importing = rc.Change.Importing != nil
		r.after, _ = planfile.AsAttrs(rc.Change.After)
		r.before, _ = planfile.AsAttrs(rc.Change.Before)
		r.afterUnknown, _ = planfile.AsAttrs(rc.Change.AfterUnknown)
		if prior {
			r.after, r.afterUnknown = r.before, nil
		}
		inv.Resources = append(inv.Resources, r)
		k := tfaddr.StripKeys(r.Address)
		rv.byConfig[k] = append(rv.byConfig[k], r)
		ik := blockKey(r.Module, localAddress(r))
		rv.byInstance[ik] = append(rv.byInstance[ik], r)
	}
	for _, r := range inv.Resources {
		rv.locate(r)
		b.classify(r, rv)
	}
	// The values were needed to resolve; the inventory does not keep them.
	// Equal evidence is shared once every resource is resolved.
	in := newInterner()
	for _, r := range inv.Resources {
		r.after, r.before, r.afterUnknown, r.config = nil, nil, nil, nil
		in.resource(r)
	}
	sort.SliceStable(inv.Resources, func(i, j int) bool { return inv.Resources[i].Address < inv.Resources[j].Address })
	inv.Summary = summarize(inv.Resources)
	return inv, b.warnings
}

// fullSource turns the legacy provider names of Terraform 0.12 plans
// ("aws") into source addresses ("registry.terraform.io/hashicorp/aws").
func fullSource(name string) string {
	switch name {
	case "":
		return ""
	case "terraform":
		return "terraform.io/builtin/terraform"
	}
	if strings.Contains(name, "/") {
		return name
	}
	// Terraform 0.12 wrote the local name, with the alias ("null.aliased").
	name, _, _ = strings.Cut(name, ".")
	return "registry.terraform.io/hashicorp/" + name
}

func summarize(rs []*Resource) *Summary {
	s := &Summary{Resources: len(rs), ByStatus: map[string]int{}}
	for _, st := range []string{StatusKnown, StatusMultiRegion, StatusGlobal, StatusUnknown, StatusNotApplicable} {
		s.ByStatus[st] = 0
	}
	for _, r := range rs {
		s.ByStatus[r.Location.Status]++
		if r.Operator == nil && r.Location.Status != StatusNotApplicable {
			s.UnknownOperator++
		}
	}
	return s
}

// moduleLevel is the policy's ModuleLevel through an index of its module
// rules, built on first use: thousands of rules are asked for every module
// instance of the plan.
func (b *builder) moduleLevel(moduleAddr string) (level, glob string, ok bool) {
	if b.ruleIndex == nil {
		b.ruleIndex = policy.NewModuleRuleIndex(b.policy)
	}
	return b.ruleIndex.ModuleLevel(moduleAddr)
}
