package validate

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// checker typechecks one policy in one request environment.
type checker struct {
	idx    *index
	strict bool
	env    Env
	// errs collects this environment's errors.
	errs []Diagnostic
	// types records each checked node's type when the caller asked for it.
	types map[ast.Expr]*Type
	// run is the scratch space of one validation call (memos shared
	// across environments and policies); the index itself is read-only.
	run *scratch
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
	c.setEnvTypes(env, c.entity(env.Principal), c.entity(env.Resource))
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
func (c *checker) shape(t types.EntityType) *Type { return c.idx.shapes[t] }

// entity is the type of entities of type t: the index's interned type for
// types the schema mentions, else one made for this validation call (an
// entity literal of an undeclared type).
func (c *checker) entity(t types.EntityType) *Type {
	if et, ok := c.idx.entities[t]; ok {
		return et
	}
	et, ok := c.run.undeclared[t]
	if !ok {
		et = entityType(t)
		c.run.undeclared[t] = et
	}
	return et
}

func (c *checker) errorf(span source.Span, kind, format string, args ...any) {
	c.errs = append(c.errs, newDiagnostic(span, kind, fmt.Sprintf(format, args...)))
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
	if k, ok := c.run.keys[e]; ok {
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
	c.run.keys[e] = k
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
			return c.entity(n.UID.Type), nil
		}
		// An undeclared enum id is reported by checkNames but still typed.
		if c.idx.s.Entities[n.UID.Type] == nil {
			return typeError, nil // reported by checkNames
		}
		return c.entity(n.UID.Type), nil
	case *ast.VarExpr:
		switch n.Var {
		case ast.VarPrincipal:
			return c.principal, nil
		case ast.VarResource:
			return c.resource, nil
		case ast.VarAction:
			return c.entity(c.env.Action.Type), nil
		default:
			if c.context == nil {
				c.context = c.idx.contextType(c.env.Action)
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
		if n.NameMissing() { // a partial policy: see ast.Policy
			c.check(n.Arg, caps)
			return typeBool, nil
		}
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
		if n.NameMissing() { // a partial policy: see ast.Policy
			c.check(n.Arg, caps)
			return typeError, nil
		}
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
		return a.Message < b.Message
	})
}
