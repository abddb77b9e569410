package evidence

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testFiles are the files of a test bundle.
var testFiles = []Content{
	{"inventory.json", []byte(`{"format_version":"1","resources":[]}` + "\n")},
	{"findings.json", []byte(`{"format_version":"1","findings":[]}` + "\n")},
	{"assessment-results.oscal.json", []byte(`{"assessment-results":{}}` + "\n")},
	{"policy.json", []byte(`{"profile":"fr-cloud-au-centre"}` + "\n")},
	{"catalog.json", []byte(`{"schema_version":"1"}` + "\n")},
}

var testPlan = []byte(`{"format_version":"1.2"}`)

func testManifest() *Manifest {
	return &Manifest{
		Tool: Tool{Name: "trustcloud", Version: "v0.0.0-test"}, Created: "2026-12-01T09:00:00Z",
		Command: []string{"trustcloud", "check", "--evidence", "bundle", "plan.json"},
		Plan:    Input{Name: "plan.json", SHA256: Digest(testPlan), Size: int64(len(testPlan))},
		Catalog: CatalogInfo{Version: "2026.11.23", Files: []string{"embedded catalog"}},
		Policy:  PolicyInfo{Profile: "fr-cloud-au-centre"},
	}
}

// newKey makes a key pair for a test.
func newKey(t *testing.T) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	pub, priv, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

// writeBundle writes a test bundle in a new directory, signed when key is
// set, and returns its path.
func writeBundle(t *testing.T, key ed25519.PrivateKey) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "bundle")
	if err := Write(dir, testManifest(), testFiles, key); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return dir
}

func verify(t *testing.T, dir string, opts VerifyOptions) *Verification {
	t.Helper()
	v, err := Verify(dir, opts)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	return v
}

// kinds summarises the problems as kind:name.
func kinds(v *Verification) []string {
	var out []string
	for _, p := range v.Problems {
		out = append(out, p.Kind+":"+p.Name)
	}
	return out
}

func text(t *testing.T, v *Verification) string {
	t.Helper()
	var b bytes.Buffer
	if err := v.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestWriteAndVerifyIntact(t *testing.T) {
	pub, priv := newKey(t)
	dir := writeBundle(t, priv)

	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"assessment-results.oscal.json", "catalog.json", "findings.json", "inventory.json", "manifest.json", "manifest.json.sig", "policy.json"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("bundle files (-want +got):\n%s", diff)
	}
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if m.Kind != Kind || m.FormatVersion != "1" || len(m.Files) != len(testFiles) || m.Signature == nil || m.Signature.PublicKey != KeyID(pub) {
		t.Fatalf("manifest: %+v", m)
	}
	for _, f := range m.Files {
		for _, c := range testFiles {
			if c.Name == f.Name && (f.SHA256 != Digest(c.Data) || f.Size != int64(len(c.Data))) {
				t.Errorf("%s: manifest has %s (%d bytes), want %s", f.Name, f.SHA256, f.Size, Digest(c.Data))
			}
		}
	}
	if !sort.SliceIsSorted(m.Files, func(i, j int) bool { return m.Files[i].Name < m.Files[j].Name }) {
		t.Error("manifest files are not sorted")
	}

	v := verify(t, dir, VerifyOptions{PublicKey: pub, PlanName: "plan.json", PlanSHA256: Digest(testPlan)})
	if !v.Intact() || v.Signature != SignatureValid || len(v.OK) != len(testFiles) || !v.PlanChecked {
		t.Fatalf("intact bundle: problems %v, signature %s, %d ok", kinds(v), v.Signature, len(v.OK))
	}
	out := text(t, v)
	for _, s := range []string{"signature  valid: ed25519, key " + KeyID(pub), "intact: 5 file(s) match the manifest", "ok         findings.json"} {
		if !strings.Contains(out, s) {
			t.Errorf("verify text lacks %q:\n%s", s, out)
		}
	}

	// Without the public key the digests are checked and the signature
	// is said not to be.
	v = verify(t, dir, VerifyOptions{})
	if !v.Intact() || v.Signature != SignatureNotChecked || !strings.Contains(text(t, v), "not checked: give --pubkey FILE") {
		t.Errorf("without --pubkey: problems %v, signature %s", kinds(v), v.Signature)
	}
}

// TestTamper changes a signed bundle in every way a file can change and
// checks that verification names exactly that change.
func TestTamper(t *testing.T) {
	pub, priv := newKey(t)
	type tamper struct {
		name   string
		change func(t *testing.T, dir string)
		// want are the problems, as kind:name.
		want []string
		// inText must appear in the text output.
		inText []string
	}
	var tampers []tamper
	for _, f := range testFiles {
		tampers = append(tampers,
			tamper{"modify " + f.Name, func(t *testing.T, dir string) { appendTo(t, filepath.Join(dir, f.Name), " ") },
				[]string{"modified:" + f.Name}, []string{"MODIFIED   " + f.Name, "expected sha256 " + Digest(f.Data), "actual   sha256 " + Digest(append(append([]byte(nil), f.Data...), ' '))}},
			tamper{"delete " + f.Name, func(t *testing.T, dir string) { remove(t, filepath.Join(dir, f.Name)) },
				[]string{"missing:" + f.Name}, []string{"MISSING    " + f.Name}},
			tamper{"replace " + f.Name + " by a symlink", func(t *testing.T, dir string) {
				remove(t, filepath.Join(dir, f.Name))
				other := filepath.Join(t.TempDir(), f.Name)
				writeFile(t, other, string(f.Data))
				if err := os.Symlink(other, filepath.Join(dir, f.Name)); err != nil {
					t.Fatal(err)
				}
			}, []string{"modified:" + f.Name}, []string{"not a regular file"}},
		)
	}
	tampers = append(tampers,
		tamper{"add a file", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, "notes.txt"), "x") },
			[]string{"extra:notes.txt"}, []string{"EXTRA      notes.txt"}},
		tamper{"add a directory", func(t *testing.T, dir string) { mkdir(t, filepath.Join(dir, "more")) },
			[]string{"extra:more"}, []string{"a directory in the bundle"}},
		tamper{"change a digest in the manifest", func(t *testing.T, dir string) {
			editManifest(t, dir, func(m map[string]any) {
				m["files"].([]any)[1].(map[string]any)["sha256"] = strings.Repeat("0", 64)
			})
		}, []string{"modified:catalog.json", "signature:manifest.json.sig"}, []string{"SIGNATURE  manifest.json.sig: the signature does not match the manifest"}},
		tamper{"change the creation time in the manifest", func(t *testing.T, dir string) {
			editManifest(t, dir, func(m map[string]any) { m["created"] = "2027-01-01T00:00:00Z" })
		}, []string{"signature:manifest.json.sig"}, nil},
		tamper{"drop a file from the manifest", func(t *testing.T, dir string) {
			editManifest(t, dir, func(m map[string]any) { m["files"] = m["files"].([]any)[1:] })
		}, []string{"extra:assessment-results.oscal.json", "signature:manifest.json.sig"}, nil},
		tamper{"unsign the manifest", func(t *testing.T, dir string) {
			editManifest(t, dir, func(m map[string]any) { delete(m, "signature") })
		}, []string{"signature:manifest.json.sig"}, []string{"the manifest does not say the bundle is signed"}},
		tamper{"delete the manifest", func(t *testing.T, dir string) { remove(t, filepath.Join(dir, ManifestName)) },
			[]string{"missing:manifest.json"}, []string{"no manifest"}},
		tamper{"break the manifest", func(t *testing.T, dir string) { appendTo(t, filepath.Join(dir, ManifestName), "{") },
			[]string{"manifest:manifest.json", "signature:manifest.json.sig"}, []string{"MANIFEST   manifest.json: not a valid manifest"}},
		tamper{"add a field to the manifest", func(t *testing.T, dir string) {
			editManifest(t, dir, func(m map[string]any) { m["approved"] = true })
		}, []string{"manifest:manifest.json", "signature:manifest.json.sig"}, []string{`unknown field "approved"`}},
		tamper{"list an unsafe name in the manifest", func(t *testing.T, dir string) {
			editManifest(t, dir, func(m map[string]any) {
				m["files"].([]any)[0].(map[string]any)["name"] = "../outside.json"
			})
		}, []string{"manifest:manifest.json", "extra:assessment-results.oscal.json", "signature:manifest.json.sig"}, nil},
		tamper{"delete the signature", func(t *testing.T, dir string) { remove(t, filepath.Join(dir, SignatureName)) },
			[]string{"signature:manifest.json.sig"}, []string{"the signature is missing"}},
		tamper{"flip a signature bit", func(t *testing.T, dir string) {
			data := read(t, filepath.Join(dir, SignatureName))
			sig, err := decodeSignature(data)
			if err != nil {
				t.Fatal(err)
			}
			sig[10] ^= 1
			writeFile(t, filepath.Join(dir, SignatureName), string(encodeSignature(sig)))
		}, []string{"signature:manifest.json.sig"}, nil},
		tamper{"garble the signature", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, SignatureName), "not base64!\n") },
			[]string{"signature:manifest.json.sig"}, []string{"not an ed25519 signature"}},
		tamper{"truncate the signature", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, SignatureName), "AAAA\n") },
			[]string{"signature:manifest.json.sig"}, []string{"3 bytes, an ed25519 signature has 64"}},
	)
	for _, tc := range tampers {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeBundle(t, priv)
			tc.change(t, dir)
			v := verify(t, dir, VerifyOptions{PublicKey: pub})
			if v.Intact() {
				t.Fatal("the tampered bundle verifies as intact")
			}
			if diff := cmp.Diff(tc.want, kinds(v)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			out := text(t, v)
			if !strings.Contains(out, "TAMPERED: ") {
				t.Errorf("the text does not say TAMPERED:\n%s", out)
			}
			for _, s := range tc.inText {
				if !strings.Contains(out, s) {
					t.Errorf("the text lacks %q:\n%s", s, out)
				}
			}
		})
	}
}

// TestUnsignedTamper: without a signature the digests still catch changed
// files, and asking for a signature fails.
func TestUnsignedTamper(t *testing.T) {
	dir := writeBundle(t, nil)
	if _, err := os.Stat(filepath.Join(dir, SignatureName)); !os.IsNotExist(err) {
		t.Fatalf("an unsigned bundle has a signature file (%v)", err)
	}
	v := verify(t, dir, VerifyOptions{})
	if !v.Intact() || v.Signature != SignatureNone {
		t.Fatalf("unsigned bundle: %v, signature %s", kinds(v), v.Signature)
	}
	pub, _ := newKey(t)
	v = verify(t, dir, VerifyOptions{PublicKey: pub})
	if diff := cmp.Diff([]string{"signature:manifest.json.sig"}, kinds(v)); diff != "" {
		t.Errorf("--pubkey on an unsigned bundle (-want +got):\n%s", diff)
	}
	appendTo(t, filepath.Join(dir, "policy.json"), "\n")
	v = verify(t, dir, VerifyOptions{})
	if diff := cmp.Diff([]string{"modified:policy.json"}, kinds(v)); diff != "" {
		t.Errorf("modified policy (-want +got):\n%s", diff)
	}
	// A signature file put into an unsigned bundle is not trusted.
	_, priv := newKey(t)
	writeFile(t, filepath.Join(dir, SignatureName), string(encodeSignature(ed25519.Sign(priv, read(t, filepath.Join(dir, ManifestName))))))
	v = verify(t, dir, VerifyOptions{})
	if !strings.Contains(strings.Join(kinds(v), ","), "signature:manifest.json.sig") {
		t.Errorf("a signature added to an unsigned bundle is accepted: %v", kinds(v))
	}
}

func TestWrongKey(t *testing.T) {
	pub, priv := newKey(t)
	other, _ := newKey(t)
	dir := writeBundle(t, priv)
	v := verify(t, dir, VerifyOptions{PublicKey: other, PublicKeyName: "other.pub"})
	if diff := cmp.Diff([]string{"signature:manifest.json.sig"}, kinds(v)); diff != "" {
		t.Fatalf("problems (-want +got):\n%s", diff)
	}
	if v.Signature != SignatureInvalid || v.SignedBy != KeyID(pub) || v.KeyGiven != KeyID(other) {
		t.Errorf("signature %s, signed by %s, key given %s", v.Signature, v.SignedBy, v.KeyGiven)
	}
	out := text(t, v)
	if !strings.Contains(out, "does not verify with other.pub (key "+KeyID(other)+")") || !strings.Contains(out, "signed with key "+KeyID(pub)) {
		t.Errorf("the text does not name both keys:\n%s", out)
	}
}

func TestVerifyPlan(t *testing.T) {
	dir := writeBundle(t, nil)
	v := verify(t, dir, VerifyOptions{PlanName: "other.json", PlanSHA256: Digest([]byte("{}"))})
	if diff := cmp.Diff([]string{"plan:other.json"}, kinds(v)); diff != "" {
		t.Fatalf("problems (-want +got):\n%s", diff)
	}
	if p := v.Problems[0]; p.Expected != Digest(testPlan) || p.Actual != Digest([]byte("{}")) {
		t.Errorf("plan problem %+v", p)
	}
	if out := text(t, v); strings.Contains(out, "matches the plan given") || !strings.Contains(out, "PLAN       other.json") {
		t.Errorf("text for another plan:\n%s", out)
	}
	// The plan is said to match even when something else differs.
	appendTo(t, filepath.Join(dir, "catalog.json"), " ")
	v = verify(t, dir, VerifyOptions{PlanName: "plan.json", PlanSHA256: Digest(testPlan)})
	if out := text(t, v); !strings.Contains(out, "plan       matches the plan given") || v.Intact() {
		t.Errorf("text for the right plan and a modified file:\n%s", out)
	}
}

func TestVerifyNotABundle(t *testing.T) {
	if _, err := Verify(filepath.Join(t.TempDir(), "nothing"), VerifyOptions{}); err == nil {
		t.Error("Verify of a missing directory: no error")
	}
	f := filepath.Join(t.TempDir(), "file")
	writeFile(t, f, "x")
	if _, err := Verify(f, VerifyOptions{}); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("Verify of a file: %v", err)
	}
}

// TestWriteAtomic: a bundle is written whole or not at all, never over
// something that is not a bundle, and replaces an earlier bundle.
func TestWriteAtomic(t *testing.T) {
	t.Run("bad file name leaves nothing", func(t *testing.T) {
		parent := t.TempDir()
		dir := filepath.Join(parent, "bundle")
		for _, name := range []string{"a/b.json", "..", ManifestName, SignatureName, ""} {
			files := append(append([]Content(nil), testFiles...), Content{name, []byte("x")})
			if err := Write(dir, testManifest(), files, nil); err == nil {
				t.Errorf("Write with a file named %q: no error", name)
			}
		}
		if err := Write(dir, testManifest(), append(append([]Content(nil), testFiles...), testFiles[0]), nil); err == nil {
			t.Error("Write with a file given twice: no error")
		}
		assertEntries(t, parent, nil)
	})
	t.Run("refuses a file where the bundle goes", func(t *testing.T) {
		parent := t.TempDir()
		dir := filepath.Join(parent, "bundle")
		writeFile(t, dir, "not a directory")
		if err := Write(dir, testManifest(), testFiles, nil); err == nil || !strings.Contains(err.Error(), "not a directory") {
			t.Fatalf("Write over a file: %v", err)
		}
		assertEntries(t, parent, []string{"bundle"})
		if got := string(read(t, dir)); got != "not a directory" {
			t.Errorf("the file in the way was changed: %q", got)
		}
	})
	t.Run("refuses a directory that is not a bundle", func(t *testing.T) {
		parent := t.TempDir()
		dir := filepath.Join(parent, "work")
		mkdir(t, dir)
		writeFile(t, filepath.Join(dir, "main.tf"), "keep me")
		err := Write(dir, testManifest(), testFiles, nil)
		if err == nil || !strings.Contains(err.Error(), "refusing to replace it") {
			t.Fatalf("Write over a work directory: %v", err)
		}
		assertEntries(t, dir, []string{"main.tf"})
		assertEntries(t, parent, []string{"work"})
	})
	t.Run("fills an empty directory", func(t *testing.T) {
		parent := t.TempDir()
		dir := filepath.Join(parent, "empty")
		mkdir(t, dir)
		if err := Write(dir, testManifest(), testFiles, nil); err != nil {
			t.Fatal(err)
		}
		if v := verify(t, dir, VerifyOptions{}); !v.Intact() {
			t.Errorf("problems: %v", kinds(v))
		}
		assertEntries(t, parent, []string{"empty"})
	})
	t.Run("replaces an earlier bundle", func(t *testing.T) {
		pub, priv := newKey(t)
		dir := writeBundle(t, nil)
		appendTo(t, filepath.Join(dir, "findings.json"), "stale")
		writeFile(t, filepath.Join(dir, "old-extra.txt"), "stale")
		if err := Write(dir, testManifest(), testFiles, priv); err != nil {
			t.Fatal(err)
		}
		if v := verify(t, dir, VerifyOptions{PublicKey: pub}); !v.Intact() {
			t.Errorf("replaced bundle: problems %v", kinds(v))
		}
		assertEntries(t, filepath.Dir(dir), []string{"bundle"})
	})
	t.Run("creates parent directories, files 0644", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "a", "b", "bundle")
		if err := Write(dir, testManifest(), testFiles, nil); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{dir, filepath.Join(dir, ManifestName), filepath.Join(dir, "findings.json")} {
			st, err := os.Stat(f)
			if err != nil {
				t.Fatal(err)
			}
			want := os.FileMode(0o644)
			if st.IsDir() {
				want = 0o755
			}
			if st.Mode().Perm() != want {
				t.Errorf("%s: mode %v, want %v", f, st.Mode().Perm(), want)
			}
		}
	})
}

func TestKeys(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "signer")
	pub, err := WriteKeyPair(prefix, false)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(prefix + ".key")
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("private key mode %v, want 0600", st.Mode().Perm())
	}
	priv, err := ReadPrivateKey(prefix + ".key")
	if err != nil {
		t.Fatal(err)
	}
	pub2, err := ReadPublicKey(prefix + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	if !pub.Equal(pub2) || !pub.Equal(priv.Public()) {
		t.Error("the key files do not hold the generated pair")
	}
	if !strings.HasPrefix(string(read(t, prefix+".key")), "-----BEGIN PRIVATE KEY-----\n") ||
		!strings.HasPrefix(string(read(t, prefix+".pub")), "-----BEGIN PUBLIC KEY-----\n") {
		t.Error("keys are not PEM PKCS #8 / PKIX")
	}
	if _, err := WriteKeyPair(prefix, false); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second WriteKeyPair without force: %v", err)
	}
	if _, err := WriteKeyPair(prefix, true); err != nil {
		t.Errorf("WriteKeyPair with force: %v", err)
	}
	if _, err := ReadPrivateKey(prefix + ".pub"); err == nil || !strings.Contains(err.Error(), "this is a public key") {
		t.Errorf("ReadPrivateKey of the public key: %v", err)
	}
	if _, err := ReadPublicKey(prefix + ".key"); err == nil || !strings.Contains(err.Error(), "this is a private key") {
		t.Errorf("ReadPublicKey of the private key: %v", err)
	}
	junk := filepath.Join(t.TempDir(), "junk")
	writeFile(t, junk, "hello")
	if _, err := ReadPrivateKey(junk); err == nil || !strings.Contains(err.Error(), "not a PEM key") {
		t.Errorf("ReadPrivateKey of junk: %v", err)
	}
	if _, err := ReadPublicKey(filepath.Join(t.TempDir(), "none.pub")); err == nil || !strings.Contains(err.Error(), "none.pub") {
		t.Errorf("ReadPublicKey of a missing file: %v", err)
	}
	if id := KeyID(pub); !strings.HasPrefix(id, "SHA256:") || len(id) != 7+64 {
		t.Errorf("KeyID %q", id)
	}
}

func assertEntries(t *testing.T, dir string, want []string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s holds (-want +got):\n%s", dir, diff)
	}
}

func editManifest(t *testing.T, dir string, edit func(m map[string]any)) {
	t.Helper()
	path := filepath.Join(dir, ManifestName)
	var m map[string]any
	if err := json.Unmarshal(read(t, path), &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, string(data)+"\n")
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func appendTo(t *testing.T, path, data string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(data); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}

func mkdir(t *testing.T, path string) {
	t.Helper()
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
}
