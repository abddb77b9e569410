package policy

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/trustcloud/trustcloud/internal/i18n"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/gocty"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

// The file schema. Attributes are kept as *hcl.Attribute so that the
// decoder knows which ones are set (a redefined level only changes those)
// and where each one is, for diagnostics.

type fileBody struct {
	Profile      *hcl.Attribute `hcl:"profile,optional"`
	RuleSeverity *hcl.Attribute `hcl:"rule_severity,optional"`
	// TrustedRegistries lists private registry hosts (mirrors) whose
	// providers are taken for the public ones of the same namespace and
	// type.
	TrustedRegistries *hcl.Attribute `hcl:"trusted_registries,optional"`
	// ExpiryWarningDays is how many days before a qualification's expiry
	// TC010 warns.
	ExpiryWarningDays *hcl.Attribute `hcl:"expiry_warning_days,optional"`
	// MaxWaiverDays bounds a waiver's lifetime from its approved_on.
	MaxWaiverDays *hcl.Attribute `hcl:"max_waiver_days,optional"`
	// DisabledRules lists the rules switched off.
	DisabledRules *hcl.Attribute `hcl:"disabled_rules,optional"`
	// AllowInlineWaivers lets waiver comments in the .tf files apply.
	AllowInlineWaivers *hcl.Attribute       `hcl:"allow_inline_waivers,optional"`
	Classification     *classificationBlock `hcl:"classification,block"`
	Levels             []*levelBlock        `hcl:"level,block"`
	Waivers            []*waiverBlock       `hcl:"waiver,block"`
}

type classificationBlock struct {
	DefaultLevel *hcl.Attribute `hcl:"default_level,optional"`
	TagKeys      *hcl.Attribute `hcl:"tag_keys,optional"`
	ModuleInputs *hcl.Attribute `hcl:"module_inputs,optional"`
	Aliases      *hcl.Attribute `hcl:"aliases,optional"`
	// UnclassifiedLevel judges resources whose classification cannot be
	// read (TC012).
	UnclassifiedLevel *hcl.Attribute `hcl:"unclassified_level,optional"`
	// MayLower names the signals allowed to lower a level.
	MayLower *hcl.Attribute `hcl:"may_lower,optional"`
	Modules  []*moduleBlock `hcl:"module,block"`
}

type moduleBlock struct {
	Glob      string         `hcl:"glob,label"`
	GlobRange hcl.Range      `hcl:"glob,label_range"`
	Level     *hcl.Attribute `hcl:"level,optional"` // required: checked for a better message
	DefRange  hcl.Range      `hcl:",def_range"`
}

type levelBlock struct {
	Name                  string         `hcl:"name,label"`
	NameRange             hcl.Range      `hcl:"name,label_range"`
	DefRange              hcl.Range      `hcl:",def_range"`
	Description           *hcl.Attribute `hcl:"description,optional"`
	AllowedArea           *hcl.Attribute `hcl:"allowed_area,optional"`
	AllowedCountries      *hcl.Attribute `hcl:"allowed_countries,optional"`
	RequireSecNumCloud    *hcl.Attribute `hcl:"require_secnumcloud,optional"`
	AllowPending          *hcl.Attribute `hcl:"allow_pending,optional"`
	RequireKnownLocation  *hcl.Attribute `hcl:"require_known_location,optional"`
	UnknownLocation       *hcl.Attribute `hcl:"unknown_location,optional"`
	AllowExtraterritorial *hcl.Attribute `hcl:"allow_extraterritorial,optional"`
	Severity              *hcl.Attribute `hcl:"severity,optional"`
	RuleSeverity          *hcl.Attribute `hcl:"rule_severity,optional"`
}

type waiverBlock struct {
	ID         string         `hcl:"id,label"`
	IDRange    hcl.Range      `hcl:"id,label_range"`
	DefRange   hcl.Range      `hcl:",def_range"`
	Addresses  *hcl.Attribute `hcl:"addresses,optional"`
	Rules      *hcl.Attribute `hcl:"rules,optional"`
	Reason     *hcl.Attribute `hcl:"reason,optional"`
	Expires    *hcl.Attribute `hcl:"expires,optional"`
	ApprovedBy *hcl.Attribute `hcl:"approved_by,optional"`
	ApprovedOn *hcl.Attribute `hcl:"approved_on,optional"`
	CoversNew  *hcl.Attribute `hcl:"covers_new,optional"`
}

// Load reads and validates the policy file at path; an empty path gives
// the default profile. Diagnostics carry the file and position of each
// problem; the policy is nil when they hold an error.
func Load(path string) (*Policy, hcl.Diagnostics) {
	if path == "" {
		return Default(), nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		detail := err.Error()
		var pe *fs.PathError
		if errors.As(err, &pe) {
			detail = pe.Err.Error()
		}
		return nil, hcl.Diagnostics{diagnostic(&hcl.Range{Filename: path},
			i18n.M("policy.cannot_read"), i18n.M("policy.cannot_read.detail", detail))}
	}
	return Parse(path, src)
}

// Parse decodes and validates a policy from src; filename names it in
// diagnostics, and a name ending in ".json" selects HCL's JSON syntax.
// The policy is nil when the diagnostics hold an error.
func Parse(filename string, src []byte) (*Policy, hcl.Diagnostics) {
	return parse(filename, src, false)
}

// parse is Parse; builtin says that src is a built-in profile's file,
// which must start from nothing (see loadProfiles).
func parse(filename string, src []byte, builtin bool) (*Policy, hcl.Diagnostics) {
	var file *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(filename, ".json") {
		file, diags = hcljson.Parse(src, filename)
	} else {
		file, diags = hclsyntax.ParseConfig(src, filename, hcl.InitialPos)
	}
	if diags.HasErrors() {
		return nil, diags
	}
	var raw fileBody
	d := &decoder{diags: append(diags, gohcl.DecodeBody(file.Body, nil, &raw)...), builtin: builtin}
	p := d.policy(&raw, file.Body)
	if d.diags.HasErrors() {
		return nil, d.diags
	}
	p.File = filename
	sum := sha256.Sum256(src)
	p.SHA256 = hex.EncodeToString(sum[:])
	return p, d.diags
}

// decoder accumulates diagnostics while it turns the raw file into a
// policy, so that one run reports every problem it can.
type decoder struct {
	diags hcl.Diagnostics
	// builtin is true for a built-in profile's file.
	builtin bool
}

// diagf adds an error at subject: its summary, and its detail as the
// message detailKey of the i18n catalogs with args. The diagnostic says
// them in English, and carries them for other languages (see
// FormatDiagnosticsIn).
func (d *decoder) diagf(subject hcl.Range, summary i18n.Msg, detailKey string, args ...any) {
	d.diags = append(d.diags, diagnostic(subject.Ptr(), summary, i18n.M(detailKey, args...)))
}

func (d *decoder) policy(raw *fileBody, body hcl.Body) *Policy {
	if d.builtin && raw.Profile == nil {
		d.diagf(body.MissingItemRange(), i18n.M("policy.built_in_profile_must_start_from_nothing"), "policy.built_in_profile_must_start_from_nothing.detail")
		return nil
	}
	p := d.profile(raw.Profile)
	if p == nil {
		// Without its base, every reference to a level would be reported
		// again as unknown: stop at the unknown profile.
		return nil
	}
	if raw.RuleSeverity != nil {
		p.RuleSeverity = d.ruleSeverities(raw.RuleSeverity, p.RuleSeverity)
	}
	if raw.TrustedRegistries != nil {
		p.TrustedRegistries = d.registries(raw.TrustedRegistries)
	}
	if a := raw.ExpiryWarningDays; a != nil {
		v, diags := a.Expr.Value(nil)
		var days int
		if diags.HasErrors() || v.Type() != cty.Number || v.IsNull() || !v.IsKnown() || gocty.FromCtyValue(v, &days) != nil || days < 0 || days > 3650 {
			d.diagf(a.Expr.Range(), i18n.M("policy.invalid_expiry_warning_days"), "policy.invalid_expiry_warning_days.detail")
		} else {
			p.ExpiryWarningDays = days
		}
	}
	if a := raw.MaxWaiverDays; a != nil {
		v, diags := a.Expr.Value(nil)
		var days int
		if diags.HasErrors() || v.Type() != cty.Number || v.IsNull() || !v.IsKnown() || gocty.FromCtyValue(v, &days) != nil || days < 1 || days > 3650 {
			d.diagf(a.Expr.Range(), i18n.M("policy.invalid_max_waiver_days"), "policy.invalid_max_waiver_days.detail")
		} else {
			p.MaxWaiverDays = days
		}
	}
	if a := raw.DisabledRules; a != nil {
		p.DisabledRules = d.disabledRules(a, p.DisabledRules)
		p.DisabledAt = at(a.NameRange)
	}
	if a := raw.AllowInlineWaivers; a != nil {
		d.boolean(a, &p.AllowInlineWaivers)
		p.InlineAt = at(a.NameRange)
	}
	d.levels(p, raw.Levels)
	if raw.Classification != nil {
		d.classification(p, raw.Classification)
	}
	d.waivers(p, raw.Waivers)

	switch {
	case len(p.Levels) == 0:
		d.diagf(body.MissingItemRange(), i18n.M("policy.no_levels"), "policy.no_levels.detail")
	case p.Classification.DefaultLevel == "":
		d.diagf(body.MissingItemRange(), i18n.M("policy.missing_default_level"), "policy.missing_default_level.detail")
	}
	return p
}

// profile returns the base the file starts from.
func (d *decoder) profile(attr *hcl.Attribute) *Policy {
	if attr == nil {
		return Default()
	}
	known := append(Profiles(), ProfileNone)
	val, diags := attr.Expr.Value(nil)
	if diags.HasErrors() || len(attr.Expr.Variables()) > 0 || val.IsNull() || !val.IsWhollyKnown() ||
		!val.Type().Equals(cty.String) {
		d.diagf(attr.Expr.Range(), i18n.M("policy.invalid_profile"), "policy.invalid_profile.detail", quoteList(known))
		return nil
	}
	name := val.AsString()
	if d.builtin && name != ProfileNone {
		d.diagf(attr.Expr.Range(), i18n.M("policy.built_in_profile_must_start_from_nothing"), "policy.built_in_profile_must_start_from_nothing.detail2")
		return nil
	}
	if name == ProfileNone {
		return &Policy{
			Profile: ProfileNone,
			Classification: Classification{
				TagKeys:      slices.Clone(defaultTagKeys),
				ModuleInputs: slices.Clone(defaultModuleInputs),
				Aliases:      map[string]string{},
			},
			RuleSeverity: map[string]Severity{},
		}
	}
	p, err := Profile(name)
	if err != nil {
		d.diagf(attr.Expr.Range(), i18n.M("policy.unknown_profile", name),
			"policy.unknown_profile.detail", quoteList(known), didYouMean(name, known))
		return nil
	}
	return p
}

// levelName is the syntax of level names; other spellings are aliases.
var levelName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

func (d *decoder) levels(p *Policy, blocks []*levelBlock) {
	seen := map[string]*levelBlock{}
	for _, b := range blocks {
		if !levelName.MatchString(b.Name) {
			d.diagf(b.NameRange, i18n.M("policy.invalid_level_name"), "policy.invalid_level_name.detail", b.Name)
			continue
		}
		if first, dup := seen[b.Name]; dup {
			d.diagf(b.NameRange, i18n.M("policy.duplicate_level"), "policy.duplicate_level.detail", b.Name, first.NameRange)
			continue
		}
		seen[b.Name] = b
		l := p.Level(b.Name)
		if l == nil {
			l = &Level{
				Name:                  b.Name,
				AllowedArea:           AreaAny,
				UnknownLocation:       UnknownDeny,
				AllowExtraterritorial: true,
				Severity:              SeverityMedium,
			}
			p.Levels = append(p.Levels, l)
		}
		l.Range = b.DefRange
		d.level(l, b)
	}
}

func (d *decoder) level(l *Level, b *levelBlock) {
	if b.Description != nil {
		if s, ok := d.str(b.Description.Expr); ok {
			l.Description = s
		}
	}
	if b.AllowedArea != nil {
		if s, ok := d.str(b.AllowedArea.Expr); ok {
			switch {
			case strings.EqualFold(s, AreaEU):
				l.AllowedArea = AreaEU
			case strings.EqualFold(s, AreaEEA):
				l.AllowedArea = AreaEEA
			case strings.EqualFold(s, AreaAny):
				l.AllowedArea = AreaAny
			default:
				d.diagf(b.AllowedArea.Expr.Range(), i18n.M("policy.invalid_allowed_area"), "policy.invalid_allowed_area.detail", s)
			}
		}
		// A redefined area would be hidden by the profile's countries.
		if b.AllowedCountries == nil {
			l.AllowedCountries = nil
		}
	}
	if b.AllowedCountries != nil {
		if items, ok := d.strList(b.AllowedCountries.Expr); ok {
			l.AllowedCountries = nil
			for _, it := range items {
				code := strings.ToUpper(strings.TrimSpace(it.value))
				switch {
				case !catalog.ValidCountry(code):
					d.diagf(it.rng, i18n.M("policy.invalid_country_code"), "policy.invalid_country_code.detail", it.value)
				case !slices.Contains(l.AllowedCountries, code):
					l.AllowedCountries = append(l.AllowedCountries, code)
				}
			}
		}
	}
	d.boolean(b.RequireSecNumCloud, &l.RequireSecNumCloud)
	d.boolean(b.AllowPending, &l.AllowPending)
	d.boolean(b.RequireKnownLocation, &l.RequireKnownLocation)
	d.boolean(b.AllowExtraterritorial, &l.AllowExtraterritorial)
	if b.UnknownLocation != nil {
		if s, ok := d.str(b.UnknownLocation.Expr); ok {
			switch v := strings.ToLower(s); v {
			case UnknownDeny, UnknownWarn:
				l.UnknownLocation = v
			default:
				d.diagf(b.UnknownLocation.Expr.Range(), i18n.M("policy.invalid_unknown_location"), "policy.invalid_unknown_location.detail", s)
			}
		}
	}
	if b.Severity != nil {
		if sev, ok := d.severity(b.Severity.Expr); ok {
			l.Severity = sev
		}
	}
	if b.RuleSeverity != nil {
		l.RuleSeverity = d.ruleSeverities(b.RuleSeverity, l.RuleSeverity)
	}
}

// ruleSeverities decodes a map of rule ids to severities and adds it to
// into (which may be nil).
func (d *decoder) ruleSeverities(attr *hcl.Attribute, into map[string]Severity) map[string]Severity {
	pairs, ok := d.strMap(attr.Expr)
	if !ok {
		return into
	}
	out := make(map[string]Severity, len(into)+len(pairs))
	for k, v := range into {
		out[k] = v
	}
	seen := map[string]bool{}
	for _, kv := range pairs {
		id, known := canonicalRule(kv.key)
		if !known {
			d.unknownRule(kv.keyRange, kv.key)
			continue
		}
		if judgesPolicy(id) {
			d.policyRule(kv.keyRange, id, i18n.M("policy.rule_relaxed.severity"))
			continue
		}
		if seen[id] {
			d.diagf(kv.keyRange, i18n.M("policy.duplicate_rule"), "policy.duplicate_rule.detail", id)
			continue
		}
		seen[id] = true
		if sev, ok := parseSeverity(kv.value); ok {
			out[id] = sev
		} else {
			d.badSeverity(kv.valueRange, kv.value)
		}
	}
	return out
}

// disabledRules decodes disabled_rules: the profile's disabled rules
// (base) with the file's added, each once. An unknown rule, or TC013,
// which judges the policy itself, is an error.
func (d *decoder) disabledRules(attr *hcl.Attribute, base []string) []string {
	items, ok := d.strList(attr.Expr)
	if !ok {
		return base
	}
	out := slices.Clone(base)
	seen := map[string]bool{}
	for _, it := range items {
		id, known := canonicalRule(it.value)
		switch {
		case !known:
			d.unknownRule(it.rng, it.value)
		case judgesPolicy(id):
			d.policyRule(it.rng, id, i18n.M("policy.rule_relaxed.disabled"))
		case seen[id]:
			d.diagf(it.rng, i18n.M("policy.duplicate_rule"), "policy.duplicate_rule.detail2", id)
		default:
			seen[id] = true
			if !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	slices.Sort(out)
	return out
}

func (d *decoder) classification(p *Policy, c *classificationBlock) {
	cl := &p.Classification
	// Aliases first: default_level and module rules may use them.
	if c.Aliases != nil {
		if aliases, ok := d.aliases(p, c.Aliases); ok {
			cl.Aliases = aliases
		}
	}
	if name, ok := d.levelAttr(p, c.DefaultLevel); ok {
		cl.DefaultLevel = name
	}
	if kinds, ok := d.uniqueItems(c.MayLower, cl.MayLower, func(it item) bool {
		if slices.Contains(SignalKinds, it.value) {
			return true
		}
		d.diagf(it.rng, i18n.M("policy.unknown_classification_signal"), "policy.unknown_classification_signal.detail", it.value, strings.Join(SignalKinds, ", "))
		return false
	}); ok {
		cl.MayLower = kinds
	}
	if name, ok := d.levelAttr(p, c.UnclassifiedLevel); ok {
		cl.UnclassifiedLevel = name
	}
	if keys, ok := d.uniqueItems(c.TagKeys, []string{}, func(it item) bool {
		if strings.TrimSpace(it.value) != "" {
			return true
		}
		d.diagf(it.rng, i18n.M("policy.empty_tag_key"), "policy.empty_tag_key.detail")
		return false
	}); ok {
		cl.TagKeys = keys
	}
	if inputs, ok := d.uniqueItems(c.ModuleInputs, []string{}, func(it item) bool {
		if hclsyntax.ValidIdentifier(it.value) {
			return true
		}
		d.diagf(it.rng, i18n.M("policy.invalid_module_input"), "policy.invalid_module_input.detail", it.value)
		return false
	}); ok {
		cl.ModuleInputs = inputs
	}
	d.moduleRules(p, c.Modules)
}

// aliases decodes the aliases attribute: the profile's aliases, with the
// file's added or replacing them. An alias is a word (compared without
// case) for a level; it must name a level, not another alias, and must
// not be a level's own name, which would win over it. ok is false when the
// attribute is not a map of strings.
func (d *decoder) aliases(p *Policy, attr *hcl.Attribute) (map[string]string, bool) {
	pairs, ok := d.strMap(attr.Expr)
	if !ok {
		return nil, false
	}
	cl := &p.Classification
	aliases := make(map[string]string, len(cl.Aliases)+len(pairs))
	for k, v := range cl.Aliases {
		aliases[k] = v
	}
	seen := map[string]bool{}
	for _, kv := range pairs {
		key := strings.ToLower(strings.TrimSpace(kv.key))
		switch {
		case key == "":
			d.diagf(kv.keyRange, i18n.M("policy.empty_alias"), "policy.empty_alias.detail")
			continue
		case seen[key]:
			d.diagf(kv.keyRange, i18n.M("policy.duplicate_alias"), "policy.duplicate_alias.detail", kv.key)
			continue
		}
		seen[key] = true
		target := p.Level(kv.value)
		if target == nil {
			d.unknownLevel(p, kv.valueRange, kv.value, i18n.M("policy.alias_names_level"))
			continue
		}
		if l := p.Level(key); l != nil && l != target {
			d.diagf(kv.keyRange, i18n.M("policy.alias_hides_a_level"), "policy.alias_hides_a_level.detail", kv.key)
			continue
		}
		aliases[key] = target.Name
	}
	return aliases, true
}

// levelAttr decodes an attribute that names a level or an alias: the
// level's name, ok false when the attribute is absent or does not name
// one.
func (d *decoder) levelAttr(p *Policy, attr *hcl.Attribute) (string, bool) {
	if attr == nil {
		return "", false
	}
	s, ok := d.str(attr.Expr)
	if !ok {
		return "", false
	}
	return d.levelRef(p, attr.Expr.Range(), s)
}

// uniqueItems decodes a list attribute of strings: base with the items
// valid accepts (it diagnoses the others) appended, each once. ok is false
// when the attribute is absent or not a list of strings.
func (d *decoder) uniqueItems(attr *hcl.Attribute, base []string, valid func(it item) bool) ([]string, bool) {
	if attr == nil {
		return nil, false
	}
	items, ok := d.strList(attr.Expr)
	if !ok {
		return nil, false
	}
	out := base
	for _, it := range items {
		if valid(it) && !slices.Contains(out, it.value) {
			out = append(out, it.value)
		}
	}
	return out, true
}

// moduleRules decodes the module blocks: a rule needs a valid glob and a
// level.
func (d *decoder) moduleRules(p *Policy, blocks []*moduleBlock) {
	cl := &p.Classification
	for _, m := range blocks {
		globOK := d.moduleGlob(m)
		if m.Level == nil {
			d.diagf(m.DefRange, i18n.M("policy.missing_module_level"), "policy.missing_module_level.detail", m.Glob)
			continue
		}
		s, ok := d.str(m.Level.Expr)
		if !ok {
			continue
		}
		name, ok := d.levelRef(p, m.Level.Expr.Range(), s)
		if ok && globOK {
			cl.Modules = append(cl.Modules, ModuleRule{Glob: m.Glob, Level: name, Range: m.DefRange})
		}
	}
}

// moduleGlob checks the label of a module block.
func (d *decoder) moduleGlob(m *moduleBlock) bool {
	if _, err := compileGlob(m.Glob); err != nil {
		d.diagf(m.GlobRange, i18n.M("policy.invalid_module_glob"), "policy.invalid_module_glob.syntax", m.Glob, err)
		return false
	}
	steps, _ := splitGlob(m.Glob)
	if first := steps[0].name; first != "**" && !regexp.MustCompile(`^`+nameRE(first)+`$`).MatchString("module") {
		d.diagf(m.GlobRange, i18n.M("policy.invalid_module_glob"), "policy.invalid_module_glob.detail", m.Glob)
		return false
	}
	return true
}

func (d *decoder) waivers(p *Policy, blocks []*waiverBlock) {
	seen := map[string]*waiverBlock{}
	for _, b := range blocks {
		if strings.TrimSpace(b.ID) == "" {
			d.diagf(b.IDRange, i18n.M("policy.empty_waiver_id"), "policy.empty_waiver_id.detail")
			continue
		}
		if first, dup := seen[b.ID]; dup {
			d.diagf(b.IDRange, i18n.M("policy.duplicate_waiver"), "policy.duplicate_waiver.detail", b.ID, first.IDRange)
			continue
		}
		seen[b.ID] = b
		w := &Waiver{ID: b.ID, Range: b.DefRange}
		w.Addresses = d.waiverAddresses(b)
		w.Rules = d.waiverRules(b)
		w.Reason = d.requiredText(b, b.Reason, "reason", i18n.M("policy.waiver_says.reason"))
		w.ApprovedBy = d.requiredText(b, b.ApprovedBy, "approved_by", i18n.M("policy.waiver_says.approved_by"))
		w.Expires = d.waiverExpiry(b)
		d.boolean(b.CoversNew, &w.CoversNew)
		w.ApprovedOn = d.waiverApproval(p, b, w.Expires)
		p.Waivers = append(p.Waivers, w)
	}
}

// waiverAddresses decodes the address globs a waiver covers: it must
// list some, and each must compile.
func (d *decoder) waiverAddresses(b *waiverBlock) []string {
	if b.Addresses == nil {
		d.diagf(b.DefRange, i18n.M("policy.missing_waiver_addresses"), "policy.missing_waiver_addresses.detail", b.ID)
		return nil
	}
	items, ok := d.strList(b.Addresses.Expr)
	if !ok {
		return nil
	}
	if len(items) == 0 {
		d.diagf(b.Addresses.Expr.Range(), i18n.M("policy.empty_waiver_addresses"), "policy.empty_waiver_addresses.detail", b.ID)
	}
	var out []string
	for _, it := range items {
		if _, err := compileGlob(it.value); err != nil {
			d.diagf(it.rng, i18n.M("policy.invalid_address_glob"), "policy.invalid_address_glob.detail", it.value, err)
			continue
		}
		out = append(out, it.value)
	}
	return out
}

// waiverRules decodes the rules a waiver exempts from (none: every rule),
// each once; the rules that judge the policy file itself cannot be
// waived.
func (d *decoder) waiverRules(b *waiverBlock) []string {
	if b.Rules == nil {
		return nil
	}
	items, ok := d.strList(b.Rules.Expr)
	if !ok {
		return nil
	}
	var out []string
	for _, it := range items {
		id, known := canonicalRule(it.value)
		switch {
		case !known:
			d.unknownRule(it.rng, it.value)
		case judgesPolicy(id):
			d.policyRule(it.rng, id, i18n.M("policy.rule_relaxed.waived"))
		case !slices.Contains(out, id):
			out = append(out, id)
		}
	}
	return out
}

// waiverExpiry decodes the last day of a waiver's validity, which every
// waiver must give.
func (d *decoder) waiverExpiry(b *waiverBlock) time.Time {
	if b.Expires == nil {
		d.diagf(b.DefRange, i18n.M("policy.missing_waiver_expiry"), "policy.missing_waiver_expiry.detail", b.ID)
		return time.Time{}
	}
	s, ok := d.str(b.Expires.Expr)
	if !ok {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		d.diagf(b.Expires.Expr.Range(), i18n.M("policy.invalid_expiry_date"), "policy.invalid_expiry_date.detail", s)
	}
	return t
}

// waiverApproval decodes the day a waiver was approved, which every
// waiver must give: the waiver, expiring on expires (zero when not
// known), must not end before it, nor last longer than the policy's
// max_waiver_days.
func (d *decoder) waiverApproval(p *Policy, b *waiverBlock, expires time.Time) time.Time {
	if b.ApprovedOn == nil {
		d.diagf(b.DefRange, i18n.M("policy.missing_waiver_approval_date"), "policy.missing_waiver_approval_date.detail", b.ID, p.MaxWaiverDays)
		return time.Time{}
	}
	s, ok := d.str(b.ApprovedOn.Expr)
	if !ok {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	switch {
	case err != nil:
		d.diagf(b.ApprovedOn.Expr.Range(), i18n.M("policy.invalid_approval_date"), "policy.invalid_approval_date.detail", s)
	case !expires.IsZero() && expires.Before(t):
		d.diagf(b.Expires.Expr.Range(), i18n.M("policy.waiver_ends_before_its_approval"), "policy.waiver_ends_before_its_approval.detail", b.ID, expires.Format(time.DateOnly), s)
	case !expires.IsZero() && p.MaxWaiverDays > 0 && expires.After(t.AddDate(0, 0, p.MaxWaiverDays)):
		d.diagf(b.Expires.Expr.Range(), i18n.M("policy.waiver_too_long"), "policy.waiver_too_long.detail",
			b.ID, s, expires.Format(time.DateOnly), p.MaxWaiverDays)
	}
	return t
}

// requiredText decodes a waiver attribute that must be a non-empty string.
func (d *decoder) requiredText(b *waiverBlock, attr *hcl.Attribute, name string, what i18n.Msg) string {
	if attr == nil {
		d.diagf(b.DefRange, i18n.M("policy.missing_waiver_attribute", name),
			"policy.missing_waiver_attribute.detail", b.ID, what, name)
		return ""
	}
	s, ok := d.str(attr.Expr)
	if ok && strings.TrimSpace(s) == "" {
		d.diagf(attr.Expr.Range(), i18n.M("policy.empty_waiver_attribute", name), "policy.empty_waiver_attribute.detail", b.ID, what)
	}
	return s
}

// levelRef resolves a level name or alias written in the file.
func (d *decoder) levelRef(p *Policy, rng hcl.Range, value string) (string, bool) {
	if name, ok := p.NormalizeLevel(value); ok {
		return name, true
	}
	d.unknownLevel(p, rng, value, i18n.Text(""))
	return "", false
}

func (d *decoder) unknownLevel(p *Policy, rng hcl.Range, value string, hint i18n.Localizer) {
	names := make([]string, len(p.Levels))
	for i, l := range p.Levels {
		names[i] = l.Name
	}
	d.diagf(rng, i18n.M("policy.unknown_level", value),
		"policy.unknown_level.detail", hint, quoteList(names), didYouMean(value, names))
}

func (d *decoder) unknownRule(rng hcl.Range, value string) {
	d.diagf(rng, i18n.M("policy.unknown_rule", value), "policy.unknown_rule.detail",
		strings.Join(ruleIDs(), ", "), didYouMean(value, ruleIDs()))
}

func (d *decoder) badSeverity(rng hcl.Range, value string) {
	names := make([]string, len(Severities))
	for i, s := range Severities {
		names[i] = string(s)
	}
	d.diagf(rng, i18n.M("policy.invalid_severity"), "policy.invalid_severity.detail", value, quoteList(names))
}

func (d *decoder) severity(expr hcl.Expression) (Severity, bool) {
	s, ok := d.str(expr)
	if !ok {
		return "", false
	}
	sev, ok := parseSeverity(s)
	if !ok {
		d.badSeverity(expr.Range(), s)
	}
	return sev, ok
}

func (d *decoder) boolean(attr *hcl.Attribute, into *bool) {
	if attr == nil || !d.constant(attr.Expr) {
		return
	}
	var b bool
	diags := gohcl.DecodeExpression(attr.Expr, nil, &b)
	d.diags = append(d.diags, diags...)
	if !diags.HasErrors() {
		*into = b
	}
}

func (d *decoder) str(expr hcl.Expression) (string, bool) {
	if !d.constant(expr) {
		return "", false
	}
	var s string
	diags := gohcl.DecodeExpression(expr, nil, &s)
	d.diags = append(d.diags, diags...)
	return s, !diags.HasErrors()
}

// constant reports whether expr evaluates without variables or functions;
// gohcl would add a second, confusing diagnostic about unknown values.
func (d *decoder) constant(expr hcl.Expression) bool {
	_, diags := expr.Value(nil)
	d.diags = append(d.diags, diags...)
	return !diags.HasErrors()
}

// item is a string element of a list, with its place in the file.
type item struct {
	value string
	rng   hcl.Range
}

// strList decodes a static list of strings element by element, so that a
// diagnostic can point at the bad element.
func (d *decoder) strList(expr hcl.Expression) ([]item, bool) {
	exprs, diags := hcl.ExprList(expr)
	d.diags = append(d.diags, diags...)
	if diags.HasErrors() {
		return nil, false
	}
	items := make([]item, 0, len(exprs))
	ok := true
	for _, e := range exprs {
		s, good := d.str(e)
		ok = ok && good
		items = append(items, item{value: s, rng: e.Range()})
	}
	return items, ok
}

// pair is an entry of a map of strings, with its place in the file.
type pair struct {
	key, value           string
	keyRange, valueRange hcl.Range
}

func (d *decoder) strMap(expr hcl.Expression) ([]pair, bool) {
	kvs, diags := hcl.ExprMap(expr)
	d.diags = append(d.diags, diags...)
	if diags.HasErrors() {
		return nil, false
	}
	pairs := make([]pair, 0, len(kvs))
	ok := true
	for _, kv := range kvs {
		k, goodKey := d.str(kv.Key)
		v, goodValue := d.str(kv.Value)
		if !goodKey || !goodValue {
			ok = false
			continue
		}
		pairs = append(pairs, pair{key: k, value: v, keyRange: kv.Key.Range(), valueRange: kv.Value.Range()})
	}
	return pairs, ok
}

// quoteList renders names as "a", "b", "c".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// hostname is a registry host as Terraform writes it in a provider source
// address (lower-case DNS name, optional port).
var hostname = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]+)?$`)

// registries decodes trusted_registries: host names, not URLs.
func (d *decoder) registries(attr *hcl.Attribute) []string {
	items, ok := d.strList(attr.Expr)
	if !ok {
		return nil
	}
	var out []string
	for _, it := range items {
		h := strings.ToLower(strings.TrimSpace(it.value))
		switch {
		case !hostname.MatchString(h):
			d.diagf(it.rng, i18n.M("policy.invalid_registry_host"), "policy.invalid_registry_host.detail", it.value)
		case h == "registry.terraform.io" || h == "registry.opentofu.org":
			d.diagf(it.rng, i18n.M("policy.public_registry_listed"), "policy.public_registry_listed.detail", h)
		default:
			if !slices.Contains(out, h) {
				out = append(out, h)
			}
		}
	}
	return out
}
