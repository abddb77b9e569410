package testtf

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const tiny = "testdata/tiny"

// tinyOptions plan the tiny configuration: its outscale region comes from a
// variable, its aws.env provider's from the environment.
func tinyOptions() Options {
	return Options{
		Vars: map[string]string{"outscale_region": "eu-west-2"},
		Env:  map[string]string{"AWS_REGION": "us-west-2"},
	}
}

// planFile is what the tests read of `show -json` of a plan.
type planFile struct {
	TerraformVersion string `json:"terraform_version"`
	ResourceChanges  []struct {
		Address      string `json:"address"`
		ProviderName string `json:"provider_name"`
		Change       struct {
			Actions []string       `json:"actions"`
			After   map[string]any `json:"after"`
		} `json:"change"`
	} `json:"resource_changes"`
}

func decodePlan(t *testing.T, data []byte) planFile {
	t.Helper()
	var p planFile
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("show -json: %v\n%s", err, data)
	}
	return p
}

func TestApply(t *testing.T) {
	ForEachCLI(t, func(t *testing.T, cli *CLI) {
		r := Apply(t, cli, tiny, tinyOptions())

		p := decodePlan(t, r.PlanJSON)
		providers := map[string]string{}
		for _, rc := range p.ResourceChanges {
			providers[rc.Address] = rc.ProviderName
			if !slices.Equal(rc.Change.Actions, []string{"create"}) {
				t.Errorf("%s: actions %v, want create", rc.Address, rc.Change.Actions)
			}
		}
		if got, want := providers["aws_s3_bucket.paris"], cli.Registry+"/hashicorp/aws"; got != want {
			t.Errorf("aws_s3_bucket.paris: provider_name %q, want %q", got, want)
		}
		if _, err := os.Stat(r.PlanFile); err != nil {
			t.Errorf("binary plan: %v", err)
		}

		want := map[string]Landing{
			"aws_s3_bucket.paris":             {Provider: "hashicorp/aws", Type: "aws_s3_bucket", Region: "eu-west-3"},
			"aws_s3_bucket.virginia":          {Provider: "hashicorp/aws", Type: "aws_s3_bucket", Region: "us-east-1", Endpoint: "s3.storage.example"},
			"aws_sqs_queue.env":               {Provider: "hashicorp/aws", Type: "aws_sqs_queue", Region: "us-west-2"},
			"outscale_net.net":                {Provider: "outscale/outscale", Type: "outscale_net", Region: "eu-west-2"},
			"module.child.aws_sqs_queue.jobs": {Provider: "hashicorp/aws", Type: "aws_sqs_queue", Region: "us-east-1"},
		}
		got := map[string]Landing{}
		for addr, l := range r.Landings {
			if !strings.HasPrefix(l.ID, l.Type+"-") {
				t.Errorf("%s: id %q is not one the test provider gives", addr, l.ID)
			}
			l.ID = ""
			got[addr] = l
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("landings (-want +got):\n%s", diff)
		}
		if !strings.Contains(string(r.StateJSON), `"random_id.suffix"`) {
			t.Errorf("state has no random_id.suffix:\n%s", r.StateJSON)
		}
		for _, leftover := range []string{".terraform", "plan.tfplan", "terraform.tfstate"} {
			if _, err := os.Stat(filepath.Join(tiny, leftover)); err == nil {
				t.Errorf("%s written into %s", leftover, tiny)
			}
		}
	})
}

// A resource updated in place records its landing again, under the same
// id; a prior state comes from Before.
func TestApplyBefore(t *testing.T) {
	r := Apply(t, Terraform(t), tiny, Options{
		Vars:   map[string]string{"outscale_region": "eu-west-2"},
		Env:    map[string]string{"AWS_REGION": "us-west-2"},
		Before: filepath.Join(tiny, "before"),
	})
	actions := map[string][]string{}
	for _, rc := range decodePlan(t, r.PlanJSON).ResourceChanges {
		actions[rc.Address] = rc.Change.Actions
	}
	if a := actions["module.child.aws_sqs_queue.jobs"]; !slices.Equal(a, []string{"update"}) {
		t.Errorf("module.child.aws_sqs_queue.jobs: actions %v, want update", a)
	}
	if l := r.Landings["module.child.aws_sqs_queue.jobs"]; l.Region != "us-east-1" {
		t.Errorf("updated queue landed %+v, want us-east-1", l)
	}
}

// With the 5.x tables, a resource's region is nowhere in the plan; it
// still lands where the provider block says.
func TestProviderVersions(t *testing.T) {
	opts := tinyOptions()
	opts.ProviderVersions = map[string]string{"aws": "5.100.0"}
	r := Apply(t, Terraform(t), tiny, opts)
	for _, rc := range decodePlan(t, r.PlanJSON).ResourceChanges {
		if rc.Address == "aws_sqs_queue.env" {
			if _, ok := rc.Change.After["region"]; ok {
				t.Errorf("5.x plan: aws_sqs_queue has a region: %v", rc.Change.After)
			}
		}
	}
	if l := r.Landings["aws_sqs_queue.env"]; l.Region != "us-west-2" {
		t.Errorf("aws_sqs_queue.env landed %+v, want us-west-2 (AWS_REGION)", l)
	}
	if l := r.Landings["aws_s3_bucket.paris"]; l.Region != "eu-west-3" {
		t.Errorf("aws_s3_bucket.paris landed %+v, want eu-west-3", l)
	}
}

// Twin resources under two providers land apart, and are joined apart,
// whether or not the plan shows their regions.
func TestTwins(t *testing.T) {
	for _, version := range []string{"", "5.100.0"} {
		name := "aws " + version
		if version == "" {
			name = "aws default"
		}
		t.Run(name, func(t *testing.T) {
			r := Apply(t, Terraform(t), "testdata/twins", Options{ProviderVersions: map[string]string{"aws": version}})
			paris, virginia := r.Landings["module.paris.aws_sqs_queue.jobs"], r.Landings["module.virginia.aws_sqs_queue.jobs"]
			if paris.Region != "eu-west-3" || virginia.Region != "us-east-1" || paris.ID == virginia.ID {
				t.Errorf("paris landed %+v, virginia %+v: want eu-west-3 and us-east-1 under two ids", paris, virginia)
			}
		})
	}
}

// The CLI failing fails the test with the CLI's output.
func TestPlanError(t *testing.T) {
	ft := &fakeTB{TB: t}
	func() {
		defer func() { _ = recover() }()
		Plan(ft, Terraform(t), tiny, Options{}) // outscale_region missing
	}()
	if !ft.failed || !strings.Contains(ft.msg, "outscale_region") || !strings.Contains(ft.msg, "terraform plan") {
		t.Errorf("plan without a required variable: failed %v, message %q", ft.failed, ft.msg)
	}
}

// fakeTB records a Fatal (and stops the caller through a panic) instead
// of failing the real test.
type fakeTB struct {
	testing.TB
	failed bool
	msg    string
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.failed = true
	f.msg = strings.TrimSpace(fmt.Sprintf(format, args...))
	panic("fatal")
}

func (f *fakeTB) Fatal(args ...any) {
	f.failed = true
	f.msg = fmt.Sprint(args...)
	panic("fatal")
}

func TestEnviron(t *testing.T) {
	base := []string{"PATH=/bin", "HOME=/root", "TF_VAR_region=us-east-1", "TF_CLI_ARGS=-x", "AWS_REGION=us-east-1",
		"AWS_PROFILE=prod", "GOOGLE_REGION=us", "SCW_DEFAULT_ZONE=nl-ams-1", "OS_AUTH_URL=x", "GOFLAGS=-mod=mod"}
	got := environ(base, map[string]string{"HOME": "/tmp/h", "TF_DATA_DIR": "/tmp/d"}, map[string]string{"AWS_REGION": "eu-west-3"})
	want := []string{"PATH=/bin", "GOFLAGS=-mod=mod", "HOME=/tmp/h", "TF_DATA_DIR=/tmp/d", "AWS_REGION=eu-west-3"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("environ (-want +got):\n%s", diff)
	}
}

func TestJoinLandings(t *testing.T) {
	state := `{"values":{"root_module":{"resources":[
		{"address":"aws_sqs_queue.a","mode":"managed","type":"aws_sqs_queue","provider_name":"registry.terraform.io/hashicorp/aws","values":{"id":"q-1"}},
		{"address":"data.aws_region.r","mode":"data","type":"aws_region","provider_name":"registry.terraform.io/hashicorp/aws","values":{"id":"q-1"}}],
		"child_modules":[{"resources":[
		{"address":"module.m.aws_sqs_queue.b","mode":"managed","type":"aws_sqs_queue","provider_name":"registry.opentofu.org/hashicorp/aws","values":{"id":"q-2"}},
		{"address":"module.m.random_id.x","mode":"managed","type":"random_id","provider_name":"registry.terraform.io/hashicorp/random","values":{"id":"r"}}]}]}}}`
	file := filepath.Join(t.TempDir(), "landing.jsonl")
	write := func(lines ...string) {
		t.Helper()
		if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	line := func(id, region string) string {
		return `{"provider":"hashicorp/aws","type":"aws_sqs_queue","id":"` + id + `","region":"` + region + `","zone":"","endpoint":"","universe":"","profile":"","unknown":""}`
	}
	write(line("q-1", "eu-west-3"), line("q-2", "us-east-1"), line("q-1", "eu-west-1"))
	got, err := joinLandings([]byte(state), file)
	if err != nil {
		t.Fatal(err)
	}
	regions := map[string]string{}
	for addr, l := range got {
		regions[addr] = l.Region
	}
	want := map[string]string{"aws_sqs_queue.a": "eu-west-1", "module.m.aws_sqs_queue.b": "us-east-1"}
	if diff := cmp.Diff(want, regions); diff != "" {
		t.Errorf("joined regions (-want +got):\n%s", diff)
	}

	twins := strings.ReplaceAll(state, `"q-2"`, `"q-1"`)
	if _, err := joinLandings([]byte(twins), file); err == nil || !strings.Contains(err.Error(), "landed differently") {
		t.Errorf("two resources with one id and two landings: %v", err)
	}
	write(line("q-1", "eu-west-3"), line("q-1", "eu-west-3"))
	if _, err := joinLandings([]byte(twins), file); err != nil {
		t.Errorf("two resources with one id and one landing: %v", err)
	}
	write(`{"provider":"hashicorp/aws","type":"aws_sqs_queue","id":"q-1","colour":"blue"}`)
	if _, err := joinLandings([]byte(state), file); err == nil || !strings.Contains(err.Error(), "colour") {
		t.Errorf("a landing line with an unknown field: %v", err)
	}
}

func TestTofuVersion(t *testing.T) {
	v, err := TofuVersion(moduleRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(v, "v1.") {
		t.Errorf("TofuVersion = %q", v)
	}
}
