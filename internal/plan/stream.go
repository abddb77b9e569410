package plan

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/jsonpos"
)

// KeepFor returns the filter of resource attributes the analysis reads
// with this catalog: location, replica and parent attributes of every
// provider, tags and labels, and the attributes resources are named by.
// The streaming reader decodes those and skips the others.
func KeepFor(cat *catalog.Catalog) func(string) bool {
	keep := map[string]bool{}
	add := func(path string) {
		first, _, _ := strings.Cut(path, ".")
		keep[strings.TrimSuffix(first, "[]")] = true
	}
	for _, p := range cat.Providers() {
		for _, a := range p.ResourceAttributes {
			add(a.Path)
		}
		for _, a := range p.ParentAttributes {
			add(a)
		}
	}
	for _, a := range genericAttributes {
		add(a.Path)
	}
	for _, a := range append(append([]string{}, tagAttributes...), identityAttributes...) {
		add(a)
	}
	return func(attr string) bool { return keep[attr] }
}

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
	s := newScanner(r)
	c, err := s.peek()
	if err != nil {
		if s.rerr != nil {
			return nil, &Error{File: name, Msg: fmt.Sprintf("cannot read the plan: %v", s.rerr)}
		}
		return nil, &Error{File: name, Msg: "the file is empty: expected the output of `terraform show -json PLANFILE`"}
	}
	if c != '{' {
		line, col := s.position()
		return nil, &Error{File: name, Where: fmt.Sprintf("line %d, column %d", line, col), Msg: "not a Terraform plan: expected a JSON object (the output of `terraform show -json PLANFILE`)"}
	}
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
			return s.resourceChanges(p, keep)
		case "configuration":
			if c, err := s.peek(); err == nil && c == 'n' {
				return s.skip()
			}
			cfg, err := s.configuration(keep)
			p.Config = cfg
			return err
		}
		return at(jsonpos.Member("$", key), s.skip())
	})
	if err == nil && !s.atEnd() {
		err = s.errorf("unexpected data after the plan object")
	}
	if s.rerr != nil {
		return nil, &Error{File: name, Msg: fmt.Sprintf("cannot read the plan: %v", s.rerr)}
	}
	if err != nil {
		return nil, planError(name, err)
	}
	if !seen["format_version"] {
		return nil, &Error{File: name, Where: "$.format_version", Msg: "missing: this is not the output of `terraform show -json PLANFILE`"}
	}
	if !seen["resource_changes"] && !seen["planned_values"] && seen["values"] {
		return nil, &Error{File: name, Msg: "this is a Terraform state (`terraform show -json` without a plan file), not a plan: run `terraform plan -out=plan.tfplan && terraform show -json plan.tfplan`"}
	}
	if !seen["resource_changes"] && !seen["planned_values"] && !seen["configuration"] {
		// Other `terraform ... -json` outputs (providers schema, metadata
		// functions) have a format_version too: an empty plan would pass.
		return nil, &Error{File: name, Msg: "not a Terraform plan: it has none of resource_changes, planned_values or configuration (the output of `terraform show -json PLANFILE` has them)"}
	}
	if major, _, _ := strings.Cut(p.FormatVersion, "."); major != "0" && major != "1" {
		return nil, &Error{File: name, Where: "$.format_version", Msg: fmt.Sprintf("unsupported plan format version %q: trustcloud reads formats 0.1 to 1.x (Terraform 0.12 and later)", p.FormatVersion)}
	}
	return p, nil
}

// planError turns a scanner or decoding error into an *Error naming the
// file, the position and the JSON path.
func planError(name string, err error) error {
	path := ""
	var pe *pathError
	if errors.As(err, &pe) {
		path = pe.path
		err = pe.err
	}
	var se *errSyntax
	if errors.As(err, &se) {
		where := fmt.Sprintf("line %d, column %d", se.line, se.col)
		msg := "invalid JSON: " + se.msg
		if strings.Contains(se.msg, "ends too early") {
			msg = "invalid JSON: the file ends too early (truncated?)"
		}
		if path != "" {
			msg += " (in " + path + ")"
		}
		return &Error{File: name, Where: where, Msg: msg}
	}
	if path == "" {
		path = "$"
	}
	return &Error{File: name, Where: path, Msg: err.Error()}
}

func (s *scanner) variables(p *tfjson.Plan) error {
	v, err := s.readValue(0)
	if err != nil {
		return err
	}
	m, ok := v.(map[string]any)
	if v != nil && !ok {
		return fmt.Errorf("expected an object")
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
		return at("$.resource_changes", fmt.Errorf("expected an array of resource changes"))
	}
	i := 0
	return s.array(func() error {
		path := "$.resource_changes[" + strconv.Itoa(i) + "]"
		i++
		rc, err := s.resourceChange(path, keep)
		if err != nil {
			return err
		}
		p.ResourceChanges = append(p.ResourceChanges, rc)
		return nil
	})
}

func (s *scanner) resourceChange(path string, keep func(string) bool) (*tfjson.ResourceChange, error) {
	if c, err := s.peek(); err != nil {
		return nil, at(path, err)
	} else if c != '{' {
		return nil, at(path, fmt.Errorf("expected a resource change object"))
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
			return at(path+"."+key, fmt.Errorf("expected a string"))
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
		return s.skip()
	})
	return rc, at(path, err)
}

func (s *scanner) change(path string, keep func(string) bool) (*tfjson.Change, error) {
	if c, err := s.peek(); err != nil {
		return nil, err
	} else if c != '{' {
		return nil, at(path, fmt.Errorf("expected a change object"))
	}
	ch := &tfjson.Change{}
	err := s.object(func(key string) error {
		switch key {
		case "actions":
			v, err := s.readValue(0)
			if err != nil {
				return err
			}
			list, ok := v.([]any)
			if !ok && v != nil {
				return at(path+".actions", fmt.Errorf("expected an array of actions"))
			}
			for _, a := range list {
				name, ok := a.(string)
				if !ok {
					return at(path+".actions", fmt.Errorf("expected action names"))
				}
				ch.Actions = append(ch.Actions, tfjson.Action(name))
			}
			return nil
		case "before":
			v, err := s.values(keep, false)
			ch.Before = v
			return err
		case "after":
			v, err := s.values(keep, false)
			ch.After = v
			return err
		case "after_unknown":
			v, err := s.values(keep, true)
			ch.AfterUnknown = v
			return err
		}
		return s.skip()
	})
	return ch, err
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
	var obj attrs
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
			obj = make(attrs, 0, 4)
		}
		obj = append(obj, attrValue{key, v})
		return nil
	})
	if obj == nil && err == nil {
		if unknown {
			return nil, nil
		}
		return attrs{}, nil
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
			return nil, s.errorf("%s (in the value ending here)", se.msg)
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
