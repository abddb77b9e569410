package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/cli"
)

func TestPolicyInitValidate(t *testing.T) {
	cases := []struct {
		profile string // "" for the default
		want    string
	}{
		{"", "is valid: profile fr-cloud-au-centre, 4 levels, 0 waivers, default level internal"},
		{"fr-cloud-au-centre", "is valid: profile fr-cloud-au-centre, 4 levels, 0 waivers, default level internal"},
		{"ca-protected-b", "is valid: profile ca-protected-b, 3 levels, 0 waivers, default level unclassified"},
		{"eu-residency", "is valid: profile eu-residency, 3 levels, 0 waivers, default level internal"},
	}
	for _, tc := range cases {
		t.Run("profile "+tc.profile, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "trustcloud.hcl")
			args := []string{"policy", "init", file}
			if tc.profile != "" {
				args = []string{"policy", "init", "--profile", tc.profile, file}
			}
			r := run(t, "", args...)
			profile := tc.profile
			if profile == "" {
				profile = "fr-cloud-au-centre"
			}
			if r.code != cli.ExitOK || !strings.HasPrefix(r.stdout, "wrote "+file+" (profile "+profile+")") {
				t.Fatalf("got %s", r)
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), `profile = "`+profile+`"`) {
				t.Errorf("the file does not set profile %s", profile)
			}
			r = run(t, "", "policy", "validate", file)
			if r.code != cli.ExitOK || r.stdout != file+" "+tc.want+"\n" {
				t.Errorf("validate: got %s", r)
			}
			// The starter policy changes nothing: check gives what the
			// built-in profile gives.
			r = run(t, "", "check", "--format", "json", "--policy", file, "--catalog", builtinAsAWS, builtinPlan)
			builtin := []string{"check", "--format", "json", "--catalog", builtinAsAWS, builtinPlan}
			if tc.profile != "" {
				// Compare with the same profile given as a file of one line.
				one := filepath.Join(t.TempDir(), "one.hcl")
				if err := os.WriteFile(one, []byte(`profile = "`+tc.profile+`"`+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				builtin = append(builtin, "--policy", one)
			}
			want := run(t, "", builtin...)
			if r.code != want.code || r.code == cli.ExitError {
				t.Fatalf("check with the starter policy: %s\nwith the profile: %s", r, want)
			}
			if got, exp := ruleAddr(decodeReport(t, r.stdout)), ruleAddr(decodeReport(t, want.stdout)); strings.Join(got, "\n") != strings.Join(exp, "\n") {
				t.Errorf("starter policy findings %q, profile findings %q", got, exp)
			}
		})
	}
}

func TestPolicyInitRefusesToOverwrite(t *testing.T) {
	file := filepath.Join(t.TempDir(), "mine.hcl")
	const mine = "# my policy\nprofile = \"eu-residency\"\n"
	if err := os.WriteFile(file, []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "policy", "init", file)
	if r.code != cli.ExitError || r.stdout != "" || !strings.Contains(r.stderr, file+": already exists") || !strings.Contains(r.stderr, "--force") {
		t.Errorf("got %s", r)
	}
	if data, _ := os.ReadFile(file); string(data) != mine {
		t.Errorf("the file was changed:\n%s", data)
	}
	r = run(t, "", "policy", "init", file, "--force", "--profile", "ca-protected-b")
	if r.code != cli.ExitOK {
		t.Fatalf("--force: got %s", r)
	}
	if data, _ := os.ReadFile(file); !strings.Contains(string(data), `profile = "ca-protected-b"`) {
		t.Errorf("--force did not overwrite:\n%s", data)
	}
	entries, _ := os.ReadDir(filepath.Dir(file))
	if len(entries) != 1 {
		t.Errorf("files left behind: %v", entries)
	}
}

func TestPolicyInitUnknownProfile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "p.hcl")
	r := run(t, "", "policy", "init", "--profile", "fr-cloud-au-centr", file)
	if r.code != cli.ExitError || r.stdout != "" {
		t.Fatalf("got %s", r)
	}
	for _, want := range []string{`unknown policy profile "fr-cloud-au-centr"`, `did you mean "fr-cloud-au-centre"`, "ca-protected-b, eu-residency, fr-cloud-au-centre"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q does not contain %q", r.stderr, want)
		}
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Errorf("a file was written for an unknown profile (%v)", err)
	}
}

func TestPolicyInitMissingDirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "nope", "p.hcl")
	r := run(t, "", "policy", "init", file)
	if r.code != cli.ExitError || !strings.Contains(r.stderr, file) {
		t.Errorf("got %s", r)
	}
}

// TestPolicyDefaultFile: without FILE, init and validate use
// trustcloud.hcl in the working directory.
func TestPolicyDefaultFile(t *testing.T) {
	t.Chdir(t.TempDir())
	r := run(t, "", "policy", "validate")
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "trustcloud.hcl: Cannot read policy file") {
		t.Fatalf("validate without a file: %s", r)
	}
	if r := run(t, "", "policy", "init"); r.code != cli.ExitOK {
		t.Fatalf("init: %s", r)
	}
	if _, err := os.Stat("trustcloud.hcl"); err != nil {
		t.Fatal(err)
	}
	if r := run(t, "", "policy", "validate"); r.code != cli.ExitOK || !strings.HasPrefix(r.stdout, "trustcloud.hcl is valid") {
		t.Errorf("validate: %s", r)
	}
}

func TestPolicyValidateErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name, file string
		want       []string
	}{
		{"bad severity", "testdata/policies/bad-severity.hcl", []string{"testdata/policies/bad-severity.hcl:4,14: Invalid severity"}},
		{"syntax", "testdata/policies/syntax.hcl", []string{"testdata/policies/syntax.hcl:2,13: "}},
		{"unknown default level", write("level.hcl", "classification {\n  default_level = \"secret\"\n}\n"),
			[]string{"level.hcl:2,", "secret"}},
		{"waiver without expiry", write("waiver.hcl", "waiver \"W-1\" {\n  addresses   = [\"aws_s3_bucket.b\"]\n  reason      = \"r\"\n  approved_by = \"me\"\n  approved_on = \"2026-09-22\"\n}\n"),
			[]string{"waiver.hcl:1,", "expires"}},
		{"bad date", write("date.hcl", "waiver \"W-1\" {\n  addresses   = [\"aws_s3_bucket.b\"]\n  reason      = \"r\"\n  expires     = \"30/06/2026\"\n  approved_by = \"me\"\n  approved_on = \"2026-09-22\"\n}\n"),
			[]string{"date.hcl:4,"}},
		{"unknown rule", write("rule.hcl", "rule_severity = { \"TC042\" = \"high\" }\n"), []string{"rule.hcl:1,", "TC042"}},
		{"missing", filepath.Join(dir, "missing.hcl"), []string{"missing.hcl: Cannot read policy file"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "", "policy", "validate", tc.file)
			if r.code != cli.ExitError || r.stdout != "" {
				t.Fatalf("got %s", r)
			}
			if !strings.HasPrefix(r.stderr, "trustcloud: ") {
				t.Errorf("stderr %q", r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q does not contain %q", r.stderr, w)
				}
			}
		})
	}
}

// TestPolicyValidateWaivers: policy validate lists waivers that have
// ended or end within 30 days.
func TestPolicyValidateWaivers(t *testing.T) {
	f := filepath.Join(t.TempDir(), "p.hcl")
	src := `waiver "OLD" {
  addresses   = ["aws_s3_bucket.a"]
  reason      = "r"
  expires     = "2026-11-30"
  approved_by = "me"
  approved_on = "2026-01-15"
}
waiver "SOON" {
  addresses   = ["aws_s3_bucket.b"]
  reason      = "r"
  expires     = "2026-12-20"
  approved_by = "me"
  approved_on = "2026-09-11"
}
waiver "LATER" {
  addresses   = ["aws_s3_bucket.c"]
  reason      = "r"
  expires     = "2027-06-30"
  approved_by = "me"
  approved_on = "2026-09-01"
}
`
	if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "policy", "validate", f)
	if r.code != cli.ExitOK {
		t.Fatalf("got %s", r)
	}
	for _, want := range []string{"waiver OLD expired on 2026-11-30", "waiver SOON expires on 2026-12-20, in 17 days"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "waiver LATER") {
		t.Errorf("a waiver far from its end is not listed:\n%s", r.stdout)
	}
}
