package inventory

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/testcorpus"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/policy"
)

// corpusDir returns the shared corpus of real plans (see testcorpus.Dir:
// skipped with a reason outside CI when absent, a failure in CI).
func corpusDir(t *testing.T) string {
	t.Helper()
	return testcorpus.Dir(t)
}

func loadCorpus(t *testing.T, dir, file string) *Inventory {
	t.Helper()
	p, name, err := planfile.Load(filepath.Join(dir, file), planfile.LoadOptions{})
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	inv, _ := Build(p, name, cat, policy.Default())
	return inv
}

// TestCorpusLoadsEverything runs the inventory over every plan of the
// corpus: no error, no panic, every resource change attributed.
func TestCorpusLoadsEverything(t *testing.T) {
	dir := corpusDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 15 {
		t.Fatalf("TRUSTCLOUD_CORPUS=%s holds %d plans; expected the shared corpus (90+)", dir, len(files))
	}
	counts := map[string]int{}
	inferred := 0
	for _, f := range files {
		inv := loadCorpus(t, dir, filepath.Base(f))
		for _, r := range inv.Resources {
			if !r.Location.Unverified.IsZero() {
				inferred++
			}
			if r.Location.Status == "" {
				t.Errorf("%s: %s has no location status", filepath.Base(f), r.Address)
			}
			if len(r.Location.Evidence) == 0 {
				t.Errorf("%s: %s has no location evidence", filepath.Base(f), r.Address)
			}
			if r.Sensitivity.Level == "" || len(r.Sensitivity.Evidence) == 0 {
				t.Errorf("%s: %s has no sensitivity level or evidence", filepath.Base(f), r.Address)
			}
			if r.Location.Status == StatusUnknown && r.Location.Reason.IsZero() {
				t.Errorf("%s: %s is unknown without a reason", filepath.Base(f), r.Address)
			}
			counts[r.Location.Status]++
		}
	}
	var parts []string
	for _, k := range []string{StatusKnown, StatusMultiRegion, StatusGlobal, StatusUnknown, StatusNotApplicable} {
		parts = append(parts, fmt.Sprintf("%s %d", k, counts[k]))
	}
	// The corpus is plan JSON without its sources: what plan JSON alone
	// cannot verify is counted, the difference evaluation would make.
	t.Logf("corpus: %d plans; resources by location status: %s; %d located only by inference (plan JSON alone, no sources)", len(files), strings.Join(parts, ", "), inferred)
}

// TestCorpusHandChecked asserts locations read by hand from the plans.
func TestCorpusHandChecked(t *testing.T) {
	dir := corpusDir(t)
	type want struct {
		status, region, operator string
		// evidence is a substring of the joined evidence.
		evidence string
	}
	cases := map[string]map[string]want{
		// Terraform 1.14, module call, per-resource region (AWS v6).
		"aquasecurity-trivy__module_call.json": {
			"module.s3_bucket.aws_s3_bucket.main": {StatusKnown, "eu-west-1", "aws", `region = "eu-west-1"`},
		},
		// Azure NSG rule without location, inheriting from its NSG.
		"bridgecrewio-checkov__azurerm_resource_reference.json": {
			"azurerm_network_security_rule.pass":  {StatusKnown, "canadacentral", "azure", "network_security_group_name refers to azurerm_network_security_group.pass"},
			"azurerm_network_security_group.fail": {StatusKnown, "canadacentral", "azure", `location = "canadacentral"`},
		},
		// Format 0.1 (Terraform 0.15), provider region from a root variable.
		"bridgecrewio-checkov__plan_module_skip_for_enrichment.json": {
			"module.m.aws_s3_bucket.b1": {StatusKnown, "us-west-2", "aws", `var.region = "us-west-2" (root)`},
		},
		// Aliased provider; Route 53 is global.
		"bridgecrewio-checkov__route53_provider_alias.json": {
			// The provider names a profile of the shared configuration,
			// which can redirect the API (endpoint_url): unverifiable.
			"aws_cloudwatch_log_group.aws_route53_example_com": {StatusUnknown, "", "", `profile = "dev"`},
			"aws_route53_zone.example_com":                     {StatusGlobal, "", "aws", "aws_route53_zone is a global service of hashicorp/aws (provider metadata aws/resource-scope.tsv:"},
		},
		// Terraform 0.13: storage account in westeurope; a log profile
		// refers to it.
		"fugue-regula__azurerm_resource_view_03.json": {
			"azurerm_storage_account.main":     {StatusKnown, "westeurope", "azure", ""},
			"azurerm_monitor_log_profile.main": {StatusKnown, "westeurope", "azure", "storage_account_id refers to azurerm_storage_account.main"},
		},
		// Google KMS key ring in the "global" location; its keys follow.
		"fugue-regula__google_kms_cryptokey_rotate.json": {
			"google_kms_key_ring.keyring":         {StatusGlobal, "", "google", `location = "global"`},
			"google_kms_crypto_key.invalid_key_1": {StatusGlobal, "", "google", "key_ring refers to google_kms_key_ring.keyring"},
		},
		// AWS and Google in one plan; Google multi-region US bucket.
		"fugue-regula__resource_view_07_aws_google.json": {
			"aws_s3_bucket.example":           {StatusKnown, "us-west-2", "aws", ""},
			"google_storage_bucket.example":   {StatusMultiRegion, "US", "google", ""},
			"google_compute_instance.default": {StatusKnown, "us-central1", "google", "zone of region us-central1"},
		},
		// Terraform 0.12 plan: legacy provider names ("aws").
		"fugue-regula__tfplan_0_12.json": {
			"aws_security_group.valid_sg_1": {StatusKnown, "us-east-1", "aws", `provider aws (root) region = "us-east-1"`},
		},
		// Zones of two regions.
		"googlecloudplatform-terraform-google-conversion__compute_disk_multi_zone.json": {
			"google_compute_disk.primary":   {StatusKnown, "us-central1", "google", `zone = "us-central1-a"`},
			"google_compute_disk.secondary": {StatusKnown, "us-east1", "google", `zone = "us-east1-c"`},
		},
		// A zone written without its hyphen.
		"googlecloudplatform-terraform-validator__pubsub_lite_topic.json": {
			"google_pubsub_lite_topic.example": {StatusKnown, "us-central1", "google", ""},
		},
		// Terraform 0.12 with an aliased provider inside a module
		// ("foo:null.aliased"): null resources have no location.
		"hashicorp-terraform-json__basic_aliases.json": {
			"module.foo.null_resource.aliased": {StatusNotApplicable, "", "", ""},
		},
		// Availability zone, and an attachment following its instance.
		"infracost-infracost__instance_with_attachment.json": {
			"aws_instance.ec2":                         {StatusKnown, "us-east-1", "aws", `availability_zone = "us-east-1a"`},
			"aws_volume_attachment.storage_attachment": {StatusKnown, "us-east-1", "aws", "instance_id refers to aws_instance.ec2"},
		},
		// OpenTofu plan, OVHcloud, nested modules, region list.
		"platformrelay-landingzone-for-ovhcloud__ovh_project_network_gra11.json": {
			"module.island.module.network.ovh_cloud_project_network_private_subnet.this": {StatusKnown, "GRA11", "ovhcloud", `region = "GRA11"`},
			"module.island.module.network.ovh_cloud_project_network_private.this":        {StatusKnown, "GRA11", "ovhcloud", `regions[0] = "GRA11"`},
		},
		// Google zone in London (not EU).
		"snyk-policy-engine__google_sensitive_empty_string.json": {
			"google_compute_instance.cloud-1829-repro": {StatusKnown, "europe-west2", "google", `zone = "europe-west2-a"`},
		},
		// Terraform 0.12: provider region from var.aws_region.
		"terraform-compliance-cli__issue_156_var_region.json": {
			"aws_instance.demo-prod-AppOne": {StatusKnown, "eu-west-1", "aws", `var.aws_region = "eu-west-1" (root)`},
		},
		// Module with count instances.
		"terraform-compliance-cli__issue_158_vpc_modules.json": {
			"module.vpc.aws_eip.nat[2]": {StatusKnown, "eu-west-1", "aws", `provider aws (root) region = "eu-west-1"`},
		},
		// No region anywhere: the environment decides.
		"aquasecurity-trivy__plan_with_variables.json": {
			"aws_s3_bucket.planbucket": {StatusUnknown, "", "aws", "environment"},
		},
		// A SaaS provider the catalog does not know.
		"terraform-compliance-cli__datadog_monitors.json": {
			"datadog_monitor.kubernetes_api_cpu_request_exceeded[0]": {StatusUnknown, "", "", "not in the catalog"},
		},
		// Azure without configuration: the subnet names its network.
		"oocx-tfplan2md__azurerm_comprehensive_demo.json": {
			"module.network.azurerm_subnet.app": {StatusKnown, "eastus", "azure", `virtual_network_name = "vnet-spoke" names`},
		},
	}
	// The locations that plan JSON alone can only infer: a provider
	// region given by a variable, a container named by a reference whose
	// planned value is computed.
	inferred := map[string]bool{
		"module.m.aws_s3_bucket.b1":                true,
		"azurerm_monitor_log_profile.main":         true,
		"google_kms_crypto_key.invalid_key_1":      true,
		"aws_volume_attachment.storage_attachment": true,
		"aws_instance.demo-prod-AppOne":            true,
		// A provider region written as a constant, but plan JSON does
		// not show dynamic blocks: a dynamic endpoints {} block could
		// redirect the AWS API (resources of AWS provider 5 and earlier
		// carry no region of their own).
		"aws_s3_bucket.example":         true,
		"aws_security_group.valid_sg_1": true,
		"module.vpc.aws_eip.nat[2]":     true,
	}
	files := make([]string, 0, len(cases))
	for f := range cases {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, file := range files {
		t.Run(file, func(t *testing.T) {
			inv := loadCorpus(t, dir, file)
			byAddr := map[string]*Resource{}
			for _, r := range inv.Resources {
				byAddr[r.Address] = r
			}
			for addr, w := range cases[file] {
				r := byAddr[addr]
				if r == nil {
					t.Errorf("%s: not in the inventory", addr)
					continue
				}
				op := ""
				if r.Operator != nil {
					op = *r.Operator
				}
				if r.Location.Status != w.status || r.Location.Region != w.region || op != w.operator {
					t.Errorf("%s: got %s %q operator %q, want %s %q operator %q (evidence %q)", addr, r.Location.Status, r.Location.Region, op, w.status, w.region, w.operator, r.Location.Evidence)
				}
				if ev := strings.Join(English(r.Location.Evidence), " | "); !strings.Contains(ev, w.evidence) {
					t.Errorf("%s: evidence %q lacks %q", addr, ev, w.evidence)
				}
				// Read from plan JSON alone, a location reached through a
				// reference is inferred, never verified.
				if got := !r.Location.Unverified.IsZero(); got != inferred[addr] {
					t.Errorf("%s: unverified %q, want inferred %v", addr, r.Location.Unverified, inferred[addr])
				}
			}
		})
	}
}

// TestCorpusMetadataAnswers: on every plan of the corpus, no resource is
// unknown for a reason the providers' metadata answers: a type the
// metadata says is global, project-level or creates nothing is never
// unknown when its operator is known. It logs attribution per status and the data locations
// found, by status.
func TestCorpusMetadataAnswers(t *testing.T) {
	dir := corpusDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	byStatus, dataByStatus, withScope, managed := map[string]int{}, map[string]int{}, 0, 0
	for _, f := range files {
		inv := loadCorpus(t, dir, filepath.Base(f))
		for _, r := range inv.Resources {
			if !r.Managed() {
				continue
			}
			managed++
			byStatus[r.Location.Status]++
			for _, d := range r.DataLocations {
				dataByStatus[d.Status]++
				if d.Attribute == "" || d.Flow == "" || len(d.Evidence) == 0 {
					t.Errorf("%s: %s: data location without attribute, flow or evidence: %+v", filepath.Base(f), r.Address, d)
				}
			}
			p, err := cat.Provider(r.Provider)
			if err != nil {
				continue
			}
			ts, ok := cat.TypeScope(p, r.catalogType())
			if !ok {
				continue
			}
			withScope++
			if r.Location.Status != StatusUnknown || r.Operator == nil {
				// An operator that cannot be established (the provider's
				// API is redirected) leaves every type unknown: rightly.
				continue
			}
			switch ts.Scope {
			case catalog.ScopeGlobal, catalog.ScopeProject, catalog.ScopeNone:
				t.Errorf("%s: %s is unknown (%s), though the metadata says %s (%s)", filepath.Base(f), r.Address, r.Location.Reason, ts.Scope, ts.Ref)
			}
		}
	}
	var parts, dparts []string
	for _, k := range []string{StatusKnown, StatusMultiRegion, StatusGlobal, StatusUnknown, StatusNotApplicable} {
		parts = append(parts, fmt.Sprintf("%s %d (%.1f%%)", k, byStatus[k], 100*float64(byStatus[k])/float64(max(managed, 1))))
		dparts = append(dparts, fmt.Sprintf("%s %d", k, dataByStatus[k]))
	}
	t.Logf("corpus: %d managed resources, %d with a type row in the metadata; by location status: %s; data locations: %s",
		managed, withScope, strings.Join(parts, ", "), strings.Join(dparts, ", "))
	if withScope*10 < managed*7 {
		t.Errorf("only %d of %d managed resources of the corpus have a type row: the metadata tables are not read", withScope, managed)
	}
}
