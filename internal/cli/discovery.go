package cli

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/trustcloud/trustcloud/internal/i18n"

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
			return "", "", i18n.Errorf("cli.err.policy_read", path, errors.Unwrap(err))
		case st.IsDir():
			return "", "", i18n.Errorf("cli.err.policy_is_dir", path)
		}
		found = append(found, path)
	}
	switch len(found) {
	case 0:
		return "", policy.SourceBuiltin, nil
	case 1:
		return found[0], policy.SourceDiscovered, nil
	}
	return "", "", i18n.Errorf("cli.err.two_policies", found[0], found[1], dir)
}
