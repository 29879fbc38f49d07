package validate

import "github.com/cedar-ls/cedar-ls/engine/ast"

// readableScope is a copy of a policy with parse errors whose scope keeps
// only the constraints that were read: an entity reference that could not
// be read (no type, no slot) constrains nothing, so the environments are
// those an editor's user can still mean. The conditions are shared, so
// types found for their nodes are the original nodes' types.
func readableScope(p *ast.Policy) *ast.Policy {
	cp := *p
	for _, s := range []*ast.Scope{&cp.Principal, &cp.Action, &cp.Resource} {
		unread := func(r ast.EntityRef) bool { return r.Slot == ast.NoSlot && r.UID.Type == "" }
		switch s.Op {
		case ast.ScopeEq, ast.ScopeIn:
			if unread(s.Entity) {
				*s = ast.Scope{Var: s.Var, VarSpan: s.VarSpan, Span: s.Span}
			}
		case ast.ScopeIs, ast.ScopeIsIn:
			switch {
			case s.Type == "":
				*s = ast.Scope{Var: s.Var, VarSpan: s.VarSpan, Span: s.Span}
			case s.Op == ast.ScopeIsIn && unread(s.Entity):
				s.Op, s.Entity = ast.ScopeIs, ast.EntityRef{}
			}
		case ast.ScopeInSet:
			var refs []ast.EntityRef
			for _, r := range s.Entities {
				if !unread(r) {
					refs = append(refs, r)
				}
			}
			if len(refs) == 0 {
				*s = ast.Scope{Var: s.Var, VarSpan: s.VarSpan, Span: s.Span}
			} else {
				s.Entities = refs
			}
		}
	}
	return &cp
}
