package policy

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestWaiverIndex: the index finds the waivers the globs match, no more
// and no fewer, in order, for random globs (wildcards in and across steps,
// keys, **) and addresses.
func TestWaiverIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	step := func() string {
		name := pick("module", "legacy", "db", "aws_s3_bucket", "aws_sqs_queue", "b", "q", "data", "aws_region")
		switch rng.IntN(6) {
		case 0:
			name = name[:rng.IntN(len(name))+1] + "*"
		case 1:
			name = "*" + name[rng.IntN(len(name)):]
		case 2:
			name = strings.Replace(name, name[:1], "?", 1)
		}
		return name + pick("", "", "[0]", `["eu"]`, "[*]", `["e*"]`, `["x.*"]`)
	}
	glob := func() string {
		var steps []string
		for range 1 + rng.IntN(5) {
			steps = append(steps, step())
		}
		if rng.IntN(5) == 0 {
			steps[rng.IntN(len(steps))] = "**"
		}
		return strings.Join(steps, ".")
	}
	address := func() string {
		var steps []string
		for range rng.IntN(3) {
			steps = append(steps, "module."+pick("legacy", "db", "legacy_1")+pick("", "[0]", `["eu"]`, `["x.y"]`, `["a]b.c"]`))
		}
		steps = append(steps, pick("aws_s3_bucket", "aws_sqs_queue", "data.aws_region")+"."+pick("b", "q", "current")+pick("", "[0]", "[1]", `["eu"]`))
		return strings.Join(steps, ".")
	}
	matched := 0
	// Globs whose prefix ends where a key or zero steps may follow.
	for _, c := range [][2]string{
		{"aws_s3_bucket.b.**", "aws_s3_bucket.b"}, {"module.a.**", `module.a["x.y"].aws_s3_bucket.b`},
		{"module.a.aws_s3_bucket.b", `module.a["x.y"].aws_s3_bucket.b[0]`}, {`module.a["x.*"].aws_s3_bucket.*`, `module.a["x.y"].aws_s3_bucket.b`},
		{"module.leg*.aws_s3_bucket.b", `module.legacy[0].aws_s3_bucket.b`}, {"**", "aws_s3_bucket.b"},
	} {
		ws := []*Waiver{{ID: "x", Addresses: []string{c[0]}}}
		if got := NewWaiverIndex(ws).Match(c[1], "TC001"); len(got) != 1 {
			t.Errorf("%s does not find %s", c[0], c[1])
		}
	}
	for range 200 {
		var ws []*Waiver
		for i := range 1 + rng.IntN(40) {
			w := &Waiver{ID: string(rune('a' + i%26))}
			for range 1 + rng.IntN(3) {
				w.Addresses = append(w.Addresses, glob())
			}
			if rng.IntN(3) == 0 {
				w.Rules = []string{pick("TC001", "TC002")}
			}
			ws = append(ws, w)
		}
		p := &Policy{Waivers: ws}
		x := NewWaiverIndex(ws)
		for range 50 {
			addr, rule := address(), pick("TC001", "TC002", "TC006")
			want := p.MatchWaivers(addr, rule) // no index: every waiver tried
			if got := x.Match(addr, rule); !slices.Equal(got, want) {
				t.Fatalf("%s %s: the index finds %d waivers, trying each %d (globs %v)", addr, rule, len(got), len(want), globsOf(ws))
			}
			matched += len(want)
		}
	}
	if matched < 200 {
		t.Errorf("only %d matches: the random globs match too little to test the index", matched)
	}
}

// TestModuleRuleIndex: the index gives every module address the level
// and glob of the first rule that matches it, as ModuleLevel does, for
// random globs and module addresses.
func TestModuleRuleIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	found := 0
	for range 300 {
		p := &Policy{}
		for range 1 + rng.IntN(30) {
			var steps []string
			for range 1 + rng.IntN(3) {
				steps = append(steps, "module", pick("app", "app_*", "a?p", "db", "*", "**")+pick("", "", "[0]", `["eu"]`, "[*]"))
			}
			if rng.IntN(4) == 0 {
				steps = append(steps, "**")
			}
			p.Classification.Modules = append(p.Classification.Modules, ModuleRule{Glob: strings.Join(steps, "."), Level: pick("internal", "sensitive")})
		}
		x := NewModuleRuleIndex(p)
		for range 30 {
			var steps []string
			for range rng.IntN(4) {
				steps = append(steps, "module."+pick("app", "app_1", "db", "x")+pick("", "[0]", `["eu"]`, `["a.b"]`))
			}
			addr := strings.Join(steps, ".")
			wl, wg, wok := p.ModuleLevel(addr)
			gl, gg, gok := x.ModuleLevel(addr)
			if wl != gl || wg != gg || wok != gok {
				t.Fatalf("%q: the index says %q %q %v, ModuleLevel %q %q %v", addr, gl, gg, gok, wl, wg, wok)
			}
			if wok {
				found++
			}
		}
	}
	if found < 500 {
		t.Errorf("only %d module addresses matched: too few to test the index", found)
	}
}

func globsOf(ws []*Waiver) [][]string {
	var out [][]string
	for _, w := range ws {
		out = append(out, w.Addresses)
	}
	return out
}
