package scenarios_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/testtf"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// stateScenario is a scenario applied for TestStateInput.
type stateScenario struct {
	name, dir string
	opts      testtf.Options
	// differs lists the findings the state checks differ by from the plan
	// check of the same scenario, each explained: "+" a finding only the
	// state gives, "-" one only the plan gives. located lists the
	// resources the state cannot place although the plan can (unknown
	// in the state), with why.
	differs, unlocated map[string]string
	// levels lists the resources the state judges at another level than
	// the plan check, with that level: in a module whose arguments the
	// policy reads (moduleArgs).
	levels map[string]string
}

// moduleArgs is why a resource in a module is judged at the unclassified
// level from a state, with TC012: a state records no module arguments, so
// that whether the call passes data_sensitivity cannot be told, and what
// cannot be read is never the default level.
// outscaleKeypair is why an Outscale key pair cannot be placed from a
// state: it records no region, and its id carries none, so that only the
// provider block, which a state does not record, says where it is.
const outscaleKeypair = "an Outscale key pair records no region, and a state no provider block"

// bigqueryTable is why a BigQuery table cannot be placed from a state: it
// records its dataset_id ("exports"), and the dataset's identity in a state
// is not that name (projects/P/datasets/D in the real provider's state, a
// fingerprint in the test provider's), so that the name does not lead to
// the dataset, nor, in a state, does any configuration reference.
const bigqueryTable = "a state names a table's dataset by its dataset_id, which is no identity of the dataset in a state"

const moduleArgs = "a state records no module arguments: judged at the unclassified level"

// aws5 is why a resource of hashicorp/aws 5.x that has no region in its
// ARN cannot be placed from a state: 5.x records no region attribute, and
// the test provider's ARNs are not real ones (arn-ID), so that only the
// provider block, which a state does not record, says where it is. A real
// 5.x state's ARN carries the region (arn:aws:ec2:eu-west-3:…), which the
// state check reads (internal/inventory's TestStateIdentifiers).
const aws5 = "aws 5.x records no region and the test provider's ARNs carry none"

var stateScenarios = []stateScenario{
	{name: "aws-web-app-paris"},
	{name: "aws-provider-alias"},
	{name: "aws-provider-in-module",
		levels:  map[string]string{"module.eu_stack.aws_instance.app": "sensitive", "module.eu_stack.aws_subnet.app": "sensitive", "module.eu_stack.aws_vpc.this": "sensitive", "module.us_stack.aws_instance.app": "sensitive", "module.us_stack.aws_subnet.app": "sensitive", "module.us_stack.aws_vpc.this": "sensitive"},
		differs: map[string]string{"+TC002 module.eu_stack.aws_instance.app": moduleArgs, "+TC012 module.eu_stack.aws_instance.app": moduleArgs, "+TC002 module.eu_stack.aws_subnet.app": moduleArgs, "+TC012 module.eu_stack.aws_subnet.app": moduleArgs, "+TC002 module.eu_stack.aws_vpc.this": moduleArgs, "+TC012 module.eu_stack.aws_vpc.this": moduleArgs, "+TC002 module.us_stack.aws_instance.app": moduleArgs, "+TC012 module.us_stack.aws_instance.app": moduleArgs, "+TC002 module.us_stack.aws_subnet.app": moduleArgs, "+TC012 module.us_stack.aws_subnet.app": moduleArgs, "+TC002 module.us_stack.aws_vpc.this": moduleArgs, "+TC012 module.us_stack.aws_vpc.this": moduleArgs}},
	{name: "google-compute-paris"},
	// Two instances of one module whose containers share a name: each
	// table and object must be found in its own instance's container.
	{name: "google-module-instances",
		levels:    map[string]string{"module.site[\"a-paris\"].google_bigquery_dataset.exports": "sensitive", "module.site[\"a-paris\"].google_bigquery_table.monthly": "sensitive", "module.site[\"a-paris\"].google_storage_bucket.exports": "sensitive", "module.site[\"a-paris\"].google_storage_bucket_object.report": "sensitive", "module.site[\"a-paris\"].random_id.suffix": "sensitive", "module.site[\"b-iowa\"].random_id.suffix": "sensitive"},
		unlocated: map[string]string{"module.site[\"a-paris\"].google_bigquery_table.monthly": bigqueryTable, "module.site[\"b-iowa\"].google_bigquery_table.monthly": bigqueryTable},
		differs: map[string]string{
			"+TC002 module.site[\"a-paris\"].google_bigquery_dataset.exports": moduleArgs, "+TC002 module.site[\"a-paris\"].google_bigquery_table.monthly": moduleArgs, "+TC002 module.site[\"a-paris\"].google_storage_bucket.exports": moduleArgs, "+TC002 module.site[\"a-paris\"].google_storage_bucket_object.report": moduleArgs,
			"+TC012 module.site[\"a-paris\"].google_bigquery_dataset.exports": moduleArgs, "+TC012 module.site[\"a-paris\"].google_bigquery_table.monthly": moduleArgs, "+TC012 module.site[\"a-paris\"].google_storage_bucket.exports": moduleArgs, "+TC012 module.site[\"a-paris\"].google_storage_bucket_object.report": moduleArgs,
			"+TC012 module.site[\"b-iowa\"].google_bigquery_dataset.exports": moduleArgs, "+TC012 module.site[\"b-iowa\"].google_bigquery_table.monthly": moduleArgs, "+TC012 module.site[\"b-iowa\"].google_storage_bucket.exports": moduleArgs, "+TC012 module.site[\"b-iowa\"].google_storage_bucket_object.report": moduleArgs,
			"+TC003 module.site[\"a-paris\"].google_bigquery_table.monthly": bigqueryTable, "+TC003 module.site[\"b-iowa\"].google_bigquery_table.monthly": bigqueryTable, "-TC001 module.site[\"b-iowa\"].google_bigquery_table.monthly": bigqueryTable}},
	// docs/guides/three-moments.md shows this scenario's three verdicts.
	{name: "ministry",
		unlocated: map[string]string{"module.case_management.outscale_keypair.admin": outscaleKeypair},
		differs: map[string]string{"+TC012 module.case_management.outscale_keypair.admin": moduleArgs, "+TC012 module.case_management.outscale_vm.app": moduleArgs, "+TC012 module.case_management.outscale_volume.data": moduleArgs, "+TC012 module.citizen_records.google_sql_database_instance.records": moduleArgs, "+TC012 module.citizen_records.google_storage_bucket.documents": moduleArgs,
			"+TC003 module.case_management.outscale_keypair.admin": outscaleKeypair, "-TC010 module.case_management.outscale_keypair.admin": outscaleKeypair}},
	{name: "azure-hub-network"},
	{name: "aws-provider-alias-aws5", dir: "aws-provider-alias", opts: testtf.Options{ProviderVersions: map[string]string{"aws": "5.100.0"}},
		// The buckets record bucket_region; the certificate, public, is
		// judged at a level that requires no location.
		unlocated: map[string]string{"aws_acm_certificate.www": aws5}},
}

// TestStateInput applies scenarios with the test provider, then checks
// what they deployed, as `terraform show -json` prints the state and as
// the state file terraform.tfstate: every resource is where the test
// provider says it landed, and the verdicts are the plan check's.
func TestStateInput(t *testing.T) {
	tf := testtf.Terraform(t)
	cat := defaultCatalog(t)
	for _, sc := range stateScenarios {
		t.Run(sc.name, func(t *testing.T) {
			dir := filepath.Join(root, sc.name)
			if sc.dir != "" {
				dir = filepath.Join(root, sc.dir)
			}
			_, pol := loadExpectation(t, dir)
			r := testtf.Apply(t, tf, dir, sc.opts)
			planFile := filepath.Join(r.Dir, "plan.json")
			showFile := filepath.Join(r.Dir, "state.json")
			for file, data := range map[string][]byte{planFile: r.PlanJSON, showFile: r.StateJSON} {
				if err := os.WriteFile(file, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			nowFn := func() time.Time { return now }
			planRes, err := check.Run(check.Options{Plan: planFile, Catalog: cat, Policy: pol, Now: nowFn,
				Sources: func(tool tfconfig.Tool) (*tfconfig.Config, error) { return tfconfig.LoadDir(r.Dir, tool) }})
			if err != nil {
				t.Fatal(err)
			}
			planFindings := findingSet(planRes)
			for _, input := range []struct{ file, kind string }{
				{showFile, "show_json"},
				{filepath.Join(r.Dir, "terraform.tfstate"), "tfstate"},
			} {
				t.Run(input.kind, func(t *testing.T) {
					// The sources beside the state are not read: a state
					// is judged on what it recorded.
					opts := check.Options{Plan: input.file, Catalog: cat, Policy: pol, Now: nowFn,
						Sources: func(tool tfconfig.Tool) (*tfconfig.Config, error) { return tfconfig.LoadDir(r.Dir, tool) }}
					res, err := check.Run(opts)
					if err != nil {
						t.Fatal(err)
					}
					ev := res.Inventory.Evaluation
					if ev == nil || ev.Mode != inventory.EvaluatedFromState || ev.State == nil || ev.State.Kind != input.kind {
						t.Fatalf("evaluation %+v, want mode state of kind %s", ev, input.kind)
					}
					if input.kind == "tfstate" && (ev.State.Serial == nil || ev.State.Lineage == "") {
						t.Errorf("state file: serial %v lineage %q, want both", ev.State.Serial, ev.State.Lineage)
					}
					checkLandings(t, res.Inventory, r.Landings, sc.unlocated)
					// Each resource where the plan check puts it; a state
					// file names the provider configuration as the plan
					// does (`terraform show -json` names only the
					// provider: the root's configuration).
					planned := byAddress(planRes.Inventory)
					for _, got := range res.Inventory.Resources {
						want := planned[got.Address]
						switch {
						case want == nil:
							t.Errorf("%s: in the state, not in the plan", got.Address)
						case sc.unlocated[got.Address] != "" && got.Location.Status != inventory.StatusUnknown:
							t.Errorf("%s: listed as not placed by the state, but %s %q", got.Address, got.Location.Status, got.Location.Region)
						case sc.unlocated[got.Address] != "":
							t.Logf("%s: unknown in the state, %s %q in the plan (%s)", got.Address, want.Location.Status, want.Location.Region, sc.unlocated[got.Address])
						case got.Location.Status != want.Location.Status || got.Location.Region != want.Location.Region:
							t.Errorf("%s: %s %q, the plan check says %s %q", got.Address, got.Location.Status, got.Location.Region, want.Location.Status, want.Location.Region)
						case sc.levels[got.Address] != "" && got.Sensitivity.Level != sc.levels[got.Address]:
							t.Errorf("%s: level %s, want %s (%s)", got.Address, got.Sensitivity.Level, sc.levels[got.Address], moduleArgs)
						case operatorOf(got) != operatorOf(want) || sc.levels[got.Address] == "" && got.Sensitivity.Level != want.Sensitivity.Level:
							t.Errorf("%s: operator %q level %s, the plan check says %q %s", got.Address, operatorOf(got), got.Sensitivity.Level, operatorOf(want), want.Sensitivity.Level)
						case input.kind == "tfstate" && got.ProviderConfig != want.ProviderConfig:
							t.Errorf("%s: provider configuration %q, the plan check says %q", got.Address, got.ProviderConfig, want.ProviderConfig)
						}
					}
					got := findingSet(res)
					var diff []string
					for f := range got {
						if !planFindings[f] {
							diff = append(diff, "+"+f)
						}
					}
					for f := range planFindings {
						if !got[f] {
							diff = append(diff, "-"+f)
						}
					}
					slices.Sort(diff)
					var unexplained []string
					for _, d := range diff {
						if why, ok := sc.differs[d]; ok {
							t.Logf("differs from the plan check: %s (%s)", d, why)
							continue
						}
						unexplained = append(unexplained, d)
					}
					for _, d := range unexplained {
						addr := d[strings.Index(d, " ")+1:]
						for _, res := range res.Inventory.Resources {
							if res.Address == addr {
								t.Logf("%s: %s %q: %s (%s)", addr, res.Location.Status, res.Location.Region, strings.Join(inventory.English(res.Location.Evidence), " | "), res.Location.Reason)
							}
						}
					}
					if len(unexplained) > 0 {
						t.Errorf("findings differ from the plan check's, unexplained: %s", strings.Join(unexplained, ", "))
					}
					for d := range sc.differs {
						if !slices.Contains(diff, d) {
							t.Errorf("listed difference %s (%s) does not occur: remove it from the list", d, sc.differs[d])
						}
					}
					t.Logf("%d resources; plan check: %d findings, exit %d; state check: %d findings, exit %d",
						len(res.Inventory.Resources), len(planFindings), planRes.ExitCode(), len(got), res.ExitCode())
					if got, want := res.ExitCode(), planRes.ExitCode(); got != want && len(diff) == 0 {
						t.Errorf("exit code %d, the plan check's %d", got, want)
					}
					// Nothing compares a state with what was before it.
					opts.NewOnly = true
					if _, err := check.Run(opts); err == nil || !strings.Contains(err.Error(), "--new-only does not apply to a deployed state") {
						t.Errorf("--new-only on a state: %v, want refused", err)
					}
				})
			}
		})
	}
}

// checkLandings asserts that every managed resource of a state's
// inventory is where the test provider says it landed.
func checkLandings(t *testing.T, inv *inventory.Inventory, landings map[string]testtf.Landing, unlocated map[string]string) {
	t.Helper()
	located := 0
	for _, res := range inv.Resources {
		if !res.Managed() || res.Location.Status == inventory.StatusNotApplicable {
			continue
		}
		if unlocated[res.Address] != "" && res.Location.Status == inventory.StatusUnknown {
			continue
		}
		l, ok := landings[res.Address]
		// The test provider derives a region from a zone given as a
		// path (projects/p/zones/us-central1-a) by dropping the zone's
		// letter: the region is the path's last segment.
		l.Region = l.Region[strings.LastIndex(l.Region, "/")+1:]
		switch {
		case !ok:
			t.Errorf("%s: %s %q, and the test provider recorded no landing", res.Address, res.Location.Status, res.Location.Region)
		case l.Region == "global":
			if res.Location.Status != inventory.StatusGlobal {
				t.Errorf("%s: %s %q, landed global (evidence: %s)", res.Address, res.Location.Status, res.Location.Region, strings.Join(inventory.English(res.Location.Evidence), " | "))
			}
		case l.Region == "":
			// The test provider cannot tell (a part of another resource,
			// which is where that one is): nothing to compare with.
			if res.Location.Status == inventory.StatusUnknown && res.Location.Reason.IsZero() {
				t.Errorf("%s: unknown without a reason", res.Address)
			}
		case !strings.EqualFold(res.Location.Region, l.Region):
			t.Errorf("%s: %s %q, landed in %q (evidence: %s %s)", res.Address, res.Location.Status, res.Location.Region, l.Region, strings.Join(inventory.English(res.Location.Evidence), " | "), res.Location.Reason)
		default:
			located++
		}
	}
	if located == 0 {
		t.Error("no resource located where it landed")
	}
}

// findingSet is the rule and address of every finding of a check.
func findingSet(res *check.Result) map[string]bool {
	out := map[string]bool{}
	for _, f := range findingsOf(res) {
		out[f.Rule+" "+f.Address] = true
	}
	return out
}
