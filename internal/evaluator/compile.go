package evaluator

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/extension"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

const anyEntity = "(entity of type `any_entity_type`)"

func typeErr(e ast.Expr, want string, got types.Value) error {
	return errAt(e, "type error: expected "+want+", got "+typeName(got))
}

// typeName names a value's type as official Cedar's type errors do: an
// entity by its entity type, everything else by its kind.
func typeName(v types.Value) string {
	if u, ok := v.(types.EntityUID); ok {
		return "(entity of type `" + string(u.Type) + "`)"
	}
	return v.Kind().String()
}

// kindOrder ranks kinds as official Cedar orders values in a set: bool,
// long, string, entity, set, record, then extension types by name. Of a
// set's elements that fail a check, official reports the first in this
// order (it checks the set in its sorted order, not the source order).
var kindOrder = [...]int{
	types.KindBool: 0, types.KindLong: 1, types.KindString: 2, types.KindEntity: 3,
	types.KindSet: 4, types.KindRecord: 5,
	types.KindDatetime: 6, types.KindDecimal: 7, types.KindDuration: 8, types.KindIPAddr: 9,
}

// overloadsComparison reports whether < and friends accept values of kind k
// besides long.
func overloadsComparison(k types.Kind) bool {
	return k == types.KindDatetime || k == types.KindDuration
}

func compile(e ast.Expr) evalFn {
	switch n := e.(type) {
	case *ast.Paren:
		return compile(n.Inner)
	case *ast.Literal:
		v := n.Value
		return func(*Env) (types.Value, error) { return v, nil }
	case *ast.EntityLit:
		v := types.Value(n.UID)
		return func(*Env) (types.Value, error) { return v, nil }
	case *ast.VarExpr:
		which := n.Var
		return func(env *Env) (types.Value, error) { return env.variable(which), nil }
	case *ast.SlotExpr:
		return fail(e, fmt.Sprintf("template slot `%s` is not linked to an entity", n.Slot))
	case *ast.Unary:
		return compileUnary(n)
	case *ast.Binary:
		return compileBinary(n)
	case *ast.If:
		return compileIf(n)
	case *ast.Has:
		return compileHas(n)
	case *ast.Like:
		return compileLike(n)
	case *ast.Is:
		return compileIs(n)
	case *ast.GetAttr:
		return compileGetAttr(n)
	case *ast.MethodCall:
		return compileMethod(n)
	case *ast.Call:
		return compileCall(n)
	case *ast.SetExpr:
		return compileSet(n)
	case *ast.RecordExpr:
		return compileRecord(n)
	case nil:
		return func(*Env) (types.Value, error) {
			return nil, fmt.Errorf("missing expression")
		}
	}
	return fail(e, fmt.Sprintf("unsupported expression %T", e))
}

func fail(e ast.Expr, msg string) evalFn {
	err := errAt(e, msg)
	return func(*Env) (types.Value, error) { return nil, err }
}

// compileBool compiles e to a function that insists on a boolean result.
func compileBool(e ast.Expr) func(*Env) (bool, error) {
	f := compile(e)
	return func(env *Env) (bool, error) {
		v, err := f(env)
		if err != nil {
			return false, err
		}
		b, ok := v.(types.Bool)
		if !ok {
			return false, typeErr(e, "bool", v)
		}
		return bool(b), nil
	}
}

func compileUnary(n *ast.Unary) evalFn {
	arg := compile(n.Arg)
	if n.Op == ast.OpNot {
		return func(env *Env) (types.Value, error) {
			v, err := arg(env)
			if err != nil {
				return nil, err
			}
			b, ok := v.(types.Bool)
			if !ok {
				return nil, typeErr(n.Arg, "bool", v)
			}
			return !b, nil
		}
	}
	return func(env *Env) (types.Value, error) {
		v, err := arg(env)
		if err != nil {
			return nil, err
		}
		l, ok := v.(types.Long)
		if !ok {
			return nil, typeErr(n.Arg, "long", v)
		}
		if l == math.MinInt64 {
			return nil, errAt(n, fmt.Sprintf("integer overflow while attempting to negate the value `%d`", l))
		}
		return -l, nil
	}
}

func compileIf(n *ast.If) evalFn {
	cond, then, els := compileBool(n.Cond), compile(n.Then), compile(n.Else)
	return func(env *Env) (types.Value, error) {
		c, err := cond(env)
		if err != nil {
			return nil, err
		}
		if c {
			return then(env)
		}
		return els(env)
	}
}

func compileBinary(n *ast.Binary) evalFn {
	switch n.Op {
	case ast.OpAnd, ast.OpOr:
		left, right := compileBool(n.Left), compileBool(n.Right)
		// && stops at false, || at true.
		stopAt := n.Op == ast.OpOr
		return func(env *Env) (types.Value, error) {
			l, err := left(env)
			if err != nil {
				return nil, err
			}
			if l == stopAt {
				return types.Bool(l), nil
			}
			r, err := right(env)
			if err != nil {
				return nil, err
			}
			return types.Bool(r), nil
		}
	case ast.OpIn:
		if f := fastIn(n); f != nil {
			return f
		}
		return compileIn(n)
	case ast.OpEq, ast.OpNotEq:
		if f := fastEquality(n); f != nil {
			return f
		}
	}
	left, right := compile(n.Left), compile(n.Right)
	var op func(l, r types.Value) (types.Value, error)
	switch n.Op {
	case ast.OpEq:
		op = func(l, r types.Value) (types.Value, error) { return types.Bool(l.Equal(r)), nil }
	case ast.OpNotEq:
		op = func(l, r types.Value) (types.Value, error) { return types.Bool(!l.Equal(r)), nil }
	case ast.OpLess, ast.OpLessEq, ast.OpGreater, ast.OpGreaterEq:
		op = comparison(n)
	case ast.OpAdd, ast.OpSub, ast.OpMul:
		op = arithmetic(n)
	default:
		return fail(n, fmt.Sprintf("unknown operator %v", n.Op))
	}
	return func(env *Env) (types.Value, error) {
		l, err := left(env)
		if err != nil {
			return nil, err
		}
		r, err := right(env)
		if err != nil {
			return nil, err
		}
		return op(l, r)
	}
}

// The outcomes of a three-way comparison each relational operator accepts.
func isNegative(c int) bool    { return c < 0 }
func isNotPositive(c int) bool { return c <= 0 }
func isPositive(c int) bool    { return c > 0 }
func isNotNegative(c int) bool { return c >= 0 }

func comparison(n *ast.Binary) func(l, r types.Value) (types.Value, error) {
	var test func(c int) bool
	switch n.Op {
	case ast.OpLess:
		test = isNegative
	case ast.OpLessEq:
		test = isNotPositive
	case ast.OpGreater:
		test = isPositive
	default:
		test = isNotNegative
	}
	return func(l, r types.Value) (types.Value, error) {
		if a, ok := l.(types.Long); ok {
			if b, ok := r.(types.Long); ok {
				c := 0
				if a < b {
					c = -1
				} else if a > b {
					c = 1
				}
				return types.Bool(test(c)), nil
			}
			return nil, typeErr(n.Right, "long", r)
		}
		if _, ok := r.(types.Long); ok {
			return nil, typeErr(n.Left, "long", l)
		}
		if c, ok := extension.Compare(l, r); ok {
			return types.Bool(test(c)), nil
		}
		// As official Cedar: a comparable extension operand names the type
		// the other operand should have had, the left one first.
		if k := l.Kind(); overloadsComparison(k) {
			return nil, typeErr(n.Right, k.String(), r)
		}
		if k := r.Kind(); overloadsComparison(k) {
			return nil, typeErr(n.Left, k.String(), l)
		}
		return nil, typeErr(n.Left, "one of [long, datetime, duration]", l)
	}
}

func arithmetic(n *ast.Binary) func(l, r types.Value) (types.Value, error) {
	verb := map[ast.BinaryOp]string{ast.OpAdd: "add", ast.OpSub: "subtract", ast.OpMul: "multiply"}[n.Op]
	return func(l, r types.Value) (types.Value, error) {
		a, ok := l.(types.Long)
		if !ok {
			return nil, typeErr(n.Left, "long", l)
		}
		b, ok := r.(types.Long)
		if !ok {
			return nil, typeErr(n.Right, "long", r)
		}
		var res int64
		var overflow bool
		switch n.Op {
		case ast.OpAdd:
			res = int64(a) + int64(b)
			overflow = (b > 0 && res < int64(a)) || (b < 0 && res > int64(a))
		case ast.OpSub:
			res = int64(a) - int64(b)
			overflow = (b < 0 && res < int64(a)) || (b > 0 && res > int64(a))
		default:
			res, overflow = mulOverflows(int64(a), int64(b))
		}
		if overflow {
			return nil, errAt(n, fmt.Sprintf("integer overflow while attempting to %s the values `%d` and `%d`", verb, a, b))
		}
		return types.Long(res), nil
	}
}

func mulOverflows(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, false
	}
	res := a * b
	if (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) || res/b != a {
		return res, true
	}
	return res, false
}

func compileIn(n *ast.Binary) evalFn {
	left, right := compile(n.Left), compile(n.Right)
	return func(env *Env) (types.Value, error) {
		l, err := left(env)
		if err != nil {
			return nil, err
		}
		r, err := right(env)
		if err != nil {
			return nil, err
		}
		e, ok := l.(types.EntityUID)
		if !ok {
			return nil, typeErr(n.Left, anyEntity, l)
		}
		return inValue(env, n.Right, e, r)
	}
}

// inValue is `e in r` where r is an entity or a set of entities.
func inValue(env *Env, rExpr ast.Expr, e types.EntityUID, r types.Value) (types.Value, error) {
	switch x := r.(type) {
	case types.EntityUID:
		return types.Bool(env.isIn(e, x)), nil
	case types.Set:
		// Every element must be an entity, even after a match is found.
		found := false
		var notEntity types.Value
		for _, el := range x.Elements() {
			a, ok := el.(types.EntityUID)
			if !ok {
				if notEntity == nil || kindOrder[el.Kind()] < kindOrder[notEntity.Kind()] {
					notEntity = el
				}
				continue
			}
			if !found && env.isIn(e, a) {
				found = true
			}
		}
		if notEntity != nil {
			return nil, typeErr(rExpr, anyEntity, notEntity)
		}
		return types.Bool(found), nil
	}
	return nil, typeErr(rExpr, "one of [set, "+anyEntity+"]", r)
}

func compileIs(n *ast.Is) evalFn {
	arg := compile(n.Arg)
	var in evalFn
	if n.In != nil {
		in = compile(n.In)
	}
	typ := n.Type
	return func(env *Env) (types.Value, error) {
		v, err := arg(env)
		if err != nil {
			return nil, err
		}
		e, ok := v.(types.EntityUID)
		if !ok {
			return nil, typeErr(n.Arg, anyEntity, v)
		}
		if e.Type != typ {
			return types.False, nil
		}
		if in == nil {
			return types.True, nil
		}
		r, err := in(env)
		if err != nil {
			return nil, err
		}
		return inValue(env, n.In, e, r)
	}
}

// attrOf is `v.name`: v must be a record or an entity that exists.
func attrOf(env *Env, argExpr ast.Expr, at ast.Expr, v types.Value, name string) (types.Value, error) {
	switch x := v.(type) {
	case types.Record:
		a, ok := x.Get(name)
		if !ok {
			return nil, errAt(at, fmt.Sprintf("record does not have the attribute `%s`", name))
		}
		return a, nil
	case types.EntityUID:
		ent, ok := env.store.Get(x)
		if !ok {
			return nil, errAt(at, fmt.Sprintf("entity `%s` does not exist", displayUID(x)))
		}
		a, ok := ent.Attrs.Get(name)
		if !ok {
			return nil, errAt(at, fmt.Sprintf("`%s` does not have the attribute `%s`", displayUID(x), name))
		}
		return a, nil
	}
	return nil, typeErr(argExpr, "one of [record, "+anyEntity+"]", v)
}

// hasAttr is `v has name`: false for an entity that does not exist.
func hasAttr(env *Env, argExpr ast.Expr, v types.Value, name string) (bool, error) {
	switch x := v.(type) {
	case types.Record:
		_, ok := x.Get(name)
		return ok, nil
	case types.EntityUID:
		ent, ok := env.store.Get(x)
		if !ok {
			return false, nil
		}
		_, ok = ent.Attrs.Get(name)
		return ok, nil
	}
	return false, typeErr(argExpr, "one of [record, "+anyEntity+"]", v)
}

func compileGetAttr(n *ast.GetAttr) evalFn {
	if f := fastGetAttr(n); f != nil {
		return f
	}
	arg := compile(n.Arg)
	name := n.Attr
	return func(env *Env) (types.Value, error) {
		v, err := arg(env)
		if err != nil {
			return nil, err
		}
		return attrOf(env, n.Arg, n, v, name)
	}
}

func compileHas(n *ast.Has) evalFn {
	arg := compile(n.Arg)
	path := n.Path
	return func(env *Env) (types.Value, error) {
		v, err := arg(env)
		if err != nil {
			return nil, err
		}
		// `e has a.b` means `e has a && e.a has b`.
		for i, name := range path {
			ok, err := hasAttr(env, n.Arg, v, name)
			if err != nil || !ok {
				return types.False, err
			}
			if i+1 < len(path) {
				if v, err = attrOf(env, n.Arg, n, v, name); err != nil {
					return nil, err
				}
			}
		}
		return types.True, nil
	}
}

func compileLike(n *ast.Like) evalFn {
	arg := compile(n.Arg)
	pat := n.Pattern
	return func(env *Env) (types.Value, error) {
		v, err := arg(env)
		if err != nil {
			return nil, err
		}
		s, ok := v.(types.String)
		if !ok {
			return nil, typeErr(n.Arg, "string", v)
		}
		return types.Bool(match(pat, string(s))), nil
	}
}

// match reports whether s matches a `like` pattern. It is greedy with
// backtracking to the last wildcard only, which is linear in practice
// and exact for glob patterns.
func match(pat []ast.PatternPart, s string) bool {
	// Merge adjacent literals and collapse wildcard runs first.
	var parts []ast.PatternPart
	for _, p := range pat {
		if len(parts) > 0 {
			last := &parts[len(parts)-1]
			if p.Wildcard && last.Wildcard {
				continue
			}
			if !p.Wildcard && !last.Wildcard {
				last.Literal += p.Literal
				continue
			}
		}
		parts = append(parts, p)
	}
	// First literal must be a prefix; with no wildcard, the whole string.
	if len(parts) == 0 {
		return s == ""
	}
	i := 0
	if !parts[0].Wildcard {
		lit := parts[0].Literal
		if len(parts) == 1 {
			return s == lit
		}
		if len(s) < len(lit) || s[:len(lit)] != lit {
			return false
		}
		s = s[len(lit):]
		i = 1
	}
	// Now parts[i] is a wildcard. Each literal between wildcards matches at
	// its leftmost position; the final literal (if not followed by a
	// wildcard) must be a suffix.
	for i < len(parts) {
		// parts[i] is a wildcard.
		i++
		if i == len(parts) {
			return true
		}
		lit := parts[i].Literal
		if i == len(parts)-1 {
			return len(s) >= len(lit) && s[len(s)-len(lit):] == lit
		}
		idx := indexOf(s, lit)
		if idx < 0 {
			return false
		}
		s = s[idx+len(lit):]
		i++
	}
	return true
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func compileSet(n *ast.SetExpr) evalFn {
	elems := make([]evalFn, len(n.Elems))
	for i, e := range n.Elems {
		elems[i] = compile(e)
	}
	return func(env *Env) (types.Value, error) {
		vals := make([]types.Value, len(elems))
		for i, f := range elems {
			v, err := f(env)
			if err != nil {
				return nil, err
			}
			vals[i] = v
		}
		return types.NewSet(vals...), nil
	}
}

func compileRecord(n *ast.RecordExpr) evalFn {
	// Official Cedar evaluates a record literal's values in key order, not
	// source order, which decides the error reported when several fail.
	entries := slices.Clone(n.Entries)
	slices.SortStableFunc(entries, func(a, b ast.RecordEntry) int { return strings.Compare(a.Key, b.Key) })
	keys := make([]string, len(entries))
	vals := make([]evalFn, len(entries))
	for i, en := range entries {
		keys[i], vals[i] = en.Key, compile(en.Value)
	}
	return func(env *Env) (types.Value, error) {
		m := make(map[string]types.Value, len(keys))
		for i, f := range vals {
			v, err := f(env)
			if err != nil {
				return nil, err
			}
			m[keys[i]] = v
		}
		return types.NewRecord(m), nil
	}
}

func compileCall(n *ast.Call) evalFn {
	args := make([]evalFn, len(n.Args))
	for i, a := range n.Args {
		args[i] = compile(a)
	}
	name := n.Name
	// Constructor calls on literals (the usual `ip("10.0.0.1")`) are
	// evaluated once here; their errors are still raised at run time.
	if allLiteral(n.Args) {
		vals := make([]types.Value, len(n.Args))
		for i, a := range n.Args {
			vals[i] = ast.Unparen(a).(*ast.Literal).Value
		}
		v, err := extension.Call(name, vals)
		if err != nil {
			err = errAt(n, err.Error())
		}
		return func(*Env) (types.Value, error) { return v, err }
	}
	return func(env *Env) (types.Value, error) {
		vals := make([]types.Value, len(args))
		for i, f := range args {
			v, err := f(env)
			if err != nil {
				return nil, err
			}
			vals[i] = v
		}
		v, err := extension.Call(name, vals)
		if err != nil {
			return nil, errAt(n, err.Error())
		}
		return v, nil
	}
}

func allLiteral(es []ast.Expr) bool {
	for _, e := range es {
		if _, ok := ast.Unparen(e).(*ast.Literal); !ok {
			return false
		}
	}
	return true
}
