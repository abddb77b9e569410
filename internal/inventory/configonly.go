package inventory

// unresolved places nowhere an entry of a configuration-only input whose
// instances only a plan could tell (an unknown count or for_each, a
// module not downloaded): whatever its provider configuration says, the
// instances may be anywhere, and unknown is never compliant.
func unresolved(r *Resource, why string) {
	r.Location = Location{Status: StatusUnknown, Evidence: []string{why}, Reason: why}
	r.DataLocations = nil
}
