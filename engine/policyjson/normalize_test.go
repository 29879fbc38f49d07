package policyjson

import (
	"sort"

	"github.com/cedar-ls/cedar-ls/engine/ast"
)

// normalizePolicy copies p without what the JSON format does not carry:
// spans, the ID, parentheses, how attributes and keys were spelled, how a
// pattern's literal text was split, and annotation and record key order.
func normalizePolicy(p *ast.Policy) *ast.Policy {
	q := &ast.Policy{Effect: p.Effect}
	for _, a := range p.Annotations {
		q.Annotations = append(q.Annotations, ast.Annotation{Key: a.Key, Value: a.Value, HasValue: a.HasValue})
	}
	sort.SliceStable(q.Annotations, func(i, j int) bool { return q.Annotations[i].Key < q.Annotations[j].Key })
	q.Principal = normalizeScope(p.Principal)
	q.Action = normalizeScope(p.Action)
	q.Resource = normalizeScope(p.Resource)
	for _, c := range p.Conditions {
		q.Conditions = append(q.Conditions, ast.Condition{Unless: c.Unless, Body: normalizeExpr(c.Body)})
	}
	return q
}

func normalizeScope(s ast.Scope) ast.Scope {
	out := ast.Scope{Var: s.Var, Op: s.Op, Type: s.Type, Entity: ast.EntityRef{Slot: s.Entity.Slot, UID: s.Entity.UID}}
	if s.Op == ast.ScopeInSet && len(s.Entities) == 1 {
		// `action in [A]` means `action in A`; the JSON form keeps the latter.
		out.Op, out.Entity = ast.ScopeIn, ast.EntityRef{Slot: s.Entities[0].Slot, UID: s.Entities[0].UID}
		return out
	}
	for _, e := range s.Entities {
		out.Entities = append(out.Entities, ast.EntityRef{Slot: e.Slot, UID: e.UID})
	}
	return out
}

func normalizeExprs(es []ast.Expr) []ast.Expr {
	var out []ast.Expr
	for _, e := range es {
		out = append(out, normalizeExpr(e))
	}
	return out
}

func normalizeExpr(e ast.Expr) ast.Expr {
	switch n := ast.Unparen(e).(type) {
	case *ast.Literal:
		return &ast.Literal{Value: n.Value}
	case *ast.EntityLit:
		return &ast.EntityLit{UID: n.UID}
	case *ast.VarExpr:
		return &ast.VarExpr{Var: n.Var}
	case *ast.SlotExpr:
		return &ast.SlotExpr{Slot: n.Slot}
	case *ast.Unary:
		return &ast.Unary{Op: n.Op, Arg: normalizeExpr(n.Arg)}
	case *ast.Binary:
		return &ast.Binary{Op: n.Op, Left: normalizeExpr(n.Left), Right: normalizeExpr(n.Right)}
	case *ast.Has:
		return &ast.Has{Arg: normalizeExpr(n.Arg), Path: append([]string(nil), n.Path...)}
	case *ast.Like:
		var pat []ast.PatternPart
		for _, p := range n.Pattern {
			if p.Wildcard {
				pat = append(pat, p)
			} else {
				pat = appendLiteral(pat, p.Literal)
			}
		}
		return &ast.Like{Arg: normalizeExpr(n.Arg), Pattern: pat}
	case *ast.Is:
		out := &ast.Is{Arg: normalizeExpr(n.Arg), Type: n.Type}
		if n.In != nil {
			out.In = normalizeExpr(n.In)
		}
		return out
	case *ast.If:
		return &ast.If{Cond: normalizeExpr(n.Cond), Then: normalizeExpr(n.Then), Else: normalizeExpr(n.Else)}
	case *ast.GetAttr:
		return &ast.GetAttr{Arg: normalizeExpr(n.Arg), Attr: n.Attr}
	case *ast.MethodCall:
		return &ast.MethodCall{Recv: normalizeExpr(n.Recv), Name: n.Name, Args: normalizeExprs(n.Args)}
	case *ast.Call:
		return &ast.Call{Name: n.Name, Args: normalizeExprs(n.Args)}
	case *ast.SetExpr:
		return &ast.SetExpr{Elems: normalizeExprs(n.Elems)}
	case *ast.RecordExpr:
		out := &ast.RecordExpr{}
		for _, en := range n.Entries {
			out.Entries = append(out.Entries, ast.RecordEntry{Key: en.Key, Value: normalizeExpr(en.Value)})
		}
		sort.SliceStable(out.Entries, func(i, j int) bool { return out.Entries[i].Key < out.Entries[j].Key })
		return out
	}
	return e
}
