package drt

import (
	"encoding/json"
	"fmt"

	"github.com/cedar-ls/cedar-ls/conformance/oracle"
	"github.com/cedar-ls/cedar-ls/engine"
)

// maxSpellingRequests bounds the requests of a case asked again in the
// schema-only spellings (each is a full isAuthorized call with the schema).
const maxSpellingRequests = 8

// checkSpellings asks conforming requests of a schema-directed case again
// with the entities and contexts written in the spellings official Cedar
// accepts only with a schema (TypedEntities, TypedContext), through the
// front door (engine.LoadEntities and engine.DecodeRequest with the schema,
// request validation on), and compares production's answer with official
// Cedar's given the same schema and spellings.
func (rn *Runner) checkSpellings(c *Case) (int, []Mismatch, error) {
	sp := rn.startSpellings(c)
	ps, _, failure := engineLoad(c)
	return sp.finish(ps, failure)
}

// spellings is a checkSpellings whose oracle requests are on their way.
type spellings struct {
	c   *Case
	all []spelled
}

type spelled struct {
	j       int
	pending *oracle.Pending
	request json.RawMessage
}

// startSpellings sends checkSpellings' requests to the oracle.
func (rn *Runner) startSpellings(c *Case) *spellings {
	sp := &spellings{c: c}
	if c.Schema == "" || c.TypedEntities == nil {
		return sp
	}
	sr := caseRand(c.Seed^spellingSalt^0x7e9, c.Index)
	var policies *oracle.PolicySet
	for j, r := range c.Requests {
		if !r.Conforms || len(sp.all) == maxSpellingRequests {
			continue
		}
		if policies == nil {
			ps := OraclePolicySet(c)
			policies = &ps
		}
		// Official's call takes entity UIDs as objects; the request JSON
		// also takes the string form.
		objUID := func(u UID) any { return value{kind: kEntity, uid: u}.typedJSON(sr) }
		anyUID := func(u UID) any {
			if sr.IntN(3) == 0 {
				return u.Cedar()
			}
			return objUID(u)
		}
		request := mustJSON(map[string]any{
			"principal": anyUID(r.Principal), "action": anyUID(r.Action), "resource": anyUID(r.Resource),
			"context": r.TypedContext,
		})
		p := rn.O.GoAuthorizeWithSchema(oracle.SchemaAuthRequest{
			Principal: objUID(r.Principal), Action: objUID(r.Action), Resource: objUID(r.Resource),
			Context: r.TypedContext, Schema: c.Schema, ValidateRequest: true,
			Policies: *policies, Entities: c.TypedEntities,
		})
		sp.all = append(sp.all, spelled{j, p, request})
	}
	return sp
}

// finish compares the answers with production's, given the case's policy
// set as engineLoad loads it.
func (sp *spellings) finish(ps *engine.PolicySet, failure string) (int, []Mismatch, error) {
	c := sp.c
	if len(sp.all) == 0 {
		return 0, nil, nil
	}
	s, err := engine.LoadSchema("schema.cedarschema", []byte(c.Schema))
	if err != nil {
		sp.drain()
		return 1, []Mismatch{{TargetAuthz, "generated schema does not load: " + err.Error(), nil}}, nil
	}
	if failure != "" {
		sp.drain()
		return 0, nil, nil // the main comparison reports it
	}
	store, storeErr := engine.LoadEntities("entities.json", c.TypedEntities, s)
	var ms []Mismatch
	for _, a := range sp.all {
		ans, err := oracle.WaitAuthorize(a.pending)
		if err != nil {
			return 0, nil, err
		}
		theirs := outcomeOf(*ans)
		ours := spelledOutcome(ps, store, storeErr, s, a.request)
		if ours.Same(theirs) && theirs.Failure == "" {
			continue
		}
		summary := fmt.Sprintf("schema-typed spellings: production: %s\nofficial:   %s\nschema:\n%s\npolicies:\n%s%s\nentities: %s\nrequest: %s",
			ours, theirs, c.Schema, c.Policies, templatesText(c), c.TypedEntities, a.request)
		if theirs.Failure != "" {
			summary = "generator bug (official Cedar rejects the input)\n" + summary
		}
		ms = append(ms, Mismatch{TargetAuthz, summary, nil})
	}
	return len(sp.all), ms, nil
}

// drain waits for answers no longer needed, so they do not outlive the
// case.
func (sp *spellings) drain() {
	for _, a := range sp.all {
		_ = a.pending.Wait(nil)
	}
}

// spelledOutcome is production's answer through the front door.
func spelledOutcome(ps *engine.PolicySet, store *engine.Entities, storeErr error, s *engine.Schema, request json.RawMessage) (out Outcome) {
	defer func() {
		if v := recover(); v != nil {
			out = panicOutcome(v)
		}
	}()
	if storeErr != nil {
		return Outcome{Failure: "entities: " + storeErr.Error()}
	}
	req, err := engine.DecodeRequest("request.json", request, engine.RequestOptions{Schema: s, Validate: true})
	if err != nil {
		return Outcome{Failure: "request: " + err.Error()}
	}
	return responseOutcome(engine.Authorize(ps, store, req))
}
