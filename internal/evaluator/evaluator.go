// Package evaluator is the implementation of Cedar evaluation behind
// engine/eval: expressions compiled once into a tree of closures (Compile),
// run against an Env (one request and one entity store), and the compiled
// forms of policy scopes and conditions the authorizer keeps per policy.
// It is internal because only engine/eval and engine/authz build on it.
package evaluator

import (
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Request is the principal, action, resource and context of a request.
type Request struct {
	Principal, Action, Resource types.EntityUID
	Context                     types.Record
}

// Env is what an expression is evaluated against: one request and one
// entity store. The zero Env is not usable; call Reset.
type Env struct {
	req   *Request
	store *entities.Store
	// The request's entities boxed as Values once, on first use, so
	// expressions that mention principal repeatedly do not allocate.
	boxed [3]types.Value
	// The request's entities looked up in the store once, on first use.
	resolved [3]*entities.Resolved
	looked   [3]bool
}

// Reset points env at a request and store, so one Env can be reused.
func (env *Env) Reset(req *Request, store *entities.Store) {
	env.req, env.store = req, store
	env.boxed = [3]types.Value{}
	env.resolved = [3]*entities.Resolved{}
	env.looked = [3]bool{}
}

// uidOf is the entity of principal, action or resource.
func (env *Env) uidOf(v ast.Var) types.EntityUID {
	switch v {
	case ast.VarPrincipal:
		return env.req.Principal
	case ast.VarAction:
		return env.req.Action
	}
	return env.req.Resource
}

// Resolve looks up principal, action or resource in the store, once per
// Env; nil if the entity is not in the store.
func (env *Env) Resolve(v ast.Var) *entities.Resolved {
	if !env.looked[v] {
		env.resolved[v] = env.store.Resolve(env.uidOf(v))
		env.looked[v] = true
	}
	return env.resolved[v]
}

// NewEnv returns an Env for the request and store.
func NewEnv(req *Request, store *entities.Store) *Env {
	env := &Env{}
	env.Reset(req, store)
	return env
}

// Request is the request env evaluates against.
func (env *Env) Request() *Request { return env.req }

// Store is the entity store env evaluates against.
func (env *Env) Store() *entities.Store { return env.store }

func (env *Env) variable(v ast.Var) types.Value {
	if v == ast.VarContext {
		return env.req.Context
	}
	if b := env.boxed[v]; b != nil {
		return b
	}
	b := types.Value(env.uidOf(v))
	env.boxed[v] = b
	return b
}

// isIn is Cedar's `in` on two entities: equal, or an ancestor.
func (env *Env) isIn(e, ancestor types.EntityUID) bool {
	return e == ancestor || env.store.IsAncestor(e, ancestor)
}

// Program is a compiled expression.
type Program struct {
	run evalFn
}

// evalFn evaluates one compiled node.
type evalFn func(env *Env) (types.Value, error)

// Compile turns an expression into a Program. Compilation never fails:
// anything wrong with the expression (such as an unlinked slot) is an
// evaluation error, raised only if that part is evaluated, as in official
// Cedar.
func Compile(e ast.Expr) *Program {
	return &Program{run: compile(e)}
}

// Run evaluates the program.
func (p *Program) Run(env *Env) (types.Value, error) { return p.run(env) }

// Eval evaluates e against a request and store. Slots must already be
// substituted; a slot left in e is an error.
func Eval(e ast.Expr, req *Request, store *entities.Store) (types.Value, error) {
	return Compile(e).Run(NewEnv(req, store))
}

// Error is an evaluation error with the span of the expression that failed.
type Error = source.Diagnostic

func errAt(e ast.Expr, msg string) error {
	return source.Diagnostic{Span: e.Loc(), Code: source.CodeEvaluation, Message: msg}
}
