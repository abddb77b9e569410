package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/policy"
)

// Policy files looked for in the configuration directory, and the
// environment variable that names a policy file.
const (
	discoveredPolicy       = "trustcloud.hcl"
	discoveredPolicyHidden = ".trustcloud.hcl"
	policyEnv              = "TRUSTCLOUD_POLICY"
)

// findPolicy says which policy applies, in the documented order: --policy
// FILE, then TRUSTCLOUD_POLICY, then trustcloud.hcl or .trustcloud.hcl in
// the configuration directory (unless --no-policy-discovery), then the
// built-in profile (file ""). A team's policy file next to its
// configuration is never ignored silently, and reports say which one
// applied and how it was chosen.
func (e *env) findPolicy(c *common, planPath string) (file, source string, err error) {
	switch {
	case c.policyFile != "":
		return c.policyFile, policy.SourceFlag, nil
	case e.getenv(policyEnv) != "":
		return e.getenv(policyEnv), policy.SourceEnv, nil
	case c.noPolicyDiscovery:
		return "", policy.SourceBuiltin, nil
	}
	dir := c.discoveryDir(planPath)
	var found []string
	for _, name := range []string{discoveredPolicy, discoveredPolicyHidden} {
		path := filepath.Join(dir, name)
		st, err := os.Stat(path)
		switch {
		case errors.Is(err, os.ErrNotExist):
			continue
		case err != nil:
			return "", "", fmt.Errorf("%s: cannot read the policy file: %w", path, errors.Unwrap(err))
		case st.IsDir():
			return "", "", fmt.Errorf("%s: is a directory, not a policy file: rename it, or skip policy discovery with --no-policy-discovery", path)
		}
		found = append(found, path)
	}
	switch len(found) {
	case 0:
		return "", policy.SourceBuiltin, nil
	case 1:
		return found[0], policy.SourceDiscovered, nil
	}
	return "", "", fmt.Errorf("%s and %s: two policy files in %s, and trustcloud would have to guess which applies: keep one, or choose with --policy FILE",
		found[0], found[1], dir)
}

// relaxationLine is the line of the first relaxation the policy file
// places, 1 when none has a place: where TC013 points.
func relaxationLine(ref *inventory.PolicyRef) int {
	if ref == nil {
		return 1
	}
	for _, r := range ref.Relaxations {
		// At is file:line:column; the file may hold colons.
		rest := strings.TrimPrefix(r.At, ref.File+":")
		if line, _, ok := strings.Cut(rest, ":"); ok && rest != r.At {
			if n, err := strconv.Atoi(line); err == nil && n > 0 {
				return n
			}
		}
	}
	return 1
}
