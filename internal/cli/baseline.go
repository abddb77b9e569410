package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/trustcloud/trustcloud/internal/plan"
)

// readBaseline reads the fingerprints of an earlier `check --format json`.
func readBaseline(path string) (map[string]bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: cannot read the baseline: %w", path, err)
	}
	var doc struct {
		FormatVersion string `json:"format_version"`
		Findings      []struct {
			Fingerprint string `json:"fingerprint"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: not a baseline: expected the output of `trustcloud check --format json`: %w", path, err)
	}
	if doc.FormatVersion != "1" || doc.Findings == nil {
		return nil, fmt.Errorf("%s: not a baseline: expected the output of `trustcloud check --format json` (format_version \"1\" with findings)", path)
	}
	out := map[string]bool{}
	for i, f := range doc.Findings {
		if f.Fingerprint == "" {
			return nil, fmt.Errorf("%s: $.findings[%d]: no fingerprint: regenerate the baseline with this version of trustcloud", path, i)
		}
		out[f.Fingerprint] = true
	}
	return out, nil
}

// unchanged reports whether the plan leaves what the rules look at as it
// was: a no-op or read, or an update or replacement that keeps the
// location, the operator and the level of the resource's prior state.
func unchanged(now, before *plan.Resource) bool {
	if now == nil || before == nil {
		return false
	}
	switch {
	case len(now.Actions) == 1 && (now.Actions[0] == "no-op" || now.Actions[0] == "read"):
		return true
	case len(now.Actions) == 1 && now.Actions[0] == "create":
		return false
	}
	op := func(r *plan.Resource) string {
		if r.Operator == nil {
			return ""
		}
		return *r.Operator
	}
	return now.Location.Status == before.Location.Status && now.Location.Region == before.Location.Region &&
		op(now) == op(before) && now.Sensitivity.Level == before.Sensitivity.Level
}
