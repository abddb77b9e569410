package source_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/source"
)

// installed copies testdata/config into a temporary directory and
// installs testdata/registry/vpc there as `terraform init` would, with a
// .terraform/modules/modules.json.
func installed(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, "testdata/config", dir)
	copyTree(t, "testdata/registry/vpc", filepath.Join(dir, ".terraform", "modules", "vpc"))
	manifest := `{"Modules":[
  {"Key":"","Source":"","Dir":"."},
  {"Key":"db","Source":"./modules/db","Dir":"modules/db"},
  {"Key":"db.common","Source":"../common","Dir":"modules/common"},
  {"Key":"db.replica","Source":"./replica","Dir":"modules/db/replica"},
  {"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Version":"5.0.0","Dir":".terraform/modules/vpc"},
  {"Key":"vpc.flow_log","Source":"./modules/flow-log","Dir":".terraform/modules/vpc/modules/flow-log"}]}`
	if err := os.WriteFile(filepath.Join(dir, ".terraform", "modules", "modules.json"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

type lookupCase struct {
	address string
	file    string // relative to the configuration directory; "" when not found
	line    int
}

// localCases resolve from the configuration alone.
var localCases = []lookupCase{
	{"aws_s3_bucket.logs", "main.tf", 8},
	{"data.aws_caller_identity.me", "main.tf", 12},
	{"aws_instance.web[0]", "main.tf", 14},
	{"aws_instance.web[1]", "main.tf", 14},
	{`aws_iam_user.users["plain"]`, "main.tf", 19},
	{`aws_iam_user.users["a.b[c]\"d"]`, "main.tf", 19},
	// In JSON, a block starts at its name's key.
	{"aws_sqs_queue.jobs", "queues.tf.json", 4},
	{"data.aws_region.current", "queues.tf.json", 11},
	{"module.db.aws_db_instance.main", "modules/db/main.tf", 5},
	{`module.db["x.y"].aws_db_instance.main`, "modules/db/main.tf", 5},
	{"module.db[0].module.replica.aws_db_instance.replica", "modules/db/replica/main.tf", 2},
	{"module.db.module.replica[\"]\"].aws_db_instance.replica", "modules/db/replica/main.tf", 2},
	{"module.db.module.common.aws_kms_key.key", "modules/common/main.tf", 1},
	{"module.db.module.common.data.aws_iam_policy_document.key", "modules/common/main.tf", 5},
	// Not declared, or not a resource address.
	{"aws_s3_bucket.missing", "", 0},
	{"data.aws_s3_bucket.logs", "", 0},
	{"aws_caller_identity.me", "", 0},
	{"module.db.aws_s3_bucket.logs", "", 0},
	{"module.nope.aws_db_instance.main", "", 0},
	{"module.db", "", 0},
	{"module.db.module.replica", "", 0},
	{"aws_s3_bucket", "", 0},
	{"", "", 0},
	{"aws_s3_bucket..logs", "", 0},
	{"aws_s3_bucket.logs[0", "", 0},
	{`aws_s3_bucket.logs["0]`, "", 0},
	{"aws_s3_bucket.logs]", "", 0},
	{"aws_s3_bucket.logs.extra", "", 0},
}

// registryCases need .terraform/modules/modules.json.
var registryCases = []lookupCase{
	{"module.vpc.aws_vpc.this", ".terraform/modules/vpc/main.tf", 4},
	{"module.vpc.module.flow_log.aws_flow_log.this[0]", ".terraform/modules/vpc/modules/flow-log/main.tf", 1},
}

func checkLookups(t *testing.T, ix *source.Index, dir string, cases []lookupCase) {
	t.Helper()
	for _, tc := range cases {
		file, line, ok := ix.Lookup(tc.address)
		if tc.file == "" {
			if ok {
				t.Errorf("Lookup(%q) = %s:%d, want not found", tc.address, file, line)
			}
			continue
		}
		want := filepath.ToSlash(filepath.Join(dir, tc.file))
		if !ok || file != want || line != tc.line {
			t.Errorf("Lookup(%q) = %s:%d (found %v), want %s:%d", tc.address, file, line, ok, want, tc.line)
		}
	}
}

// TestSourceMissingModule: a module the configuration calls that is not
// on disk (a registry module before `terraform init`) is an error naming
// it: its values could not be evaluated either.
func TestSourceMissingModule(t *testing.T) {
	_, err := source.Load("testdata/config")
	if err == nil || !strings.Contains(err.Error(), `module "vpc"`) || !strings.Contains(err.Error(), "terraform init") {
		t.Fatalf("Load without modules.json: %v, want an error naming module vpc", err)
	}
}

func TestSourceLookupInstalledModules(t *testing.T) {
	dir := installed(t)
	ix, err := source.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	checkLookups(t, ix, filepath.ToSlash(dir), append(append([]lookupCase{}, localCases...), registryCases...))
}

// TestSourcePaths: the file is the directory given joined with the
// module's path, cleaned, with forward slashes.
func TestSourcePaths(t *testing.T) {
	t.Chdir(filepath.Join(installed(t), "modules"))
	for _, tc := range []struct {
		dir           string
		address, file string
	}{
		{"../", "aws_s3_bucket.logs", "../main.tf"},
		{"../", "module.db.aws_db_instance.main", "../modules/db/main.tf"},
		{"../", "module.db.module.common.aws_kms_key.key", "../modules/common/main.tf"},
		{"../.", "module.db.module.replica.aws_db_instance.replica", "../modules/db/replica/main.tf"},
		{"./db/", "aws_db_instance.main", "db/main.tf"},
		{"./db/", "module.common.aws_kms_key.key", "common/main.tf"},
		{"db/replica/..", "module.replica.aws_db_instance.replica", "db/replica/main.tf"},
		{".", "aws_db_instance.main", ""},
	} {
		ix, err := source.Load(tc.dir)
		if err != nil {
			t.Fatal(err)
		}
		file, _, ok := ix.Lookup(tc.address)
		if tc.file == "" {
			if ok {
				t.Errorf("Load(%q).Lookup(%q) = %q, want not found", tc.dir, tc.address, file)
			}
			continue
		}
		if !ok || file != tc.file {
			t.Errorf("Load(%q).Lookup(%q) = %q (found %v), want %q", tc.dir, tc.address, file, ok, tc.file)
		}
	}
}

func TestSourceMissingDirectories(t *testing.T) {
	// A directory without configuration answers nothing; a missing one is
	// an error naming it.
	ix, err := source.Load(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok := ix.Lookup("module.db.aws_db_instance.main"); ok {
		t.Error("lookup answered from an empty directory")
	}
	if _, err := source.Load("testdata/does-not-exist"); err == nil || !strings.Contains(err.Error(), "testdata/does-not-exist") {
		t.Errorf("missing directory: %v", err)
	}
	var nilIndex *source.Index
	if _, _, ok := nilIndex.Lookup("aws_s3_bucket.logs"); ok {
		t.Error("nil index answered")
	}
}

// TestSourceModuleLoops: a module call that loops back to a calling
// module, which Terraform refuses, is an error.
func TestSourceModuleLoops(t *testing.T) {
	_, err := source.Load("testdata/cycle")
	if err == nil || !strings.Contains(err.Error(), "calls its own directory") {
		t.Fatalf("Load(testdata/cycle) = %v, want an error", err)
	}
}

func TestSourceParseErrors(t *testing.T) {
	for _, tc := range []struct {
		dir  string
		want string
	}{
		{"testdata/broken-hcl", "testdata/broken-hcl/main.tf:5,"},
		{"testdata/broken-json", "testdata/broken-json/main.tf.json:4,"},
		{"testdata/broken-module", "testdata/broken-module/modules/bad/main.tf:2,"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			ix, err := source.Load(tc.dir)
			if err == nil {
				t.Fatalf("Load(%s) = %v, want an error", tc.dir, ix)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not name %s", err, tc.want)
			}
		})
	}
	t.Run("bad modules.json", func(t *testing.T) {
		dir := t.TempDir()
		copyTree(t, "testdata/config", dir)
		if err := os.MkdirAll(filepath.Join(dir, ".terraform", "modules"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, ".terraform", "modules", "modules.json"), []byte("{"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := source.Load(dir); err == nil || !strings.Contains(err.Error(), "modules.json") {
			t.Errorf("Load with a broken modules.json: %v, want an error naming it", err)
		}
	})
}

// TestSourceScenarios: in every scenario of the repository, each resource
// of the real Terraform plan resolves to the line of its block.
func TestSourceScenarios(t *testing.T) {
	plans, err := filepath.Glob("../../testdata/scenarios/*/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(plans) == 0 {
		t.Fatal("no scenario plans found")
	}
	for _, planFile := range plans {
		dir := filepath.Dir(planFile)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			data, err := os.ReadFile(planFile)
			if err != nil {
				t.Fatal(err)
			}
			var p tfjson.Plan
			if err := json.Unmarshal(data, &p); err != nil {
				t.Fatal(err)
			}
			ix, err := source.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			checked := 0
			for _, rc := range p.ResourceChanges {
				file, line, ok := ix.Lookup(rc.Address)
				if !ok {
					// A resource only being deleted may be gone from the
					// configuration.
					if rc.Change != nil && rc.Change.Actions.Delete() {
						continue
					}
					t.Errorf("%s: not found", rc.Address)
					continue
				}
				prefix := `resource "` + rc.Type + `" "` + rc.Name + `"`
				if rc.Mode == tfjson.DataResourceMode {
					prefix = `data "` + rc.Type + `" "` + rc.Name + `"`
				}
				if text := lineText(t, file, line); !strings.HasPrefix(strings.TrimSpace(text), prefix) {
					t.Errorf("%s: %s:%d is %q, want a line starting with %s", rc.Address, file, line, text, prefix)
				}
				checked++
			}
			if checked == 0 {
				t.Errorf("no resource of %s resolved", planFile)
			}
		})
	}
}

func lineText(t *testing.T, file string, line int) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) {
		t.Fatalf("%s has no line %d", file, line)
	}
	return lines[line-1]
}
