package analysis

import (
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/schema/syntax"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/internal/jsontree"
)

// FoldKind is what a folding range folds.
type FoldKind uint8

const (
	FoldRegion FoldKind = iota
	FoldComment
)

// Fold is a foldable span; the caller folds it by lines and drops those on
// one line.
type Fold struct {
	Span Span
	Kind FoldKind
}

// FoldingRanges lists what can fold: policies, their conditions, multi-line
// records and sets; schema namespaces, declarations and records; JSON
// arrays and objects; runs of `//` comment lines.
func FoldingRanges(snap *Snapshot, uri string) []Fold {
	f := snap.File(uri)
	if f == nil {
		return nil
	}
	var out []Fold
	switch f.Kind {
	case KindPolicy:
		pf := f.Policies()
		for _, p := range pf.AST.Policies {
			out = append(out, Fold{Span: Span(p.Span)})
			for _, c := range p.Conditions {
				out = append(out, Fold{Span: Span(c.Span)})
				ast.Inspect(c.Body, func(e ast.Expr) bool {
					switch e.(type) {
					case *ast.RecordExpr, *ast.SetExpr, *ast.If:
						out = append(out, Fold{Span: Span(e.Loc())})
					}
					return true
				})
			}
		}
		out = append(out, commentFolds(f, pf.AST.Comments)...)
	case KindSchema, KindSchemaJSON:
		tree, _ := f.SchemaSyntax()
		if tree == nil {
			break
		}
		if f.Kind == KindSchemaJSON {
			out = append(out, jsonFolds(f)...)
			break
		}
		for _, ns := range tree.Namespaces {
			if ns.Name != nil {
				out = append(out, Fold{Span: Span(ns.Span)})
			}
			for _, d := range ns.Decls {
				out = append(out, Fold{Span: Span(d.DeclSpan())})
				switch d := d.(type) {
				case *syntax.EntityDecl:
					out = append(out, typeFolds(d.Shape)...)
				case *syntax.ActionDecl:
					if d.AppliesTo != nil {
						out = append(out, Fold{Span: Span(d.AppliesTo.Span)})
						out = append(out, typeFolds(d.AppliesTo.Context)...)
					}
				case *syntax.TypeDecl:
					out = append(out, typeFolds(d.Type)...)
				}
			}
		}
		out = append(out, commentFolds(f, tree.Comments)...)
	default:
		if f.Kind.IsJSON() {
			out = append(out, jsonFolds(f)...)
		}
	}
	return out
}

func typeFolds(t syntax.Type) []Fold {
	var out []Fold
	switch t := t.(type) {
	case *syntax.RecordType:
		out = append(out, Fold{Span: Span(t.Span)})
		for _, a := range t.Attrs {
			out = append(out, typeFolds(a.Type)...)
		}
	case *syntax.SetType:
		out = append(out, typeFolds(t.Elem)...)
	}
	return out
}

func jsonFolds(f *File) []Fold {
	tree, _ := f.JSON()
	var out []Fold
	var walk func(v *jsontree.Value)
	walk = func(v *jsontree.Value) {
		if v == nil {
			return
		}
		if v.Kind == jsontree.Array || v.Kind == jsontree.Object {
			out = append(out, Fold{Span: Span{v.Start, v.End}})
		}
		for _, e := range v.Elems {
			walk(e)
		}
		for _, m := range v.Members {
			walk(m.Value)
		}
	}
	walk(tree)
	return out
}

// commentFolds folds runs of comments on consecutive lines.
func commentFolds(f *File, comments []source.Comment) []Fold {
	var out []Fold
	lines := f.Lines()
	for i := 0; i < len(comments); {
		j := i
		for j+1 < len(comments) && lines.Line(comments[j+1].Span.Start) == lines.Line(comments[j].Span.Start)+1 {
			j++
		}
		if j > i {
			out = append(out, Fold{Span: Span{comments[i].Span.Start, comments[j].Span.End}, Kind: FoldComment})
		}
		i = j + 1
	}
	return out
}
