package main

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/numberplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const description = "Mimics the attribute of the same name in the real provider; the test provider stores what it is given."

// resourceSchema turns a typeSpec into a framework resource schema. Every
// resource gets a computed id. Computed values are kept from the prior
// state on update, as SDKv2 providers do, so that an unrelated change does
// not make them unknown.
func resourceSchema(t typeSpec) rschema.Schema {
	s := rschema.Schema{Description: "A resource of the trustcloud test provider.", Attributes: map[string]rschema.Attribute{}, Blocks: map[string]rschema.Block{}}
	if !t.has("id") {
		t = t.with("id~")
	}
	for _, a := range t.attrs {
		s.Attributes[a.name] = resourceAttr(a, true)
	}
	for _, b := range t.blocks {
		s.Blocks[b.name] = resourceBlock(b)
	}
	return s
}

func resourceBlock(b blockSpec) rschema.Block {
	obj := rschema.NestedBlockObject{Attributes: map[string]rschema.Attribute{}, Blocks: map[string]rschema.Block{}}
	for _, a := range b.attrs {
		obj.Attributes[a.name] = resourceAttr(a, false)
	}
	for _, nb := range b.blocks {
		obj.Blocks[nb.name] = resourceBlock(nb)
	}
	return rschema.ListNestedBlock{Description: description, NestedObject: obj, Validators: maxItems(b.max)}
}

func maxItems(max int) []validator.List {
	if max == 0 {
		return nil
	}
	return []validator.List{listvalidator.SizeAtMost(max)}
}

// placement names the top-level attributes whose change forces a new
// resource.
var placement = map[string]bool{"region": true, "location": true, "zone": true, "availability_zone": true,
	"subregion_name": true, "placement_subregion_name": true}

// resourceAttr builds one attribute; keep says whether a computed value is
// kept from the prior state (top-level attributes only: nested blocks are
// planned whole).
func resourceAttr(a attrSpec, keep bool) rschema.Attribute {
	keep = keep && a.computed
	switch a.kind {
	case kindMap:
		r := rschema.MapAttribute{ElementType: types.StringType, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.Map{mapplanmodifier.UseStateForUnknown()}
		}
		return r
	case kindList:
		r := rschema.ListAttribute{ElementType: types.StringType, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.List{listplanmodifier.UseStateForUnknown()}
		}
		return r
	case kindSet:
		r := rschema.SetAttribute{ElementType: types.StringType, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.Set{setplanmodifier.UseStateForUnknown()}
		}
		return r
	case kindInt:
		r := rschema.Int64Attribute{Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
		}
		return r
	case kindNumber:
		r := rschema.NumberAttribute{Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.Number{numberplanmodifier.UseStateForUnknown()}
		}
		return r
	case kindBool:
		r := rschema.BoolAttribute{Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()}
		}
		return r
	default:
		r := rschema.StringAttribute{Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
		}
		if placement[a.name] {
			// As in the real providers, moving a resource to another
			// region or zone replaces it.
			r.PlanModifiers = append(r.PlanModifiers, stringplanmodifier.RequiresReplace())
		}
		if a.def != "" {
			r.Default = stringdefault.StaticString(a.def)
		}
		return r
	}
}

// dataSourceSchema turns a typeSpec into a framework data source schema.
func dataSourceSchema(t typeSpec) dschema.Schema {
	s := dschema.Schema{Description: "A data source of the trustcloud test provider.", Attributes: map[string]dschema.Attribute{}, Blocks: map[string]dschema.Block{}}
	if !t.has("id") {
		t = t.with("id~")
	}
	for _, a := range t.attrs {
		s.Attributes[a.name] = dataSourceAttr(a)
	}
	for _, b := range t.blocks {
		s.Blocks[b.name] = dataSourceBlock(b)
	}
	return s
}

func dataSourceBlock(b blockSpec) dschema.Block {
	obj := dschema.NestedBlockObject{Attributes: map[string]dschema.Attribute{}, Blocks: map[string]dschema.Block{}}
	for _, a := range b.attrs {
		obj.Attributes[a.name] = dataSourceAttr(a)
	}
	for _, nb := range b.blocks {
		obj.Blocks[nb.name] = dataSourceBlock(nb)
	}
	return dschema.ListNestedBlock{Description: description, NestedObject: obj, Validators: maxItems(b.max)}
}

func dataSourceAttr(a attrSpec) dschema.Attribute {
	switch a.kind {
	case kindMap:
		return dschema.MapAttribute{ElementType: types.StringType, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
	case kindList:
		return dschema.ListAttribute{ElementType: types.StringType, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
	case kindSet:
		return dschema.SetAttribute{ElementType: types.StringType, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
	case kindInt:
		return dschema.Int64Attribute{Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
	case kindNumber:
		return dschema.NumberAttribute{Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
	case kindBool:
		return dschema.BoolAttribute{Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
	default:
		return dschema.StringAttribute{Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
	}
}

// providerSchema turns a typeSpec into a provider block schema; provider
// attributes are never computed.
func providerSchema(t typeSpec) pschema.Schema {
	s := pschema.Schema{Description: "A provider of the trustcloud test provider binary.", Attributes: map[string]pschema.Attribute{}, Blocks: map[string]pschema.Block{}}
	for _, a := range t.attrs {
		s.Attributes[a.name] = providerAttr(a)
	}
	for _, b := range t.blocks {
		s.Blocks[b.name] = providerBlock(b)
	}
	return s
}

func providerBlock(b blockSpec) pschema.Block {
	obj := pschema.NestedBlockObject{Attributes: map[string]pschema.Attribute{}, Blocks: map[string]pschema.Block{}}
	for _, a := range b.attrs {
		obj.Attributes[a.name] = providerAttr(a)
	}
	for _, nb := range b.blocks {
		obj.Blocks[nb.name] = providerBlock(nb)
	}
	return pschema.ListNestedBlock{Description: description, NestedObject: obj, Validators: maxItems(b.max)}
}

func providerAttr(a attrSpec) pschema.Attribute {
	switch a.kind {
	case kindMap:
		return pschema.MapAttribute{ElementType: types.StringType, Required: a.required, Optional: !a.required, Sensitive: a.sensitive, Description: description}
	case kindList:
		return pschema.ListAttribute{ElementType: types.StringType, Required: a.required, Optional: !a.required, Sensitive: a.sensitive, Description: description}
	case kindSet:
		return pschema.SetAttribute{ElementType: types.StringType, Required: a.required, Optional: !a.required, Sensitive: a.sensitive, Description: description}
	case kindInt:
		return pschema.Int64Attribute{Required: a.required, Optional: !a.required, Sensitive: a.sensitive, Description: description}
	case kindNumber:
		return pschema.NumberAttribute{Required: a.required, Optional: !a.required, Sensitive: a.sensitive, Description: description}
	case kindBool:
		return pschema.BoolAttribute{Required: a.required, Optional: !a.required, Sensitive: a.sensitive, Description: description}
	default:
		return pschema.StringAttribute{Required: a.required, Optional: !a.required, Sensitive: a.sensitive, Description: description}
	}
}
