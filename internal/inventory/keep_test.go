package inventory

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/policy"
)

// TestStreamingMatchesFullDecode: the streaming reader, keeping only the
// attributes the analysis reads, gives the same inventory as a full
// terraform-json decode, on every scenario and corpus plan.
func TestStreamingMatchesFullDecode(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/scenarios/*/plan.json")
	if dir := os.Getenv("TRUSTCLOUD_CORPUS"); dir != "" {
		more, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		files = append(files, more...)
	}
	if len(files) < 20 {
		t.Fatalf("only %d plans found", len(files))
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	keep := KeepFor(cat)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var full tfjson.Plan
		if err := json.Unmarshal(data, &full); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		streamed, _, err := planfile.Load(f, planfile.LoadOptions{Keep: keep})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		a, _ := Build(&full, "p", cat, policy.Default())
		b, _ := Build(streamed, "p", cat, policy.Default())
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if diff := cmp.Diff(string(ja), string(jb)); diff != "" {
			t.Errorf("%s: streamed inventory differs from the full decode:\n%s", filepath.Base(f), diff)
		}
	}
}
