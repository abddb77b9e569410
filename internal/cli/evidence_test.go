package cli_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/cli"
	"github.com/trustcloud/trustcloud/internal/evidence"
)

const ministryPlan = "../../testdata/scenarios/ministry/plan.json"

// bundleFiles are the files of a bundle made with the default profile.
var bundleFiles = []string{"assessment-results.oscal.json", "catalog.json", "findings.json", "inventory.json", "manifest.json", "manifest.json.sig", "policy.json"}

// keygen makes a key pair in a temporary directory and returns its prefix.
func keygen(t *testing.T) string {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "signer")
	r := run(t, "", "keygen", "--out", prefix)
	if r.code != cli.ExitOK {
		t.Fatalf("keygen: %s", r)
	}
	return prefix
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func readManifest(t *testing.T, dir string) evidence.Manifest {
	t.Helper()
	var m evidence.Manifest
	if err := json.Unmarshal(readFile(t, filepath.Join(dir, "manifest.json")), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// copyBundle copies a bundle into a new directory.
func copyBundle(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "copy")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range dirNames(t, dir) {
		if err := os.WriteFile(filepath.Join(out, name), readFile(t, filepath.Join(dir, name)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func TestKeygen(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "ci")
	r := run(t, "", "keygen", "--out", prefix)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "key SHA256:") || !strings.Contains(r.stdout, prefix+".pub") {
		t.Fatalf("keygen: %s", r)
	}
	st, err := os.Stat(prefix + ".key")
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("private key: %v, mode %v; want 0600", err, st.Mode().Perm())
	}
	if _, err := evidence.ReadPublicKey(prefix + ".pub"); err != nil {
		t.Fatal(err)
	}
	// It does not overwrite a key pair by accident.
	key := readFile(t, prefix+".key")
	if r := run(t, "", "keygen", "--out", prefix); r.code != cli.ExitError || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("second keygen: %s", r)
	}
	if !slices.Equal(key, readFile(t, prefix+".key")) {
		t.Error("the private key was replaced without --force")
	}
	if r := run(t, "", "keygen", "--out", prefix, "--force"); r.code != cli.ExitOK {
		t.Errorf("keygen --force: %s", r)
	}
	if r := run(t, "", "keygen", "extra"); r.code != cli.ExitError || !strings.Contains(r.stderr, "unexpected argument") {
		t.Errorf("keygen with an argument: %s", r)
	}
}

// TestEvidenceBundle makes a signed bundle of the ministry scenario and
// checks what is in it, then verifies it intact and tampered with.
func TestEvidenceBundle(t *testing.T) {
	prefix := keygen(t)
	dir := filepath.Join(t.TempDir(), "evidence")
	before := time.Now().UTC().Truncate(time.Second)
	args := []string{"check", "--evidence", dir, "--sign", prefix + ".key", "--format", "json", ministryPlan}
	r := run(t, "", args...)
	plain := run(t, "", "check", "--format", "json", ministryPlan)
	if r.code != plain.code || r.code != cli.ExitFindings {
		t.Fatalf("check --evidence exits %d, check %d (want 1 for both):\n%s", r.code, plain.code, r)
	}
	if diff := cmp.Diff(bundleFiles, dirNames(t, dir)); diff != "" {
		t.Fatalf("bundle files (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(dirNames(t, filepath.Dir(dir)), []string{"evidence"}); diff != "" {
		t.Errorf("the bundle's parent holds leftovers (-want +got):\n%s", diff)
	}

	// The findings are the check's JSON report, the inventory what
	// `inventory --format json` prints.
	if got := string(readFile(t, filepath.Join(dir, "findings.json"))); got != r.stdout {
		t.Errorf("findings.json differs from the JSON report printed by the same run:\n%s", cmp.Diff(r.stdout, got))
	}
	inv := run(t, "", "inventory", "--format", "json", ministryPlan)
	if got := string(readFile(t, filepath.Join(dir, "inventory.json"))); got != inv.stdout {
		t.Errorf("inventory.json differs from `inventory --format json`:\n%s", cmp.Diff(inv.stdout, got))
	}

	m := readManifest(t, dir)
	created, err := time.Parse(time.RFC3339, m.Created)
	if err != nil || created.Before(before) || created.After(time.Now()) || !strings.HasSuffix(m.Created, "Z") {
		t.Errorf("created %q (%v): want the time of the run, UTC", m.Created, err)
	}
	if diff := cmp.Diff(append([]string{"trustcloud"}, args...), m.Command); diff != "" {
		t.Errorf("command (-want +got):\n%s", diff)
	}
	planData := readFile(t, ministryPlan)
	if m.Plan.Name != ministryPlan || m.Plan.SHA256 != sha256Hex(planData) || m.Plan.Size != int64(len(planData)) {
		t.Errorf("plan %+v: want %s, sha256 %s", m.Plan, ministryPlan, sha256Hex(planData))
	}
	if m.Tool.Name != "trustcloud" || m.Tool.Version != cli.Version || m.Result.ExitCode != 1 || !m.Result.Failed || m.Policy.Profile != "fr-cloud-au-centre" || m.Policy.File != "" {
		t.Errorf("tool %+v, result %+v, policy %+v", m.Tool, m.Result, m.Policy)
	}
	if len(m.Catalog.Files) != 1 || m.Catalog.AsOf == "" {
		t.Errorf("catalog %+v", m.Catalog)
	}
	for _, f := range m.Files {
		if got := sha256Hex(readFile(t, filepath.Join(dir, f.Name))); got != f.SHA256 {
			t.Errorf("%s: manifest says %s, file hashes to %s", f.Name, f.SHA256, got)
		}
	}
	pub, err := evidence.ReadPublicKey(prefix + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	if m.Signature == nil || m.Signature.PublicKey != evidence.KeyID(pub) {
		t.Errorf("signature %+v: want key %s", m.Signature, evidence.KeyID(pub))
	}

	// The OSCAL document is the same run's: its times are the manifest's.
	var ar struct {
		AR struct {
			Metadata struct {
				LastModified string `json:"last-modified"`
				OscalVersion string `json:"oscal-version"`
			} `json:"metadata"`
			Results []struct {
				Start string `json:"start"`
			} `json:"results"`
		} `json:"assessment-results"`
	}
	if err := json.Unmarshal(readFile(t, filepath.Join(dir, "assessment-results.oscal.json")), &ar); err != nil {
		t.Fatal(err)
	}
	if ar.AR.Metadata.OscalVersion != "1.1.2" || ar.AR.Metadata.LastModified != m.Created || len(ar.AR.Results) != 1 || ar.AR.Results[0].Start > m.Created {
		t.Errorf("OSCAL metadata %+v, results %+v; manifest created %s", ar.AR.Metadata, ar.AR.Results, m.Created)
	}
	var pol struct {
		Profile string `json:"profile"`
		Levels  []struct {
			Name string `json:"name"`
		} `json:"levels"`
	}
	if err := json.Unmarshal(readFile(t, filepath.Join(dir, "policy.json")), &pol); err != nil || pol.Profile != "fr-cloud-au-centre" || len(pol.Levels) != 4 {
		t.Errorf("policy.json: %+v, %v", pol, err)
	}

	t.Run("intact", func(t *testing.T) {
		r := run(t, "", "verify", "--pubkey", prefix+".pub", "--plan", ministryPlan, dir)
		if r.code != cli.ExitOK {
			t.Fatalf("verify: %s", r)
		}
		for _, want := range []string{"signature  valid: ed25519, key " + evidence.KeyID(pub), "intact: 5 file(s) match the manifest", "plan       matches the plan given"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("verify output lacks %q:\n%s", want, r.stdout)
			}
		}
		r = run(t, "", "verify", "--format", "json", dir)
		var v struct {
			Problems  []any  `json:"problems"`
			OK        []any  `json:"ok"`
			Signature string `json:"signature"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || r.code != cli.ExitOK || len(v.Problems) != 0 || len(v.OK) != 5 || v.Signature != "not-checked" {
			t.Errorf("verify --format json: %+v, %v\n%s", v, err, r)
		}
	})

	t.Run("another plan", func(t *testing.T) {
		other := "../../testdata/scenarios/s3ns-premi3ns/plan.json"
		r := run(t, "", "verify", "--plan", other, dir)
		if r.code != cli.ExitFindings || !strings.Contains(r.stdout, "PLAN       "+other) || !strings.Contains(r.stdout, "expected sha256 "+sha256Hex(planData)) {
			t.Errorf("verify --plan with another plan: %s", r)
		}
	})

	t.Run("wrong key", func(t *testing.T) {
		other := keygen(t)
		r := run(t, "", "verify", "--pubkey", other+".pub", dir)
		if r.code != cli.ExitFindings || !strings.Contains(r.stdout, "SIGNATURE  manifest.json.sig: the signature does not verify with "+other+".pub") {
			t.Errorf("verify with another key: %s", r)
		}
	})

	// Each file in turn: modified, deleted; then a file added.
	for _, name := range bundleFiles {
		t.Run("modify "+name, func(t *testing.T) {
			c := copyBundle(t, dir)
			data := readFile(t, filepath.Join(c, name))
			data[len(data)/2] ^= 0x20
			if err := os.WriteFile(filepath.Join(c, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
			r := run(t, "", "verify", "--pubkey", prefix+".pub", c)
			if r.code != cli.ExitFindings || !strings.Contains(r.stdout, "TAMPERED") || !strings.Contains(r.stdout, name) {
				t.Errorf("verify after modifying %s: %s", name, r)
			}
			if name != "manifest.json" && name != "manifest.json.sig" && !strings.Contains(r.stdout, "MODIFIED   "+name) {
				t.Errorf("verify does not say %s is modified:\n%s", name, r.stdout)
			}
		})
		t.Run("delete "+name, func(t *testing.T) {
			c := copyBundle(t, dir)
			if err := os.Remove(filepath.Join(c, name)); err != nil {
				t.Fatal(err)
			}
			r := run(t, "", "verify", "--pubkey", prefix+".pub", c)
			if r.code != cli.ExitFindings || !strings.Contains(r.stdout, "TAMPERED") || !strings.Contains(r.stdout, name) {
				t.Errorf("verify after deleting %s: %s", name, r)
			}
		})
	}
	t.Run("add a file", func(t *testing.T) {
		c := copyBundle(t, dir)
		if err := os.WriteFile(filepath.Join(c, "waiver-scan.pdf"), []byte("%PDF"), 0o644); err != nil {
			t.Fatal(err)
		}
		r := run(t, "", "verify", c)
		if r.code != cli.ExitFindings || !strings.Contains(r.stdout, "EXTRA      waiver-scan.pdf") {
			t.Errorf("verify after adding a file: %s", r)
		}
	})

	t.Run("process exit code", func(t *testing.T) {
		c := copyBundle(t, dir)
		if err := os.WriteFile(filepath.Join(c, "findings.json"), []byte(`{"findings":[]}`), 0o644); err != nil {
			t.Fatal(err)
		}
		if r := runBinary(t, "", nil, "", "verify", "--pubkey", prefix+".pub", c); r.code != 1 || !strings.Contains(r.stdout, "MODIFIED   findings.json") {
			t.Errorf("the binary on a tampered bundle: %s", r)
		}
		if r := runBinary(t, "", nil, "", "verify", "--pubkey", prefix+".pub", dir); r.code != 0 {
			t.Errorf("the binary on an intact bundle: %s", r)
		}
	})

	t.Run("made again in place", func(t *testing.T) {
		c := copyBundle(t, dir)
		if err := os.WriteFile(filepath.Join(c, "findings.json"), []byte("stale"), 0o644); err != nil {
			t.Fatal(err)
		}
		if r := run(t, "", "check", "--evidence", c, ministryPlan); r.code != cli.ExitFindings {
			t.Fatalf("check into an earlier bundle: %s", r)
		}
		if r := run(t, "", "verify", c); r.code != cli.ExitOK || !strings.Contains(r.stdout, "signature  none") {
			t.Errorf("verify the remade, unsigned bundle: %s", r)
		}
	})
}

// TestEvidenceReproduce: a bundle holds what it takes to run the same
// check again: the policy file as written and the merged catalog.
func TestEvidenceReproduce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "evidence")
	const pol = "testdata/policies/waivers.hcl"
	r := run(t, "", "check", "--catalog", builtinAsAWS, "--policy", pol, "--evidence", dir, builtinPlan)
	if r.code != cli.ExitFindings {
		t.Fatalf("check: %s", r)
	}
	if !slices.Contains(dirNames(t, dir), "policy.hcl") || !slices.Equal(readFile(t, filepath.Join(dir, "policy.hcl")), readFile(t, pol)) {
		t.Fatal("policy.hcl is not the policy file used")
	}
	m := readManifest(t, dir)
	if diff := cmp.Diff([]string{"embedded catalog", builtinAsAWS}, m.Catalog.Files); diff != "" {
		t.Errorf("catalog files (-want +got):\n%s", diff)
	}
	if m.Policy.File != pol || m.Result.Waived != 1 || m.Result.Findings != 3 {
		t.Errorf("policy %+v, result %+v", m.Policy, m.Result)
	}
	var eff struct {
		Waivers []struct {
			ID, Expires string
		} `json:"waivers"`
	}
	if err := json.Unmarshal(readFile(t, filepath.Join(dir, "policy.json")), &eff); err != nil || len(eff.Waivers) != 2 || eff.Waivers[1].Expires != "2020-06-30" {
		t.Errorf("policy.json waivers: %+v, %v", eff.Waivers, err)
	}
	again := run(t, "", "check", "--catalog", filepath.Join(dir, "catalog.json"), "--policy", filepath.Join(dir, "policy.hcl"), "--format", "json", builtinPlan)
	if again.code != r.code {
		t.Fatalf("the check from the bundle's catalog and policy exits %d, the original %d:\n%s", again.code, r.code, again)
	}
	orig := decodeReport(t, string(readFile(t, filepath.Join(dir, "findings.json"))))
	if diff := cmp.Diff(ruleAddr(orig), ruleAddr(decodeReport(t, again.stdout))); diff != "" {
		t.Errorf("findings from the bundle's catalog and policy differ (-original +again):\n%s", diff)
	}
	// Without the user catalog the findings differ: the merged catalog is
	// what made them.
	without := run(t, "", "check", "--policy", filepath.Join(dir, "policy.hcl"), "--format", "json", builtinPlan)
	if cmp.Equal(ruleAddr(orig), ruleAddr(decodeReport(t, without.stdout))) {
		t.Error("the user catalog changes nothing: this test shows nothing about catalog.json")
	}
}

func TestEvidenceStdin(t *testing.T) {
	data := readFile(t, builtinPlan)
	// Terraform ends its output with a newline; anything after the JSON
	// value is part of the input read.
	input := string(data) + "\n\n"
	dir := filepath.Join(t.TempDir(), "evidence")
	r := run(t, input, "check", "--evidence", dir, "-")
	if r.code != cli.ExitOK {
		t.Fatalf("check: %s", r)
	}
	m := readManifest(t, dir)
	if m.Plan.Name != "<stdin>" || m.Plan.SHA256 != sha256Hex([]byte(input)) || m.Plan.Size != int64(len(input)) {
		t.Errorf("plan %+v: want <stdin>, sha256 %s, %d bytes", m.Plan, sha256Hex([]byte(input)), len(input))
	}
}

func TestEvidenceErrors(t *testing.T) {
	prefix := keygen(t)
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "evidence")
	work := filepath.Join(tmp, "work")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte("# mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"sign without evidence", []string{"check", "--sign", prefix + ".key", builtinPlan}, "--sign signs an evidence bundle: give --evidence DIR too"},
		{"missing key", []string{"check", "--evidence", dir, "--sign", filepath.Join(tmp, "none.key"), builtinPlan}, "none.key: cannot read the signing key"},
		{"public key to sign", []string{"check", "--evidence", dir, "--sign", prefix + ".pub", builtinPlan}, "this is a public key"},
		{"bad plan", []string{"check", "--evidence", dir, filepath.Join(tmp, "none.json")}, "none.json"},
		{"not a bundle directory", []string{"check", "--evidence", work, builtinPlan}, "holds no evidence bundle"},
		{"verify without DIR", []string{"verify"}, "missing DIR"},
		{"verify two DIRs", []string{"verify", dir, work}, "one DIR expected"},
		{"verify a missing DIR", []string{"verify", dir}, "evidence"},
		{"verify with a private key", []string{"verify", "--pubkey", prefix + ".key", work}, "this is a private key"},
		{"verify a bad format", []string{"verify", "--format", "xml", work}, `unknown format "xml"`},
		{"verify a missing plan", []string{"verify", "--plan", filepath.Join(tmp, "none.json"), work}, "none.json: cannot read the plan"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "", tc.args...)
			if r.code != cli.ExitError || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("want exit 2 and %q on stderr, got %s", tc.want, r)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("a bundle was written despite the error (%v)", err)
			}
			if diff := cmp.Diff([]string{"main.tf"}, dirNames(t, work)); diff != "" {
				t.Errorf("the work directory was changed (-want +got):\n%s", diff)
			}
		})
	}
	// A directory that is no bundle at all is tampered with, not a usage
	// error: it has no manifest.
	if r := run(t, "", "verify", work); r.code != cli.ExitFindings || !strings.Contains(r.stdout, "MISSING    manifest.json: no manifest") {
		t.Errorf("verify of a directory without a manifest: %s", r)
	}
}

// TestEvidenceHelp: the usage text in both languages names the evidence
// commands and flags and the oscal format.
func TestEvidenceHelp(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		r := run(t, "", "--lang", lang, "help")
		if r.code != cli.ExitOK {
			t.Fatalf("%s: help: %s", lang, r)
		}
		for _, want := range []string{"trustcloud keygen    [--out ", "trustcloud verify    [--pubkey ", "[--evidence ", "--sign ", "oscal (", "verify"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("%s: help lacks %q:\n%s", lang, want, r.stdout)
			}
		}
	}
}
