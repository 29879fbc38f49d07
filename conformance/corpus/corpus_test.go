// Package corpus checks the authorizer against the official Cedar
// integration corpus: every request of every corpus test must get the
// expected decision, reasons and erroring policies.
package corpus

import (
	"fmt"
	"testing"

	"github.com/cedar-ls/cedar-ls/conformance/corpusdata"
	"github.com/cedar-ls/cedar-ls/engine/authz"
	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/eval"
	"github.com/cedar-ls/cedar-ls/engine/parse"
)

func TestCorpus(t *testing.T) {
	c, err := corpusdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	c.CheckAuthorization(t, prepare)
}

// prepare builds the production policy set and entity store of one test.
func prepare(c *corpusdata.Corpus, ct *corpusdata.Test) (func(*corpusdata.Request) (corpusdata.Outcome, error), error) {
	file, perrs := parse.Policies(c.Files[ct.Policies])
	if len(perrs) > 0 {
		return nil, fmt.Errorf("policies do not parse: %v", perrs[0])
	}
	ps := authz.NewPolicySet()
	if err := ps.AddFile(file); err != nil {
		return nil, fmt.Errorf("policy set: %w", err)
	}
	ents, err := entitiesjson.Parse(c.Files[ct.Entities])
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	store, err := entities.NewStore(ents)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	return func(r *corpusdata.Request) (corpusdata.Outcome, error) {
		ctx, err := entitiesjson.ParseContext(r.Context)
		if err != nil {
			return corpusdata.Outcome{}, fmt.Errorf("context: %w", err)
		}
		req := &eval.Request{Principal: r.Principal.EntityUID(), Action: r.Action.EntityUID(), Resource: r.Resource.EntityUID(), Context: ctx}
		resp := ps.Authorize(store, req)
		out := corpusdata.Outcome{Decision: resp.Decision.String(), Reasons: resp.Reasons}
		for _, e := range resp.Errors {
			out.Errored = append(out.Errored, e.PolicyID)
		}
		return out, nil
	}, nil
}
