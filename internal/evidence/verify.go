package evidence

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// VerifyOptions say what to check beyond the digests.
type VerifyOptions struct {
	// PublicKey checks the signature; nil leaves it unchecked.
	PublicKey ed25519.PublicKey
	// PublicKeyName names the key in messages (its file).
	PublicKeyName string
	// PlanName and PlanSHA256, when set, check that the bundle was made
	// from that plan.
	PlanName, PlanSHA256 string
}

// Problem kinds.
const (
	ProblemMissing   = "missing"
	ProblemModified  = "modified"
	ProblemExtra     = "extra"
	ProblemManifest  = "manifest"
	ProblemSignature = "signature"
	ProblemPlan      = "plan"
)

// Problem is one way a bundle differs from its manifest.
type Problem struct {
	Kind string `json:"kind"`
	// Name is the file concerned.
	Name   string `json:"name"`
	Detail string `json:"detail"`
	// Expected and Actual are digests, for modified files and plans.
	Expected string `json:"expected,omitempty"`
	Actual   string `json:"actual,omitempty"`
}

// Signature states.
const (
	SignatureValid      = "valid"
	SignatureInvalid    = "invalid"
	SignatureMissing    = "missing"
	SignatureNone       = "none"
	SignatureNotChecked = "not-checked"
)

// Verification is what Verify found.
type Verification struct {
	Dir string `json:"dir"`
	// Manifest is nil when the manifest is missing or unreadable.
	Manifest *Manifest `json:"-"`
	// OK lists the files whose digest matches.
	OK        []string  `json:"ok"`
	Problems  []Problem `json:"problems"`
	Signature string    `json:"signature"`
	// SignedBy is the key the manifest names; KeyGiven the one checked.
	SignedBy string `json:"signed_by,omitempty"`
	KeyGiven string `json:"key_given,omitempty"`
	// PlanChecked is true when the plan digest was compared.
	PlanChecked bool `json:"plan_checked"`
}

// Intact reports whether nothing differs.
func (v *Verification) Intact() bool { return len(v.Problems) == 0 }

func (v *Verification) problem(p Problem) { v.Problems = append(v.Problems, p) }

// has reports whether a problem of a kind was found.
func (v *Verification) has(kind string) bool {
	for _, p := range v.Problems {
		if p.Kind == kind {
			return true
		}
	}
	return false
}

var hexDigest = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Verify re-checks a bundle: every file the manifest lists is there with
// its digest, nothing else is, and the signature holds. Problems are in the
// result; the error is for a dir that cannot be read at all.
func Verify(dir string, opts VerifyOptions) (*Verification, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the evidence bundle: %w", dir, unwrap(err))
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory: give the evidence bundle's directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, unwrap(err))
	}
	present := map[string]os.DirEntry{}
	for _, e := range entries {
		present[e.Name()] = e
	}
	v := &Verification{Dir: dir, OK: []string{}, Problems: []Problem{}}
	if opts.PublicKey != nil {
		v.KeyGiven = KeyID(opts.PublicKey)
	}

	manifest, err := readRegular(filepath.Join(dir, ManifestName), present[ManifestName])
	if err != nil {
		v.Signature = SignatureNotChecked
		detail := "no manifest: nothing in the bundle can be checked"
		if !errors.Is(err, os.ErrNotExist) {
			detail = "cannot read the manifest: " + err.Error()
		}
		v.problem(Problem{Kind: ProblemMissing, Name: ManifestName, Detail: detail})
		return v, nil
	}
	m, err := parseManifest(manifest)
	if err != nil {
		v.problem(Problem{Kind: ProblemManifest, Name: ManifestName, Detail: err.Error()})
		// A signature may still say whether the manifest was altered.
		v.checkSignature(dir, present, manifest, nil, opts)
		return v, nil
	}
	v.Manifest = m
	listed := v.checkFiles(dir, present, m)
	v.extraFiles(present, listed)
	v.checkSignature(dir, present, manifest, m, opts)
	v.checkPlan(m, opts)
	return v, nil
}

// checkFiles checks every file the manifest lists: an entry the manifest
// cannot have (a bad name or digest, a name listed twice) is a manifest
// problem, a listed file not in the bundle is missing, one that is not a
// regular file or whose digest differs is modified. It returns the names
// the manifest lists, the manifest and its signature included.
func (v *Verification) checkFiles(dir string, present map[string]os.DirEntry, m *Manifest) map[string]bool {
	listed := map[string]bool{ManifestName: true, SignatureName: true}
	for _, f := range m.Files {
		if err := checkName(f.Name); err != nil || !hexDigest.MatchString(f.SHA256) || listed[f.Name] {
			detail := fmt.Sprintf("the manifest lists an entry it cannot have (name %q, sha256 %q)", f.Name, f.SHA256)
			v.problem(Problem{Kind: ProblemManifest, Name: ManifestName, Detail: detail})
			listed[f.Name] = true
			continue
		}
		listed[f.Name] = true
		v.checkFile(dir, present[f.Name], f)
	}
	return listed
}

// checkFile checks one file the manifest lists, entry its directory entry
// (nil when it is not in the bundle): it is OK when it is a regular file
// with the listed digest.
func (v *Verification) checkFile(dir string, entry os.DirEntry, f File) {
	if entry == nil {
		v.problem(Problem{Kind: ProblemMissing, Name: f.Name, Detail: "listed in the manifest, not in the bundle", Expected: f.SHA256})
		return
	}
	if !entry.Type().IsRegular() {
		v.problem(Problem{Kind: ProblemModified, Name: f.Name, Detail: "not a regular file (" + entry.Type().String() + ")", Expected: f.SHA256})
		return
	}
	digest, size, err := hashFile(filepath.Join(dir, f.Name))
	if err != nil {
		v.problem(Problem{Kind: ProblemModified, Name: f.Name, Detail: "cannot read it: " + err.Error(), Expected: f.SHA256})
		return
	}
	if digest != f.SHA256 {
		v.problem(Problem{Kind: ProblemModified, Name: f.Name, Expected: f.SHA256, Actual: digest,
			Detail: fmt.Sprintf("digest differs (%d bytes in the manifest, %d now)", f.Size, size)})
		return
	}
	v.OK = append(v.OK, f.Name)
}

// extraFiles reports, in name order, what the bundle holds that the
// manifest does not list.
func (v *Verification) extraFiles(present map[string]os.DirEntry, listed map[string]bool) {
	var extra []string
	for name := range present {
		if !listed[name] {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	for _, name := range extra {
		what := "file"
		if present[name].IsDir() {
			what = "directory"
		}
		v.problem(Problem{Kind: ProblemExtra, Name: name, Detail: "a " + what + " in the bundle that the manifest does not list"})
	}
}

// checkPlan compares, when asked to, the digest of the plan given with
// the one the manifest records.
func (v *Verification) checkPlan(m *Manifest, opts VerifyOptions) {
	if opts.PlanSHA256 == "" {
		return
	}
	v.PlanChecked = true
	if opts.PlanSHA256 != m.Plan.SHA256 {
		v.problem(Problem{Kind: ProblemPlan, Name: opts.PlanName, Expected: m.Plan.SHA256, Actual: opts.PlanSHA256,
			Detail: fmt.Sprintf("the bundle was made from another plan (%s)", m.Plan.Name)})
	}
}

// checkSignature checks manifest.json.sig against the manifest bytes; m is
// nil when the manifest could not be parsed.
func (v *Verification) checkSignature(dir string, present map[string]os.DirEntry, manifest []byte, m *Manifest, opts VerifyOptions) {
	signed := m != nil && m.Signature != nil
	if signed {
		v.SignedBy = m.Signature.PublicKey
	}
	sigData, err := readRegular(filepath.Join(dir, SignatureName), present[SignatureName])
	sigPresent := err == nil
	switch {
	case !sigPresent && signed:
		v.Signature = SignatureMissing
		detail := "the manifest says the bundle is signed, but the signature is missing"
		if !errors.Is(err, os.ErrNotExist) {
			detail = "cannot read the signature: " + err.Error()
		}
		v.problem(Problem{Kind: ProblemSignature, Name: SignatureName, Detail: detail})
		return
	case !sigPresent && opts.PublicKey != nil:
		v.Signature = SignatureNone
		v.problem(Problem{Kind: ProblemSignature, Name: SignatureName, Detail: "the bundle is not signed, and --pubkey asks for a signature"})
		return
	case !sigPresent:
		v.Signature = SignatureNone
		return
	case m != nil && !signed:
		v.Signature = SignatureInvalid
		v.problem(Problem{Kind: ProblemSignature, Name: SignatureName, Detail: "a signature is present, but the manifest does not say the bundle is signed: the manifest was altered"})
		return
	case signed && m.Signature.Algorithm != SignatureAlgorithm:
		v.Signature = SignatureInvalid
		v.problem(Problem{Kind: ProblemSignature, Name: SignatureName, Detail: fmt.Sprintf("algorithm %q: trustcloud signs with %s only", m.Signature.Algorithm, SignatureAlgorithm)})
		return
	case opts.PublicKey == nil:
		v.Signature = SignatureNotChecked
		return
	}
	sig, err := decodeSignature(sigData)
	if err != nil {
		v.Signature = SignatureInvalid
		v.problem(Problem{Kind: ProblemSignature, Name: SignatureName, Detail: "not an ed25519 signature: " + err.Error()})
		return
	}
	if ed25519.Verify(opts.PublicKey, manifest, sig) {
		v.Signature = SignatureValid
		return
	}
	v.Signature = SignatureInvalid
	detail := "the signature does not match the manifest: the manifest or the signature was altered"
	if signed && m.Signature.PublicKey != v.KeyGiven {
		detail = fmt.Sprintf("the signature does not verify with %s (key %s); the manifest says it was signed with key %s: wrong key, or an altered manifest",
			orDefault(opts.PublicKeyName, "the key given"), v.KeyGiven, m.Signature.PublicKey)
	}
	v.problem(Problem{Kind: ProblemSignature, Name: SignatureName, Detail: detail})
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// readRegular reads a bundle file that must be a regular file.
func readRegular(path string, entry os.DirEntry) ([]byte, error) {
	if entry == nil {
		return nil, os.ErrNotExist
	}
	if !entry.Type().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", entry.Type())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, unwrap(err)
	}
	return data, nil
}

// parseManifest decodes a manifest strictly: unknown fields mean it is
// not one this version wrote.
func parseManifest(data []byte) (*Manifest, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m Manifest
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("not a valid manifest: %w", err)
	}
	if dec.More() {
		return nil, errors.New("not a valid manifest: data after the JSON object")
	}
	if m.Kind != Kind {
		return nil, fmt.Errorf("not a trustcloud evidence manifest (kind %q, want %q)", m.Kind, Kind)
	}
	if m.FormatVersion != FormatVersion {
		return nil, fmt.Errorf("manifest format %q: this trustcloud reads format %q", m.FormatVersion, FormatVersion)
	}
	return &m, nil
}

// hashFile returns the SHA-256 and size of a file.
func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, unwrap(err)
	}
	defer func() { _ = f.Close() }()
	return HashReader(f)
}

// WriteText writes the verification for people: one line per file, the
// signature, and the verdict.
func (v *Verification) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "evidence bundle %s\n", v.Dir)
	if m := v.Manifest; m != nil {
		fmt.Fprintf(&b, "  made       %s by %s %s: %s\n", m.Created, m.Tool.Name, m.Tool.Version, strings.Join(m.Command, " "))
		fmt.Fprintf(&b, "  plan       %s (sha256 %s, %d bytes)\n", m.Plan.Name, m.Plan.SHA256, m.Plan.Size)
	}
	problems := map[string][]Problem{}
	for _, p := range v.Problems {
		problems[p.Name] = append(problems[p.Name], p)
	}
	for _, name := range v.OK {
		fmt.Fprintf(&b, "  ok         %s\n", name)
	}
	for _, p := range v.Problems {
		switch p.Kind {
		case ProblemModified:
			fmt.Fprintf(&b, "  MODIFIED   %s: %s\n", p.Name, p.Detail)
			if p.Actual != "" {
				fmt.Fprintf(&b, "             expected sha256 %s\n             actual   sha256 %s\n", p.Expected, p.Actual)
			}
		case ProblemMissing:
			fmt.Fprintf(&b, "  MISSING    %s: %s\n", p.Name, p.Detail)
		case ProblemExtra:
			fmt.Fprintf(&b, "  EXTRA      %s: %s\n", p.Name, p.Detail)
		case ProblemManifest:
			fmt.Fprintf(&b, "  MANIFEST   %s: %s\n", p.Name, p.Detail)
		case ProblemPlan:
			fmt.Fprintf(&b, "  PLAN       %s: %s\n             expected sha256 %s\n             actual   sha256 %s\n", p.Name, p.Detail, p.Expected, p.Actual)
		}
	}
	switch v.Signature {
	case SignatureValid:
		fmt.Fprintf(&b, "  signature  valid: ed25519, key %s\n", v.KeyGiven)
	case SignatureNone:
		if len(problems[SignatureName]) == 0 {
			b.WriteString("  signature  none: the bundle is not signed (digests alone do not show who made it)\n")
		}
	case SignatureNotChecked:
		if v.SignedBy != "" {
			fmt.Fprintf(&b, "  signature  not checked: give --pubkey FILE (signed with key %s)\n", v.SignedBy)
		}
	}
	for _, p := range problems[SignatureName] {
		if p.Kind == ProblemSignature {
			fmt.Fprintf(&b, "  SIGNATURE  %s: %s\n", p.Name, p.Detail)
		}
	}
	if v.PlanChecked && !v.has(ProblemPlan) {
		b.WriteString("  plan       matches the plan given\n")
	}
	if v.Intact() {
		fmt.Fprintf(&b, "intact: %d file(s) match the manifest\n", len(v.OK))
	} else {
		fmt.Fprintf(&b, "TAMPERED: %d problem(s)\n", len(v.Problems))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
