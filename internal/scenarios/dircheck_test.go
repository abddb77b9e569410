package scenarios_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// resVerdict is what a check decides of one resource: where it is, who runs
// it, its level, and the rules it breaks.
type resVerdict struct {
	status, region, operator, level string
	rules                           []string
}

func (v resVerdict) String() string {
	return fmt.Sprintf("%s %s operator %s level %s rules %s", v.status, v.region, v.operator, v.level, strings.Join(v.rules, ","))
}

func resVerdicts(res *check.Result) map[string]resVerdict {
	out := map[string]resVerdict{}
	for _, r := range res.Inventory.Resources {
		op := "<null>"
		if r.Operator != nil {
			op = *r.Operator
		}
		out[r.Address] = resVerdict{status: r.Location.Status, region: strings.ToLower(r.Location.Region), operator: op, level: r.Sensitivity.Level}
	}
	for _, f := range res.Report.Findings {
		v := out[f.Address]
		if !slices.Contains(v.rules, f.Rule) {
			v.rules = append(v.rules, f.Rule)
			sort.Strings(v.rules)
		}
		out[f.Address] = v
	}
	return out
}

// TestDirectoryCheck checks every scenario's configuration directory
// without its plan and compares the verdicts, resource by resource, with
// the plan-based check of the same scenario (the reference).
func TestDirectoryCheck(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(root, "*", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	cat := defaultCatalog(t)
	for _, planFile := range dirs {
		dir := filepath.Dir(planFile)
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			_, pol := loadExpectation(t, dir)
			clock := func() time.Time { return now }
			planRes, err := check.Run(check.Options{Plan: planFile, Catalog: cat, Policy: pol, Now: clock,
				Sources: func(tool tfconfig.Tool) (*tfconfig.Config, error) { return tfconfig.LoadDir(dir, tool) }})
			if err != nil {
				t.Fatal(err)
			}
			dirRes, err := check.Run(check.Options{Plan: dir, Catalog: cat, Policy: pol, Now: clock, Environ: []string{}})
			if err != nil {
				t.Fatal(err)
			}
			if ev := dirRes.Inventory.Evaluation; ev == nil || ev.Mode != inventory.EvaluatedFromConfigOnly {
				t.Errorf("evaluation %+v, want mode %s", ev, inventory.EvaluatedFromConfigOnly)
			}
			want, got := resVerdicts(planRes), resVerdicts(dirRes)
			for _, addr := range sortedKeys(union(want, got)) {
				w, inPlan := want[addr]
				g, inDir := got[addr]
				gs := "absent"
				if inDir {
					gs = g.String()
				}
				listed, isListed := dirDifferences[name+"/"+addr]
				if inPlan && inDir && w.String() == g.String() {
					if isListed {
						t.Errorf("%s: listed as a difference (%s), but the directory check agrees with the plan: %s", addr, listed.reason, gs)
					}
					continue
				}
				if !isListed {
					t.Errorf("%s: the directory check differs from the plan, and the difference is not listed:\n  plan %s\n  dir  %s", addr, w, gs)
					continue
				}
				if gs != listed.dir {
					t.Errorf("%s: the directory check gives %s, the list says %s (%s)", addr, gs, listed.dir, listed.reason)
				}
			}
			// Findings point at the .tf lines directly.
			for _, f := range dirRes.Report.Findings {
				if f.Rule == "TC013" {
					continue
				}
				if f.Source == nil || !strings.HasSuffix(f.Source.File, ".tf") || f.Source.Line < 1 {
					t.Errorf("%s %s: source %+v, want a .tf file and line", f.Rule, f.Address, f.Source)
				}
			}
		})
	}
	seen := map[string]bool{}
	for _, planFile := range dirs {
		seen[filepath.Base(filepath.Dir(planFile))] = true
	}
	for k := range dirDifferences {
		scenario, _, _ := strings.Cut(k, "/")
		if !seen[scenario] {
			t.Errorf("%s: listed as a difference, but there is no scenario %s", k, scenario)
		}
	}
}

// difference is a verdict of the directory check that differs from the
// plan-based check, and why: something only the plan (or the state it was
// made against) knows. dir is the directory check's verdict ("absent"
// when it does not list the resource).
type difference struct{ dir, reason string }

// dirDifferences lists, by scenario/address, every difference between a
// directory check and the plan-based check of the same scenario. Each is
// unknown to the configuration, and the directory check is never the
// more lenient: it lists fewer resources only where the plan reads them
// from the state or at apply time, and is otherwise stricter (a finding
// more, a level higher) or the same verdict written otherwise.
var dirDifferences = map[string]difference{
	"aws-default-tags/aws_iam_role_policy_attachment.records_reader": {"global  operator aws level sensitive rules TC002,TC004",
		"without the provider's schema the check cannot tell which types take tags: the provider's default_tags (sensitive) are applied to every resource of the configuration, where the plan's tags_all shows this type has none"},
	"aws-delete-decommission/aws_s3_bucket.legacy_exports": {"absent", "only being deleted: the resource is in the state (before/), no longer in the configuration"},
	"aws-delete-decommission/aws_sqs_queue.legacy_exports": {"absent", "only being deleted: the resource is in the state (before/), no longer in the configuration"},
	"aws-replication-per-instance/aws_s3_bucket_replication_configuration.market[\"eu\"]": {"known eu-west-3 operator aws level internal rules TC003",
		"bucket = aws_s3_bucket.source[each.key].id: the id is computed by the provider, only the plan's value names the bucket; without it the location is only inferred"},
	"aws-replication-per-instance/aws_s3_bucket_replication_configuration.market[\"us\"]": {"known eu-west-3 operator aws level internal rules TC003,TC006",
		"as market[\"eu\"]: the bucket's id is computed, the location only inferred"},
	"aws-replication-per-instance/aws_s3_bucket_versioning.source[\"eu\"]": {"known eu-west-3 operator aws level internal rules TC003",
		"bucket = aws_s3_bucket.source[each.key].id: the id is computed, the location only inferred"},
	"aws-replication-per-instance/aws_s3_bucket_versioning.source[\"us\"]": {"known eu-west-3 operator aws level internal rules TC003",
		"bucket = aws_s3_bucket.source[each.key].id: the id is computed, the location only inferred"},
	"aws-web-app-paris/data.aws_availability_zones.available": {"absent", "a data source the plan defers to apply: only a plan reads data sources"},
	"google-object-data-bucket/google_storage_bucket_object.records_export": {"unknown  operator google level sensitive rules TC002,TC003,TC012",
		"bucket = data.google_storage_bucket.archive.name: only a plan reads the data source, so the bucket's location and labels are unknown: judged at the unclassified level, never the default"},
	"google-object-data-bucket/google_storage_bucket_object.site_page": {"unknown  operator google level sensitive rules TC002,TC003,TC012",
		"as records_export: the public bucket is read only by a plan"},
	"ovh-storage-replication/ovh_cloud_project_network_private.partners": {"multi_region gra11+bhs5 operator ovhcloud level internal rules TC001,TC006",
		"the same regions: the plan lists a set's elements sorted, the configuration in the order written"},
}

func union(a, b map[string]resVerdict) map[string]resVerdict {
	out := map[string]resVerdict{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}
