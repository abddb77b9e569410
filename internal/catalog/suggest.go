package catalog

import (
	"sort"
	"strings"
)

// closestFirst returns candidates sorted by edit distance to name (case
// insensitive), ties broken alphabetically, without duplicates.
func closestFirst(name string, candidates []string) []string {
	seen := make(map[string]bool, len(candidates))
	out := make([]string, 0, len(candidates))
	for _, c := range candidates {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	n := strings.ToLower(name)
	dist := make(map[string]int, len(out))
	for _, c := range out {
		d := EditDistance(n, strings.ToLower(c))
		// A candidate that contains the input, or is contained in it, is
		// closer than its raw distance suggests (zone vs region, short vs
		// full source address).
		if n != "" && (strings.Contains(strings.ToLower(c), n) || strings.Contains(n, strings.ToLower(c))) {
			d /= 2
		}
		dist[c] = d
	}
	sort.SliceStable(out, func(i, j int) bool {
		if dist[out[i]] != dist[out[j]] {
			return dist[out[i]] < dist[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// EditDistance is the Levenshtein distance between a and b, in runes.
func EditDistance(a, b string) int { return distance(a, b, false) }

// TypoDistance is EditDistance where swapping two adjacent letters counts
// as one edit (the optimal string alignment distance): "chekc" is one
// edit from "check", as a typist sees it.
func TypoDistance(a, b string) int { return distance(a, b, true) }

// distance is the edit distance between a and b, in runes, with adjacent
// transpositions as one edit when transpose is set.
func distance(a, b string, transpose bool) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if transpose && i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
