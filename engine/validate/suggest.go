package validate

import (
	"fmt"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

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

// suggest adds official Cedar's "did you mean" choice among candidates for
// the misspelled key, if there is one.
func (d *Diagnostic) suggest(key string, candidates []string) {
	if s, ok := suggestion(key, candidates); ok {
		d.Suggestions = []string{s}
	}
}

// unrecognizedEntityType reports an entity type the schema does not
// declare, suggesting the nearest declared one.
func (x *index) unrecognizedEntityType(span source.Span, t types.EntityType) Diagnostic {
	d := newDiagnostic(span, KindUnrecognizedEntityType, fmt.Sprintf("unrecognized entity type `%s`", t))
	d.suggest(string(t), x.entityTypeNames)
	return d
}

// unrecognizedAction reports an action the schema does not declare. Like
// official Cedar, it suggests the nearest declared action (compared by id
// with the actions written in full, `Action::"view"`), unless an action's
// id holds this one's id with the type (`Action::"Action::view"`), where
// official's help is of another kind.
func (x *index) unrecognizedAction(span source.Span, uid types.EntityUID) Diagnostic {
	d := newDiagnostic(span, KindUnrecognizedActionID, fmt.Sprintf("unrecognized action `%s`", uid))
	withType, withQuotedType := "Action::"+uid.ID, `Action::"`+uid.ID+`"`
	for _, a := range x.actions {
		if strings.Contains(a.ID, withType) || strings.Contains(a.ID, withQuotedType) {
			return d
		}
	}
	d.suggest(uid.ID, x.actionNames)
	return d
}

// EditDistance is the Levenshtein distance between a and b in Unicode code
// points, the measure "did you mean" suggestions are chosen by.
func EditDistance(a, b string) int { return levenshtein([]rune(a), []rune(b)) }
