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
		full, streamed := decodedBothWays(t, f, keep)
		a, _ := Build(full, "p", cat, policy.Default())
		b, _ := Build(streamed, "p", cat, policy.Default())
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if diff := cmp.Diff(string(ja), string(jb)); diff != "" {
			t.Errorf("%s: streamed inventory differs from the full decode:\n%s", filepath.Base(f), diff)
		}
	}
}

// decodedBothWays decodes the plan file f fully with terraform-json, and
// with the streaming reader keeping the attributes keep accepts.
func decodedBothWays(t *testing.T, f string, keep func(string) bool) (full, streamed *tfjson.Plan) {
	t.Helper()
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	full = &tfjson.Plan{}
	if err := json.Unmarshal(data, full); err != nil {
		t.Fatalf("%s: %v", f, err)
	}
	streamed, _, err = planfile.Load(f, planfile.LoadOptions{Keep: keep})
	if err != nil {
		t.Fatalf("%s: %v", f, err)
	}
	return full, streamed
}

// TestKeepWithAll: keeping every attribute (a configuration whose
// expressions read whole resource objects) decodes each resource's values
// into Attrs, as any filter does, with every attribute a full
// terraform-json decode has, equal to it.
func TestKeepWithAll(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/scenarios/*/plan.json")
	if len(files) < 20 {
		t.Fatalf("only %d plans found", len(files))
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	keep := KeepWith(KeepFor(cat), map[string]bool{"arn": true}, true)
	values := 0
	for _, f := range files {
		full, streamed := decodedBothWays(t, f, keep)
		if len(streamed.ResourceChanges) != len(full.ResourceChanges) {
			t.Fatalf("%s: %d changes, want %d", f, len(streamed.ResourceChanges), len(full.ResourceChanges))
		}
		for i, rc := range streamed.ResourceChanges {
			want := full.ResourceChanges[i].Change
			for _, v := range []struct {
				name      string
				got, want any
			}{{"after", rc.Change.After, want.After}, {"before", rc.Change.Before, want.Before}} {
				if v.want == nil {
					continue
				}
				attrs, ok := v.got.(planfile.Attrs)
				if !ok {
					t.Fatalf("%s: %s %s decoded as %T, want planfile.Attrs", f, rc.Address, v.name, v.got)
				}
				got := map[string]any{}
				for _, a := range attrs {
					got[a.Key] = a.Value
				}
				if diff := cmp.Diff(v.want, any(got)); diff != "" {
					t.Errorf("%s: %s %s differs from the full decode:\n%s", filepath.Base(f), rc.Address, v.name, diff)
				}
				values++
			}
		}
	}
	if values < 100 {
		t.Fatalf("only %d values compared", values)
	}
}
