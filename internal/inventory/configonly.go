package inventory

import "github.com/trustcloud/trustcloud/internal/i18n"

// unresolved places nowhere an entry of a configuration-only input whose
// instances only a plan could tell (an unknown count or for_each, a
// module not downloaded): whatever its provider configuration says, the
// instances may be anywhere, and unknown is never compliant.
func unresolved(r *Resource, why i18n.Msg) {
	r.Location = Location{Status: StatusUnknown, Evidence: []i18n.Msg{why}, Reason: why}
	r.DataLocations = nil
}
