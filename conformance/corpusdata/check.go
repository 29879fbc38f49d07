package corpusdata

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Outcome is an authorization answer in the corpus's terms.
type Outcome struct {
	Decision string   // "allow" or "deny"
	Reasons  []string // policy ids, any order
	Errored  []string // ids of the policies that errored, any order
}

// Diff describes how got differs from the request's official answer (the
// decision, the set of reasons and the set of erroring policies), or "".
func (r *Request) Diff(got Outcome) string {
	var diffs []string
	if got.Decision != r.Decision {
		diffs = append(diffs, fmt.Sprintf("decision %s, want %s", got.Decision, r.Decision))
	}
	for _, c := range []struct {
		what      string
		got, want []string
	}{{"reasons", got.Reasons, r.Reason}, {"erroring policies", got.Errored, r.Errors}} {
		g, w := slices.Sorted(slices.Values(c.got)), slices.Sorted(slices.Values(c.want))
		if !slices.Equal(g, w) {
			diffs = append(diffs, fmt.Sprintf("%s %v, want %v", c.what, g, w))
		}
	}
	return strings.Join(diffs, "; ")
}

// Authorizer prepares one test's policies and entities and returns the
// function answering its requests.
type Authorizer func(c *Corpus, t *Test) (func(r *Request) (Outcome, error), error)

// CheckAuthorization runs every request of the corpus through prepare's
// authorizer and fails tb on any disagreement with the official answers,
// printing the first 50.
func (c *Corpus) CheckAuthorization(tb testing.TB, prepare Authorizer) {
	tb.Helper()
	requests, failures := 0, 0
	report := func(format string, args ...any) {
		failures++
		if failures <= 50 {
			tb.Errorf(format, args...)
		}
	}
	for _, t := range c.Tests {
		answer, err := prepare(c, t)
		if err != nil {
			report("%s: %v", t.Name, err)
			continue
		}
		for i := range t.Requests {
			r := &t.Requests[i]
			requests++
			got, err := answer(r)
			if err != nil {
				report("%s %s: %v", t.Name, r.Description, err)
				continue
			}
			if d := r.Diff(got); d != "" {
				report("%s %s (%s, %s, %s): %s", t.Name, r.Description,
					r.Principal.EntityUID(), r.Action.EntityUID(), r.Resource.EntityUID(), d)
			}
		}
	}
	tb.Logf("%d tests, %d requests, %d disagreements", len(c.Tests), requests, failures)
	if failures > 0 {
		tb.Errorf("%d of %d requests disagree with official Cedar", failures, requests)
	}
}
