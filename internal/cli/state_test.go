package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/cli"
	"github.com/trustcloud/trustcloud/internal/report"
)

// stateFile is a state file of format 4: an AWS bucket in Frankfurt
// (its region attribute) under an aliased provider configuration, a
// Paris instance and a sensitive queue in Virginia that only their ARNs
// place, and a data source.
const stateFile = `{
  "version": 4,
  "terraform_version": "1.9.8",
  "serial": 12,
  "lineage": "3f1c9a2e-7d4b-4c1e-9a55-0b6f2d1e8c47",
  "outputs": {},
  "resources": [
    {"mode": "data", "type": "aws_region", "name": "current", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
     "instances": [{"schema_version": 0, "attributes": {"name": "eu-west-3"}}]},
    {"mode": "managed", "type": "aws_s3_bucket", "name": "logs", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"].frankfurt",
     "instances": [{"schema_version": 0, "attributes": {"bucket": "logs", "region": "eu-central-1", "arn": "arn:aws:s3:::logs", "tags": {"data_sensitivity": "internal"}}}]},
    {"module": "module.app[0]", "mode": "managed", "type": "aws_instance", "name": "web", "each": "list", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
     "instances": [{"index_key": 0, "schema_version": 1, "attributes": {"id": "i-0abc", "arn": "arn:aws:ec2:eu-west-3:123456789012:instance/i-0abc"}}]},
    {"mode": "managed", "type": "aws_sqs_queue", "name": "virginia", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
     "instances": [{"schema_version": 0, "attributes": {"name": "q", "arn": "arn:aws:sqs:us-east-1:123456789012:q", "tags": {"data_sensitivity": "sensitive"}}}]}
  ]
}`

// TestCheckState checks a state file: each resource where it is deployed,
// the report saying it is a deployed state with its serial and lineage,
// and the comparisons of plans refused.
func TestCheckState(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "terraform.tfstate")
	if err := os.WriteFile(state, []byte(stateFile), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "inventory", "--format", "json", state)
	if r.code != cli.ExitOK {
		t.Fatalf("inventory: %s", r)
	}
	var inv struct {
		Resources []struct {
			Address        string `json:"address"`
			ProviderConfig string `json:"provider_config"`
			Location       struct {
				Status   string   `json:"status"`
				Region   *string  `json:"region"`
				Evidence []string `json:"evidence"`
			} `json:"location"`
		} `json:"resources"`
		Evaluation struct {
			Mode  string `json:"mode"`
			State struct {
				Kind    string `json:"kind"`
				Serial  *int   `json:"serial"`
				Lineage string `json:"lineage"`
			} `json:"state"`
		} `json:"evaluation"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &inv); err != nil {
		t.Fatal(err)
	}
	if ev := inv.Evaluation; ev.Mode != "state" || ev.State.Kind != "tfstate" || ev.State.Serial == nil || *ev.State.Serial != 12 || ev.State.Lineage != "3f1c9a2e-7d4b-4c1e-9a55-0b6f2d1e8c47" {
		t.Errorf("evaluation %+v", ev)
	}
	want := map[string]struct{ region, config string }{
		"aws_s3_bucket.logs":                {"eu-central-1", "aws.frankfurt"},
		"module.app[0].aws_instance.web[0]": {"eu-west-3", "aws"},
		"aws_sqs_queue.virginia":            {"us-east-1", "aws"},
	}
	if len(inv.Resources) != len(want) {
		t.Errorf("%d resources, want %d (the data source is not deployed)", len(inv.Resources), len(want))
	}
	for _, res := range inv.Resources {
		w, ok := want[res.Address]
		region := ""
		if res.Location.Region != nil {
			region = *res.Location.Region
		}
		if !ok || res.Location.Status != "known" || region != w.region || res.ProviderConfig != w.config {
			t.Errorf("%s: %s %q under %q, want known %q under %q (evidence %v)", res.Address, res.Location.Status, region, res.ProviderConfig, w.region, w.config, res.Location.Evidence)
		}
	}

	r = run(t, "", "check", state)
	if r.code != cli.ExitFindings || !strings.Contains(r.stdout, "TC001") {
		t.Errorf("the queue in Virginia passed: %s", r)
	}
	if !strings.Contains(r.stdout, "deployed state (state file, serial 12, lineage 3f1c9a2e-7d4b-4c1e-9a55-0b6f2d1e8c47)") {
		t.Errorf("the text report does not say it is a deployed state, with its serial and lineage: %s", r)
	}
	fr := run(t, "", "check", "--lang", "fr", state)
	if !strings.Contains(fr.stdout, "état déployé (fichier d'état, numéro de série 12") {
		t.Errorf("the French report does not say it is a deployed state: %s", fr)
	}
	// Every format says it is a deployed state, and which snapshot.
	for _, f := range report.Names() {
		out := filepath.Join(dir, "report."+f)
		if r := run(t, "", "check", "--format", f+"="+out, "--fail-on", "none", state); r.code != cli.ExitOK {
			t.Fatalf("check --format %s: %s", f, r)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"deployed state", "serial 12", "lineage 3f1c9a2e-7d4b-4c1e-9a55-0b6f2d1e8c47"} {
			if !strings.Contains(strings.ToLower(string(data)), w) {
				t.Errorf("format %s does not say %q", f, w)
			}
		}
	}
	base := filepath.Join(dir, "baseline.json")
	if r := run(t, "", "check", "--format", "json="+base, "--fail-on", "none", state); r.code != cli.ExitOK {
		t.Fatalf("check: %s", r)
	}
	for _, args := range [][]string{{"--new-only"}, {"--baseline", base}} {
		r := run(t, "", append(append([]string{"check"}, args...), state)...)
		if r.code != cli.ExitError || !strings.Contains(r.stderr, args[0]+" does not apply to a deployed state") {
			t.Errorf("check %s on a state: %s, want a usage error saying why", args[0], r)
		}
	}
}
