// Package evidence writes and verifies evidence bundles: a directory that
// records what a `trustcloud check` read, with which catalog and policy, and
// what it concluded (inventory, findings, OSCAL assessment results), sealed
// by a manifest of SHA-256 digests and, optionally, a detached ed25519
// signature of the manifest.
//
// A bundle is written whole or not at all: into a temporary directory next
// to its destination, renamed into place at the end.
package evidence

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// Bundle file names.
const (
	ManifestName  = "manifest.json"
	SignatureName = "manifest.json.sig"
)

// FormatVersion is the version of the manifest format.
const FormatVersion = "1"

// Kind says what a manifest describes.
const Kind = "trustcloud-evidence-bundle"

// SignatureAlgorithm is the one algorithm bundles are signed with.
const SignatureAlgorithm = "ed25519"

// Manifest describes a bundle: what made it, from which input, and the
// digest of every file in it.
type Manifest struct {
	FormatVersion string `json:"format_version"`
	Kind          string `json:"kind"`
	Tool          Tool   `json:"tool"`
	// Created is when the bundle was made, RFC 3339 in UTC.
	Created string `json:"created"`
	// Command is the command line that made it.
	Command []string `json:"command"`
	// Plan is the input plan, as read (the JSON, or the binary plan file).
	Plan Input `json:"plan"`
	// Catalog, Policy and Result summarise the contents for a reader who
	// opens only the manifest.
	Catalog CatalogInfo `json:"catalog"`
	Policy  PolicyInfo  `json:"policy"`
	Result  ResultInfo  `json:"result"`
	// Files are the bundle's files but the manifest and its signature,
	// sorted by name.
	Files []File `json:"files"`
	// Signature says how the manifest is signed; nil when it is not.
	Signature *SignatureInfo `json:"signature,omitempty"`
}

// Tool names the program that made the bundle.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Input is the plan a check read.
type Input struct {
	// Name is the plan's path as given, or "<stdin>".
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// CatalogInfo identifies the catalog used.
type CatalogInfo struct {
	Version string `json:"version,omitempty"`
	AsOf    string `json:"as_of,omitempty"`
	// Files are the documents merged: the embedded catalog, then the
	// --catalog file if any.
	Files []string `json:"files"`
}

// PolicyInfo identifies the policy used.
type PolicyInfo struct {
	Profile string `json:"profile"`
	File    string `json:"file,omitempty"`
}

// ResultInfo is the outcome of the check.
type ResultInfo struct {
	Resources int    `json:"resources"`
	Analysed  int    `json:"analysed"`
	Findings  int    `json:"findings"`
	Waived    int    `json:"waived"`
	FailOn    string `json:"fail_on"`
	Failed    bool   `json:"failed"`
	ExitCode  int    `json:"exit_code"`
}

// File is one file of a bundle and its digest.
type File struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// SignatureInfo says how the manifest is signed.
type SignatureInfo struct {
	Algorithm string `json:"algorithm"`
	// File holds the detached signature of manifest.json's bytes, in
	// base64.
	File string `json:"file"`
	// PublicKey is the KeyID of the key that verifies it.
	PublicKey string `json:"public_key"`
}

// Content is a file to put in a bundle.
type Content struct {
	Name string
	Data []byte
}

// Digest returns the hex SHA-256 of data.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// checkName refuses names that are not plain file names, or that are the
// manifest's own.
func checkName(name string) error {
	switch {
	case name == "" || name == "." || name == "..":
		return i18n.Errorf("evidence.name_not_file", name)
	case strings.ContainsAny(name, `/\`) || filepath.Base(name) != name:
		return i18n.Errorf("evidence.name_directory", name)
	case name == ManifestName || name == SignatureName:
		return i18n.Errorf("evidence.name_reserved", name)
	}
	return nil
}

// Write makes the bundle dir: the files, the manifest (m, with Files and
// Signature filled in here) and, when key is set, its signature. dir may
// not exist yet, be empty, or hold an earlier bundle, which is replaced;
// anything else is refused. On error nothing is left behind and an earlier
// bundle is kept.
func Write(dir string, m *Manifest, files []Content, key ed25519.PrivateKey) error {
	seen := map[string]bool{}
	m.Files = []File{}
	for _, f := range files {
		if err := checkName(f.Name); err != nil {
			return err
		}
		if seen[f.Name] {
			return i18n.Errorf("evidence.name_twice", f.Name)
		}
		seen[f.Name] = true
		m.Files = append(m.Files, File{Name: f.Name, SHA256: Digest(f.Data), Size: int64(len(f.Data))})
	}
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Name < m.Files[j].Name })
	m.FormatVersion, m.Kind = FormatVersion, Kind
	m.Signature = nil
	if key != nil {
		m.Signature = &SignatureInfo{Algorithm: SignatureAlgorithm, File: SignatureName, PublicKey: KeyID(key.Public().(ed25519.PublicKey))}
	}
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	manifest = append(manifest, '\n')
	all := append([]Content(nil), files...)
	all = append(all, Content{ManifestName, manifest})
	if key != nil {
		all = append(all, Content{SignatureName, encodeSignature(ed25519.Sign(key, manifest))})
	}
	return writeDir(dir, all)
}

// writeDir writes files into a new directory and renames it to dir.
func writeDir(dir string, files []Content) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return i18n.Errorf("evidence.at", dir, err)
	}
	if wd, err := os.Getwd(); err == nil && wd == abs {
		return i18n.Errorf("evidence.dir_current", dir)
	}
	replace, err := checkDestination(dir)
	if err != nil {
		return err
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return i18n.Errorf("evidence.cannot_create_parent", dir, unwrap(err))
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return i18n.Errorf("evidence.cannot_write_in", dir, parent, unwrap(err))
	}
	done := false
	defer func() {
		if !done {
			_ = os.RemoveAll(tmp)
		}
	}()
	for _, f := range files {
		if err := writeNew(filepath.Join(tmp, f.Name), f.Data, 0o644); err != nil {
			return i18n.Errorf("evidence.cannot_write_file", dir, f.Name, unwrap(err))
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return i18n.Errorf("evidence.at", dir, unwrap(err))
	}
	if err := syncDir(tmp); err != nil {
		return i18n.Errorf("evidence.at", dir, unwrap(err))
	}
	switch replace {
	case replaceEmpty:
		if err := os.Remove(abs); err != nil {
			return i18n.Errorf("evidence.cannot_replace_empty", dir, unwrap(err))
		}
	case replaceBundle:
		// Move the earlier bundle aside, put the new one in place, then
		// delete the earlier one; if the new one cannot go in place, the
		// earlier one comes back.
		old, err := os.MkdirTemp(parent, "."+base+".old-")
		if err != nil {
			return i18n.Errorf("evidence.cannot_replace", dir, unwrap(err))
		}
		if err := os.Remove(old); err != nil {
			return i18n.Errorf("evidence.at", dir, unwrap(err))
		}
		if err := os.Rename(abs, old); err != nil {
			return i18n.Errorf("evidence.cannot_replace", dir, unwrap(err))
		}
		if err := os.Rename(tmp, abs); err != nil {
			_ = os.Rename(old, abs)
			return i18n.Errorf("evidence.cannot_write", dir, unwrap(err))
		}
		done = true
		_ = os.RemoveAll(old)
		return syncDir(parent)
	}
	if err := os.Rename(tmp, abs); err != nil {
		return i18n.Errorf("evidence.cannot_write", dir, unwrap(err))
	}
	done = true
	return syncDir(parent)
}

// What to do with an existing destination.
const (
	replaceNothing = iota
	replaceEmpty
	replaceBundle
)

// checkDestination says whether dir may receive a bundle, and what it
// replaces.
func checkDestination(dir string) (int, error) {
	st, err := os.Lstat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return replaceNothing, nil
	}
	if err != nil {
		return 0, i18n.Errorf("evidence.at", dir, unwrap(err))
	}
	if !st.IsDir() {
		return 0, i18n.Errorf("evidence.exists_not_dir", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, i18n.Errorf("evidence.at", dir, unwrap(err))
	}
	if len(entries) == 0 {
		return replaceEmpty, nil
	}
	if _, err := os.Lstat(filepath.Join(dir, ManifestName)); err == nil {
		return replaceBundle, nil
	}
	return 0, i18n.Errorf("evidence.not_empty", dir, ManifestName)
}

// writeNew creates a file that must not exist, writes and syncs it.
func writeNew(path string, data []byte, mode os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a directory's entries durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	// Some file systems refuse to sync a directory; the data is written
	// either way.
	_ = d.Sync()
	return d.Close()
}

// writeFileAtomic writes a file next to its destination and renames it
// into place.
func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return i18n.Errorf("evidence.cannot_write_path", path, unwrap(err))
	}
	defer func() { _ = os.Remove(tmp.Name()) }()
	if err := tmp.Chmod(mode); err != nil {
		_ = tmp.Close()
		return i18n.Errorf("evidence.cannot_write_path", path, unwrap(err))
	}
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return i18n.Errorf("evidence.cannot_write_path", path, unwrap(err))
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return i18n.Errorf("evidence.cannot_write_path", path, unwrap(err))
	}
	if err := tmp.Close(); err != nil {
		return i18n.Errorf("evidence.cannot_write_path", path, unwrap(err))
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return i18n.Errorf("evidence.cannot_write_path", path, unwrap(err))
	}
	return nil
}

// unwrap drops the *os.PathError wrapper, whose path the messages already
// name.
func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// HashReader returns the SHA-256 and size of what r yields.
func HashReader(r io.Reader) (string, int64, error) {
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return "", n, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}
