package testtf

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Options change how a configuration is planned.
type Options struct {
	// Vars are passed to plan as -var name=value.
	Vars map[string]string
	// Env is added to the environment of the CLI and of the providers it
	// starts (AWS_REGION, SCW_DEFAULT_ZONE …): the clouds' variables of the
	// test's own environment never reach them.
	Env map[string]string
	// Before is a configuration directory applied first, into the state
	// that the configuration is then planned against (a scenario's
	// before/): to plan an update or a delete.
	Before string
	// ProviderVersions picks, per provider type, the release the test
	// provider mimics where its tables differ between major versions:
	// {"aws": "5.100.0"} for hashicorp/aws 5.x (no region attribute on
	// resources). Default: the latest tables (aws 6.x).
	ProviderVersions map[string]string
	// Sources serve a provider type of the test provider under another
	// source address (a private registry host, or a catalog provider's
	// address serving another provider's types): source → type. It
	// replaces the default override of that address.
	Sources map[string]string
	// ApplyVars are passed to apply as -var name=value: ephemeral
	// variables, which a saved plan does not keep, must be given again.
	ApplyVars map[string]string
	// Workspace, when set, is created and selected before planning
	// (`workspace new`): terraform.workspace is then that name.
	Workspace string
	// Mirror, when set, plans with the real providers of a filesystem
	// mirror (`init`, offline) instead of the test provider: a cross-check
	// of the test provider against a real one. No landing is recorded.
	Mirror string
}

// Landing is where a resource landed on apply, as the test provider
// records it (internal/testprovider/landing.go documents each field).
type Landing struct {
	// Provider is the source address: namespace/type.
	Provider string `json:"provider"`
	// Type is the resource type.
	Type string `json:"type"`
	// ID is the id the resource got.
	ID string `json:"id"`
	// Region is the region the resource is in; "global" for a service
	// without regions; "" when the real provider could not tell.
	Region string `json:"region"`
	// Zone is the availability zone, when the resource has one.
	Zone string `json:"zone"`
	// Endpoint is the API host the calls went to, when the configuration
	// or the environment overrides the provider's default.
	Endpoint string `json:"endpoint"`
	// Universe tells which cloud of the same API: Google's universe_domain,
	// Azure's environment.
	Universe string `json:"universe"`
	// Profile is the named profile the provider's settings came from.
	Profile string `json:"profile"`
	// Unknown says why the real provider could not tell where the
	// resource goes, when it could not.
	Unknown string `json:"unknown"`
}

// Result is a configuration planned (and, after Apply, applied) in a
// temporary working copy.
type Result struct {
	// CLI is the command line that ran.
	CLI *CLI
	// Dir is the working copy of the configuration.
	Dir string
	// PlanFile is the binary plan (plan.tfplan in Dir).
	PlanFile string
	// PlanJSON is `show -json` of the plan.
	PlanJSON []byte
	// StateJSON is `show -json` of the state after Apply.
	StateJSON []byte
	// Landings maps the address of every resource created or updated by a
	// provider that records landings to where it landed (after Apply).
	Landings map[string]Landing

	env       []string
	vars      map[string]string
	applyVars map[string]string
	landing   string
	tmp       string
}

// Plan copies the configuration directory into a temporary directory and
// runs `get` (or `init` with a mirror), `plan -out=plan.tfplan` and `show
// -json plan.tfplan` there. A failing command fails the test with its
// output.
func Plan(tb testing.TB, cli *CLI, configDir string, opts Options) *Result {
	tb.Helper()
	tmp := tb.TempDir()
	r := &Result{CLI: cli, Dir: filepath.Join(tmp, "work"), tmp: tmp, vars: opts.Vars, applyVars: opts.ApplyVars, landing: filepath.Join(tmp, "landing.jsonl")}
	r.PlanFile = filepath.Join(r.Dir, "plan.tfplan")
	if err := copyConfig(configDir, r.Dir); err != nil {
		tb.Fatalf("copying %s: %v", configDir, err)
	}
	rc := filepath.Join(tmp, "cli.tfrc")
	var config string
	if opts.Mirror != "" {
		config = fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path = %q\n  }\n}\n", opts.Mirror)
	} else {
		var err error
		if config, err = provider(tb).cliConfig(opts.ProviderVersions, opts.Sources); err != nil {
			tb.Fatal(err)
		}
	}
	if err := os.WriteFile(rc, []byte(config), 0o644); err != nil {
		tb.Fatal(err)
	}
	home := filepath.Join(tmp, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		tb.Fatal(err)
	}
	r.env = environ(os.Environ(), map[string]string{
		"HOME":               home,
		"TF_CLI_CONFIG_FILE": rc,
		"TF_DATA_DIR":        filepath.Join(tmp, "data"),
		"CHECKPOINT_DISABLE": "1",
		"TF_IN_AUTOMATION":   "1",
		"TF_INPUT":           "0",
		landingEnv:           r.landing,
	}, opts.Env)
	install := "get"
	if opts.Mirror != "" {
		install = "init"
	}

	if opts.Before != "" {
		before := filepath.Join(tmp, "before")
		if err := copyConfig(opts.Before, before); err != nil {
			tb.Fatalf("copying %s: %v", opts.Before, err)
		}
		// Its own data directory: the before configuration is another root module.
		env := withVar(r.env, "TF_DATA_DIR", filepath.Join(tmp, "before-data"))
		r.run(tb, before, env, install)
		r.run(tb, before, env, "apply", "-auto-approve", "-lock=false", "-state="+filepath.Join(r.Dir, "terraform.tfstate"))
	}
	// get, not init: init asks the registry even for providers that
	// dev_overrides replaces; get installs the local modules only.
	r.run(tb, r.Dir, r.env, install)
	if opts.Workspace != "" {
		r.run(tb, r.Dir, r.env, "workspace", "new", opts.Workspace)
	}
	args := []string{"plan", "-lock=false", "-out=" + r.PlanFile}
	for _, name := range sortedKeys(opts.Vars) {
		args = append(args, "-var", name+"="+opts.Vars[name])
	}
	r.run(tb, r.Dir, r.env, args...)
	r.PlanJSON = r.Run(tb, "show", "-json", r.PlanFile)
	return r
}

// Apply plans the configuration as Plan does, then applies the plan and
// reads the state (`show -json`) and the landing records, joined to the
// resource addresses of the state by resource type and id.
func Apply(tb testing.TB, cli *CLI, configDir string, opts Options) *Result {
	tb.Helper()
	r := Plan(tb, cli, configDir, opts)
	r.Apply(tb)
	return r
}

// Apply applies the plan of r, then reads the state and the landings.
func (r *Result) Apply(tb testing.TB) {
	tb.Helper()
	args := []string{"apply", "-lock=false"}
	for _, name := range sortedKeys(r.applyVars) {
		args = append(args, "-var", name+"="+r.applyVars[name])
	}
	r.run(tb, r.Dir, r.env, append(args, r.PlanFile)...)
	r.StateJSON = r.Run(tb, "show", "-json")
	landings, err := joinLandings(r.StateJSON, r.landing)
	if err != nil {
		tb.Fatal(err)
	}
	r.Landings = landings
}

// Run runs another command of the CLI in the working copy, with the same
// environment, and returns its standard output (-no-color is added to the
// commands that take it).
func (r *Result) Run(tb testing.TB, args ...string) []byte {
	tb.Helper()
	return r.run(tb, r.Dir, r.env, args...)
}

// Setenv gives the test's own process the CLI configuration, data
// directory and environment of r, for code under test that runs the CLI
// itself (reading a binary plan): TF_* variables it inherited are
// emptied, those of r set. It uses t.Setenv: not for parallel tests.
func (r *Result) Setenv(t *testing.T) {
	t.Helper()
	set := map[string]string{}
	for _, kv := range r.env {
		k, v, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TF_") || k == "CHECKPOINT_DISABLE" || k == landingEnv {
			set[k] = v
		}
	}
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "TF_") && k != "TF_ACC_TERRAFORM_PATH" {
			if _, ok := set[k]; !ok {
				t.Setenv(k, "")
			}
		}
	}
	for _, k := range sortedKeys(set) {
		t.Setenv(k, set[k])
	}
}

// colorless are the commands that take -no-color right after their name.
var colorless = map[string]bool{"get": true, "init": true, "plan": true, "apply": true, "show": true, "validate": true, "output": true}

// run runs the CLI in dir; standard output is returned, and on failure the
// test fails with both outputs.
func (r *Result) run(tb testing.TB, dir string, env []string, args ...string) []byte {
	tb.Helper()
	if colorless[args[0]] {
		args = append([]string{args[0], "-no-color"}, args[1:]...)
	}
	if args[0] == "plan" || args[0] == "apply" || args[0] == "init" {
		args = append(args[:2], append([]string{"-input=false"}, args[2:]...)...)
	}
	cmd := exec.Command(r.CLI.Path, args...)
	cmd.Dir = dir
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		tb.Fatalf("%s %s (in %s): %v\n%s%s", r.CLI.Name, strings.Join(args, " "), dir, err, stdout.String(), stderr.String())
	}
	return stdout.Bytes()
}

// landingEnv is the variable through which the test provider is told
// where to record landings.
const landingEnv = "TESTPROVIDER_LANDING"

// strippedPrefixes are the inherited variables that never reach the CLI:
// Terraform's and OpenTofu's own (TF_VAR_*, TF_CLI_ARGS*, TF_WORKSPACE …)
// and the clouds' (AWS_REGION, GOOGLE_REGION, SCW_DEFAULT_ZONE,
// NUMSPOT_HOST …), which the test provider reads as the real providers do.
var strippedPrefixes = []string{"TF_", "TOFU_", "TESTPROVIDER_", "AWS_", "GOOGLE_", "GCLOUD_", "CLOUDSDK_",
	"ARM_", "SCW_", "OSC_", "OS_", "OVH_", "NUMSPOT_"}

// environ is base without the stripped variables (and without those set
// or extra replace), then set, then extra.
func environ(base []string, set, extra map[string]string) []string {
	var out []string
	for _, kv := range base {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := set[k]; ok {
			continue
		}
		if _, ok := extra[k]; ok {
			continue
		}
		stripped := false
		for _, p := range strippedPrefixes {
			stripped = stripped || strings.HasPrefix(k, p)
		}
		if !stripped {
			out = append(out, kv)
		}
	}
	for _, m := range []map[string]string{set, extra} {
		for _, k := range sortedKeys(m) {
			out = append(out, k+"="+m[k])
		}
	}
	return out
}

// withVar is env with k set to v.
func withVar(env []string, k, v string) []string {
	out := make([]string, 0, len(env)+1)
	for _, kv := range env {
		if !strings.HasPrefix(kv, k+"=") {
			out = append(out, kv)
		}
	}
	return append(out, k+"="+v)
}

// copyConfig copies a configuration directory without Terraform's working
// files (.terraform, state, lock file, plan files).
func copyConfig(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		target := filepath.Join(to, rel)
		name := d.Name()
		switch {
		case d.IsDir() && name == ".terraform":
			return filepath.SkipDir
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case !d.Type().IsRegular(), strings.HasPrefix(name, "terraform.tfstate"), name == ".terraform.lock.hcl",
			strings.HasSuffix(name, ".tfplan"):
			return nil
		}
		src, err := os.Open(path)
		if err != nil {
			return err
		}
		defer func() { _ = src.Close() }()
		dst, err := os.Create(target)
		if err != nil {
			return err
		}
		if _, err := io.Copy(dst, src); err != nil {
			_ = dst.Close()
			return err
		}
		return dst.Close()
	})
}

// stateFile is the part of `show -json` of a state that the join reads.
type stateFile struct {
	Values *struct {
		RootModule stateModule `json:"root_module"`
	} `json:"values"`
}

type stateModule struct {
	Resources []struct {
		Address      string         `json:"address"`
		Mode         string         `json:"mode"`
		Type         string         `json:"type"`
		ProviderName string         `json:"provider_name"`
		Values       map[string]any `json:"values"`
	} `json:"resources"`
	ChildModules []stateModule `json:"child_modules"`
}

// joinLandings reads the landing records and maps every managed resource
// of the state whose type and id a record has to that record (the last
// one for the id: an update writes a new one). Two resources that got the
// same id (same type and planned values) but landed differently cannot be
// told apart: that is an error which says so.
func joinLandings(stateJSON []byte, landingFile string) (map[string]Landing, error) {
	byID := map[string][]Landing{}
	data, err := os.ReadFile(landingFile)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var l Landing
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", landingFile, i+1, err)
		}
		key := l.Type + "\x00" + l.ID
		byID[key] = append(byID[key], l)
	}
	var st stateFile
	if err := json.Unmarshal(stateJSON, &st); err != nil {
		return nil, fmt.Errorf("show -json of the state: %w", err)
	}
	out := map[string]Landing{}
	owners := map[string][]string{}
	if st.Values == nil {
		return out, nil
	}
	var walk func(m stateModule) error
	walk = func(m stateModule) error {
		for _, res := range m.Resources {
			if res.Mode != "managed" {
				continue
			}
			id, _ := res.Values["id"].(string)
			key := res.Type + "\x00" + id
			lines := byID[key]
			if len(lines) == 0 {
				continue
			}
			l := lines[len(lines)-1]
			// A provider served under another source (Options.Sources)
			// records its own tables' source: only its type must agree.
			if !strings.HasSuffix(res.ProviderName, "/"+l.Provider) && !strings.HasPrefix(res.Type, l.Provider[strings.LastIndex(l.Provider, "/")+1:]+"_") {
				return fmt.Errorf("%s: provider %s, but the landing of id %s was recorded by %s", res.Address, res.ProviderName, id, l.Provider)
			}
			owners[key] = append(owners[key], res.Address)
			out[res.Address] = l
		}
		for _, c := range m.ChildModules {
			if err := walk(c); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(st.Values.RootModule); err != nil {
		return nil, err
	}
	for key, addrs := range owners {
		lines := byID[key]
		for _, l := range lines[1:] {
			if len(addrs) > 1 && l != lines[0] {
				sort.Strings(addrs)
				return nil, fmt.Errorf("%s got the same id %s from the test provider (same type and planned values) but landed differently (%+v, %+v): give them distinct arguments so that their landings can be told apart",
					strings.Join(addrs, ", "), lines[0].ID, lines[0], l)
			}
		}
	}
	return out, nil
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
