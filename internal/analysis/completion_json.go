package analysis

import (
	"regexp"

	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/schema/syntax"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// jsonFrame is one open container around a cursor in a JSON text.
type jsonFrame struct {
	obj       bool
	key       string // the member whose value is being read
	expectKey bool
	start     int
}

// jsonCursor is where a cursor stands in a JSON text that need not be
// complete: the containers around it, whether it is in a string (and
// whether that string is a key), and the span to replace.
type jsonCursor struct {
	stack    []jsonFrame
	inString bool
	isKey    bool
	replace  Span // the string's content, or the cursor
	quoted   bool // the replacement goes between quotes already written
}

func newJSONCursor(src []byte, off int) *jsonCursor {
	c := &jsonCursor{replace: Span{Start: off, End: off}}
	if off > len(src) {
		off = len(src)
	}
	i := 0
	for i < off {
		ch := src[i]
		switch ch {
		case '{':
			c.stack = append(c.stack, jsonFrame{obj: true, expectKey: true, start: i})
		case '[':
			c.stack = append(c.stack, jsonFrame{start: i})
		case '}', ']':
			if len(c.stack) > 0 {
				c.stack = c.stack[:len(c.stack)-1]
			}
		case ',':
			if t := c.top(); t != nil && t.obj {
				t.expectKey, t.key = true, ""
			}
		case ':':
			if t := c.top(); t != nil && t.obj {
				t.expectKey = false
			}
		case '"':
			start := i
			j := i + 1
			for j < len(src) && src[j] != '"' && src[j] != '\n' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= off {
				c.inString = true
				c.quoted = true
				end := j
				if end > len(src) {
					end = len(src)
				}
				c.replace = Span{Start: start + 1, End: end}
				if t := c.top(); t != nil && t.obj && t.expectKey {
					c.isKey = true
				}
				return c
			}
			if t := c.top(); t != nil && t.obj && t.expectKey {
				s := string(src[start+1 : j])
				t.key = s
			}
			i = j
		}
		i++
	}
	if t := c.top(); t != nil && t.obj && t.expectKey {
		c.isKey = true
	}
	return c
}

func (c *jsonCursor) top() *jsonFrame {
	if len(c.stack) == 0 {
		return nil
	}
	return &c.stack[len(c.stack)-1]
}

// path lists the member keys leading to the cursor ("[]" for an array
// element).
func (c *jsonCursor) path() []string {
	var out []string
	for i := range c.stack {
		if i == 0 {
			continue
		}
		parent := c.stack[i-1]
		if parent.obj {
			out = append(out, parent.key)
		} else {
			out = append(out, "[]")
		}
	}
	return out
}

// item makes a completion of a JSON string (a key or a value).
func (c *jsonCursor) item(label string, kind CompletionKind, detail string) CompletionItem {
	text := jsonQuote(label)
	if c.quoted {
		text = text[1 : len(text)-1]
	}
	if c.isKey && !c.quoted {
		text += ": "
	}
	return CompletionItem{Label: label, Kind: kind, Detail: detail, InsertText: text, Replace: c.replace}
}

var typeFieldRE = regexp.MustCompile(`"type"\s*:\s*"((?:[^"\\]|\\.)*)"`)
var actionIDRE = regexp.MustCompile(`"action"\s*:\s*\{[^}]*"id"\s*:\s*"((?:[^"\\]|\\.)*)"|"action"\s*:\s*"((?:[^"\\]|\\.)*)"`)

// CompleteJSON proposes completions in an entities, request, tests or
// links file: keys, entity types, known ids, attribute names of the
// entity's type or the action's context, and an entity skeleton.
func CompleteJSON(src []byte, kind JSONKind, off int, k *Knowledge) []CompletionItem {
	c := newJSONCursor(src, off)
	v := k.view()
	p := c.path()
	var items []CompletionItem
	keys := func(ks ...string) {
		for _, key := range ks {
			items = append(items, c.item(key, CompleteProperty, ""))
		}
	}
	typesOf := func(ts []types.EntityType) {
		for _, t := range ts {
			items = append(items, c.item(string(t), CompleteEntityType, "entity type"))
		}
	}
	allTypes := func() []types.EntityType {
		if v == nil {
			return nil
		}
		return v.entityTypes
	}
	// typeIn finds the "type" written in the object that starts at start.
	typeIn := func(start int) string {
		if m := typeFieldRE.FindSubmatch(src[start:min(off, len(src))]); m != nil {
			return string(m[1])
		}
		return ""
	}
	top := c.top()
	if top == nil {
		return nil
	}
	// Entity references: {"type": …, "id": …}.
	last := ""
	if len(p) > 0 {
		last = p[len(p)-1]
	}
	if top.obj && !c.isKey && (top.key == "type" || top.key == "id") {
		switch top.key {
		case "type":
			if last == "action" {
				if v != nil {
					seen := map[types.EntityType]bool{}
					for _, a := range v.actions {
						if !seen[a.Type] {
							seen[a.Type] = true
							items = append(items, c.item(string(a.Type), CompleteEntityType, "action type"))
						}
					}
				}
				return items
			}
			typesOf(allTypes())
		case "id":
			t := types.EntityType(typeIn(top.start))
			if isActionType(t) && v != nil {
				for _, a := range v.actions {
					if a.Type == t {
						items = append(items, c.item(a.ID, CompleteAction, "action"))
					}
				}
				return items
			}
			for _, id := range k.knownIDs(t) {
				items = append(items, c.item(id, CompleteEntity, string(t)))
			}
		}
		return items
	}
	if top.obj && c.isKey && (last == "uid" || last == "principal" || last == "resource" || last == "action" || last == "__entity" || (len(p) >= 2 && p[len(p)-2] == "parents")) {
		keys("type", "id")
		return items
	}
	switch kind {
	case JSONEntities:
		switch {
		case len(c.stack) == 1 && !top.obj:
			for _, t := range allTypes() {
				items = append(items, CompletionItem{Label: string(t) + " entity", Kind: CompleteSnippet, Snippet: true, Replace: c.replace,
					InsertText: `{"uid": {"type": ` + jsonQuote(string(t)) + `, "id": "${1}"}, "attrs": {${2}}, "parents": [${3}]}`})
			}
			items = append(items, CompletionItem{Label: "entity", Kind: CompleteSnippet, Snippet: true, Replace: c.replace,
				InsertText: `{"uid": {"type": "${1}", "id": "${2}"}, "attrs": {${3}}, "parents": [${4}]}`})
		case len(c.stack) == 2 && top.obj && c.isKey:
			keys("uid", "attrs", "parents", "tags")
		case len(c.stack) == 3 && top.obj && c.isKey && last == "attrs":
			t := types.EntityType(typeIn(c.stack[1].start))
			if v != nil {
				if e := v.s.Entities[t]; e != nil && e.Shape != nil {
					items = append(items, attrKeyItems(c, e.Shape)...)
				}
			}
		case len(c.stack) == 3 && !top.obj && last == "parents":
			t := types.EntityType(typeIn(c.stack[1].start))
			if v != nil && v.s.Entities[t] != nil {
				for _, pt := range v.s.Entities[t].MemberOf {
					items = append(items, CompletionItem{Label: string(pt) + " parent", Kind: CompleteSnippet, Snippet: true, Replace: c.replace,
						InsertText: `{"type": ` + jsonQuote(string(pt)) + `, "id": "${1}"}`})
				}
			}
		}
	case JSONRequest, JSONTests:
		reqDepth := 1
		if kind == JSONTests {
			reqDepth = 3
			if len(c.stack) == 2 && top.obj && c.isKey {
				keys("name", "request", "entities", "decision", "reason", "num_errors")
				return items
			}
		}
		if len(c.stack) == reqDepth && top.obj && c.isKey {
			keys("principal", "action", "resource", "context")
			return items
		}
		if len(c.stack) == reqDepth+1 && top.obj && c.isKey && last == "context" && v != nil {
			reqStart := c.stack[reqDepth-1].start
			if m := actionIDRE.FindSubmatch(src[reqStart:min(off, len(src))]); m != nil {
				for _, a := range v.actions {
					if a.ID == string(m[1]) || (len(m[2]) > 0 && a.String() == unescapeJSON(string(m[2]))) {
						items = append(items, attrKeyItems(c, v.contextOf(a))...)
						break
					}
				}
			}
		}
	case JSONLinks:
		if len(c.stack) == 2 && top.obj && c.isKey {
			keys("template_id", "link_id", "args")
		} else if len(c.stack) == 3 && top.obj && c.isKey && last == "args" {
			keys("?principal", "?resource")
		}
	}
	return items
}

func unescapeJSON(s string) string {
	n := parseJSONSpans([]byte(`"` + s + `"`))
	if n == nil {
		return s
	}
	return n.Str
}

func attrKeyItems(c *jsonCursor, r *schema.Record) []CompletionItem {
	var out []CompletionItem
	for _, name := range sortedKeys(r.Attrs) {
		a := r.Attrs[name]
		out = append(out, c.item(name, CompleteAttribute, attrDetail(a)))
	}
	return out
}

// completeSchemaJSON completes the JSON schema syntax: its keys, the names
// of `type`, entity types in memberOfTypes and appliesTo lists.
func completeSchemaJSON(src []byte, tree *syntax.File, off int, k *Knowledge) []CompletionItem {
	c := newJSONCursor(src, off)
	top := c.top()
	if top == nil {
		return nil
	}
	names := schemaNames(tree, k)
	p := c.path()
	last := ""
	if len(p) > 0 {
		last = p[len(p)-1]
	}
	var items []CompletionItem
	keys := func(ks ...string) {
		for _, key := range ks {
			items = append(items, c.item(key, CompleteProperty, ""))
		}
	}
	entityTypes := func() {
		for _, e := range names.entities {
			items = append(items, c.item(e, CompleteEntityType, "entity type"))
		}
	}
	switch {
	case !top.obj && (last == "memberOfTypes" || last == "principalTypes" || last == "resourceTypes"):
		entityTypes()
	case top.obj && !c.isKey && top.key == "type":
		for _, t := range []string{"Record", "Set", "Entity", "Extension", "Long", "String", "Boolean", "EntityOrCommon"} {
			items = append(items, c.item(t, CompleteKeyword, "type"))
		}
		for _, t := range names.commons {
			items = append(items, c.item(t, CompleteEntityType, "common type"))
		}
	case top.obj && !c.isKey && top.key == "name":
		entityTypes()
		for _, t := range []string{"ipaddr", "decimal", "datetime", "duration"} {
			items = append(items, c.item(t, CompleteKeyword, "extension type"))
		}
	case top.obj && c.isKey && len(c.stack) == 2:
		keys("entityTypes", "actions", "commonTypes", "annotations")
	case top.obj && c.isKey && len(p) >= 2 && p[len(p)-2] == "entityTypes":
		keys("memberOfTypes", "shape", "tags", "enum", "annotations")
	case top.obj && c.isKey && len(p) >= 2 && p[len(p)-2] == "actions":
		keys("appliesTo", "memberOf", "annotations")
	case top.obj && c.isKey && last == "appliesTo":
		keys("principalTypes", "resourceTypes", "context")
	case top.obj && c.isKey && last != "attributes":
		keys("type", "attributes", "element", "name", "required")
	}
	return items
}

// HoverJSON describes the key under the cursor in an entities or request
// file: the declared type of the attribute.
func HoverJSON(src []byte, kind JSONKind, off int, k *Knowledge) *Hover {
	v := k.view()
	if v == nil {
		return nil
	}
	root := parseJSONSpans(src)
	if root == nil {
		return nil
	}
	var found *Hover
	var walk func(n *jnode, t schema.Type)
	walk = func(n *jnode, t schema.Type) {
		if n == nil || found != nil {
			return
		}
		attrs := v.attrsOf(t)
		for _, m := range n.Keys {
			a := attrs[m.Name]
			if m.Span.Start <= off && off <= m.Span.End && a != nil {
				found = &Hover{Span: Span(m.Span), Markdown: "```cedar\n" + attrKeyText(m.Name) + ": " + typeString(a.Type) + "\n```\n" + attrDoc(t, m.Name, a)}
				return
			}
			if a != nil && m.Val != nil && m.Val.Span.Start <= off && off <= m.Val.Span.End {
				walk(m.Val, a.Type)
			}
		}
	}
	switch kind {
	case JSONEntities:
		for _, e := range root.Elems {
			if e.Span.Start <= off && off <= e.Span.End {
				uid := e.get("uid")
				t, _ := uid.str("type")
				if et := v.s.Entities[types.EntityType(t)]; et != nil && et.Shape != nil {
					walk(e.get("attrs"), schema.EntityRef{Name: et.Name})
				}
				if found == nil && uid != nil && uid.Span.Start <= off && off <= uid.Span.End {
					found = &Hover{Span: Span(uid.Span), Markdown: entityTypeHover(v, types.EntityType(t))}
				}
			}
		}
	case JSONRequest:
		act := root.get("action")
		t, _ := act.str("type")
		id, _ := act.str("id")
		walk(root.get("context"), v.contextOf(types.NewEntityUID(types.EntityType(t), id)))
	}
	return found
}
