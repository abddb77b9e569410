package scenarios_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/rules"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// TestOutscaleAroundExpiry reads the outscale-secnumcloud scenario on the
// days around the end of Outscale's qualification (2026-11-30 in the
// embedded catalog, no renewal recorded): nothing before the policy's
// 60-day window, a low TC010 inside it, the day itself included, and a
// TC009 at the level's severity from the next day, when the remediation
// no longer offers Outscale as a qualified alternative.
func TestOutscaleAroundExpiry(t *testing.T) {
	dir := filepath.Join(root, "outscale-secnumcloud")
	base, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	o, ok := base.Offer("outscale-iaas-secnumcloud")
	if !ok || o.ExpiresOn != "2026-11-30" {
		t.Fatalf("the embedded catalog no longer says Outscale's qualification ends on 2026-11-30 (%+v): move this test's dates", o)
	}
	// The sensitive resources placed in cloudgouv-eu-west-1 (expect.json).
	qualified := []string{"outscale_net.gov", "outscale_subnet.gov", "outscale_vm.backend", "outscale_volume.backend_data"}
	for _, c := range []struct {
		day      string
		rule     string
		severity policy.Severity
		msg      string
	}{
		{day: "2026-09-30"},
		{day: "2026-10-01", rule: "TC010", severity: policy.SeverityLow, msg: "expires on 2026-11-30, in 60 days (ANSSI decision 2118)"},
		{day: "2026-11-29", rule: "TC010", severity: policy.SeverityLow, msg: "in 1 day"},
		{day: "2026-11-30", rule: "TC010", severity: policy.SeverityLow, msg: "expires on 2026-11-30, today"},
		{day: "2026-12-01", rule: "TC009", severity: policy.SeverityHigh, msg: "expired on 2026-11-30 (ANSSI decision 2118), and no renewal is recorded as of the catalog's date (2026-12-03)"},
	} {
		t.Run(c.day, func(t *testing.T) {
			day, err := time.Parse(time.DateOnly, c.day)
			if err != nil {
				t.Fatal(err)
			}
			res, err := check.Run(check.Options{Plan: filepath.Join(dir, "plan.json"), Catalog: base, Policy: policy.Default(),
				Now:     func() time.Time { return day.Add(9 * time.Hour) },
				Sources: func(tool tfconfig.Tool) (*tfconfig.Config, error) { return tfconfig.LoadDir(dir, tool) }})
			if err != nil {
				t.Fatal(err)
			}
			findings := findingsOf(res)
			byAddress := map[string][]*rules.Finding{}
			for _, f := range findings {
				if f.Rule == "TC009" || f.Rule == "TC010" {
					byAddress[f.Address] = append(byAddress[f.Address], f)
				}
			}
			if c.rule == "" {
				if len(byAddress) > 0 {
					t.Fatalf("expiry findings 61 days before the end: %v", byAddress)
				}
				return
			}
			if len(byAddress) != len(qualified) {
				t.Errorf("expiry findings on %d resources, want %d (%v)", len(byAddress), len(qualified), qualified)
			}
			for _, addr := range qualified {
				fs := byAddress[addr]
				if len(fs) != 1 || fs[0].Rule != c.rule || fs[0].Severity != c.severity {
					t.Errorf("%s: %v, want one %s (%s)", addr, fs, c.rule, c.severity)
					continue
				}
				if !strings.Contains(fs[0].Message.String(), c.msg) {
					t.Errorf("%s: message %q lacks %q", addr, fs[0].Message, c.msg)
				}
			}
			// outscale_vm.frontend (eu-west-2, never qualified) names the
			// qualified alternatives: Outscale only while in force.
			for _, f := range findings {
				if f.Address == "outscale_vm.frontend" && f.Rule == "TC002" {
					offered := strings.Contains(f.Remediation, "outscale cloudgouv-eu-west-1")
					if offered == (c.rule == "TC009") {
						t.Errorf("remediation on %s (qualification %s): %q", c.day, c.rule, f.Remediation)
					}
				}
			}
		})
	}
}
