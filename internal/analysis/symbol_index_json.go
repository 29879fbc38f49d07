package analysis

import (
	"github.com/cedar-ls/cedar-ls/engine/source"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// JSONKind is the kind of a Cedar JSON data file.
type JSONKind uint8

const (
	JSONEntities JSONKind = iota + 1 // *.cedarentities.json, entities.json
	JSONLinks                        // template links
	JSONRequest                      // --request-json shape
	JSONTests                        // run-tests files
)

// JSONSource is one JSON data file of the workspace.
type JSONSource struct {
	URI  string
	Kind JSONKind
	Text []byte
}

// jsonOccurrences lists the symbols named in a JSON data file: entity types
// and actions of entity references, attributes of entities and contexts.
func jsonOccurrences(js *JSONSource, v *schemaView, x *schemaIndex) []occurrence {
	root := parseJSONSpans(js.Text)
	if root == nil {
		return nil
	}
	w := &jsonWalker{src: js.Text, uri: js.URI, v: v, x: x}
	switch js.Kind {
	case JSONEntities:
		for _, e := range root.Elems {
			w.entity(e)
		}
	case JSONRequest:
		w.request(root)
	case JSONTests:
		for _, t := range root.Elems {
			if r := t.get("request"); r != nil {
				w.request(r)
			} else {
				w.request(t)
			}
			if es := t.get("entities"); es != nil && es.Kind == 'a' {
				for _, e := range es.Elems {
					w.entity(e)
				}
			}
		}
	case JSONLinks:
		// [{"template_id", "link_id", "args": {"?principal": "T::\"id\""}}]
		for _, l := range root.Elems {
			if args := l.get("args"); args != nil {
				for _, m := range args.Keys {
					w.uid(m.Val)
				}
			}
		}
	}
	return w.occs
}

type jsonWalker struct {
	src  []byte
	uri  string
	v    *schemaView
	x    *schemaIndex
	occs []occurrence
}

func (w *jsonWalker) add(o occurrence) {
	o.URI = w.uri
	w.occs = append(w.occs, o)
}

// uid reads an entity reference: {"type","id"}, {"__entity": …} or a
// string `T::"id"`; it records its occurrences and returns the UID.
func (w *jsonWalker) uid(n *jnode) (types.EntityUID, bool) {
	if n == nil {
		return types.EntityUID{}, false
	}
	if n.Kind == 's' {
		uid, err := parse.EntityUID(n.Str)
		if err != nil {
			return types.EntityUID{}, false
		}
		t := string(uid.Type)
		raw := string(w.src[n.Span.Start+1 : n.Span.End-1])
		if !strings.HasPrefix(raw, t) {
			return uid, true
		}
		kind := SymAction
		if !isActionType(uid.Type) {
			span := source.Span{Start: n.Span.Start + 1, End: n.Span.Start + 1 + len(t)}
			w.add(pathOcc(symKey{Kind: SymEntityType, Name: t}, t, span, w.src, false))
			kind = SymEntity
		}
		// An id written plainly inside the escaped quotes:
		// `Action::\"view\"`.
		if rest := raw[len(t):]; strings.HasPrefix(rest, `::\"`) && strings.HasSuffix(rest, `\"`) && rest[4:len(rest)-2] == uid.ID {
			start := n.Span.Start + 1 + len(t) + 4
			span := source.Span{Start: start, End: start + len(uid.ID)}
			w.add(occurrence{Keys: []symKey{{Kind: kind, Name: uid.String()}}, Span: span, EditSpan: span, edit: func(id string) string {
				j := jsonQuote(types.Quote(id))
				return j[3 : len(j)-3]
			}})
		}
		return uid, true
	}
	if e := n.get("__entity"); e != nil {
		n = e
	}
	t, tn := n.str("type")
	id, idn := n.str("id")
	if tn == nil || idn == nil {
		return types.EntityUID{}, false
	}
	uid := types.NewEntityUID(types.EntityType(t), id)
	if isActionType(uid.Type) {
		w.add(occurrence{Keys: []symKey{{Kind: SymAction, Name: uid.String()}}, Span: inner(idn.Span), EditSpan: idn.Span, edit: jsonQuote})
	} else {
		w.add(pathOcc(symKey{Kind: SymEntityType, Name: t}, t, tn.Span, w.src, true))
		w.add(occurrence{Keys: []symKey{{Kind: SymEntity, Name: uid.String()}}, Span: inner(idn.Span), EditSpan: idn.Span, edit: jsonQuote})
	}
	if i := strings.LastIndex(t, "::"); i > 0 {
		w.add(namespaceOcc(t[:i], t, tn.Span, w.src, true))
	}
	return uid, true
}

// entity reads one entity of an entities file.
func (w *jsonWalker) entity(e *jnode) {
	n := len(w.occs)
	uid, ok := w.uid(e.get("uid"))
	// The uid declares the entity.
	for i := n; i < len(w.occs); i++ {
		if w.occs[i].Keys[0].Kind == SymEntity {
			w.occs[i].Decl, w.occs[i].DeclSpan = true, e.Span
		}
	}
	if ps := e.get("parents"); ps != nil {
		for _, p := range ps.Elems {
			w.uid(p)
		}
	}
	attrs := e.get("attrs")
	if !ok || attrs == nil {
		w.any(attrs)
		return
	}
	var shape schema.Type
	if w.v != nil {
		if en := w.v.s.Entities[uid.Type]; en != nil && en.Shape != nil {
			shape = en.Shape
		}
	}
	w.record(attrs, shape)
	w.any(e.get("tags"))
}

// record reads a record value typed t: its keys name attributes of t.
func (w *jsonWalker) record(n *jnode, t schema.Type) {
	if n == nil {
		return
	}
	if n.Kind != 'o' {
		w.any(n)
		return
	}
	attrs := w.v.attrsOf(t)
	for _, m := range n.Keys {
		if a := attrs[m.Name]; a != nil {
			if keys := w.x.attrKeys(m.Name, a); len(keys) > 0 {
				w.add(occurrence{Keys: keys, Span: inner(m.Span), EditSpan: m.Span, edit: jsonQuote})
			}
			w.value(m.Val, a.Type)
			continue
		}
		w.any(m.Val)
	}
}

func (w *jsonWalker) value(n *jnode, t schema.Type) {
	switch t := t.(type) {
	case *schema.Record:
		w.record(n, t)
	case schema.Set:
		if n != nil && n.Kind == 'a' {
			for _, e := range n.Elems {
				w.value(e, t.Elem)
			}
		}
	default:
		w.any(n)
	}
}

// any looks for entity references anywhere in n.
func (w *jsonWalker) any(n *jnode) {
	if n == nil {
		return
	}
	switch n.Kind {
	case 'o':
		if n.get("__entity") != nil || (len(n.Keys) == 2 && n.get("type") != nil && n.get("id") != nil) {
			w.uid(n)
			return
		}
		for _, m := range n.Keys {
			w.any(m.Val)
		}
	case 'a':
		for _, e := range n.Elems {
			w.any(e)
		}
	}
}

// request reads a request: principal, action, resource, context.
func (w *jsonWalker) request(r *jnode) {
	if r == nil {
		return
	}
	w.uid(r.get("principal"))
	w.uid(r.get("resource"))
	act, ok := w.uid(r.get("action"))
	ctx := r.get("context")
	if ok && w.v != nil {
		if a := w.v.s.Actions[act]; a != nil {
			w.record(ctx, w.v.contextOf(act))
			return
		}
	}
	w.any(ctx)
}
