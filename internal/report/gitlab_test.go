package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type codeQualityIn struct {
	Type        string `json:"type"`
	CheckName   string `json:"check_name"`
	Description string `json:"description"`
	Content     *struct {
		Body string `json:"body"`
	} `json:"content"`
	Categories  []string `json:"categories"`
	Fingerprint string   `json:"fingerprint"`
	Severity    string   `json:"severity"`
	Location    struct {
		Path  string `json:"path"`
		Lines struct {
			Begin int `json:"begin"`
		} `json:"lines"`
	} `json:"location"`
}

func TestGitLab(t *testing.T) {
	sch := compileSchema(t, "testdata/gitlab-codeclimate-degradation.schema.json")
	severities := map[string]string{"info": "info", "low": "minor", "medium": "major", "high": "critical", "critical": "blocker"}
	hex32 := regexp.MustCompile(`^[0-9a-f]{32}$`)
	eachScenario(t, "gitlab", func(t *testing.T, r *Report, out []byte) {
		if strings.HasPrefix(string(out), "\uFEFF") {
			t.Error("the report starts with a byte order mark: GitLab rejects it")
		}
		var raw []json.RawMessage
		if err := json.Unmarshal(out, &raw); err != nil {
			t.Fatalf("not a JSON array: %v", err)
		}
		if raw == nil {
			t.Fatal("null: want an array, empty when there is no finding")
		}
		if len(raw) != len(r.Findings) {
			t.Fatalf("%d issues for %d findings (existing and waived included)", len(raw), len(r.Findings))
		}
		seen := map[string]bool{}
		for i, msg := range raw {
			if err := validateJSON(t, sch, msg); err != nil {
				t.Errorf("issue %d does not pass GitLab's schema (GitLab drops it and every later one): %v", i, err)
			}
			var got codeQualityIn
			if err := json.Unmarshal(msg, &got); err != nil {
				t.Fatal(err)
			}
			f := r.Findings[i]
			file, line := r.location(f)
			wantSev := severities[string(f.Severity)]
			if f.Waived {
				wantSev = "info"
			}
			if got.CheckName != f.Rule || got.Severity != wantSev || got.Type != "issue" ||
				got.Location.Path != file || got.Location.Lines.Begin != line {
				t.Errorf("issue %d: %+v; want check %s, severity %s, %s:%d", i, got, f.Rule, wantSev, file, line)
			}
			if !strings.HasPrefix(got.Description, f.Rule+" "+f.Name) || !strings.Contains(got.Description, ": "+f.Message.String()) || !strings.Contains(got.Description, f.Address) {
				t.Errorf("issue %d: description %q lacks the rule, the message or the address", i, got.Description)
			}
			if waived := strings.Contains(got.Description, "(waived: "); waived != f.Waived {
				t.Errorf("issue %d: description %q, waived %v", i, got.Description, f.Waived)
			}
			if f.Waived && (!strings.Contains(got.Description, f.Waiver.ID) || !strings.Contains(got.Description, f.Waiver.Expires)) {
				t.Errorf("issue %d: description %q lacks the waiver", i, got.Description)
			}
			// The scenarios are read from plan JSON alone: each issue says
			// so, the fingerprint does not change.
			if !strings.HasSuffix(got.Description, " [plan JSON alone: referenced values are inferred]") {
				t.Errorf("issue %d: description %q does not say the configuration was read from plan JSON alone", i, got.Description)
			}
			if got.Content == nil || !strings.HasPrefix(got.Content.Body, "What to do: "+f.Remediation+"\n\nEvaluation: plan JSON alone: values read through references are inferred") {
				t.Errorf("issue %d: content %+v", i, got.Content)
			}
			if !hex32.MatchString(got.Fingerprint) || seen[got.Fingerprint] {
				t.Errorf("issue %d: fingerprint %q: want 32 hex digits, unique", i, got.Fingerprint)
			}
			seen[got.Fingerprint] = true
		}
		// The first issue of a fingerprint keeps the finding's own, which
		// baselines and SARIF use too; a later finding with the same one
		// (two data flows of one bucket to unknown places) gets another.
		first := map[string]bool{}
		for i, f := range r.Findings {
			var got codeQualityIn
			_ = json.Unmarshal(raw[i], &got)
			if !first[f.Fingerprint] {
				first[f.Fingerprint] = true
				if got.Fingerprint != f.Fingerprint {
					t.Errorf("issue %d: fingerprint %s, want the finding's %s", i, got.Fingerprint, f.Fingerprint)
				}
			} else if got.Fingerprint == f.Fingerprint {
				t.Errorf("issue %d: fingerprint %s, the same as an earlier issue's", i, got.Fingerprint)
			}
		}
	})
}

func TestGitLabSchemaRejects(t *testing.T) {
	sch := compileSchema(t, "testdata/gitlab-codeclimate-degradation.schema.json")
	for _, bad := range []string{
		`{"description":"d","severity":"major","location":{"path":"a.tf","lines":{"begin":1}}}`,
		`{"description":"d","fingerprint":"f","severity":"major","location":{"path":"a.tf","lines":{"begin":"1"}}}`,
	} {
		if validateJSON(t, sch, []byte(bad)) == nil {
			t.Errorf("schema accepted %s", bad)
		}
	}
}

// TestUniqueFingerprints: findings sharing a fingerprint (count instances,
// two replicas) get distinct, stable ones; the first keeps its own.
func TestUniqueFingerprints(t *testing.T) {
	r := syntheticReport(4, "high")
	for _, f := range r.Findings {
		f.Fingerprint = "aaaa"
	}
	r.Findings[3].Fingerprint = "bbbb"
	got := uniqueFingerprints(r.Findings)
	want := []string{"aaaa", sha32("aaaa#2"), sha32("aaaa#3"), "bbbb"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if again := uniqueFingerprints(r.Findings); !cmp.Equal(got, again) {
		t.Errorf("not deterministic: %v then %v", got, again)
	}

	// A derived value that another finding already has moves on.
	r.Findings[3].Fingerprint = sha32("aaaa#2")
	got = uniqueFingerprints(r.Findings)
	want = []string{"aaaa", sha32("aaaa#3"), sha32("aaaa#4"), sha32("aaaa#2")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("collision (-want +got):\n%s", diff)
	}

	// A finding without a fingerprint gets the computed one.
	r.Findings[0].Fingerprint = ""
	if got := uniqueFingerprints(r.Findings[:1]); got[0] != Fingerprint(r.Findings[0].Finding) {
		t.Errorf("empty fingerprint: got %s", got[0])
	}

	// In the output.
	r = syntheticReport(2, "high")
	r.Findings[1].Fingerprint = r.Findings[0].Fingerprint
	var issues []codeQualityIn
	if err := json.Unmarshal(renderFormat(t, "gitlab", r), &issues); err != nil {
		t.Fatal(err)
	}
	if issues[0].Fingerprint != r.Findings[0].Fingerprint || issues[1].Fingerprint != sha32(r.Findings[0].Fingerprint+"#2") {
		t.Errorf("fingerprints %s, %s", issues[0].Fingerprint, issues[1].Fingerprint)
	}
}

// sha32 is the first 32 hex digits of sha256(s).
func sha32(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}
