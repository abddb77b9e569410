package policy

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestEffective renders testdata/override.hcl: the profile's levels with
// the file's changes, the file's classification and waivers, each placed in
// the file.
func TestEffective(t *testing.T) {
	e := loadOverride(t).Effective()
	if e.Profile != "fr-cloud-au-centre" || e.File != "testdata/override.hcl" || e.FormatVersion != "1" {
		t.Errorf("profile %q, file %q, format %q", e.Profile, e.File, e.FormatVersion)
	}
	var levels []string
	for _, l := range e.Levels {
		levels = append(levels, l.Name)
	}
	if diff := cmp.Diff([]string{"public", "internal", "sensitive", "restricted", "secret"}, levels); diff != "" {
		t.Errorf("levels (-want +got):\n%s", diff)
	}
	sensitive := e.Levels[2]
	if !sensitive.RequireSecNumCloud || !sensitive.AllowPending || !cmp.Equal(sensitive.AllowedCountries, []string{"FR", "DE"}) ||
		sensitive.RuleSeverity["TC003"] != SeverityMedium || sensitive.At == "" {
		t.Errorf("sensitive: %+v: want the profile's SecNumCloud requirement with the file's countries, allow_pending and TC003 severity", sensitive)
	}
	if e.Levels[0].At != "" {
		t.Errorf("public comes from the profile but is placed at %q", e.Levels[0].At)
	}
	if e.Classification.DefaultLevel != "internal" || e.Classification.Aliases["c2"] != "sensitive" || len(e.Classification.Modules) != 2 {
		t.Errorf("classification: %+v", e.Classification)
	}
	if e.RuleSeverity["TC007"] != SeverityCritical {
		t.Errorf("rule_severity: %v", e.RuleSeverity)
	}
	w := e.Waivers[0]
	want := EffectiveWaiver{ID: "DER-2026-004", Addresses: []string{"module.legacy.aws_s3_bucket.*"}, Rules: []string{"TC001", "TC002"},
		Reason: "Migration to S3NS planned for Q2 2027", Expires: "2027-06-30", ApprovedBy: "RSSI, ministry X", ApprovedOn: "2027-03-22", At: "testdata/override.hcl:34:1"}
	if diff := cmp.Diff(want, w); diff != "" {
		t.Errorf("first waiver (-want +got):\n%s", diff)
	}
	if e.Waivers[1].Rules == nil {
		t.Error("a waiver of every rule must list no rules ([]), not null")
	}
	// It is JSON, with empty lists as [].
	data, err := json.Marshal(Default().Effective())
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if ws, ok := back["waivers"].([]any); !ok || len(ws) != 0 {
		t.Errorf("the default profile's waivers are %v, want []", back["waivers"])
	}
}
