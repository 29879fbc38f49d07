package validate

import (
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

func negate(t *Type) *Type {
	switch t.Bool {
	case True:
		return typeFalse
	case False:
		return typeTrue
	}
	return typeBool
}

// asBool widens a failed operand to Bool so boolean operators go on.
func asBool(t *Type) *Type {
	if t.Kind != KindBool {
		return typeBool
	}
	return t
}

func (c *checker) checkBinary(n *ast.Binary, caps capSet) (*Type, capSet) {
	switch n.Op {
	case ast.OpAnd:
		lt, lc := c.check(n.Left, caps)
		c.expectKind(n.Left, lt, KindBool, "Bool")
		lt = asBool(lt)
		if lt.Bool == False {
			return typeFalse, nil
		}
		rt, rc := c.check(n.Right, union(caps, lc))
		c.expectKind(n.Right, rt, KindBool, "Bool")
		rt = asBool(rt)
		if rt.Bool == False {
			return typeFalse, nil
		}
		if lt.Bool == True && rt.Bool == True {
			return typeTrue, union(lc, rc)
		}
		return typeBool, union(lc, rc)
	case ast.OpOr:
		lt, lc := c.check(n.Left, caps)
		c.expectKind(n.Left, lt, KindBool, "Bool")
		lt = asBool(lt)
		if lt.Bool == True {
			return typeTrue, lc
		}
		rt, rc := c.check(n.Right, caps)
		c.expectKind(n.Right, rt, KindBool, "Bool")
		rt = asBool(rt)
		switch {
		case lt.Bool == False:
			return rt, rc
		case rt.Bool == True:
			return typeTrue, rc
		case rt.Bool == False:
			return lt, lc
		}
		return typeBool, intersect(lc, rc)
	case ast.OpEq, ast.OpNotEq:
		t := c.checkEq(n, caps)
		if n.Op == ast.OpNotEq {
			return negate(t), nil
		}
		return t, nil
	case ast.OpLess, ast.OpLessEq, ast.OpGreater, ast.OpGreaterEq:
		lt, _ := c.check(n.Left, caps)
		rt, _ := c.check(n.Right, caps)
		c.checkCompare(n, lt, rt)
		return typeBool, nil
	case ast.OpAdd, ast.OpSub, ast.OpMul:
		lt, _ := c.check(n.Left, caps)
		rt, _ := c.check(n.Right, caps)
		c.expectKind(n.Left, lt, KindLong, "Long")
		c.expectKind(n.Right, rt, KindLong, "Long")
		return typeLong, nil
	case ast.OpIn:
		lt, _ := c.check(n.Left, caps)
		rt, _ := c.check(n.Right, caps)
		return c.typeOfIn(n.Left, n.Right, lt, rt), nil
	}
	return typeError, nil
}

// checkCompare reports operands of `<`, `<=`, `>`, `>=` that official
// Cedar rejects, the way it does: nothing more once an operand failed; a
// Long operand makes the other expected to be Long; otherwise a datetime
// or duration operand (the left one first) makes the other expected to be
// of its type; operands that are none of these are each reported.
func (c *checker) checkCompare(n *ast.Binary, lt, rt *Type) {
	same := func(a, b *Type) bool { return a.Kind == b.Kind && a.Ext == b.Ext }
	switch {
	case lt.Kind == KindError || rt.Kind == KindError:
	case lt.Kind == KindLong || rt.Kind == KindLong:
		if lt.Kind != KindLong {
			c.unexpected(n.Left, lt, "Long")
		} else if rt.Kind != KindLong {
			c.unexpected(n.Right, rt, "Long")
		}
	case isTimeType(lt):
		if !same(lt, rt) {
			c.unexpected(n.Right, rt, lt.String())
		}
	case isTimeType(rt):
		c.unexpected(n.Left, lt, rt.String())
	default:
		c.unexpected(n.Left, lt, comparableTy)
		c.unexpected(n.Right, rt, comparableTy)
	}
}

// isTimeType reports whether t is datetime or duration, the extension
// types that compare with `<`.
func isTimeType(t *Type) bool {
	return t.Kind == KindExtension && (t.Ext == "datetime" || t.Ext == "duration")
}

// literalUID is the entity a literal (or the action variable, whose value
// each environment fixes) denotes.
func (c *checker) literalUID(e ast.Expr) (types.EntityUID, bool) {
	switch n := ast.Unparen(e).(type) {
	case *ast.EntityLit:
		return n.UID, true
	case *ast.VarExpr:
		if n.Var == ast.VarAction {
			return c.env.Action, true
		}
	}
	return types.EntityUID{}, false
}

// literalValue is the value of a literal operand of `==`. Official Cedar
// builds `a && b` and `a || b` of two boolean literals as the literal they
// compute (its ExprBuilder folds them), so its validator sees
// `(true && true) == false` as two literals; so do we.
func (c *checker) literalValue(e ast.Expr) (types.Value, bool) {
	switch n := ast.Unparen(e).(type) {
	case *ast.Literal:
		return n.Value, true
	case *ast.Binary:
		if n.Op == ast.OpAnd || n.Op == ast.OpOr {
			return foldedBool(n)
		}
	}
	if uid, ok := c.literalUID(e); ok {
		return uid, true
	}
	return nil, false
}

// foldedBool is the literal official Cedar builds for `&&` or `||` of two
// boolean literals (themselves possibly folded).
func foldedBool(n *ast.Binary) (types.Value, bool) {
	l, lok := boolLiteral(n.Left)
	r, rok := boolLiteral(n.Right)
	if !lok || !rok {
		return nil, false
	}
	if n.Op == ast.OpAnd {
		return types.Bool(l && r), true
	}
	return types.Bool(l || r), true
}

func boolLiteral(e ast.Expr) (bool, bool) {
	switch n := ast.Unparen(e).(type) {
	case *ast.Literal:
		b, ok := n.Value.(types.Bool)
		return bool(b), ok
	case *ast.Binary:
		if n.Op == ast.OpAnd || n.Op == ast.OpOr {
			if v, ok := foldedBool(n); ok {
				return bool(v.(types.Bool)), true
			}
		}
	}
	return false, false
}

func (c *checker) checkEq(n *ast.Binary, caps capSet) *Type {
	lt, _ := c.check(n.Left, caps)
	rt, _ := c.check(n.Right, caps)
	// Literals compare by value, even those of undeclared entity types.
	if lv, ok := c.literalValue(n.Left); ok {
		if rv, ok := c.literalValue(n.Right); ok {
			if lv.Equal(rv) {
				return typeTrue
			}
			return typeFalse
		}
	}
	if lt.Kind == KindError || rt.Kind == KindError {
		return typeBool
	}
	if _, why := lub(lt, rt, c.strict); why == lubOK {
		return typeBool
	} else if lt.Kind == KindEntity && rt.Kind == KindEntity {
		return typeFalse
	} else if c.strict {
		// Permissive mode compares values of any two types.
		c.incompatible(n.Span, lt, rt, why, "both operands to a `==` expression must have compatible types")
	}
	return typeBool
}

func (c *checker) incompatible(span source.Span, a, b *Type, why lubReason, context string) {
	x, y := a.String(), b.String()
	// Official orders the pair by its type ordering, in which a record
	// sorts before its extensions: compare with '}' lowest.
	closeLow := strings.NewReplacer("}", "\x00")
	if closeLow.Replace(y) < closeLow.Replace(x) {
		x, y = y, x
	}
	detail := "Types must be exactly equal to be compatible"
	switch why {
	case lubEntities:
		detail = "Different entity types are never compatible even when their attributes would be compatible"
	case lubRecords:
		detail = "Compatible record types must have exactly the same attributes"
	}
	c.errorf(span, KindIncompatibleTypes, "the types %s and %s are not compatible: %s. %s", x, y, context, detail)
}

// typeOfIn types `l in r` for entity l and an entity or set of entities r.
func (c *checker) typeOfIn(l, r ast.Expr, lt, rt *Type) *Type {
	lok := c.expectKind(l, lt, KindEntity, anyEntity)
	var rok bool
	var rEntities []types.EntityType
	switch {
	case rt.Kind == KindError:
		rok = true
	case rt.Kind == KindEntity:
		rok, rEntities = true, rt.Entities
	case rt.Kind == KindSet && (rt.Elem.Kind == KindEntity || rt.Elem.Kind == KindNever || rt.Elem.Kind == KindError):
		rok, rEntities = true, rt.Elem.Entities
		if rt.Elem.Kind == KindNever {
			return typeFalse
		}
	default:
		c.unexpected(r, rt, setOrEntity)
	}
	if !lok || !rok || lt.Kind == KindError || rt.Kind == KindError || (rt.Kind == KindSet && rt.Elem.Kind == KindError) {
		return typeBool
	}
	// An action literal (or the action variable) against literal groups is
	// decided by the action hierarchy.
	if luid, ok := c.literalUID(l); ok && c.idx.s.Actions[luid] != nil {
		if ruid, ok := c.literalUID(r); ok {
			return boolOf(c.idx.actionIn(luid, ruid))
		}
		if set, ok := ast.Unparen(r).(*ast.SetExpr); ok {
			all, any := true, false
			for _, el := range set.Elems {
				ruid, ok := c.literalUID(el)
				if !ok {
					all = false
					break
				}
				if c.idx.actionIn(luid, ruid) {
					any = true
				}
			}
			if all {
				return boolOf(any)
			}
		}
	}
	for _, a := range lt.Entities {
		for _, b := range rEntities {
			if c.idx.descendantOf(a, b) {
				return typeBool
			}
		}
	}
	return typeFalse
}

func boolOf(b bool) *Type {
	if b {
		return typeTrue
	}
	return typeFalse
}

func (c *checker) checkIs(n *ast.Is, caps capSet) (*Type, capSet) {
	t, _ := c.check(n.Arg, caps)
	var res *Type = typeBool
	switch {
	case t.Kind == KindError:
	case t.Kind == KindEntity:
		if !hasEntityType(t.Entities, n.Type) {
			res = typeFalse
		} else if len(t.Entities) == 1 {
			res = typeTrue
		}
	default:
		c.unexpected(n.Arg, t, anyEntity)
	}
	if n.In == nil {
		return res, nil
	}
	// Official Cedar reads `e is T in X` as `e is T && e in X`: when `e`
	// can never be a T (even if typing `e` failed), X is not checked, and
	// `e in X` sees e's own type, not one narrowed to T.
	if res.Bool == False {
		return typeFalse, nil
	}
	it, _ := c.check(n.In, caps)
	in := c.typeOfIn(n.Arg, n.In, t, it)
	if in.Bool == False {
		return typeFalse, nil
	}
	if res.Bool == True && in.Bool == True {
		return typeTrue, nil
	}
	return typeBool, nil
}

func (c *checker) checkIf(n *ast.If, caps capSet) (*Type, capSet) {
	ct, cc := c.check(n.Cond, caps)
	c.expectKind(n.Cond, ct, KindBool, "Bool")
	ct = asBool(ct)
	switch ct.Bool {
	case True:
		t, tc := c.check(n.Then, union(caps, cc))
		return t, union(cc, tc)
	case False:
		return c.check(n.Else, caps)
	}
	tt, tc := c.check(n.Then, union(caps, cc))
	et, ec := c.check(n.Else, caps)
	t, why := lub(tt, et, c.strict)
	if why != lubOK {
		c.incompatible(n.Span, tt, et, why, "both branches of a conditional must have compatible types")
		return typeError, nil
	}
	return t, intersect(union(cc, tc), ec)
}

func (c *checker) checkSet(n *ast.SetExpr, caps capSet) *Type {
	if len(n.Elems) == 0 {
		if c.strict {
			c.errorf(n.Span, KindEmptySetForbidden, "empty set literals are forbidden in policies")
			return typeError
		}
		return setOf(typeNever)
	}
	// Every element is checked; any failure fails the set without a
	// compatibility check, as official does.
	elems := make([]*Type, len(n.Elems))
	failed := false
	for i, el := range n.Elems {
		elems[i], _ = c.check(el, caps)
		failed = failed || elems[i].Kind == KindError
	}
	if failed {
		return typeError
	}
	elem := elems[0]
	for _, t := range elems[1:] {
		l, why := lub(elem, t, c.strict)
		if why != lubOK {
			c.incompatible(n.Span, elem, t, why, "elements of a set must have compatible types")
			return typeError
		}
		elem = l
	}
	return setOf(elem)
}
