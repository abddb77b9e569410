package catalog

import (
	"reflect"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/jsonpos"

	"github.com/google/go-cmp/cmp"
)

// TestLoadMalformedFiles loads broken user files: the error names the file
// and, for malformed JSON, the line and column of the problem.
func TestLoadMalformedFiles(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		wantPath string
		wantMsg  string
	}{
		// Line 3 is `  "version": "x",,`: the second comma is column 18.
		{"invalid JSON syntax", "testdata/bad/syntax.json", "line 3, column 18", "invalid JSON: invalid character ','"},
		{"truncated JSON", "testdata/bad/truncated.json", "line 5, column 31", "invalid JSON: the document ends too early"},
		{"empty file", "testdata/bad/empty.json", "", "the file is empty; a catalog is a JSON object"},
		{"top level not an object", "testdata/bad/array.json", "$", "the catalog must be a JSON object, not an array"},
		{"two documents in one file", "testdata/bad/trailing.json", "line 2, column 1", "unexpected data after the catalog object"},
		{"wrong type in a user file", "testdata/user/wrong-type.json", "$.offers[0].regions", "expected an array, got a string"},
		{"missing file", "testdata/user/does-not-exist.json", "", "cannot read the catalog file: no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(tt.file)
			if err == nil {
				t.Fatalf("Load(%q) = catalog of %v, want an error", tt.file, c.Files)
			}
			es := catalogErrors(t, err)
			if diff := cmp.Diff([]where{{tt.file, tt.wantPath}}, places(es)); diff != "" {
				t.Fatalf("error places (-want +got):\n%s\nerror: %v", diff, err)
			}
			if !strings.Contains(es[0].Msg, tt.wantMsg) {
				t.Errorf("message %q does not contain %q", es[0].Msg, tt.wantMsg)
			}
			if !strings.HasPrefix(err.Error(), tt.file+": ") {
				t.Errorf("error %q does not start with the file name", err)
			}
		})
	}
}

func TestParseSyntaxPositions(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		wantPath string
	}{
		{"bad character on line 1", `{"a": 1,,}`, "line 1, column 9"},
		{"bad literal", "{\n\t\"a\": tru\n}", "line 2, column 10"},
		{"newline inside a string", "{\"a\": \"b\nc\"}", "line 1, column 9"},
		{"bad first byte", `x`, "line 1, column 1"},
		{"trailing data", "{}\n  {}", "line 2, column 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("p.json", []byte(tt.data))
			if err == nil {
				t.Fatal("Parse succeeded, want an error")
			}
			if diff := cmp.Diff([]where{{"p.json", tt.wantPath}}, places(catalogErrors(t, err))); diff != "" {
				t.Errorf("error places (-want +got):\n%s\nerror: %v", diff, err)
			}
		})
	}
}

func TestParseShapeErrors(t *testing.T) {
	data := `{
  "schema_version": "1",
  "version": 2026,
  "areas": [{"id": "EU", "countries": "FR"}],
  "operators": [{"id": "x", "extraterritorial_exposure": "yes", "legal": "X SA"}],
  "offers": [{"id": "o", "milestones": {"J0": 2025}}, "o2"],
  "terraform_providers": [{"source": "a/b", "zone_rules": [{"match": ["x"]}]}]
}`
	_, err := Parse("shape.json", []byte(data))
	if err == nil {
		t.Fatal("Parse succeeded, want errors")
	}
	es := catalogErrors(t, err)
	want := []where{
		{"shape.json", "$.areas[0].countries"},
		{"shape.json", "$.offers[0].milestones.J0"},
		{"shape.json", "$.offers[1]"},
		{"shape.json", "$.operators[0].extraterritorial_exposure"},
		{"shape.json", "$.operators[0].legal"},
		{"shape.json", "$.terraform_providers[0].zone_rules[0].match"},
		{"shape.json", "$.version"},
	}
	if diff := cmp.Diff(want, places(es)); diff != "" {
		t.Fatalf("error places (-want +got):\n%s\nerror:\n%v", diff, err)
	}
	msgs := map[string]string{}
	for _, e := range es {
		msgs[e.Path] = e.Msg
	}
	for path, msg := range map[string]string{
		"$.areas[0].countries":                     "expected an array, got a string",
		"$.offers[0].milestones.J0":                "expected a string, got a number",
		"$.offers[1]":                              "expected an object, got a string",
		"$.operators[0].extraterritorial_exposure": "expected true or false, got a string",
		"$.operators[0].legal":                     `unknown field "legal"; known fields: legal_name`,
		"$.version":                                "expected a string, got a number",
	} {
		if !strings.Contains(msgs[path], msg) {
			t.Errorf("%s: message %q does not contain %q", path, msgs[path], msg)
		}
	}
}

// TestParseNulls checks that null leaves a field unset, as encoding/json
// does, rather than being a type error.
func TestParseNulls(t *testing.T) {
	doc, err := Parse("nulls.json", []byte(`{"schema_version": "1", "version": null, "operators": [{"id": "x", "extraterritorial_exposure": null, "source_ids": null}]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := &Document{SchemaVersion: "1", Operators: []Operator{{ID: "x"}}}
	if diff := cmp.Diff(want, doc); diff != "" {
		t.Errorf("document (-want +got):\n%s", diff)
	}
}

func TestPosition(t *testing.T) {
	data := []byte("ab\ncd\n\nef")
	tests := []struct {
		off  int64
		want string
	}{
		{0, "line 1, column 1"},
		{2, "line 1, column 3"},
		{3, "line 2, column 1"},
		{7, "line 4, column 1"},
		{9, "line 4, column 3"},
		{99, "line 4, column 3"},
	}
	for _, tt := range tests {
		if got := jsonpos.Position(data, tt.off); got != tt.want {
			t.Errorf("position(%d) = %q, want %q", tt.off, got, tt.want)
		}
	}
}

func TestJSONKind(t *testing.T) {
	tests := []struct {
		data string
		want string
	}{
		{`null`, "the catalog must be a JSON object, not null"},
		{`"x"`, "the catalog must be a JSON object, not a string"},
		{`1.5`, "the catalog must be a JSON object, not a number"},
		{`false`, "the catalog must be a JSON object, not a boolean"},
	}
	for _, tt := range tests {
		t.Run(tt.data, func(t *testing.T) {
			_, err := Parse("k.json", []byte(tt.data))
			if err == nil || err.Error() != "k.json: $: "+tt.want {
				t.Errorf("Parse(%s) error = %v, want %q", tt.data, err, "k.json: $: "+tt.want)
			}
		})
	}
}

// TestEmbeddedParsesStrictly: the embedded catalog, decoded in one pass at
// start-up, passes every check Parse makes of a user's catalog file, and
// both give the same document.
func TestEmbeddedParsesStrictly(t *testing.T) {
	strict, err := Parse(EmbeddedName, embedded)
	if err != nil {
		t.Fatalf("the embedded catalog fails Parse's checks: %v", err)
	}
	fast, err := parseEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(strict, fast) {
		t.Error("parseEmbedded and Parse give different documents for the embedded catalog")
	}
}

// TestEmbeddedValidates: the embedded catalog, which the program loads
// without validating it, passes validation.
func TestEmbeddedValidates(t *testing.T) {
	doc, err := parseEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(Named{Name: EmbeddedName, Doc: doc}); err != nil {
		t.Fatalf("the embedded catalog does not validate: %v", err)
	}
}
