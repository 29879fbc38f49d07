package authz

import (
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/evaluator"
)

// condIndex files policies that no scope constraint narrows by the first
// test their condition makes, when that test is `V.attr == literal` (V
// one of principal, action, resource, context; the literal a string, long
// or boolean; operands either way round): the leftmost `&&` operand of the
// first clause, a `when`.
//
// Why skipping is exact: Cedar evaluates the first clause's leftmost
// conjunct before anything else of the condition, and `&&` stops at
// false. `==` itself never fails, so once `V.attr` evaluates without error
// to a value other than the literal, the conjunct is false and the policy
// is "not satisfied, no error", whatever follows. When `V.attr` fails (the
// entity or the attribute is missing) every policy of the group is
// evaluated in full, so its error is reported as before.
type condIndex struct {
	groups []*condGroup
	byKey  map[condKey]*condGroup
}

// condKey is the attribute a group's policies test.
type condKey struct {
	v    ast.Var
	attr string
}

// condGroup is the policies whose first test reads one attribute.
type condGroup struct {
	read *evaluator.Program // V.attr
	// byValue files the policies by their literal: only strings, longs and
	// booleans, whose Cedar equality is Go's on the same dynamic type.
	byValue map[types.Value][]*entry
	all     []*entry // every policy of the group, in the order added
}

// leadingEquality returns the `V.attr` and the literal of a condition's
// first test, if it has the indexable form.
func leadingEquality(conds []ast.Condition) (*ast.GetAttr, types.Value, bool) {
	if len(conds) == 0 || conds[0].Unless {
		return nil, nil, false
	}
	first := ast.Unparen(conds[0].Body)
	for {
		b, ok := first.(*ast.Binary)
		if !ok || b.Op != ast.OpAnd {
			break
		}
		first = ast.Unparen(b.Left)
	}
	eq, ok := first.(*ast.Binary)
	if !ok || eq.Op != ast.OpEq {
		return nil, nil, false
	}
	for _, sides := range [2][2]ast.Expr{{eq.Left, eq.Right}, {eq.Right, eq.Left}} {
		get, ok := ast.Unparen(sides[0]).(*ast.GetAttr)
		if !ok {
			continue
		}
		if _, ok := ast.Unparen(get.Arg).(*ast.VarExpr); !ok {
			continue
		}
		lit, ok := ast.Unparen(sides[1]).(*ast.Literal)
		if !ok {
			continue
		}
		switch lit.Value.(type) {
		case types.String, types.Long, types.Bool:
			return get, lit.Value, true
		}
	}
	return nil, nil, false
}

// add files e if its condition has the indexable form.
func (ix *condIndex) add(e *entry) bool {
	get, lit, ok := leadingEquality(e.policy.Conditions)
	if !ok {
		return false
	}
	key := condKey{ast.Unparen(get.Arg).(*ast.VarExpr).Var, get.Attr}
	g := ix.byKey[key]
	if g == nil {
		if ix.byKey == nil {
			ix.byKey = map[condKey]*condGroup{}
		}
		g = &condGroup{read: evaluator.Compile(get), byValue: map[types.Value][]*entry{}}
		ix.byKey[key] = g
		ix.groups = append(ix.groups, g)
	}
	g.byValue[lit] = append(g.byValue[lit], e)
	g.all = append(g.all, e)
	return true
}

// each hands d every policy of the index whose condition may hold or
// fail for the request env describes; all of them when d records
// outcomes (Explain).
func (ix *condIndex) each(env *evaluator.Env, d *decider) {
	for _, g := range ix.groups {
		if d.outcomes != nil {
			d.considerAll(g.all)
			continue
		}
		v, err := g.read.Run(env)
		if err != nil {
			d.considerAll(g.all)
			continue
		}
		switch v.(type) {
		case types.String, types.Long, types.Bool:
			d.considerAll(g.byValue[v])
		}
		// Any other kind of value equals none of the literals.
	}
}
