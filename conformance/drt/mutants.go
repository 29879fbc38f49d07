package drt

import "slices"

// Mutant returns mutation number k of text for case i: the same kind of
// random damage the parse target applies (one to three span deletions,
// duplications, replacements by a mutation token, or token insertions),
// drawn from (seed, i, k) so that it can be regenerated.
func Mutant(seed, i uint64, k int, text string) string {
	cg := &caseGen{r: caseRand(seed^0x7ee5, i*1009+uint64(k))}
	return cg.mutate(text)
}

// MutationTokens returns the fragments mutations insert: brackets,
// operators, keywords in wrong places, bad literals, slots, annotations.
func MutationTokens() []string { return slices.Clone(mutationTokens) }
