package planfile

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

// loadState reads src as LoadInput does, with a size limit.
func loadState(src string, max int64) (*tfjson.Plan, *State, error) {
	return decodeInput("terraform.tfstate", strings.NewReader(src), LoadOptions{MaxInput: max})
}

const provAWS = `"provider":"provider[\"registry.terraform.io/hashicorp/aws\"]"`

func TestStateForms(t *testing.T) {
	tests := []struct {
		name, src string
		kind      string
		addresses []string
		keys      []string
		serial    uint64
		lineage   string
	}{
		{name: "empty show -json state", src: `{"format_version":"1.0"}`, kind: StateShowJSON},
		{name: "show -json state", kind: StateShowJSON,
			src: `{"format_version":"1.0","terraform_version":"1.9.8","values":{"root_module":{"resources":[` +
				`{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","provider_name":"registry.terraform.io/hashicorp/aws","schema_version":0,"values":{"region":"eu-west-3"},"sensitive_values":{}},` +
				`{"address":"data.aws_region.r","mode":"data","type":"aws_region","name":"r","provider_name":"registry.terraform.io/hashicorp/aws","values":{"name":"eu-west-3"}}],` +
				`"child_modules":[{"address":"module.m[\"a\"]","resources":[{"address":"module.m[\"a\"].aws_vpc.v[0]","mode":"managed","type":"aws_vpc","name":"v","index":0,"provider_name":"registry.terraform.io/hashicorp/aws","values":{}}]}]}}}`,
			addresses: []string{"aws_s3_bucket.b", `module.m["a"].aws_vpc.v[0]`}, keys: []string{"aws", "aws"}},
		{name: "state file", kind: StateFile, serial: 9, lineage: "l-1",
			src: `{"version":4,"terraform_version":"1.9.8","serial":9,"lineage":"l-1","outputs":{},"resources":[` +
				`{"mode":"managed","type":"aws_s3_bucket","name":"b","provider":"provider[\"registry.terraform.io/hashicorp/aws\"].paris","instances":[{"schema_version":0,"attributes":{"region":"eu-west-3"}}]},` +
				`{"module":"module.m[\"a\"]","mode":"managed","type":"aws_vpc","name":"v","each":"map","provider":"module.m.provider[\"registry.terraform.io/hashicorp/aws\"]","instances":[{"index_key":"k","attributes":{}},{"index_key":"k","deposed":"00ab","attributes":{}}]},` +
				`{"mode":"data","type":"aws_region","name":"r",` + provAWS + `,"instances":[{"attributes":{"name":"eu-west-3"}}]}]}`,
			addresses: []string{"aws_s3_bucket.b", `module.m["a"].aws_vpc.v["k"]`, `module.m["a"].aws_vpc.v["k"]`}, keys: []string{"aws.paris", "module.m:aws", "module.m:aws"}},
		{name: "Terraform 0.12's provider strings", kind: StateFile,
			src:       `{"version":4,"serial":1,"lineage":"x","resources":[{"mode":"managed","type":"aws_vpc","name":"v","provider":"provider.aws.eu","instances":[{"attributes_flat":{"id":"vpc-1"}}]}]}`,
			addresses: []string{"aws_vpc.v"}, keys: []string{"aws.eu"}, serial: 1, lineage: "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, st, err := loadState(tt.src, 0)
			if err != nil {
				t.Fatal(err)
			}
			if st == nil || st.Kind != tt.kind || st.Serial != tt.serial || st.Lineage != tt.lineage {
				t.Fatalf("state %+v, want kind %s serial %d lineage %q", st, tt.kind, tt.serial, tt.lineage)
			}
			if len(p.ResourceChanges) != len(tt.addresses) {
				t.Fatalf("%d resource changes, want %d", len(p.ResourceChanges), len(tt.addresses))
			}
			for i, rc := range p.ResourceChanges {
				if rc.Address != tt.addresses[i] || st.ProviderKeys[rc.Address] != tt.keys[i] {
					t.Errorf("[%d] %s under %q, want %s under %q", i, rc.Address, st.ProviderKeys[rc.Address], tt.addresses[i], tt.keys[i])
				}
				if len(rc.Change.Actions) != 1 || rc.Change.Actions[0] != tfjson.ActionNoop {
					t.Errorf("%s: actions %v, want no-op: a state changes nothing", rc.Address, rc.Change.Actions)
				}
			}
			if strings.Contains(tt.src, `"mode":"data"`) && (p.PriorState == nil || len(p.PriorState.Values.RootModule.Resources) != 1) {
				t.Errorf("the data source is not kept for references")
			}
		})
	}
}

// TestStateHostile: what a state decoder meets from a damaged or hostile
// file is an error naming the file and the place, never a crash, and a
// state is never taken for a plan (Load refuses it).
func TestStateHostile(t *testing.T) {
	res := func(attrs string) string {
		return `{"version":4,"serial":1,"lineage":"x","resources":[{"mode":"managed","type":"aws_vpc","name":"v",` + provAWS + `,"instances":[{"attributes":` + attrs + `}]}]}`
	}
	tests := []struct {
		name, src string
		max       int64
		want      []string
	}{
		{"truncated", res(`{"id":"a"}`)[:60], 0, []string{"terraform.tfstate: line 1, column", "truncated"}},
		{"format 3", `{"version":3,"serial":1,"lineage":"x","modules":[{"path":["root"],"resources":{}}]}`, 0,
			[]string{"terraform.tfstate: $.version: state file format version 3", "terraform state pull"}},
		{"no version", `{"serial":1,"lineage":"x","resources":[]}`, 0, []string{"$.version: missing"}},
		{"version a string", `{"version":"4","resources":[]}`, 0, []string{"$.version: expected a whole number"}},
		{"serial negative", `{"version":4,"serial":-1,"resources":[]}`, 0, []string{"$.serial: expected a whole number"}},
		{"resources an object", `{"version":4,"resources":{}}`, 0, []string{"$.resources: expected an array"}},
		{"instances a string", `{"version":4,"resources":[{"mode":"managed","type":"a_b","name":"c",` + provAWS + `,"instances":"x"}]}`, 0, []string{"$.resources[0].instances"}},
		{"attributes a list", res(`[]`), 0, []string{"$.resources[0].instances[0].attributes: expected an object"}},
		{"index key a bool", `{"version":4,"resources":[{"mode":"managed","type":"a_b","name":"c",` + provAWS + `,"instances":[{"index_key":true}]}]}`, 0,
			[]string{"$.resources[0].instances[0].index_key: expected a string or a whole number"}},
		{"no provider", `{"version":4,"resources":[{"mode":"managed","type":"a_b","name":"c","instances":[]}]}`, 0, []string{`$.resources[0]: missing "provider"`}},
		{"bad provider", `{"version":4,"resources":[{"mode":"managed","type":"a_b","name":"c","provider":"aws","instances":[]}]}`, 0, []string{"$.resources[0].provider: "}},
		{"bad mode", `{"version":4,"resources":[{"mode":"other","type":"a_b","name":"c",` + provAWS + `,"instances":[]}]}`, 0, []string{"$.resources[0].mode: "}},
		{"duplicate member", `{"version":4,"version":4,"resources":[]}`, 0, []string{"version"}},
		{"member in other case", `{"version":4,"Resources":[]}`, 0, []string{`"Resources" is "resources" in other case`}},
		{"a resource twice", `{"version":4,"resources":[{"mode":"managed","type":"a_b","name":"c",` + provAWS + `,"instances":[{},{}]}]}`, 0, []string{`$.resources[0].instances[1]: "a_b.c" is there twice`}},
		{"mixed forms", `{"format_version":"1.0","version":4,"resources":[]}`, 0, []string{"mixes"}},
		{"deep values", res(strings.Repeat(`{"a":`, 20000) + "1" + strings.Repeat("}", 20000)), 0, []string{"nested more than"}},
		{"deep modules", `{"format_version":"1.0","values":{"root_module":` + strings.Repeat(`{"child_modules":[`, 1100) + strings.Repeat("]}", 1100) + `}}`, 0, []string{"modules nested more than"}},
		{"huge", res(`{"id":"` + strings.Repeat("x", 4096) + `"}`), 1024, []string{"byte 1024", "larger than the 1 KiB limit"}},
		{"show -json address of another resource", `{"format_version":"1.0","values":{"root_module":{"resources":[{"address":"aws_vpc.w","mode":"managed","type":"aws_vpc","name":"v","provider_name":"p/aws","values":{}}]}}}`, 0,
			[]string{`$.values.root_module.resources[0].address: "aws_vpc.w" is not the address of managed aws_vpc.v`}},
		{"show -json format 2", `{"format_version":"2.0","values":{}}`, 0, []string{"$.format_version: unsupported"}},
		{"invalid UTF-8", res(`{"id":"` + "\xff" + `"}`), 0, []string{"invalid UTF-8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := loadState(tt.src, tt.max)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "terraform.tfstate: ") || strings.ContainsAny(msg, "\r\n") {
				t.Errorf("%q does not name the file on one line", msg)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("%q does not contain %q", msg, w)
				}
			}
		})
	}
	// A plan reader never takes a state for a plan.
	if _, err := decode("terraform.tfstate", strings.NewReader(res(`{}`)), LoadOptions{}); err == nil || !strings.Contains(err.Error(), "this is a Terraform state") {
		t.Errorf("decode of a state: %v, want refused", err)
	}
}

func TestParseProviderString(t *testing.T) {
	for _, tt := range []struct{ in, source, key string }{
		{`provider["registry.terraform.io/hashicorp/aws"]`, "registry.terraform.io/hashicorp/aws", "aws"},
		{`provider["registry.terraform.io/hashicorp/aws"].eu`, "registry.terraform.io/hashicorp/aws", "aws.eu"},
		{`module.a.module.b.provider["registry.opentofu.org/hashicorp/google"].x`, "registry.opentofu.org/hashicorp/google", "module.a.module.b:google.x"},
		{`provider.aws`, "aws", "aws"},
		{`module.a.provider.aws.west`, "aws", "module.a:aws.west"},
	} {
		source, key, err := parseProviderString(tt.in)
		if err != nil || source != tt.source || key != tt.key {
			t.Errorf("%s: %q %q %v, want %q %q", tt.in, source, key, err, tt.source, tt.key)
		}
	}
	for _, bad := range []string{"", "aws", `provider[aws]`, `provider["a"].b.c`, `x.provider["a"]`, `provider["a"`} {
		if _, _, err := parseProviderString(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// FuzzState: whatever a state holds, the decoder answers with a state or
// an *Error naming the file on one line, never a crash; a state it
// accepts lists each resource instance once.
func FuzzState(f *testing.F) {
	for _, s := range []string{
		`{"format_version":"1.0"}`,
		`{"version":3,"serial":1,"lineage":"x","modules":[]}`,
		`{"version":4,"serial":9,"lineage":"l","resources":[{"module":"module.m[\"a\"]","mode":"managed","type":"aws_vpc","name":"v","provider":"module.m.provider[\"registry.terraform.io/hashicorp/aws\"].x","instances":[{"index_key":"k","attributes":{"region":"eu-west-3"}},{"index_key":"k","deposed":"00ab","attributes":{}}]}]}`,
		`{"format_version":"1.0","values":{"root_module":{"resources":[{"address":"a_b.c[0]","mode":"managed","type":"a_b","name":"c","index":0,"provider_name":"p/a","values":{"id":"x"}}],"child_modules":[{"address":"module.m","resources":[]}]}}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, st, err := decodeInput("s.json", bytes.NewReader(data), LoadOptions{MaxInput: -1})
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || pe.File != "s.json" || strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("error %q (%T) is not an *Error naming s.json on one line", err, err)
			}
			return
		}
		if st == nil {
			return
		}
		seen := map[string]bool{}
		for _, rc := range p.ResourceChanges {
			k := rc.Address + "\x00" + rc.DeposedKey
			if seen[k] {
				t.Fatalf("%s twice", rc.Address)
			}
			seen[k] = true
			if _, ok := st.ProviderKeys[rc.Address]; !ok {
				t.Fatalf("%s has no provider configuration key", rc.Address)
			}
		}
	})
}
