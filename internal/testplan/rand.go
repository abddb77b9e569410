package testplan

import "strconv"

// rng is a splitmix64 stream: tiny, fast and, seeded from a resource's
// position in the plan, the same in every section that writes it.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n).
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// chance is true with probability p.
func (r *rng) chance(p float64) bool { return float64(r.next()>>11)/(1<<53) < p }

// pick returns one of the choices.
func pick[T any](r *rng, choices ...T) T { return choices[r.intn(len(choices))] }

// hex returns n lower-case hexadecimal digits.
func (r *rng) hex(n int) string {
	b := make([]byte, 0, n+16)
	for len(b) < n {
		b = strconv.AppendUint(b, r.next(), 16)
	}
	return string(b[:n])
}

// uuid returns a random UUID-shaped string.
func (r *rng) uuid() string {
	h := r.hex(32)
	return h[:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:32]
}

// seedOf mixes numbers into one seed.
func seedOf(parts ...uint64) uint64 {
	h := uint64(0x243f6a8885a308d3)
	for _, p := range parts {
		r := rng{h ^ p}
		h = r.next()
	}
	return h
}
