package planfile_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/policy"
)

// FuzzLoad feeds arbitrary bytes to the plan loader and the resolver, as
// `trustcloud check -` does with standard input. Whatever the input:
//   - no panic;
//   - an error is a *planfile.Error naming the input, on one line;
//   - the streaming reader, which decodes only the attributes the analysis
//     reads, accepts whatever the full decode accepts and builds the same
//     inventory from it;
//   - every resource of the plan is in the inventory with a location status
//     and a level the policy knows; a known location has a region;
//   - a plan the reader accepts, terraform-json (encoding/json) reads with
//     the same resource changes: no duplicate member or name in other case
//     lets two readers see two plans.
//
// Seeds: every plan of testdata/scenarios and internal/cli/testdata, and
// the regression inputs of testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	seeds, err := filepath.Glob("../../testdata/scenarios/*/plan.json")
	if err != nil {
		f.Fatal(err)
	}
	more, _ := filepath.Glob("../cli/testdata/*/plan.json")
	seeds = append(seeds, more...)
	if len(seeds) < 20 {
		f.Fatalf("only %d seed plans found under testdata", len(seeds))
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		``,
		`{"format_version":"0.1","resource_changes":[]}`,
		`{"format_version":"1.2","terraform_version":"1.9.0","values":{"root_module":{}}}`,
		`{"format_version":"1.2","resource_changes":[{"address":"a.b","mode":"managed","type":"a","name":"b","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"after":{"region":"eu-west-3a","tags":{"data_sensitivity":"sensitive"}}}}]}`,
		"\xef\xbb\xbf{\"format_version\":\"1.0\"}",
		`{"format_version":"1.2","resource_changes":[{"address":"a.b","mode":"managed","type":"a","name":"b","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"after":{"region":"eu-west-3","region":"us-east-1"}}}]}`,
		`{"format_version":"1.2","resource_changes":[{"address":"a.b","mode":"managed","MODE":"data","type":"a","name":"b","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"after":{"region":"eu-west-3"}}}]}`,
		`{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"a.b","mode":"managed"},{"address":"data.a.c","mode":"data"}]}},"resource_changes":[{"address":"a.b","mode":"managed","type":"a","name":"b","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"after":{"region":"eu-west-3"}}}]}`,
		`{"format_version":"1.2","resource_changes":[{"address":"module.m[\"k\"].data.a.b","module_address":"module.m[\"k\"]","mode":"data","type":"a","name":"b","provider_name":"p","change":{"actions":["read"]}}],"configuration":{"root_module":{"module_calls":{"m":{"module":{"resources":[{"address":"a.b","mode":"managed","type":"a","name":"b"}]}}}}}}`,
		"\xff\xfe{\x00}\x00",
	} {
		f.Add([]byte(s))
	}
	cat, err := catalog.Default()
	if err != nil {
		f.Fatal(err)
	}
	// Each run reads two plans through a scanner with a 1 MiB buffer:
	// collecting garbage less often makes fuzzing several times faster.
	defer debug.SetGCPercent(debug.SetGCPercent(1000))
	pol := policy.Default()
	keep := inventory.KeepFor(cat)
	statuses := map[string]bool{inventory.StatusKnown: true, inventory.StatusUnknown: true, inventory.StatusGlobal: true,
		inventory.StatusMultiRegion: true, inventory.StatusNotApplicable: true}

	f.Fuzz(func(t *testing.T, data []byte) {
		streamed, name, err := planfile.Load("-", planfile.LoadOptions{Stdin: bytes.NewReader(data), Keep: keep, MaxInput: -1})
		if name != "<stdin>" {
			t.Fatalf("name %q, want <stdin>", name)
		}
		full, fullErr := planfile.Parse(name, data)
		for _, e := range []error{err, fullErr} {
			if e == nil {
				continue
			}
			var pe *planfile.Error
			if !errors.As(e, &pe) || pe.File != name || pe.Msg == "" {
				t.Fatalf("error %v (%T) is not a *planfile.Error naming %s", e, e, name)
			}
			if msg := e.Error(); strings.ContainsAny(msg, "\n\r") {
				t.Fatalf("error on several lines: %q", msg)
			}
		}
		if fullErr == nil && err != nil {
			t.Fatalf("the full decode accepts the input, the streaming reader says: %v", err)
		}
		if err != nil {
			return
		}
		inv, _ := inventory.Build(streamed, name, cat, pol)
		if len(inv.Resources) != len(streamed.ResourceChanges) {
			t.Fatalf("%d resources in the inventory, %d in the plan", len(inv.Resources), len(streamed.ResourceChanges))
		}
		for _, r := range inv.Resources {
			if !statuses[r.Location.Status] {
				t.Fatalf("%s: location status %q", r.Address, r.Location.Status)
			}
			if r.Location.Status == inventory.StatusKnown && r.Location.Region == "" {
				t.Fatalf("%s: known location without a region", r.Address)
			}
			if pol.Level(r.Sensitivity.Level) == nil {
				t.Fatalf("%s: level %q is not one of the policy's", r.Address, r.Sensitivity.Level)
			}
		}
		got, err := json.Marshal(inv)
		if err != nil {
			t.Fatalf("inventory does not marshal: %v", err)
		}
		var other tfjson.Plan
		if json.Unmarshal(data, &other) == nil {
			if len(other.ResourceChanges) != len(streamed.ResourceChanges) {
				t.Fatalf("encoding/json reads %d resource changes, the reader %d", len(other.ResourceChanges), len(streamed.ResourceChanges))
			}
			for i, rc := range streamed.ResourceChanges {
				o := other.ResourceChanges[i]
				if o == nil || o.Address != rc.Address || o.Mode != rc.Mode || o.Type != rc.Type || o.Name != rc.Name ||
					o.ModuleAddress != rc.ModuleAddress || o.ProviderName != rc.ProviderName || o.Change == nil ||
					fmt.Sprint(o.Change.Actions) != fmt.Sprint(rc.Change.Actions) {
					t.Fatalf("resource change %d: encoding/json reads %+v, the reader %+v", i, o, rc)
				}
			}
		}
		if fullErr != nil {
			return
		}
		fullInv, _ := inventory.Build(full, name, cat, pol)
		want, err := json.Marshal(fullInv)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Fatalf("the streamed inventory differs from the full decode's:\n%s", diff)
		}
	})
}
