// Package eval evaluates Cedar expressions with the semantics of official
// Cedar 4.5: short-circuiting && and ||, dynamic type errors, 64-bit
// overflow errors, transitive and reflexive `in`, entity attributes and
// tags read from an entities.Store.
//
// Expressions are compiled into a tree of closures before they run; the
// authorizer (engine/authz) keeps the compiled form of every policy so a
// request pays only for evaluation. Eval compiles and runs in one step.
package eval

import (
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/evaluator"
)

// Request is the principal, action, resource and context of a request:
//
//	type Request struct {
//		Principal, Action, Resource types.EntityUID
//		Context                     types.Record
//	}
type Request = evaluator.Request

// Error is an evaluation error with the span of the expression that failed.
type Error = source.Diagnostic

// Eval evaluates e against a request and store. Slots must already be
// substituted; a slot left in e is an error.
func Eval(e ast.Expr, req *Request, store *entities.Store) (types.Value, error) {
	return evaluator.Eval(e, req, store)
}
