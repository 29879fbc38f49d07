package engine

import (
	"github.com/cedar-ls/cedar-ls/engine/authz"
	"github.com/cedar-ls/cedar-ls/engine/entities"
)

// Decision is Allow or Deny.
type Decision = authz.Decision

const (
	Deny  = authz.Deny
	Allow = authz.Allow
)

// Response is an authorization result: the decision, the ids of the
// policies that determined it (sorted), and the policies whose evaluation
// failed (they were skipped).
type Response = authz.Response

// PolicyError is the evaluation error of one policy during authorization,
// with the span of the failing expression in the policy's source.
type PolicyError = authz.PolicyError

// Authorize decides a request as official Cedar does: default deny; a
// satisfied forbid denies; otherwise a satisfied permit allows. A policy
// whose evaluation fails is skipped and listed in Response.Errors. A nil
// entities is the empty store.
func Authorize(policies *PolicySet, ents *Entities, req *Request) Response {
	if ents == nil {
		ents = emptyStore
	}
	return policies.Authorize(ents, req)
}

var emptyStore, _ = entities.NewStore(nil)
