package main

import (
	"context"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestParseAttr(t *testing.T) {
	tests := []struct {
		decl string
		want attrSpec
	}{
		{"ami", attrSpec{name: "ami", optional: true}},
		{"ami!", attrSpec{name: "ami", required: true}},
		{"id~", attrSpec{name: "id", computed: true}},
		{"region?~", attrSpec{name: "region", optional: true, computed: true}},
		{"tags:map", attrSpec{name: "tags", kind: kindMap, optional: true}},
		{"size:int!", attrSpec{name: "size", kind: kindInt, required: true}},
		{"password*", attrSpec{name: "password", optional: true, sensitive: true}},
		{"result~*", attrSpec{name: "result", computed: true, sensitive: true}},
		{"location?~=global", attrSpec{name: "location", optional: true, computed: true, def: "global"}},
		{"x=y", attrSpec{name: "x", optional: true, sdkDefault: "y"}},
		{"geo:bool=true", attrSpec{name: "geo", kind: kindBool, optional: true, sdkDefault: "true"}},
	}
	for _, tt := range tests {
		t.Run(tt.decl, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, parseAttr(tt.decl), cmp.AllowUnexported(attrSpec{})); diff != "" {
				t.Errorf("parseAttr(%q) (-want +got):\n%s", tt.decl, diff)
			}
		})
	}
	for _, bad := range []string{"", ":map", "x:float", "x!~", "x!=y", "x~=y", "x:map=y", "n:int?~=3"} {
		t.Run("bad "+bad, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("parseAttr(%q) did not panic", bad)
				}
			}()
			parseAttr(bad)
		})
	}
}

// mapEnv is an environment made of a map only.
func mapEnv(env map[string]string) func(string) string {
	return func(name string) string { return env[name] }
}

func TestProviderVersion(t *testing.T) {
	for exe, want := range map[string]string{
		"/x/terraform-provider-aws":                     "",
		"/x/terraform-provider-aws_v5.100.0_x5":         "5.100.0",
		"terraform-provider-aws_v5.100.0":               "5.100.0",
		"terraform-provider-google-beta_v6.1.0":         "6.1.0",
		"/cache/providers/aws-5/terraform-provider-aws": "",
	} {
		if got := providerVersion(exe); got != want {
			t.Errorf("providerVersion(%q) = %q, want %q", exe, got, want)
		}
	}
	if v := lookupProvider("aws", "5.100.0").version; v != awsVersion5 {
		t.Errorf(`lookupProvider("aws", "5.100.0") serves %s`, v)
	}
	for _, version := range []string{"", "6.2.0", "4.67.0"} {
		if v := lookupProvider("aws", version).version; v != awsVersion6 {
			t.Errorf("lookupProvider(aws, %q) serves %s, want the 6.x tables", version, v)
		}
	}
}

func TestProviderName(t *testing.T) {
	for exe, want := range map[string]string{
		"/x/terraform-provider-aws":                     "aws",
		"terraform-provider-google-beta":                "google-beta",
		"terraform-provider-openstack_v3.0.0_x5":        "openstack",
		"/cache/providers/time/terraform-provider-time": "time",
	} {
		if got := providerName(exe); got != want {
			t.Errorf("providerName(%q) = %q, want %q", exe, got, want)
		}
	}
}

// Every table must make schemas Terraform accepts: GetProviderSchema runs
// the framework's own validation of every resource and data source.
func TestProviderSchemas(t *testing.T) {
	seen := map[string]bool{}
	for _, spec := range append(providers(), awsProviderVersion(awsVersion5)) {
		t.Run(spec.typeName+" "+spec.version, func(t *testing.T) {
			if seen[spec.source+spec.version] {
				t.Errorf("source %s served twice", spec.source)
			}
			seen[spec.source+spec.version] = true
			srv := providerserver.NewProtocol6(&testProvider{spec: spec})()
			resp, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range resp.Diagnostics {
				t.Errorf("%s: %s: %s", spec.typeName, d.Summary, d.Detail)
			}
			if len(resp.ResourceSchemas) != len(spec.resourceNames()) || len(resp.DataSourceSchemas) != len(spec.dataSources) {
				t.Errorf("%d resources and %d data sources served, want %d and %d",
					len(resp.ResourceSchemas), len(resp.DataSourceSchemas), len(spec.resourceNames()), len(spec.dataSources))
			}
			if lookupProvider(spec.typeName, spec.version) == nil {
				t.Errorf("lookupProvider(%q) = nil", spec.typeName)
			}
		})
	}
}

// planned runs the resource's ModifyPlan on a create whose configuration
// sets the given top-level attributes, with the given provider block.
func planned(t *testing.T, spec *providerSpec, typeName string, providerBlock, config map[string]tftypes.Value) map[string]tftypes.Value {
	t.Helper()
	return plannedEnv(t, spec, typeName, providerBlock, config, nil)
}

// plannedEnv is planned with the provider process's environment: env and
// nothing else (the developer's AWS_REGION must not change a test).
func plannedEnv(t *testing.T, spec *providerSpec, typeName string, providerBlock, config map[string]tftypes.Value, env map[string]string) map[string]tftypes.Value {
	t.Helper()
	ctx := context.Background()
	rt, ok := spec.resource(typeName)
	if !ok {
		t.Fatalf("%s serves no %s", spec.typeName, typeName)
	}
	r := &genericResource{spec: spec, typeName: typeName}
	pschema := providerSchema(spec.config)
	r.cfg = &providerConfig{spec: spec, raw: objectOf(t, pschema.Type().TerraformType(ctx), providerBlock), getenv: mapEnv(env)}

	schema := resourceSchema(rt)
	typ := schema.Type().TerraformType(ctx)
	cfg := objectOf(t, typ, config)
	// Terraform proposes computed attributes left out of the configuration
	// as unknown on create.
	proposed := map[string]tftypes.Value{}
	for name, v := range objectAttrs(cfg) {
		if a, ok := rt.attr(name); ok && a.computed && v.IsNull() {
			v = unknownOf(v.Type())
		} else if name == "id" {
			v = unknownOf(tftypes.String)
		}
		proposed[name] = v
	}
	plan := tftypes.NewValue(typ, proposed)
	req := resource.ModifyPlanRequest{
		Config: tfsdk.Config{Schema: schema, Raw: cfg},
		Plan:   tfsdk.Plan{Schema: schema, Raw: plan},
		State:  tfsdk.State{Schema: schema, Raw: tftypes.NewValue(typ, nil)},
	}
	resp := resource.ModifyPlanResponse{Plan: req.Plan}
	r.ModifyPlan(ctx, req, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("ModifyPlan: %v", resp.Diagnostics)
	}
	return objectAttrs(resp.Plan.Raw)
}

// objectOf builds an object of type typ with the given attributes, every
// other attribute null.
func objectOf(t *testing.T, typ tftypes.Type, set map[string]tftypes.Value) tftypes.Value {
	t.Helper()
	obj, ok := typ.(tftypes.Object)
	if !ok {
		t.Fatalf("%s is not an object type", typ)
	}
	attrs := map[string]tftypes.Value{}
	for name, at := range obj.AttributeTypes {
		if v, ok := set[name]; ok {
			attrs[name] = v
			continue
		}
		attrs[name] = tftypes.NewValue(at, nil)
	}
	for name := range set {
		if _, ok := obj.AttributeTypes[name]; !ok {
			t.Fatalf("no attribute %s", name)
		}
	}
	return tftypes.NewValue(typ, attrs)
}

func defaultTags(tags map[string]string) tftypes.Value {
	obj := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"tags": tftypes.Map{ElementType: tftypes.String}}}
	return tftypes.NewValue(tftypes.List{ElementType: obj}, []tftypes.Value{tftypes.NewValue(obj, map[string]tftypes.Value{"tags": stringMapVal(tags)})})
}

func TestPlanBehaviour(t *testing.T) {
	aws := awsProvider()
	t.Run("aws region and tags_all", func(t *testing.T) {
		got := planned(t, aws, "aws_s3_bucket",
			map[string]tftypes.Value{"region": stringVal("eu-west-3"), "default_tags": defaultTags(map[string]string{"data_sensitivity": "sensitive", "owner": "dsi"})},
			map[string]tftypes.Value{"bucket": stringVal("b"), "tags": stringMapVal(map[string]string{"owner": "team"})})
		if s, _ := knownString(got["region"]); s != "eu-west-3" {
			t.Errorf("region = %v, want the provider's eu-west-3", got["region"])
		}
		want := stringMapVal(map[string]string{"data_sensitivity": "sensitive", "owner": "team"})
		if !got["tags_all"].Equal(want) {
			t.Errorf("tags_all = %v, want %v", got["tags_all"], want)
		}
		if got["id"].IsKnown() {
			t.Errorf("id = %v, want unknown at plan", got["id"])
		}
	})
	t.Run("aws region override", func(t *testing.T) {
		got := planned(t, aws, "aws_s3_bucket", map[string]tftypes.Value{"region": stringVal("eu-west-3")},
			map[string]tftypes.Value{"region": stringVal("us-east-1")})
		if s, _ := knownString(got["region"]); s != "us-east-1" {
			t.Errorf("region = %v, want the resource's us-east-1", got["region"])
		}
	})
	t.Run("aws provider region unknown or unset", func(t *testing.T) {
		for name, region := range map[string]tftypes.Value{"unknown": unknownOf(tftypes.String), "unset": tftypes.NewValue(tftypes.String, nil)} {
			got := planned(t, aws, "aws_sqs_queue", map[string]tftypes.Value{"region": region}, nil)
			if got["region"].IsKnown() {
				t.Errorf("%s provider region: resource region = %v, want unknown", name, got["region"])
			}
		}
	})
	t.Run("aws global service has no region", func(t *testing.T) {
		if aws.mustResource("aws_iam_role").has("region") {
			t.Error("aws_iam_role has a region attribute")
		}
	})
	for _, version := range []string{awsVersion5, awsVersion6} {
		aws := awsProviderVersion(version)
		t.Run("aws "+version+" computed blocks", func(t *testing.T) {
			// Create: a computed block left out is unknown, one written is
			// planned as written.
			logging := aws.mustResource("aws_s3_bucket").blockType(t, "logging")
			written := tftypes.NewValue(tftypes.List{ElementType: logging}, []tftypes.Value{
				objectOf(t, logging, map[string]tftypes.Value{"target_bucket": stringVal("logs")})})
			got := planned(t, aws, "aws_s3_bucket", map[string]tftypes.Value{"region": stringVal("eu-west-3")},
				map[string]tftypes.Value{"bucket": stringVal("b"), "logging": written})
			if got["replication_configuration"].IsKnown() || got["versioning"].IsKnown() {
				t.Errorf("replication_configuration = %v, versioning = %v, want unknown on create",
					got["replication_configuration"], got["versioning"])
			}
			if !got["logging"].Equal(written) {
				t.Errorf("logging = %v, want it as configured", got["logging"])
			}
			// Update: a computed block left out keeps the prior state's value.
			prior := map[string]tftypes.Value{"logging": written}
			m := map[string]tftypes.Value{"logging": tftypes.NewValue(written.Type(), []tftypes.Value{})}
			computedBlocks(aws.mustResource("aws_s3_bucket").blocks, map[string]tftypes.Value{}, prior, m)
			if !m["logging"].Equal(written) {
				t.Errorf("logging on update = %v, want the prior state's", m["logging"])
			}
		})
		t.Run("aws "+version+" nested SDKv2 defaults", func(t *testing.T) {
			replica := aws.mustResource("aws_dynamodb_table").blockType(t, "replica")
			got := planned(t, aws, "aws_dynamodb_table", map[string]tftypes.Value{"region": stringVal("eu-west-3")},
				map[string]tftypes.Value{"name": stringVal("t"), "replica": tftypes.NewValue(tftypes.Set{ElementType: replica}, []tftypes.Value{
					objectOf(t, replica, map[string]tftypes.Value{"region_name": stringVal("eu-central-1")})})})
			if v := lookup(got["replica"], "propagate_tags"); !v.Equal(tftypes.NewValue(tftypes.Bool, false)) {
				t.Errorf("replica propagate_tags = %v, want the SDKv2 Default false", v)
			}
		})
	}
	t.Run("azure location display name", func(t *testing.T) {
		got := planned(t, azurermProvider(), "azurerm_resource_group", nil,
			map[string]tftypes.Value{"name": stringVal("rg"), "location": stringVal("West Europe")})
		if s, _ := knownString(got["location"]); s != "westeurope" {
			t.Errorf("location = %v, want westeurope", got["location"])
		}
	})
	t.Run("google bucket location and labels", func(t *testing.T) {
		got := planned(t, googleProvider("google"), "google_storage_bucket",
			map[string]tftypes.Value{"project": stringVal("p"), "default_labels": stringMapVal(map[string]string{"team": "data"})},
			map[string]tftypes.Value{"name": stringVal("b"), "location": stringVal("eu"), "labels": stringMapVal(map[string]string{"data_sensitivity": "internal"})})
		if s, _ := knownString(got["location"]); s != "EU" {
			t.Errorf("location = %v, want EU", got["location"])
		}
		if s, _ := knownString(got["project"]); s != "p" {
			t.Errorf("project = %v, want the provider's p", got["project"])
		}
		want := stringMapVal(map[string]string{"data_sensitivity": "internal", "team": "data"})
		if !got["effective_labels"].Equal(want) {
			t.Errorf("effective_labels = %v, want %v", got["effective_labels"], want)
		}
	})
	t.Run("google zone from the provider", func(t *testing.T) {
		got := planned(t, googleProvider("google-beta"), "google_compute_disk",
			map[string]tftypes.Value{"zone": stringVal("europe-west9-b")}, map[string]tftypes.Value{"name": stringVal("d")})
		if s, _ := knownString(got["zone"]); s != "europe-west9-b" {
			t.Errorf("zone = %v, want europe-west9-b", got["zone"])
		}
	})
	t.Run("scaleway zone stays unknown", func(t *testing.T) {
		got := planned(t, scalewayProvider(), "scaleway_instance_ip", map[string]tftypes.Value{"zone": stringVal("fr-par-1")}, nil)
		if got["zone"].IsKnown() {
			t.Errorf("zone = %v, want unknown at plan like the real provider", got["zone"])
		}
	})
}

func TestResolveUnknowns(t *testing.T) {
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"id": tftypes.String, "name": tftypes.String, "size": tftypes.Number, "tags": tftypes.Map{ElementType: tftypes.String},
	}}
	v := tftypes.NewValue(typ, map[string]tftypes.Value{
		"id": unknownOf(tftypes.String), "name": stringVal("n"), "size": unknownOf(tftypes.Number),
		"tags": unknownOf(tftypes.Map{ElementType: tftypes.String}),
	})
	got, err := resolveUnknowns(v, "x-1")
	if err != nil {
		t.Fatal(err)
	}
	want := tftypes.NewValue(typ, map[string]tftypes.Value{
		"id": stringVal("x-1"), "name": stringVal("n"), "size": tftypes.NewValue(tftypes.Number, new(big.Float)),
		"tags": tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{}),
	})
	if !got.Equal(want) {
		t.Errorf("resolveUnknowns = %v, want %v", got, want)
	}
}

// mustResource is a served type, which must exist.
func (p *providerSpec) mustResource(name string) typeSpec {
	t, ok := p.resource(name)
	if !ok {
		panic(p.typeName + " serves no " + name)
	}
	return t
}

// blockType is the object type of a nested block of the type.
func (t typeSpec) blockType(tb *testing.T, name string) tftypes.Object {
	tb.Helper()
	typ := resourceSchema(t).Type().TerraformType(context.Background()).(tftypes.Object)
	switch bt := typ.AttributeTypes[name].(type) {
	case tftypes.List:
		return bt.ElementType.(tftypes.Object)
	case tftypes.Set:
		return bt.ElementType.(tftypes.Object)
	}
	tb.Fatalf("no block %s", name)
	return tftypes.Object{}
}
