package treesitter

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"

	"github.com/cedar-ls/cedar-ls/conformance/drt"
)

// tokenPattern splits Cedar text into rough tokens for mutation: comments,
// strings, slots, names, integers, two-character operators, any other
// character. It need not be exact: it only chooses what to break.
var tokenPattern = regexp.MustCompile(`//[^\n\r]*|"(?:[^"\\]|\\.)*"|\?[_a-zA-Z][_a-zA-Z0-9]*|[_a-zA-Z][_a-zA-Z0-9]*|[0-9]+|==|!=|<=|>=|&&|\|\||::|\S`)

// A mutation class damages a text in one way.
type mutation struct {
	name  string
	apply func(r *rand.Rand, text string) string
}

var mutations = []mutation{
	{"token deletion", deleteToken},
	{"token insertion", insertToken},
	{"adjacent token swap", swapTokens},
	{"drt span mutation", nil}, // drt.Mutant, see mutate
}

func tokenSpans(text string) [][]int { return tokenPattern.FindAllStringIndex(text, -1) }

// deleteToken removes one token.
func deleteToken(r *rand.Rand, text string) string {
	toks := tokenSpans(text)
	if len(toks) == 0 {
		return text
	}
	t := toks[r.IntN(len(toks))]
	return text[:t[0]] + text[t[1]:]
}

// insertToken inserts, between two tokens, a mutation token of the DRT or
// a token of the text itself (a plausible one in the wrong place).
func insertToken(r *rand.Rand, text string) string {
	toks := tokenSpans(text)
	var ins string
	if len(toks) > 0 && r.IntN(2) == 0 {
		t := toks[r.IntN(len(toks))]
		ins = text[t[0]:t[1]]
	} else {
		ins = pickString(r, drt.MutationTokens())
	}
	at := len(text)
	if len(toks) > 0 {
		at = toks[r.IntN(len(toks))][0]
	}
	return text[:at] + ins + " " + text[at:]
}

// swapTokens exchanges two adjacent tokens.
func swapTokens(r *rand.Rand, text string) string {
	toks := tokenSpans(text)
	if len(toks) < 2 {
		return text
	}
	i := r.IntN(len(toks) - 1)
	a, b := toks[i], toks[i+1]
	var sb strings.Builder
	sb.WriteString(text[:a[0]])
	sb.WriteString(text[b[0]:b[1]])
	sb.WriteString(text[a[1]:b[0]])
	sb.WriteString(text[a[0]:a[1]])
	sb.WriteString(text[b[1]:])
	return sb.String()
}

func pickString(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

// mutants returns n mutants of text per mutation class, by class name.
func mutants(seed, i uint64, text string, n int) map[string][]string {
	out := map[string][]string{}
	r := rand.New(rand.NewPCG(seed, i))
	for _, m := range mutations {
		for k := range n {
			var s string
			if m.apply == nil {
				s = drt.Mutant(seed, i, k, text)
			} else {
				s = m.apply(r, text)
			}
			out[m.name] = append(out[m.name], s)
		}
	}
	return out
}

// classNames lists the input classes in report order.
func classNames() []string {
	names := []string{"generated"}
	for _, m := range mutations {
		names = append(names, m.name)
	}
	return slices.Clip(names)
}
