package inventory

import (
	"fmt"

	"github.com/trustcloud/trustcloud/internal/planfile"
)

// EvaluatedFromState is the evaluation mode of a deployed state: the
// values are those recorded at the last apply, nothing is planned.
const EvaluatedFromState = "state"

// StateRef identifies the deployed state an inventory was built from.
type StateRef struct {
	// Kind is "tfstate" (a state file) or "show_json" (`terraform show
	// -json` without a plan file).
	Kind string `json:"kind"`
	// Version is a state file's format version.
	Version int `json:"version,omitempty"`
	// Serial and Lineage identify a state file's snapshot; `terraform
	// show -json` records neither (nil, "").
	Serial  *uint64 `json:"serial,omitempty"`
	Lineage string  `json:"lineage,omitempty"`
}

// stateEvaluation is the evaluation of a deployed state.
func stateEvaluation(st *planfile.State) *Evaluation {
	ref := &StateRef{Kind: st.Kind, Version: st.Version, Lineage: st.Lineage}
	if st.HasSerial {
		serial := st.Serial
		ref.Serial = &serial
	}
	return &Evaluation{Mode: EvaluatedFromState, State: ref, Note: StateNote(ref)}
}

// StateNote says in English what a deployed state is and which snapshot
// was read.
func StateNote(ref *StateRef) string {
	const judged = "resources are judged where they are deployed (recorded attributes and identifiers); a state records no provider configuration"
	if ref.Kind != planfile.StateFile {
		return "deployed state (`terraform show -json`, which records no serial or lineage): " + judged
	}
	serial := "no serial"
	if ref.Serial != nil {
		serial = fmt.Sprintf("serial %d", *ref.Serial)
	}
	lineage := "no lineage"
	if ref.Lineage != "" {
		lineage = "lineage " + ref.Lineage
	}
	return fmt.Sprintf("deployed state (state file, %s, %s): %s", serial, lineage, judged)
}
