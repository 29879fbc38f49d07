package ast

import "github.com/cedar-ls/cedar-ls/engine/source"

// Node is a piece of a policy with a source span: *Policy, *Annotation,
// *Scope, *EntityRef, *Condition or an Expr.
type Node interface {
	Loc() source.Span
}

func (p *Policy) Loc() source.Span     { return p.Span }
func (a *Annotation) Loc() source.Span { return a.Span }
func (s *Scope) Loc() source.Span      { return s.Span }
func (r *EntityRef) Loc() source.Span  { return r.Span }
func (c *Condition) Loc() source.Span  { return c.Span }

// InspectNode calls f for n and, while f returns true, for each node
// under it in source order; under a policy: annotations, the scopes read
// (with their entity references), the conditions and their expressions.
// It works on partial trees (see Policy).
func InspectNode(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	eachChild(n, func(c Node) { InspectNode(c, f) })
}

// eachChild calls f for each direct child of n in source order. Nil
// expressions and parts a partial policy did not reach are left out.
func eachChild(n Node, f func(Node)) {
	expr := func(e Expr) {
		if e != nil {
			f(e)
		}
	}
	switch n := n.(type) {
	case *Policy:
		for i := range n.Annotations {
			f(&n.Annotations[i])
		}
		for _, s := range []*Scope{&n.Principal, &n.Action, &n.Resource} {
			if s.Read() || !n.HasErrors() { // JSON policies have no spans
				f(s)
			}
		}
		for i := range n.Conditions {
			f(&n.Conditions[i])
		}
	case *Scope:
		switch n.Op {
		case ScopeEq, ScopeIn, ScopeIsIn:
			f(&n.Entity)
		case ScopeInSet:
			for i := range n.Entities {
				f(&n.Entities[i])
			}
		}
	case *Condition:
		expr(n.Body)
	case *Unary:
		expr(n.Arg)
	case *Binary:
		expr(n.Left)
		expr(n.Right)
	case *Has:
		expr(n.Arg)
	case *Like:
		expr(n.Arg)
	case *Is:
		expr(n.Arg)
		expr(n.In)
	case *If:
		expr(n.Cond)
		expr(n.Then)
		expr(n.Else)
	case *GetAttr:
		expr(n.Arg)
	case *MethodCall:
		expr(n.Recv)
		for _, a := range n.Args {
			expr(a)
		}
	case *Call:
		for _, a := range n.Args {
			expr(a)
		}
	case *SetExpr:
		for _, a := range n.Elems {
			expr(a)
		}
	case *RecordExpr:
		for _, en := range n.Entries {
			expr(en.Value)
		}
	case *Paren:
		expr(n.Inner)
	}
}
