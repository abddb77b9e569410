package check

import "fmt"

// NotForStateError is the error of a comparison asked of a deployed
// state: --new-only and baselines tell what a change adds, and a state
// is no change.
type NotForStateError struct {
	// Option is the option refused: "--new-only" or "--baseline".
	Option string
}

func (e *NotForStateError) Error() string {
	return fmt.Sprintf("%s does not apply to a deployed state: it tells the findings a plan adds from those already there, and a state adds nothing, every finding is what is deployed; check the state without %s", e.Option, e.Option)
}

// notForState refuses the options that compare a plan with what was
// before it, for a state.
func notForState(opts Options) error {
	switch {
	case opts.NewOnly:
		return &NotForStateError{Option: "--new-only"}
	case opts.Baseline != nil:
		return &NotForStateError{Option: "--baseline"}
	}
	return nil
}
