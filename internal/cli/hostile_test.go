package cli_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/trustcloud/trustcloud/internal/cli"
)

// hostileCase is one broken or hostile input given to the built binary.
type hostileCase struct {
	name string
	// file is the input (a path in the test's directory); empty for
	// standard input ("-").
	file string
	// stdin is standard input; closeStdin runs the command with its
	// standard input closed instead.
	stdin      []byte
	closeStdin bool
	flags      []string
	env        []string
	// want are substrings of the error line.
	want []string
	// where: the line gives a place (line and column, JSON path or byte
	// offset).
	where bool
}

// wherePattern matches the places error lines give.
var wherePattern = regexp.MustCompile(`: (line \d+, column \d+|\$[.\[]\S*|byte \d+): `)

// TestBinaryMalformedInputs is the malformed-input matrix: each input, run
// through the built trustcloud binary with a report file that already
// exists and one that does not, must exit 2 with exactly one line on
// stderr naming the file (and the place when there is one), print nothing
// on stdout, never panic, leave the first report as it was and not create
// the second. The observed line of each case is
// logged (go test -v -run TestBinaryMalformedInputs).
func TestBinaryMalformedInputs(t *testing.T) {
	dir := t.TempDir()
	plan, err := os.ReadFile(builtinPlan)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	edit := func(name string, change func(doc map[string]any)) string {
		t.Helper()
		var doc map[string]any
		if err := json.Unmarshal(plan, &doc); err != nil {
			t.Fatal(err)
		}
		change(doc)
		data, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		return write(name, data)
	}
	changes := func(doc map[string]any) []any { return doc["resource_changes"].([]any) }
	const deep = 1_000_000
	nested := strings.Repeat("[", deep) + strings.Repeat("]", deep)
	half := plan[:len(plan)/2]

	noTerraform := t.TempDir() // an empty PATH: no terraform on it
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	if w, err := zw.Create("tfplan"); err != nil {
		t.Fatal(err)
	} else if _, err := w.Write([]byte("not really a plan")); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	utf16le := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(string(plan))) {
		utf16le = append(utf16le, byte(u), byte(u>>8))
	}

	cases := []hostileCase{
		{name: "empty file", file: write("empty.json", nil), want: []string{"the file is empty"}},
		{name: "not JSON", file: write("notjson.json", []byte("Terraform will perform the following actions:\n")), want: []string{"not a Terraform plan"}, where: true},
		{name: "truncated JSON", file: write("truncated.json", half), want: []string{"truncated"}, where: true},
		{name: "a JSON array", file: write("array.json", []byte(`[{"format_version":"1.2"}]`)), want: []string{"expected a JSON object"}, where: true},
		{name: "invalid UTF-8", file: write("latin1.json", bytes.Replace(plan, []byte(`"app"`), []byte("\"caf\xe9\""), 1)), want: []string{"invalid UTF-8"}, where: true},
		{name: "UTF-16 (PowerShell >)", file: write("utf16.json", utf16le), want: []string{"byte 0: ", "UTF-16"}, where: true},
		{name: "NUL bytes", file: write("nul.json", append([]byte{0, 0, 0, 0}, plan...)), want: []string{"byte 0: NUL byte"}, where: true},
		{name: "NUL byte in a skipped string", file: write("nulstr.json", bytes.Replace(plan, []byte(`"app"`), []byte("\"a\x00p\""), 1)), want: []string{"NUL byte"}, where: true},
		{name: "control character in a string", file: write("ctrl.json", bytes.Replace(plan, []byte(`"name":"later","provider_name":"terraform.io/builtin/terraform","change"`), []byte("\"name\":\"la\x01ter\",\"provider_name\":\"terraform.io/builtin/terraform\",\"change\""), 1)), want: []string{"control character"}, where: true},
		{name: "10^6 nested arrays", file: write("nested.json", []byte(nested)), want: []string{"not a Terraform plan"}, where: true},
		{name: "10^6 nested arrays in planned_values", file: write("nested-skipped.json", []byte(`{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"a.b","values":`+nested+`}]}}}`)), want: []string{"nested more than"}, where: true},
		{name: "10^6 nested arrays in a resource", file: write("nested-decoded.json", []byte(`{"format_version":"1.2","resource_changes":[{"address":"a.b","change":{"after":{"region":`+nested+`}}}]}`)), want: []string{"nested more than"}, where: true},
		{name: "duplicate addresses", file: edit("duplicate.json", func(doc map[string]any) {
			doc["resource_changes"] = append(changes(doc), changes(doc)[0])
		}), want: []string{".address: ", "is there twice"}, where: true},
		{name: "missing address", file: edit("noaddress.json", func(doc map[string]any) {
			delete(changes(doc)[1].(map[string]any), "address")
		}), want: []string{"$.resource_changes[1]: ", `missing "address"`}, where: true},
		{name: "missing change", file: edit("nochange.json", func(doc map[string]any) {
			delete(changes(doc)[0].(map[string]any), "change")
		}), want: []string{"$.resource_changes[0]: ", `missing "change"`}, where: true},
		{name: "a member twice (encoding/json keeps the last)", file: write("dupmember.json", bytes.Replace(plan, []byte(`"after":{"input":"us-east-1",`), []byte(`"after":{"input":"eu-west-3","input":"us-east-1",`), 1)),
			want: []string{"$.resource_changes[3].change.after: ", `member "input" appears twice`}, where: true},
		{name: "a planned resource without a change", file: edit("nochangeplanned.json", func(doc map[string]any) {
			doc["resource_changes"] = append(changes(doc)[:3], changes(doc)[4])
		}), want: []string{`$.planned_values.root_module.resources[3]: "terraform_data.site[\"virginia\"]" has no resource change`}, where: true},
		{name: "null resource_changes", file: edit("nullchanges.json", func(doc map[string]any) {
			doc["resource_changes"] = nil
		}), want: []string{"$.resource_changes: null, but planned_values lists resources"}, where: true},
		{name: "a resource written as a data source", file: edit("datamode.json", func(doc map[string]any) {
			changes(doc)[3].(map[string]any)["mode"] = "data"
		}), want: []string{"$.resource_changes[3].mode: ", `has mode "data", but its address is that of a managed resource`}, where: true},
		{name: "missing format_version", file: edit("noversion.json", func(doc map[string]any) {
			delete(doc, "format_version")
		}), want: []string{"$.format_version: missing"}, where: true},
		{name: "a state file of format 3", file: write("terraform.tfstate", []byte(`{"version":3,"terraform_version":"0.11.14","serial":2,"lineage":"5c1e","modules":[{"path":["root"],"resources":{}}]}`)),
			want: []string{"$.version: state file format version 3", "terraform state pull"}, where: true},
		{name: "a state with a resource twice", file: write("twice.tfstate", []byte(`{"version":4,"serial":2,"lineage":"5c1e","resources":[`+
			`{"mode":"managed","type":"terraform_data","name":"app","provider":"provider[\"terraform.io/builtin/terraform\"]","instances":[{"attributes":{"id":"a"}}]},`+
			`{"mode":"managed","type":"terraform_data","name":"app","provider":"provider[\"terraform.io/builtin/terraform\"]","instances":[{"attributes":{"id":"b"}}]}]}`)),
			want: []string{"$.resources[1].instances[0]: ", `"terraform_data.app" is there twice`}, where: true},
		{name: "format version 2.0", file: edit("v2.json", func(doc map[string]any) { doc["format_version"] = "2.0" }),
			want: []string{`$.format_version: unsupported plan format version "2.0"`}, where: true},
		{name: "a binary plan, no terraform on PATH", file: write("plan.tfplan", zipped.Bytes()), env: []string{"PATH=" + noTerraform},
			want: []string{"binary plan file", "no terraform was found on PATH", "--terraform"}},
		{name: "a binary plan on stdin", stdin: zipped.Bytes(), want: []string{"binary plan file", "pass it by path"}},
		{name: "larger than --max-input", file: write("big.json", plan), flags: []string{"--max-input", "1KiB"},
			want: []string{"byte 1024: ", "larger than the 1 KiB limit (--max-input)"}, where: true},
		{name: "stdin larger than --max-input", stdin: plan, flags: []string{"--max-input", "1024"},
			want: []string{"byte 1024: ", "--max-input"}, where: true},
		{name: "stdin closed", closeStdin: true, want: []string{"empty"}},
		{name: "stdin closed early (truncated)", stdin: half, want: []string{"truncated"}, where: true},
		{name: "stdin empty", stdin: []byte{}, want: []string{"empty"}},
	}
	for _, tc := range cases {
		for _, cmd := range []string{"check", "inventory"} {
			t.Run(cmd+"/"+tc.name, func(t *testing.T) {
				report := filepath.Join(dir, cmd+"-report.json")
				const previous = "the report of an earlier run\n"
				if err := os.WriteFile(report, []byte(previous), 0o644); err != nil {
					t.Fatal(err)
				}
				fresh := filepath.Join(dir, "never-written.sarif")
				args := []string{cmd}
				if cmd == "check" {
					args = append(args, "--format", "json="+report, "--format", "sarif="+fresh)
				}
				args = append(append(args, tc.flags...), "-")
				name := "<stdin>"
				if tc.file != "" {
					args[len(args)-1], name = tc.file, tc.file
				}
				r := runHostile(t, tc, args)
				t.Logf("| %s | %s | %d | %s |", cmd, tc.name, r.code, strings.TrimSuffix(strings.ReplaceAll(r.stderr, dir+"/", ""), "\n"))
				if r.code != cli.ExitError {
					t.Errorf("exit %d, want %d", r.code, cli.ExitError)
				}
				if r.stdout != "" {
					t.Errorf("stdout: %q", r.stdout)
				}
				if strings.Count(r.stderr, "\n") != 1 || !strings.HasSuffix(r.stderr, "\n") {
					t.Errorf("stderr is not one line: %q", r.stderr)
				}
				if !strings.HasPrefix(r.stderr, "trustcloud: "+name+": ") {
					t.Errorf("stderr %q does not start with the file name %q", r.stderr, name)
				}
				if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine") {
					t.Errorf("stderr shows a crash: %q", r.stderr)
				}
				for _, w := range tc.want {
					if !strings.Contains(r.stderr, w) {
						t.Errorf("stderr %q does not contain %q", r.stderr, w)
					}
				}
				if tc.where && !wherePattern.MatchString(r.stderr) {
					t.Errorf("stderr %q gives no line and column, JSON path or byte offset", r.stderr)
				}
				if got, err := os.ReadFile(report); err != nil || string(got) != previous {
					t.Errorf("the report file changed: %q, %v", got, err)
				}
				if _, err := os.Stat(fresh); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("a report file was created: %s (%v)", fresh, err)
				}
				if tmp, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*")); len(tmp) > 0 {
					t.Errorf("temporary files left: %v", tmp)
				}
			})
		}
	}
}

// runHostile runs the binary on one case.
func runHostile(t *testing.T, tc hostileCase, args []string) result {
	t.Helper()
	if binaryErr != nil {
		t.Fatalf("the CLI could not be built: %v", binaryErr)
	}
	var cmd *exec.Cmd
	if tc.closeStdin {
		// The shell closes descriptor 0 before starting trustcloud.
		cmd = exec.Command("sh", append([]string{"-c", `exec "$0" "$@" <&-`, binary}, args...)...)
	} else {
		cmd = exec.Command(binary, args...)
		cmd.Stdin = bytes.NewReader(tc.stdin)
	}
	cmd.Env = append(os.Environ(), tc.env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("running %s: %v", binary, err)
		}
		code = ee.ExitCode()
	}
	return result{code, out.String(), errOut.String()}
}

// TestBinaryAcceptedOddInputs: inputs that look odd but are plans are
// read as such: format 0.1 (Terraform 0.12), a UTF-8 byte order mark,
// --max-input 0 (no limit) and a limit the plan fits in. Each gives the
// same findings as the plain plan, and the report is written.
func TestBinaryAcceptedOddInputs(t *testing.T) {
	dir := t.TempDir()
	plan, err := os.ReadFile(builtinPlan)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(plan, &doc); err != nil {
		t.Fatal(err)
	}
	doc["format_version"] = "0.1"
	v01, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	findings := func(t *testing.T, path string) []string {
		t.Helper()
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rep := decodeReport(t, string(data))
		return ruleAddr(rep)
	}
	want := runBinary(t, "", nil, "", "check", "--catalog", builtinAsAWS, "--format", "json="+filepath.Join(dir, "want.json"), builtinPlan)
	if want.code != cli.ExitFindings {
		t.Fatalf("the plain plan: %s", want)
	}
	wantFindings := findings(t, filepath.Join(dir, "want.json"))
	for _, tc := range []struct {
		name  string
		data  []byte
		flags []string
	}{
		{"format 0.1", v01, nil},
		{"UTF-8 byte order mark", append([]byte("\xef\xbb\xbf"), plan...), nil},
		{"no limit", plan, []string{"--max-input", "0"}},
		{"a limit the plan fits in", plan, []string{"--max-input", "1MiB"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := filepath.Join(dir, "plan.json")
			if err := os.WriteFile(in, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "got.json")
			if err := os.WriteFile(out, []byte("previous"), 0o644); err != nil {
				t.Fatal(err)
			}
			args := append([]string{"check", "--catalog", builtinAsAWS, "--format", "json=" + out}, tc.flags...)
			r := runBinary(t, "", nil, "", append(args, in)...)
			if r.code != cli.ExitFindings || withoutSummary(r.stderr) != "" {
				t.Fatalf("want exit 1 and nothing on stderr but the verdict, got %s", r)
			}
			if got := findings(t, out); strings.Join(got, "\n") != strings.Join(wantFindings, "\n") {
				t.Errorf("findings %v, want %v", got, wantFindings)
			}
		})
	}
}

// TestMaxInputFlag: the flag reads sizes with units and refuses others.
func TestMaxInputFlag(t *testing.T) {
	for _, v := range []string{"2GiB", "512MiB", "100M", "1g", "4194304", "10000 KiB", "0"} {
		if r := run(t, "", "check", "--max-input", v, builtinPlan); r.code != cli.ExitOK {
			t.Errorf("--max-input %q: %s", v, r)
		}
	}
	for _, v := range []string{"", "-1", "2TB", "1.5G", "big", "99999999999G"} {
		r := run(t, "", "check", "--max-input", v, builtinPlan)
		if r.code != cli.ExitError || !strings.Contains(r.stderr, "max-input") {
			t.Errorf("--max-input %q: %s", v, r)
		}
	}
}

// TestPolicyErrorsThroughCLI: mistakes in a policy file stop check and
// policy validate with exit 2 and an hcl diagnostic at the mistake,
// file:line,col.
func TestPolicyErrorsThroughCLI(t *testing.T) {
	dir := t.TempDir()
	waiver := func(id, addresses, rules, expires string) string {
		s := "waiver \"" + id + "\" {\n  addresses   = [" + addresses + "]\n"
		if rules != "" {
			s += "  rules       = [" + rules + "]\n"
		}
		return s + "  reason      = \"migration\"\n  expires     = \"" + expires + "\"\n  approved_by = \"RSSI\"\n  approved_on = \"" + expires + "\"\n}\n"
	}
	cases := []struct {
		name, src string
		// at is the diagnostic's position, want more of its text.
		at   string
		want []string
	}{
		{"unknown attribute", "level \"internal\" {\n  colour = \"red\"\n}\n", "2,3", []string{`"colour"`}},
		{"unknown block", "classification {\n  default_level = \"internal\"\n}\nrules {\n}\n", "4,1", []string{`"rules"`}},
		{"unknown level attribute in a module rule", "classification {\n  module \"module.db\" {\n    level = \"sensitive\"\n    owner = \"me\"\n  }\n}\n", "4,5", []string{`"owner"`}},
		{"bad date", waiver("W-1", `"aws_s3_bucket.b"`, "", "2026-02-30"), "4,17", []string{`"2026-02-30"`, "YYYY-MM-DD"}},
		{"date in another format", waiver("W-1", `"aws_s3_bucket.b"`, "", "30/06/2027"), "4,17", []string{`"30/06/2027"`}},
		{"waiver for an unknown rule", waiver("W-1", `"aws_s3_bucket.b"`, `"TC001", "TC042"`, "2030-01-01"), "3,27", []string{`"TC042"`}},
		{"unknown profile", "profile = \"fr-cloud\"\n", "1,11", []string{`"fr-cloud"`, "fr-cloud-au-centre"}},
		{"bad module glob", "classification {\n  module \"module.db[\" {\n    level = \"sensitive\"\n  }\n}\n", "2,10", []string{"glob"}},
		{"bad waiver glob", waiver("W-1", `"module.a[*"`, "", "2030-01-01"), "2,18", []string{"glob", "module.a[*"}},
		{"duplicate waiver ids", waiver("W-1", `"a.b"`, "", "2030-01-01") + waiver("W-1", `"a.c"`, "", "2030-01-01"), "8,8", []string{"Duplicate waiver", "already defined"}},
		{"unknown level", "classification {\n  default_level = \"secret\"\n}\n", "2,", []string{`"secret"`}},
		{"syntax", "level \"internal\" {\n  severity = \n}\n", "2,", nil},
	}
	for _, tc := range cases {
		file := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".hcl")
		if err := os.WriteFile(file, []byte(tc.src), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"check", "--policy", file, builtinPlan}, {"inventory", "--policy", file, builtinPlan}, {"policy", "validate", file}} {
			t.Run(args[0]+"/"+tc.name, func(t *testing.T) {
				r := run(t, "", args...)
				if r.code != cli.ExitError || r.stdout != "" {
					t.Fatalf("want exit 2 and nothing on stdout, got %s", r)
				}
				if first := "trustcloud: " + file + ":" + tc.at; !strings.HasPrefix(r.stderr, first) {
					t.Errorf("stderr %q does not start with %q", r.stderr, first)
				}
				for _, w := range tc.want {
					if !strings.Contains(r.stderr, w) {
						t.Errorf("stderr %q does not contain %q", r.stderr, w)
					}
				}
			})
		}
	}
}

// TestCatalogErrorsThroughCLI: mistakes in a user catalog stop every
// command that reads it with exit 2 and "file: $.path: message" lines.
func TestCatalogErrorsThroughCLI(t *testing.T) {
	dir := t.TempDir()
	const head = `{"schema_version": "1", "sources": [{"id": "u1", "title": "Test fixture"}], `
	cases := []struct {
		name, src string
		want      []string
	}{
		{"offer of an unknown operator", head + `"offers": [{"id": "x", "operator": "nope", "name": "X", "status": "none", "regions": ["*"], "source_ids": ["u1"]}]}`,
			[]string{`$.offers[0].operator: `, `"nope"`}},
		{"offer over a region its operator lacks", head + `"offers": [{"id": "x", "operator": "outscale", "name": "X", "status": "none", "regions": ["eu-west-9"], "source_ids": ["u1"]}]}`,
			[]string{`$.offers[0].regions[0]: `, `"eu-west-9"`}},
		{"unknown source", head + `"regions": [{"operator": "outscale", "code": "tc-1", "country": "FR", "source_ids": ["u404"]}]}`,
			[]string{`$.regions[0].source_ids[0]: `, `"u404"`}},
		{"provider mapped to an unknown operator", head + `"terraform_providers": [{"source": "example/cloud", "operators": [{"operator": "nowhere"}], "source_ids": ["u1"]}]}`,
			[]string{`$.terraform_providers[0].operators[0].operator: `, `"nowhere"`}},
		{"override leaving a dangling reference", head + `"offers": [{"id": "outscale-iaas-secnumcloud", "operator": "outscale", "name": "X", "status": "qualified", "qualified_on": "2026-01-01", "regions": ["nowhere-1"], "source_ids": ["u1"]}]}`,
			[]string{`.regions[0]: `, `"nowhere-1"`}},
		{"bad date", head + `"offers": [{"id": "x", "operator": "outscale", "name": "X", "status": "qualified", "qualified_on": "2026-13-01", "regions": ["*"], "source_ids": ["u1"]}]}`,
			[]string{`$.offers[0].qualified_on: `, `"2026-13-01"`}},
		{"unknown field", head + `"regions": [{"operator": "outscale", "code": "tc-1", "country": "FR", "colour": "red", "source_ids": ["u1"]}]}`,
			[]string{`$.regions[0].colour: unknown field "colour"`}},
		{"odd key", head + `"regions": [{"operator": "outscale", "code": "tc-1", "country": "FR", "a\nb": 1, "source_ids": ["u1"]}]}`,
			[]string{`$.regions[0]["a\nb"]: unknown field`}},
		{"unknown country", head + `"regions": [{"operator": "outscale", "code": "tc-1", "country": "ZZ", "source_ids": ["u1"]}]}`,
			[]string{`$.regions[0].country: `, `"ZZ"`}},
	}
	for _, tc := range cases {
		file := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".json")
		if err := os.WriteFile(file, []byte(tc.src), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"check", builtinPlan}, {"inventory", builtinPlan}, {"catalog", "regions"}} {
			t.Run(args[0]+"/"+tc.name, func(t *testing.T) {
				r := run(t, "", append(args, "--catalog", file)...)
				if r.code != cli.ExitError || r.stdout != "" {
					t.Fatalf("want exit 2 and nothing on stdout, got %s", r)
				}
				if !strings.HasPrefix(r.stderr, "trustcloud: "+file+": ") {
					t.Errorf("stderr %q does not start with the file name", r.stderr)
				}
				for i, line := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
					if !strings.HasPrefix(strings.TrimPrefix(line, "trustcloud: "), file+": $") {
						t.Errorf("line %d of stderr, %q, is not %q", i+1, line, file+": $.path: message")
					}
				}
				for _, w := range tc.want {
					if !strings.Contains(r.stderr, w) {
						t.Errorf("stderr %q does not contain %q", r.stderr, w)
					}
				}
			})
		}
	}
}
