package cli

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"hash"
	"io"
	"os"
	"time"

	"github.com/trustcloud/trustcloud/internal/i18n"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/configinput"
	"github.com/trustcloud/trustcloud/internal/evidence"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/report"
)

// Evidence bundles: `check --evidence DIR [--sign KEY]` writes one,
// `verify DIR` checks one, `keygen` makes the signing key pair.

// Bundle file names other than the manifest's.
const (
	bundleInventory = "inventory.json"
	bundleFindings  = "findings.json"
	bundleOSCAL     = "assessment-results.oscal.json"
	bundlePolicy    = "policy.json"
	bundlePolicySrc = "policy.hcl"
	bundleCatalog   = "catalog.json"
)

// evidenceFlags are check's --evidence and --sign, and what they need
// from the start of the run.
type evidenceFlags struct {
	dir, sign string
	key       ed25519.PrivateKey
	// started is when the check began: the OSCAL result's start.
	started time.Time
	// stdin hashes the plan when it comes from standard input.
	stdin *hashingReader
}

func registerEvidence(fs *flag.FlagSet) *evidenceFlags {
	ev := &evidenceFlags{started: time.Now()}
	fs.StringVar(&ev.dir, "evidence", "", "flag.check.evidence")
	fs.StringVar(&ev.sign, "sign", "", "flag.check.sign")
	return ev
}

// prepare checks the flags and reads the key before anything is analysed,
// and hashes standard input as it is read when the plan comes from it.
func (ev *evidenceFlags) prepare(e *env, positional []string) error {
	if ev.sign != "" && ev.dir == "" {
		return usage("cli.sign_needs_evidence")
	}
	if ev.dir == "" {
		return nil
	}
	if len(positional) == 1 && positional[0] != "-" && configinput.IsDir(positional[0]) {
		return usage("cli.evidence_dir", positional[0])
	}
	if ev.sign != "" {
		key, err := evidence.ReadPrivateKey(ev.sign)
		if err != nil {
			return err
		}
		ev.key = key
	}
	if len(positional) == 1 && positional[0] == "-" {
		in := e.stdin
		if in == nil {
			in = os.Stdin
		}
		ev.stdin = &hashingReader{r: in, h: sha256.New()}
		e.stdin = ev.stdin
	}
	return nil
}

// write makes the bundle of a finished check, judged by cat and pol; args
// are check's arguments.
func (ev *evidenceFlags) write(res *check.Result, cat *catalog.Catalog, pol *policy.Policy, args []string) error {
	if ev.dir == "" {
		return nil
	}
	rep := res.Report
	in, err := ev.planInput(rep.Plan.File)
	if err != nil {
		return err
	}
	render := func(name string, write func(w io.Writer) error) (evidence.Content, error) {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return evidence.Content{}, i18n.Errorf("cli.err.bundle_writing", name, err)
		}
		return evidence.Content{Name: name, Data: buf.Bytes()}, nil
	}
	parts := []struct {
		name  string
		write func(w io.Writer) error
	}{
		{bundleInventory, func(w io.Writer) error { return report.WriteJSON(w, res.Inventory) }},
		{bundleFindings, func(w io.Writer) error { return report.Formats["json"].Write(w, rep) }},
		{bundleOSCAL, func(w io.Writer) error { return report.Formats["oscal"].Write(w, rep) }},
		{bundlePolicy, func(w io.Writer) error { return report.WriteJSON(w, pol.Effective()) }},
		{bundleCatalog, func(w io.Writer) error { return report.WriteJSON(w, cat.Document()) }},
	}
	var files []evidence.Content
	for _, p := range parts {
		c, err := render(p.name, p.write)
		if err != nil {
			return err
		}
		files = append(files, c)
	}
	if pol.File != "" {
		src, err := os.ReadFile(pol.File)
		if err != nil {
			return i18n.Errorf("cli.err.bundle_policy", pol.File, err)
		}
		files = append(files, evidence.Content{Name: bundlePolicySrc, Data: src})
	}
	m := &evidence.Manifest{
		Tool:    evidence.Tool{Name: rep.Tool.Name, Version: rep.Tool.Version},
		Created: rep.Options.Finished.UTC().Format(time.RFC3339),
		Command: append([]string{"trustcloud", "check"}, args...),
		Plan:    in,
		Catalog: evidence.CatalogInfo{Version: cat.Version, AsOf: cat.AsOf, Files: append([]string{}, cat.Files...)},
		Policy:  evidence.PolicyInfo{Profile: pol.Profile, File: pol.File},
		Result: evidence.ResultInfo{Resources: rep.Summary.Resources, Analysed: rep.Summary.Analysed, Findings: rep.Summary.Findings,
			Waived: rep.Summary.Waived, FailOn: rep.Summary.FailOn, Failed: rep.Summary.Failed, ExitCode: res.ExitCode()},
	}
	if err := evidence.Write(ev.dir, m, files, ev.key); err != nil {
		return i18n.Errorf("cli.err.bundle", err)
	}
	return nil
}

// planInput is the digest of the plan read: the file as given (a binary
// plan is hashed as is), or standard input as it was read, to its end.
func (ev *evidenceFlags) planInput(name string) (evidence.Input, error) {
	if ev.stdin != nil {
		// The decoder stops at the end of the JSON value: what follows
		// is part of the input too.
		if _, err := io.Copy(io.Discard, ev.stdin); err != nil {
			return evidence.Input{}, i18n.Errorf("cli.err.bundle_stdin", err)
		}
		return evidence.Input{Name: name, SHA256: hex.EncodeToString(ev.stdin.h.Sum(nil)), Size: ev.stdin.n}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return evidence.Input{}, i18n.Errorf("cli.err.bundle_plan", name, err)
	}
	defer func() { _ = f.Close() }()
	sum, size, err := evidence.HashReader(f)
	if err != nil {
		return evidence.Input{}, i18n.Errorf("cli.err.bundle_at", name, err)
	}
	return evidence.Input{Name: name, SHA256: sum, Size: size}, nil
}

// hashingReader hashes what is read through it.
type hashingReader struct {
	r io.Reader
	h hash.Hash
	n int64
}

func (h *hashingReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	h.h.Write(p[:n])
	h.n += int64(n)
	return n, err
}

func (e *env) keygen(args []string) error {
	fs := newFlagSet("keygen")
	out := fs.String("out", "trustcloud", "flag.keygen.out")
	force := fs.Bool("force", false, "flag.keygen.force")
	positional, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usage("cli.keygen.argument", positional[0])
	}
	if *out == "" {
		return usage("cli.keygen.out")
	}
	pub, err := evidence.WriteKeyPair(*out, *force)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.t("cli.keygen.private", *out))
	fmt.Fprintln(e.stdout, e.t("cli.keygen.public", *out))
	fmt.Fprintln(e.stdout, e.t("cli.keygen.key", evidence.KeyID(pub)))
	return nil
}

func (e *env) verify(args []string) (int, error) {
	fs := newFlagSet("verify")
	pubkey := fs.String("pubkey", "", "flag.verify.pubkey")
	planFile := fs.String("plan", "", "flag.verify.plan")
	format := fs.String("format", "text", "flag.format_text_json")
	positional, err := parse(fs, args)
	if err != nil {
		return 0, err
	}
	if *format != "text" && *format != "json" {
		return 0, usage("cli.verify.format", *format)
	}
	if len(positional) != 1 {
		if len(positional) == 0 {
			return 0, usage("cli.verify.missing_dir")
		}
		return 0, usage("cli.verify.one_dir", len(positional))
	}
	opts := evidence.VerifyOptions{PublicKeyName: *pubkey}
	if *pubkey != "" {
		if opts.PublicKey, err = evidence.ReadPublicKey(*pubkey); err != nil {
			return 0, err
		}
	}
	if *planFile != "" {
		f, err := os.Open(*planFile)
		if err != nil {
			return 0, i18n.Errorf("cli.err.verify_plan", *planFile, unwrapPath(err))
		}
		sum, _, err := evidence.HashReader(f)
		_ = f.Close()
		if err != nil {
			return 0, i18n.Errorf("cli.err.at", *planFile, err)
		}
		opts.PlanName, opts.PlanSHA256 = *planFile, sum
	}
	v, err := evidence.Verify(positional[0], opts)
	if err != nil {
		return 0, err
	}
	if *format == "json" {
		err = report.WriteJSON(e.stdout, v)
	} else {
		err = v.WriteTextIn(e.stdout, e.lang)
	}
	if err != nil {
		return 0, err
	}
	if !v.Intact() {
		return ExitFindings, nil
	}
	return ExitOK, nil
}

// unwrapPath drops the *os.PathError wrapper, whose path the message
// already names.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
