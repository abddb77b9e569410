package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// worldFile names the resources that exist already, outside the
// configuration, which data sources read as the real providers read the
// cloud: a scenario's world.json, in the directory Terraform runs in.
//
//	{"google_storage_bucket": {"acme-archive": {"location": "US-CENTRAL1",
//	  "labels": {"data_sensitivity": "sensitive"}}}}
const worldFile = "world.json"

// worldObject is one existing resource: its string attributes and its
// maps of strings (labels).
type worldObject map[string]any

// readWorld returns the existing resource of a type by name, as the real
// provider's API answers: an error when there is none.
func readWorld(typeName, name string) (worldObject, error) {
	data, err := os.ReadFile(worldFile)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s %q does not exist (no %s in the working directory: nothing exists outside the configuration)", typeName, name, worldFile)
	}
	if err != nil {
		return nil, err
	}
	var world map[string]map[string]worldObject
	if err := json.Unmarshal(data, &world); err != nil {
		return nil, fmt.Errorf("%s: %w", worldFile, err)
	}
	obj, ok := world[typeName][name]
	if !ok {
		var known []string
		for n := range world[typeName] {
			known = append(known, n)
		}
		sort.Strings(known)
		return nil, fmt.Errorf("%s %q does not exist (%s has %v)", typeName, name, worldFile, known)
	}
	return obj, nil
}

// worldValues converts an existing resource's attributes: strings, and
// maps of strings.
func worldValues(obj worldObject) (map[string]tftypes.Value, error) {
	out := map[string]tftypes.Value{}
	for k, v := range obj {
		switch v := v.(type) {
		case string:
			out[k] = stringVal(v)
		case map[string]any:
			m := map[string]tftypes.Value{}
			for mk, mv := range v {
				s, ok := mv.(string)
				if !ok {
					return nil, fmt.Errorf("%s.%s: only strings in a map", k, mk)
				}
				m[mk] = stringVal(s)
			}
			out[k] = tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, m)
		default:
			return nil, fmt.Errorf("%s: only strings and maps of strings", k)
		}
	}
	return out, nil
}

// googleBucketRead reads an existing bucket from the world, as
// data.google_storage_bucket does: its location upper-cased, its labels
// (effective_labels too), its project defaulting to the provider's.
func googleBucketRead(p *providerConfig, config map[string]tftypes.Value) (map[string]tftypes.Value, error) {
	name, _ := knownString(config["name"])
	obj, err := readWorld("google_storage_bucket", name)
	if err != nil {
		return nil, err
	}
	values, err := worldValues(obj)
	if err != nil {
		return nil, fmt.Errorf("%s: google_storage_bucket %q: %w", worldFile, name, err)
	}
	if loc, ok := knownString(values["location"]); ok {
		values["location"] = stringVal(strings.ToUpper(loc))
	}
	if _, ok := values["project"]; !ok {
		values["project"] = p.get("project")
	}
	if l, ok := values["labels"]; ok {
		values["effective_labels"] = l
	}
	values["id"] = stringVal(name)
	values["self_link"] = stringVal("https://www.googleapis.com/storage/v1/b/" + name)
	values["url"] = stringVal("gs://" + name)
	return values, nil
}
