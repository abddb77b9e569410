package testplan

import (
	"fmt"
	"slices"
	"strings"
)

// The shapes of plan Generate writes (Options.Shape).
const (
	// ShapeDefault is the mix described in the package documentation.
	ShapeDefault = "default"
	// ShapeFindingsHeavy puts every resource in a team stack that receives
	// a data_sensitivity input and tags its resources with it, each stack
	// under an aws provider alias of its own; about 60 % of the stacks are
	// sensitive and in a region outside the EU, so that most resources are
	// findings.
	ShapeFindingsHeavy = "findings-heavy"
	// ShapeFlatWide puts every resource in the root module: thousands of
	// instances of a few hundred blocks, each block under one of many aws
	// provider aliases, with long for_each keys and tag maps of 14
	// tags.
	ShapeFlatWide = "flat-wide"
)

// Shapes lists the plan shapes, the default first.
var Shapes = []string{ShapeDefault, ShapeFindingsHeavy, ShapeFlatWide}

// FileName is the name benchmarks give a plan of a shape and size:
// plan-N.json for the default shape (the name it always had),
// plan-SHAPE-N.json for the others.
func FileName(shape string, n int) string {
	if shape == "" || shape == ShapeDefault {
		return fmt.Sprintf("plan-%d.json", n)
	}
	return fmt.Sprintf("plan-%s-%d.json", shape, n)
}

func parseShape(s string) (string, error) {
	if s == "" {
		return ShapeDefault, nil
	}
	if !slices.Contains(Shapes, s) {
		return "", fmt.Errorf("testplan: unknown shape %q: want one of %s", s, strings.Join(Shapes, ", "))
	}
	return s, nil
}

// nonEURegions are where the sensitive stacks of the findings-heavy shape
// are deployed.
var nonEURegions = []string{"us-east-1", "us-west-2", "ap-southeast-1", "sa-east-1", "ca-central-1"}

// newFindingsService is a team stack of the findings-heavy shape: an AWS
// stack with a data_sensitivity input its resources are tagged with, under
// an aws alias of the root module that only it uses.
func (l *layout) newFindingsService(i int, num *uint64) *service {
	r := rng{seedOf(l.seed, uint64(i), 11)}
	s := &service{
		name: fmt.Sprintf("%s_%s_%d", domains[r.intn(len(domains))], components[r.intn(len(components))], i),
		seed: seedOf(l.seed, uint64(i), 12),
		Kind: "aws",
	}
	s.Module = "module." + s.name
	s.isNew = i >= 8 && r.chance(0.8)
	s.starter = i < 8
	s.ownAlias = true
	p := prov{key: "aws." + s.name, region: rootRegion, tags: defaultTags}
	if r.chance(0.6) {
		p.region = pick(&r, nonEURegions...)
		s.level = "sensitive"
	} else {
		s.level = "public"
	}
	s.tagLevel = s.level
	s.Region = p.region
	s.RegionFrom = "provider " + p.key
	m := &modInst{svc: s, tmpl: awsServiceTmpl, addr: s.Module, callName: s.name, parent: l.root, num: *num,
		aws: p, gcp: rootProviders["google"]}
	*num++
	s.root = m
	m.expand(&r, num)
	s.size = m.size()
	return s
}

// The flat-wide shape's root module: one block per (alias, block type).
const flatAliases = 48

var flatRegions = []string{"eu-west-3", "us-east-1", "eu-central-1", "us-west-2", "eu-west-1", "ap-southeast-1", "eu-north-1", "ca-central-1"}

var flatRootTmpl, flatProviders = flatRoot()

func flatRoot() (*moduleTmpl, []prov) {
	t := &moduleTmpl{
		blocks:    []*block{awsRootParameter, awsRoute53Zone},
		data:      rootTmpl.data,
		variables: rootTmpl.variables,
	}
	var provs []prov
	for a := range flatAliases {
		region := flatRegions[a%len(flatRegions)]
		alias := fmt.Sprintf("acct_%02d_%s", a, strings.ReplaceAll(region, "-", "_"))
		p := &prov{key: "aws." + alias, region: region, tags: defaultTags}
		provs = append(provs, *p)
		for _, b := range []*block{awsS3Bucket, awsSSMParameter, awsMetricAlarm, awsSQSQueue} {
			c := *b
			c.name = b.name + "_" + alias
			c.aws = p
			c.sameAs = nil
			if c.repeat == forEach {
				c.keys = nil
				c.keyFmt = "workload-" + strings.ReplaceAll(alias, "_", "-") + "-%06d-production-analytics-ingestion-pipeline"
			}
			t.blocks = append(t.blocks, &c)
		}
	}
	return t, provs
}

// newFlatLayout lays out a flat-wide plan of n resources: the root module
// only, its instances spread evenly over the aliased blocks.
func newFlatLayout(n int, seed uint64) *layout {
	l := &layout{seed: seed, shape: ShapeFlatWide, aliases: flatProviders}
	rootSvc := &service{name: "platform", seed: seed, extraTags: 12}
	root := &modInst{svc: rootSvc, tmpl: flatRootTmpl, aws: rootProviders["aws"], gcp: rootProviders["google"]}
	rootSvc.root = root
	l.root = root
	l.modules = []*modInst{root}
	nb := len(flatRootTmpl.blocks)
	root.counts = make([]int, nb)
	root.dels = make([]int, nb)
	budget := n - min(n, 1) // the Route 53 zone
	per, rest := budget/(nb-2), budget%(nb-2)
	root.counts[0], root.counts[1] = rest, min(n, 1)
	for bi := 2; bi < nb; bi++ {
		root.counts[bi] = per
	}
	root.tally()
	root.totals()
	return l
}
