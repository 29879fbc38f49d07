package analysis

import (
	"errors"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/validate"
	"sort"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/schema"
)

// Sources is the set of files the cross-file features (definition,
// references, rename, highlight) look at.
type Sources struct {
	Schema   *schema.Schema
	Schemas  []*SchemaSource
	Policies []*PolicySource
	JSON     []*JSONSource
	// locate maps a span of the resolved schema (merged fragments) to its
	// file and the span there; nil with a single schema file.
	locate func(source.Span) (string, source.Span)
	// SchemaKey identifies the schema's content, for caches ("" for none).
	SchemaKey string
	// Validator is the schema's validator, for typing at a cursor.
	Validator *validate.Validator
}

// SymbolIndex holds every occurrence of every symbol of a workspace. Build
// it once per workspace state; it is immutable and safe to share.
type SymbolIndex struct {
	ws       *Sources
	x        *schemaIndex
	v        *schemaView
	byURI    map[string][]occurrence
	policies map[string]*PolicySource
	// entityDecls locates the entities of the entities files by UID.
	entityDecls map[string][]declLoc
}

// NewSymbolIndex indexes a workspace.
func NewSymbolIndex(ws *Sources) *SymbolIndex {
	idx := &SymbolIndex{ws: ws, x: newSchemaIndex(ws.Schemas, ws.locate), v: viewOf(ws.Schema),
		byURI: map[string][]occurrence{}, policies: map[string]*PolicySource{}, entityDecls: map[string][]declLoc{}}
	for _, o := range idx.x.occs {
		idx.byURI[o.URI] = append(idx.byURI[o.URI], o)
	}
	for _, p := range ws.Policies {
		idx.policies[p.URI] = p
		idx.byURI[p.URI] = append(idx.byURI[p.URI], policyOccurrences(p, idx.v, idx.x, ws.SchemaKey)...)
	}
	for _, j := range ws.JSON {
		occs := jsonOccurrences(j, idx.v, idx.x)
		idx.byURI[j.URI] = append(idx.byURI[j.URI], occs...)
		for _, o := range occs {
			if o.Decl && o.Keys[0].Kind == SymEntity {
				idx.entityDecls[o.Keys[0].Name] = append(idx.entityDecls[o.Keys[0].Name], declLoc{o.URI, o.Span, o.DeclSpan})
			}
		}
	}
	return idx
}

// occurrenceAt returns the innermost occurrence at off in a file.
func (idx *SymbolIndex) occurrenceAt(uri string, off int) *occurrence {
	var best *occurrence
	occs := idx.byURI[uri]
	for i := range occs {
		o := &occs[i]
		if o.Span.Start <= off && off <= o.Span.End {
			if best == nil || o.Span.End-o.Span.Start < best.Span.End-best.Span.Start {
				best = o
			}
		}
	}
	return best
}

// DefTarget is where a symbol is declared: Name is its name there, Decl
// the whole declaration.
type DefTarget struct {
	URI  string
	Name Span
	Decl Span
}

// Definition returns the declarations of the symbol at off in the file uri.
// In policies it also answers for the variables (the declarations of their
// types, or of the actions the scope names) and in policies that do not
// parse.
func (idx *SymbolIndex) Definition(uri string, off int) []DefTarget {
	var keys []symKey
	if o := idx.occurrenceAt(uri, off); o != nil {
		keys = o.Keys
	} else if p := idx.policies[uri]; p != nil {
		var targets []DefTarget
		keys, targets = idx.policyCursorSymbol(p, off)
		if targets != nil {
			return targets
		}
	}
	return idx.declsOf(keys)
}

func (idx *SymbolIndex) declsOf(keys []symKey) []DefTarget {
	var out []DefTarget
	// One target per declaration: `action a, b, c …;` declares several.
	seen := map[Location]bool{}
	add := func(d declLoc) {
		if l := (Location{d.URI, Span(d.Decl)}); !seen[l] {
			seen[l] = true
			out = append(out, DefTarget{d.URI, Span(d.Name), Span(d.Decl)})
		}
	}
	for _, k := range keys {
		var ds []declLoc
		switch k.Kind {
		case SymEntityType:
			ds = idx.x.entities[k.Name]
		case SymCommonType:
			ds = idx.x.commons[k.Name]
		case SymAction:
			ds = idx.x.actions[k.Name]
		case SymNamespace:
			ds = idx.x.namespaces[k.Name]
		case SymEntity:
			ds = idx.entityDecls[k.Name]
		case SymAttribute:
			if d, ok := idx.x.attrDecls[k]; ok {
				ds = []declLoc{d}
			}
		}
		for _, d := range ds {
			add(d)
		}
	}
	sortTargets(out)
	return out
}

func sortTargets(ts []DefTarget) {
	sort.Slice(ts, func(i, j int) bool {
		if ts[i].URI != ts[j].URI {
			return ts[i].URI < ts[j].URI
		}
		return ts[i].Decl.Start < ts[j].Decl.Start
	})
}

func intersects(a, b []symKey) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// References returns every place the symbol at off is named, declarations
// included when includeDecl is set, in a stable order.
func (idx *SymbolIndex) References(uri string, off int, includeDecl bool) []Location {
	o := idx.occurrenceAt(uri, off)
	if o == nil {
		return nil
	}
	var out []Location
	seen := map[Location]bool{}
	for _, occs := range idx.byURI {
		for _, r := range occs {
			if (includeDecl || !r.Decl) && intersects(r.Keys, o.Keys) {
				l := Location{r.URI, Span(r.Span)}
				if !seen[l] {
					seen[l] = true
					out = append(out, l)
				}
			}
		}
	}
	sortLocations(out)
	return out
}

func sortLocations(ls []Location) {
	sort.Slice(ls, func(i, j int) bool {
		if ls[i].URI != ls[j].URI {
			return ls[i].URI < ls[j].URI
		}
		return ls[i].Span.Start < ls[j].Span.Start
	})
}

// Highlight is one occurrence of the symbol under the cursor in the same
// file; Decl marks its declaration.
type Highlight struct {
	Span Span
	Decl bool
}

// DocumentHighlights returns the occurrences, in file uri, of the symbol
// at off.
func (idx *SymbolIndex) DocumentHighlights(uri string, off int) []Highlight {
	o := idx.occurrenceAt(uri, off)
	if o == nil {
		return nil
	}
	var out []Highlight
	seen := map[source.Span]bool{}
	for _, r := range idx.byURI[uri] {
		if intersects(r.Keys, o.Keys) && !seen[r.Span] {
			seen[r.Span] = true
			out = append(out, Highlight{Span(r.Span), r.Decl})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	return out
}

// ErrNoSymbol is returned when there is nothing to rename at a position.
var ErrNoSymbol = errors.New("no entity type, action, attribute, common type or namespace here")

// PrepareRename returns the span of the name at off and its current text.
func (idx *SymbolIndex) PrepareRename(uri string, off int) (Span, string, error) {
	o := idx.occurrenceAt(uri, off)
	if o == nil {
		return Span{}, "", ErrNoSymbol
	}
	k := o.Keys[0]
	name := k.Name
	switch k.Kind {
	case SymEntityType, SymCommonType:
		if i := strings.LastIndex(name, "::"); i >= 0 {
			name = name[i+2:]
		}
	case SymAction, SymEntity:
		if i := strings.Index(name, `::"`); i >= 0 {
			name = name[i+3 : len(name)-1]
			if uq, err := unquoteCedar(`"` + name + `"`); err == nil {
				name = uq
			}
		}
	}
	return Span(o.Span), name, nil
}

// Rename renames the symbol at off everywhere in the workspace. Attributes
// reached through a value of several types are renamed in all of those
// types, so that the policies validate as before.
func (idx *SymbolIndex) Rename(uri string, off int, newName string) (map[string][]TextEdit, error) {
	o := idx.occurrenceAt(uri, off)
	if o == nil {
		return nil, ErrNoSymbol
	}
	if err := checkNewName(o.Keys[0].Kind, newName); err != nil {
		return nil, err
	}
	if err := idx.checkFree(o.Keys[0], newName); err != nil {
		return nil, err
	}
	keys := idx.closure(o.Keys)
	for _, occs := range idx.byURI {
		for _, r := range occs {
			if r.accepts != nil && intersects(r.Keys, keys) && !r.accepts(newName) {
				return nil, errors.New("`" + newName + "` cannot be written in the `has` path at " + idx.placeText(Location{r.URI, Span(r.Span)}) + "; use an identifier")
			}
		}
	}
	edits := map[string][]TextEdit{}
	seen := map[Location]bool{}
	for _, occs := range idx.byURI {
		for _, r := range occs {
			if !intersects(r.Keys, keys) || r.edit == nil {
				continue
			}
			span, edit := r.EditSpan, r.edit
			if r.quotedEdit != nil && !ast.IsPlainIdent(newName) {
				span, edit = r.quotedSpan, r.quotedEdit
			}
			l := Location{r.URI, Span(span)}
			if seen[l] {
				continue
			}
			seen[l] = true
			edits[r.URI] = append(edits[r.URI], TextEdit{Span(span), edit(newName)})
		}
	}
	for u := range edits {
		sort.Slice(edits[u], func(i, j int) bool { return edits[u][i].Span.Start < edits[u][j].Span.Start })
	}
	return edits, nil
}

// closure extends keys with every symbol that shares an occurrence with
// one of them (an attribute accessed on a union of types).
func (idx *SymbolIndex) closure(keys []symKey) []symKey {
	set := map[symKey]bool{}
	for _, k := range keys {
		set[k] = true
	}
	for changed := true; changed; {
		changed = false
		for _, occs := range idx.byURI {
			for _, r := range occs {
				if len(r.Keys) < 2 {
					continue
				}
				hit := false
				for _, k := range r.Keys {
					if set[k] {
						hit = true
					}
				}
				if hit {
					for _, k := range r.Keys {
						if !set[k] {
							set[k] = true
							changed = true
						}
					}
				}
			}
		}
	}
	out := make([]symKey, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	return out
}

func checkNewName(kind NameKind, n string) error {
	switch kind {
	case SymAction, SymEntity, SymAttribute:
		if n == "" {
			return errors.New("the new name cannot be empty")
		}
		return nil
	case SymNamespace:
		for _, seg := range strings.Split(n, "::") {
			if !ast.IsPlainIdent(seg) {
				return errors.New("a namespace is identifiers joined by `::`")
			}
		}
		return nil
	}
	if !ast.IsPlainIdent(n) {
		return errors.New("the new name must be an identifier")
	}
	return nil
}

// checkFree refuses a rename onto a name that is already declared (two
// entity types, actions, common types or namespaces would merge).
func (idx *SymbolIndex) checkFree(k symKey, newName string) error {
	taken := func(m map[string][]declLoc, name string) error {
		if len(m[name]) > 0 {
			return errors.New("`" + name + "` is already declared")
		}
		return nil
	}
	prefix := ""
	if i := strings.LastIndex(k.Name, "::"); i >= 0 {
		prefix = k.Name[:i+2]
	}
	switch k.Kind {
	case SymEntityType:
		if err := taken(idx.x.entities, prefix+newName); err != nil {
			return err
		}
		return taken(idx.x.commons, prefix+newName)
	case SymCommonType:
		if err := taken(idx.x.commons, prefix+newName); err != nil {
			return err
		}
		return taken(idx.x.entities, prefix+newName)
	case SymAction:
		if uid, ok := parseUID(k.Name); ok {
			uid.ID = newName
			return taken(idx.x.actions, uid.String())
		}
	case SymNamespace:
		return taken(idx.x.namespaces, newName)
	}
	return nil
}
