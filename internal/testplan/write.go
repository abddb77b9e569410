package testplan

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// TerraformVersion is the version the generated plans claim.
const TerraformVersion = "1.11.4"

// DefaultSeed is the seed used when Options.Seed is zero.
const DefaultSeed = 20260523

// Options describe the plan to generate.
type Options struct {
	// Resources is the number of resource changes (addresses) of the plan.
	Resources int
	// Seed selects the plan; zero means DefaultSeed.
	Seed uint64
	// Shape is one of Shapes; "" means ShapeDefault.
	Shape string
}

// Stats describe a generated plan.
type Stats struct {
	Resources int
	Bytes     int64
	// Modules counts module instances, the root module excluded.
	Modules int
	// ByAction and ByProvider count resource changes.
	ByAction   map[string]int
	ByProvider map[string]int
	// Tagged counts resources with a data_sensitivity tag or label of
	// their own.
	Tagged int
	// Services are the root module's module calls.
	Services []Service
}

// Service is a module call of the root module and where its resources are
// deployed.
type Service struct {
	// Module is the module address ("module.payments_api_3").
	Module string
	// Kind is aws, aws-regional (the module configures its provider from
	// a region input), aws-platform (its child modules do), azure or gcp.
	Kind string
	// Region is where its regional resources are.
	Region string
	// RegionFrom says how the region reaches them.
	RegionFrom string
	// Level is the data_sensitivity module input, "" when not given.
	Level string
	// Resources counts its resource changes.
	Resources int
}

// Generate writes a plan in the JSON format of `terraform show -json`,
// progressively: memory stays small whatever the size.
func Generate(w io.Writer, opts Options) (Stats, error) {
	if opts.Resources < 0 {
		return Stats{}, fmt.Errorf("testplan: %d resources: the number of resources cannot be negative", opts.Resources)
	}
	seed := opts.Seed
	if seed == 0 {
		seed = DefaultSeed
	}
	shape, err := parseShape(opts.Shape)
	if err != nil {
		return Stats{}, err
	}
	l := newLayout(opts.Resources, seed, shape)
	bw := bufio.NewWriterSize(w, 1<<20)
	g := &gen{l: l, j: &jsonWriter{w: bw}, sorted: map[*moduleTmpl][]int{}, stats: Stats{ByAction: map[string]int{}, ByProvider: map[string]int{}, Modules: len(l.modules) - 1}}
	g.plan()
	if g.j.err == nil {
		g.j.err = bw.Flush()
	}
	g.stats.Bytes = g.j.n
	for _, s := range l.services {
		g.stats.Services = append(g.stats.Services, Service{Module: s.Module, Kind: s.Kind, Region: s.Region, RegionFrom: s.RegionFrom, Level: s.level, Resources: s.size})
	}
	if g.j.err != nil {
		return g.stats, fmt.Errorf("testplan: writing the plan: %w", g.j.err)
	}
	return g.stats, nil
}

// WriteFile generates a plan into path, through a temporary file renamed
// into place: a reader never sees half a plan.
func WriteFile(path string, opts Options) (Stats, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return Stats{}, err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return Stats{}, err
	}
	defer func() { _ = os.Remove(f.Name()) }()
	st, err := Generate(f, opts)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		return st, errors.Join(fmt.Errorf("%s: cannot write the plan", path), err)
	}
	return st, nil
}

type gen struct {
	l     *layout
	j     *jsonWriter
	stats Stats
	// sorted caches each module source's blocks in address order.
	sorted map[*moduleTmpl][]int
}

func (g *gen) plan() {
	j := g.j
	j.raw(`{"format_version":"1.2","terraform_version":"` + TerraformVersion + `","variables":`)
	g.variables()
	j.raw(`,"planned_values":{"root_module":`)
	g.plannedModule(g.l.root)
	j.raw(`},"resource_changes":[`)
	g.resourceChanges()
	j.raw(`],"prior_state":{"format_version":"1.0","terraform_version":"` + TerraformVersion + `","values":{"root_module":`)
	g.priorModule(g.l.root)
	j.raw(`}},"configuration":`)
	g.configuration()
	j.raw(`,"relevant_attributes":[`)
	g.relevantAttributes()
	j.raw(`],"timestamp":"2026-05-23T07:42:19Z","applyable":true,"complete":true,"errored":false}`)
	j.raw("\n")
}

// variables are the root module's input values.
func (g *gen) variables() {
	root := g.l.root
	params := obj{}
	bi := slices.Index(root.tmpl.blocks, awsRootParameter)
	for i := range root.counts[bi] {
		c := root.ictx(bi, i)
		params = append(params, field{c.key.(string), "value-" + c.r.hex(8)})
	}
	g.j.value(o(
		"azure_subscription_id", o("value", subscription),
		"environment", o("value", "prod"),
		"gcp_project", o("value", gcpProject),
		"platform_parameters", o("value", params.sorted()),
		"region", o("value", rootRegion),
		"secondary_region", o("value", secondaryRegion),
	))
}

func providerSource(local string) string {
	return "registry.terraform.io/hashicorp/" + local
}

// resourceHead writes the fields every resource object starts with.
func (g *gen) resourceHead(addr string, m *modInst, typ, name, local string, key any, withModule bool) {
	j := g.j
	j.raw(`{"address":`)
	j.str(addr)
	if withModule && m.addr != "" {
		j.raw(`,"module_address":`)
		j.str(m.addr)
	}
	if strings.HasPrefix(addr, m.prefix()+"data.") {
		j.raw(`,"mode":"data","type":`)
	} else {
		j.raw(`,"mode":"managed","type":`)
	}
	j.str(typ)
	j.raw(`,"name":`)
	j.str(name)
	if key != nil {
		j.raw(`,"index":`)
		j.value(key)
	}
	j.raw(`,"provider_name":`)
	j.str(providerSource(local))
}

// plannedModule writes a module of planned_values.
func (g *gen) plannedModule(m *modInst) {
	j := g.j
	j.raw("{")
	sep := ""
	if m.ownPlanned > 0 {
		j.raw(`"resources":[`)
		n := 0
		for bi, b := range m.tmpl.blocks {
			for i := range m.counts[bi] {
				in := m.instance(bi, i)
				if n > 0 {
					j.raw(",")
				}
				n++
				g.resourceHead(in.addr, m, b.typ, b.name, b.prov, in.c.key, false)
				g.valuesTail(b.schema, in.after, b.sensitive)
			}
		}
		j.raw("]")
		sep = ","
	}
	if m.addr != "" {
		j.raw(sep + `"address":`)
		j.str(m.addr)
		sep = ","
	}
	g.childModules(m, sep, func(c *modInst) bool { return c.planned > 0 }, g.plannedModule)
	j.raw("}")
}

func (g *gen) childModules(m *modInst, sep string, keep func(*modInst) bool, write func(*modInst)) {
	n := 0
	for _, c := range m.children {
		if !keep(c) {
			continue
		}
		if n == 0 {
			g.j.raw(sep + `"child_modules":[`)
		} else {
			g.j.raw(",")
		}
		n++
		write(c)
	}
	if n > 0 {
		g.j.raw("]")
	}
}

func (g *gen) valuesTail(schema int, values obj, sensitive []string) {
	j := g.j
	j.raw(`,"schema_version":`)
	j.int(schema)
	j.raw(`,"values":`)
	j.value(values)
	j.raw(`,"sensitive_values":`)
	j.shape(values, sensitive)
	j.raw("}")
}

var actionsJSON = [...]string{`["create"]`, `["no-op"]`, `["update"]`, `["delete","create"]`, `["delete"]`}

// resourceChanges writes every instance's change, module by module.
func (g *gen) resourceChanges() {
	j := g.j
	n := 0
	for _, m := range g.l.modules {
		for bi, b := range m.tmpl.blocks {
			for i := range m.instanceCount(bi) {
				in := m.instance(bi, i)
				if n > 0 {
					j.raw(",")
				}
				n++
				g.count(in)
				g.resourceHead(in.addr, m, b.typ, b.name, b.prov, in.c.key, true)
				j.raw(`,"change":{"actions":`)
				j.raw(actionsJSON[in.action])
				j.raw(`,"before":`)
				j.value(nilIfEmpty(in.before))
				j.raw(`,"after":`)
				j.value(nilIfEmpty(in.after))
				j.raw(`,"after_unknown":`)
				if in.unknown != nil {
					j.shape(in.after, in.unknown)
				} else {
					j.raw("{}")
				}
				j.raw(`,"before_sensitive":`)
				g.sensitive(in.before, b.sensitive)
				j.raw(`,"after_sensitive":`)
				g.sensitive(in.after, b.sensitive)
				if in.replaced != "" {
					j.raw(`,"replace_paths":[[`)
					j.str(in.replaced)
					j.raw(`]]`)
				}
				j.raw("}")
				if in.reason != "" {
					j.raw(`,"action_reason":`)
					j.str(in.reason)
				}
				j.raw("}")
			}
		}
	}
}

func nilIfEmpty(v obj) any {
	if v == nil {
		return nil
	}
	return v
}

func (g *gen) sensitive(v obj, marked []string) {
	if v == nil {
		g.j.raw("false")
		return
	}
	g.j.shape(v, marked)
}

func (g *gen) count(in *instance) {
	g.stats.Resources++
	g.stats.ByAction[actionNames[in.action]]++
	g.stats.ByProvider[in.c.b.prov]++
	for _, k := range []string{"tags", "labels"} {
		if t, ok := in.full.get(k); ok {
			if tags, ok := t.(obj); ok {
				if _, ok := tags.get("data_sensitivity"); ok {
					g.stats.Tagged++
				}
			}
		}
	}
}

// priorModule writes a module of the prior state: the instances that
// exist before the plan and the data sources read while planning.
func (g *gen) priorModule(m *modInst) {
	j := g.j
	j.raw("{")
	sep := ""
	if m.ownPrior > 0 {
		j.raw(`"resources":[`)
		n := 0
		for bi, b := range m.tmpl.blocks {
			for i := range m.instanceCount(bi) {
				if m.action(bi, i) == actCreate {
					continue
				}
				in := m.instance(bi, i)
				if n > 0 {
					j.raw(",")
				}
				n++
				g.resourceHead(in.addr, m, b.typ, b.name, b.prov, in.c.key, false)
				g.valuesTail(b.schema, in.before, b.sensitive)
			}
		}
		for di, d := range m.tmpl.data {
			if n > 0 {
				j.raw(",")
			}
			n++
			c := &ictx{m: m, r: rng{seedOf(m.svc.seed, m.num, uint64(di), 9)}, stem: m.stem()}
			g.resourceHead(m.prefix()+"data."+d.typ+"."+d.name, m, d.typ, d.name, d.prov, nil, false)
			g.valuesTail(0, d.values(c), nil)
		}
		j.raw("]")
		sep = ","
	}
	if m.addr != "" {
		j.raw(sep + `"address":`)
		j.str(m.addr)
		sep = ","
	}
	g.childModules(m, sep, func(c *modInst) bool { return c.prior > 0 }, g.priorModule)
	j.raw("}")
}

// configuration writes the configuration: provider configurations and
// the module tree, each module call with its module's body.
func (g *gen) configuration() {
	j := g.j
	j.raw(`{"provider_config":{`)
	g.providerConfigs()
	j.raw(`},"root_module":`)
	g.moduleBody(g.l.root)
	j.raw("}")
}

type providerEntry struct {
	key string
	v   obj
}

func (g *gen) providerConfigs() {
	awsExprs := func(region expr) obj {
		return o("default_tags", blocks(o("tags", constant(defaultTags))), "region", region)
	}
	entries := []providerEntry{
		{key: "aws", v: o("name", "aws", "version_constraint", "~> 5.84", "expressions", awsExprs(refs("var.region")))},
		{key: "aws.dr", v: o("name", "aws", "alias", "dr", "version_constraint", "~> 5.84", "expressions", awsExprs(refs("var.secondary_region")))},
		{key: "aws.us", v: o("name", "aws", "alias", "us", "version_constraint", "~> 5.84", "expressions", awsExprs(constant("us-east-1")))},
		{key: "azurerm", v: o("name", "azurerm", "version_constraint", "~> 4.20", "expressions",
			o("features", blocks(obj{}), "subscription_id", refs("var.azure_subscription_id")))},
		{key: "google", v: o("name", "google", "version_constraint", "~> 6.20", "expressions",
			o("project", refs("var.gcp_project"), "region", constant("europe-west9")))},
		{key: "google.s3ns", v: o("name", "google", "alias", "s3ns", "version_constraint", "~> 6.20", "expressions",
			o("project", constant(s3nsProject), "region", constant("u-france-east1"), "universe_domain", constant("s3nsapis.fr")))},
		{key: "google.us", v: o("name", "google", "alias", "us", "version_constraint", "~> 6.20", "expressions",
			o("project", refs("var.gcp_project"), "region", constant("us-central1")))},
		{key: "null", v: o("name", "null", "version_constraint", "~> 3.2")},
		{key: "random", v: o("name", "random", "version_constraint", "~> 3.6")},
	}
	for _, p := range g.l.aliases {
		alias := strings.TrimPrefix(p.key, "aws.")
		entries = append(entries, providerEntry{key: p.key, v: o("name", "aws", "alias", alias, "version_constraint", "~> 5.84", "expressions", awsExprs(constant(p.region)))})
	}
	for _, m := range g.l.modules[1:] {
		for _, local := range m.tmpl.required {
			v := o("name", local, "module_address", m.addr)
			if local == "aws" {
				v = v.with("version_constraint", ">= 5.0")
				if m.tmpl.ownAWS {
					v = v.with("expressions", o("region", refs("var.region")))
				}
			}
			entries = append(entries, providerEntry{key: m.addr + ":" + local, v: v})
		}
	}
	slices.SortFunc(entries, func(a, b providerEntry) int { return cmp.Compare(a.key, b.key) })
	j := g.j
	for i, e := range entries {
		j.key(e.key, i == 0)
		// Terraform's field order, not sorted.
		j.raw("{")
		name, _ := e.v.get("name")
		j.raw(`"name":`)
		j.value(name)
		j.raw(`,"full_name":`)
		j.str(providerSource(name.(string)))
		for _, k := range []string{"alias", "version_constraint", "module_address", "expressions"} {
			if v, ok := e.v.get(k); ok {
				j.raw(",")
				j.key(k, true)
				j.value(v)
			}
		}
		j.raw("}")
	}
}

// moduleBody writes a module's configuration.
func (g *gen) moduleBody(m *modInst) {
	j := g.j
	t := m.tmpl
	j.raw("{")
	sep := ""
	if len(t.outputs) > 0 {
		j.raw(`"outputs":{`)
		for i, out := range t.outputs {
			j.key(out.name, i == 0)
			j.raw(`{"expression":`)
			j.expr(refs(out.refs...))
			j.raw("}")
		}
		j.raw("}")
		sep = ","
	}
	j.raw(sep + `"resources":[`)
	for n, bi := range g.blockOrder(t) {
		if n > 0 {
			j.raw(",")
		}
		g.resourceConfig(m, t.blocks[bi])
	}
	for _, d := range t.data {
		j.raw(",")
		g.dataConfig(m, d)
	}
	j.raw("]")
	if len(m.children) > 0 {
		j.raw(`,"module_calls":{`)
		for i, c := range m.children {
			j.key(c.callName, i == 0)
			j.raw(`{"source":`)
			j.str(c.tmpl.source)
			j.raw(`,"expressions":`)
			j.value(c.callExpressions())
			j.raw(`,"module":`)
			g.moduleBody(c)
			j.raw("}")
		}
		j.raw("}")
	}
	j.raw(`,"variables":`)
	g.moduleVariables(m)
	j.raw("}")
}

// blockOrder is the order of a module source's blocks by address, as
// Terraform writes them; computed once per source.
func (g *gen) blockOrder(t *moduleTmpl) []int {
	if order, ok := g.sorted[t]; ok {
		return order
	}
	order := make([]int, len(t.blocks))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Compare(t.blocks[a].typ+"."+t.blocks[a].name, t.blocks[b].typ+"."+t.blocks[b].name)
	})
	g.sorted[t] = order
	return order
}

// resourceConfig writes the configuration of a managed resource block of
// module m, in Terraform's field order.
func (g *gen) resourceConfig(m *modInst, b *block) {
	j := g.j
	c := &cctx{m: m, b: b}
	j.raw(`{"address":`)
	j.str(b.typ + "." + b.name)
	j.raw(`,"mode":"managed","type":`)
	j.str(b.typ)
	j.raw(`,"name":`)
	j.str(b.name)
	j.raw(`,"provider_config_key":`)
	if b.aws != nil {
		j.str(b.aws.key)
	} else {
		j.str(m.providerKey(b.prov))
	}
	j.raw(`,"expressions":`)
	j.value(b.config(c))
	j.raw(`,"schema_version":`)
	j.int(b.schema)
	switch b.repeat {
	case counted:
		j.raw(`,"count_expression":`)
		j.expr(b.countExpr)
	case forEach:
		j.raw(`,"for_each_expression":`)
		j.expr(b.countExpr)
	}
	j.raw("}")
}

// dataConfig writes the configuration of a data source of module m, its
// expressions only when it has some.
func (g *gen) dataConfig(m *modInst, d *dataBlock) {
	j := g.j
	j.raw(`{"address":`)
	j.str("data." + d.typ + "." + d.name)
	j.raw(`,"mode":"data","type":`)
	j.str(d.typ)
	j.raw(`,"name":`)
	j.str(d.name)
	j.raw(`,"provider_config_key":`)
	j.str(m.providerKey(d.prov))
	if e := d.config(&cctx{m: m}); len(e) > 0 {
		j.raw(`,"expressions":`)
		j.value(e)
	}
	j.raw(`,"schema_version":0}`)
}

// providerKey is the provider_config_key Terraform writes for a resource
// of the module: the configuration it resolves to.
func (m *modInst) providerKey(local string) string {
	switch local {
	case "aws":
		return m.aws.key
	case "google":
		return m.gcp.key
	}
	return local
}

// callExpressions are the arguments of the call of module m: the call's
// own, the region, the sensitivity, and the collections its blocks'
// count and for_each read.
func (m *modInst) callExpressions() obj {
	var e obj
	if m.call != nil {
		e = m.call.exprs(m)
	} else {
		e = m.serviceArguments()
	}
	for bi, b := range m.tmpl.blocks {
		v, ok := strings.CutPrefix(firstRef(b.countExpr), "var.")
		if !ok {
			continue
		}
		if _, set := e.get(v); set {
			continue
		}
		switch b.repeat {
		case counted:
			if v == "azs" {
				azs := make([]any, m.counts[bi])
				for i := range azs {
					azs[i] = m.aws.region + string(rune('a'+i%3))
				}
				e = e.with(v, constant(azs))
			} else {
				e = e.with(v, constant(m.counts[bi]))
			}
		case forEach:
			keys := make([]any, m.counts[bi])
			for i := range keys {
				keys[i] = indexKey(b, i)
			}
			e = e.with(v, constant(keys))
		}
	}
	return e
}

func firstRef(e expr) string {
	if len(e.refs) == 0 {
		return ""
	}
	return e.refs[0]
}

// serviceArguments are the arguments the root module gives a service.
func (m *modInst) serviceArguments() obj {
	s := m.svc
	e := o("environment", refs("var.environment"), "name", constant(s.name))
	if s.level != "" {
		e = e.with("data_sensitivity", constant(s.level))
	}
	switch s.Kind {
	case "aws-regional", "aws-platform":
		if m.regionFromRoot {
			e = e.with("region", refs("var.region"))
		} else {
			e = e.with("region", constant(m.regionVar))
		}
	case "azure":
		e = e.with("location", constant(m.azure))
		e = e.with("address_space", constant([]any{fmt.Sprintf("10.%d.0.0/16", m.num%250)}))
		e = e.with("tags", refs("local.tags"))
	case "gcp":
		e = e.with("region", constant(m.gcp.region))
		e = e.with("project", refs("var.gcp_project"))
		e = e.with("zone", constant(m.gcp.region+"-b"))
	}
	if s.tagLevel != "" {
		e = e.with("tags", constant(o("data_sensitivity", s.tagLevel, "team", strings.SplitN(s.name, "_", 2)[0])))
	}
	return e
}

var variableDescriptions = map[string]string{
	"region":           "Region of every regional resource of the module.",
	"name":             "Name the module's resources derive theirs from.",
	"data_sensitivity": "Sensitivity of the data the module stores (public, internal, sensitive, restricted).",
	"location":         "Azure region of the module's resources.",
	"tags":             "Tags of every resource.",
}

// moduleVariables writes the variables a module declares: its own and
// those its count and for_each read.
func (g *gen) moduleVariables(m *modInst) {
	names := slices.Clone(m.tmpl.variables)
	for _, b := range m.tmpl.blocks {
		if v, ok := strings.CutPrefix(firstRef(b.countExpr), "var."); ok {
			names = append(names, v)
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	j := g.j
	j.raw("{")
	for i, n := range names {
		j.key(n, i == 0)
		switch {
		case m.addr == "" && rootDefault(n) != nil:
			j.raw(`{"default":`)
			j.value(rootDefault(n))
			j.raw("}")
		case variableDescriptions[n] != "":
			j.raw(`{"description":`)
			j.str(variableDescriptions[n])
			j.raw("}")
		default:
			j.raw("{}")
		}
	}
	j.raw("}")
}

func rootDefault(name string) any {
	switch name {
	case "region":
		return rootRegion
	case "secondary_region":
		return secondaryRegion
	case "environment":
		return "prod"
	case "platform_parameters":
		return obj{}
	}
	return nil
}

// relevantAttributes lists the resource attributes other resources read.
func (g *gen) relevantAttributes() {
	j := g.j
	n := 0
	for _, m := range g.l.modules {
		for bi, b := range m.tmpl.blocks {
			if b.relevant == "" || m.counts[bi] == 0 {
				continue
			}
			if n > 0 {
				j.raw(",")
			}
			n++
			j.raw(`{"resource":`)
			j.str(m.prefix() + b.typ + "." + b.name)
			j.raw(`,"attribute":[`)
			j.str(b.relevant)
			j.raw("]}")
		}
	}
}
