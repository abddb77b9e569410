package main

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// schemaServer answers GetProviderSchema itself for the resource types,
// straight from their typeSpecs. The framework's own answer builds and
// validates every type's framework schema, which takes over a second for
// hashicorp/aws's 1,526 types, on every Terraform command; the framework
// still builds the schema of a type when a request about it comes (plan,
// apply), and TestProtoSchemas holds both to the same structure.
type schemaServer struct {
	tfprotov6.ProviderServer
	spec *providerSpec
}

func newSchemaServer(spec *providerSpec) tfprotov6.ProviderServer {
	return schemaServer{ProviderServer: providerserver.NewProtocol6(&testProvider{spec: spec})(), spec: spec}
}

func (s schemaServer) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	// The provider block, data sources and capabilities from the
	// framework, with no resource types to build.
	small := providerserver.NewProtocol6(&testProvider{spec: s.spec, noResources: true})()
	resp, err := small.GetProviderSchema(ctx, req)
	if err != nil || resp == nil {
		return resp, err
	}
	resp.ResourceSchemas = map[string]*tfprotov6.Schema{}
	for _, name := range s.spec.resourceNames() {
		t, _ := s.spec.resource(name)
		resp.ResourceSchemas[name] = protoSchema(t)
	}
	return resp, nil
}

// protoSchema is the protocol schema the framework serves for
// resourceSchema(t).
func protoSchema(t typeSpec) *tfprotov6.Schema {
	if !t.has("id") && !t.real {
		t = t.with("id~")
	}
	return &tfprotov6.Schema{Block: protoBlockOf(t.attrs, t.blocks, "A resource of the trustcloud test provider.")}
}

func protoBlockOf(attrs []attrSpec, blocks []blockSpec, desc string) *tfprotov6.SchemaBlock {
	b := &tfprotov6.SchemaBlock{Description: desc, DescriptionKind: tfprotov6.StringKindPlain}
	for _, a := range attrs {
		b.Attributes = append(b.Attributes, protoAttrOf(a))
	}
	sort.Slice(b.Attributes, func(i, j int) bool { return b.Attributes[i].Name < b.Attributes[j].Name })
	for _, nb := range blocks {
		mode := tfprotov6.SchemaNestedBlockNestingModeList
		switch nb.mode {
		case nestSet:
			mode = tfprotov6.SchemaNestedBlockNestingModeSet
		case nestSingle:
			mode = tfprotov6.SchemaNestedBlockNestingModeSingle
		}
		b.BlockTypes = append(b.BlockTypes, &tfprotov6.SchemaNestedBlock{TypeName: nb.name, Nesting: mode, Block: protoBlockOf(nb.attrs, nb.blocks, description)})
	}
	sort.Slice(b.BlockTypes, func(i, j int) bool { return b.BlockTypes[i].TypeName < b.BlockTypes[j].TypeName })
	return b
}

func protoAttrOf(a attrSpec) *tfprotov6.SchemaAttribute {
	pa := &tfprotov6.SchemaAttribute{Name: a.name, Required: a.required, Optional: a.optional, Computed: a.computed,
		Sensitive: a.sensitive, WriteOnly: a.writeOnly, Description: description, DescriptionKind: tfprotov6.StringKindPlain}
	if a.nested == nil {
		pa.Type = a.tfType()
		return pa
	}
	mode := tfprotov6.SchemaObjectNestingModeList
	switch a.nested.mode {
	case nestSet:
		mode = tfprotov6.SchemaObjectNestingModeSet
	case nestSingle:
		mode = tfprotov6.SchemaObjectNestingModeSingle
	case nestMap:
		mode = tfprotov6.SchemaObjectNestingModeMap
	}
	obj := &tfprotov6.SchemaObject{Nesting: mode}
	for _, sub := range a.nested.attrs {
		obj.Attributes = append(obj.Attributes, protoAttrOf(sub))
	}
	sort.Slice(obj.Attributes, func(i, j int) bool { return obj.Attributes[i].Name < obj.Attributes[j].Name })
	pa.NestedType = obj
	return pa
}
