package evaluator

import (
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Condition is a compiled policy body: the conjunction of its when and
// unless clauses (the scope is checked separately, see Scope).
type Condition func(env *Env) (bool, error)

// CompileConditions compiles a policy's when/unless clauses. The result is
// true when every `when` body is true and every `unless` body false,
// evaluated in order and stopping at the first clause that decides; a body
// that is not a boolean is a type error.
func CompileConditions(conds []ast.Condition) Condition {
	switch len(conds) {
	case 0:
		return alwaysTrue
	case 1:
		// The common case, compiled without the tables below.
		f, u := compileBool(conds[0].Body), conds[0].Unless
		return func(env *Env) (bool, error) {
			b, err := f(env)
			return b != u, err
		}
	}
	fns := make([]func(*Env) (bool, error), len(conds))
	unless := make([]bool, len(conds))
	for i, c := range conds {
		fns[i], unless[i] = compileBool(c.Body), c.Unless
	}
	return func(env *Env) (bool, error) {
		for i, f := range fns {
			b, err := f(env)
			if err != nil {
				return false, err
			}
			if b == unless[i] {
				return false, nil
			}
		}
		return true, nil
	}
}

func alwaysTrue(*Env) (bool, error) { return true, nil }

// CheckScope reports what keeps a scope constraint from being matched:
// a template slot not linked to an entity, or an unknown operator.
func CheckScope(s *ast.Scope) error {
	switch s.Op {
	case ast.ScopeAll, ast.ScopeIs:
		return nil
	case ast.ScopeEq, ast.ScopeIn, ast.ScopeIsIn, ast.ScopeInSet:
		slot := s.Entity.Slot
		for _, r := range s.Entities {
			if slot == ast.NoSlot {
				slot = r.Slot
			}
		}
		if slot != ast.NoSlot {
			return fmt.Errorf("template slot `%s` is not linked to an entity", slot)
		}
		return nil
	}
	return fmt.Errorf("unknown scope constraint %d", s.Op)
}

// MatchScope reports whether the request satisfies the scope constraint
// s, which CheckScope accepted. It reads the constraint in place, so a
// policy set keeps no compiled copy of its scopes.
func MatchScope(env *Env, s *ast.Scope) bool {
	switch s.Op {
	case ast.ScopeAll:
		return true
	case ast.ScopeEq:
		return env.uidOf(s.Var) == s.Entity.UID
	case ast.ScopeIn:
		return env.scopeIn(s.Var, s.Entity.UID)
	case ast.ScopeIs:
		return env.uidOf(s.Var).Type == s.Type
	case ast.ScopeIsIn:
		return env.uidOf(s.Var).Type == s.Type && env.scopeIn(s.Var, s.Entity.UID)
	case ast.ScopeInSet:
		for i := range s.Entities {
			if env.scopeIn(s.Var, s.Entities[i].UID) {
				return true
			}
		}
	}
	return false
}

// scopeIn is a scope's `v in t`: v's entity is t or has t as an ancestor.
func (env *Env) scopeIn(v ast.Var, t types.EntityUID) bool {
	return env.uidOf(v) == t || env.Resolve(v).HasAncestor(t)
}
