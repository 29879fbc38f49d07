package analysis

import (
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/schema/syntax"
	"github.com/cedar-ls/cedar-ls/internal/jsontree"
)

// SelectionRanges returns, for each offset, the spans a "expand selection"
// steps through: innermost first, each inside the next, ending with the
// whole file. Policies go expression → enclosing expressions → condition
// or scope → policy; schemas name → attribute → record → declaration →
// namespace; JSON value → member → enclosing values.
func SelectionRanges(snap *Snapshot, uri string, offsets []int) [][]Span {
	f := snap.File(uri)
	if f == nil {
		return nil
	}
	out := make([][]Span, len(offsets))
	for i, off := range offsets {
		var outer []Span // outermost first
		in := func(sp Span) bool { return sp.Start <= off && off <= sp.End && sp.End > sp.Start }
		push := func(sp Span) {
			if in(sp) {
				outer = append(outer, sp)
			}
		}
		switch f.Kind {
		case KindPolicy:
			for _, p := range f.Policies().AST.Policies {
				if !in(Span(p.Span)) {
					continue
				}
				push(Span(p.Span))
				for _, a := range p.Annotations {
					push(Span(a.Span))
					push(Span(a.KeySpan))
				}
				for _, sc := range []*ast.Scope{&p.Principal, &p.Action, &p.Resource} {
					push(Span(sc.Span))
					push(Span(sc.VarSpan))
					push(Span(sc.TypeSpan))
					push(Span(sc.Entity.Span))
					for _, r := range sc.Entities {
						push(Span(r.Span))
					}
				}
				for _, c := range p.Conditions {
					push(Span(c.Span))
					ast.Inspect(c.Body, func(e ast.Expr) bool {
						if !in(Span(e.Loc())) {
							return false
						}
						push(Span(e.Loc()))
						switch n := e.(type) {
						case *ast.GetAttr:
							push(Span(n.AttrSpan))
						case *ast.MethodCall:
							push(Span(n.NameSpan))
						case *ast.Call:
							push(Span(n.NameSpan))
						case *ast.EntityLit:
							push(Span(n.TypeSpan))
						case *ast.Is:
							push(Span(n.TypeSpan))
						case *ast.RecordExpr:
							for _, en := range n.Entries {
								push(Span(en.KeySpan))
							}
						}
						return true
					})
				}
			}
		case KindSchema:
			tree, _ := f.SchemaSyntax()
			if tree != nil {
				schemaSelection(tree, push)
			}
		default:
			if f.Kind.IsJSON() {
				tree, _ := f.JSON()
				jsonSelection(tree, in, push)
			}
		}
		out[i] = nest(outer, Span{0, len(f.Text)})
	}
	return out
}

// nest orders spans innermost first, keeping only a chain in which each
// span strictly contains the one before, and ends with the file.
func nest(spans []Span, file Span) []Span {
	spans = append(spans, file)
	var chain []Span
	// Sort by size, smallest first; keep spans that contain the previous.
	for len(spans) > 0 {
		best := 0
		for i, sp := range spans {
			if sp.End-sp.Start < spans[best].End-spans[best].Start {
				best = i
			}
		}
		sp := spans[best]
		spans = append(spans[:best], spans[best+1:]...)
		if len(chain) > 0 {
			last := chain[len(chain)-1]
			if sp == last || sp.Start > last.Start || sp.End < last.End {
				continue
			}
		}
		chain = append(chain, sp)
	}
	return chain
}

func schemaSelection(tree *syntax.File, push func(Span)) {
	var typ func(t syntax.Type)
	typ = func(t syntax.Type) {
		switch t := t.(type) {
		case *syntax.NamedType:
			push(Span(t.Span))
		case *syntax.SetType:
			push(Span(t.Span))
			typ(t.Elem)
		case *syntax.RecordType:
			push(Span(t.Span))
			for _, a := range t.Attrs {
				push(Span(a.Span))
				if a.Name != nil {
					push(Span(a.Name.Span))
				}
				typ(a.Type)
			}
		}
	}
	for _, ns := range tree.Namespaces {
		push(Span(ns.Span))
		if ns.Name != nil {
			push(Span(ns.Name.Span))
		}
		for _, d := range ns.Decls {
			push(Span(d.DeclSpan()))
			switch d := d.(type) {
			case *syntax.EntityDecl:
				for _, n := range d.Names {
					push(Span(n.Span))
				}
				for _, p := range d.MemberOf {
					push(Span(p.Span))
				}
				typ(d.Shape)
				typ(d.Tags)
			case *syntax.ActionDecl:
				for _, n := range d.Names {
					push(Span(n.Span))
				}
				if d.AppliesTo != nil {
					push(Span(d.AppliesTo.Span))
					for _, p := range append(append([]*syntax.Path(nil), d.AppliesTo.Principals...), d.AppliesTo.Resources...) {
						push(Span(p.Span))
					}
					typ(d.AppliesTo.Context)
				}
			case *syntax.TypeDecl:
				if d.Name != nil {
					push(Span(d.Name.Span))
				}
				typ(d.Type)
			}
		}
	}
}

func jsonSelection(v *jsontree.Value, in func(Span) bool, push func(Span)) {
	for v != nil && in(Span{v.Start, v.End}) {
		push(Span{v.Start, v.End})
		var next *jsontree.Value
		for _, e := range v.Elems {
			if in(Span{e.Start, e.End}) {
				next = e
			}
		}
		for _, m := range v.Members {
			if in(Span{m.KeyStart, m.Value.End}) {
				push(Span{m.KeyStart, m.Value.End})
				push(Span{m.KeyStart, m.KeyEnd})
				next = m.Value
			}
		}
		if next == v {
			break
		}
		v = next
	}
}
