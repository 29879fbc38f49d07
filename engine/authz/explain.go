package authz

import (
	"fmt"
	"sort"

	"github.com/cedar-ls/cedar-ls/engine/ast"

	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/eval"
	"github.com/cedar-ls/cedar-ls/internal/evaluator"
)

// Outcome is what one policy did for one request.
type Outcome uint8

const (
	// NotApplicable: the policy's scope does not match the request.
	NotApplicable Outcome = iota
	// ConditionFalse: the scope matches but a when/unless condition is
	// false.
	ConditionFalse
	// Satisfied: scope and conditions hold. A satisfied policy is a
	// reason for the decision unless it is a permit and a forbid decided.
	Satisfied
	// Errored: evaluating the conditions failed; the policy was skipped.
	Errored
)

var outcomeNames = [...]string{"not-applicable", "condition-false", "satisfied", "errored"}

func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "unknown"
}

// Explanation is an authorization with the outcome of every static and
// linked policy of the set. Response is exactly what Authorize answers.
type Explanation struct {
	Response Response
	// Outcomes maps every policy id (static and linked, not templates) to
	// its outcome; policies missing from the map did not apply.
	Outcomes map[string]Outcome
}

// Outcome is the outcome of the policy with the id (NotApplicable for an
// id the set does not hold).
func (x *Explanation) Outcome(id string) Outcome { return x.Outcomes[id] }

// Explain authorizes a request as Authorize does and records why: which
// policies matched by scope, which were satisfied, which had a false
// condition and which failed. Only the policies whose scope matches are
// evaluated, as in Authorize.
func (ps *PolicySet) Explain(store *entities.Store, req *eval.Request) Explanation {
	// Every policy whose scope matches gets an outcome, so the condition
	// index (which skips policies whose condition is false) is not used.
	d := decider{env: evaluator.NewEnv(req, store), outcomes: make(map[string]Outcome, outcomeHint(len(ps.entries)))}
	if len(ps.entries) <= linearScanMax {
		d.considerAll(ps.entries)
	} else {
		ps.upToDateIndex().each(d.env, &d)
	}
	permits, forbids, errs, outcomes := d.permits, d.forbids, d.errs, d.outcomes
	resp := Response{Decision: Deny, Reasons: permits, Errors: errs}
	switch {
	case len(forbids) > 0:
		resp.Reasons = forbids
	case len(permits) > 0:
		resp.Decision = Allow
	default:
		resp.Reasons = []string{}
	}
	sort.Strings(resp.Reasons)
	sort.Slice(errs, func(i, j int) bool { return errs[i].PolicyID < errs[j].PolicyID })
	return Explanation{Response: resp, Outcomes: outcomes}
}

// outcomeHint sizes Explain's outcome map: every policy of a small set,
// a block of them for a large one, where the index keeps most away.
func outcomeHint(policies int) int { return min(policies, 64) }

// AddFrom adds p under id as old holds it, without compiling it again:
// it reports false (and adds nothing) unless old holds p itself (the same
// *ast.Policy) as a static policy under id. An editor rebuilding a policy
// set after an edit of one policy reuses the others this way.
func (ps *PolicySet) AddFrom(old *PolicySet, id string, p *ast.Policy) (bool, error) {
	if old == nil {
		return false, nil
	}
	e, ok := old.byID[id]
	if !ok || e.policy != p || e.templateID != "" || p.ID != id {
		return false, nil
	}
	if ps.idTaken(id) {
		return false, fmt.Errorf("duplicate policy id `%s`", id)
	}
	ps.entries = append(ps.entries, e)
	ps.byID[id] = e
	ps.written = append(ps.written, p)
	return true, nil
}
