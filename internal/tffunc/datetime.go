package tffunc

import (
	"time"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// parseRFC3339 reads a timestamp with go-cty's strict RFC 3339 rules (those of formatdate and
// timeadd, and so of Terraform), keeping its fractional seconds.
func parseRFC3339(s string) (time.Time, error) {
	// timeadd of nothing validates s exactly as Terraform does; time.Parse then reads it in full.
	if _, err := stdlib.TimeAdd(cty.StringVal(s), cty.StringVal("0s")); err != nil {
		return time.Time{}, err
	}
	return time.Parse(time.RFC3339, s)
}

// timecmpFunc compares the instants two RFC 3339 timestamps stand for: -1, 0 or 1.
func timecmpFunc(*env, string) function.Function {
	return function.New(&function.Spec{
		Description: "Compares two RFC 3339 timestamps, returning -1, 0 or 1.",
		Params: []function.Parameter{
			{Name: "timestamp_a", Type: cty.String},
			{Name: "timestamp_b", Type: cty.String},
		},
		Type:         function.StaticReturnType(cty.Number),
		RefineResult: notNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			a, err := parseRFC3339(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.Number), function.NewArgError(0, err)
			}
			b, err := parseRFC3339(args[1].AsString())
			if err != nil {
				return cty.UnknownVal(cty.Number), function.NewArgError(1, err)
			}
			return cty.NumberIntVal(int64(a.Compare(b))), nil
		},
	})
}

// plantimestampFunc returns the plan's timestamp, as Terraform does while planning.
func plantimestampFunc(e *env, name string) function.Function {
	return function.New(&function.Spec{
		Description: "Returns the timestamp of the plan, in RFC 3339 format.",
		Type:        function.StaticReturnType(cty.String),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			if e.opts.PlanTimestamp == "" {
				return e.unknown(cty.String, name, "needs the plan's timestamp, which trustcloud was not given"), nil
			}
			v, err := stdlib.TimeAdd(cty.StringVal(e.opts.PlanTimestamp), cty.StringVal("0s"))
			if err != nil {
				return e.unknown(cty.String, name, "needs the plan's timestamp, but %q is not RFC 3339: %v", e.opts.PlanTimestamp, err), nil
			}
			return v, nil
		},
	})
}
