package inventory

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/policy"
)

func TestIdentifierRegion(t *testing.T) {
	for in, want := range map[string]string{
		"arn:aws:ec2:eu-west-3:123456789012:instance/i-1":    "eu-west-3",
		"arn:aws-us-gov:rds:us-gov-west-1:123456789012:db:x": "us-gov-west-1",
		"arn:aws:s3:::bucket":                                "",
		"arn:aws:iam::123456789012:role/r":                   "",
		"arn:aws:ec2":                                        "",
		"https://www.googleapis.com/compute/v1/projects/p/zones/europe-west9-a/instances/vm":  "europe-west9-a",
		"projects/p/regions/europe-west9/subnetworks/s":                                       "europe-west9",
		"projects/p/locations/europe-west1/keyRings/k":                                        "europe-west1",
		"projects/p/global/networks/n":                                                        "",
		"projects/p/locations/global/keyRings/k":                                              "",
		"/subscriptions/s/providers/Microsoft.Security/locations/francecentral/alerts/a":      "francecentral",
		"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet": "",
		"i-0abc":                     "",
		"projects/p/zones/a b/x":     "",
		"projects/p/regions/":        "",
		"zones/europe-west9-a:extra": "",
	} {
		if got := identifierRegion(in); got != want {
			t.Errorf("%s: %q, want %q", in, got, want)
		}
	}
}

// identifierState has, per case, a resource whose identifiers carry a
// region: agreeing with its attributes, alone, or disagreeing.
const identifierState = `{"version": 4, "terraform_version": "1.9.8", "serial": 3, "lineage": "l", "resources": [
  {"mode": "managed", "type": "aws_instance", "name": "agree", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
   "instances": [{"attributes": {"region": "eu-west-3", "arn": "arn:aws:ec2:eu-west-3:123456789012:instance/i-1"}}]},
  {"mode": "managed", "type": "aws_instance", "name": "arn_only", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
   "instances": [{"attributes": {"arn": "arn:aws:ec2:eu-west-3:123456789012:instance/i-2"}}]},
  {"mode": "managed", "type": "aws_instance", "name": "disagree", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
   "instances": [{"attributes": {"region": "eu-west-3", "arn": "arn:aws:ec2:us-east-1:123456789012:instance/i-3"}}]},
  {"mode": "managed", "type": "aws_s3_bucket", "name": "no_region_in_arn", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
   "instances": [{"attributes": {"region": "eu-west-3", "bucket": "b", "arn": "arn:aws:s3:::b"}}]},
  {"mode": "managed", "type": "google_compute_instance", "name": "zone_disagree", "provider": "provider[\"registry.terraform.io/hashicorp/google\"]",
   "instances": [{"attributes": {"zone": "europe-west9-a", "self_link": "https://www.googleapis.com/compute/v1/projects/p/zones/us-central1-a/instances/vm"}}]},
  {"mode": "managed", "type": "google_compute_subnetwork", "name": "id_only", "provider": "provider[\"registry.terraform.io/hashicorp/google\"]",
   "instances": [{"attributes": {"id": "projects/p/regions/europe-west9/subnetworks/s"}}]}
]}`

func TestStateIdentifiers(t *testing.T) {
	file := filepath.Join(t.TempDir(), "terraform.tfstate")
	if err := os.WriteFile(file, []byte(identifierState), 0o644); err != nil {
		t.Fatal(err)
	}
	in, err := planfile.LoadInput(file, planfile.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	inv, _ := BuildWith(in.Plan, in.Name, cat, policy.Default(), Options{State: in.State})
	want := map[string]struct{ status, region, says string }{
		"aws_instance.agree":                    {StatusKnown, "eu-west-3", `arn = "arn:aws:ec2:eu-west-3`},
		"aws_instance.arn_only":                 {StatusKnown, "eu-west-3", `arn = "arn:aws:ec2:eu-west-3`},
		"aws_instance.disagree":                 {StatusUnknown, "", `disagree: region = "eu-west-3"`},
		"aws_s3_bucket.no_region_in_arn":        {StatusKnown, "eu-west-3", `region = "eu-west-3"`},
		"google_compute_instance.zone_disagree": {StatusUnknown, "", "us-central1"},
		"google_compute_subnetwork.id_only":     {StatusKnown, "europe-west9", `id = "projects/p/regions/europe-west9`},
	}
	for _, r := range inv.Resources {
		w := want[r.Address]
		ev := strings.Join(English(r.Location.Evidence), " | ")
		if r.Location.Status != w.status || r.Location.Region != w.region || !strings.Contains(ev, w.says) {
			t.Errorf("%s: %s %q (%s), want %s %q with %q", r.Address, r.Location.Status, r.Location.Region, ev, w.status, w.region, w.says)
		}
		if r.Location.Status == StatusUnknown && (!strings.Contains(r.Location.Reason.String(), "disagree") || !strings.Contains(r.Location.Reason.String(), "arn") && !strings.Contains(r.Location.Reason.String(), "self_link")) {
			t.Errorf("%s: reason %q does not name the identifier that disagrees", r.Address, r.Location.Reason)
		}
	}
	if ev := inv.Evaluation; ev.Mode != EvaluatedFromState || ev.State.Serial == nil || *ev.State.Serial != 3 || ev.State.Lineage != "l" {
		t.Errorf("evaluation %+v", ev)
	}
	// A plan's identifiers are not read: the same values without
	// Options.State leave the ARN-only instance where its provider is.
	plan, _ := BuildWith(in.Plan, in.Name, cat, policy.Default(), Options{})
	for _, r := range plan.Resources {
		if r.Address == "aws_instance.arn_only" && r.Location.Status == StatusKnown {
			t.Errorf("a plan's ARN placed %s: %v", r.Address, r.Location.Evidence)
		}
	}
}
