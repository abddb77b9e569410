package provider

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
)

// checkSentence fails unless desc is a full sentence: tfplugindocs and the
// language server show it as is.
func checkSentence(t *testing.T, where, desc string) {
	t.Helper()
	desc = strings.TrimSpace(desc)
	if desc == "" {
		t.Errorf("%s: no description", where)
		return
	}
	if first := []rune(desc)[0]; !unicode.IsUpper(first) {
		t.Errorf("%s: description %q does not start with a capital letter", where, desc)
	}
	if !strings.HasSuffix(desc, ".") {
		t.Errorf("%s: description %q does not end with a period", where, desc)
	}
}

func checkAttributes(t *testing.T, where string, attrs map[string]dsschema.Attribute) {
	t.Helper()
	for name, a := range attrs {
		checkSentence(t, where+"."+name, a.GetDescription())
		if nested, ok := a.(dsschema.ListNestedAttribute); ok {
			checkAttributes(t, where+"."+name, nested.NestedObject.Attributes)
		}
	}
}

// TestSchemas validates every schema and function definition the way the
// framework does at runtime, and checks that everything is described.
func TestSchemas(t *testing.T) {
	ctx := context.Background()
	p := New("test")()

	var presp provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &presp)
	if presp.Diagnostics.HasError() {
		t.Fatalf("provider schema: %v", presp.Diagnostics)
	}
	checkSentence(t, "provider", presp.Schema.Description)
	for name, a := range presp.Schema.Attributes {
		checkSentence(t, "provider."+name, a.GetDescription())
	}

	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)
	if meta.TypeName != "trustcloud" || meta.Version != "test" {
		t.Errorf("metadata = %q %q, want trustcloud test", meta.TypeName, meta.Version)
	}

	wantDataSources := []string{"trustcloud_catalog", "trustcloud_operators", "trustcloud_offers", "trustcloud_regions", "trustcloud_region"}
	var gotDataSources []string
	for _, newDS := range p.DataSources(ctx) {
		ds := newDS()
		var m datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "trustcloud"}, &m)
		gotDataSources = append(gotDataSources, m.TypeName)
		var s datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &s)
		if diags := s.Schema.ValidateImplementation(ctx); diags.HasError() || s.Diagnostics.HasError() {
			t.Errorf("%s: invalid schema: %v %v", m.TypeName, diags, s.Diagnostics)
		}
		checkSentence(t, m.TypeName, s.Schema.Description)
		checkAttributes(t, m.TypeName, s.Schema.Attributes)
	}
	if strings.Join(gotDataSources, " ") != strings.Join(wantDataSources, " ") {
		t.Errorf("data sources = %v, want %v", gotDataSources, wantDataSources)
	}

	wantFunctions := []string{"region_info", "is_eu", "is_secnumcloud"}
	var gotFunctions []string
	for _, newFn := range p.(provider.ProviderWithFunctions).Functions(ctx) {
		fn := newFn()
		var m function.MetadataResponse
		fn.Metadata(ctx, function.MetadataRequest{}, &m)
		gotFunctions = append(gotFunctions, m.Name)
		var d function.DefinitionResponse
		fn.Definition(ctx, function.DefinitionRequest{}, &d)
		if d.Diagnostics.HasError() {
			t.Errorf("%s: %v", m.Name, d.Diagnostics)
		}
		var v function.DefinitionValidateResponse
		d.Definition.ValidateImplementation(ctx, function.DefinitionValidateRequest{FuncName: m.Name}, &v)
		if v.Diagnostics.HasError() {
			t.Errorf("%s: invalid definition: %v", m.Name, v.Diagnostics)
		}
		checkSentence(t, m.Name, d.Definition.Description)
		if !strings.Contains(d.Definition.Description, "embedded in the provider") {
			t.Errorf("%s: the description must say that functions read the embedded catalog", m.Name)
		}
		for _, param := range d.Definition.Parameters {
			checkSentence(t, m.Name+"("+param.GetName()+")", param.GetDescription())
		}
	}
	if strings.Join(gotFunctions, " ") != strings.Join(wantFunctions, " ") {
		t.Errorf("functions = %v, want %v", gotFunctions, wantFunctions)
	}
}
