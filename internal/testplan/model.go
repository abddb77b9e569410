package testplan

import (
	"fmt"
	"slices"
	"strings"
)

// Repetition of a resource block.
const (
	single = iota
	counted
	forEach
)

// Planned actions of a resource instance.
const (
	actCreate = iota
	actNoop
	actUpdate
	actReplace
	actDelete
)

var actionNames = [...]string{"create", "no-op", "update", "replace", "delete"}

// block is a resource block of a module: how many instances it may have
// and how to write their values and configuration.
type block struct {
	typ, name string
	// prov is the provider's local name: aws, azurerm, google, random, null.
	prov   string
	schema int
	repeat int
	// min and max bound the configured instances (count or for_each).
	min, max int
	// keys are the for_each keys, in order; deleted instances take the
	// next ones. keyFmt formats the keys beyond them.
	keys   []string
	keyFmt string
	// sameAs is the block whose instances this one follows (for_each =
	// aws_s3_bucket.data, count = length(var.azs)).
	sameAs *block
	// values returns every attribute as it is once applied, computed ones
	// included.
	values func(c *ictx) obj
	// computed are the attributes unknown until apply when the instance
	// is created; refAttrs too (they copy other resources' computed
	// attributes). Both sorted.
	computed, refAttrs []string
	// sensitive attributes, sorted.
	sensitive []string
	// mutable is the attribute an update changes; forceNew the one whose
	// change replaces the instance.
	mutable, forceNew string
	// config returns the block's expressions.
	config func(c *cctx) obj
	// countExpr is the count or for_each expression.
	countExpr expr
	// relevant is the attribute other resources read (relevant_attributes).
	relevant string
	// tagged: the instance may carry a data_sensitivity tag of its own.
	tagged float64
	// aws is the block's own provider configuration (provider =
	// aws.<alias>), nil when it uses the module's.
	aws *prov
}

// dataBlock is a data source read at plan time: it is in the prior state
// and the configuration, not in the changes.
type dataBlock struct {
	typ, name, prov string
	values          func(c *ictx) obj
	config          func(c *cctx) obj
}

// moduleTmpl is a module's source: its resources, data sources, calls to
// child modules and declared variables.
type moduleTmpl struct {
	source    string
	blocks    []*block
	data      []*dataBlock
	calls     []*callTmpl
	variables []string
	outputs   []output
	// ownAWS: the module configures provider "aws" { region = var.region }
	// itself (the legacy pattern), rather than inheriting it.
	ownAWS bool
	// required are the providers of required_providers, which Terraform
	// lists in provider_config under the module's address.
	required []string
}

type output struct {
	name string
	refs []string
}

// callTmpl is a module block inside a module.
type callTmpl struct {
	name string
	mod  *moduleTmpl
	// p is how often services have it.
	p float64
	// exprs returns the call's arguments.
	exprs func(m *modInst) obj
	// awsAlias passes providers = { aws = aws.<alias> }.
	awsAlias string
}

// prov is a resolved provider configuration.
type prov struct {
	key, region string
	// tags are the default_tags (aws).
	tags obj
}

// modInst is one module instance of the plan.
type modInst struct {
	svc      *service
	tmpl     *moduleTmpl
	addr     string // "" for the root module
	callName string
	call     *callTmpl
	parent   *modInst
	children []*modInst
	num      uint64 // position, for seeds
	aws      prov
	gcp      prov
	azure    string // location
	// counts and dels are the configured and deleted instances per block.
	counts, dels []int
	// regionVar is the value of the module's var.region, when it has one;
	// regionFromRoot says the service passes the root's var.region.
	regionVar      string
	regionFromRoot bool
	// planned and prior count the instances of the module and its
	// descendants in planned_values and prior_state; ownPlanned and
	// ownPrior those of the module itself.
	planned, prior, ownPlanned, ownPrior int
}

// service is one module call of the root module: a team's stack (the root
// module has one of its own, "platform").
type service struct {
	// Module is the module address; Kind, Region and RegionFrom say where
	// its resources should be found (for tests and documentation).
	Module, Kind, Region, RegionFrom string
	name                             string
	seed                             uint64
	isNew                            bool
	// level is the data_sensitivity module input; tagLevel the
	// data_sensitivity tag of all its taggable resources.
	level, tagLevel string
	starter         bool
	// ownAlias: the root module configures an aws alias for this service
	// alone (its module instance's aws).
	ownAlias bool
	// extraTags is how many tags every resource carries besides team and
	// data_sensitivity.
	extraTags int
	root      *modInst
	size      int
}

// ictx is what a resource template knows about one instance.
type ictx struct {
	m     *modInst
	b     *block
	i     int
	key   any // nil, int or string
	r     rng
	stem  string
	level string // data_sensitivity tag, "" for none
}

// cctx is what a configuration template knows about one module instance.
type cctx struct {
	m *modInst
	b *block
}

// awsProv is the aws provider configuration of the instance: the block's
// own, or the module's.
func (c *ictx) awsProv() prov {
	if c.b != nil && c.b.aws != nil {
		return *c.b.aws
	}
	return c.m.aws
}

func (m *modInst) prefix() string {
	if m.addr == "" {
		return ""
	}
	return m.addr + "."
}

// instanceCount is every instance of a block, deleted ones included.
func (m *modInst) instanceCount(bi int) int { return m.counts[bi] + m.dels[bi] }

// indexKey returns the instance key of instance i of a block.
func indexKey(b *block, i int) any {
	switch b.repeat {
	case counted:
		return i
	case forEach:
		if i < len(b.keys) {
			return b.keys[i]
		}
		if b.keyFmt != "" {
			return fmt.Sprintf(b.keyFmt, i)
		}
		return fmt.Sprintf("extra-%d", i)
	}
	return nil
}

func address(m *modInst, b *block, key any) string {
	base := m.prefix() + b.typ + "." + b.name
	switch k := key.(type) {
	case int:
		return fmt.Sprintf("%s[%d]", base, k)
	case string:
		return base + `["` + k + `"]`
	}
	return base
}

// action decides the planned action of an instance from the service's
// history: new stacks are created; existing ones are mostly unchanged.
func (m *modInst) action(bi, i int) int {
	if i >= m.counts[bi] {
		return actDelete
	}
	if m.svc.isNew {
		return actCreate
	}
	r := rng{seedOf(m.svc.seed, m.num, uint64(bi), uint64(i), 1)}
	switch x := r.intn(1000); {
	case x < 600:
		return actNoop
	case x < 800:
		return actUpdate
	case x < 850:
		if m.tmpl.blocks[bi].forceNew != "" {
			return actReplace
		}
		return actUpdate
	default:
		return actCreate
	}
}

// ictx returns the context of instance i of block bi.
func (m *modInst) ictx(bi, i int) *ictx {
	b := m.tmpl.blocks[bi]
	c := &ictx{m: m, b: b, i: i, key: indexKey(b, i), r: rng{seedOf(m.svc.seed, m.num, uint64(bi), uint64(i), 2)}}
	c.stem = m.stem()
	switch k := c.key.(type) {
	case int:
		c.stem = fmt.Sprintf("%s-%d", c.stem, k)
	case string:
		c.stem += "-" + k
	}
	c.level = m.svc.tagLevel
	if b.tagged > 0 {
		tr := rng{seedOf(m.svc.seed, m.num, uint64(bi), uint64(i), 3)}
		if tr.chance(b.tagged) {
			c.level = pick(&tr, "sensitive", "sensitive", "sensitive", "restricted", "internal", "public", "sensible", "DR")
		}
	}
	return c
}

// stem is the name the module's resources derive theirs from.
func (m *modInst) stem() string {
	s := strings.ReplaceAll(m.svc.name, "_", "-")
	if m.parent != nil && m.parent.parent != nil {
		s += "-" + m.callName
	}
	return s
}

// instance is one resource instance, ready to be written.
type instance struct {
	c        *ictx
	addr     string
	action   int
	reason   string
	full     obj // values once applied
	before   obj // nil when created
	after    obj // known planned values; nil when deleted
	unknown  []string
	replaced string
}

func (m *modInst) instance(bi, i int) *instance {
	c := m.ictx(bi, i)
	b := c.b
	in := &instance{c: c, addr: address(m, b, c.key), action: m.action(bi, i)}
	in.full = b.values(c)
	switch in.action {
	case actCreate:
		in.unknown = mergeSorted(b.computed, b.refAttrs)
		in.after = in.full.without(in.unknown)
	case actNoop:
		in.before, in.after = in.full, in.full
	case actUpdate:
		in.before, in.after = in.full, in.full
		if b.mutable != "" {
			if v, ok := in.full.get(b.mutable); ok {
				in.before = in.full.with(b.mutable, older(v))
			}
		}
	case actReplace:
		in.before = in.full
		if v, ok := in.full.get(b.forceNew); ok {
			in.before = in.full.with(b.forceNew, older(v))
		}
		in.unknown = b.computed
		in.after = in.full.without(b.computed)
		in.replaced = b.forceNew
		in.reason = "replace_because_cannot_update"
	case actDelete:
		in.before = in.full
		in.reason = "delete_because_count_index"
		if b.repeat == forEach {
			in.reason = "delete_because_each_key"
		}
	}
	return in
}

// older is the value an attribute had before an update.
func older(v any) any {
	switch t := v.(type) {
	case int:
		return t/2 + 1
	case bool:
		return !t
	case string:
		if t == "" {
			return "previous"
		}
		return t + "-v1"
	case obj:
		if len(t) > 0 {
			return t.with(t[0].k, "previous")
		}
	}
	return nil
}

func mergeSorted(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}
