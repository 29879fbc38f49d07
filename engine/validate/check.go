package validate

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/extension"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// capability is a fact established by a `has` or `hasTag` test that came
// out true: attribute (or tag) attr of the expression whose key is key is
// present.
type capability struct {
	key, attr string
	tag       bool
}

// capSet is an immutable list of capabilities; union and intersection
// build new lists.
type capSet []capability

func (cs capSet) has(key, attr string, tag bool) bool {
	for _, c := range cs {
		if c.key == key && c.attr == attr && c.tag == tag {
			return true
		}
	}
	return false
}

func union(a, b capSet) capSet {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make(capSet, 0, len(a)+len(b))
	out = append(out, a...)
	for _, c := range b {
		if !out.has(c.key, c.attr, c.tag) {
			out = append(out, c)
		}
	}
	return out
}

func intersect(a, b capSet) capSet {
	var out capSet
	for _, c := range a {
		if b.has(c.key, c.attr, c.tag) {
			out = append(out, c)
		}
	}
	return out
}

// checker typechecks one policy in one request environment.
type checker struct {
	idx    *index
	strict bool
	env    Env
	// errs collects this environment's errors.
	errs []Diagnostic
	// types records each checked node's type when the caller asked for it.
	types map[ast.Expr]*Type
	// keys memoizes capability keys of expressions (shared across envs).
	keys map[ast.Expr]string
	// ctorErrs memoizes the parse of constructor literals (shared across
	// envs).
	ctorErrs map[*ast.Call]error
	// chain is the span of the member-access chain the node being checked
	// is an inner part of: official Cedar reports errors on every inner
	// access of `a.b.c(…)` at the whole chain's span.
	chain   source.Span
	inChain bool
	// principal and resource are the environment's variable types.
	principal, resource *Type
	// context is the environment's context type, looked up on first use.
	context *Type
}

// setEnv switches the checker to another request environment.
func (c *checker) setEnv(env Env) {
	c.setEnvTypes(env, c.idx.entity(env.Principal), c.idx.entity(env.Resource))
}

// setEnvTypes is setEnv for callers that have the principal and resource
// types at hand.
func (c *checker) setEnvTypes(env Env, principal, resource *Type) {
	c.env = env
	c.principal, c.resource = principal, resource
	c.context = nil
	c.errs = c.errs[:0]
}

// shape is the attribute record of an entity type (nil when it has none).
func (c *checker) shape(t types.EntityType) *Type {
	if r, ok := c.idx.shapes[t]; ok {
		return r
	}
	var r *Type
	if ent := c.idx.s.Entities[t]; ent != nil && ent.Shape != nil {
		r = c.recordType(ent.Shape)
	}
	c.idx.shapes[t] = r
	return r
}

func (c *checker) errorf(span source.Span, kind, format string, args ...any) {
	c.errs = append(c.errs, Diagnostic{Span: span, Kind: kind, Msg: fmt.Sprintf(format, args...)})
}

func (c *checker) unexpected(e ast.Expr, got *Type, want string) {
	// Official Cedar drops parentheses from spans.
	c.errorf(ast.Unparen(e).Loc(), KindUnexpectedType, "unexpected type: expected %s but saw %s", want, got)
}

// expectKind reports an unexpected type unless t has kind k (or failed).
func (c *checker) expectKind(e ast.Expr, t *Type, k TypeKind, want string) bool {
	if t.Kind == k || t.Kind == KindError {
		return true
	}
	c.unexpected(e, t, want)
	return false
}

const (
	anyEntity    = "__cedar::internal::AnyEntity"
	entityOrRec  = anyEntity + ", or __cedar::internal::OpenRecord{}"
	setOrEntity  = "Set<" + anyEntity + ">, or " + anyEntity
	comparableTy = "datetime, or duration, or Long"
)

func (c *checker) key(e ast.Expr) string {
	e = ast.Unparen(e)
	if v, ok := e.(*ast.VarExpr); ok {
		return v.Var.String()
	}
	// Literals' keys are memoized too: rendering them quotes strings.
	if k, ok := c.keys[e]; ok {
		return k
	}
	var k string
	switch n := e.(type) {
	case *ast.Literal:
		k = n.Value.String()
	case *ast.EntityLit:
		k = n.UID.String()
	case *ast.GetAttr:
		k = c.key(n.Arg) + "." + strconv.Quote(n.Attr)
	default:
		k = ast.ExprText(e)
	}
	c.keys[e] = k
	return k
}

// check infers e's type; caps holds the capabilities known where e is
// evaluated. It returns the type and the capabilities that hold when e
// evaluates to true.
func (c *checker) check(e ast.Expr, caps capSet) (*Type, capSet) {
	t, out := c.check1(e, caps)
	if c.types != nil {
		if old, ok := c.types[e]; ok && old != t {
			if l, why := lub(old, t, false); why == lubOK {
				t2 := l
				c.types[e] = t2
			}
		} else {
			c.types[e] = t
		}
	}
	return t, out
}

func (c *checker) check1(e ast.Expr, caps capSet) (*Type, capSet) {
	outer, inChain := c.chain, c.inChain
	c.inChain = false
	switch n := e.(type) {
	case *ast.Paren:
		return c.check(n.Inner, caps)
	case *ast.Literal:
		switch v := n.Value.(type) {
		case types.Bool:
			if v {
				return typeTrue, nil
			}
			return typeFalse, nil
		case types.Long:
			return typeLong, nil
		case types.String:
			return typeString, nil
		}
		return typeError, nil
	case *ast.EntityLit:
		if c.idx.actionTypes[n.UID.Type] {
			if c.idx.s.Actions[n.UID] == nil {
				return typeError, nil // reported by checkNames
			}
			return c.idx.entity(n.UID.Type), nil
		}
		// An undeclared enum id is reported by checkNames but still typed.
		if c.idx.s.Entities[n.UID.Type] == nil {
			return typeError, nil // reported by checkNames
		}
		return c.idx.entity(n.UID.Type), nil
	case *ast.VarExpr:
		switch n.Var {
		case ast.VarPrincipal:
			return c.principal, nil
		case ast.VarResource:
			return c.resource, nil
		case ast.VarAction:
			return c.idx.entity(c.env.Action.Type), nil
		default:
			if c.context == nil {
				c.context = c.contextType(c.env.Action)
			}
			return c.context, nil
		}
	case *ast.SlotExpr:
		return typeError, nil
	case *ast.Unary:
		t, _ := c.check(n.Arg, caps)
		if n.Op == ast.OpNeg {
			c.expectKind(n.Arg, t, KindLong, "Long")
			return typeLong, nil
		}
		if !c.expectKind(n.Arg, t, KindBool, "Bool") || t.Kind == KindError {
			return typeBool, nil
		}
		return negate(t), nil
	case *ast.Binary:
		return c.checkBinary(n, caps)
	case *ast.Has:
		return c.checkHas(n, caps)
	case *ast.Like:
		t, _ := c.check(n.Arg, caps)
		c.expectKind(n.Arg, t, KindString, "String")
		return typeBool, nil
	case *ast.Is:
		return c.checkIs(n, caps)
	case *ast.If:
		return c.checkIf(n, caps)
	case *ast.GetAttr:
		span := n.Span
		if inChain {
			span = outer
		}
		c.enterChain(n.Arg, span)
		t, _ := c.check(n.Arg, caps)
		return c.getAttr(n, span, t, caps), nil
	case *ast.MethodCall:
		span := n.Span
		if inChain {
			span = outer
		}
		return c.checkMethod(n, span, caps)
	case *ast.Call:
		span := n.Span
		if inChain {
			span = outer
		}
		return c.checkCall(n, span, caps), nil
	case *ast.SetExpr:
		return c.checkSet(n, caps), nil
	case *ast.RecordExpr:
		attrs := make(map[string]Attr, len(n.Entries))
		failed := false
		for _, en := range n.Entries {
			t, _ := c.check(en.Value, caps)
			if t.Kind == KindError {
				failed = true
			}
			attrs[en.Key] = Attr{Type: t, Required: true}
		}
		if failed {
			return typeError, nil
		}
		return &Type{Kind: KindRecord, Attrs: attrs}, nil
	}
	return typeError, nil
}

// enterChain marks the next node as an inner part of a member chain when it
// is itself a member access.
func (c *checker) enterChain(inner ast.Expr, span source.Span) {
	if isChainLink(inner) {
		c.chain, c.inChain = span, true
	}
}

// isChainLink reports whether e, as the receiver of a member access, is an
// inner link of the chain (a parenthesized receiver starts a new one).
func isChainLink(e ast.Expr) bool {
	switch e.(type) {
	case *ast.GetAttr, *ast.MethodCall, *ast.Call:
		return true
	}
	return false
}

// unexpectedRecv reports a method receiver of the wrong type; official
// Cedar places an inner chain link at the whole chain's span.
func (c *checker) unexpectedRecv(recv ast.Expr, chain source.Span, got *Type, want string) {
	if isChainLink(recv) {
		c.errorf(chain, KindUnexpectedType, "unexpected type: expected %s but saw %s", want, got)
		return
	}
	c.unexpected(recv, got, want)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

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

func (c *checker) literalValue(e ast.Expr) (types.Value, bool) {
	if l, ok := ast.Unparen(e).(*ast.Literal); ok {
		return l.Value, true
	}
	if uid, ok := c.literalUID(e); ok {
		return uid, true
	}
	return nil, false
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

// attrOf looks attr up in an entity or record type. found is false when
// the attribute is declared nowhere; for entity unions it must be declared
// on every member.
func (c *checker) attrOf(t *Type, attr string) (a Attr, found bool) {
	if t.Kind == KindRecord {
		a, found = t.Attrs[attr]
		return a, found
	}
	for i, et := range t.Entities {
		var ea Attr
		ok := false
		var shape *Type
		if sc := t.shape; sc != nil && len(t.Entities) == 1 {
			if !sc.done {
				sc.record, sc.done = c.shape(et), true
			}
			shape = sc.record
		} else {
			shape = c.shape(et)
		}
		if shape != nil {
			ea, ok = shape.Attrs[attr]
		}
		if !ok {
			return Attr{}, false
		}
		if i == 0 {
			a = ea
			continue
		}
		l, why := lub(a.Type, ea.Type, c.strict)
		if why != lubOK {
			return Attr{}, false
		}
		a = Attr{Type: l, Required: a.Required && ea.Required}
	}
	return a, len(t.Entities) > 0
}

func (c *checker) getAttr(n *ast.GetAttr, span source.Span, t *Type, caps capSet) *Type {
	switch t.Kind {
	case KindError:
		return typeError
	case KindEntity, KindRecord:
	default:
		c.errorf(span, KindUnexpectedType, "unexpected type: expected %s but saw %s", entityOrRec, t)
		return typeError
	}
	a, found := c.attrOf(t, n.Attr)
	if !found {
		if t.Kind == KindRecord && t.Open {
			return typeError
		}
		c.errorf(span, KindUnsafeAttributeAccess, "attribute `%s` %s not found", n.Attr, c.describe(n.Arg, t))
		return typeError
	}
	if !a.Required && !caps.has(c.key(n.Arg), n.Attr, false) {
		c.errorf(span, KindUnsafeOptionalAttributeAccess, "unable to guarantee safety of access to optional attribute `%s` %s", n.Attr, c.describe(n.Arg, t))
	}
	return a.Type
}

// describe names the entity type or context an attribute is looked up
// in, as official's messages do.
func (c *checker) describe(arg ast.Expr, t *Type) string {
	if v, ok := ast.Unparen(arg).(*ast.VarExpr); ok && v.Var == ast.VarContext {
		return "in context for " + c.env.Action.String()
	}
	if t.Kind == KindEntity {
		return "on entity type `" + t.String() + "`"
	}
	return "in record type `" + t.String() + "`"
}

func (c *checker) checkHas(n *ast.Has, caps capSet) (*Type, capSet) {
	t, _ := c.check(n.Arg, caps)
	keys := c.hasPathKeys(n)
	result := True
	var out capSet
	for i, attr := range n.Path {
		key := keys[i]
		switch t.Kind {
		case KindError:
			return typeBool, nil
		case KindEntity, KindRecord:
		default:
			c.unexpected(n.Arg, t, entityOrRec)
			return typeBool, nil
		}
		a, found := c.attrOf(t, attr)
		switch {
		case !found && t.Kind == KindRecord && t.Open:
			result = AnyBool
			return typeBool, out
		case !found:
			return typeFalse, nil
		case t.Kind == KindRecord && a.Required:
		case caps.has(key, attr, false) || out.has(key, attr, false):
		default:
			result = AnyBool
			out = append(out, capability{key: key, attr: attr})
		}
		t = a.Type
	}
	return boolType(result), out
}

// hasPathKeys lists the capability key of each prefix of a `has` test's
// path before its last attribute: keys[i] is the key of the expression
// whose attribute Path[i] is tested. They are built once per policy, not
// in every environment.
func (c *checker) hasPathKeys(n *ast.Has) []string {
	if keys, ok := c.idx.hasKeys[n]; ok {
		return keys
	}
	keys := make([]string, len(n.Path))
	key := c.key(n.Arg)
	for i, attr := range n.Path {
		keys[i] = key
		key = key + "." + strconv.Quote(attr)
	}
	c.idx.hasKeys[n] = keys
	return keys
}

func (c *checker) checkMethod(n *ast.MethodCall, span source.Span, caps capSet) (*Type, capSet) {
	c.enterChain(n.Recv, span)
	rt, _ := c.check(n.Recv, caps)
	args := make([]*Type, len(n.Args))
	for i, a := range n.Args {
		args[i], _ = c.check(a, caps)
	}
	wantArgs := func(k int) bool {
		if len(args) != k {
			c.errorf(span, KindWrongNumberArguments, "wrong number of arguments in extension function application. Expected %d, got %d", k+1, len(args)+1)
			return false
		}
		return true
	}
	switch n.Name {
	case "contains", "containsAll", "containsAny":
		if !wantArgs(1) {
			return typeBool, nil
		}
		if !c.expectSetRecv(n.Recv, span, rt) {
			return typeBool, nil
		}
		at := args[0]
		if n.Name != "contains" {
			if !c.expectSet(n.Args[0], at) {
				return typeBool, nil
			}
			if at.Kind == KindError {
				return typeBool, nil
			}
			at = at.Elem
		}
		if rt.Kind == KindError || at.Kind == KindError {
			return typeBool, nil
		}
		if _, why := lub(rt.Elem, at, c.strict); why != lubOK && c.strict {
			c.incompatible(span, rt.Elem, at, why, "elements of the first operand and the second operand to a `"+n.Name+"` expression must have compatible types")
		}
		return typeBool, nil
	case "isEmpty":
		if wantArgs(0) {
			c.expectSetRecv(n.Recv, span, rt)
		}
		return typeBool, nil
	case "hasTag", "getTag":
		if !wantArgs(1) {
			return typeError, nil
		}
		c.expectKind(n.Args[0], args[0], KindString, "String")
		if rt.Kind == KindError {
			if n.Name == "hasTag" {
				return typeBool, nil
			}
			return typeError, nil
		}
		if rt.Kind != KindEntity {
			c.unexpectedRecv(n.Recv, span, rt, anyEntity)
			if n.Name == "hasTag" {
				return typeBool, nil
			}
			return typeError, nil
		}
		tagType := c.tagType(rt)
		key, tag := c.key(n.Recv), c.key(n.Args[0])
		if n.Name == "hasTag" {
			if tagType == nil {
				return typeFalse, nil
			}
			if caps.has(key, tag, true) {
				return typeTrue, nil
			}
			return typeBool, capSet{{key: key, attr: tag, tag: true}}
		}
		if !caps.has(key, tag, true) {
			// Unlike an unsafe attribute access, official stops typing here.
			c.errorf(span, KindUnsafeTagAccess, "unable to guarantee safety of access to tag `%s` on entity type `%s`", tag, rt)
			return typeError, nil
		} else if tagType == nil {
			c.errorf(span, KindNoTagsAllowed, "`getTag` used on entity type `%s`, which does not have tags", rt)
		}
		if tagType == nil {
			return typeError, nil
		}
		return tagType, nil
	}
	spec, ok := extension.Lookup(n.Name)
	if !ok || !spec.IsMethod {
		c.errorf(n.NameSpan, KindUndefinedFunction, "undefined extension function: %s", n.Name)
		return typeError, nil
	}
	if len(args)+1 != len(spec.Params) {
		c.errorf(span, KindWrongNumberArguments, "wrong number of arguments in extension function application. Expected %d, got %d", len(spec.Params), len(args)+1)
		return kindType(spec.Result), nil
	}
	if want := kindType(spec.Params[0]); rt.Kind != KindError && (rt.Kind != want.Kind || rt.Ext != want.Ext) {
		c.unexpectedRecv(n.Recv, span, rt, want.String())
	}
	for i, a := range n.Args {
		c.expectValueKind(a, args[i], spec.Params[i+1])
	}
	return kindType(spec.Result), nil
}

func (c *checker) expectSetRecv(recv ast.Expr, chain source.Span, t *Type) bool {
	if t.Kind == KindSet || t.Kind == KindError {
		return true
	}
	c.unexpectedRecv(recv, chain, t, "Set<__cedar::internal::Any>")
	return false
}

func (c *checker) expectSet(e ast.Expr, t *Type) bool {
	if t.Kind == KindSet || t.Kind == KindError {
		return true
	}
	c.unexpected(e, t, "Set<__cedar::internal::Any>")
	return false
}

// tagType is the tag type shared by the entity types, nil if none has tags.
func (c *checker) tagType(t *Type) *Type {
	var out *Type
	for _, et := range t.Entities {
		ent := c.idx.s.Entities[et]
		if ent == nil || ent.Tags == nil {
			continue
		}
		tt := c.fromSchema(ent.Tags)
		if out == nil {
			out = tt
		} else if l, why := lub(out, tt, c.strict); why == lubOK {
			out = l
		}
	}
	return out
}

func kindType(k types.Kind) *Type {
	switch k {
	case types.KindBool:
		return typeBool
	case types.KindLong:
		return typeLong
	case types.KindString:
		return typeString
	case types.KindDecimal:
		return extTypes["decimal"]
	case types.KindIPAddr:
		return extTypes["ipaddr"]
	case types.KindDatetime:
		return extTypes["datetime"]
	case types.KindDuration:
		return extTypes["duration"]
	}
	return typeError
}

func (c *checker) expectValueKind(e ast.Expr, t *Type, k types.Kind) {
	want := kindType(k)
	if t.Kind == KindError || (t.Kind == want.Kind && t.Ext == want.Ext) {
		return
	}
	c.unexpected(e, t, want.String())
}

// checkCall types a function call; span is where its errors go (the whole
// member chain when the call is an inner link of one).
func (c *checker) checkCall(n *ast.Call, span source.Span, caps capSet) *Type {
	args := make([]*Type, len(n.Args))
	for i, a := range n.Args {
		args[i], _ = c.check(a, caps)
	}
	spec, ok := extension.Lookup(n.Name)
	if !ok || spec.IsMethod {
		c.errorf(n.NameSpan, KindUndefinedFunction, "undefined extension function: %s", n.Name)
		return typeError
	}
	res := kindType(spec.Result)
	if len(args) != len(spec.Params) {
		c.errorf(span, KindWrongNumberArguments, "wrong number of arguments in extension function application. Expected %d, got %d", len(spec.Params), len(args))
		return res
	}
	for i, a := range n.Args {
		c.expectValueKind(a, args[i], spec.Params[i])
	}
	// Constructors take a literal string, which the validator parses.
	if len(n.Args) == 1 && spec.Params[0] == types.KindString {
		lit, isLit := ast.Unparen(n.Args[0]).(*ast.Literal)
		if !isLit {
			// Permissive mode leaves non-literal arguments to run time.
			if c.strict {
				c.errorf(span, KindNonLitExtConstructor, "extension constructors may not be called with non-literal expressions")
			}
		} else if s, isStr := lit.Value.(types.String); isStr {
			err, seen := c.ctorErrs[n]
			if !seen {
				_, err = extension.Call(n.Name, []types.Value{s})
				c.ctorErrs[n] = err
			}
			if err != nil {
				// Official names the literal, not the parse failure.
				c.errorf(span, KindFunctionArgumentValidation, "error during extension function argument validation: failed to parse as %s: `%s`", ctorTarget(n.Name), types.QuoteDebug(string(s)))
			}
		}
	}
	return res
}

// ctorTarget is what official's argument validation says a constructor's
// literal failed to parse as.
func ctorTarget(name string) string {
	if name == "ip" {
		return "IP address"
	}
	return "a " + name + " value"
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

// sortDiagnostics orders diagnostics by position, then message.
func sortDiagnostics(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.PolicyID != b.PolicyID {
			return false
		}
		if a.Span.Start != b.Span.Start {
			return a.Span.Start < b.Span.Start
		}
		return a.Msg < b.Msg
	})
}
