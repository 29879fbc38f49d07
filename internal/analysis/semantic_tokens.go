package analysis

import (
	"sort"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/schema/syntax"
	"github.com/cedar-ls/cedar-ls/internal/token"
)

// TokenKind is a semantic token type; the values index TokenTypes, the
// legend the server announces.
type TokenKind uint8

const (
	TokenNamespace  TokenKind = iota
	TokenType                 // an entity type or common type
	TokenEnumMember           // an action's id
	TokenProperty             // an attribute
	TokenFunction             // an extension function or a method
	TokenDecorator            // an annotation
	TokenParameter            // a template slot
	TokenVariable             // principal, action, resource, context
)

// TokenTypes and TokenModifiers are the legend, in LSP's standard names.
var (
	TokenTypes     = []string{"namespace", "type", "enumMember", "property", "function", "decorator", "parameter", "variable"}
	TokenModifiers = []string{"readonly", "defaultLibrary", "declaration"}
)

// Token modifiers, bits in the order of TokenModifiers.
const (
	ModReadonly       = 1 << 0
	ModDefaultLibrary = 1 << 1
	ModDeclaration    = 1 << 2
)

// SemanticToken is one classified span.
type SemanticToken struct {
	Span      Span
	Type      TokenKind
	Modifiers uint32
}

// SemanticTokens classifies the names of a policy or schema file (Cedar
// syntax): namespaces, entity and common types, actions' ids, attributes,
// functions and methods, annotations, slots and the request variables.
// Tokens are sorted and do not overlap. Policies with syntax errors are
// classified as far as they were read.
func SemanticTokens(snap *Snapshot, uri string) []SemanticToken {
	f := snap.File(uri)
	if f == nil {
		return nil
	}
	c := &classifier{src: f.Text}
	switch f.Kind {
	case KindPolicy:
		for _, p := range f.Policies().AST.Policies {
			c.policy(p)
		}
	case KindSchema:
		tree, _ := f.SchemaSyntax()
		if tree != nil {
			c.schema(tree)
		}
	}
	sort.SliceStable(c.out, func(i, j int) bool { return c.out[i].Span.Start < c.out[j].Span.Start })
	// Drop overlaps (a node seen twice), keeping the first.
	out := c.out[:0]
	end := -1
	for _, t := range c.out {
		if t.Span.Start >= end && t.Span.End > t.Span.Start {
			out = append(out, t)
			end = t.Span.End
		}
	}
	return out
}

type classifier struct {
	src []byte
	out []SemanticToken
}

func (c *classifier) add(sp Span, t TokenKind, mods uint32) {
	if sp.Start < 0 || sp.End > len(c.src) || sp.End <= sp.Start {
		return
	}
	c.out = append(c.out, SemanticToken{Span: sp, Type: t, Modifiers: mods})
}

// annotationKey marks `@key`, the `@` included.
func (c *classifier) annotationKey(key Span) {
	if key.Start > 0 && c.src[key.Start-1] == '@' {
		key.Start--
	}
	c.add(key, TokenDecorator, 0)
}

// path classifies the tokens of a written name in the span:
// `NS::Sub::Type` (namespaces, then the type) optionally followed by
// `::"id"` (an entity literal; the id is an enumMember for actions).
func (c *classifier) path(sp Span, mods uint32) {
	if sp.End > len(c.src) || sp.Start >= sp.End {
		return
	}
	s := token.NewScanner(c.src[:sp.End])
	s.Seek(sp.Start)
	var idents []Span
	for {
		t := s.Next()
		switch t.Kind {
		case token.Ident:
			idents = append(idents, Span(t.Span))
			continue
		case token.DoubleColon:
			continue
		case token.String:
			if len(idents) > 0 {
				last := idents[len(idents)-1]
				if string(c.src[last.Start:last.End]) == "Action" {
					c.add(Span(t.Span), TokenEnumMember, 0)
				}
			}
		}
		break
	}
	for i, id := range idents {
		if i == len(idents)-1 {
			c.add(id, TokenType, mods)
		} else {
			c.add(id, TokenNamespace, 0)
		}
	}
}

func (c *classifier) policy(p *ast.Policy) {
	for _, a := range p.Annotations {
		c.annotationKey(Span(a.KeySpan))
	}
	for _, sc := range []*ast.Scope{&p.Principal, &p.Action, &p.Resource} {
		c.add(Span(sc.VarSpan), TokenVariable, ModReadonly)
		if sc.Op == ast.ScopeIs || sc.Op == ast.ScopeIsIn {
			c.path(Span(sc.TypeSpan), 0)
		}
		refs := sc.Entities
		if sc.Op == ast.ScopeEq || sc.Op == ast.ScopeIn || sc.Op == ast.ScopeIsIn {
			refs = []ast.EntityRef{sc.Entity}
		}
		for _, r := range refs {
			if r.Slot != ast.NoSlot {
				c.add(Span(r.Span), TokenParameter, 0)
			} else {
				c.path(Span(r.Span), 0)
			}
		}
	}
	for _, cond := range p.Conditions {
		ast.Inspect(cond.Body, func(e ast.Expr) bool {
			switch n := e.(type) {
			case *ast.VarExpr:
				c.add(Span(n.Span), TokenVariable, ModReadonly)
			case *ast.SlotExpr:
				c.add(Span(n.Span), TokenParameter, 0)
			case *ast.EntityLit:
				c.path(Span(n.Span), 0)
			case *ast.Is:
				c.path(Span(n.TypeSpan), 0)
			case *ast.GetAttr:
				c.add(Span(n.AttrSpan), TokenProperty, 0)
			case *ast.Has:
				c.add(Span(n.PathSpan), TokenProperty, 0)
			case *ast.MethodCall:
				c.add(Span(n.NameSpan), TokenFunction, ModDefaultLibrary)
			case *ast.Call:
				c.add(Span(n.NameSpan), TokenFunction, ModDefaultLibrary)
			case *ast.RecordExpr:
				for _, en := range n.Entries {
					c.add(Span(en.KeySpan), TokenProperty, 0)
				}
			}
			return true
		})
	}
}

func (c *classifier) schema(f *syntax.File) {
	for _, ns := range f.Namespaces {
		c.annotations(ns.Annotations)
		if ns.Name != nil {
			c.pathAll(Span(ns.Name.Span), TokenNamespace)
		}
		for _, d := range ns.Decls {
			switch d := d.(type) {
			case *syntax.EntityDecl:
				c.annotations(d.Annotations)
				for _, n := range d.Names {
					c.add(Span(n.Span), TokenType, ModDeclaration)
				}
				for _, p := range d.MemberOf {
					c.path(Span(p.Span), 0)
				}
				c.schemaType(d.Shape)
				c.schemaType(d.Tags)
				for _, n := range d.Enum {
					c.add(Span(n.Span), TokenEnumMember, ModDeclaration)
				}
			case *syntax.ActionDecl:
				c.annotations(d.Annotations)
				for _, n := range d.Names {
					c.add(Span(n.Span), TokenEnumMember, ModDeclaration)
				}
				for _, r := range d.MemberOf {
					if r.Type != nil {
						c.path(Span(r.Type.Span), 0)
					}
					if r.ID != nil {
						c.add(Span(r.ID.Span), TokenEnumMember, 0)
					}
				}
				if at := d.AppliesTo; at != nil {
					for _, p := range append(append([]*syntax.Path(nil), at.Principals...), at.Resources...) {
						c.path(Span(p.Span), 0)
					}
					c.schemaType(at.Context)
				}
			case *syntax.TypeDecl:
				c.annotations(d.Annotations)
				if d.Name != nil {
					c.add(Span(d.Name.Span), TokenType, ModDeclaration)
				}
				c.schemaType(d.Type)
			}
		}
	}
}

func (c *classifier) annotations(as []*syntax.Annotation) {
	for _, a := range as {
		if a.Key != nil {
			c.annotationKey(Span(a.Key.Span))
		}
	}
}

// pathAll marks every identifier of a path with one type.
func (c *classifier) pathAll(sp Span, t TokenKind) {
	s := token.NewScanner(c.src[:sp.End])
	s.Seek(sp.Start)
	for tok := s.Next(); tok.Kind == token.Ident || tok.Kind == token.DoubleColon; tok = s.Next() {
		if tok.Kind == token.Ident {
			c.add(Span(tok.Span), t, 0)
		}
	}
}

func (c *classifier) schemaType(t syntax.Type) {
	switch t := t.(type) {
	case *syntax.NamedType:
		if t.Path != nil {
			c.path(Span(t.Path.Span), 0)
		}
	case *syntax.SetType:
		c.schemaType(t.Elem)
	case *syntax.RecordType:
		for _, a := range t.Attrs {
			c.annotations(a.Annotations)
			if a.Name != nil {
				c.add(Span(a.Name.Span), TokenProperty, ModDeclaration)
			}
			c.schemaType(a.Type)
		}
	}
}
