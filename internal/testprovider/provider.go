package main

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// providerSpec describes one provider served by the binary: its source
// address, provider block, resource and data source tables, and the plan
// behaviour of the real provider that matters to trustcloud (where a
// resource's location and tags come from).
type providerSpec struct {
	// typeName is the provider type, e.g. "aws" (the binary is invoked as
	// terraform-provider-aws).
	typeName string
	// source is the registry source address, e.g. "hashicorp/aws".
	source      string
	config      typeSpec
	resources   map[string]typeSpec
	dataSources map[string]typeSpec
	// fill maps a resource attribute to the provider block attribute path
	// whose value it takes at plan when the configuration leaves it out
	// (the AWS v6 top-level region, Google's zone, region and project).
	fill map[string][]string
	// normalize rewrites string attributes of that name at any depth of
	// every resource, like the real provider's StateFunc.
	normalize map[string]func(string) string
	// hooks compute other planned attributes (tags_all, effective_labels).
	hooks []planHook
	// applied sets attributes the real provider learns only on create
	// (the availability zone AWS picked, the zone Scaleway defaulted to),
	// so that a prior state looks like a real one.
	applied func(p *providerConfig, state map[string]tftypes.Value)
	// legacy marks providers that are SDKv2-based in reality: they may plan
	// a value that differs from the configuration (normalisation).
	legacy bool
}

// planHook sets planned attributes of a resource being created or updated.
type planHook func(p *providerConfig, t typeSpec, planned map[string]tftypes.Value)

// providerConfig is a configured provider: the spec and the provider block
// as Terraform sent it (values may be unknown during plan).
type providerConfig struct {
	spec *providerSpec
	raw  tftypes.Value
}

// get returns the value at a path of the provider block.
func (p *providerConfig) get(path ...string) tftypes.Value {
	if p == nil {
		return tftypes.NewValue(tftypes.DynamicPseudoType, nil)
	}
	return lookup(p.raw, path...)
}

type testProvider struct {
	spec *providerSpec
}

var _ provider.Provider = (*testProvider)(nil)

func (p *testProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = p.spec.typeName
	resp.Version = "0.0.0-test"
}

func (p *testProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerSchema(p.spec.config)
}

func (p *testProvider) Configure(_ context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	cfg := &providerConfig{spec: p.spec, raw: req.Config.Raw}
	resp.ResourceData = cfg
	resp.DataSourceData = cfg
}

func (p *testProvider) Resources(context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, name := range sortedKeys(p.spec.resources) {
		t := p.spec.resources[name]
		out = append(out, func() resource.Resource { return &genericResource{spec: p.spec, typeName: name, t: t} })
	}
	return out
}

func (p *testProvider) DataSources(context.Context) []func() datasource.DataSource {
	var out []func() datasource.DataSource
	for _, name := range sortedKeys(p.spec.dataSources) {
		t := p.spec.dataSources[name]
		out = append(out, func() datasource.DataSource { return &genericDataSource{spec: p.spec, typeName: name, t: t} })
	}
	return out
}

// setIfUnknown sets a top-level string attribute that is unknown, when the
// value is known.
func setIfUnknown(m map[string]tftypes.Value, attr string, value tftypes.Value) {
	v, ok := m[attr]
	if !ok || v.IsKnown() {
		return
	}
	if s, known := knownString(value); known {
		m[attr] = stringVal(s)
	}
}
