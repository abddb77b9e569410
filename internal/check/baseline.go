package check

import (
	"encoding/json"
	"errors"
	"os"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"

	"github.com/trustcloud/trustcloud/internal/policy"
)

// accepted is the findings an earlier `check --format json` accepted: for
// each fingerprint, the severity rank of each finding that had it. It is
// a multiset: one accepted finding covers one finding, so that a count
// grown from 1 to 4 (fingerprints drop count indexes) is not covered by
// the one instance accepted before.
type accepted map[string][]int

// Baseline is what an earlier check accepted: its findings, each covering
// one finding with its fingerprint at its severity or below, and the
// policy it was made with.
type Baseline struct {
	accepted accepted
	// PolicySHA256 is the SHA-256 of the policy file the baseline was made
	// with ("" for a built-in profile): a policy relaxed since is TC013.
	PolicySHA256 string
}

// ReadBaseline reads a baseline file: the output of an earlier `check
// --format json`.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, i18n.Errorf("baseline.cannot_read", path, err)
	}
	return ParseBaseline(path, data)
}

// ParseBaseline reads the findings of an earlier `check --format json`,
// and the SHA-256 of the policy file it was made with; path names the
// baseline in errors.
func ParseBaseline(path string, data []byte) (*Baseline, error) {
	var doc struct {
		FormatVersion string `json:"format_version"`
		Policy        struct {
			SHA256 string `json:"sha256"`
		} `json:"policy"`
		Findings []struct {
			Fingerprint string `json:"fingerprint"`
			Severity    string `json:"severity"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, i18n.Errorf("baseline.not_json", path, jsonError{err})
	}
	if doc.FormatVersion != "1" || doc.Findings == nil {
		return nil, i18n.Errorf("baseline.not_baseline", path)
	}
	out := accepted{}
	for i, f := range doc.Findings {
		if f.Fingerprint == "" {
			return nil, i18n.Errorf("baseline.no_fingerprint", path, i)
		}
		// The severity bounds what the entry accepts: a finding whose
		// level rose since (internal to sensitive) keeps its fingerprint
		// but is a new risk.
		rank := policy.Severity(strings.ToLower(f.Severity)).Rank()
		if rank == 0 {
			return nil, i18n.Errorf("baseline.severity", path, i, f.Severity, severityNames())
		}
		out[f.Fingerprint] = append(out[f.Fingerprint], rank)
	}
	return &Baseline{accepted: out, PolicySHA256: doc.Policy.SHA256}, nil
}

func severityNames() string {
	names := make([]string, len(policy.Severities))
	for i, s := range policy.Severities {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// jsonError is an error of encoding/json, which says it in English: in
// another language, its kind and place.
type jsonError struct{ err error }

func (e jsonError) Error() string { return e.err.Error() }

// In renders the error in a language.
func (e jsonError) In(l i18n.Lang) string {
	if l == i18n.English {
		return e.err.Error()
	}
	var se *json.SyntaxError
	if errors.As(e.err, &se) {
		return i18n.T(l, "json.syntax", se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(e.err, &te) {
		return i18n.T(l, "json.type", te.Value, te.Field)
	}
	return i18n.T(l, "json.invalid")
}
