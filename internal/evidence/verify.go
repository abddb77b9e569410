package evidence

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
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
	// Text is Detail not yet rendered, for the user's language.
	Text i18n.Msg `json:"-"`
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

// problem adds a problem; its Detail is its Text in English.
func (v *Verification) problem(p Problem) {
	p.Detail = p.Text.String()
	v.Problems = append(v.Problems, p)
}

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
		return nil, i18n.Errorf("evidence.cannot_read_bundle", dir, unwrap(err))
	}
	if !st.IsDir() {
		return nil, i18n.Errorf("evidence.not_directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, i18n.Errorf("evidence.at", dir, unwrap(err))
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
		detail := i18n.M("evidence.no_manifest")
		if !errors.Is(err, os.ErrNotExist) {
			detail = i18n.M("evidence.cannot_read_manifest", err)
		}
		v.problem(Problem{Kind: ProblemMissing, Name: ManifestName, Text: detail})
		return v, nil
	}
	m, err := parseManifest(manifest)
	if err != nil {
		v.problem(Problem{Kind: ProblemManifest, Name: ManifestName, Text: i18n.M("evidence.detail", err)})
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
			v.problem(Problem{Kind: ProblemManifest, Name: ManifestName, Text: i18n.M("evidence.bad_entry", f.Name, f.SHA256)})
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
		v.problem(Problem{Kind: ProblemMissing, Name: f.Name, Text: i18n.M("evidence.file_missing"), Expected: f.SHA256})
		return
	}
	if !entry.Type().IsRegular() {
		v.problem(Problem{Kind: ProblemModified, Name: f.Name, Text: i18n.M("evidence.not_regular", entry.Type().String()), Expected: f.SHA256})
		return
	}
	digest, size, err := hashFile(filepath.Join(dir, f.Name))
	if err != nil {
		v.problem(Problem{Kind: ProblemModified, Name: f.Name, Text: i18n.M("evidence.cannot_read_file", err), Expected: f.SHA256})
		return
	}
	if digest != f.SHA256 {
		v.problem(Problem{Kind: ProblemModified, Name: f.Name, Expected: f.SHA256, Actual: digest,
			Text: i18n.M("evidence.digest_differs", f.Size, size)})
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
		what := i18n.M("evidence.extra_file")
		if present[name].IsDir() {
			what = i18n.M("evidence.extra_directory")
		}
		v.problem(Problem{Kind: ProblemExtra, Name: name, Text: what})
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
			Text: i18n.M("evidence.other_plan", m.Plan.Name)})
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
		detail := i18n.M("evidence.signature_missing")
		if !errors.Is(err, os.ErrNotExist) {
			detail = i18n.M("evidence.cannot_read_signature", err)
		}
		v.problem(Problem{Kind: ProblemSignature, Name: SignatureName, Text: detail})
		return
	case !sigPresent && opts.PublicKey != nil:
		v.Signature = SignatureNone
		v.problem(Problem{Kind: ProblemSignature, Name: SignatureName, Text: i18n.M("evidence.not_signed_pubkey")})
		return
	case !sigPresent:
		v.Signature = SignatureNone
		return
	case m != nil && !signed:
		v.Signature = SignatureInvalid
		v.problem(Problem{Kind: ProblemSignature, Name: SignatureName, Text: i18n.M("evidence.signature_unannounced")})
		return
	case signed && m.Signature.Algorithm != SignatureAlgorithm:
		v.Signature = SignatureInvalid
		v.problem(Problem{Kind: ProblemSignature, Name: SignatureName, Text: i18n.M("evidence.algorithm", m.Signature.Algorithm, SignatureAlgorithm)})
		return
	case opts.PublicKey == nil:
		v.Signature = SignatureNotChecked
		return
	}
	sig, err := decodeSignature(sigData)
	if err != nil {
		v.Signature = SignatureInvalid
		v.problem(Problem{Kind: ProblemSignature, Name: SignatureName, Text: i18n.M("evidence.not_signature", err)})
		return
	}
	if ed25519.Verify(opts.PublicKey, manifest, sig) {
		v.Signature = SignatureValid
		return
	}
	v.Signature = SignatureInvalid
	detail := i18n.M("evidence.signature_mismatch")
	if signed && m.Signature.PublicKey != v.KeyGiven {
		var key i18n.Localizer = i18n.M("evidence.the_key_given")
		if opts.PublicKeyName != "" {
			key = i18n.Text(opts.PublicKeyName)
		}
		detail = i18n.M("evidence.wrong_key", key, v.KeyGiven, m.Signature.PublicKey)
	}
	v.problem(Problem{Kind: ProblemSignature, Name: SignatureName, Text: detail})
}

// readRegular reads a bundle file that must be a regular file.
func readRegular(path string, entry os.DirEntry) ([]byte, error) {
	if entry == nil {
		return nil, os.ErrNotExist
	}
	if !entry.Type().IsRegular() {
		return nil, i18n.Errorf("evidence.not_regular", entry.Type().String())
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
		return nil, i18n.Errorf("evidence.invalid_manifest", err)
	}
	if dec.More() {
		return nil, i18n.Errorf("evidence.manifest_trailing")
	}
	if m.Kind != Kind {
		return nil, i18n.Errorf("evidence.manifest_kind", m.Kind, Kind)
	}
	if m.FormatVersion != FormatVersion {
		return nil, i18n.Errorf("evidence.manifest_format", m.FormatVersion, FormatVersion)
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

// WriteText writes the verification for people, in English: one line
// per file, the signature, and the verdict.
func (v *Verification) WriteText(w io.Writer) error { return v.WriteTextIn(w, i18n.English) }

// WriteTextIn is WriteText in a language.
func (v *Verification) WriteTextIn(w io.Writer, l i18n.Lang) error {
	var b strings.Builder
	line := func(key string, args ...any) {
		b.WriteString(i18n.T(l, key, args...))
		b.WriteByte('\n')
	}
	line("verify.bundle", v.Dir)
	if m := v.Manifest; m != nil {
		line("verify.made", m.Created, m.Tool.Name, m.Tool.Version, strings.Join(m.Command, " "))
		line("verify.plan", m.Plan.Name, m.Plan.SHA256, m.Plan.Size)
	}
	problems := map[string][]Problem{}
	for _, p := range v.Problems {
		problems[p.Name] = append(problems[p.Name], p)
	}
	for _, name := range v.OK {
		line("verify.ok", name)
	}
	for _, p := range v.Problems {
		detail := p.Text.In(l)
		switch p.Kind {
		case ProblemModified:
			line("verify.modified", p.Name, detail)
			if p.Actual != "" {
				line("verify.digests", p.Expected, p.Actual)
			}
		case ProblemMissing:
			line("verify.missing", p.Name, detail)
		case ProblemExtra:
			line("verify.extra", p.Name, detail)
		case ProblemManifest:
			line("verify.manifest", p.Name, detail)
		case ProblemPlan:
			line("verify.plan_differs", p.Name, detail)
			line("verify.digests", p.Expected, p.Actual)
		}
	}
	switch v.Signature {
	case SignatureValid:
		line("verify.signature_valid", v.KeyGiven)
	case SignatureNone:
		if len(problems[SignatureName]) == 0 {
			line("verify.signature_none")
		}
	case SignatureNotChecked:
		if v.SignedBy != "" {
			line("verify.signature_not_checked", v.SignedBy)
		}
	}
	for _, p := range problems[SignatureName] {
		if p.Kind == ProblemSignature {
			line("verify.signature_problem", p.Name, p.Text.In(l))
		}
	}
	if v.PlanChecked && !v.has(ProblemPlan) {
		line("verify.plan_matches")
	}
	if v.Intact() {
		line("verify.intact", len(v.OK))
	} else {
		line("verify.tampered", len(v.Problems))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
