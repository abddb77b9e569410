package main

import (
	"context"
	"os"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
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
	// defaults computes a top-level provider attribute that the provider
	// block leaves null, as the real provider does from its environment
	// variables or shared configuration files (AWS_REGION, GOOGLE_REGION …).
	// The block wins over these, as in the SDK's DefaultFunc.
	defaults map[string]func(p *providerConfig) (string, bool)
	// land tells where a created resource is, from the provider
	// configuration and the resource's state (see landing.go). Providers
	// without one (random, null, tls, time) create nothing in a cloud.
	land landFunc
	// version is the release of the real provider mimicked, when a
	// table differs between major versions (hashicorp/aws 5 and 6).
	version string
	// check fails Configure, as the real provider does when an argument
	// it needs is missing from both the block and the environment
	// (NumSpot's numspot_host).
	check func(p *providerConfig) []configError
	// real is the real provider's schema, when the repository has it:
	// every resource type it has is served with its structure (see
	// realschema.go), and resources only adds behaviour.
	real *realSchema
	// extend changes a served type after the overlay: the AWS 6.x region.
	extend func(name string, t typeSpec) typeSpec

	mu    sync.Mutex
	built map[string]typeSpec
}

// configError is an error of the provider configuration, on one of its
// top-level arguments.
type configError struct {
	attr, summary, detail string
}

// planHook sets planned attributes of a resource being created or updated.
type planHook func(p *providerConfig, t typeSpec, planned map[string]tftypes.Value)

// providerConfig is a configured provider: the spec and the provider block
// as Terraform sent it (values may be unknown during plan).
type providerConfig struct {
	spec *providerSpec
	raw  tftypes.Value
	// getenv reads the environment of the provider process (which
	// Terraform passes on from its own); tests replace it.
	getenv func(string) string
}

// get returns the value at a path of the provider block; a top-level
// attribute that the block leaves null takes the spec's default (from the
// environment), as in the real provider.
func (p *providerConfig) get(path ...string) tftypes.Value {
	if p == nil {
		return tftypes.NewValue(tftypes.DynamicPseudoType, nil)
	}
	v := lookup(p.raw, path...)
	if len(path) == 1 && v.IsKnown() && v.IsNull() {
		if def := p.spec.defaults[path[0]]; def != nil {
			if s, ok := def(p); ok {
				return stringVal(s)
			}
		}
	}
	return v
}

// str is the known, non-empty string at a path of the provider block
// (defaults included).
func (p *providerConfig) str(path ...string) (string, bool) {
	s, ok := knownString(p.get(path...))
	return s, ok && s != ""
}

// env reads an environment variable of the provider process.
func (p *providerConfig) env(name string) string {
	if p == nil || p.getenv == nil {
		return os.Getenv(name)
	}
	return p.getenv(name)
}

type testProvider struct {
	spec *providerSpec
	// noResources serves the provider block and data sources only (see
	// schemaServer).
	noResources bool
}

var _ provider.Provider = (*testProvider)(nil)

func (p *testProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = p.spec.typeName
	resp.Version = "0.0.0-test"
	if p.spec.version != "" {
		resp.Version = p.spec.version
	}
}

func (p *testProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerSchema(p.spec.config)
}

func (p *testProvider) Configure(_ context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	cfg := &providerConfig{spec: p.spec, raw: req.Config.Raw}
	if p.spec.check != nil {
		for _, e := range p.spec.check(cfg) {
			resp.Diagnostics.AddAttributeError(path.Root(e.attr), e.summary, e.detail)
		}
		if resp.Diagnostics.HasError() {
			return
		}
	}
	resp.ResourceData = cfg
	resp.DataSourceData = cfg
}

func (p *testProvider) Resources(context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	if p.noResources {
		return nil
	}
	for _, name := range p.spec.resourceNames() {
		out = append(out, func() resource.Resource { return &genericResource{spec: p.spec, typeName: name} })
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
