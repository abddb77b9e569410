package check_test

import (
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/report"
	"github.com/trustcloud/trustcloud/internal/rules"
)

// findingsBy indexes a report's findings by "RULE address".
func findingsBy(rep *report.Report) map[string]*report.Finding {
	out := map[string]*report.Finding{}
	for _, f := range rep.Findings {
		out[f.Rule+" "+f.Address] = f
	}
	return out
}

// TestRuleControlPolicyGiven: with the scenario's policy given
// (--policy), TC004 is gone and listed as disabled, TC002 is medium at
// sensitive, the inline waiver in force waives its bucket's TC001 and
// says where it is written, and the others leave their findings standing
// with the reason; no TC013, since the CI chose the policy.
func TestRuleControlPolicyGiven(t *testing.T) {
	opts := options(t, "rule-control")
	opts.Policy.Source = policy.SourceFlag
	res, err := check.Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	rep := res.Report
	got := findingsBy(rep)
	if len(rep.DisabledRules) != 1 || rep.DisabledRules[0].Rule != "TC004" {
		t.Errorf("disabled rules %+v, want TC004", rep.DisabledRules)
	}
	for k := range got {
		if strings.HasPrefix(k, "TC004 ") || strings.HasPrefix(k, "TC013 ") {
			t.Errorf("finding %s", k)
		}
	}
	if f := got["TC002 aws_s3_bucket.health"]; f == nil || f.Severity != policy.SeverityMedium {
		t.Errorf("TC002 on the sensitive bucket: %+v, want severity medium", f)
	}
	waived := got["TC001 aws_s3_bucket.waived"]
	if waived == nil || !waived.Waived || waived.Waiver.Source != rules.WaiverInline || !strings.HasSuffix(waived.Waiver.At, "main.tf:27") {
		t.Fatalf("aws_s3_bucket.waived: %+v", waived)
	}
	for addr, why := range map[string]string{
		"aws_s3_bucket.expired":    "", // TC007 says it
		"aws_s3_bucket.unapproved": "missing approved_by",
		"aws_s3_bucket.fresh":      "never covers a new resource",
		"aws_s3_bucket.neighbour":  "",
		"aws_s3_bucket.heredoc":    "",
	} {
		f := got["TC001 "+addr]
		if f == nil || f.Waived {
			t.Errorf("TC001 %s: %+v, want a finding not waived", addr, f)
			continue
		}
		if why != "" && (f.Waiver == nil || !strings.Contains(f.Waiver.Refused, why)) {
			t.Errorf("TC001 %s: waiver %+v, want it refused saying %q", addr, f.Waiver, why)
		}
		if (addr == "aws_s3_bucket.neighbour" || addr == "aws_s3_bucket.heredoc") && f.Waiver != nil {
			t.Errorf("TC001 %s: a waiver meant for another block or written in a string reached it: %+v", addr, f.Waiver)
		}
	}
	if got["TC007 aws_s3_bucket.expired"] == nil {
		t.Error("no TC007 for the expired inline waiver")
	}
}

// TestRuleControlDefaultProfile: under the default profile, which does
// not allow inline waivers, every inline waiver is listed as not allowed,
// waives nothing, and each finding it would have covered says so.
func TestRuleControlDefaultProfile(t *testing.T) {
	opts := options(t, "rule-control")
	opts.Policy = policy.Default()
	res, err := check.Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	rep := res.Report
	if len(rep.DisabledRules) != 0 {
		t.Errorf("disabled rules %+v under the default profile", rep.DisabledRules)
	}
	if len(rep.InlineWaivers) != 5 {
		t.Fatalf("%d inline waivers listed, want 5", len(rep.InlineWaivers))
	}
	for _, iw := range rep.InlineWaivers {
		if iw.Status != rules.InlineNotAllowed || iw.Waived != 0 {
			t.Errorf("inline waiver at %s: status %s, waived %d; want not_allowed, 0", iw.At, iw.Status, iw.Waived)
		}
	}
	got := findingsBy(rep)
	for _, k := range []string{"TC001 aws_s3_bucket.waived", "TC004 aws_iam_role.health"} {
		if got[k] == nil || got[k].Waived {
			t.Errorf("%s: %+v, want a finding not waived", k, got[k])
		}
	}
	if f := got["TC001 aws_s3_bucket.waived"]; f.Waiver == nil || !strings.Contains(f.Waiver.Refused, "does not allow inline waivers") {
		t.Errorf("TC001 aws_s3_bucket.waived does not say its inline waiver was ignored: %+v", f.Waiver)
	}
	if f := got["TC002 aws_s3_bucket.health"]; f == nil || f.Severity != policy.SeverityHigh {
		t.Errorf("TC002 on the sensitive bucket: %+v, want high", f)
	}
	var text strings.Builder
	if err := report.Formats["text"].Write(&text, rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "ignored: the policy does not allow inline waivers") {
		t.Errorf("the text report does not say the inline waivers were ignored:\n%s", text.String())
	}
}

// TestRuleControlDiscovered: the same policy found next to the
// configuration (not chosen by the CI) disables a rule and allows inline
// waivers, which relaxes the profile: TC013 fires and names both.
func TestRuleControlDiscovered(t *testing.T) {
	for name, src := range map[string]string{
		"disables a rule":        "disabled_rules = [\"TC004\"]\n",
		"allows inline waivers":  "allow_inline_waivers = true\n",
		"lowers a rule at level": "level \"sensitive\" {\n  rule_severity = { TC002 = \"medium\" }\n}\n",
	} {
		t.Run(name, func(t *testing.T) {
			opts := options(t, "rule-control")
			p, diags := policy.Parse("testdata/scenarios/rule-control/trustcloud.hcl", []byte(src))
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			p.Source = policy.SourceDiscovered
			opts.Policy = p
			res, err := check.Run(opts)
			if err != nil {
				t.Fatal(err)
			}
			var tc013 *report.Finding
			for _, f := range res.Report.Findings {
				if f.Rule == "TC013" {
					tc013 = f
				}
			}
			if tc013 == nil || tc013.Severity != policy.SeverityHigh {
				t.Fatalf("no high TC013 for a discovered policy that %s: %+v", name, tc013)
			}
			want := map[string]string{"disables a rule": "TC004 (global-service) is disabled", "allows inline waivers": "trustcloud:waive", "lowers a rule at level": "TC002 at level sensitive is medium"}[name]
			if !strings.Contains(tc013.Message.String(), want) {
				t.Errorf("TC013 says %q, want it to name %q", tc013.Message, want)
			}
			if res.ExitCode() != check.ExitFindings {
				t.Errorf("exit %d, want %d", res.ExitCode(), check.ExitFindings)
			}
		})
	}
}
