package validate

// suggestion is official Cedar's "did you mean" choice (its fuzzy_search):
// the candidate at the least Levenshtein distance from key, counted in
// Unicode code points, the first such in the candidates' order. There is no
// threshold: any candidate is suggested, however far. An empty key or no
// candidates suggest nothing.
func suggestion(key string, candidates []string) (string, bool) {
	if key == "" || len(candidates) == 0 {
		return "", false
	}
	k := []rune(key)
	best, bestDist := "", -1
	for _, c := range candidates {
		if d := levenshtein(k, []rune(c)); bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	return best, true
}

// levenshtein is the edit distance between a and b: the fewest single
// code-point insertions, deletions and substitutions turning one into the
// other.
func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1]
			} else {
				cur[j] = 1 + min(prev[j], cur[j-1], prev[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
