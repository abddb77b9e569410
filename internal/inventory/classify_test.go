package inventory

import (
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/policy"
)

// classifyPlan holds one resource per classification case; the policy is
// the default profile (tag keys data_sensitivity, trustcloud_sensitivity;
// unclassified level sensitive).
const classifyPlan = `{
  "format_version": "1.2",
  "configuration": {"provider_config": {"aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws",
     "expressions": {"region": {"constant_value": "eu-west-3"}, "default_tags": [{"tags": {"constant_value": {"data_sensitivity": "sensitive"}}}]}}},
    "root_module": {"resources": [
      {"address": "aws_sqs_queue.unknown_tag", "mode": "managed", "type": "aws_sqs_queue", "name": "unknown_tag", "provider_config_key": "aws",
       "expressions": {"tags": {"references": ["terraform_data.x.output"]}}},
      {"address": "azurerm_storage_account.sa", "mode": "managed", "type": "azurerm_storage_account", "name": "sa", "provider_config_key": "azurerm",
       "expressions": {"resource_group_name": {"references": ["azurerm_resource_group.rg.name", "azurerm_resource_group.rg"]}}}
    ]}},
  "resource_changes": [
    {"address": "aws_sqs_queue.weaker_tag", "mode": "managed", "type": "aws_sqs_queue", "name": "weaker_tag", "provider_name": "registry.terraform.io/hashicorp/aws",
     "change": {"actions": ["create"], "after": {"tags": {"data_sensitivity": "internal"}, "tags_all": {"data_sensitivity": "internal"}}, "after_unknown": {}}},
    {"address": "aws_sqs_queue.two_keys", "mode": "managed", "type": "aws_sqs_queue", "name": "two_keys", "provider_name": "registry.terraform.io/hashicorp/aws",
     "change": {"actions": ["create"], "after": {"tags": {"data_sensitivity": "public", "trustcloud_sensitivity": "restricted"}}, "after_unknown": {}}},
    {"address": "aws_sqs_queue.near_key", "mode": "managed", "type": "aws_sqs_queue", "name": "near_key", "provider_name": "registry.terraform.io/hashicorp/aws",
     "change": {"actions": ["create"], "after": {"tags": {"Data-Sensitivity ": "public"}}, "after_unknown": {}}},
    {"address": "aws_sqs_queue.lookalike", "mode": "managed", "type": "aws_sqs_queue", "name": "lookalike", "provider_name": "registry.terraform.io/hashicorp/aws",
     "change": {"actions": ["create"], "after": {"tags": {"data_sensitivity": "s\u0435nsitive"}}, "after_unknown": {}}},
    {"address": "aws_sqs_queue.invisible", "mode": "managed", "type": "aws_sqs_queue", "name": "invisible", "provider_name": "registry.terraform.io/hashicorp/aws",
     "change": {"actions": ["create"], "after": {"tags": {"data\u200b_sensitivity": "public"}}, "after_unknown": {}}},
    {"address": "aws_sqs_queue.not_a_level", "mode": "managed", "type": "aws_sqs_queue", "name": "not_a_level", "provider_name": "registry.terraform.io/hashicorp/aws",
     "change": {"actions": ["create"], "after": {"tags": {"data_sensitivity": "confidential"}}, "after_unknown": {}}},
    {"address": "aws_sqs_queue.unknown_value", "mode": "managed", "type": "aws_sqs_queue", "name": "unknown_value", "provider_name": "registry.terraform.io/hashicorp/aws",
     "change": {"actions": ["create"], "after": {"tags": {"env": "prod"}}, "after_unknown": {"tags": {"data_sensitivity": true}}}},
    {"address": "aws_sqs_queue.unknown_tag", "mode": "managed", "type": "aws_sqs_queue", "name": "unknown_tag", "provider_name": "registry.terraform.io/hashicorp/aws",
     "change": {"actions": ["create"], "after": {}, "after_unknown": {"tags": true}}},
    {"address": "google_sql_database_instance.db", "mode": "managed", "type": "google_sql_database_instance", "name": "db", "provider_name": "registry.terraform.io/hashicorp/google",
     "change": {"actions": ["create"], "after": {"region": "europe-west9", "settings": [{"user_labels": {"data_sensitivity": "restricted"}}]}, "after_unknown": {}}},
    {"address": "openstack_compute_instance_v2.vm", "mode": "managed", "type": "openstack_compute_instance_v2", "name": "vm", "provider_name": "registry.terraform.io/terraform-provider-openstack/openstack",
     "change": {"actions": ["create"], "after": {"region": "GRA11", "metadata": {"data_sensitivity": "sensitive"}}, "after_unknown": {}}},
    {"address": "azurerm_resource_group.rg", "mode": "managed", "type": "azurerm_resource_group", "name": "rg", "provider_name": "registry.terraform.io/hashicorp/azurerm",
     "change": {"actions": ["create"], "after": {"name": "rg-data", "location": "francecentral", "tags": {"data_sensitivity": "restricted"}}, "after_unknown": {}}},
    {"address": "azurerm_storage_account.sa", "mode": "managed", "type": "azurerm_storage_account", "name": "sa", "provider_name": "registry.terraform.io/hashicorp/azurerm",
     "change": {"actions": ["create"], "after": {"resource_group_name": "rg-data", "location": "francecentral", "tags": {"data_sensitivity": "internal"}}, "after_unknown": {}}},
    {"address": "google_project.health", "mode": "managed", "type": "google_project", "name": "health", "provider_name": "registry.terraform.io/hashicorp/google",
     "change": {"actions": ["create"], "after": {"project_id": "acme-health", "name": "Health", "labels": {"data_sensitivity": "restricted"}}, "after_unknown": {}}},
    {"address": "google_storage_bucket.scans", "mode": "managed", "type": "google_storage_bucket", "name": "scans", "provider_name": "registry.terraform.io/hashicorp/google",
     "change": {"actions": ["create"], "after": {"project": "acme-health", "location": "EUROPE-WEST9", "labels": {"data_sensitivity": "internal"}}, "after_unknown": {}}},
    {"address": "aws_sqs_queue.plain", "mode": "managed", "type": "aws_sqs_queue", "name": "plain", "provider_name": "registry.terraform.io/hashicorp/aws",
     "change": {"actions": ["create"], "after": {}, "after_unknown": {}}}
  ]
}`

// TestClassifyStrictestWins: every signal counts and the strictest wins;
// a signal present but unreadable is judged at the unclassified level and
// says why; only a resource without any signal gets the default level.
func TestClassifyStrictestWins(t *testing.T) {
	rs := buildFixture(t, classifyPlan)
	for _, tc := range []struct {
		addr, level  string
		unclassified string // a substring of the reason, "" for none
		evidence     string // a substring of the first evidence
	}{
		{"aws_sqs_queue.weaker_tag", "sensitive", "", "data_sensitivity=sensitive"},
		{"aws_sqs_queue.two_keys", "restricted", "", "trustcloud_sensitivity=restricted"},
		{"aws_sqs_queue.near_key", "sensitive", `key "Data-Sensitivity " is not "data_sensitivity"`, ""},
		{"aws_sqs_queue.lookalike", "sensitive", `it looks like "sensitive"`, ""},
		{"aws_sqs_queue.invisible", "sensitive", `is not "data_sensitivity"`, ""},
		{"aws_sqs_queue.not_a_level", "sensitive", `"confidential" is not a sensitivity level`, ""},
		{"aws_sqs_queue.unknown_value", "sensitive", "computed at apply time", ""},
		{"aws_sqs_queue.unknown_tag", "sensitive", "computed at apply time", ""},
		{"google_sql_database_instance.db", "restricted", "", "label data_sensitivity=restricted"},
		{"openstack_compute_instance_v2.vm", "sensitive", "", "data_sensitivity=sensitive"},
		{"azurerm_storage_account.sa", "restricted", "", "in azurerm_resource_group.rg (resource_group_name)"},
		{"google_storage_bucket.scans", "restricted", "", "in google_project.health (project)"},
		{"aws_sqs_queue.plain", "internal", "", "policy default level internal"},
	} {
		r := rs[tc.addr]
		if r == nil {
			t.Fatalf("%s: not in the inventory", tc.addr)
		}
		s := r.Sensitivity
		if s.Level != tc.level {
			t.Errorf("%s: level %s, want %s (evidence %q)", tc.addr, s.Level, tc.level, s.Evidence)
		}
		got := strings.Join(English(s.Unclassified), " | ")
		if tc.unclassified == "" && got != "" || tc.unclassified != "" && !strings.Contains(got, tc.unclassified) {
			t.Errorf("%s: unclassified %q, want %q", tc.addr, got, tc.unclassified)
		}
		if tc.evidence != "" && (len(s.Evidence) == 0 || !strings.Contains(s.Evidence[0].String(), tc.evidence)) {
			t.Errorf("%s: evidence %q, want it to start with %q", tc.addr, s.Evidence, tc.evidence)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Data-Sensitivity ":      "datasensitivity",
		"data\u200b_sensitivity": "datasensitivity",
		"s\u0435nsitive":         "sensitive",
		"SENSIBLE":               "sensible",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestModuleSuffixes(t *testing.T) {
	got := strings.Join(moduleSuffixes(`module.wrap["a.b"].module.health_records`), " | ")
	want := `module.wrap["a.b"].module.health_records | module.health_records`
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestClassifyMayLower: a policy that lets tags lower the level gets the
// tag's level, and the evidence says what it lowered; an unreadable
// signal is never lowered.
func TestClassifyMayLower(t *testing.T) {
	pol, diags := policy.Parse("p.hcl", []byte("classification {\n  may_lower = [\"tag\"]\n}\n"))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	p, err := planfile.Parse("fixture.json", []byte(classifyPlan))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	inv, _ := Build(p, "fixture.json", cat, pol)
	got := map[string]Sensitivity{}
	for _, r := range inv.Resources {
		got[r.Address] = r.Sensitivity
	}
	s := got["aws_sqs_queue.weaker_tag"]
	if s.Level != "internal" || !strings.Contains(strings.Join(English(s.Evidence), " | "), `lowered from sensitive by the policy's may_lower = ["tag"]`) {
		t.Errorf("weaker_tag: %+v", s)
	}
	if s := got["aws_sqs_queue.not_a_level"]; s.Level != "sensitive" {
		t.Errorf("an unreadable tag is never lowered: %+v", s)
	}
	if s := got["azurerm_storage_account.sa"]; s.Level != "internal" {
		t.Errorf("the storage account's own tag lowers its container's level: %+v", s)
	}
	if _, diags := policy.Parse("p.hcl", []byte("classification {\n  may_lower = [\"tags\"]\n}\n")); !diags.HasErrors() || !strings.Contains(diags.Error(), "Unknown classification signal") {
		t.Errorf("an unknown signal kind is refused: %v", diags)
	}
}

// TestFoldFastPath: fold's ASCII shortcut gives what the rune-by-rune fold
// gives, on every printable and separator byte and on look-alikes.
func TestFoldFastPath(t *testing.T) {
	cases := []string{"", "-", "_ -", "data_classification", "Data-Classification", "DATA CLASSIFICATION",
		"sensible\t", "ѕensitive", "Ѕensible", "data\u200bclass", "é", "caf\u0065\u0301", "a\x7fb", "A\u00a0B"}
	for c := 0; c < 0x80; c++ {
		cases = append(cases, string(rune(c)), "x"+string(rune(c))+"Y", string(rune(c))+"ab")
	}
	for _, s := range cases {
		if got, want := fold(s), foldRunes(s); got != want {
			t.Errorf("fold(%q) = %q, want %q (the rune-by-rune fold)", s, got, want)
		}
	}
}
