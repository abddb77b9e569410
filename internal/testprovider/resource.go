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
		// SDKv2 Defaults: the real provider plans them for optional
		// attributes the configuration leaves out.
		for _, a := range r.typ().attrs {
			if a.sdkDefault == "" {
				continue
			}
			if c, set := config[a.name]; set && !c.IsNull() {
				continue
			}
			if v, ok := primitiveVal(a.tfType(), a.sdkDefault); ok {
				m[a.name] = v
			}
		}
	}
	for _, hook := range r.spec.hooks {
		hook(r.cfg, r.typ(), m)
	}
	resp.Plan.Raw = tftypes.NewValue(planned.Type(), m)
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
