package inventory

import (
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/tfaddr"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// Options change how an inventory is built.
type Options struct {
	// Sources is the configuration the plan was made from, already
	// checked against it (tfconfig.Check): every value the resolver reads
	// from the configuration is then evaluated from it. Without sources,
	// a value read through references of plan JSON is only inferred.
	Sources *tfconfig.Config
	// Workspace is the workspace the plan was made in, when the user
	// says so (--workspace, TF_WORKSPACE); WorkspaceFrom names where it
	// came from, for evidence.
	Workspace, WorkspaceFrom string
	// State is set when the input is a state (planfile.LoadInput): the
	// resources are judged where they are deployed, identifiers that
	// carry a region (ARNs, self-links) are location evidence too.
	State *planfile.State
	// ConfigOnly is set when the "plan" is a configuration directory's,
	// made without a plan (package configinput): reports say so, and
	// Unresolved lists, by address, the entries whose instances only a
	// plan could tell, with the reason: their location is unknown.
	ConfigOnly bool
	Unresolved map[string]i18n.Msg
	// VariableOrigins names where each root variable's value came from
	// (a tfvars file, -var), for evidence.
	VariableOrigins map[string]string
}

// Evaluation says how the inventory's configuration values were found:
// every report shows it.
type Evaluation struct {
	// Mode is "sources" (evaluated from the configuration) or
	// "plan_json" (plan JSON alone: values read through references are
	// inferred).
	Mode string `json:"mode"`
	// Origin names the sources, in English; Sources ("binary_plan" or
	// "directory") and Path say the same for programs.
	Origin  string `json:"origin,omitempty"`
	Sources string `json:"sources,omitempty"`
	Path    string `json:"path,omitempty"`
	// Note says what the mode means for the verdicts.
	Note string `json:"note"`
	// State identifies the deployed state checked (Mode "state").
	State *StateRef `json:"state,omitempty"`
}

// Evaluation modes.
const (
	EvaluatedFromSources = "sources"
	EvaluatedFromJSON    = "plan_json"
	// EvaluatedFromConfigOnly is a check of a configuration directory
	// without a plan.
	EvaluatedFromConfigOnly = "configuration_only"
)

func evaluation(opts Options) *Evaluation {
	if opts.State != nil {
		return stateEvaluation(opts.State)
	}
	if opts.ConfigOnly && opts.Sources != nil {
		return &Evaluation{Mode: EvaluatedFromConfigOnly, Origin: opts.Sources.Origin, Sources: opts.Sources.Kind, Path: opts.Sources.Path,
			Note: "configuration only, no plan: values evaluated from the sources; what only a plan knows (attributes the provider computes, data sources, an unknown count or for_each, modules not downloaded) is unknown"}
	}
	if opts.Sources != nil {
		return &Evaluation{Mode: EvaluatedFromSources, Origin: opts.Sources.Origin, Sources: opts.Sources.Kind, Path: opts.Sources.Path,
			Note: "configuration values evaluated from the sources with Terraform's semantics"}
	}
	return &Evaluation{Mode: EvaluatedFromJSON,
		Note: "plan JSON alone: a value read through references is inferred, which can reveal a breach but never show compliance; give the binary plan file or --config-dir"}
}

// newEvaluator evaluates the sources against the plan's values.
func newEvaluator(p *tfjson.Plan, opts Options) *tfconfig.Evaluator {
	if opts.Sources == nil {
		return nil
	}
	vars := map[string]any{}
	for k, v := range p.Variables {
		if v != nil {
			vars[k] = v.Value
		}
	}
	type key struct{ module, resource string }
	index := map[key][]*tfjson.ResourceChange{}
	for _, rc := range p.ResourceChanges {
		if rc == nil || rc.Change == nil || rc.DeposedKey != "" {
			continue
		}
		module, res, _, ok := tfconfig.ParseResourceAddress(rc.Address)
		if !ok {
			continue
		}
		k := key{module, res}
		index[k] = append(index[k], rc)
	}
	// Data sources read while planning are in the prior state only.
	read := map[key][]*tfjson.StateResource{}
	if p.PriorState != nil && p.PriorState.Values != nil && p.PriorState.Values.RootModule != nil {
		for _, sr := range p.PriorState.Values.RootModule.Resources {
			if module, res, _, ok := tfconfig.ParseResourceAddress(sr.Address); ok && sr.Mode == tfjson.DataResourceMode {
				k := key{module, res}
				read[k] = append(read[k], sr)
			}
		}
	}
	instances := func(module, resource string) []tfconfig.Instance {
		var out []tfconfig.Instance
		if len(index[key{module, resource}]) == 0 {
			for _, sr := range read[key{module, resource}] {
				_, _, k, _ := tfconfig.ParseResourceAddress(sr.Address)
				out = append(out, tfconfig.Instance{Key: k, Value: tfconfig.FromJSON(sr.AttributeValues)})
			}
			return out
		}
		for _, rc := range index[key{module, resource}] {
			_, _, k, _ := tfconfig.ParseResourceAddress(rc.Address)
			after, unknown := rc.Change.After, rc.Change.AfterUnknown
			if isDeleteOnly(rc) {
				after, unknown = rc.Change.Before, nil
			}
			out = append(out, tfconfig.Instance{Key: k, Value: tfconfig.FromPlanned(mapOf(after), mapOf(unknown))})
		}
		return out
	}
	return tfconfig.NewEvaluator(opts.Sources, tfconfig.Plan{Variables: vars, Instances: instances,
		Timestamp: p.Timestamp, Workspace: opts.Workspace, WorkspaceFrom: opts.WorkspaceFrom, ConfigOnly: opts.ConfigOnly, VariableOrigins: opts.VariableOrigins})
}

func isDeleteOnly(rc *tfjson.ResourceChange) bool {
	return len(rc.Change.Actions) == 1 && rc.Change.Actions[0] == tfjson.ActionDelete
}

// mapOf turns the reader's compact attribute lists into the map form the
// evaluator converts.
func mapOf(v any) any {
	if a, ok := v.(planfile.Attrs); ok {
		m := make(map[string]any, len(a))
		for _, e := range a {
			m[e.Key] = e.Value
		}
		return m
	}
	return v
}

// fromSources turns an evaluated value of the sources into the resolver's
// form: JSON-like values, known or not, with the evidence chain.
func fromSources(v *tfconfig.Value) evaluated {
	if v == nil || !v.Set {
		return evaluated{}
	}
	out := evaluated{set: true, evidence: v.Evidence}
	if v.Known() {
		if v.Val.IsNull() {
			// null is null: the argument is not set.
			return evaluated{evidence: out.evidence}
		}
		out.value, out.known = tfconfig.ToJSON(v.Val)
		return out
	}
	out.reason = v.Reason()
	return out
}

// sourceConf finds, from the sources, the provider configuration of a
// resource instance; it checks that the plan names the same one.
func (ix *configIndex) sourceConf(r *Resource) *providerConf {
	module, res, key, ok := tfconfig.ParseResourceAddress(r.Address)
	if !ok {
		return &providerConf{failed: i18n.M("ev.not_an_address", r.Address)}
	}
	ref, fail := ix.ev.ResourceProvider(module, res, key)
	if fail != nil {
		return &providerConf{failed: fail.Reason()}
	}
	k := ref.ConfigKey() + keyString(ref.Key)
	if c, ok := ix.confs["src\x00"+k]; ok {
		return c
	}
	c := &providerConf{key: ref.ConfigKey(), local: ref.Local, ref: ref}
	if ref.Alias != "" {
		c.local = ref.Local + "." + ref.Alias
	}
	ix.confs["src\x00"+k] = c
	if r.config != nil && r.config.res.ProviderConfigKey != "" && ix.resolvedKeys {
		pm, pl := tfaddr.CanonicalProviderKey(r.config.res.ProviderConfigKey)
		if tfaddr.JoinProviderKey(pm, pl) != ref.ConfigKey() {
			return &providerConf{key: ref.ConfigKey(), local: c.local, ref: ref,
				failed: i18n.M("ev.conf_mismatch", r.Address, tfaddr.JoinProviderKey(pm, pl), ref.ConfigKey())}
		}
	}
	return c
}

func keyString(k cty.Value) string {
	if k == cty.NilVal {
		return ""
	}
	return tfconfig.Render(k)
}

// KeepWith extends a filter of resource attributes with names the
// configuration's expressions read from other resources (all: keep
// every attribute). Keeping every attribute is a filter that accepts
// them all, not none: the reader then decodes each resource's values
// into Attrs as it does with any filter, where without one it decodes
// maps that the inventory copies (on a 100k plan, 96 MiB more live).
func KeepWith(keep func(string) bool, names map[string]bool, all bool) func(string) bool {
	if all {
		return keepAll
	}
	if len(names) == 0 {
		return keep
	}
	return func(attr string) bool { return names[attr] || keep(attr) }
}

func keepAll(string) bool { return true }

// KeepFor returns the filter of resource attributes the analysis reads
// with this catalog: location, replica and parent attributes of every
// provider, tags and labels, and the attributes resources are named by.
// The streaming reader decodes those and skips the others.
func KeepFor(cat *catalog.Catalog) func(string) bool {
	keep := map[string]bool{}
	add := func(path string) {
		first, _, _ := strings.Cut(path, ".")
		keep[strings.TrimSuffix(first, "[]")] = true
	}
	for _, p := range cat.Providers() {
		for _, a := range p.ResourceAttributes {
			add(a.Path)
		}
		for _, a := range p.ParentAttributes {
			add(a)
		}
	}
	for _, a := range cat.TypeAttributes() {
		add(a)
	}
	for _, a := range genericAttributes {
		add(a.Path)
	}
	for _, a := range append(append([]string{}, tagAttributes...), identityAttributes...) {
		add(a)
	}
	return func(attr string) bool { return keep[attr] }
}
