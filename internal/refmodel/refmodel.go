// Package refmodel is a readable reference model of Cedar 4.5: a definitional
// evaluator and authorizer written for reading, not speed. It is a second,
// independent implementation that differential and property tests hold the
// production engine (engine/eval, engine/authz) against, so it shares only
// the syntax tree (engine/ast) and the plain value structs (engine/types)
// with it, and has no indexes, caches or precomputed closures.
//
// Evaluation is straightforward recursion over the syntax tree; entity
// membership (`in`) walks parent lists; the authorizer reads like Cedar's
// definition of a decision.
package refmodel

import (
	"fmt"
	"sort"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Value is a Cedar value; the spec uses engine/types values as plain data.
type Value = types.Value

// Entity is one entity. Its fields are laid out exactly as production's
// entities.Entity, so callers can convert with a plain type conversion.
type Entity struct {
	UID     types.EntityUID
	Attrs   types.Record
	Parents []types.EntityUID
	Tags    types.Record
}

// Request is the principal, action and resource of a request and its
// context record.
type Request struct {
	Principal, Action, Resource types.EntityUID
	Context                     types.Record
}

// Response is an authorization decision with its reasons (the ids of the
// policies that determined it) and the ids of the policies whose evaluation
// failed; both lists are sorted.
type Response struct {
	Decision string // "allow" or "deny"
	Reasons  []string
	Errored  []string
}

// Entities indexes entities by UID, the form Evaluate and IsAuthorized read.
// A UID given twice is an error, as in Cedar. A zero Record is an empty one.
func Entities(list []Entity) (map[types.EntityUID]*Entity, error) {
	out := make(map[types.EntityUID]*Entity, len(list))
	for i := range list {
		e := list[i]
		if _, dup := out[e.UID]; dup {
			return nil, fmt.Errorf("duplicate entity %s", e.UID)
		}
		out[e.UID] = &e
	}
	return out, nil
}

// IsAuthorized decides a request as Cedar defines it: a policy is satisfied
// when its condition (PolicyCondition) evaluates to true; the request is
// allowed iff no forbid policy is satisfied and at least one permit policy
// is. The reasons are the satisfied forbids if there are any, else the
// satisfied permits. A policy whose condition fails to evaluate is listed
// in Errored and counts as not satisfied.
//
// Templates whose slots are not filled in (p.IsTemplate()) are not
// applicable: they are skipped, as they would be outside a policy set.
// Link templates by replacing each slot with an entity before calling.
func IsAuthorized(req Request, policies []*ast.Policy, ents map[types.EntityUID]*Entity) Response {
	var permits, forbids, errored []string
	for _, p := range policies {
		if p.IsTemplate() {
			continue
		}
		satisfied, err := Satisfied(p, req, ents)
		switch {
		case err != nil:
			errored = append(errored, p.ID)
		case !satisfied:
		case p.Effect == ast.Forbid:
			forbids = append(forbids, p.ID)
		default:
			permits = append(permits, p.ID)
		}
	}
	resp := Response{Decision: "deny", Reasons: permits, Errored: errored}
	if len(forbids) > 0 {
		resp.Reasons = forbids
	} else if len(permits) > 0 {
		resp.Decision = "allow"
	}
	sort.Strings(resp.Reasons)
	sort.Strings(resp.Errored)
	return resp
}

// Satisfied evaluates a policy's condition for a request.
func Satisfied(p *ast.Policy, req Request, ents map[types.EntityUID]*Entity) (bool, error) {
	v, err := Evaluate(PolicyCondition(p), req, ents)
	if err != nil {
		return false, err
	}
	return v == types.True, nil
}

// PolicyCondition is the boolean expression a policy stands for:
//
//	principal-scope && action-scope && resource-scope && when₁ && !unless₁ …
//
// evaluated left to right with short-circuiting, so a scope that does not
// match hides every error its conditions would raise. Slots left in the
// scope become slot expressions, which fail to evaluate.
func PolicyCondition(p *ast.Policy) ast.Expr {
	cond := scopeCondition(p.Principal)
	and := func(e ast.Expr) { cond = &ast.Binary{Op: ast.OpAnd, Left: cond, Right: e} }
	and(scopeCondition(p.Action))
	and(scopeCondition(p.Resource))
	for _, c := range p.Conditions {
		if c.Unless {
			and(&ast.Unary{Op: ast.OpNot, Arg: c.Body})
		} else {
			and(c.Body)
		}
	}
	return cond
}

// scopeCondition is one scope constraint as an expression on its variable.
func scopeCondition(s ast.Scope) ast.Expr {
	v := &ast.VarExpr{Var: s.Var}
	switch s.Op {
	case ast.ScopeEq:
		return &ast.Binary{Op: ast.OpEq, Left: v, Right: refExpr(s.Entity)}
	case ast.ScopeIn:
		return &ast.Binary{Op: ast.OpIn, Left: v, Right: refExpr(s.Entity)}
	case ast.ScopeIs:
		return &ast.Is{Arg: v, Type: s.Type}
	case ast.ScopeIsIn:
		return &ast.Is{Arg: v, Type: s.Type, In: refExpr(s.Entity)}
	case ast.ScopeInSet:
		set := &ast.SetExpr{}
		for _, r := range s.Entities {
			set.Elems = append(set.Elems, refExpr(r))
		}
		return &ast.Binary{Op: ast.OpIn, Left: v, Right: set}
	}
	return &ast.Literal{Value: types.True} // ScopeAll
}

func refExpr(r ast.EntityRef) ast.Expr {
	if r.Slot != ast.NoSlot {
		return &ast.SlotExpr{At: ast.At{Span: r.Span}, Slot: r.Slot}
	}
	return &ast.EntityLit{At: ast.At{Span: r.Span}, UID: r.UID}
}
