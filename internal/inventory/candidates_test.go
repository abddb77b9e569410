package inventory

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/testtf"
	"github.com/trustcloud/trustcloud/internal/tfconfig"
)

// pairsConfig is a configuration of n source buckets, a fifth of them
// sensitive, each with its versioning and its replication to the
// destination bucket of the same index (in us-east-1): the count-paired
// blocks every resource of which, in plan JSON, refers to the whole block
// it pairs with. The provider is aws 5.x, whose resources have no region
// of their own: the parts are where their bucket is.
func pairsConfig(n int) string {
	return fmt.Sprintf(`
provider "aws" {
  region = "eu-west-3"
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

resource "aws_s3_bucket" "src" {
  count  = %[1]d
  bucket = "records-${count.index}"
  tags   = { data_sensitivity = count.index %% 5 == 0 ? "sensitive" : "internal" }
}

resource "aws_s3_bucket_versioning" "src" {
  count  = %[1]d
  bucket = aws_s3_bucket.src[count.index].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_versioning" "fixed" {
  bucket = aws_s3_bucket.src[3].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "dst" {
  count    = %[1]d
  provider = aws.us
  bucket   = "records-${count.index}-replica"
}

resource "aws_s3_bucket" "far" {
  for_each = toset([for i in range(%[1]d) : "far-${i}"])
  provider = aws.us
  bucket   = "records-${each.key}"
}

# Each source replicates to a destination chosen by a variable's map: no
# instance key says which, any may be.
variable "far_of" {
  type    = map(string)
  default = {}
}

resource "aws_s3_bucket_replication_configuration" "far" {
  count  = %[1]d
  bucket = aws_s3_bucket.src[count.index].id
  role   = "arn:aws:iam::123456789012:role/s3-replication"
  rule {
    id     = "all"
    status = "Enabled"
    destination {
      bucket = aws_s3_bucket.far[lookup(var.far_of, tostring(count.index), "far-0")].arn
    }
  }
}

resource "aws_s3_bucket_replication_configuration" "r" {
  count  = %[1]d
  bucket = aws_s3_bucket.src[count.index].id
  role   = "arn:aws:iam::123456789012:role/s3-replication"
  rule {
    id     = "all"
    status = "Enabled"
    destination {
      bucket = aws_s3_bucket.dst[count.index].arn
    }
  }
}
`, n)
}

// TestCountPairs: on a plan real Terraform made of count-paired blocks,
// each part is placed where its bucket is, replicates to its own
// destination, has the strictest level its bucket reference may name, and
// evidence of a few lines whatever the number of instances (it named every
// candidate bucket, one line each, before the candidates were shared). A
// literal index is verified from the sources only.
func TestCountPairs(t *testing.T) {
	const n = 20
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(pairsConfig(n)), 0o644))
	res := testtf.Plan(t, testtf.Terraform(t), dir, testtf.Options{ProviderVersions: map[string]string{"aws": "5.100.0"}})
	p, err := planfile.Parse("plan.json", res.PlanJSON)
	must(t, err)
	cat, err := catalog.Default()
	must(t, err)
	srcs, err := tfconfig.LoadDir(res.Dir, tfconfig.Terraform)
	must(t, err)
	for _, withSources := range []bool{false, true} {
		opts := Options{}
		if withSources {
			opts.Sources = srcs
		}
		inv, _ := BuildWith(p, "plan.json", cat, policy.Default(), opts)
		byAddr := map[string]*Resource{}
		for _, r := range inv.Resources {
			byAddr[r.Address] = r
		}
		if len(byAddr) != 6*n+1 {
			t.Fatalf("sources %v: %d resources, want %d", withSources, len(byAddr), 6*n+1)
		}
		// A literal index: the sources name the one bucket, whose id the
		// plan does not know yet; plan JSON names the whole block.
		if fixed := byAddr["aws_s3_bucket_versioning.fixed"]; fixed.Location.Region != "eu-west-3" || fixed.Location.Unverified.IsZero() != withSources {
			t.Errorf("sources %v: aws_s3_bucket_versioning.fixed at %s, unverified %q", withSources, fixed.Location.Region, fixed.Location.Unverified)
		}
		for i := range n {
			for _, a := range []string{fmt.Sprintf("aws_s3_bucket_versioning.src[%d]", i), fmt.Sprintf("aws_s3_bucket_replication_configuration.r[%d]", i)} {
				r := byAddr[a]
				if r == nil {
					t.Fatalf("sources %v: no %s", withSources, a)
				}
				if r.Location.Status != StatusKnown || r.Location.Region != "eu-west-3" {
					t.Errorf("sources %v: %s at %s %s, want its bucket's eu-west-3", withSources, a, r.Location.Status, r.Location.Region)
				}
				// Every source bucket is a candidate: the strictest decides.
				if r.Sensitivity.Level != "sensitive" {
					t.Errorf("sources %v: %s level %s, want sensitive", withSources, a, r.Sensitivity.Level)
				}
				if len(r.Sensitivity.Evidence) > 4 {
					t.Errorf("sources %v: %s has %d lines of sensitivity evidence: %q", withSources, a, len(r.Sensitivity.Evidence), English(r.Sensitivity.Evidence))
				}
				if ev := strings.Join(English(r.Sensitivity.Evidence), "\n"); !strings.Contains(ev, "other resources its bucket may name") {
					t.Errorf("sources %v: %s evidence does not say the other candidates were read: %s", withSources, a, ev)
				}
			}
			r := byAddr[fmt.Sprintf("aws_s3_bucket_replication_configuration.r[%d]", i)]
			if len(r.DataLocations) != 1 || r.DataLocations[0].Region != "us-east-1" {
				t.Fatalf("sources %v: %s data locations %+v, want its destination's us-east-1", withSources, r.Address, r.DataLocations)
			}
			own := fmt.Sprintf("aws_s3_bucket.dst[%d]", i)
			if ev := strings.Join(English(r.DataLocations[0].Evidence), "\n"); !strings.Contains(ev, own) {
				t.Errorf("sources %v: %s replicates to %s, evidence: %s", withSources, r.Address, own, ev)
			}
			if r.DataLocations[0].Unverified.IsZero() != withSources {
				t.Errorf("sources %v: %s destination unverified %q", withSources, r.Address, r.DataLocations[0].Unverified)
			}
			// Any destination may be the one: all are in us-east-1, one
			// data location, inferred, naming the first.
			far := byAddr[fmt.Sprintf("aws_s3_bucket_replication_configuration.far[%d]", i)]
			if len(far.DataLocations) != 1 || far.DataLocations[0].Region != "us-east-1" || far.DataLocations[0].Unverified.IsZero() ||
				!strings.Contains(strings.Join(English(far.DataLocations[0].Evidence), "\n"), `aws_s3_bucket.far["far-0"]`) {
				t.Errorf("sources %v: %s data locations %+v, want one inferred in us-east-1", withSources, far.Address, far.DataLocations)
			}
		}
	}
}

// candidateWorld is n resources of m module instances with keys, names
// and identities drawn from small sets, so that names, keys and modules
// repeat.
func candidateWorld(rng *rand.Rand, n int) []*Resource {
	var out []*Resource
	for i := range n {
		module := []string{"", `module.a["x"]`, "module.b[0]"}[rng.IntN(3)]
		key := []string{"", "[0]", "[1]", `["k"]`}[rng.IntN(4)]
		addr := fmt.Sprintf("aws_s3_bucket.t%d%s", i%5, key)
		if module != "" {
			addr = module + "." + addr
		}
		r := &Resource{Address: addr, Module: module, Type: "aws_s3_bucket", Mode: "managed", Provider: "registry.terraform.io/hashicorp/aws"}
		if rng.IntN(4) > 0 {
			r.after = planfile.Attrs{{Key: "bucket", Value: []string{"b1", "b2", "b3", "x/b1"}[rng.IntN(4)]}}
		}
		if rng.IntN(3) > 0 {
			// A level, another level, a value that is no level.
			r.after = append(r.after, planfile.Attr{Key: "tags", Value: map[string]any{"data_sensitivity": []string{"sensitive", "internal", "secret-ish"}[rng.IntN(3)]}})
		}
		if rng.IntN(3) == 0 {
			r.after = append(r.after, planfile.Attr{Key: "arn", Value: "arn:aws:s3:::" + []string{"b1", "b2", "b9"}[rng.IntN(3)]})
		}
		out = append(out, r)
	}
	return out
}

// TestCandidatesAsLoops: the shared candidates answer what the loops they
// replace answered, on random lists: the first verified parent (by value;
// the sources' plain references are in TestCountPairs), the flow targets
// of r's module and key, the container signals below the listing limit.
func TestCandidatesAsLoops(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	rv := &resolver{cfg: &configIndex{}}
	for range 500 {
		world := candidateWorld(rng, 1+rng.IntN(30))
		list := slices.Clone(world[:1+rng.IntN(len(world))])
		c := &candidates{list: list}
		r := world[rng.IntN(len(world))]
		if rng.IntN(2) == 0 {
			r = &Resource{Address: "aws_s3_bucket_versioning.v[1]", Module: list[0].Module, after: planfile.Attrs{{Key: "bucket", Value: []string{"b1", "b2", "arn:aws:s3:::b1", "projects/p/x/b2", ""}[rng.IntN(5)]}}}
		}
		// verifiedParent, as fromParent's loop over unverifiedContainment.
		want, wantWhy := list[0], i18n.Msg{}
		for _, p := range list {
			if w := rv.unverifiedContainment(r, "bucket", p); w.IsZero() {
				want, wantWhy = p, i18n.Msg{}
				break
			} else if p == list[0] {
				wantWhy = w
			}
		}
		got, why := rv.verifiedParent(r, "bucket", c)
		if got != want || why.String() != wantWhy.String() {
			t.Fatalf("verifiedParent(%s) = %s %q, the loop %s %q", r.Address, got.Address, why, want.Address, wantWhy)
		}
		// flowTargets, as the narrowing of every candidate but r.
		if !c.has(r) {
			cands := flowTargetsOf(r, list)
			got := c.flowTargets(r, instanceKey(r.Address))
			if !slices.Equal(got.list, cands) {
				t.Fatalf("flowTargets(%s) = %v, the loop %v", r.Address, addresses(got.list), addresses(cands))
			}
			// verifiedTarget, as the loop over verifiedRef.
			for _, pv := range []pathValue{{value: "b1"}, {value: "arn:aws:s3:::b2"}, {value: "x/b1"}, {value: "b1", unknown: true}, {value: 3}} {
				var want *Resource
				for _, t := range got.list {
					if rv.verifiedRef(r, pv, t) {
						want = t
						break
					}
				}
				if v := rv.verifiedTarget(r, pv, got); v != want {
					t.Fatalf("verifiedTarget(%s, %v) = %v, the loop %v", r.Address, pv.value, v, want)
				}
			}
		}
	}
}

// TestContainerSignalsShared: up to maxListedContainers containers, a
// signal per container's tag signal, as before the candidates were
// shared; beyond, one per level and one for the unreadable ones, naming
// how many other containers say the same, and the same levels either way.
func TestContainerSignalsShared(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		b := &builder{policy: policy.Default()}
		world := candidateWorld(rng, 1+rng.IntN(40))
		c := &candidates{list: world}
		r := &Resource{Address: "aws_s3_bucket_versioning.v", Type: "aws_s3_bucket_versioning"}
		var want []signal
		contributing := 0
		for _, o := range world {
			tags := b.tagSignals(o, o.Address)
			if len(tags) > 0 {
				contributing++
			}
			for _, sg := range tags {
				if sg.unreadable.IsZero() {
					sg.evidence = []i18n.Msg{i18n.M("ev.in_container", o.Address, "bucket", sg.evidence[0])}
				}
				want = append(want, sg)
			}
		}
		got := b.containerSignalsOf(r, "bucket", c)
		if again := b.containerSignalsOf(r, "bucket", c); len(again) != len(got) || len(got) > 0 && &again[0] != &got[0] {
			t.Fatal("the signals of shared candidates are worked out again")
		}
		render := func(ss []signal) []string {
			var out []string
			for _, sg := range ss {
				out = append(out, fmt.Sprintf("%s|%s|%s", sg.level, sg.unreadable, English(sg.evidence)))
			}
			return out
		}
		if contributing <= maxListedContainers {
			if !slices.Equal(render(got), render(want)) {
				t.Fatalf("%d containers: %q, want %q", contributing, render(got), render(want))
			}
			continue
		}
		classes := func(ss []signal) []string {
			var out []string
			for _, sg := range ss {
				k := "level " + sg.level
				if !sg.unreadable.IsZero() {
					k = "unreadable"
				}
				if !slices.Contains(out, k) {
					out = append(out, k)
				}
			}
			return out
		}
		if !slices.Equal(classes(got), classes(want)) || len(got) != len(classes(want)) {
			t.Fatalf("%d containers: %q, want one signal for each of %q", contributing, render(got), classes(want))
		}
		for _, sg := range got {
			if !strings.Contains(strings.Join(English(sg.evidence), " "), "other resources its bucket may name") && len(want) > 1 {
				n := 0
				for _, w := range want {
					if w.level == sg.level && w.unreadable.IsZero() == sg.unreadable.IsZero() {
						n++
					}
				}
				if n > 1 {
					t.Fatalf("%q stands for %d signals without saying so", English(sg.evidence), n)
				}
			}
		}
	}
}

func addresses(rs []*Resource) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Address
	}
	return out
}

// verifiedRef (the loop verifiedTarget replaced) reports whether a flow attribute that refers to t names t
// itself: its planned value is t's identity (its name, id, ARN …, or a path
// or ARN ending with it), or, with the sources, it is written as a plain
// reference to t.
func (rv *resolver) verifiedRef(r *Resource, pv pathValue, t *Resource) bool {
	if s, ok := pv.value.(string); ok && !pv.unknown && namesIdentity(s, t) {
		return true
	}
	if rv.cfg.ev != nil {
		module, res, key, ok := tfconfig.ParseResourceAddress(r.Address)
		return ok && rv.cfg.ev.PlainReferenceAt(module, res, key, pv.at, t.Address)
	}
	return false
}

// TestUnresolvedBeforeRead: an entry whose instances only a plan knows
// is unknown for every resource that reads it, even one resolved before
// it (a replication listed before its destination): its location was set
// after it had been read.
func TestUnresolvedBeforeRead(t *testing.T) {
	src := `{"format_version":"1.2","terraform_version":"1.11.0","resource_changes":[
{"address":"aws_s3_bucket_replication_configuration.r","mode":"managed","type":"aws_s3_bucket_replication_configuration","name":"r","provider_name":"registry.terraform.io/hashicorp/aws",
 "change":{"actions":["create"],"before":null,"after":{"region":"eu-west-3","bucket":"src","rule":[{"destination":[{"bucket":null}]}]},"after_unknown":{"rule":[{"destination":[{"bucket":true}]}]}}},
{"address":"aws_s3_bucket.dst","mode":"managed","type":"aws_s3_bucket","name":"dst","provider_name":"registry.terraform.io/hashicorp/aws",
 "change":{"actions":["create"],"before":null,"after":{"bucket":"dst","region":"us-east-1"},"after_unknown":{}}}],
"configuration":{"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws","expressions":{"region":{"constant_value":"eu-west-3"}}}},
 "root_module":{"resources":[
  {"address":"aws_s3_bucket_replication_configuration.r","mode":"managed","type":"aws_s3_bucket_replication_configuration","name":"r","provider_config_key":"aws",
   "expressions":{"bucket":{"constant_value":"src"},"rule":[{"destination":[{"bucket":{"references":["aws_s3_bucket.dst.arn","aws_s3_bucket.dst"]}}]}]},"schema_version":0},
  {"address":"aws_s3_bucket.dst","mode":"managed","type":"aws_s3_bucket","name":"dst","provider_config_key":"aws","expressions":{"bucket":{"constant_value":"dst"},"region":{"constant_value":"us-east-1"}},"schema_version":0}]}}}`
	p, err := planfile.Parse("plan.json", []byte(src))
	must(t, err)
	cat, err := catalog.Default()
	must(t, err)
	why := i18n.M("ev.text", "only a plan knows its instances")
	for _, unresolved := range []bool{false, true} {
		opts := Options{}
		if unresolved {
			opts.Unresolved = map[string]i18n.Msg{"aws_s3_bucket.dst": why}
		}
		inv, _ := BuildWith(p, "plan.json", cat, policy.Default(), opts)
		var r *Resource
		for _, o := range inv.Resources {
			if o.Address == "aws_s3_bucket_replication_configuration.r" {
				r = o
			}
		}
		if r == nil || len(r.DataLocations) != 1 {
			t.Fatalf("unresolved %v: data locations %+v", unresolved, r)
		}
		want := StatusKnown
		if unresolved {
			want = StatusUnknown
		}
		if got := r.DataLocations[0].Status; got != want {
			t.Errorf("unresolved %v: the replication's destination is %s (%s: %s), want %s", unresolved, got, r.DataLocations[0].Region, English(r.DataLocations[0].Evidence), want)
		}
	}
}
