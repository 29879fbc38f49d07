package engine

import "github.com/cedar-ls/cedar-ls/engine/authz"

// Outcome is what one policy did for one request: NotApplicable (its
// scope does not match), ConditionFalse, Satisfied or Errored.
type Outcome = authz.Outcome

const (
	NotApplicable  = authz.NotApplicable
	ConditionFalse = authz.ConditionFalse
	Satisfied      = authz.Satisfied
	Errored        = authz.Errored
)

// Explanation is an authorization (Response, exactly Authorize's answer)
// with the outcome of every policy.
type Explanation = authz.Explanation

// Explain authorizes a request as Authorize does and says what every
// policy did. A nil entities is the empty store.
func Explain(policies *PolicySet, ents *Entities, req *Request) Explanation {
	if ents == nil {
		ents = emptyStore
	}
	return policies.Explain(ents, req)
}
