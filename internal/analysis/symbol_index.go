package analysis

import (
	"github.com/cedar-ls/cedar-ls/engine/source"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/schema/syntax"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Symbols are the named things navigation and rename work on: entity
// types, actions (and action groups), attributes, common types and
// namespaces. Entity types, actions, common types and namespaces are
// identified by their qualified names; an attribute by where it is
// declared (two entity types may both declare `name`).

// NameKind is the kind of a symbol.
type NameKind uint8

const (
	SymEntityType NameKind = iota + 1
	SymAction
	SymAttribute
	SymCommonType
	SymNamespace
	// SymEntity is an entity (by UID): declared in an entities file,
	// named by entity literals, parents, references and requests.
	SymEntity
)

func (k NameKind) String() string {
	return [...]string{"", "entity type", "action", "attribute", "common type", "namespace", "entity"}[k]
}

// symKey identifies a symbol.
type symKey struct {
	Kind NameKind
	// Name is the qualified name (entity type, common type, namespace),
	// the action's UID text, or the attribute's name.
	Name string
	// URI and At locate an attribute's declaration (its name).
	URI string
	At  source.Span
}

// Location is a span in a file of the workspace.
type Location struct {
	URI  string
	Span Span
}

// occurrence is one place a symbol is named.
type occurrence struct {
	// Keys are the symbols named here: several for an attribute accessed
	// on a value of several possible types.
	Keys []symKey
	URI  string
	// Span is the text that names the symbol (for a path, the segment or
	// the namespace part; inside a JSON string, its content).
	Span source.Span
	// Decl is set on declarations; DeclSpan is the whole declaration.
	Decl     bool
	DeclSpan source.Span
	// EditSpan and edit say how to rename: replace EditSpan by
	// edit(newName).
	EditSpan source.Span
	edit     func(newName string) string
	// accepts, when set, says whether the new name can be written here.
	accepts func(newName string) bool
	// quotedSpan and quotedEdit, when set, replace EditSpan and edit for a
	// new name that is not an identifier (`e.a` becomes `e["a b"]`).
	quotedSpan source.Span
	quotedEdit func(newName string) string
}

// SchemaSource is one schema file of the workspace.
type SchemaSource struct {
	URI  string
	Text []byte
	Tree *syntax.File
}

// declLoc is where a symbol is declared.
type declLoc struct {
	URI  string
	Name source.Span
	Decl source.Span
}

// schemaIndex indexes the declarations and references of the schema files.
type schemaIndex struct {
	entities, commons, actions, namespaces map[string][]declLoc
	// attrs maps an attribute declaration (name span and name, as the
	// resolved schema's Attribute.Span records it) to its key.
	attrs map[attrSpanKey][]symKey
	// attrDecls locates attribute declarations by key.
	attrDecls map[symKey]declLoc
	occs      []occurrence
	// actionContexts locates each action's `context: …` declaration.
	actionContexts map[string][]declLoc
	locate         func(source.Span) (string, source.Span)
}

type attrSpanKey struct {
	Span source.Span
	Name string
}

func qualify(ns, name string) string {
	if ns == "" {
		return name
	}
	return ns + "::" + name
}

// newSchemaIndex indexes the schema files.
func newSchemaIndex(srcs []*SchemaSource, locate func(source.Span) (string, source.Span)) *schemaIndex {
	x := &schemaIndex{entities: map[string][]declLoc{}, commons: map[string][]declLoc{}, actions: map[string][]declLoc{},
		namespaces: map[string][]declLoc{}, attrs: map[attrSpanKey][]symKey{}, attrDecls: map[symKey]declLoc{},
		actionContexts: map[string][]declLoc{}, locate: locate}
	for _, s := range srcs {
		if s.Tree == nil {
			continue
		}
		for _, ns := range s.Tree.Namespaces {
			n := ns.NameText()
			if ns.Name != nil {
				x.namespaces[n] = append(x.namespaces[n], declLoc{s.URI, ns.Name.Span, ns.Span})
			}
			for _, d := range ns.Decls {
				switch d := d.(type) {
				case *syntax.EntityDecl:
					for _, nm := range d.Names {
						q := qualify(n, nm.Value)
						x.entities[q] = append(x.entities[q], declLoc{s.URI, nm.Span, d.Span})
					}
				case *syntax.ActionDecl:
					for _, nm := range d.Names {
						q := types.NewEntityUID(types.EntityType(qualify(n, "Action")), nm.Value).String()
						x.actions[q] = append(x.actions[q], declLoc{s.URI, nm.Span, d.Span})
					}
				case *syntax.TypeDecl:
					q := qualify(n, d.Name.Value)
					x.commons[q] = append(x.commons[q], declLoc{s.URI, d.Name.Span, d.Span})
				}
			}
		}
	}
	for _, s := range srcs {
		if s.Tree != nil {
			w := &schemaWalker{x: x, src: s}
			w.file()
		}
	}
	return x
}

type schemaWalker struct {
	x   *schemaIndex
	src *SchemaSource
	ns  string
}

func (w *schemaWalker) add(o occurrence) {
	o.URI = w.src.URI
	w.x.occs = append(w.x.occs, o)
}

func (w *schemaWalker) file() {
	json := w.src.Tree.FromJSON
	for _, ns := range w.src.Tree.Namespaces {
		w.ns = ns.NameText()
		if ns.Name != nil {
			w.add(w.nameOcc(symKey{Kind: SymNamespace, Name: w.ns}, ns.Name.Span, json, true, ns.Span, false))
		}
		for _, d := range ns.Decls {
			switch d := d.(type) {
			case *syntax.EntityDecl:
				for _, nm := range d.Names {
					w.add(w.nameOcc(symKey{Kind: SymEntityType, Name: qualify(w.ns, nm.Value)}, nm.Span, json, true, d.Span, nm.Quoted))
				}
				for _, p := range d.MemberOf {
					w.typeRef(p, syntax.RefEntity, true)
				}
				owner := ""
				if len(d.Names) > 0 {
					owner = qualify(w.ns, d.Names[0].Value)
				}
				w.typ(d.Shape, owner)
				w.typ(d.Tags, owner)
			case *syntax.ActionDecl:
				actionType := qualify(w.ns, "Action")
				for _, nm := range d.Names {
					uid := types.NewEntityUID(types.EntityType(actionType), nm.Value)
					w.add(w.actionOcc(uid, nm, json, true, d.Span))
				}
				for _, r := range d.MemberOf {
					t := actionType
					if r.Type != nil {
						t = r.Type.Text
						w.namespacePart(r.Type)
					}
					w.add(w.actionOcc(types.NewEntityUID(types.EntityType(t), r.ID.Value), r.ID, json, false, source.Span{}))
				}
				if at := d.AppliesTo; at != nil {
					for _, p := range at.Principals {
						w.typeRef(p, syntax.RefEntity, true)
					}
					for _, p := range at.Resources {
						w.typeRef(p, syntax.RefEntity, true)
					}
					if at.Context != nil {
						for _, nm := range d.Names {
							uid := types.NewEntityUID(types.EntityType(actionType), nm.Value).String()
							w.x.actionContexts[uid] = append(w.x.actionContexts[uid], declLoc{w.src.URI, at.Context.TypeSpan(), contextDeclSpan(w.src.Text, at.Context.TypeSpan())})
						}
						w.typ(at.Context, "context of "+actionType)
					}
				}
			case *syntax.TypeDecl:
				w.add(w.nameOcc(symKey{Kind: SymCommonType, Name: qualify(w.ns, d.Name.Value)}, d.Name.Span, json, true, d.Span, false))
				w.typ(d.Type, qualify(w.ns, d.Name.Value))
			}
		}
	}
}

// contextDeclSpan widens the span of an action's context type to include
// the `context:` key written before it (Cedar syntax).
func contextDeclSpan(src []byte, t source.Span) source.Span {
	i := t.Start
	for i > 0 && isSpace(src[i-1]) {
		i--
	}
	if i > 0 && src[i-1] == ':' {
		i--
		for i > 0 && isSpace(src[i-1]) {
			i--
		}
		if i >= 7 && string(src[i-7:i]) == "context" {
			return source.Span{Start: i - 7, End: t.End}
		}
		if i >= 9 && string(src[i-9:i]) == `"context"` {
			return source.Span{Start: i - 9, End: t.End}
		}
	}
	return t
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (w *schemaWalker) typ(t syntax.Type, owner string) {
	switch t := t.(type) {
	case *syntax.NamedType:
		w.typeRef(t.Path, t.Kind, false)
	case *syntax.SetType:
		w.typ(t.Elem, owner)
	case *syntax.RecordType:
		for _, a := range t.Attrs {
			k := symKey{Kind: SymAttribute, Name: a.Name.Value, URI: w.src.URI, At: a.Name.Span}
			w.x.attrs[attrSpanKey{a.Name.Span, a.Name.Value}] = append(w.x.attrs[attrSpanKey{a.Name.Span, a.Name.Value}], k)
			w.x.attrDecls[k] = declLoc{w.src.URI, a.Name.Span, a.Span}
			w.add(w.nameOcc(k, a.Name.Span, w.src.Tree.FromJSON, true, a.Span, a.Name.Quoted))
			w.typ(a.Type, owner)
		}
	}
}

// resolve names what a type name written in the current namespace refers
// to, following the schema's lookup order.
func (w *schemaWalker) resolve(text string, kind syntax.RefKind, entityOnly bool) (symKey, bool) {
	x := w.x
	if kind == syntax.RefPrimitive || kind == syntax.RefExtension || strings.HasPrefix(text, "__cedar::") {
		return symKey{}, false
	}
	common := func(q string) bool { return !entityOnly && kind != syntax.RefEntity && len(x.commons[q]) > 0 }
	entity := func(q string) bool { return kind != syntax.RefCommon && len(x.entities[q]) > 0 }
	cands := []string{text}
	if !strings.Contains(text, "::") && w.ns != "" {
		cands = []string{qualify(w.ns, text), text}
	}
	for _, q := range cands {
		if common(q) {
			return symKey{Kind: SymCommonType, Name: q}, true
		}
		if entity(q) {
			return symKey{Kind: SymEntityType, Name: q}, true
		}
	}
	return symKey{}, false
}

func (w *schemaWalker) typeRef(p *syntax.Path, kind syntax.RefKind, entityOnly bool) {
	if p == nil {
		return
	}
	k, ok := w.resolve(p.Text, kind, entityOnly)
	if !ok {
		return
	}
	w.add(pathOcc(k, p.Text, p.Span, w.src.Text, w.src.Tree.FromJSON))
	w.namespacePart(p)
}

func (w *schemaWalker) namespacePart(p *syntax.Path) {
	if i := strings.LastIndex(p.Text, "::"); i > 0 {
		if ns := strings.TrimSpace(p.Text[:i]); len(w.x.namespaces[ns]) > 0 {
			w.add(namespaceOcc(ns, p.Text, p.Span, w.src.Text, w.src.Tree.FromJSON))
		}
	}
}

// nameOcc is the occurrence of a declared name: an identifier (or, with
// quoted set, a string literal) in the Cedar syntax, a JSON string key or
// value in the JSON syntax.
func (w *schemaWalker) nameOcc(k symKey, span source.Span, json, decl bool, declSpan source.Span, quoted bool) occurrence {
	o := occurrence{Keys: []symKey{k}, Span: span, Decl: decl, DeclSpan: declSpan, EditSpan: span}
	switch {
	case json:
		o.Span = inner(span)
		o.edit = jsonQuote
	case quoted:
		o.Span = inner(span)
		o.edit = types.Quote
	default:
		o.edit = func(n string) string {
			if k.Kind == SymNamespace || ast.IsPlainIdent(n) {
				return n
			}
			return types.Quote(n)
		}
	}
	return o
}

func (w *schemaWalker) actionOcc(uid types.EntityUID, nm *syntax.Name, json, decl bool, declSpan source.Span) occurrence {
	return w.nameOcc(symKey{Kind: SymAction, Name: uid.String()}, nm.Span, json, decl, declSpan, nm.Quoted || !ast.IsPlainIdent(nm.Value))
}

// inner is the content of a quoted span.
func inner(s source.Span) source.Span {
	if s.End-s.Start >= 2 {
		return source.Span{Start: s.Start + 1, End: s.End - 1}
	}
	return s
}

// pathOcc is the occurrence of an entity or common type written as a path
// (Cedar text, or a JSON string holding it): renaming replaces the last
// segment and keeps the namespace as written.
func pathOcc(k symKey, text string, span source.Span, src []byte, json bool) occurrence {
	if json {
		prefix := ""
		if i := strings.LastIndex(text, "::"); i >= 0 {
			prefix = text[:i+2]
		}
		return occurrence{Keys: []symKey{k}, Span: inner(span), EditSpan: span, edit: func(n string) string { return jsonQuote(prefix + n) }}
	}
	seg := lastSegment(src, span)
	return occurrence{Keys: []symKey{k}, Span: seg, EditSpan: seg, edit: func(n string) string { return n }}
}

// namespaceOcc is the namespace part of a qualified path.
func namespaceOcc(ns, text string, span source.Span, src []byte, json bool) occurrence {
	k := symKey{Kind: SymNamespace, Name: ns}
	if json {
		rest := text[strings.LastIndex(text, "::"):]
		return occurrence{Keys: []symKey{k}, Span: inner(span), EditSpan: span, edit: func(n string) string { return jsonQuote(n + rest) }}
	}
	seg := lastSegment(src, span)
	// The namespace part runs from the start up to the last `::`.
	end := seg.Start
	for end > span.Start && (src[end-1] == ':' || isSpace(src[end-1])) {
		end--
	}
	s := source.Span{Start: span.Start, End: end}
	return occurrence{Keys: []symKey{k}, Span: s, EditSpan: s, edit: func(n string) string { return n }}
}

// lastSegment is the span of the last identifier of a Cedar path.
func lastSegment(src []byte, span source.Span) source.Span {
	if span.End > len(src) || span.Start < 0 || span.Start > span.End {
		return span
	}
	i := span.End
	for i > span.Start && isIdentByte(src[i-1]) {
		i--
	}
	return source.Span{Start: i, End: span.End}
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// attrKeys returns the symbol keys of a resolved attribute.
func (x *schemaIndex) attrKeys(name string, a *schema.Attribute) []symKey {
	if x == nil || a == nil {
		return nil
	}
	if x.locate != nil {
		uri, sp := x.locate(a.Span)
		k := symKey{Kind: SymAttribute, Name: name, URI: uri, At: sp}
		if _, ok := x.attrDecls[k]; ok {
			return []symKey{k}
		}
		return nil
	}
	return x.attrs[attrSpanKey{a.Span, name}]
}
