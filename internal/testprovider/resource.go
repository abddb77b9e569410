package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"

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
	_ resource.Resource                = (*genericResource)(nil)
	_ resource.ResourceWithConfigure   = (*genericResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*genericResource)(nil)
	_ resource.ResourceWithImportState = (*genericResource)(nil)
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

// ImportState imports an object, for `import` blocks and `terraform
// import`. There is no cloud to read it from: an id that is a JSON object
// gives the object's attributes (`id = jsonencode({bucket = "b", tags =
// {…}})`), so that a scenario can import an object as the cloud has it;
// any other id is the object's id alone. Location attributes left out are
// the provider configuration's, as the real providers read them back.
func (r *genericResource) ImportState(_ context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	typ := resp.State.Raw.Type()
	values := map[string]tftypes.Value{}
	id := req.ID
	if strings.HasPrefix(strings.TrimSpace(req.ID), "{") {
		var doc any
		err := json.Unmarshal([]byte(req.ID), &doc)
		var v tftypes.Value
		if err == nil {
			v, err = fromJSON(typ, doc)
		}
		if err != nil {
			resp.Diagnostics.AddError("Cannot import "+r.typeName, "the import id is a JSON object but not one of "+r.typeName+"'s attributes: "+err.Error())
			return
		}
		values = objectAttrs(v)
		if s, ok := knownString(values["id"]); ok && s != "" {
			id = s
		} else {
			id = r.typeName + "-" + fingerprint(r.typeName, req.ID)
		}
	}
	obj, ok := typ.(tftypes.Object)
	if !ok {
		resp.Diagnostics.AddError("Cannot import "+r.typeName, "its schema is not an object")
		return
	}
	for name, t := range obj.AttributeTypes {
		if _, set := values[name]; !set {
			values[name] = tftypes.NewValue(t, nil)
		}
	}
	if _, ok := obj.AttributeTypes["id"]; ok {
		values["id"] = stringVal(id)
	}
	for attr, from := range r.spec.fill {
		if v, ok := values[attr]; ok && v.IsNull() && r.cfg != nil {
			if s, known := knownString(r.cfg.get(from...)); known {
				values[attr] = stringVal(s)
			}
		}
	}
	resp.State.Raw = tftypes.NewValue(typ, values)
}

// fromJSON is a decoded JSON value as a value of type t; attributes an
// object leaves out are null.
func fromJSON(t tftypes.Type, v any) (tftypes.Value, error) {
	if v == nil {
		return tftypes.NewValue(t, nil), nil
	}
	switch {
	case t.Is(tftypes.String):
		if s, ok := v.(string); ok {
			return stringVal(s), nil
		}
	case t.Is(tftypes.Bool):
		if b, ok := v.(bool); ok {
			return tftypes.NewValue(t, b), nil
		}
	case t.Is(tftypes.Number):
		if f, ok := v.(float64); ok {
			return tftypes.NewValue(t, new(big.Float).SetFloat64(f)), nil
		}
	}
	var elem tftypes.Type
	switch tt := t.(type) {
	case tftypes.List:
		elem = tt.ElementType
	case tftypes.Set:
		elem = tt.ElementType
	case tftypes.Map:
		m, ok := v.(map[string]any)
		if !ok {
			break
		}
		out := map[string]tftypes.Value{}
		for k, e := range m {
			ev, err := fromJSON(tt.ElementType, e)
			if err != nil {
				return tftypes.Value{}, fmt.Errorf("%s: %w", k, err)
			}
			out[k] = ev
		}
		return tftypes.NewValue(t, out), nil
	case tftypes.Object:
		m, ok := v.(map[string]any)
		if !ok {
			break
		}
		out := map[string]tftypes.Value{}
		for k, at := range tt.AttributeTypes {
			av, err := fromJSON(at, m[k])
			if err != nil {
				return tftypes.Value{}, fmt.Errorf("%s: %w", k, err)
			}
			out[k] = av
		}
		for k := range m {
			if _, ok := tt.AttributeTypes[k]; !ok {
				return tftypes.Value{}, fmt.Errorf("no attribute %q", k)
			}
		}
		return tftypes.NewValue(t, out), nil
	}
	if elem != nil {
		if list, ok := v.([]any); ok {
			out := make([]tftypes.Value, len(list))
			for i, e := range list {
				ev, err := fromJSON(elem, e)
				if err != nil {
					return tftypes.Value{}, fmt.Errorf("[%d]: %w", i, err)
				}
				out[i] = ev
			}
			return tftypes.NewValue(t, out), nil
		}
	}
	return tftypes.Value{}, fmt.Errorf("%v is not a %s", v, t)
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
