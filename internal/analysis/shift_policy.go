package analysis

import (
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/source"
)

// shiftPolicy copies a policy with every span moved by delta. The node
// types the engine has today are copied by hand (fast: an edit near the
// top of a big file shifts every policy after it); any other node type,
// say one added by a later engine, falls back to cloneShifted.
func shiftPolicy(p *ast.Policy, delta int) *ast.Policy {
	q := *p
	q.Span = shiftSpan(p.Span, delta)
	q.EffectSpan = shiftSpan(p.EffectSpan, delta)
	if p.Annotations != nil {
		q.Annotations = make([]ast.Annotation, len(p.Annotations))
		for i, a := range p.Annotations {
			a.Span = shiftSpan(a.Span, delta)
			a.KeySpan = shiftSpan(a.KeySpan, delta)
			q.Annotations[i] = a
		}
	}
	q.Principal = shiftScope(p.Principal, delta)
	q.Action = shiftScope(p.Action, delta)
	q.Resource = shiftScope(p.Resource, delta)
	if p.Conditions != nil {
		q.Conditions = make([]ast.Condition, len(p.Conditions))
		for i, c := range p.Conditions {
			c.Span = shiftSpan(c.Span, delta)
			c.KeywordSpan = shiftSpan(c.KeywordSpan, delta)
			c.Body = shiftExpr(c.Body, delta)
			q.Conditions[i] = c
		}
	}
	if p.Errors != nil {
		q.Errors = make([]source.Diagnostic, len(p.Errors))
		for i, d := range p.Errors {
			q.Errors[i] = shiftDiagnostic(d, delta)
		}
	}
	if !policyFieldsKnown {
		// The engine's Policy has fields this copy does not know: let
		// the generic copy shift them too.
		return cloneShifted(p, delta)
	}
	return &q
}

// shiftDiagnostic moves a diagnostic and its related spans by delta.
func shiftDiagnostic(d source.Diagnostic, delta int) source.Diagnostic {
	d.Span = source.Span{Start: d.Span.Start + delta, End: d.Span.End + delta}
	if len(d.Related) > 0 {
		rel := make([]source.Related, len(d.Related))
		copy(rel, d.Related)
		for j := range rel {
			rel[j].Span.Start += delta
			rel[j].Span.End += delta
		}
		d.Related = rel
	}
	return d
}

func shiftSpan(s source.Span, delta int) source.Span {
	if s.Start == 0 && s.End == 0 {
		return s // absent
	}
	return source.Span{Start: s.Start + delta, End: s.End + delta}
}

func shiftScope(s ast.Scope, delta int) ast.Scope {
	s.TypeSpan = shiftSpan(s.TypeSpan, delta)
	s.VarSpan = shiftSpan(s.VarSpan, delta)
	s.Span = shiftSpan(s.Span, delta)
	s.Entity.Span = shiftSpan(s.Entity.Span, delta)
	if s.Entities != nil {
		refs := make([]ast.EntityRef, len(s.Entities))
		for i, r := range s.Entities {
			r.Span = shiftSpan(r.Span, delta)
			refs[i] = r
		}
		s.Entities = refs
	}
	return s
}

func shiftExprs(es []ast.Expr, delta int) []ast.Expr {
	if es == nil {
		return nil
	}
	out := make([]ast.Expr, len(es))
	for i, e := range es {
		out[i] = shiftExpr(e, delta)
	}
	return out
}

func shiftExpr(e ast.Expr, delta int) ast.Expr {
	if e == nil {
		return nil
	}
	switch n := e.(type) {
	case *ast.Literal:
		c := *n
		c.Span = shiftSpan(n.Span, delta)
		return &c
	case *ast.EntityLit:
		c := *n
		c.Span = shiftSpan(n.Span, delta)
		c.TypeSpan = shiftSpan(n.TypeSpan, delta)
		return &c
	case *ast.VarExpr:
		c := *n
		c.Span = shiftSpan(n.Span, delta)
		return &c
	case *ast.SlotExpr:
		c := *n
		c.Span = shiftSpan(n.Span, delta)
		return &c
	case *ast.Unary:
		c := *n
		c.Span = shiftSpan(n.Span, delta)
		c.Arg = shiftExpr(n.Arg, delta)
		return &c
	case *ast.Binary:
		c := *n
		c.Span = shiftSpan(n.Span, delta)
		c.OpSpan = shiftSpan(n.OpSpan, delta)
		c.Left = shiftExpr(n.Left, delta)
		c.Right = shiftExpr(n.Right, delta)
		return &c
	case *ast.Has:
		c := *n
		c.Span = shiftSpan(n.Span, delta)
		c.PathSpan = shiftSpan(n.PathSpan, delta)
		c.Arg = shiftExpr(n.Arg, delta)
		return &c
	case *ast.Like:
		c := *n
		c.Span = shiftSpan(n.Span, delta)
		c.PatSpan = shiftSpan(n.PatSpan, delta)
		c.Arg = shiftExpr(n.Arg, delta)
		return &c
	case *ast.Is:
		c := *n
		c.Span = shiftSpan(n.Span, delta)
		c.TypeSpan = shiftSpan(n.TypeSpan, delta)
		c.Arg = shiftExpr(n.Arg, delta)
		c.In = shiftExpr(n.In, delta)
		return &c
	case *ast.If:
		c := *n
		c.Span = shiftSpan(n.Span, delta)
		c.Cond = shiftExpr(n.Cond, delta)
		c.Then = shiftExpr(n.Then, delta)
		c.Else = shiftExpr(n.Else, delta)
		return &c
	case *ast.GetAttr:
		c := *n
		c.Span = shiftSpan(n.Span, delta)
		c.AttrSpan = shiftSpan(n.AttrSpan, delta)
		c.Arg = shiftExpr(n.Arg, delta)
		return &c
	case *ast.MethodCall:
		c := *n
		c.Span = shiftSpan(n.Span, delta)
		c.NameSpan = shiftSpan(n.NameSpan, delta)
		c.Recv = shiftExpr(n.Recv, delta)
		c.Args = shiftExprs(n.Args, delta)
		return &c
	case *ast.Call:
		c := *n
		c.Span = shiftSpan(n.Span, delta)
		c.NameSpan = shiftSpan(n.NameSpan, delta)
		c.Args = shiftExprs(n.Args, delta)
		return &c
	case *ast.SetExpr:
		c := *n
		c.Span = shiftSpan(n.Span, delta)
		c.Elems = shiftExprs(n.Elems, delta)
		return &c
	case *ast.RecordExpr:
		c := *n
		c.Span = shiftSpan(n.Span, delta)
		if n.Entries != nil {
			c.Entries = make([]ast.RecordEntry, len(n.Entries))
			for i, en := range n.Entries {
				en.KeySpan = shiftSpan(en.KeySpan, delta)
				en.Value = shiftExpr(en.Value, delta)
				c.Entries[i] = en
			}
		}
		return &c
	case *ast.Paren:
		c := *n
		c.Span = shiftSpan(n.Span, delta)
		c.Inner = shiftExpr(n.Inner, delta)
		return &c
	case *ast.BadExpr:
		c := *n
		c.Span = shiftSpan(n.Span, delta)
		return &c
	}
	return cloneShifted(e, delta)
}
