package ast

// PathAt returns the nodes of f that enclose the byte offset, outermost
// first: the policy, then for example its condition, then the
// expressions down to the innermost one at the offset. It is nil when no
// policy encloses the offset.
//
// A node encloses an offset from its start through its end inclusive, so
// a cursor just after `principal` or `resource.owner` is on that node, as
// an editor wants for completion and hover. Where two siblings touch, the
// first wins; where two policies touch, the one starting at the offset
// wins. Partial trees work the same way: after `when { principal.` the
// path ends at the *GetAttr whose name is missing.
func PathAt(f *File, offset int) []Node {
	var pol *Policy
	for _, p := range f.Policies {
		if p.Span.Start <= offset && offset <= p.Span.End {
			pol = p
			if offset < p.Span.End {
				break
			}
		}
	}
	if pol == nil {
		return nil
	}
	return PathInPolicy(pol, offset)
}

// PathInPolicy is PathAt within one policy: nil when the policy does not
// enclose the offset.
func PathInPolicy(p *Policy, offset int) []Node {
	encloses := func(n Node) bool {
		s := n.Loc()
		return s.Start <= offset && offset <= s.End
	}
	if !encloses(p) {
		return nil
	}
	path := []Node{p}
	for n := Node(p); ; {
		var next Node
		eachChild(n, func(c Node) {
			if next == nil && encloses(c) {
				next = c
			}
		})
		if next == nil {
			return path
		}
		path = append(path, next)
		n = next
	}
}
