package refmodel

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Evaluate computes the value of an expression for a request over a set of
// entities. Errors are source.Errors spanning the failing expression.
func Evaluate(e ast.Expr, req Request, ents map[types.EntityUID]*Entity) (Value, error) {
	return (&env{req: req, ents: ents}).eval(e)
}

type env struct {
	req  Request
	ents map[types.EntityUID]*Entity
}

func errorf(at ast.Expr, format string, args ...any) error {
	return source.Diagnostic{Span: at.Loc(), Code: source.CodeEvaluation, Message: fmt.Sprintf(format, args...)}
}

// typeError reports that the value of e has the wrong kind.
func typeError(e ast.Expr, want string, got Value) error {
	return errorf(e, "type error: expected %s, got %s", want, got.Kind())
}

func (v *env) eval(e ast.Expr) (Value, error) {
	switch n := e.(type) {
	case *ast.Literal:
		return n.Value, nil
	case *ast.EntityLit:
		return n.UID, nil
	case *ast.VarExpr:
		return [...]Value{v.req.Principal, v.req.Action, v.req.Resource, v.req.Context}[n.Var], nil
	case *ast.SlotExpr:
		return nil, errorf(n, "slot %s is not linked", n.Slot)
	case *ast.Paren:
		return v.eval(n.Inner)
	case *ast.Unary:
		return v.unary(n)
	case *ast.Binary:
		return v.binary(n)
	case *ast.If:
		c, err := v.evalBool(n.Cond)
		if err != nil {
			return nil, err
		}
		if c {
			return v.eval(n.Then)
		}
		return v.eval(n.Else)
	case *ast.Has:
		return v.has(n)
	case *ast.GetAttr:
		x, err := v.eval(n.Arg)
		if err != nil {
			return nil, err
		}
		attrs, exists, err := v.attributes(n.Arg, x)
		if err != nil {
			return nil, err
		}
		if !exists {
			return nil, errorf(n, "entity %s does not exist", x)
		}
		a, ok := attrs.Get(n.Attr)
		if !ok {
			return nil, errorf(n, "%s does not have the attribute %q", x, n.Attr)
		}
		return a, nil
	case *ast.Like:
		s, err := v.evalString(n.Arg)
		if err != nil {
			return nil, err
		}
		return types.Bool(matches(n.Pattern, s)), nil
	case *ast.Is:
		x, err := v.evalEntity(n.Arg)
		if err != nil {
			return nil, err
		}
		if x.Type != n.Type || n.In == nil {
			return types.Bool(x.Type == n.Type), nil
		}
		return v.in(x, n.In) // `x is T in y` is `x is T && x in y`
	case *ast.SetExpr:
		elems, err := v.evalAll(n.Elems)
		if err != nil {
			return nil, err
		}
		return types.NewSet(elems...), nil
	case *ast.RecordExpr:
		attrs := map[string]Value{}
		for _, en := range n.Entries {
			if _, dup := attrs[en.Key]; dup {
				return nil, errorf(n, "duplicate key %q in record literal", en.Key)
			}
			x, err := v.eval(en.Value)
			if err != nil {
				return nil, err
			}
			attrs[en.Key] = x
		}
		return types.NewRecord(attrs), nil
	case *ast.MethodCall:
		args, err := v.evalAll(append([]ast.Expr{n.Recv}, n.Args...))
		if err != nil {
			return nil, err
		}
		return v.method(n, args)
	case *ast.Call:
		args, err := v.evalAll(n.Args)
		if err != nil {
			return nil, err
		}
		return callFunction(n, args)
	}
	return nil, errorf(e, "unknown expression %T", e)
}

func (v *env) evalAll(es []ast.Expr) ([]Value, error) {
	out := make([]Value, len(es))
	for i, e := range es {
		x, err := v.eval(e)
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return out, nil
}

func (v *env) evalBool(e ast.Expr) (bool, error) {
	x, err := v.eval(e)
	if err != nil {
		return false, err
	}
	b, ok := x.(types.Bool)
	if !ok {
		return false, typeError(e, "bool", x)
	}
	return bool(b), nil
}

func (v *env) evalLong(e ast.Expr) (int64, error) {
	x, err := v.eval(e)
	if err != nil {
		return 0, err
	}
	l, ok := x.(types.Long)
	if !ok {
		return 0, typeError(e, "long", x)
	}
	return int64(l), nil
}

func (v *env) evalString(e ast.Expr) (string, error) {
	x, err := v.eval(e)
	if err != nil {
		return "", err
	}
	s, ok := x.(types.String)
	if !ok {
		return "", typeError(e, "string", x)
	}
	return string(s), nil
}

func (v *env) evalEntity(e ast.Expr) (types.EntityUID, error) {
	x, err := v.eval(e)
	if err != nil {
		return types.EntityUID{}, err
	}
	uid, ok := x.(types.EntityUID)
	if !ok {
		return uid, typeError(e, "entity", x)
	}
	return uid, nil
}

func (v *env) unary(n *ast.Unary) (Value, error) {
	if n.Op == ast.OpNot {
		b, err := v.evalBool(n.Arg)
		return types.Bool(!b), err
	}
	x, err := v.evalLong(n.Arg)
	if err != nil {
		return nil, err
	}
	return checkedLong(n, new(big.Int).Neg(big.NewInt(x)))
}

// checkedLong is the result of Long arithmetic, which must fit 64 bits.
func checkedLong(at ast.Expr, r *big.Int) (Value, error) {
	if !r.IsInt64() {
		return nil, errorf(at, "integer overflow")
	}
	return types.Long(r.Int64()), nil
}

func (v *env) binary(n *ast.Binary) (Value, error) {
	switch n.Op {
	case ast.OpAnd, ast.OpOr:
		// The right operand is evaluated only when the left one does not
		// decide the result: false && …, true || ….
		l, err := v.evalBool(n.Left)
		if err != nil || l == (n.Op == ast.OpOr) {
			return types.Bool(l), err
		}
		r, err := v.evalBool(n.Right)
		return types.Bool(r), err
	case ast.OpIn:
		x, err := v.evalEntity(n.Left)
		if err != nil {
			return nil, err
		}
		return v.in(x, n.Right)
	}
	l, err := v.eval(n.Left)
	if err != nil {
		return nil, err
	}
	r, err := v.eval(n.Right)
	if err != nil {
		return nil, err
	}
	switch n.Op {
	case ast.OpEq:
		return types.Bool(l.Equal(r)), nil
	case ast.OpNotEq:
		return types.Bool(!l.Equal(r)), nil
	case ast.OpAdd, ast.OpSub, ast.OpMul:
		a, ok := l.(types.Long)
		if !ok {
			return nil, typeError(n.Left, "long", l)
		}
		b, ok := r.(types.Long)
		if !ok {
			return nil, typeError(n.Right, "long", r)
		}
		x, y := big.NewInt(int64(a)), big.NewInt(int64(b))
		switch n.Op {
		case ast.OpAdd:
			return checkedLong(n, x.Add(x, y))
		case ast.OpSub:
			return checkedLong(n, x.Sub(x, y))
		}
		return checkedLong(n, x.Mul(x, y))
	}
	// <, <=, >, >= order longs, datetimes and durations, each only against
	// its own kind.
	a, aok := orderKey(l)
	b, bok := orderKey(r)
	switch {
	case !aok:
		return nil, typeError(n.Left, "long, datetime or duration", l)
	case !bok || l.Kind() != r.Kind():
		return nil, typeError(n.Right, l.Kind().String(), r)
	}
	switch n.Op {
	case ast.OpLess:
		return types.Bool(a < b), nil
	case ast.OpLessEq:
		return types.Bool(a <= b), nil
	case ast.OpGreater:
		return types.Bool(a > b), nil
	}
	return types.Bool(a >= b), nil
}

func orderKey(x Value) (int64, bool) {
	switch x := x.(type) {
	case types.Long:
		return int64(x), true
	case types.Datetime:
		return x.Millis, true
	case types.Duration:
		return x.Millis, true
	}
	return 0, false
}

// in is `x in rhs`: rhs is an entity or a set of entities (every element
// is checked to be an entity), and x is in it when x is, or descends from,
// one of them.
func (v *env) in(x types.EntityUID, rhs ast.Expr) (Value, error) {
	r, err := v.eval(rhs)
	if err != nil {
		return nil, err
	}
	var targets []Value
	switch r := r.(type) {
	case types.EntityUID:
		targets = []Value{r}
	case types.Set:
		targets = r.Elements()
		for _, t := range targets {
			if t.Kind() != types.KindEntity {
				return nil, typeError(rhs, "set of entities", t)
			}
		}
	default:
		return nil, typeError(rhs, "entity or set", r)
	}
	for _, t := range targets {
		if v.descendsFrom(x, t.(types.EntityUID), map[types.EntityUID]bool{}) {
			return types.True, nil
		}
	}
	return types.False, nil
}

// descendsFrom reports whether x is target or reachable from x through
// parent links. Parents that are not entities of the store are still
// ancestors, but nothing is known above them. seen guards against cycles.
func (v *env) descendsFrom(x, target types.EntityUID, seen map[types.EntityUID]bool) bool {
	if x == target {
		return true
	}
	if seen[x] {
		return false
	}
	seen[x] = true
	e, ok := v.ents[x]
	if !ok {
		return false
	}
	for _, p := range e.Parents {
		if v.descendsFrom(p, target, seen) {
			return true
		}
	}
	return false
}

// attributes returns the attributes of a record or an entity; exists is
// false for an entity missing from the store.
func (v *env) attributes(at ast.Expr, x Value) (attrs types.Record, exists bool, err error) {
	switch x := x.(type) {
	case types.Record:
		return x, true, nil
	case types.EntityUID:
		e, ok := v.ents[x]
		if !ok {
			return types.Record{}, false, nil
		}
		return e.Attrs, true, nil
	}
	return types.Record{}, false, typeError(at, "record or entity", x)
}

// has is `x has a.b.c`, which means `x has a && x.a has b && x.a.b has c`.
// An entity missing from the store has no attributes.
func (v *env) has(n *ast.Has) (Value, error) {
	x, err := v.eval(n.Arg)
	if err != nil {
		return nil, err
	}
	for _, name := range n.Path {
		attrs, exists, err := v.attributes(n, x)
		if err != nil {
			return nil, err
		}
		a, ok := attrs.Get(name)
		if !exists || !ok {
			return types.False, nil
		}
		x = a
	}
	return types.True, nil
}

// matches reports whether s matches a `like` pattern, in which a wildcard
// stands for any run of characters (possibly empty). from(i, j) is whether
// pattern parts i… match s[j:]; it is memoized so that patterns with many
// wildcards stay polynomial.
func matches(pat []ast.PatternPart, s string) bool {
	memo := map[[2]int]bool{}
	var from func(i, j int) bool
	from = func(i, j int) bool {
		if r, done := memo[[2]int{i, j}]; done {
			return r
		}
		var r bool
		switch {
		case i == len(pat):
			r = j == len(s)
		case pat[i].Wildcard: // match nothing more, or one more byte
			r = from(i+1, j) || j < len(s) && from(i, j+1)
		default:
			lit := pat[i].Literal
			r = strings.HasPrefix(s[j:], lit) && from(i+1, j+len(lit))
		}
		memo[[2]int{i, j}] = r
		return r
	}
	return from(0, 0)
}
