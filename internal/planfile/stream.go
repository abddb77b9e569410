package planfile

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/trustcloud/trustcloud/internal/i18n"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/jsonpos"
)

// pathError is a problem at a JSON path of the plan.
type pathError struct {
	path string
	err  error
}

func (e *pathError) Error() string { return e.path + ": " + e.err.Error() }
func (e *pathError) Unwrap() error { return e.err }

func at(path string, err error) error {
	if err == nil {
		return nil
	}
	var pe *pathError
	if errors.As(err, &pe) {
		return err
	}
	return &pathError{path: path, err: err}
}

// decodePlan reads plan JSON in one pass: the parts the analysis needs
// are decoded (format, variables, resource changes with the attributes
// keep accepts — all when keep is nil —, configuration), the rest is
// skipped. Memory grows with the number of resources, not with the size
// of the planned values and prior state Terraform also writes.
func decodePlan(name string, r io.Reader, keep func(string) bool) (*tfjson.Plan, error) {
	p, facts, err := readPlan(name, r, keep)
	if err == nil && facts.isState != nil {
		return nil, failure(name, "", "plan.is_state")
	}
	return p, err
}

// planFacts is what the reader saw besides the plan it returns, for the
// checks of validate.
type planFacts struct {
	// changes tells how resource_changes was written: "" when missing,
	// "null", or "array".
	changes string
	// planned holds the resources of planned_values; plannedValues is
	// set when planned_values is an object.
	planned       plannedResources
	plannedValues bool
	// state collects a state's members; isState is set when the input
	// is a state (see finishState).
	state   stateDoc
	isState *State
}

// plannedResources are the resources of planned_values: only their
// addresses are kept, with where each is.
type plannedResources struct {
	// chunks hold the addresses, one after the other, in blocks never
	// reallocated (a plan of 100,000 resources has 6 MB of them).
	chunks [][]byte
	list   []plannedResource
	// modules holds the JSON path of each module object read.
	modules []string
	scratch []byte
}

type plannedResource struct {
	chunk, start, end int32 // the address
	module, index     int32 // the module (in modules) and the index in its resources
}

// plannedChunk is the size of plannedResources' blocks.
const plannedChunk = 64 << 10

// add records a resource.
func (pr *plannedResources) add(address []byte, module, index int) {
	n := len(pr.chunks)
	if n == 0 || cap(pr.chunks[n-1])-len(pr.chunks[n-1]) < len(address) {
		pr.chunks = append(pr.chunks, make([]byte, 0, max(plannedChunk, len(address))))
		n++
	}
	start := len(pr.chunks[n-1])
	pr.chunks[n-1] = append(pr.chunks[n-1], address...)
	pr.list = append(pr.list, plannedResource{int32(n - 1), int32(start), int32(start + len(address)), int32(module), int32(index)})
}

// address returns the address of the i-th resource.
func (pr *plannedResources) address(i int) []byte {
	r := pr.list[i]
	return pr.chunks[r.chunk][r.start:r.end]
}

// path returns the JSON path of the i-th resource of a module.
func (pr *plannedResources) path(module, index int) string {
	return pr.modules[module] + ".resources[" + strconv.Itoa(index) + "]"
}

// readPlan is decodePlan, also returning what validate checks the plan
// against.
func readPlan(name string, r io.Reader, keep func(string) bool) (*tfjson.Plan, *planFacts, error) {
	s := newScanner(r)
	c, err := s.peek()
	if err != nil {
		if s.rerr != nil {
			return nil, nil, failure(name, "", "plan.cannot_read", s.rerr.Error())
		}
		return nil, nil, failure(name, "", "plan.empty")
	}
	if c != '{' {
		line, col := s.position()
		e := failure(name, "", "plan.not_object")
		e.WhereText = i18n.M("plan.at_line", line, col)
		e.Where = e.WhereText.String()
		return nil, nil, e
	}
	facts := &planFacts{}
	p := &tfjson.Plan{}
	seen := map[string]bool{}
	err = s.object(func(key string) error {
		seen[key] = true
		switch key {
		case "format_version":
			v, err := s.readString()
			p.FormatVersion = v
			return at("$.format_version", err)
		case "terraform_version":
			v, err := s.readString()
			p.TerraformVersion = v
			return at("$.terraform_version", err)
		case "variables":
			return at("$.variables", s.variables(p))
		case "resource_changes":
			facts.changes = "array"
			if c, err := s.peek(); err == nil && c == 'n' {
				facts.changes = "null"
			}
			return s.resourceChanges(p, keep)
		case "planned_values":
			return s.plannedValues(facts)
		case "timestamp":
			v, err := s.optString(false)
			p.Timestamp = v
			return at("$.timestamp", err)
		case "prior_state":
			return s.priorState(p)
		case "values":
			return s.showStateValues(&facts.state, keep)
		case "version", "serial", "lineage", "resources":
			return s.rawStateMember(&facts.state, key, keep)
		case "configuration":
			if c, err := s.peek(); err == nil && c == 'n' {
				return s.skip()
			}
			cfg, err := s.configuration(keep)
			p.Config = cfg
			return err
		}
		return at(jsonpos.Member("$", key), skipOther(s, key, planMembers))
	})
	if s.changes != nil {
		// The workers' errors come before anything the reader found
		// after handing them the changes.
		changes, werr := s.changes.wait()
		p.ResourceChanges = changes
		if werr != nil {
			// Before anything the reader found, read errors included.
			return nil, nil, planError(name, werr)
		}
	}
	if err == nil && !s.atEnd() {
		err = s.syntaxf("plan.json.trailing")
	}
	// The first fault in the file wins: a read error, unless the plan
	// was wrong before the place reading failed.
	if s.rerr != nil && !faultBefore(err, s.rerr) {
		return nil, nil, failure(name, "", "plan.cannot_read", s.rerr.Error())
	}
	if err != nil {
		return nil, nil, planError(name, err)
	}
	if !seen["resource_changes"] && !seen["planned_values"] && !seen["configuration"] && isState(seen) {
		st, err := finishState(name, p, &facts.state, seen["format_version"])
		if err != nil {
			return nil, nil, err
		}
		facts.isState = st
		return p, facts, nil
	}
	if !seen["format_version"] {
		return nil, nil, failure(name, "$.format_version", "plan.no_format_version")
	}
	if !seen["resource_changes"] && !seen["planned_values"] && !seen["configuration"] {
		// Other `terraform ... -json` outputs (providers schema, metadata
		// functions) have a format_version too: an empty plan would pass.
		return nil, nil, failure(name, "", "plan.not_plan")
	}
	if major, _, _ := strings.Cut(p.FormatVersion, "."); major != "0" && major != "1" {
		return nil, nil, failure(name, "$.format_version", "plan.format_version", p.FormatVersion)
	}
	return p, facts, nil
}

// faultBefore reports whether err is a fault of the plan's text at or
// before the place where reading failed with rerr; the end of what could
// be read is not one (reading stopped there because of rerr).
func faultBefore(err, rerr error) bool {
	var ie *inputError
	at, ok := errOffset(err)
	return ok && errors.As(rerr, &ie) && at <= ie.off && !strings.Contains(err.Error(), "ends too early")
}

// The members the reader decodes, by object, for skipOther.
var (
	planMembers            = []string{"format_version", "terraform_version", "variables", "resource_changes", "planned_values", "configuration", "timestamp", "prior_state", "values", "version", "serial", "lineage", "resources"}
	stateMembers           = []string{"values"}
	stateResourceMembers   = []string{"address", "mode", "values"}
	valuesMembers          = []string{"root_module"}
	moduleMembers          = []string{"resources", "child_modules"}
	plannedResourceMembers = []string{"address", "mode"}
	resourceChangeMembers  = []string{"address", "module_address", "type", "name", "provider_name", "deposed", "mode", "index", "change", "previous_address"}
	changeMembers          = []string{"actions", "before", "after", "after_unknown", "importing"}
)

// skipOther skips the value of a member the reader does not decode, after
// checking that its name is not that of one it decodes (one of decoded)
// in other case: encoding/json matches names to fields regardless of
// case, so that Go tools reading the plan with terraform-json would take
// "Resource_Changes" for the resource changes this reader skips.
func skipOther[K string | []byte](s *scanner, key K, decoded []string) error {
	if err := otherCase(key, decoded); err != nil {
		return err
	}
	return s.skip()
}

// otherCase returns an error when key is one of names in other case.
func otherCase[K string | []byte](key K, names []string) error {
	for _, d := range names {
		// The first byte differs for most names: compare it first.
		if len(key) > 0 && (key[0]|0x20 == d[0] || key[0] >= utf8.RuneSelf) && strings.EqualFold(string(key), d) {
			return i18n.Errorf("plan.other_case", string(key), d)
		}
	}
	return nil
}

// planError turns a scanner or decoding error into an *Error naming the
// file, the position and the JSON path.
func planError(name string, err error) error {
	off, hasOff := errOffset(err)
	e := planErrorAt(name, err)
	e.off, e.hasOff = off, hasOff
	return e
}

func planErrorAt(name string, err error) *Error {
	path := ""
	var pe *pathError
	if errors.As(err, &pe) {
		path = pe.path
		err = pe.err
	}
	var se *errSyntax
	if errors.As(err, &se) {
		where := i18n.M("plan.at_line", se.line, se.col)
		text := i18n.M("plan.invalid_json", se.text)
		if strings.Contains(se.msg, "ends too early") {
			text = i18n.M("plan.invalid_json_truncated")
		}
		if path != "" {
			text = i18n.M("plan.in_path", text, path)
		}
		return &Error{File: name, Where: where.String(), WhereText: where, Msg: text.String(), Text: text}
	}
	if path == "" {
		path = "$"
	}
	e := &Error{File: name, Where: path, Msg: err.Error()}
	// A message with a translation, unless more words were wrapped around it.
	var loc interface {
		error
		In(l i18n.Lang) string
	}
	if errors.As(err, &loc) && loc.Error() == err.Error() {
		e.Text = i18n.M("plan.detail", loc)
	}
	return e
}

// priorState reads the values of the data sources in the plan's prior
// state: those read while planning are there only, and a configuration
// may take a location from one (region = data.aws_region.current.name).
// Managed resources are skipped: their planned values are in the
// resource changes.
func (s *scanner) priorState(p *tfjson.Plan) error {
	const path = "$.prior_state"
	switch c, err := s.peek(); {
	case err != nil:
		return at(path, err)
	case c == 'n':
		return at(path, s.skip())
	case c != '{':
		return at(path, i18n.Errorf("plan.expected_object"))
	}
	var data []*tfjson.StateResource
	err := s.objectBytes(func(key []byte) error {
		if string(key) != "values" {
			return skipOther(s, key, stateMembers)
		}
		return at(path+".values", s.objectOf(func(k string) error {
			if k != "root_module" {
				return skipOther(s, k, valuesMembers)
			}
			return s.stateModule(&data, path+".values.root_module", 0)
		}))
	})
	if err != nil {
		return at(path, err)
	}
	if len(data) > 0 {
		p.PriorState = &tfjson.State{Values: &tfjson.StateValues{RootModule: &tfjson.StateModule{Resources: data}}}
	}
	return nil
}

// stateModule reads the data sources of a module of the prior state (and
// of its child modules) into data, by full address.
func (s *scanner) stateModule(data *[]*tfjson.StateResource, path string, depth int) error {
	if depth > maxModuleDepth {
		return at(path, i18n.Errorf("plan.module_nesting", maxModuleDepth))
	}
	return at(path, s.objectOf(func(key string) error {
		switch key {
		case "resources":
			return s.arrayOf(func() error {
				r := &tfjson.StateResource{}
				err := s.objectOf(func(k string) error {
					switch k {
					case "address":
						v, err := s.optString(false)
						r.Address = v
						return err
					case "mode":
						v, err := s.optString(true)
						r.Mode = tfjson.ResourceMode(v)
						return err
					case "values":
						if r.Mode != tfjson.DataResourceMode {
							// Terraform writes the mode first: a managed
							// resource's values are not needed.
							return s.skip()
						}
						v, err := s.readValue(0)
						if m, ok := v.(map[string]any); ok {
							r.AttributeValues = m
						}
						return err
					}
					return skipOther(s, k, stateResourceMembers)
				})
				if r.Mode == tfjson.DataResourceMode && r.Address != "" && r.AttributeValues != nil {
					*data = append(*data, r)
				}
				return err
			})
		case "child_modules":
			i := 0
			return s.arrayOf(func() error {
				i++
				return s.stateModule(data, path+".child_modules["+strconv.Itoa(i-1)+"]", depth+1)
			})
		}
		return skipOther(s, key, moduleMembers)
	}))
}

// plannedValues reads planned_values, keeping the address of each
// resource (to check that each has a resource change) and skipping the
// rest: Terraform derives planned_values from the resource changes, so
// that it lists no resource that resource_changes does not.
func (s *scanner) plannedValues(facts *planFacts) error {
	const path = "$.planned_values"
	c, err := s.peek()
	if err != nil {
		return at(path, err)
	}
	switch c {
	case 'n':
		return at(path, s.skip())
	case '{':
	default:
		return at(path, i18n.Errorf("plan.expected_object"))
	}
	facts.plannedValues = true
	return at(path, s.objectBytes(func(key []byte) error {
		if string(key) == "root_module" {
			return s.plannedModule(&facts.planned, path+".root_module", 0)
		}
		return skipOther(s, key, valuesMembers)
	}))
}

func (s *scanner) plannedModule(pr *plannedResources, path string, depth int) error {
	if depth > maxModuleDepth {
		return at(path, i18n.Errorf("plan.module_nesting", maxModuleDepth))
	}
	module := len(pr.modules)
	pr.modules = append(pr.modules, path)
	switch c, err := s.peek(); {
	case err != nil:
		return at(path, err)
	case c == 'n':
		return at(path, s.skip())
	case c != '{':
		return at(path, i18n.Errorf("plan.expected_object"))
	}
	return at(path, s.objectBytes(func(key []byte) error {
		switch string(key) {
		case "resources":
			i := 0
			return at(path+".resources", s.arrayOf(func() error {
				i++
				return s.plannedResource(pr, module, i-1)
			}))
		case "child_modules":
			i := 0
			return at(path+".child_modules", s.arrayOf(func() error {
				i++
				return s.plannedModule(pr, path+".child_modules["+strconv.Itoa(i-1)+"]", depth+1)
			}))
		}
		return skipOther(s, key, moduleMembers)
	}))
}

// plannedResource reads a resource of planned_values: its address and
// mode; the rest, most of the resource, is skipped at the speed of
// skipContainer once both are read (Terraform writes them first).
func (s *scanner) plannedResource(pr *plannedResources, module, index int) error {
	var mode string
	found, err := s.plannedMembers(pr, &mode)
	if err == nil && !found {
		err = i18n.Errorf("plan.planned_no_address")
	}
	if err != nil {
		return at(pr.path(module, index), err)
	}
	if mode != "" && addressMode(pr.scratch) != mode {
		return at(pr.path(module, index)+".mode", modeError(string(pr.scratch), mode))
	}
	pr.add(pr.scratch, module, index)
	return nil
}

// plannedMembers reads the members of a resource of planned_values, the
// address into pr.scratch; it reports whether there was one.
func (s *scanner) plannedMembers(pr *plannedResources, mode *string) (bool, error) {
	switch c, err := s.peek(); {
	case err != nil:
		return false, err
	case c != '{':
		return false, i18n.Errorf("plan.expected_resource")
	}
	s.pos++
	m := s.memberSet
	if m != nil {
		m.open()
	}
	found, modeFound := false, false
	for first := true; ; first = false {
		c, err := s.peek()
		if err != nil {
			return found, err
		}
		if c == '}' && first {
			s.pos++
			if m != nil {
				m.close()
			}
			return found, nil
		}
		name, _, err := s.memberName()
		if err != nil {
			return found, err
		}
		isAddress, isMode, err := s.plannedMember(name, pr, mode)
		found, modeFound = found || isAddress, modeFound || isMode
		if err != nil {
			return found, err
		}
		c, err = s.peek()
		if err != nil {
			return found, err
		}
		s.pos++
		switch {
		case c == '}':
			if m != nil {
				m.close()
			}
			return found, nil
		case c != ',':
			s.pos--
			return found, s.syntaxf("plan.json.after_member", c)
		case found && modeFound:
			return found, s.skipRest(plannedResourceMembers)
		}
	}
}

// plannedMember reads the value of member name of a resource of
// planned_values, its name read: the address into pr.scratch, the mode
// into *mode; any other member is skipped, once its name is checked not to
// be one of those two in another case. It reports which of the two it
// read.
func (s *scanner) plannedMember(name []byte, pr *plannedResources, mode *string) (isAddress, isMode bool, err error) {
	switch string(name) {
	case "address":
		if err := s.expect(':'); err != nil {
			return false, false, err
		}
		if c, err := s.peek(); err != nil {
			return false, false, err
		} else if c != '"' {
			return false, false, i18n.Errorf("plan.address_not_string")
		}
		pr.scratch, err = s.appendString(pr.scratch[:0])
		return true, false, err
	case "mode":
		if err := s.expect(':'); err != nil {
			return false, false, err
		}
		*mode, err = s.optString(true)
		return false, true, err
	}
	if err := otherCase(name, plannedResourceMembers); err != nil {
		return false, false, err
	}
	if err := s.expect(':'); err != nil {
		return false, false, err
	}
	return false, false, s.skip()
}

func (s *scanner) variables(p *tfjson.Plan) error {
	v, err := s.readValue(0)
	if err != nil {
		return err
	}
	m, ok := v.(map[string]any)
	if v != nil && !ok {
		return i18n.Errorf("plan.expected_object")
	}
	p.Variables = map[string]*tfjson.PlanVariable{}
	for k, e := range m {
		pv := &tfjson.PlanVariable{}
		if obj, ok := e.(map[string]any); ok {
			pv.Value = obj["value"]
		}
		p.Variables[k] = pv
	}
	return nil
}

func (s *scanner) resourceChanges(p *tfjson.Plan, keep func(string) bool) error {
	if c, err := s.peek(); err != nil {
		return at("$.resource_changes", err)
	} else if c == 'n' {
		return at("$.resource_changes", s.skip())
	} else if c != '[' {
		return at("$.resource_changes", i18n.Errorf("plan.expected_changes"))
	}
	if w := parallelWorkers(); w > 0 && s.memberSet != nil && s.changes == nil {
		s.changes = newChangeDecoder(keep, w)
		return s.parallelChanges(s.changes)
	}
	i := 0
	return s.array(func() error {
		path := "$.resource_changes[" + strconv.Itoa(i) + "]"
		i++
		start := s.base + int64(s.pos)
		rc, err := s.resourceChange(path, keep)
		if err != nil {
			return faultIn(err, start)
		}
		p.ResourceChanges = append(p.ResourceChanges, rc)
		return nil
	})
}

func (s *scanner) resourceChange(path string, keep func(string) bool) (*tfjson.ResourceChange, error) {
	if c, err := s.peek(); err != nil {
		return nil, at(path, err)
	} else if c != '{' {
		return nil, at(path, i18n.Errorf("plan.expected_change"))
	}
	rc := &tfjson.ResourceChange{}
	str := func(dst *string, key string, intern bool) error {
		c, err := s.peek()
		if err != nil {
			return err
		}
		if c == 'n' {
			return s.skip()
		}
		if c != '"' {
			return at(path+"."+key, i18n.Errorf("plan.expected_string"))
		}
		v, err := s.readStringIntern(intern)
		*dst = v
		return err
	}
	err := s.object(func(key string) error {
		switch key {
		case "address":
			return str(&rc.Address, key, false)
		case "module_address":
			return str(&rc.ModuleAddress, key, true)
		case "type":
			return str(&rc.Type, key, true)
		case "name":
			return str(&rc.Name, key, false)
		case "provider_name":
			return str(&rc.ProviderName, key, true)
		case "deposed":
			return str(&rc.DeposedKey, key, false)
		case "previous_address":
			return str(&rc.PreviousAddress, key, false)
		case "mode":
			var m string
			err := str(&m, key, true)
			rc.Mode = tfjson.ResourceMode(m)
			return err
		case "index":
			v, err := s.readValue(0)
			rc.Index = v
			return err
		case "change":
			ch, err := s.change(path+".change", keep)
			rc.Change = ch
			return err
		}
		return skipOther(s, key, resourceChangeMembers)
	})
	return rc, at(path, err)
}

func (s *scanner) change(path string, keep func(string) bool) (*tfjson.Change, error) {
	if c, err := s.peek(); err != nil {
		return nil, err
	} else if c != '{' {
		return nil, at(path, i18n.Errorf("plan.expected_change_object"))
	}
	ch := &tfjson.Change{}
	err := s.object(func(key string) error {
		switch key {
		case "actions":
			v, err := s.readValue(0)
			if err != nil {
				return at(path+".actions", err)
			}
			list, ok := v.([]any)
			if !ok && v != nil {
				return at(path+".actions", i18n.Errorf("plan.expected_actions"))
			}
			for _, a := range list {
				name, ok := a.(string)
				if !ok {
					return at(path+".actions", i18n.Errorf("plan.expected_action_names"))
				}
				ch.Actions = append(ch.Actions, tfjson.Action(name))
			}
			return nil
		case "importing":
			// An import brings an object under management: what the plan
			// says of it is new to the configuration even when its
			// actions are a no-op, so --new-only and baselines must know.
			v, err := s.readValue(0)
			if err != nil {
				return at(path+".importing", err)
			}
			switch imp := v.(type) {
			case nil:
			case map[string]any:
				ch.Importing = &tfjson.Importing{}
				ch.Importing.ID, _ = imp["id"].(string)
				ch.Importing.Unknown, _ = imp["unknown"].(bool)
			default:
				return at(path+".importing", i18n.Errorf("plan.expected_object"))
			}
			return nil
		case "before", "after", "after_unknown":
			v, err := s.values(keep, key == "after_unknown")
			switch key {
			case "before":
				ch.Before = v
			case "after":
				ch.After = v
			default:
				ch.AfterUnknown = v
			}
			if err != nil {
				return at(path+"."+key, err)
			}
			return nil
		}
		if err := skipOther(s, key, changeMembers); err != nil {
			return at(jsonpos.Member(path, key), err)
		}
		return nil
	})
	return ch, at(path, err)
}

// values decodes a resource's values, keeping the attributes keep
// accepts. Objects and lists that repeat from resource to resource (tags,
// default tags) are decoded once and shared: the inventory treats values
// as read-only. In after_unknown (unknown is set), only the "true"
// leaves matter: false and empty objects are dropped.
func (s *scanner) values(keep func(string) bool, unknown bool) (any, error) {
	c, err := s.peek()
	if err != nil {
		return nil, err
	}
	if c != '{' || keep == nil {
		return s.readValue(0)
	}
	var obj Attrs
	err = s.object(func(key string) error {
		if !keep(key) {
			return s.skip()
		}
		v, err := s.sharedValue()
		if err != nil {
			return err
		}
		if unknown {
			v = pruneUnknown(v)
			if v == nil {
				return nil
			}
		}
		if obj == nil {
			obj = make(Attrs, 0, 4)
		}
		obj = append(obj, Attr{key, v})
		return nil
	})
	if obj == nil && err == nil {
		if unknown {
			return nil, nil
		}
		return Attrs{}, nil
	}
	return obj, err
}

// maxShared bounds the size of the values sharedValue shares, and
// sharedEntries the number it remembers.
const (
	maxShared     = 1024
	sharedEntries = 1 << 16
)

// sharedValue reads a value; an object or list whose text was read before
// is returned as the value decoded then.
func (s *scanner) sharedValue() (any, error) {
	c, err := s.peek()
	if err != nil {
		return nil, err
	}
	if c != '{' && c != '[' {
		return s.readValue(1)
	}
	raw, err := s.rawInto(&s.rawBuf)
	if err != nil {
		return nil, err
	}
	if len(raw) <= maxShared {
		if v, ok := s.shared[string(raw)]; ok {
			return v, nil
		}
	}
	sub := &scanner{buf: raw, end: len(raw), eof: true, line: 1, interned: s.interned, base: s.base}
	v, err := sub.readValue(1)
	s.interned = sub.interned
	if err != nil {
		// Positions in the sub-scanner are not the file's: report the
		// problem at the end of the value.
		var se *errSyntax
		if errors.As(err, &se) {
			return nil, s.syntaxf("plan.json.in_value", se.text)
		}
		return nil, err
	}
	if len(raw) <= maxShared && len(s.shared) < sharedEntries {
		if s.shared == nil {
			s.shared = map[string]any{}
		}
		s.shared[string(raw)] = v
	}
	return v, nil
}

// pruneUnknown drops the false leaves and empty objects of an
// after_unknown value; nil when nothing is unknown. Lists keep their
// elements, whose positions matter.
func pruneUnknown(v any) any {
	switch t := v.(type) {
	case bool:
		if t {
			return true
		}
		return nil
	case map[string]any:
		var out map[string]any
		for k, e := range t {
			if p := pruneUnknown(e); p != nil {
				if out == nil {
					out = map[string]any{}
				}
				out[k] = p
			}
		}
		if out == nil {
			return nil
		}
		return out
	case []any:
		for _, e := range t {
			if pruneUnknown(e) != nil {
				return t
			}
		}
		return nil
	}
	return nil
}
