package planfile

import (
	"fmt"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/jsonpos"
)

// This file decodes the plan's configuration with the streaming scanner
// into terraform-json's types, the fields the analysis reads only: it is
// several times faster than encoding/json's reflection and keeps less in
// memory. Resource expressions of attributes keep does not accept keep
// their references (what a resource refers to) and drop their constant
// values; nested blocks of such attributes are skipped.

// The members the reader decodes, by object, for skipOther.
var (
	configMembers         = []string{"provider_config", "root_module"}
	providerConfigMembers = []string{"name", "full_name", "alias", "module_address", "version_constraint", "expressions"}
	configModuleMembers   = []string{"outputs", "resources", "module_calls", "variables"}
	outputMembers         = []string{"expression", "sensitive"}
	moduleCallMembers     = []string{"source", "version_constraint", "expressions", "module"}
	variableMembers       = []string{"default", "sensitive"}
	configResourceMembers = []string{"address", "mode", "type", "name", "provider_config_key", "expressions"}
	expressionMembers     = []string{"constant_value", "references"}
)

func (s *scanner) configuration(keep func(string) bool) (*tfjson.Config, error) {
	if c, err := s.peek(); err != nil {
		return nil, err
	} else if c != '{' {
		return nil, i18n.Errorf("plan.expected_config")
	}
	cfg := &tfjson.Config{}
	err := s.object(func(key string) error {
		switch key {
		case "provider_config":
			cfg.ProviderConfigs = map[string]*tfjson.ProviderConfig{}
			return at("$.configuration.provider_config", s.objectOf(func(name string) error {
				pc, err := s.providerConfig()
				cfg.ProviderConfigs[name] = pc
				return err
			}))
		case "root_module":
			m, err := s.configModule("$.configuration.root_module", keep, 0)
			cfg.RootModule = m
			return err
		}
		return skipOther(s, key, configMembers)
	})
	return cfg, at("$.configuration", err)
}

// objectOf reads an object (null reads as empty), calling fn for each key.
func (s *scanner) objectOf(fn func(key string) error) error {
	c, err := s.peek()
	if err != nil {
		return err
	}
	switch c {
	case 'n':
		return s.skip()
	case '{':
		return s.object(fn)
	}
	return i18n.Errorf("plan.expected_object")
}

// arrayOf reads an array (null reads as empty), calling fn for each
// element.
func (s *scanner) arrayOf(fn func() error) error {
	c, err := s.peek()
	if err != nil {
		return err
	}
	switch c {
	case 'n':
		return s.skip()
	case '[':
		return s.array(fn)
	}
	return i18n.Errorf("plan.expected_array")
}

// optString reads a string or null.
func (s *scanner) optString(intern bool) (string, error) {
	c, err := s.peek()
	if err != nil {
		return "", err
	}
	if c == 'n' {
		return "", s.skip()
	}
	if c != '"' {
		return "", i18n.Errorf("plan.expected_string")
	}
	return s.readStringIntern(intern)
}

func (s *scanner) optBool() (bool, error) {
	v, err := s.readValue(0)
	if err != nil {
		return false, err
	}
	b, ok := v.(bool)
	if v != nil && !ok {
		return false, i18n.Errorf("plan.expected_bool")
	}
	return b, nil
}

func (s *scanner) providerConfig() (*tfjson.ProviderConfig, error) {
	pc := &tfjson.ProviderConfig{}
	err := s.objectOf(func(key string) error {
		var err error
		switch key {
		case "name":
			pc.Name, err = s.optString(true)
		case "full_name":
			pc.FullName, err = s.optString(true)
		case "alias":
			pc.Alias, err = s.optString(true)
		case "module_address":
			pc.ModuleAddress, err = s.optString(true)
		case "version_constraint":
			pc.VersionConstraint, err = s.optString(true)
		case "expressions":
			pc.Expressions, err = s.expressions(nil, 0)
		default:
			err = skipOther(s, key, providerConfigMembers)
		}
		return err
	})
	return pc, err
}

// maxModuleDepth bounds module nesting in a configuration.
const maxModuleDepth = 1000

func (s *scanner) configModule(path string, keep func(string) bool, depth int) (*tfjson.ConfigModule, error) {
	if depth > maxModuleDepth {
		return nil, at(path, i18n.Errorf("plan.module_nesting", maxModuleDepth))
	}
	m := &tfjson.ConfigModule{}
	err := s.objectOf(func(key string) error {
		switch key {
		case "outputs":
			m.Outputs = map[string]*tfjson.ConfigOutput{}
			return at(path+".outputs", s.objectOf(func(name string) error {
				o := &tfjson.ConfigOutput{}
				m.Outputs[name] = o
				return s.objectOf(func(k string) error {
					var err error
					switch k {
					case "expression":
						o.Expression, err = s.expression(true, 0)
					case "sensitive":
						o.Sensitive, err = s.optBool()
					default:
						err = skipOther(s, k, outputMembers)
					}
					return err
				})
			}))
		case "resources":
			i := 0
			return s.arrayOf(func() error {
				r, err := s.configResource(keep)
				m.Resources = append(m.Resources, r)
				i++
				if err != nil {
					return at(fmt.Sprintf("%s.resources[%d]", path, i-1), err)
				}
				return nil
			})
		case "module_calls":
			m.ModuleCalls = map[string]*tfjson.ModuleCall{}
			return s.objectOf(func(name string) error {
				mc := &tfjson.ModuleCall{}
				m.ModuleCalls[name] = mc
				callPath := jsonpos.Member(path+".module_calls", name)
				return at(callPath, s.objectOf(func(k string) error {
					var err error
					switch k {
					case "source":
						mc.Source, err = s.optString(true)
					case "version_constraint":
						mc.VersionConstraint, err = s.optString(true)
					case "expressions":
						mc.Expressions, err = s.expressions(nil, 0)
					case "module":
						mc.Module, err = s.configModule(callPath+".module", keep, depth+1)
					default:
						err = skipOther(s, k, moduleCallMembers)
					}
					return err
				}))
			})
		case "variables":
			m.Variables = map[string]*tfjson.ConfigVariable{}
			return at(path+".variables", s.objectOf(func(name string) error {
				v := &tfjson.ConfigVariable{}
				m.Variables[name] = v
				return s.objectOf(func(k string) error {
					var err error
					switch k {
					case "default":
						v.Default, err = s.readValue(0)
					case "sensitive":
						v.Sensitive, err = s.optBool()
					default:
						err = skipOther(s, k, variableMembers)
					}
					return err
				})
			}))
		}
		return skipOther(s, key, configModuleMembers)
	})
	return m, at(path, err)
}

func (s *scanner) configResource(keep func(string) bool) (*tfjson.ConfigResource, error) {
	r := &tfjson.ConfigResource{}
	err := s.objectOf(func(key string) error {
		var err error
		switch key {
		case "address":
			r.Address, err = s.optString(false)
		case "mode":
			var m string
			m, err = s.optString(true)
			r.Mode = tfjson.ResourceMode(m)
		case "type":
			r.Type, err = s.optString(true)
		case "name":
			r.Name, err = s.optString(true)
		case "provider_config_key":
			r.ProviderConfigKey, err = s.optString(true)
		case "expressions":
			r.Expressions, err = s.expressions(keep, 0)
		default:
			err = skipOther(s, key, configResourceMembers)
		}
		return err
	})
	return r, err
}

// expressions reads an object of expressions. With keep, the attributes
// it does not accept keep only their references.
func (s *scanner) expressions(keep func(string) bool, depth int) (map[string]*tfjson.Expression, error) {
	if depth > maxNesting {
		return nil, s.syntaxf("plan.json.expr_nesting", maxNesting)
	}
	out := map[string]*tfjson.Expression{}
	err := s.objectOf(func(key string) error {
		full := keep == nil || keep(key)
		if !full {
			if c, err := s.peek(); err != nil {
				return err
			} else if c != '{' {
				return s.skip() // nested blocks of an attribute not read
			}
		}
		e, err := s.expression(full, depth)
		if err != nil {
			return err
		}
		if full || len(e.References) > 0 {
			out[key] = e
		}
		return nil
	})
	return out, err
}

// expression reads one expression: an object with constant_value and
// references, or an array of nested blocks. Without full, the constant
// value is skipped.
func (s *scanner) expression(full bool, depth int) (*tfjson.Expression, error) {
	c, err := s.peek()
	if err != nil {
		return nil, err
	}
	data := &tfjson.ExpressionData{}
	switch c {
	case 'n':
		return nil, s.skip()
	case '[':
		err := s.array(func() error {
			block, err := s.expressions(nil, depth+1)
			data.NestedBlocks = append(data.NestedBlocks, block)
			return err
		})
		return &tfjson.Expression{ExpressionData: data}, err
	case '{':
	default:
		return nil, i18n.Errorf("plan.expected_expression")
	}
	err = s.object(func(key string) error {
		switch key {
		case "constant_value":
			if !full {
				return s.skip()
			}
			v, err := s.readValue(depth + 1)
			data.ConstantValue = v
			return err
		case "references":
			return s.arrayOf(func() error {
				ref, err := s.optString(true)
				data.References = append(data.References, ref)
				return err
			})
		}
		return skipOther(s, key, expressionMembers)
	})
	if len(data.References) > 0 {
		data.ConstantValue = tfjson.UnknownConstantValue
	}
	return &tfjson.Expression{ExpressionData: data}, err
}
