package validate

import (
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/extension"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

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
			err, seen := c.run.ctorErrs[n]
			if !seen {
				_, err = extension.Call(n.Name, []types.Value{s})
				c.run.ctorErrs[n] = err
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
