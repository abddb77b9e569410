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

// TestCheckDirectory: `trustcloud check DIR` run from another working
// directory checks the configuration without a plan; every format says
// so, findings point at the .tf line, and the SARIF report names files
// relative to the repository that holds the directory (the workspace the
// VS Code SARIF viewer opens).
func TestCheckDirectory(t *testing.T) {
	repo := t.TempDir()
	for name, text := range map[string]string{
		".git/HEAD": "ref: refs/heads/main\n",
		"infra/main.tf": `provider "aws" {
  region = var.region
}

variable "region" {
  type = string
}

resource "aws_s3_bucket" "records" {
  bucket = "records"
  tags = {
    data_sensitivity = "sensitive"
  }
}
`,
		"infra/terraform.tfvars": `region = "us-east-1"` + "\n",
	} {
		p := filepath.Join(repo, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	elsewhere := t.TempDir()
	t.Chdir(elsewhere)
	dir, err := filepath.Rel(elsewhere, filepath.Join(repo, "infra"))
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "check", "--format", "text", "--format", "sarif=out.sarif", "--format", "json=out.json", dir)
	if r.code != cli.ExitFindings {
		t.Fatalf("want exit 1 (a sensitive bucket in us-east-1): %s", r)
	}
	for _, want := range []string{"configuration only, no plan", "aws_s3_bucket.records", "us-east-1", "TC001", "main.tf:9"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the text report does not say %q:\n%s", want, r.stdout)
		}
	}
	var sarif struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
			Invocations []struct {
				ToolExecutionNotifications []struct {
					Message struct {
						Text string `json:"text"`
					} `json:"message"`
				} `json:"toolExecutionNotifications"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	data, err := os.ReadFile("out.sarif")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &sarif); err != nil {
		t.Fatal(err)
	}
	if len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) == 0 {
		t.Fatalf("no SARIF result:\n%s", data)
	}
	for _, res := range sarif.Runs[0].Results {
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != "infra/main.tf" || loc.Region.StartLine != 9 {
			t.Errorf("%s at %s:%d, want infra/main.tf:9 (relative to the repository)", res.RuleID, loc.ArtifactLocation.URI, loc.Region.StartLine)
		}
	}
	if !strings.Contains(string(data), "configuration only, no plan") {
		t.Errorf("the SARIF report does not say the check ran on configuration only")
	}
	var rep struct {
		Evaluation struct {
			Mode string `json:"mode"`
		} `json:"evaluation"`
	}
	data, err = os.ReadFile("out.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Evaluation.Mode != "configuration_only" {
		t.Errorf("JSON evaluation mode %q, want configuration_only", rep.Evaluation.Mode)
	}

	// Every format says so.
	args := []string{"check"}
	for _, f := range report.Names() {
		args = append(args, "--format", f+"=report."+f)
	}
	if r := run(t, "", append(args, dir)...); r.code != cli.ExitFindings {
		t.Fatalf("every format: %s", r)
	}
	for _, f := range report.Names() {
		data, err := os.ReadFile("report." + f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.ToLower(string(data)), "configuration only, no plan") {
			t.Errorf("the %s report does not say the check ran on the configuration only", f)
		}
	}

	// --var wins over terraform.tfvars; a plan takes no --var.
	r = run(t, "", "check", "--var", "region=eu-west-3", "--fail-on", "critical", dir)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "eu-west-3") || strings.Contains(r.stdout, "us-east-1") {
		t.Errorf("--var region=eu-west-3: %s", r)
	}
	r = run(t, "", "check", "--var", "region=eu-west-3", "plan.json")
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "--var and --var-file apply to a configuration directory") {
		t.Errorf("--var with a plan: %s", r)
	}
	r = run(t, "", "check", "--evidence", "bundle", dir)
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "an evidence bundle records the plan") {
		t.Errorf("--evidence with a directory: %s", r)
	}
	r = run(t, "", "check", "--new-only", dir)
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "--new-only compares a plan") {
		t.Errorf("--new-only with a directory: %s", r)
	}
	r = run(t, "", "inventory", "--no-config", dir)
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "is a configuration directory") {
		t.Errorf("--no-config with a directory: %s", r)
	}
}
