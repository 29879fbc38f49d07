package analysis

import (
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/schema/syntax"
	"github.com/cedar-ls/cedar-ls/internal/jsontree"
)

// SymbolKind is what a symbol names.
type SymbolKind uint8

const (
	SymbolPolicy SymbolKind = iota + 1
	SymbolTemplate
	SymbolNamespace
	SymbolEntityType
	SymbolAction
	SymbolCommonType
	SymbolAttribute
	SymbolEntity // an entity in an entities file, by uid
	SymbolTest   // a test case of a tests file
)

// Symbol is a named thing in a file, with what it contains.
type Symbol struct {
	Name   string
	Detail string
	Kind   SymbolKind
	// Span covers the whole thing; SelectionSpan the name to show.
	Span, SelectionSpan Span
	Children            []Symbol
}

// DocumentSymbols lists a file's symbols: policies by their @id (else
// policy0, policy1, … as official Cedar names them), schema namespaces and
// declarations with their attributes, entities by uid, tests by name.
func DocumentSymbols(snap *Snapshot, uri string) []Symbol {
	syms := documentSymbols(snap, uri)
	containSelections(syms)
	return syms
}

// containSelections keeps every selection span inside its symbol's span, as
// LSP requires: a half-typed policy or declaration has parts that were never
// read (an empty effect or name span at offset 0), and a client that checks
// (VS Code) rejects such a symbol. The whole span is selected instead.
func containSelections(syms []Symbol) {
	for i := range syms {
		s := &syms[i]
		if s.SelectionSpan.Start < s.Span.Start || s.SelectionSpan.End > s.Span.End || s.SelectionSpan.Start > s.SelectionSpan.End {
			s.SelectionSpan = s.Span
		}
		containSelections(s.Children)
	}
}

func documentSymbols(snap *Snapshot, uri string) []Symbol {
	f := snap.File(uri)
	if f == nil {
		return nil
	}
	switch f.Kind {
	case KindPolicy:
		return policySymbols(f)
	case KindSchema, KindSchemaJSON:
		tree, _ := f.SchemaSyntax()
		if tree == nil {
			return nil
		}
		return schemaSymbols(tree)
	case KindEntities, KindTests:
		tree, _ := f.JSON()
		if tree == nil {
			return nil
		}
		if f.Kind == KindTests {
			return testSymbols(tree)
		}
		return entitySymbols(tree)
	}
	return nil
}

// PolicyName is the name a policy is known by: its @id, else its
// position's id (policy0, …).
func PolicyName(p *ast.Policy) string {
	for _, a := range p.Annotations {
		if a.Key == "id" && a.HasValue {
			return a.Value
		}
	}
	return p.ID
}

func policySymbols(f *File) []Symbol {
	var out []Symbol
	for _, p := range f.Policies().AST.Policies {
		sel := Span(p.EffectSpan)
		for _, a := range p.Annotations {
			if a.Key == "id" && a.HasValue {
				sel = Span(a.Span)
			}
		}
		kind, detail := SymbolPolicy, p.Effect.String()
		if p.EffectSpan.End == p.EffectSpan.Start {
			detail = "incomplete" // the effect was never read
		}
		if p.IsTemplate() {
			kind, detail = SymbolTemplate, p.Effect.String()+" template"
		}
		out = append(out, Symbol{Name: PolicyName(p), Detail: detail, Kind: kind, Span: Span(p.Span), SelectionSpan: sel})
	}
	return out
}

func schemaSymbols(tree *syntax.File) []Symbol {
	var out []Symbol
	for _, ns := range tree.Namespaces {
		var decls []Symbol
		for _, d := range ns.Decls {
			decls = append(decls, declSymbols(d)...)
		}
		if ns.Name == nil {
			out = append(out, decls...)
			continue
		}
		out = append(out, Symbol{Name: ns.Name.Text, Kind: SymbolNamespace, Span: Span(ns.Span), SelectionSpan: Span(ns.Name.Span), Children: decls})
	}
	return out
}

func declSymbols(d syntax.Decl) []Symbol {
	var out []Symbol
	switch d := d.(type) {
	case *syntax.EntityDecl:
		detail := "entity"
		if d.IsEnum {
			detail = "enum entity"
		}
		for _, n := range d.Names {
			out = append(out, Symbol{Name: n.Value, Detail: detail, Kind: SymbolEntityType, Span: Span(d.Span), SelectionSpan: Span(n.Span), Children: attrSymbols(d.Shape)})
		}
	case *syntax.ActionDecl:
		for _, n := range d.Names {
			var ctx syntax.Type
			if d.AppliesTo != nil {
				ctx = d.AppliesTo.Context
			}
			out = append(out, Symbol{Name: n.Value, Detail: "action", Kind: SymbolAction, Span: Span(d.Span), SelectionSpan: Span(n.Span), Children: attrSymbols(ctx)})
		}
	case *syntax.TypeDecl:
		if d.Name != nil {
			out = append(out, Symbol{Name: d.Name.Value, Detail: "type", Kind: SymbolCommonType, Span: Span(d.Span), SelectionSpan: Span(d.Name.Span), Children: attrSymbols(d.Type)})
		}
	}
	return out
}

func attrSymbols(t syntax.Type) []Symbol {
	rec, ok := t.(*syntax.RecordType)
	if !ok {
		return nil
	}
	var out []Symbol
	for _, a := range rec.Attrs {
		if a.Name == nil {
			continue
		}
		detail := ""
		if a.Optional {
			detail = "optional"
		}
		out = append(out, Symbol{Name: a.Name.Value, Detail: detail, Kind: SymbolAttribute, Span: Span(a.Span), SelectionSpan: Span(a.Name.Span), Children: attrSymbols(a.Type)})
	}
	return out
}

// entitySymbols lists the entities of an entities file by uid
// (`{"type", "id"}` or `{"__entity": {…}}`).
func entitySymbols(tree *jsontree.Value) []Symbol {
	var out []Symbol
	for _, e := range tree.Elems {
		if e.Kind != jsontree.Object {
			continue
		}
		m := e.Member("uid")
		if m == nil {
			continue
		}
		uid := m.Value
		if inner := uid.Member("__entity"); inner != nil {
			uid = inner.Value
		}
		typ, id := uid.Member("type"), uid.Member("id")
		if typ == nil || id == nil || typ.Value.Kind != jsontree.String || id.Value.Kind != jsontree.String {
			continue
		}
		name := fmt.Sprintf("%s::%q", typ.Value.Text, id.Value.Text)
		out = append(out, Symbol{Name: name, Detail: "entity", Kind: SymbolEntity, Span: Span{e.Start, e.End}, SelectionSpan: Span{m.Value.Start, m.Value.End}})
	}
	return out
}

func testSymbols(tree *jsontree.Value) []Symbol {
	var out []Symbol
	for i, e := range tree.Elems {
		if e.Kind != jsontree.Object {
			continue
		}
		name, sel := fmt.Sprintf("test %d", i), Span{e.Start, e.Start + 1}
		if m := e.Member("name"); m != nil && m.Value.Kind == jsontree.String {
			name, sel = m.Value.Text, Span{m.Value.Start, m.Value.End}
		}
		out = append(out, Symbol{Name: name, Detail: "test", Kind: SymbolTest, Span: Span{e.Start, e.End}, SelectionSpan: sel})
	}
	return out
}
