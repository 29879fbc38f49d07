// Package spec runs the official Cedar integration corpus through the
// reference model (internal/refmodel): every request of every corpus test must
// get the expected decision, reasons and erroring policies.
package refmodel

import (
	"fmt"
	"testing"

	"github.com/cedar-ls/cedar-ls/conformance/corpusdata"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/internal/refmodel"
)

func TestCorpus(t *testing.T) {
	c, err := corpusdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	c.CheckAuthorization(t, prepare)
}

// prepare reads one test's inputs for the spec. Only input decoding (policy
// text, entities and context JSON) is production code; all semantics are
// the spec's.
func prepare(c *corpusdata.Corpus, ct *corpusdata.Test) (func(*corpusdata.Request) (corpusdata.Outcome, error), error) {
	file, perrs := parse.Policies(c.Files[ct.Policies])
	if len(perrs) > 0 {
		return nil, fmt.Errorf("policies do not parse: %v", perrs[0])
	}
	decoded, err := entitiesjson.Parse(c.Files[ct.Entities])
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	list := make([]refmodel.Entity, len(decoded))
	for i, e := range decoded {
		list[i] = refmodel.Entity(*e)
	}
	ents, err := refmodel.Entities(list)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	return func(r *corpusdata.Request) (corpusdata.Outcome, error) {
		ctx, err := entitiesjson.ParseContext(r.Context)
		if err != nil {
			return corpusdata.Outcome{}, fmt.Errorf("context: %w", err)
		}
		req := refmodel.Request{Principal: r.Principal.EntityUID(), Action: r.Action.EntityUID(), Resource: r.Resource.EntityUID(), Context: ctx}
		resp := refmodel.IsAuthorized(req, file.Policies, ents)
		return corpusdata.Outcome{Decision: resp.Decision, Reasons: resp.Reasons, Errored: resp.Errored}, nil
	}, nil
}
