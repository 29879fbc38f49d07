package drt

import (
	"fmt"
	"strings"

	"github.com/cedar-ls/cedar-ls/conformance/oracle"
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/validate"
)

// suggestionStats counts the "did you mean" comparisons of a run.
type suggestionStats struct {
	Compared, Same, Ties int
}

// suggestionDiffs compares production's "did you mean" suggestions with
// official Cedar's, for every validation error where official gives one
// (its help "did you mean `X`?"). The suggestion is the candidate nearest
// to the misspelled name; where several are equally near, official's pick
// depends on hash-map order, so an equally near suggestion counts as
// agreeing (a tie). It also reports suggestions production makes where
// official makes none.
func suggestionDiffs(ours validate.Result, theirs *oracle.ValidationAnswer, st *suggestionStats) []string {
	var diffs []string
	matched := map[int]bool{}
	for _, e := range theirs.ValidationErrors {
		want, hasWant := didYouMean(e.Error.Help)
		k := -1
		for i, d := range ours.Errors {
			if !matched[i] && d.PolicyID == e.PolicyID && strings.HasSuffix(e.Error.Message, d.Message) {
				k = i
				break
			}
		}
		if k < 0 {
			continue // a verdict difference, reported by the verdict check
		}
		matched[k] = true
		d := ours.Errors[k]
		got := ""
		if len(d.Suggestions) > 0 {
			got = d.Suggestions[0]
		}
		switch {
		case !hasWant && got == "":
			continue
		case !hasWant:
			diffs = append(diffs, fmt.Sprintf("%s: %s: production suggests `%s`, official suggests nothing (help %q)", d.PolicyID, d.Message, got, helpText(e.Error.Help)))
			continue
		}
		st.Compared++
		key := misspelled(d)
		switch {
		case got == want:
			st.Same++
		case got != "" && key != "" && validate.EditDistance(key, got) == validate.EditDistance(key, want):
			st.Ties++
		default:
			diffs = append(diffs, fmt.Sprintf("%s: %s: production suggests `%s`, official `%s`", d.PolicyID, d.Message, got, want))
		}
	}
	return diffs
}

// didYouMean extracts X from official's help "did you mean `X`?…".
func didYouMean(help *string) (string, bool) {
	if help == nil {
		return "", false
	}
	rest, ok := strings.CutPrefix(*help, "did you mean `")
	if !ok {
		return "", false
	}
	x, _, ok := strings.Cut(rest, "`?")
	return x, ok
}

func helpText(help *string) string {
	if help == nil {
		return ""
	}
	return *help
}

// misspelled is the name a suggestion replaces, read from the message:
// the attribute, the entity type, or the action's id.
func misspelled(d validate.Diagnostic) string {
	_, rest, ok := strings.Cut(d.Message, "`")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, "`")
	if d.Code == validate.KindUnrecognizedActionID {
		uid, err := parse.EntityUID(name)
		if err != nil {
			return ""
		}
		return uid.ID
	}
	return name
}

// suggestionCheck validates a case's static policies and templates in
// production and in official Cedar and compares their suggestions.
func (rn *Runner) suggestionCheck(c *Case, policies []*ast.Policy, s *schema.Schema, st *suggestionStats) ([]string, error) {
	ps := OraclePolicySet(c)
	ps.TemplateLinks = nil
	ans, err := rn.O.Validate(ps, c.Schema)
	if err != nil {
		return nil, err
	}
	return suggestionDiffs(validate.Validate(s, policies, validate.Strict), ans, st), nil
}
