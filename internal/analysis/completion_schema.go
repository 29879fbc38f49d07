package analysis

import (
	"sort"

	"github.com/cedar-ls/cedar-ls/engine/schema/syntax"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/internal/token"
)

// CompleteSchema proposes completions in a schema file: type names in type
// positions, entity types after `in` and in appliesTo, actions in an
// action's `in [ … ]`, keys and declaration keywords. tree is the file's
// syntax tree (nil when it does not parse); the names it declares are
// offered even while the schema has errors.
func CompleteSchema(src []byte, json bool, tree *syntax.File, off int, k *Knowledge) []CompletionItem {
	if json {
		return completeSchemaJSON(src, tree, off, k)
	}
	names := schemaNames(tree, k)
	var toks, all []token.Token
	sc := token.NewScanner(src)
	for {
		t := sc.Next()
		if t.Kind == token.EOF {
			break
		}
		if t.Span.Start < off {
			toks = append(toks, t)
		}
		all = append(all, t)
	}
	// A declaration being edited is missing from the tree: its name is
	// still offered.
	names.addDeclared(src, all)
	for _, cm := range sc.Comments {
		if cm.Span.Start < off && off <= cm.Span.End {
			return nil
		}
	}
	replace := source.Span{Start: off, End: off}
	n := len(toks)
	if n > 0 && toks[n-1].Span.End == off && toks[n-1].Kind == token.Ident {
		replace = toks[n-1].Span
		n--
	}
	if n > 0 && toks[n-1].Kind == token.String && toks[n-1].Span.End > off {
		return nil
	}
	var items []CompletionItem
	add := func(label string, kind CompletionKind, detail string) {
		items = append(items, CompletionItem{Label: label, Kind: kind, Detail: detail, InsertText: label, Replace: Span(replace)})
	}
	text := func(i int) string {
		if i < 0 || i >= n {
			return ""
		}
		return toks[i].Text(src)
	}
	kind := func(i int) token.Kind {
		if i < 0 || i >= n {
			return token.EOF
		}
		return toks[i].Kind
	}
	entityTypes := func() {
		for _, e := range names.entities {
			add(e, CompleteEntityType, "entity type")
		}
	}
	typeNames := func() {
		for _, p := range []string{"String", "Long", "Bool", "ipaddr", "decimal", "datetime", "duration"} {
			add(p, CompleteKeyword, "built-in type")
		}
		items = append(items, CompletionItem{Label: "Set<…>", Kind: CompleteSnippet, Snippet: true, InsertText: "Set<${1}>", Replace: Span(replace)})
		for _, c := range names.commons {
			add(c, CompleteEntityType, "common type")
		}
		entityTypes()
	}
	// The declaration keyword the cursor is in (entity, action, type).
	decl := ""
	depth := 0
	for i := n - 1; i >= 0; i-- {
		switch kind(i) {
		case token.RBrace:
			depth++
		case token.LBrace:
			depth--
		case token.Semicolon:
			if depth <= 0 {
				i = -1
				continue
			}
		case token.Ident:
			if w := text(i); (w == "entity" || w == "action" || w == "type") && depth <= 0 {
				decl = w
				i = -1
				continue
			}
		}
	}
	prev := n - 1
	switch kind(prev) {
	case token.Colon:
		switch text(prev - 1) {
		case "principal", "resource":
			entityTypes()
		case "context":
			for _, c := range names.commons {
				add(c, CompleteEntityType, "common type")
			}
		default:
			typeNames()
		}
		return items
	case token.Less, token.Assign:
		typeNames()
		return items
	case token.LBracket, token.Comma:
		o := -1
		d := 0
		for i := prev; i >= 0; i-- {
			if kind(i) == token.RBracket {
				d++
			}
			if kind(i) == token.LBracket {
				if d == 0 {
					o = i
					break
				}
				d--
			}
		}
		if o >= 0 {
			switch {
			case text(o-1) == "in" && decl == "action":
				for _, a := range names.actions {
					add(quoteIfNeeded(a), CompleteAction, "action")
				}
			case text(o-1) == "in", kind(o-1) == token.Colon:
				entityTypes()
			}
			return items
		}
	case token.Ident:
		switch text(prev) {
		case "in":
			if decl == "action" {
				for _, a := range names.actions {
					add(quoteIfNeeded(a), CompleteAction, "action")
				}
			} else {
				entityTypes()
			}
			return items
		case "tags":
			typeNames()
			return items
		}
	}
	// Key and keyword positions.
	if decl == "action" && depth < 0 {
		for _, key := range []string{"principal", "resource", "context"} {
			add(key, CompleteProperty, "appliesTo key")
		}
		return items
	}
	if decl == "" || kind(prev) == token.Semicolon || kind(prev) == token.RBrace || prev < 0 || (kind(prev) == token.LBrace && text(prev-2) == "namespace") {
		for _, kw := range []string{"entity", "action", "type", "namespace"} {
			add(kw, CompleteKeyword, "declaration")
		}
		items = append(items, CompletionItem{Label: "@doc", Kind: CompleteAnnotation, Snippet: true, InsertText: `@doc("${1}")`, Replace: Span(replace)})
		return items
	}
	if decl == "entity" && depth == 0 && kind(prev) == token.Ident {
		for _, kw := range []string{"in", "tags", "enum"} {
			add(kw, CompleteKeyword, "")
		}
	}
	if decl == "action" && depth == 0 && kind(prev) != token.Ident {
		return items
	}
	if decl == "action" && depth == 0 {
		add("appliesTo", CompleteKeyword, "")
		add("in", CompleteKeyword, "")
	}
	return items
}

func quoteIfNeeded(id string) string {
	if isPlainIdentStr(id) {
		return id
	}
	return `"` + escapeID(id) + `"`
}

func isPlainIdentStr(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) || (i == 0 && s[i] >= '0' && s[i] <= '9') {
			return false
		}
	}
	return true
}

// schemaNameSet are the names a schema declares, as written where they are
// visible (unqualified in their namespace; qualified elsewhere).
type schemaNameSet struct {
	entities, commons, actions []string
}

func schemaNames(tree *syntax.File, k *Knowledge) schemaNameSet {
	seen := map[string]bool{}
	var out schemaNameSet
	addTo := func(l *[]string, s string) {
		if !seen[s] {
			seen[s] = true
			*l = append(*l, s)
		}
	}
	if tree != nil {
		for _, ns := range tree.Namespaces {
			for _, d := range ns.Decls {
				switch d := d.(type) {
				case *syntax.EntityDecl:
					for _, nm := range d.Names {
						addTo(&out.entities, nm.Value)
					}
				case *syntax.TypeDecl:
					addTo(&out.commons, d.Name.Value)
				case *syntax.ActionDecl:
					for _, nm := range d.Names {
						addTo(&out.actions, "\x00"+nm.Value)
					}
				}
			}
		}
	}
	if v := k.view(); v != nil {
		for _, e := range v.entityTypes {
			addTo(&out.entities, string(e))
		}
	}
	for i, a := range out.actions {
		out.actions[i] = a[1:]
	}
	sort.Strings(out.entities)
	sort.Strings(out.commons)
	sort.Strings(out.actions)
	return out
}

// addDeclared harvests the names a schema that does not parse declares,
// from its tokens: `entity A, B`, `type T`, `action a, "b"`.
func (ns *schemaNameSet) addDeclared(src []byte, toks []token.Token) {
	seen := map[string]bool{}
	for _, l := range [][]string{ns.entities, ns.commons, ns.actions} {
		for _, n := range l {
			seen[n] = true
		}
	}
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].Kind != token.Ident {
			continue
		}
		var list *[]string
		switch toks[i].Text(src) {
		case "entity":
			list = &ns.entities
		case "type":
			list = &ns.commons
		case "action":
			list = &ns.actions
		default:
			continue
		}
		for j := i + 1; j < len(toks); j += 2 {
			t := toks[j]
			name := t.Text(src)
			if t.Kind == token.String {
				v, err := token.Unquote([]byte(name))
				if err != nil {
					break
				}
				name = v
			} else if t.Kind != token.Ident {
				break
			}
			if !seen[name] {
				seen[name] = true
				*list = append(*list, name)
			}
			if j+1 >= len(toks) || toks[j+1].Kind != token.Comma || list == &ns.commons {
				break
			}
		}
	}
	sort.Strings(ns.entities)
	sort.Strings(ns.commons)
	sort.Strings(ns.actions)
}
