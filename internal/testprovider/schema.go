package main

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/dynamicplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/numberplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

const description = "Mimics the attribute of the same name in the real provider; the test provider stores what it is given."

// resourceSchema turns a typeSpec into a framework resource schema. A type
// of the notation gets a computed id; a real provider's type is served as
// its schema says. Computed values are kept from the prior state on
// update, as SDKv2 providers do, so that an unrelated change does not make
// them unknown.
func resourceSchema(t typeSpec) rschema.Schema {
	s := rschema.Schema{Description: "A resource of the trustcloud test provider.", Attributes: map[string]rschema.Attribute{}, Blocks: map[string]rschema.Block{}}
	if !t.has("id") && !t.real {
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
	switch b.mode {
	case nestSet:
		return rschema.SetNestedBlock{Description: description, NestedObject: obj, Validators: setSize(b.min, b.max)}
	case nestSingle:
		return rschema.SingleNestedBlock{Description: description, Attributes: obj.Attributes, Blocks: obj.Blocks}
	default:
		return rschema.ListNestedBlock{Description: description, NestedObject: obj, Validators: listSize(b.min, b.max)}
	}
}

// listSize and setSize check a block's number of elements. A minimum is
// not enforced: the framework validates it before the configuration's
// unknown values are known, which a real (SDKv2) provider does not.
func listSize(_, max int) []validator.List {
	if max == 0 {
		return nil
	}
	return []validator.List{listvalidator.SizeAtMost(max)}
}

func setSize(_, max int) []validator.Set {
	if max == 0 {
		return nil
	}
	return []validator.Set{setvalidator.SizeAtMost(max)}
}

func maxItems(max int) []validator.List { return listSize(0, max) }

// placement names the top-level attributes whose change forces a new
// resource.
var placement = map[string]bool{"region": true, "location": true, "zone": true, "availability_zone": true,
	"subregion_name": true, "placement_subregion_name": true}

// tfType is the attribute's Terraform type.
func (a attrSpec) tfType() tftypes.Type {
	if a.typ != nil {
		return a.typ
	}
	switch a.kind {
	case kindMap:
		return tftypes.Map{ElementType: tftypes.String}
	case kindList:
		return tftypes.List{ElementType: tftypes.String}
	case kindSet:
		return tftypes.Set{ElementType: tftypes.String}
	case kindInt, kindNumber:
		return tftypes.Number
	case kindBool:
		return tftypes.Bool
	default:
		return tftypes.String
	}
}

// attrType is the framework type of a Terraform type.
func attrType(t tftypes.Type) attr.Type {
	switch tt := t.(type) {
	case tftypes.List:
		return types.ListType{ElemType: attrType(tt.ElementType)}
	case tftypes.Set:
		return types.SetType{ElemType: attrType(tt.ElementType)}
	case tftypes.Map:
		return types.MapType{ElemType: attrType(tt.ElementType)}
	case tftypes.Object:
		at := make(map[string]attr.Type, len(tt.AttributeTypes))
		for k, v := range tt.AttributeTypes {
			at[k] = attrType(v)
		}
		return types.ObjectType{AttrTypes: at}
	}
	switch {
	case t.Is(tftypes.String):
		return types.StringType
	case t.Is(tftypes.Number):
		return types.NumberType
	case t.Is(tftypes.Bool):
		return types.BoolType
	default:
		return types.DynamicType
	}
}

// resourceAttr builds one attribute; keep says whether a computed value is
// kept from the prior state (top-level attributes only: nested blocks are
// planned whole).
func resourceAttr(a attrSpec, keep bool) rschema.Attribute {
	keep = keep && a.computed
	if a.nested != nil {
		return nestedResourceAttr(a, keep)
	}
	if a.typ == nil && a.kind == kindInt {
		r := rschema.Int64Attribute{Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
		}
		return r
	}
	switch t := a.tfType().(type) {
	case tftypes.Map:
		r := rschema.MapAttribute{ElementType: attrType(t.ElementType), Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, WriteOnly: a.writeOnly, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.Map{mapplanmodifier.UseStateForUnknown()}
		}
		return r
	case tftypes.List:
		r := rschema.ListAttribute{ElementType: attrType(t.ElementType), Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, WriteOnly: a.writeOnly, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.List{listplanmodifier.UseStateForUnknown()}
		}
		return r
	case tftypes.Set:
		r := rschema.SetAttribute{ElementType: attrType(t.ElementType), Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.Set{setplanmodifier.UseStateForUnknown()}
		}
		return r
	case tftypes.Object:
		at := attrType(t).(types.ObjectType)
		r := rschema.ObjectAttribute{AttributeTypes: at.AttrTypes, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, WriteOnly: a.writeOnly, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.Object{objectplanmodifier.UseStateForUnknown()}
		}
		return r
	}
	t := a.tfType()
	switch {
	case t.Is(tftypes.Number):
		r := rschema.NumberAttribute{Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, WriteOnly: a.writeOnly, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.Number{numberplanmodifier.UseStateForUnknown()}
		}
		return r
	case t.Is(tftypes.Bool):
		r := rschema.BoolAttribute{Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, WriteOnly: a.writeOnly, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()}
		}
		return r
	case t.Is(tftypes.String):
		r := rschema.StringAttribute{Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, WriteOnly: a.writeOnly, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
		}
		if placement[a.name] && !a.writeOnly {
			// As in the real providers, moving a resource to another
			// region or zone replaces it.
			r.PlanModifiers = append(r.PlanModifiers, stringplanmodifier.RequiresReplace())
		}
		if a.def != "" {
			r.Default = stringdefault.StaticString(a.def)
		}
		return r
	default:
		r := rschema.DynamicAttribute{Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, WriteOnly: a.writeOnly, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.Dynamic{dynamicplanmodifier.UseStateForUnknown()}
		}
		return r
	}
}

// nestedResourceAttr builds a protocol-6 nested attribute.
func nestedResourceAttr(a attrSpec, keep bool) rschema.Attribute {
	obj := rschema.NestedAttributeObject{Attributes: map[string]rschema.Attribute{}}
	for _, sub := range a.nested.attrs {
		obj.Attributes[sub.name] = resourceAttr(sub, false)
	}
	switch a.nested.mode {
	case nestSet:
		r := rschema.SetNestedAttribute{NestedObject: obj, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.Set{setplanmodifier.UseStateForUnknown()}
		}
		return r
	case nestSingle:
		r := rschema.SingleNestedAttribute{Attributes: obj.Attributes, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.Object{objectplanmodifier.UseStateForUnknown()}
		}
		return r
	case nestMap:
		r := rschema.MapNestedAttribute{NestedObject: obj, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.Map{mapplanmodifier.UseStateForUnknown()}
		}
		return r
	default:
		r := rschema.ListNestedAttribute{NestedObject: obj, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.sensitive, Description: description}
		if keep {
			r.PlanModifiers = []planmodifier.List{listplanmodifier.UseStateForUnknown()}
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
