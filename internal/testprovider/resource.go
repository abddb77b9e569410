package main

import (
	"context"
	"fmt"
	"math/big"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// genericResource serves any resource type of a table. It plans like the
// real provider where trustcloud cares (location defaults, normalisation,
// tags) and "creates" by storing the plan with generated values, so that
// `terraform apply` works without a cloud.
type genericResource struct {
	spec     *providerSpec
	typeName string
	cfg      *providerConfig
}

// typ is the resource type's schema and behaviour, built when first
// needed (Terraform asks for a few of the provider's types).
func (r *genericResource) typ() typeSpec {
	t, _ := r.spec.resource(r.typeName)
	return t
}

var (
	_ resource.Resource               = (*genericResource)(nil)
	_ resource.ResourceWithConfigure  = (*genericResource)(nil)
	_ resource.ResourceWithModifyPlan = (*genericResource)(nil)
)

func (r *genericResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.typeName
}

func (r *genericResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(r.typ())
}

func (r *genericResource) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	if cfg, ok := req.ProviderData.(*providerConfig); ok {
		r.cfg = cfg
	}
}

// ModifyPlan applies the provider's plan-time behaviour to a resource being
// created or updated.
func (r *genericResource) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	planned, err := r.normalize(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Cannot normalise the plan", err.Error())
		return
	}
	m := objectAttrs(planned)
	if m == nil {
		return
	}
	config := objectAttrs(req.Config.Raw)
	for attr, from := range r.spec.fill {
		a, ok := r.typ().attr(attr)
		if !ok || !a.computed || !a.optional || a.kind != kindString {
			continue
		}
		if c, set := config[attr]; set && !c.IsNull() {
			continue
		}
		pv := r.cfg.get(from...)
		if s, known := knownString(pv); known {
			m[attr] = stringVal(s)
		} else if !pv.IsKnown() {
			m[attr] = unknownOf(tftypes.String)
		}
	}
	if r.spec.legacy {
		t := r.typ()
		sdkDefaults(t.attrs, t.blocks, m)
		computedBlocks(t.blocks, config, objectAttrs(req.State.Raw), m)
	}
	for _, hook := range r.spec.hooks {
		hook(r.cfg, r.typ(), m)
	}
	resp.Plan.Raw = tftypes.NewValue(planned.Type(), m)
}

// sdkDefaults plans the SDKv2 Defaults of optional attributes that the
// configuration leaves out, at any depth of nested blocks, as a legacy
// provider does. Those attributes are not computed, so their planned value
// is the configuration's: null where it leaves them out.
func sdkDefaults(attrs []attrSpec, blocks []blockSpec, m map[string]tftypes.Value) {
	for _, a := range attrs {
		if a.sdkDefault == "" {
			continue
		}
		if v, set := m[a.name]; set && !v.IsNull() {
			continue
		}
		if v, ok := primitiveVal(a.tfType(), a.sdkDefault); ok {
			m[a.name] = v
		}
	}
	for _, b := range blocks {
		v, ok := m[b.name]
		if !ok || !hasDefaults(b) {
			continue
		}
		m[b.name] = eachObject(v, func(obj map[string]tftypes.Value) { sdkDefaults(b.attrs, b.blocks, obj) })
	}
}

// hasDefaults reports whether a block or one nested in it has an attribute
// with an SDKv2 Default.
func hasDefaults(b blockSpec) bool {
	for _, a := range b.attrs {
		if a.sdkDefault != "" {
			return true
		}
	}
	for _, nb := range b.blocks {
		if hasDefaults(nb) {
			return true
		}
	}
	return false
}

// eachObject returns a block's value (a list or set of objects, or one
// object) with fn applied to each known object.
func eachObject(v tftypes.Value, fn func(map[string]tftypes.Value)) tftypes.Value {
	if v.IsNull() || !v.IsKnown() {
		return v
	}
	if obj := objectAttrs(v); obj != nil && v.Type().Is(tftypes.Object{}) {
		fn(obj)
		return tftypes.NewValue(v.Type(), obj)
	}
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		return v
	}
	out := make([]tftypes.Value, len(elems))
	for i, e := range elems {
		out[i] = e
		if obj := objectAttrs(e); obj != nil {
			fn(obj)
			out[i] = tftypes.NewValue(e.Type(), obj)
		}
	}
	return tftypes.NewValue(v.Type(), out)
}

// computedBlocks plans the SDKv2 Optional+Computed blocks (top level) that
// the configuration leaves out: unknown on create, the prior state's value
// on update, as a legacy provider does. A block the configuration writes,
// even through a dynamic block, is planned as written.
func computedBlocks(blocks []blockSpec, config, prior, m map[string]tftypes.Value) {
	for _, b := range blocks {
		planned, ok := m[b.name]
		if !b.computed || !ok || !emptyBlock(config[b.name]) {
			continue
		}
		if p, had := prior[b.name]; had {
			m[b.name] = p
		} else {
			m[b.name] = unknownOf(planned.Type())
		}
	}
}

// emptyBlock reports whether a block's configured value is null or an
// empty list or set: the configuration leaves it out.
func emptyBlock(v tftypes.Value) bool {
	if v.IsNull() {
		return true
	}
	if !v.IsKnown() || (!v.Type().Is(tftypes.List{}) && !v.Type().Is(tftypes.Set{})) {
		return false
	}
	var elems []tftypes.Value
	return v.As(&elems) == nil && len(elems) == 0
}

// normalize rewrites configured strings as the real provider's StateFunc
// does, by attribute name at any depth: a string attribute of that name, or
// each element of a list or set of strings of that name (the StateFunc of
// the element schema, as on google_storage_bucket's data_locations).
func (r *genericResource) normalize(v tftypes.Value) (tftypes.Value, error) {
	if len(r.spec.normalize) == 0 && len(r.typ().normalize) == 0 {
		return v, nil
	}
	return tftypes.Transform(v, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		steps := p.Steps()
		if len(steps) == 0 {
			return v, nil
		}
		last := steps[len(steps)-1]
		switch last.(type) {
		case tftypes.ElementKeyInt, tftypes.ElementKeyValue:
			if len(steps) > 1 && v.Type().Is(tftypes.String) {
				last = steps[len(steps)-2]
			}
		}
		name, ok := last.(tftypes.AttributeName)
		if !ok {
			return v, nil
		}
		fn := r.typ().normalize[string(name)]
		if fn == nil {
			fn = r.spec.normalize[string(name)]
		}
		if fn == nil {
			return v, nil
		}
		if s, known := knownString(v); known {
			return stringVal(fn(s)), nil
		}
		return v, nil
	})
}

// complete fills what the provider knows once the resource exists: values
// that were unknown at plan because the provider configuration was
// (the provider is configured with known values on apply), and the
// provider's applied hook.
func (r *genericResource) complete(planned tftypes.Value) tftypes.Value {
	m := objectAttrs(planned)
	if m == nil {
		return planned
	}
	for attr, from := range r.spec.fill {
		setIfUnknown(m, attr, r.cfg.get(from...))
	}
	if r.spec.applied != nil {
		r.spec.applied(r.cfg, m)
	}
	return tftypes.NewValue(planned.Type(), m)
}

func (r *genericResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	parts := []string{r.typeName, req.Plan.Raw.String()}
	if r.spec.version == awsVersion5 && r.cfg != nil {
		// A 5.x plan does not tell two regions apart (no region attribute):
		// the same resource under two provider configurations must still
		// get two ids, which join the landing records with the state. The
		// 6.x ids stay as they were: the committed scenario plans hold them.
		parts = append(parts, r.cfg.raw.String())
	}
	id := r.typeName + "-" + fingerprint(parts...)
	state, err := resolveUnknowns(r.complete(req.Plan.Raw), id)
	if err != nil {
		resp.Diagnostics.AddError("Cannot create "+r.typeName, err.Error())
		return
	}
	if err := r.recordLanding(state); err != nil {
		resp.Diagnostics.AddError("Cannot record where "+r.typeName+" lands", err.Error())
		return
	}
	resp.State.Raw = state
}

func (r *genericResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {
	// The state is the truth: there is no cloud behind this provider.
}

func (r *genericResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	id, _ := knownString(lookup(req.State.Raw, "id"))
	state, err := resolveUnknowns(r.complete(req.Plan.Raw), id)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot update %s %s", r.typeName, id), err.Error())
		return
	}
	if err := r.recordLanding(state); err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot record where %s %s lands", r.typeName, id), err.Error())
		return
	}
	resp.State.Raw = state
}

func (r *genericResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// primitiveVal is a default written as text, as a value of a primitive
// type.
func primitiveVal(t tftypes.Type, s string) (tftypes.Value, bool) {
	switch {
	case t.Is(tftypes.String):
		return stringVal(s), true
	case t.Is(tftypes.Bool):
		b, err := strconv.ParseBool(s)
		return tftypes.NewValue(tftypes.Bool, b), err == nil
	case t.Is(tftypes.Number):
		f, ok := new(big.Float).SetString(s)
		return tftypes.NewValue(tftypes.Number, f), ok
	}
	return tftypes.Value{}, false
}
