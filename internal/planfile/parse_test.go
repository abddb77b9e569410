package planfile

import (
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"empty", "  ", "the file is empty"},
		{"array", "[1]", "expected a JSON object"},
		{"syntax", "{\n  \"format_version\": \"1.2\",,\n}", "plan.json: line 2, column 27: invalid JSON"},
		{"truncated", `{"format_version": "1.2", "resource_changes": [`, "ends too early"},
		{"state", `{"format_version": "1.0", "values": {"root_module": {}}}`, "this is a Terraform state"},
		{"no version", `{"resource_changes": []}`, "$.format_version: missing"},
		{"future", `{"format_version": "2.0", "resource_changes": []}`, `unsupported plan format version "2.0"`},
		{"type", `{"format_version": "1.2", "resource_changes": {}}`, "$.resource_changes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("plan.json", []byte(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Parse = %v, want an error containing %q", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "plan.json: ") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
	if _, err := Parse("plan.json", []byte(`{"format_version": "0.1", "resource_changes": []}`)); err != nil {
		t.Errorf("format 0.1 must be accepted: %v", err)
	}
}
