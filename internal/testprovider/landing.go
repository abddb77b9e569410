package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Where a resource lands. A plan tells what Terraform was asked to do; the
// adversarial tests need what the real provider would then have done: the
// region a resource is created in, the API endpoint that received the
// calls, the cloud (universe) it belongs to. The schemas stay the real
// providers' (no attribute is invented to carry this); instead, when
// TESTPROVIDER_LANDING names a file, every Create and Update appends one
// JSON line to it:
//
//	{"provider":"outscale/outscale","type":"outscale_net","id":"outscale_net-…",
//	 "region":"eu-west-2","zone":"","endpoint":"","universe":"","profile":"","unknown":""}
//
// The fields:
//
//	provider  source address of the provider (namespace/type)
//	type      resource type
//	id        the id the resource got: joined with the state's id to find
//	          the resource's address
//	region    the region (or multi-region location: Google's "EU") the
//	          resource is created in; "global" for a service that has no
//	          region (IAM, Route 53, a VPC network of Google); several
//	          regions joined with "," in sorted order (a DynamoDB global table's
//	          replicas, an OVHcloud database's nodes, an OVHcloud private
//	          network's regions); "" when the real provider could not tell,
//	          and unknown then says why
//	zone      the availability zone, when the resource has one
//	endpoint  the host the API calls went to, when the configuration or the
//	          environment overrides the provider's default (AWS endpoints,
//	          Outscale api endpoint, Scaleway api_url, Azure metadata_host);
//	          for OpenStack, the auth_url host (it decides the cloud); for
//	          OVHcloud, the API endpoint name or host (ovh-eu, ovh-us …)
//	universe  which cloud of the same API: Google's universe_domain
//	          (googleapis.com, s3nsapis.fr for S3NS), Azure's environment
//	          (public, china, usgovernment …)
//	profile   the named profile the credentials and defaults came from (AWS
//	          profile, Scaleway profile, Outscale profile, OpenStack cloud of
//	          clouds.yaml), when one is used
//	unknown   why the real provider could not tell where the resource goes,
//	          when it could not
//
// Several provider processes (one per provider configuration) append to
// the file at once: each line is written with a single write on a file
// opened with O_APPEND, which keeps lines whole. An update writes a new
// line for the same id: the last line of an id is the resource's place.
const landingEnv = "TESTPROVIDER_LANDING"

// landing is one line of the landing file.
type landing struct {
	Provider string `json:"provider"`
	Type     string `json:"type"`
	ID       string `json:"id"`
	Region   string `json:"region"`
	Zone     string `json:"zone"`
	Endpoint string `json:"endpoint"`
	Universe string `json:"universe"`
	Profile  string `json:"profile"`
	Unknown  string `json:"unknown"`
}

// landFunc computes where a resource of a type lands: p is the provider
// configuration as Terraform sent it on apply (known values), state the
// resource's attributes as created. It fills every field but provider,
// type and id.
type landFunc func(p *providerConfig, typeName string, t typeSpec, state map[string]tftypes.Value) landing

// recordLanding appends the landing of a created or updated resource to
// the file TESTPROVIDER_LANDING names, if any.
func (r *genericResource) recordLanding(state tftypes.Value) error {
	path := r.cfg.env(landingEnv)
	if path == "" || r.spec.land == nil {
		return nil
	}
	m := objectAttrs(state)
	l := r.spec.land(r.cfg, r.typeName, r.typ(), m)
	l.Provider, l.Type = r.spec.source, r.typeName
	l.ID, _ = knownString(m["id"])
	return appendLanding(path, l)
}

// appendLanding writes one line with a single write: with O_APPEND, the
// lines of concurrent provider processes do not interleave.
func appendLanding(path string, l landing) error {
	line, err := json.Marshal(l)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("%s: %w", landingEnv, err)
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		_ = f.Close()
		return fmt.Errorf("%s: %w", landingEnv, err)
	}
	return f.Close()
}

// attrString is a known, non-empty top-level string attribute of a state.
func attrString(m map[string]tftypes.Value, attr string) (string, bool) {
	s, ok := knownString(m[attr])
	return s, ok && s != ""
}

// firstString is the first known, non-empty string among attributes.
func firstString(m map[string]tftypes.Value, attrs ...string) string {
	for _, a := range attrs {
		if s, ok := attrString(m, a); ok {
			return s
		}
	}
	return ""
}

// endpointHost is the host of an endpoint URL ("https://s3.example:8443/x"
// → "s3.example"); a value that is not a URL (a bare host, OVHcloud's
// "ovh-eu") is kept as it is.
func endpointHost(s string) string {
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		return u.Hostname()
	}
	return s
}

// nestedStrings collects the known, non-empty strings of attribute attr in
// every element of a nested block (OVHcloud database nodes[].region).
func nestedStrings(v tftypes.Value, attr string) []string {
	if !v.IsKnown() || v.IsNull() {
		return nil
	}
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		return nil
	}
	var out []string
	for _, e := range elems {
		if s, ok := attrString(objectAttrs(e), attr); ok {
			out = append(out, s)
		}
	}
	return out
}

// stringsOf reads a known list or set of strings.
func stringsOf(v tftypes.Value) []string {
	if !v.IsKnown() || v.IsNull() {
		return nil
	}
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		return nil
	}
	var out []string
	for _, e := range elems {
		if s, ok := knownString(e); ok && s != "" {
			out = append(out, s)
		}
	}
	return out
}

// joinRegions joins distinct regions in order.
func joinRegions(regions []string) string {
	seen := map[string]bool{}
	var out []string
	for _, r := range regions {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

// envDefault is a provider default read from the first set environment
// variable among names, as the SDK's MultiEnvDefaultFunc.
func envDefault(names ...string) func(p *providerConfig) (string, bool) {
	return func(p *providerConfig) (string, bool) {
		return firstEnv(p, names...)
	}
}

func firstEnv(p *providerConfig, names ...string) (string, bool) {
	for _, n := range names {
		if s := p.env(n); s != "" {
			return s, true
		}
	}
	return "", false
}
