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

// ScopeMatcher tests one scope constraint against the request.
type ScopeMatcher func(env *Env) bool

// CompileScope compiles a scope constraint. Slots must have been replaced
// by entities; an unlinked slot is an error.
func CompileScope(s ast.Scope) (ScopeMatcher, error) {
	if s.Op == ast.ScopeEq || s.Op == ast.ScopeIn || s.Op == ast.ScopeIsIn || s.Op == ast.ScopeInSet {
		slot := s.Entity.Slot
		for _, r := range s.Entities {
			if slot == ast.NoSlot {
				slot = r.Slot
			}
		}
		if slot != ast.NoSlot {
			return nil, fmt.Errorf("template slot `%s` is not linked to an entity", slot)
		}
	}
	target, typ, v := s.Entity.UID, s.Type, s.Var
	switch s.Op {
	case ast.ScopeAll:
		return matchAll, nil
	case ast.ScopeEq:
		return func(env *Env) bool { return env.uidOf(v) == target }, nil
	case ast.ScopeIn:
		return func(env *Env) bool { return env.scopeIn(v, target) }, nil
	case ast.ScopeIs:
		return func(env *Env) bool { return env.uidOf(v).Type == typ }, nil
	case ast.ScopeIsIn:
		return func(env *Env) bool { return env.uidOf(v).Type == typ && env.scopeIn(v, target) }, nil
	case ast.ScopeInSet:
		targets := make([]types.EntityUID, len(s.Entities))
		for i, r := range s.Entities {
			targets[i] = r.UID
		}
		return func(env *Env) bool {
			for _, t := range targets {
				if env.scopeIn(v, t) {
					return true
				}
			}
			return false
		}, nil
	}
	return nil, fmt.Errorf("unknown scope constraint %d", s.Op)
}

func matchAll(*Env) bool { return true }

// scopeIn is a scope's `v in t`: v's entity is t or has t as an ancestor.
func (env *Env) scopeIn(v ast.Var, t types.EntityUID) bool {
	return env.uidOf(v) == t || env.Resolve(v).HasAncestor(t)
}
