package evaluator

import (
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Policies mostly compare, test `in` and read attributes of principal,
// action, resource and entity literals. These paths read the entity UID
// directly instead of boxing it into a Value, which keeps a typical
// authorization free of allocations. They have the general paths' exact
// semantics: such operands cannot fail.

// entityRef is principal, action, resource or an entity literal.
type entityRef struct {
	isVar bool
	v     ast.Var
	uid   types.EntityUID
}

func (r *entityRef) get(env *Env) types.EntityUID {
	if r.isVar {
		return env.uidOf(r.v)
	}
	return r.uid
}

func (r *entityRef) resolve(env *Env) *entities.Resolved {
	if r.isVar {
		return env.Resolve(r.v)
	}
	return env.store.Resolve(r.uid)
}

// in is `r in target`: equal, or target is an ancestor.
func (r *entityRef) in(env *Env, target types.EntityUID) bool {
	return r.get(env) == target || r.resolve(env).HasAncestor(target)
}

// entityOperand returns e as an entityRef if e is principal, action,
// resource or an entity literal.
func entityOperand(e ast.Expr) *entityRef {
	switch n := ast.Unparen(e).(type) {
	case *ast.EntityLit:
		return &entityRef{uid: n.UID}
	case *ast.VarExpr:
		if n.Var != ast.VarContext {
			return &entityRef{isVar: true, v: n.Var}
		}
	}
	return nil
}

// fastEquality handles == and != with an entity operand on either side.
func fastEquality(n *ast.Binary) evalFn {
	neg := n.Op == ast.OpNotEq
	if l, r := entityOperand(n.Left), entityOperand(n.Right); l != nil && r != nil {
		return func(env *Env) (types.Value, error) { return types.Bool((l.get(env) == r.get(env)) != neg), nil }
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
		return types.Bool((ok && u == uidOf.get(env)) != neg), nil
	}
}

// fastIn handles `in` whose left side is an entity operand.
func fastIn(n *ast.Binary) evalFn {
	l := entityOperand(n.Left)
	if l == nil {
		return nil
	}
	if r := entityOperand(n.Right); r != nil {
		return func(env *Env) (types.Value, error) { return types.Bool(l.in(env, r.get(env))), nil }
	}
	right := compile(n.Right)
	return func(env *Env) (types.Value, error) {
		r, err := right(env)
		if err != nil {
			return nil, err
		}
		if target, ok := r.(types.EntityUID); ok {
			return types.Bool(l.in(env, target)), nil
		}
		return inValue(env, n.Right, l.get(env), r)
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
		res := uidOf.resolve(env)
		if res == nil {
			return nil, errAt(n, "entity `"+displayUID(uidOf.get(env))+"` does not exist")
		}
		a, ok := res.Entity.Attrs.Get(name)
		if !ok {
			return nil, errAt(n, "`"+displayUID(uidOf.get(env))+"` does not have the attribute `"+name+"`")
		}
		return a, nil
	}
}
