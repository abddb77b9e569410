package plan

import (
	"fmt"
	"strconv"

	tfjson "github.com/hashicorp/terraform-json"
)

// validate checks what the analysis relies on and well-formed JSON does
// not promise: every resource change says what it is (address, mode,
// type, name, provider) and has a change, and no resource appears twice.
// (Empty actions are accepted: such a resource is analysed as if it
// stayed, which never hides a finding.) Terraform has written all of this since plan
// format 0.1; a plan without it was edited or merged by hand, and
// guessing would let a resource go unchecked.
func validate(name string, p *tfjson.Plan) error {
	first := make(map[string]int, len(p.ResourceChanges))
	for i, rc := range p.ResourceChanges {
		path := "$.resource_changes[" + strconv.Itoa(i) + "]"
		if rc == nil {
			return &Error{File: name, Where: path, Msg: "expected a resource change object, found null"}
		}
		for _, f := range []struct{ key, value string }{
			{"address", rc.Address},
			{"mode", string(rc.Mode)},
			{"type", rc.Type},
			{"name", rc.Name},
			{"provider_name", rc.ProviderName},
		} {
			if f.value == "" {
				return &Error{File: name, Where: path, Msg: fmt.Sprintf("missing %q: every resource change of `terraform show -json` has one; was the plan edited by hand?", f.key)}
			}
		}
		if rc.Change == nil {
			return &Error{File: name, Where: path, Msg: fmt.Sprintf("%q: missing \"change\": every resource change of `terraform show -json` has one; was the plan edited by hand?", rc.Address)}
		}
		// A deposed object shares the address of the current one.
		key := rc.Address
		if rc.DeposedKey != "" {
			key += "\x00" + rc.DeposedKey
		}
		if j, dup := first[key]; dup {
			return &Error{File: name, Where: path + ".address", Msg: fmt.Sprintf("%q is there twice (also $.resource_changes[%d]): a plan lists each resource once; were two plans merged?", rc.Address, j)}
		}
		first[key] = i
	}
	return nil
}
