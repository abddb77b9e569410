package planfile

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	tfjson "github.com/hashicorp/terraform-json"
)

func TestStreamingErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"deep nesting skipped", `{"format_version":"1.2","output_changes":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`, "nested more than"},
		{"deep nesting in prior state", `{"format_version":"1.2","prior_state":{"values":{"root_module":{"resources":[{"address":"data.a.b","mode":"data","values":{"x":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}}]}}}}`, "nested more than"},
		{"prior state not an object", `{"format_version":"1.2","prior_state":[]}`, "$.prior_state: expected an object"},
		{"deep nesting in planned values", `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"a.b","values":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}]}}}`, "nested more than"},
		{"planned values not an object", `{"format_version":"1.2","planned_values":[]}`, "$.planned_values: expected an object"},
		{"deep nesting decoded", `{"format_version":"1.2","variables":{"v":{"value":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}}}`, "nested more than"},
		{"unbalanced", `{"format_version":"1.2","planned_values":{"a":[}}`, "unbalanced"},
		{"trailing", `{"format_version":"1.2"} {}`, "unexpected data after the plan object"},
		{"bad change", `{"format_version":"1.2","resource_changes":[1]}`, "$.resource_changes[0]: expected a resource change object"},
		{"bad actions", `{"format_version":"1.2","resource_changes":[{"change":{"actions":"create"}}]}`, "$.resource_changes[0].change.actions"},
		{"control char", "{\"format_version\":\"1.\x01\"}", "control character"},
		{"bad literal", `{"format_version":"1.2","variables":{"v":{"value":tru}}}`, "invalid value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("p.json", []byte(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "p.json: ") {
				t.Errorf("%q does not name the file", err)
			}
		})
	}
}

// TestStreamingSmallBuffer reads a plan through a reader that returns one
// byte at a time, so that every token crosses a buffer boundary.
func TestStreamingSmallBuffer(t *testing.T) {
	data, err := os.ReadFile("../../testdata/scenarios/ministry/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Parse("p", data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodePlan("p", &oneByte{data: data}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.ResourceChanges, got.ResourceChanges); diff != "" {
		t.Errorf("one byte at a time:\n%s", diff)
	}
}

type oneByte struct {
	data []byte
	pos  int
}

func (o *oneByte) Read(p []byte) (int, error) {
	if o.pos >= len(o.data) {
		return 0, io.EOF
	}
	p[0] = o.data[o.pos]
	o.pos++
	return 1, nil
}

// TestStreamImporting: the reader keeps a change's importing object (an
// import is new to the configuration even when its actions are a no-op)
// and refuses an importing that is not an object.
func TestStreamImporting(t *testing.T) {
	doc := func(importing string) string {
		return `{"format_version":"1.2","terraform_version":"1.11.4","resource_changes":[{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b",` +
			`"provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["no-op"],"before":{},"after":{},"after_unknown":{}` + importing + `}}]}`
	}
	for _, tc := range []struct {
		importing string
		want      *tfjson.Importing
		err       string
	}{
		{``, nil, ""},
		{`,"importing":null`, nil, ""},
		{`,"importing":{"id":"bucket-b"}`, &tfjson.Importing{ID: "bucket-b"}, ""},
		{`,"importing":{}`, &tfjson.Importing{}, ""},
		{`,"importing":"bucket-b"`, nil, "importing: expected an object"},
	} {
		p, _, err := Load("-", LoadOptions{Stdin: strings.NewReader(doc(tc.importing))})
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want %q", tc.importing, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tc.importing, err)
		}
		if diff := cmp.Diff(tc.want, p.ResourceChanges[0].Change.Importing); diff != "" {
			t.Errorf("%s: importing (-want +got):\n%s", tc.importing, diff)
		}
	}
}

// keepSome is a filter of resource attributes like the one the inventory
// gives the reader (inventory.KeepFor): a few location, identity and tag
// attributes.
func keepSome(attr string) bool {
	switch attr {
	case "region", "location", "zone", "name", "id", "arn", "bucket", "tags", "tags_all", "labels":
		return true
	}
	return false
}
