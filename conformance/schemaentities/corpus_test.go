// Package schemaentities checks schema-based entity and context decoding and
// request validation against the official Cedar corpus: every corpus test has
// a schema its entities conform to and requests official Cedar validated, so
// every entities file must decode with the schema, every request must pass
// validation, and authorizing with the schema-decoded entities and contexts
// must still give the corpus's expected answers.
package schemaentities

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/conformance/corpusdata"
	"github.com/cedar-ls/cedar-ls/engine/authz"
	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/eval"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/schema"
)

func TestCorpusWithSchema(t *testing.T) {
	c, err := corpusdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	var requests, validated, failures int
	for _, ct := range c.Tests {
		requests += len(ct.Requests)
		for _, r := range ct.Requests {
			if r.ValidateRequest {
				validated++
			}
		}
		problems := runTest(c.Files, ct)
		if len(problems) > 0 {
			failures += len(problems)
			if failures <= 30 {
				t.Errorf("%s:\n  %s", ct.Name, strings.Join(problems, "\n  "))
			}
		}
	}
	t.Logf("%d tests, %d requests (%d validated), %d problems", len(c.Tests), requests, validated, failures)
	if failures > 0 {
		t.Errorf("%d problems with schema-based decoding", failures)
	}
}

func runTest(files map[string][]byte, ct *corpusdata.Test) []string {
	fail := func(format string, args ...any) []string { return []string{fmt.Sprintf(format, args...)} }
	s, serrs := schema.Load(ct.Schema, files[ct.Schema])
	if len(serrs) > 0 {
		return fail("schema: %v", serrs[0])
	}
	file, perrs := parse.Policies(files[ct.Policies])
	if len(perrs) > 0 {
		return fail("policies do not parse: %v", perrs[0])
	}
	ps := authz.NewPolicySet()
	if err := ps.AddFile(file); err != nil {
		return fail("policy set: %v", err)
	}
	ents, err := entitiesjson.ParseWithSchema(files[ct.Entities], s)
	if err != nil {
		return fail("entities rejected with the schema:\n%v", err)
	}
	store, err := entities.NewStore(ents)
	if err != nil {
		return fail("entities: %v", err)
	}
	var problems []string
	for _, r := range ct.Requests {
		req := &eval.Request{Principal: r.Principal.EntityUID(), Action: r.Action.EntityUID(), Resource: r.Resource.EntityUID()}
		ctx, err := entitiesjson.ParseContextWithSchema(r.Context, s, req.Action, r.ValidateRequest)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: context rejected with the schema: %v", r.Description, err))
			continue
		}
		req.Context = ctx
		if r.ValidateRequest {
			if err := entitiesjson.ValidateRequest(s, req.Principal, req.Action, req.Resource, req.Context); err != nil {
				problems = append(problems, fmt.Sprintf("%s: request fails validation: %v", r.Description, err))
				continue
			}
		}
		resp := ps.Authorize(store, req)
		if diff := compare(&r, resp); diff != "" {
			problems = append(problems, fmt.Sprintf("%s (%s, %s, %s): %s", r.Description, req.Principal, req.Action, req.Resource, diff))
		}
	}
	return problems
}

// compare describes how resp differs from the expected outcome, or "".
func compare(r *corpusdata.Request, resp authz.Response) string {
	var diffs []string
	if resp.Decision.String() != r.Decision {
		diffs = append(diffs, fmt.Sprintf("decision %s, want %s", resp.Decision, r.Decision))
	}
	want := append([]string(nil), r.Reason...)
	sort.Strings(want)
	got := append([]string(nil), resp.Reasons...)
	sort.Strings(got)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		diffs = append(diffs, fmt.Sprintf("reasons %v, want %v", got, want))
	}
	if len(resp.Errors) != len(r.Errors) {
		diffs = append(diffs, fmt.Sprintf("%d errors, want %d in %v", len(resp.Errors), len(r.Errors), r.Errors))
	}
	return strings.Join(diffs, "; ")
}
