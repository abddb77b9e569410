package planfile

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The tests of this file edit real plans (the scenarios, Terraform
// 1.11) the way an adversary would, as text, so that what encoding/json
// would merge or reorder (a duplicate member) survives, and check that
// the plan is refused with an error naming the file, the place and the
// problem, while the unedited plan still loads.

// scenarioPlan returns the plan of a scenario as text.
func scenarioPlan(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "scenarios", name, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// replaceAfter replaces the first old that follows the first marker
// ("" for the start of the plan).
func replaceAfter(t *testing.T, s, marker, old, repl string) string {
	t.Helper()
	from := strings.Index(s, marker)
	if from < 0 {
		t.Fatalf("%q is not in the plan", marker)
	}
	i := strings.Index(s[from:], old)
	if i < 0 {
		t.Fatalf("%q is not in the plan after %q", old, marker)
	}
	i += from
	return s[:i] + repl + s[i+len(old):]
}

// valueEnd returns the end of the JSON value starting at s[i].
func valueEnd(t *testing.T, s string, i int) int {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s[i:]))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		t.Fatalf("no JSON value at %q: %v", s[i:min(len(s), i+40)], err)
	}
	return i + int(dec.InputOffset())
}

// replaceValue replaces the value of the first member key that follows
// marker (repl "" removes the member).
func replaceValue(t *testing.T, s, marker, key, repl string) string {
	t.Helper()
	from := strings.Index(s, marker)
	if from < 0 {
		t.Fatalf("%q is not in the plan", marker)
	}
	name := `"` + key + `":`
	i := strings.Index(s[from:], name)
	if i < 0 {
		t.Fatalf("member %q is not in the plan after %q", key, marker)
	}
	start := from + i
	end := valueEnd(t, s, start+len(name))
	if repl != "" {
		return s[:start+len(name)] + repl + s[end:]
	}
	if s[end] == ',' {
		return s[:start] + s[end+1:]
	}
	return strings.TrimSuffix(s[:start], ",") + s[end:]
}

// removeElement removes the array element starting with prefix, found
// after marker.
func removeElement(t *testing.T, s, marker, prefix string) string {
	t.Helper()
	from := strings.Index(s, marker)
	if from < 0 {
		t.Fatalf("%q is not in the plan", marker)
	}
	i := strings.Index(s[from:], prefix)
	if i < 0 {
		t.Fatalf("%q is not in the plan after %q", prefix, marker)
	}
	start := from + i
	end := valueEnd(t, s, start)
	if s[end] == ',' {
		return s[:start] + s[end+1:]
	}
	return strings.TrimSuffix(s[:start], ",") + s[end:]
}

// loadBoth reads a plan as the CLI does (from a file, the attributes of
// the catalog kept) and fully (Parse), and checks that both agree.
func loadBoth(t *testing.T, src string) error {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, loadErr := Load(path, LoadOptions{Keep: keepSome})
	_, parseErr := Parse("plan.json", []byte(src))
	if (loadErr == nil) != (parseErr == nil) {
		t.Fatalf("Load says %v, Parse says %v", loadErr, parseErr)
	}
	if loadErr == nil {
		return nil
	}
	var le, pe *Error
	if !errors.As(loadErr, &le) || !errors.As(parseErr, &pe) {
		t.Fatalf("errors %v (%T) and %v (%T) are not *plan.Error", loadErr, loadErr, parseErr, parseErr)
	}
	if le.File != path || pe.File != "plan.json" {
		t.Errorf("errors name %q and %q, want %q and plan.json", le.File, pe.File, path)
	}
	if le.Where != pe.Where || le.Msg != pe.Msg {
		t.Errorf("Load and Parse disagree:\n  %s: %s\n  %s: %s", le.Where, le.Msg, pe.Where, pe.Msg)
	}
	if strings.ContainsAny(parseErr.Error(), "\n\r") {
		t.Errorf("the error is not one line: %q", parseErr)
	}
	return parseErr
}

type hostileEdit struct {
	name     string
	scenario string
	edit     func(t *testing.T, s string) string
	// where is the place the error names; msg are parts of its message.
	where string
	msg   []string
}

func runHostile(t *testing.T, cases []hostileEdit) {
	t.Helper()
	honest := map[string]bool{}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := scenarioPlan(t, tc.scenario)
			if !honest[tc.scenario] {
				if err := loadBoth(t, src); err != nil {
					t.Fatalf("the unedited plan (the honest twin) is refused: %v", err)
				}
				honest[tc.scenario] = true
			}
			edited := tc.edit(t, src)
			if edited == src {
				t.Fatal("the edit changed nothing")
			}
			err := loadBoth(t, edited)
			if err == nil {
				t.Fatal("the edited plan loads")
			}
			var pe *Error
			errors.As(err, &pe)
			if pe.Where != tc.where {
				t.Errorf("error %q names the place %q, want %q", err, pe.Where, tc.where)
			}
			for _, m := range tc.msg {
				if !strings.Contains(pe.Msg, m) {
					t.Errorf("error %q does not say %q", err, m)
				}
			}
		})
	}
}

// TestDuplicateMembersRefused: a member twice in one object, anywhere —
// in what the reader decodes, in what it skips, in the configuration —
// is refused: encoding/json and most readers keep the last, this reader
// the first, so that two tools would check two different plans.
func TestDuplicateMembersRefused(t *testing.T) {
	const changes = `"resource_changes":[`
	runHostile(t, []hostileEdit{{
		name:     "region twice in after",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, changes, `"after":{"bucket":"acme-web-user-uploads",`, `"after":{"region":"us-east-1","bucket":"acme-web-user-uploads",`)
		},
		where: "$.resource_changes[3].change.after",
		msg:   []string{`member "region" appears twice`, "line 1, column ", "edited by hand"},
	}, {
		name:     "escaped region twice in after",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, changes, `"after":{"bucket":"acme-web-user-uploads",`, `"after":{"\u0072egion":"us-east-1","bucket":"acme-web-user-uploads",`)
		},
		where: "$.resource_changes[3].change.after",
		msg:   []string{`member "region" appears twice`},
	}, {
		name:     "tag twice in after",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, changes, `"tags":{"data_sensitivity":"public"}`, `"tags":{"data_sensitivity":"public","data_sensitivity":"secret"}`)
		},
		where: "$.resource_changes[2].change.after",
		msg:   []string{`member "data_sensitivity" appears twice`},
	}, {
		name:     "attribute twice in after_unknown",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, changes, `"after_unknown":{"arn":true,`, `"after_unknown":{"arn":true,"arn":false,`)
		},
		where: "$.resource_changes[1].change.after_unknown",
		msg:   []string{`member "arn" appears twice`},
	}, {
		name:     "value twice in planned_values, which is skipped",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, `"planned_values"`, `"values":{"bucket":"acme-web-static-assets",`, `"values":{"bucket":"acme-web-static-assets","bucket":"other",`)
		},
		where: "$.planned_values.root_module.resources[1]",
		msg:   []string{`member "bucket" appears twice`, "line 1, column "},
	}, {
		name:     "resource_changes twice",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, "", `{"format_version":"1.2",`, `{"format_version":"1.2","resource_changes":[],`)
		},
		where: "$",
		msg:   []string{`member "resource_changes" appears twice`},
	}, {
		name:     "mode twice in the configuration",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, `"configuration"`, `"address":"aws_s3_bucket.uploads","mode":"managed",`, `"address":"aws_s3_bucket.uploads","mode":"managed","mode":"data",`)
		},
		where: "$.configuration.root_module.resources[2]",
		msg:   []string{`member "mode" appears twice`},
	}, {
		name:     "member twice in prior_state",
		scenario: "aws-delete-decommission",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, "", `"prior_state":{"format_version":"1.0",`, `"prior_state":{"format_version":"1.0","format_version":"1.0",`)
		},
		where: "$.prior_state",
		msg:   []string{`member "format_version" appears twice`},
	}})
}

// TestMissingResourceChangesRefused: Terraform writes a resource change
// for every resource of planned_values, and planned_values in every plan.
func TestMissingResourceChangesRefused(t *testing.T) {
	runHostile(t, []hostileEdit{{
		name:     "null resource_changes",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceValue(t, s, "", "resource_changes", "null")
		},
		where: "$.resource_changes",
		msg:   []string{`null, but planned_values lists resources ("aws_instance.web" at $.planned_values.root_module.resources[0])`},
	}, {
		name:     "no resource_changes",
		scenario: "ministry",
		edit: func(t *testing.T, s string) string {
			return replaceValue(t, s, "", "resource_changes", "")
		},
		where: "$.resource_changes",
		msg:   []string{"missing, but planned_values lists resources"},
	}, {
		name:     "no resource_changes nor planned_values",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			s = replaceValue(t, s, "", "resource_changes", "")
			return replaceValue(t, s, "", "planned_values", "")
		},
		where: "$.resource_changes",
		msg:   []string{`missing, and so is planned_values, but the configuration declares resources ("aws_instance.web" at $.configuration.root_module.resources[0])`},
	}})
}

// TestPlansWithoutChangesLoad: what Terraform 1.11 writes for a
// refresh-only plan, a destroy plan with nothing to destroy, or a plan
// targeting a resource of count 0 — resources in the configuration,
// planned_values with an empty root module, no resource_changes — is not
// an edited plan; nor is a plan whose configuration declares only data
// sources read while planning (snyk-policy-engine's data-01 fixture in
// the corpus).
func TestPlansWithoutChangesLoad(t *testing.T) {
	s := scenarioPlan(t, "aws-web-app-paris")
	s = replaceValue(t, s, "", "resource_changes", "")
	s = replaceValue(t, s, "", "planned_values", `{"root_module":{}}`)
	if err := loadBoth(t, s); err != nil {
		t.Errorf("a plan without changes: %v", err)
	}
	dataOnly := `{"format_version":"1.1","terraform_version":"1.2.5","planned_values":{"root_module":{}},` +
		`"configuration":{"root_module":{"resources":[{"address":"data.aws_region.current","mode":"data","type":"aws_region","name":"current","provider_config_key":"aws","schema_version":0}]}}}`
	if err := loadBoth(t, dataOnly); err != nil {
		t.Errorf("a plan of data sources only: %v", err)
	}
}

// TestModeAgreesWithAddress: a change's mode, type, name and module are
// those of its address, and its mode the one the configuration declares:
// the rules read managed resources only, so that a resource written as a
// data source would go unchecked.
func TestModeAgreesWithAddress(t *testing.T) {
	const changes = `"resource_changes":[`
	runHostile(t, []hostileEdit{{
		name:     "data source written as managed",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, changes, `"address":"data.aws_availability_zones.available","mode":"data"`, `"address":"data.aws_availability_zones.available","mode":"managed"`)
		},
		where: "$.resource_changes[0].mode",
		msg:   []string{`"data.aws_availability_zones.available" has mode "managed", but its address is that of a data source`},
	}, {
		name:     "managed resource written as a data source",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, changes, `"address":"aws_s3_bucket.uploads","mode":"managed"`, `"address":"aws_s3_bucket.uploads","mode":"data"`)
		},
		where: "$.resource_changes[3].mode",
		msg:   []string{`"aws_s3_bucket.uploads" has mode "data", but its address is that of a managed resource`},
	}, {
		name:     "module data source written as managed",
		scenario: "ministry",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, changes, `"address":"module.citizen_records.google_storage_bucket.documents"`, `"address":"module.citizen_records.data.google_storage_bucket.documents"`)
		},
		where: "$.resource_changes[10].mode",
		msg:   []string{`"module.citizen_records.data.google_storage_bucket.documents" has mode "managed", but its address is that of a data source`},
	}, {
		name:     "unknown mode",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, changes, `"address":"aws_s3_bucket.uploads","mode":"managed"`, `"address":"aws_s3_bucket.uploads","mode":"Managed"`)
		},
		where: "$.resource_changes[3].mode",
		msg:   []string{`"aws_s3_bucket.uploads" has mode "Managed": Terraform writes "managed", "data" or "ephemeral"`},
	}, {
		name:     "address and mode of a data source, configuration of a resource",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, changes, `"address":"aws_s3_bucket.uploads","mode":"managed"`, `"address":"data.aws_s3_bucket.uploads","mode":"data"`)
		},
		where: "$.resource_changes[3].mode",
		msg:   []string{`"data.aws_s3_bucket.uploads" has mode "data", but the configuration ($.configuration.root_module) declares "aws_s3_bucket.uploads" only as a managed resource`},
	}, {
		name:     "type other than the address's",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, changes, `"type":"aws_s3_bucket","name":"uploads"`, `"type":"null_resource","name":"uploads"`)
		},
		where: "$.resource_changes[3]",
		msg:   []string{`"aws_s3_bucket.uploads" has type "null_resource" and name "uploads", but its address says "aws_s3_bucket.uploads"`},
	}, {
		name:     "module_address other than the address's",
		scenario: "ministry",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, changes, `"address":"module.citizen_records.google_storage_bucket.documents","module_address":"module.citizen_records"`, `"address":"module.citizen_records.google_storage_bucket.documents","module_address":"module.case_management"`)
		},
		where: "$.resource_changes[10].module_address",
		msg:   []string{`has module_address "module.case_management", but its address puts it in "module.citizen_records"`},
	}, {
		name:     "configuration entry whose mode is not its address's",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, `"configuration"`, `"address":"aws_s3_bucket.uploads","mode":"managed"`, `"address":"aws_s3_bucket.uploads","mode":"data"`)
		},
		where: "$.configuration.root_module.resources[2]",
		msg:   []string{`"aws_s3_bucket.uploads" has mode "data", type "aws_s3_bucket" and name "uploads", whose address is "data.aws_s3_bucket.uploads"`},
	}})
}

// TestOrphanOfOtherModeLoads: a resource removed from the configuration
// while a data source of the same type and name was added (a bucket no
// longer managed, only read) is deleted — or, already gone, a no-op — in
// a mode the configuration no longer declares: Terraform writes that.
func TestOrphanOfOtherModeLoads(t *testing.T) {
	for _, action := range []string{"delete", "no-op"} {
		src := `{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{"root_module":{}},` +
			`"resource_changes":[{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","provider_name":"registry.terraform.io/hashicorp/aws",` +
			`"change":{"actions":["` + action + `"],"before":{"bucket":"b","region":"eu-west-3"},"after":null},"action_reason":"delete_because_no_resource_config"}],` +
			`"configuration":{"root_module":{"resources":[{"address":"data.aws_s3_bucket.b","mode":"data","type":"aws_s3_bucket","name":"b","provider_config_key":"aws"}]}}}`
		if err := loadBoth(t, src); err != nil {
			t.Errorf("%s: %v", action, err)
		}
	}
}

// TestPlannedResourcesHaveChanges: every resource of planned_values has a
// resource change; a resource whose change was removed would not be
// checked.
func TestPlannedResourcesHaveChanges(t *testing.T) {
	const changes = `"resource_changes":[`
	runHostile(t, []hostileEdit{{
		name:     "change removed",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return removeElement(t, s, changes, `{"address":"aws_s3_bucket.uploads"`)
		},
		where: "$.planned_values.root_module.resources[2]",
		msg:   []string{`"aws_s3_bucket.uploads" has no resource change`},
	}, {
		name:     "change of a module resource removed",
		scenario: "ministry",
		edit: func(t *testing.T, s string) string {
			return removeElement(t, s, changes, `{"address":"module.citizen_records.google_storage_bucket.documents"`)
		},
		where: "$.planned_values.root_module.child_modules[1].resources[1]",
		msg:   []string{`"module.citizen_records.google_storage_bucket.documents" has no resource change`},
	}, {
		name:     "planned resource renamed",
		scenario: "aws-delete-decommission",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, `"planned_values"`, `"address":"aws_instance.app"`, `"address":"aws_instance.other"`)
		},
		where: "$.planned_values.root_module.resources[0]",
		msg:   []string{`"aws_instance.other" has no resource change`},
	}, {
		name:     "planned mode other than the address's",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, `"planned_values"`, `"address":"aws_instance.web","mode":"managed"`, `"address":"aws_instance.web","mode":"data"`)
		},
		where: "$.planned_values.root_module.resources[0].mode",
		msg:   []string{`"aws_instance.web" has mode "data", but its address is that of a managed resource`},
	}, {
		name:     "planned resource without address",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, `"planned_values"`, `"address":"aws_instance.web",`, ``)
		},
		where: "$.planned_values.root_module.resources[0]",
		msg:   []string{`missing "address"`},
	}})
}

// TestMembersInOtherCaseRefused: encoding/json matches member names to
// the fields of terraform-json's types regardless of case, so that a Go
// tool would read "Resource_Changes" or "MODE" as the member this reader
// skips: a second plan in the same file.
func TestMembersInOtherCaseRefused(t *testing.T) {
	runHostile(t, []hostileEdit{{
		name:     "resource_changes in other case",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, "", `{"format_version":"1.2",`, `{"format_version":"1.2","Resource_Changes":[],`)
		},
		where: "$.Resource_Changes",
		msg:   []string{`member "Resource_Changes" is "resource_changes" in other case`},
	}, {
		name:     "mode in other case",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, `"resource_changes":[`, `"address":"aws_s3_bucket.uploads","mode":"managed"`, `"address":"aws_s3_bucket.uploads","mode":"managed","MODE":"data"`)
		},
		where: "$.resource_changes[3]",
		msg:   []string{`member "MODE" is "mode" in other case`},
	}, {
		name:     "actions in other case, with a long s",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, `"resource_changes":[`, `"after_unknown":{"arn":true,`, `"action\u017f":["delete"],"after_unknown":{"arn":true,`)
		},
		where: `$.resource_changes[1].change["actionſ"]`,
		msg:   []string{`member "actionſ" is "actions" in other case`},
	}, {
		name:     "mode in other case in planned_values, after the members read",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, `"planned_values"`, `"address":"aws_s3_bucket.static","mode":"managed",`, `"address":"aws_s3_bucket.static","mode":"managed","Mode":"data",`)
		},
		where: "$.planned_values.root_module.resources[1]",
		msg:   []string{`member "Mode" is "mode" in other case`},
	}, {
		name:     "provider_config_key in other case",
		scenario: "aws-web-app-paris",
		edit: func(t *testing.T, s string) string {
			return replaceAfter(t, s, `"configuration"`, `"provider_config_key":"aws",`, `"provider_config_key":"aws","Provider_Config_Key":"aws.us",`)
		},
		where: "$.configuration.root_module.resources[0]",
		msg:   []string{`member "Provider_Config_Key" is "provider_config_key" in other case`},
	}})
}

// TestModeAgainstItsModuleConfiguration: the mode of a change is checked
// against the configuration of its own module: a name may be a resource
// in one module and a data source in another.
func TestModeAgainstItsModuleConfiguration(t *testing.T) {
	change := func(address, module, mode, action string) string {
		m := ""
		if module != "" {
			m = `"module_address":"` + module + `",`
		}
		return `{"address":"` + address + `",` + m + `"mode":"` + mode + `","type":"aws_s3_bucket","name":"this","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["` + action + `"],"before":null,"after":{"region":"eu-west-3"}}}`
	}
	plan := func(changes ...string) string {
		return `{"format_version":"1.2","terraform_version":"1.11.4","resource_changes":[` + strings.Join(changes, ",") + `],` +
			`"configuration":{"root_module":{"resources":[{"address":"aws_s3_bucket.this","mode":"managed","type":"aws_s3_bucket","name":"this","provider_config_key":"aws"}],` +
			`"module_calls":{"reader":{"source":"./reader","module":{"resources":[{"address":"data.aws_s3_bucket.this","mode":"data","type":"aws_s3_bucket","name":"this","provider_config_key":"aws"}]}}}}}}`
	}
	honest := plan(change("aws_s3_bucket.this", "", "managed", "create"), change("module.reader.data.aws_s3_bucket.this", "module.reader", "data", "read"))
	if err := loadBoth(t, honest); err != nil {
		t.Errorf("honest plan: %v", err)
	}
	hostile := plan(change("aws_s3_bucket.this", "", "managed", "create"), change("module.reader.aws_s3_bucket.this", "module.reader", "managed", "create"))
	err := loadBoth(t, hostile)
	var pe *Error
	if !errors.As(err, &pe) || pe.Where != "$.resource_changes[1].mode" ||
		!strings.Contains(pe.Msg, `the configuration ($.configuration.root_module.module_calls.reader.module) declares "aws_s3_bucket.this" only as a data source`) {
		t.Errorf("hostile plan: got %v", err)
	}
}
