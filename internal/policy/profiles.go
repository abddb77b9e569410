package policy

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/trustcloud/trustcloud/internal/i18n"

	"github.com/hashicorp/hcl/v2"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

// Profile names.
const (
	// DefaultProfile is used when there is no policy file, and by policy
	// files without a profile attribute.
	DefaultProfile = "fr-cloud-au-centre"
	// ProfileNone, in a policy file only, starts from nothing: the file
	// defines every level and the default level.
	ProfileNone = "none"
)

// The tag keys and module inputs that carry a level in a policy that
// starts from "none"; the built-in profiles state the same.
var (
	defaultTagKeys      = []string{"data_sensitivity", "trustcloud_sensitivity"}
	defaultModuleInputs = []string{"data_sensitivity"}
)

// profileFiles are the built-in profiles: one policy file each, named
// after the profile.
//
//go:embed profiles/*.hcl
var profileFiles embed.FS

// builtin holds the built-in profiles by name, each parsed the first time
// it is asked for (a run reads one: the others cost no start-up time);
// Profile hands out copies.
var builtin func() map[string]func() (*Policy, error)

// init sets builtin (an initialiser would be a cycle: parsing a profile
// may name the profiles).
func init() { builtin = sync.OnceValue(lazyProfiles) }

// lazyProfiles are the built-in profiles by name, each to parse once.
func lazyProfiles() map[string]func() (*Policy, error) {
	files, err := fs.Glob(profileFiles, "profiles/*.hcl")
	if err != nil {
		panic(err)
	}
	out := make(map[string]func() (*Policy, error), len(files))
	for _, file := range files {
		name := strings.TrimSuffix(path.Base(file), ".hcl")
		out[name] = sync.OnceValues(func() (*Policy, error) {
			src, err := fs.ReadFile(profileFiles, file)
			if err != nil {
				return nil, err
			}
			return parseProfile(name, file, src)
		})
	}
	return out
}

// builtinProfile returns the built-in profile name, parsed; false when
// there is none of that name. The files are part of the program: one
// that does not parse is a defect (TestLoadProfiles parses them all, and
// shows how a broken one is reported), hence the panic.
func builtinProfile(name string) (*Policy, bool) {
	load, ok := builtin()[name]
	if !ok {
		return nil, false
	}
	p, err := load()
	if err != nil {
		panic(err)
	}
	return p, true
}

// loadProfiles parses the files profiles/NAME.hcl of fsys with the policy
// loader into the built-in profiles, by name. A profile file starts from
// nothing (profile = "none"), and it is clean: a diagnostic, even a
// warning, is an error.
func loadProfiles(fsys fs.FS) (map[string]*Policy, error) {
	files, err := fs.Glob(fsys, "profiles/*.hcl")
	if err != nil {
		return nil, err
	}
	out := make(map[string]*Policy, len(files))
	for _, file := range files {
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, err
		}
		name := strings.TrimSuffix(path.Base(file), ".hcl")
		p, err := parseProfile(name, file, src)
		if err != nil {
			return nil, err
		}
		out[name] = p
	}
	if out[DefaultProfile] == nil {
		return nil, fmt.Errorf("no built-in profile %s, the default: add profiles/%[1]s.hcl", DefaultProfile)
	}
	return out, nil
}

// parseProfile parses the built-in profile name from src, read from file.
func parseProfile(name, file string, src []byte) (*Policy, error) {
	if name == ProfileNone {
		return nil, fmt.Errorf("%s: %q is not a profile name: it starts a policy from nothing", file, ProfileNone)
	}
	p, diags := parse(file, src, true)
	if len(diags) > 0 {
		return nil, fmt.Errorf("built-in profile %s:\n%s", name, strings.TrimSuffix(FormatDiagnostics(diags), "\n"))
	}
	p.Profile = name
	p.File, p.SHA256 = "", ""
	p.DisabledAt, p.InlineAt = "", ""
	// What a profile sets has no place: reports show where a policy file
	// sets something (Effective's "at"), and the profile is no such file.
	for _, l := range p.Levels {
		l.Range = hcl.Range{}
	}
	for i := range p.Classification.Modules {
		p.Classification.Modules[i].Range = hcl.Range{}
	}
	for _, w := range p.Waivers {
		w.Range = hcl.Range{}
	}
	return p, nil
}

// Profiles lists the names of the built-in profiles, sorted.
func Profiles() []string {
	return slices.Sorted(maps.Keys(builtin()))
}

// Profile returns a new copy of a built-in profile.
func Profile(name string) (*Policy, error) {
	p, ok := builtinProfile(name)
	if !ok {
		return nil, i18n.Errorf("policy.unknown_profile_name",
			name, didYouMean(name, Profiles()), strings.Join(Profiles(), ", "))
	}
	return p.clone(), nil
}

// Default returns a new copy of the default profile, fr-cloud-au-centre.
func Default() *Policy {
	p, ok := builtinProfile(DefaultProfile)
	if !ok {
		panic("no built-in profile " + DefaultProfile + ", the default")
	}
	return p.clone()
}

// clone returns a copy of p that shares nothing a caller may change with
// p; nil lists and maps stay nil.
func (p *Policy) clone() *Policy {
	c := *p
	cl := &c.Classification
	cl.TagKeys = slices.Clone(cl.TagKeys)
	cl.ModuleInputs = slices.Clone(cl.ModuleInputs)
	cl.Aliases = maps.Clone(cl.Aliases)
	cl.Modules = slices.Clone(cl.Modules)
	cl.MayLower = slices.Clone(cl.MayLower)
	c.Levels = slices.Clone(p.Levels)
	for i, l := range c.Levels {
		lc := *l
		lc.AllowedCountries = slices.Clone(l.AllowedCountries)
		lc.RuleSeverity = maps.Clone(l.RuleSeverity)
		c.Levels[i] = &lc
	}
	c.Waivers = slices.Clone(p.Waivers)
	for i, w := range c.Waivers {
		wc := *w
		wc.Addresses = slices.Clone(w.Addresses)
		wc.Rules = slices.Clone(w.Rules)
		c.Waivers[i] = &wc
	}
	c.RuleSeverity = maps.Clone(p.RuleSeverity)
	c.TrustedRegistries = slices.Clone(p.TrustedRegistries)
	c.DisabledRules = slices.Clone(p.DisabledRules)
	return &c
}

// didYouMean returns ` (did you mean "x"?)` for the candidate closest to
// name, when it is close enough to be a likely typo, or "".
func didYouMean(name string, candidates []string) i18n.Localizer {
	best, bestDist := "", 0
	lower := strings.ToLower(name)
	for _, c := range candidates {
		d := catalog.EditDistance(lower, strings.ToLower(c))
		if best == "" || d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" || best == name || bestDist > max(2, len([]rune(name))/3) {
		return i18n.Text("")
	}
	return i18n.M("policy.did_you_mean", best)
}
