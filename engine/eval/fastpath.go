package eval

import (
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Policies mostly compare, test `in` and read attributes of principal,
// action, resource and entity literals. These paths read the entity UID
// directly instead of boxing it into a Value, which keeps a typical
// authorization free of allocations. They have the general paths' exact
// semantics: such operands cannot fail.

// entityOperand returns a reader for e if e is principal, action, resource
// or an entity literal.
func entityOperand(e ast.Expr) func(*Env) types.EntityUID {
	switch n := ast.Unparen(e).(type) {
	case *ast.EntityLit:
		uid := n.UID
		return func(*Env) types.EntityUID { return uid }
	case *ast.VarExpr:
		switch n.Var {
		case ast.VarPrincipal:
			return func(env *Env) types.EntityUID { return env.req.Principal }
		case ast.VarAction:
			return func(env *Env) types.EntityUID { return env.req.Action }
		case ast.VarResource:
			return func(env *Env) types.EntityUID { return env.req.Resource }
		}
	}
	return nil
}

// fastEquality handles == and != with an entity operand on either side.
func fastEquality(n *ast.Binary) evalFn {
	neg := n.Op == ast.OpNotEq
	if l, r := entityOperand(n.Left), entityOperand(n.Right); l != nil && r != nil {
		return func(env *Env) (types.Value, error) { return types.Bool((l(env) == r(env)) != neg), nil }
	}
	uidOf, other := entityOperand(n.Left), n.Right
	if uidOf == nil {
		uidOf, other = entityOperand(n.Right), n.Left
	}
	if uidOf == nil {
		return nil
	}
	f := compile(other)
	return func(env *Env) (types.Value, error) {
		v, err := f(env)
		if err != nil {
			return nil, err
		}
		u, ok := v.(types.EntityUID)
		return types.Bool((ok && u == uidOf(env)) != neg), nil
	}
}

// fastIn handles `in` whose left side is an entity operand.
func fastIn(n *ast.Binary) evalFn {
	l := entityOperand(n.Left)
	if l == nil {
		return nil
	}
	if r := entityOperand(n.Right); r != nil {
		return func(env *Env) (types.Value, error) { return types.Bool(env.isIn(l(env), r(env))), nil }
	}
	right := compile(n.Right)
	return func(env *Env) (types.Value, error) {
		r, err := right(env)
		if err != nil {
			return nil, err
		}
		return inValue(env, n.Right, l(env), r)
	}
}

// fastGetAttr handles `e.attr` where e is an entity operand.
func fastGetAttr(n *ast.GetAttr) evalFn {
	uidOf := entityOperand(n.Arg)
	if uidOf == nil {
		return nil
	}
	name := n.Attr
	return func(env *Env) (types.Value, error) {
		uid := uidOf(env)
		ent, ok := env.store.Get(uid)
		if !ok {
			return nil, errAt(n, "entity `"+uid.String()+"` does not exist")
		}
		a, ok := ent.Attrs.Get(name)
		if !ok {
			return nil, errAt(n, "`"+uid.String()+"` does not have the attribute `"+name+"`")
		}
		return a, nil
	}
}
