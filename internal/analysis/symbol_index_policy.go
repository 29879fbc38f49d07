package analysis

import (
	"bytes"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// PolicySource is one policy file of the workspace: its text and the
// policies that parsed.
type PolicySource struct {
	URI  string
	Text []byte
	File *ast.File
}

// policyOccurrences lists the symbols named in the parsed policies of a
// file: entity types and actions in scopes and literals, attributes
// (typed against the schema per request environment), namespaces.
//
// With a schema key, each policy's occurrences are cached by the policy's
// text (spans relative to its start), so after an edit only the policies
// that changed are walked again.
func policyOccurrences(ps *PolicySource, v *schemaView, x *schemaIndex, schemaKey string) []occurrence {
	if ps.File == nil {
		return nil
	}
	w := &policyWalker{src: ps.Text, uri: ps.URI, v: v, x: x}
	for _, p := range ps.File.Policies {
		if schemaKey == "" || p.Span.End > len(ps.Text) || p.Span.Start < 0 {
			w.policy(p)
			continue
		}
		text := ps.Text[p.Span.Start:p.Span.End]
		key := occurrenceKey{schemaKey, maphash.Bytes(hashSeed, text), len(text)}
		if cached, ok := occurrenceCache.Load(key); ok {
			for _, o := range cached.([]occurrence) {
				w.add(o.shift(p.Span.Start))
			}
			continue
		}
		n := len(w.occs)
		w.policy(p)
		rel := make([]occurrence, 0, len(w.occs)-n)
		for _, o := range w.occs[n:] {
			rel = append(rel, o.shift(-p.Span.Start))
		}
		if occurrenceCacheSize.Add(1) > maxOccurrenceCache {
			occurrenceCache.Clear()
			occurrenceCacheSize.Store(0)
		}
		occurrenceCache.Store(key, rel)
	}
	return w.occs
}

// occurrenceKey identifies a policy's text (by a 64-bit hash and its
// length) under a schema.
type occurrenceKey struct {
	schema string
	hash   uint64
	n      int
}

// occurrenceCache holds the occurrences of policies by schema and text.
var (
	occurrenceCache     sync.Map
	occurrenceCacheSize atomic.Int64
)

const maxOccurrenceCache = 50000

// shift moves an occurrence's spans by d bytes.
func (o occurrence) shift(d int) occurrence {
	o.Span.Start += d
	o.Span.End += d
	o.EditSpan.Start += d
	o.EditSpan.End += d
	if o.quotedEdit != nil {
		o.quotedSpan.Start += d
		o.quotedSpan.End += d
	}
	if o.Decl {
		o.DeclSpan.Start += d
		o.DeclSpan.End += d
	}
	return o
}

type policyWalker struct {
	src  []byte
	uri  string
	v    *schemaView
	x    *schemaIndex
	te   *typeEnv
	occs []occurrence
}

func (w *policyWalker) add(o occurrence) {
	o.URI = w.uri
	w.occs = append(w.occs, o)
}

func (w *policyWalker) policy(p *ast.Policy) {
	w.te = newTypeEnv(w.v, p)
	for _, sc := range []ast.Scope{p.Principal, p.Resource} {
		if sc.Op == ast.ScopeIs || sc.Op == ast.ScopeIsIn {
			w.typePath(string(sc.Type), sc.TypeSpan)
		}
		if (sc.Op == ast.ScopeEq || sc.Op == ast.ScopeIn || sc.Op == ast.ScopeIsIn) && sc.Entity.Slot == ast.NoSlot {
			w.entityRef(sc.Entity.UID, sc.Entity.Span)
		}
	}
	a := p.Action
	if a.Op == ast.ScopeEq || a.Op == ast.ScopeIn {
		w.entityRef(a.Entity.UID, a.Entity.Span)
	}
	for _, e := range a.Entities {
		w.entityRef(e.UID, e.Span)
	}
	for _, c := range p.Conditions {
		ast.Inspect(c.Body, w.expr)
	}
}

func (w *policyWalker) expr(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.EntityLit:
		w.entityRef(e.UID, e.Span)
	case *ast.Is:
		w.typePath(string(e.Type), e.TypeSpan)
	case *ast.GetAttr:
		var keys []symKey
		for _, o := range w.te.attrOwners(e.Arg, e.Attr) {
			keys = append(keys, w.x.attrKeys(e.Attr, o.Attr)...)
		}
		if len(keys) > 0 {
			o := occurrence{Keys: keys, Span: e.AttrSpan, EditSpan: e.AttrSpan, edit: identOrQuoted}
			switch dot := w.dotBefore(e.AttrSpan.Start); {
			case e.Bracket:
				o.Span = inner(e.AttrSpan)
				o.edit = types.Quote
			case dot >= 0:
				// `e.a` becomes `e["new name"]` for a name that is no
				// identifier.
				o.quotedSpan = source.Span{Start: dot, End: e.AttrSpan.End}
				o.quotedEdit = func(n string) string { return "[" + types.Quote(n) + "]" }
			}
			w.add(o)
		}
	case *ast.Has:
		ts := w.te.typeOf(e.Arg)
		for i, seg := range hasSegments(w.src, e.PathSpan) {
			if i >= len(e.Path) {
				break
			}
			name := e.Path[i]
			var keys []symKey
			var next []schema.Type
			for _, t := range ts {
				if a := w.v.attrsOf(t)[name]; a != nil {
					keys = append(keys, w.x.attrKeys(name, a)...)
					next = addType(next, a.Type)
				}
			}
			if len(keys) > 0 {
				o := occurrence{Keys: keys, Span: seg, EditSpan: seg, edit: identOrQuoted}
				if seg.End-seg.Start > 0 && w.src[seg.Start] == '"' {
					o.Span = inner(seg)
					o.edit = types.Quote
				} else if len(e.Path) == 1 {
					// `e has a` becomes `e has "new name"`.
					o.edit = func(n string) string {
						if ast.IsPlainIdent(n) {
							return n
						}
						return types.Quote(n)
					}
				} else {
					// A `has a.b` path holds identifiers only.
					o.accepts = ast.IsPlainIdent
				}
				w.add(o)
			}
			ts = next
		}
	}
	return true
}

// identOrQuoted writes an attribute name after `.` or `has`: renaming to a
// name that is not an identifier is refused before it gets here.
func identOrQuoted(n string) string { return n }

// hasSegments splits the attribute path after `has` into its segments.
func hasSegments(src []byte, span source.Span) []source.Span {
	var out []source.Span
	i := span.Start
	for i < span.End {
		for i < span.End && (isSpace(src[i]) || src[i] == '.') {
			i++
		}
		start := i
		if i < span.End && src[i] == '"' {
			i++
			for i < span.End && src[i] != '"' {
				if src[i] == '\\' {
					i++
				}
				i++
			}
			i++
		} else {
			for i < span.End && isIdentByte(src[i]) {
				i++
			}
		}
		if i > start {
			out = append(out, source.Span{Start: start, End: min(i, span.End)})
		} else {
			i++
		}
	}
	return out
}

// typePath records an entity type written as a path.
func (w *policyWalker) typePath(t string, span source.Span) {
	if span.End <= span.Start {
		return
	}
	w.add(pathOcc(symKey{Kind: SymEntityType, Name: t}, t, span, w.src, false))
	if i := strings.LastIndex(t, "::"); i > 0 {
		w.add(namespaceOcc(t[:i], t, span, w.src, false))
	}
}

// entityRef records an entity literal `T::"id"` spanning span: its type, or
// for an action its id.
func (w *policyWalker) entityRef(uid types.EntityUID, span source.Span) {
	if span.End <= span.Start || span.End > len(w.src) {
		return
	}
	q := bytes.IndexByte(w.src[span.Start:span.End], '"')
	if q < 0 {
		return
	}
	idSpan := source.Span{Start: span.Start + q, End: span.End}
	typeEnd := span.Start + q
	for typeEnd > span.Start && (w.src[typeEnd-1] == ':' || isSpace(w.src[typeEnd-1])) {
		typeEnd--
	}
	typeSpan := source.Span{Start: span.Start, End: typeEnd}
	if isActionType(uid.Type) {
		w.add(occurrence{Keys: []symKey{{Kind: SymAction, Name: uid.String()}}, Span: inner(idSpan), EditSpan: idSpan, edit: types.Quote})
		if i := strings.LastIndex(string(uid.Type), "::"); i > 0 {
			w.add(namespaceOcc(string(uid.Type[:i]), string(uid.Type), typeSpan, w.src, false))
		}
		return
	}
	w.typePath(string(uid.Type), typeSpan)
	w.add(occurrence{Keys: []symKey{{Kind: SymEntity, Name: uid.String()}}, Span: inner(idSpan), EditSpan: idSpan, edit: types.Quote})
}

// dotBefore returns the offset of the `.` before an attribute name at
// off (spaces between allowed), -1 if there is none.
func (w *policyWalker) dotBefore(off int) int {
	i := off
	for i > 0 && isSpace(w.src[i-1]) {
		i--
	}
	if i > 0 && w.src[i-1] == '.' {
		return i - 1
	}
	return -1
}
